package generated

import (
	"bytes"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// FuzzQuotedIsMarshalString: quoted writes what graphql.MarshalString
// writes, for any bytes (invalid UTF-8 included).
func FuzzQuotedIsMarshalString(f *testing.F) {
	for _, s := range []string{"", "abc", "北朝鮮の\"核\"\\問題\n\t\r", "\x00\x01\x1f\x7f", "\xff\xfe半\xe5\x8c", "ロシア\u2028中国"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want, got bytes.Buffer
		graphql.MarshalString(s).MarshalGQL(&want)
		quoted(s).MarshalGQL(&got)
		if got.String() != want.String() {
			t.Errorf("quoted(%q) = %s, MarshalString %s", s, got.String(), want.String())
		}
	})
}

func TestQuotedOrNull(t *testing.T) {
	if quotedOrNull(nil) != graphql.Null {
		t.Error("nil is not null")
	}
	s := "a\"b"
	var got bytes.Buffer
	quotedOrNull(&s).MarshalGQL(&got)
	if got.String() != `"a\"b"` {
		t.Errorf("got %s", got.String())
	}
}
