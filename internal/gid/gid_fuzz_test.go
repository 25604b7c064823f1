package gid

import (
	"errors"
	"testing"
)

// FuzzDecode: any string decodes to a valid type and id that encode back
// to the same string, or fails with ErrInvalid; it never panics.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"", "!!!", "RG9jdW1lbnQ6MQ", Encode(Author, 42), Encode(Footnote, 1<<62),
		"RG9jdW1lbnQ6", "RG9jdW1lbnQ6MSBPUiAxPTE", "Tm9wZTox", "RG9jdW1lbnQ6LTE", "RG9jdW1lbnQ6MDA3", "RG9jdW1lbnQ6MQ=="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		typ, id, err := Decode(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Decode(%q): error %v is not ErrInvalid", s, err)
			}
			return
		}
		if !types[typ] || id <= 0 {
			t.Fatalf("Decode(%q) = %q, %d", s, typ, id)
		}
		if again := Encode(typ, id); again != s {
			t.Fatalf("Decode(%q) = %s:%d, which encodes as %q: two IDs for one object", s, typ, id, again)
		}
		if n, err := DecodeAs(typ, s); err != nil || n != id {
			t.Fatalf("DecodeAs(%s, %q) = %d, %v", typ, s, n, err)
		}
	})
}

// FuzzDecodeCursor: any cursor decodes into the key or fails with
// ErrInvalid; a decoded key encodes to a cursor that decodes the same.
func FuzzDecodeCursor(f *testing.F) {
	type key struct {
		P *string `json:"p,omitempty"`
		S string  `json:"s"`
	}
	date := "2024-10-31"
	for _, s := range []string{"", "x", EncodeCursor("documents", key{P: &date, S: "a"}), EncodeCursor("documents", key{S: "b"}),
		EncodeCursor("authors", key{S: "a"}), "ZG9jdW1lbnRzOnsicyI6IngnOyBEUk9QIFRBQkxFIGRvY3VtZW50czsgLS0ifQ",
		"ZG9jdW1lbnRzOnsicyI6ImEiLCJleHRyYSI6MX0", "ZG9jdW1lbnRzOnsicyI6ImEifSB7fQ", "ZG9jdW1lbnRzOnsicCI6bnVsbCwicyI6bnVsbH0",
		"ZG9jdW1lbnRzOltd", "ZG9jdW1lbnRzOg"} {
		f.Add("documents", s)
	}
	f.Fuzz(func(t *testing.T, kind, cursor string) {
		var k key
		err := DecodeCursor(kind, cursor, &k)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("DecodeCursor(%q, %q): error %v is not ErrInvalid", kind, cursor, err)
			}
			return
		}
		var k2 key
		if err := DecodeCursor(kind, EncodeCursor(kind, k), &k2); err != nil {
			t.Fatalf("re-encoded %+v does not decode: %v", k, err)
		}
		if k2.S != k.S || (k2.P == nil) != (k.P == nil) || k.P != nil && *k.P != *k2.P {
			t.Fatalf("round trip %+v → %+v", k, k2)
		}
	})
}
