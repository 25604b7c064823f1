package gid

import (
	"errors"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	for _, typ := range []string{Document, Author, Section, Paragraph, Footnote} {
		s := Encode(typ, 12345)
		got, id, err := Decode(s)
		if err != nil || got != typ || id != 12345 {
			t.Errorf("Decode(Encode(%s, 12345)) = %s, %d, %v", typ, got, id, err)
		}
		if _, err := DecodeAs(typ, s); err != nil {
			t.Errorf("DecodeAs(%s): %v", typ, err)
		}
	}
}

func TestDecodeRefuses(t *testing.T) {
	for _, s := range []string{
		"", "!!!", "RG9jdW1lbnQ6", // "Document:"
		enc.EncodeToString([]byte("Document:abc")),
		enc.EncodeToString([]byte("Document:-1")),
		enc.EncodeToString([]byte("Document:0")),
		enc.EncodeToString([]byte("Document:007")),
		enc.EncodeToString([]byte("Nope:1")),
		enc.EncodeToString([]byte("Document:99999999999999999999")),
	} {
		if _, _, err := Decode(s); !errors.Is(err, ErrInvalid) {
			t.Errorf("Decode(%q) error = %v, want ErrInvalid", s, err)
		}
	}
	if _, err := DecodeAs(Author, Encode(Document, 1)); !errors.Is(err, ErrInvalid) {
		t.Errorf("DecodeAs(Author, a Document ID) error = %v, want ErrInvalid", err)
	}
}

func TestCursor(t *testing.T) {
	type key struct {
		P *string `json:"p"`
		S string  `json:"s"`
	}
	date := "2024-10-31"
	c := EncodeCursor("documents", key{P: &date, S: "a"})
	var k key
	if err := DecodeCursor("documents", c, &k); err != nil || k.P == nil || *k.P != date || k.S != "a" {
		t.Fatalf("round trip: %+v, %v", k, err)
	}
	for _, bad := range []string{"", "x", c[:len(c)-2], EncodeCursor("authors", key{S: "a"}),
		enc.EncodeToString([]byte(`documents:{"s":"a","extra":1}`)),
		enc.EncodeToString([]byte(`documents:{"s":"a"} {}`))} {
		if err := DecodeCursor("documents", bad, &k); !errors.Is(err, ErrInvalid) {
			t.Errorf("DecodeCursor(%q) error = %v, want ErrInvalid", bad, err)
		}
	}
}
