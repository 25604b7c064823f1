package search

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

// fuzzSeeds are inputs a hostile or careless user might type; they run in
// the normal test suite as the fuzz targets' seed corpus.
var fuzzSeeds = []string{
	"", " ", "中国", "外交部", "中国 外交部", "中国の役割", "バック・パッシング", "Su-35", "ＴＨＡＡＤ",
	"'", "''", `\`, `\'`, `'\''`, "'中国'", `中国\`, "a'b", `a\b`,
	"'; DROP TABLE paragraphs; --", "1' OR '1'='1", "$1::tsquery", "); SELECT pg_sleep(10); --",
	"&", "|", "!", "!!中国", "<->", "<2>", "<-1>", "中国 <-> ロシア", "中国:*", "中国:A", "(中国", "中国)",
	"((((", "'中国' & 'ロシア'", "a & | b", "!(", "*", ":", "中国:*B|!ロシア<3>北朝鮮",
	"\x00", "中\x00国", "\xff\xfe", "中国\xe3\x81", "\t\n\r", "\u3000", "\u200b", "\ufeff中国",
	"조약", "조선로동당", "Кремль", "🇯🇵🙂", "ﾊﾞｯｸ･ﾊﾟｯｼﾝｸﾞ", "①②③", "¹²³", "—――", "・・・",
	strings.Repeat("中国", 500), strings.Repeat("a", 3000), strings.Repeat("-a", 300), strings.Repeat("の", 1000),
	strings.Repeat("'", 100), strings.Repeat(`\`, 100), strings.Repeat("中国 ", 200),
}

// FuzzQuery checks that whatever the user types, Query gives either
// nothing or a tsquery PostgreSQL accepts, and Highlight does not fail.
func FuzzQuery(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	conn := connect(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, q string) {
		tsq, ok := Query(q)
		if !ok {
			if tsq != "" {
				t.Fatalf("Query(%q) = %q with ok false", q, tsq)
			}
			return
		}
		if !utf8.ValidString(tsq) || strings.ContainsRune(tsq, 0) {
			t.Fatalf("Query(%q) = %q: not valid text", q, tsq)
		}
		var nodes int
		if err := conn.QueryRow(ctx, "SELECT numnode($1::tsquery)", tsq).Scan(&nodes); err != nil {
			t.Fatalf("Query(%q) = %s: PostgreSQL rejects it: %v", q, tsq, err)
		}
		if nodes == 0 {
			t.Fatalf("Query(%q) = %s: no lexemes", q, tsq)
		}
		if h := Highlight(q, q); !utf8.ValidString(h) {
			t.Fatalf("Highlight(%q) not valid UTF-8", q)
		}
	})
}

// FuzzVector checks that PostgreSQL accepts Vector's output in binary
// whatever the text, that its text form reads back as the same tsvector,
// and that a text always matches a query for itself.
func FuzzVector(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("中国外交部は中国の立場を述べた。")
	conn := connect(f)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text string) {
		v := Vector(jatext.Tokenize(text))
		var same bool
		if err := conn.QueryRow(ctx, "SELECT $1::tsvector = $2::text::tsvector", v, v.String()).Scan(&same); err != nil {
			t.Fatalf("Vector(%q) = %s: PostgreSQL rejects it: %v", text, v, err)
		}
		if !same {
			t.Fatalf("Vector(%q): the binary form is not the text form %s", text, v)
		}
		tsq, ok := Query(text)
		if !ok {
			return
		}
		var match bool
		if err := conn.QueryRow(ctx, "SELECT $1::tsvector @@ $2::tsquery", v, tsq).Scan(&match); err != nil {
			t.Fatalf("Vector(%q) = %s, Query = %s: %v", text, v, tsq, err)
		}
		if !match && utf8.RuneCountInString(text) < 200 && !strings.ContainsAny(text, " \t\n\u3000") {
			// Within one chunk the query and the text are analyzed alike,
			// so a short text without spaces must match itself.
			t.Errorf("text %q does not match its own query %s (vector %s)", text, tsq, v)
		}
	})
}
