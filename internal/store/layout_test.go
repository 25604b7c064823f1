package store

import (
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// A document the layout refuses, and one the store refuses on its own,
// are INVALID_ARGUMENT with a message naming the file.
func TestLayOutRefusals(t *testing.T) {
	base := func() DocumentWrite {
		d := &doc.Document{SourceFile: "e.txt", Sections: []doc.Section{{Level: 1, Paragraphs: []doc.Paragraph{{Text: "a"}}}}}
		return DocumentWrite{Slug: "x", Doc: d, Vectors: make([]pgtype.TSVector, 1)}
	}
	bad := []struct {
		name string
		mod  func(*DocumentWrite)
		want string
	}{
		{"empty slug", func(w *DocumentWrite) { w.Slug = "" }, "empty slug"},
		{"empty author", func(w *DocumentWrite) { w.Doc.Authors = []doc.Author{{Name: " 　"}} }, "empty name"},
		{"level 0", func(w *DocumentWrite) { w.Doc.Sections[0].Level = 0 }, "not 1..6"},
	}
	for _, c := range bad {
		w := base()
		c.mod(&w)
		_, err := layOut(w)
		if ErrorCode(err) != EInvalid || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "e.txt") {
			t.Errorf("%s: error %v, want INVALID_ARGUMENT %q", c.name, err, c.want)
		}
	}
	if _, err := layOut(base()); err != nil {
		t.Errorf("a valid document: %v", err)
	}
}
