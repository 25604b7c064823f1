package store

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/parse"
)

func write(d *doc.Document) DocumentWrite {
	return DocumentWrite{Slug: "x", Doc: d, Vectors: make([]pgtype.TSVector, len(d.Paragraphs()))}
}

func TestLayOutSeeds(t *testing.T) {
	files, err := filepath.Glob("../../seeds/documents/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	for _, path := range files {
		d, err := parse.File(path)
		if err != nil {
			t.Fatal(err)
		}
		lay, err := layOut(write(d))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		body := []rune(lay.body)
		var texts []string
		for i, p := range lay.paragraphs {
			texts = append(texts, p.text)
			if string(body[p.start:p.end]) != p.text {
				t.Errorf("%s: paragraph %d: body[%d:%d] is not its text", path, i, p.start, p.end)
			}
		}
		if lay.body != strings.Join(texts, doc.ParagraphSeparator) {
			t.Errorf("%s: body is not the paragraphs joined", path)
		}
		for i, s := range d.Sections {
			var own []string
			for _, p := range s.Paragraphs {
				own = append(own, p.Text)
			}
			sp := lay.sections[i]
			if string(body[sp.start:sp.end]) != strings.Join(own, doc.ParagraphSeparator) {
				t.Errorf("%s: section %d span [%d:%d] is not its paragraphs", path, i, sp.start, sp.end)
			}
		}
		refs := 0
		for _, p := range d.Paragraphs() {
			refs += len(p.FootnoteRefs)
		}
		if len(lay.refs) != refs {
			t.Errorf("%s: %d refs laid out, %d parsed", path, len(lay.refs), refs)
		}
	}
}

func TestLayOutEdges(t *testing.T) {
	h := "見出し"
	d := &doc.Document{SourceFile: "e.txt", Sections: []doc.Section{
		{Level: 1, Paragraphs: []doc.Paragraph{{Text: "𠮷野家"}}}, // a code point outside the BMP
		{Heading: &h, Level: 2}, // no paragraphs
		{Heading: &h, Level: 1, Paragraphs: []doc.Paragraph{{Text: "b"}, {Text: "c"}}},
	}}
	lay, err := layOut(write(d))
	if err != nil {
		t.Fatal(err)
	}
	if got := [3]span{lay.paragraphs[0].span, lay.paragraphs[1].span, lay.paragraphs[2].span}; got != [3]span{{0, 3}, {5, 6}, {8, 9}} {
		t.Errorf("paragraph spans %v", got)
	}
	if lay.sections[1].start != lay.sections[1].end || lay.sections[2] != (span{5, 9}) {
		t.Errorf("section spans %v", lay.sections)
	}
	if n := utf8.RuneCountInString(lay.body); n != 9 {
		t.Errorf("body has %d code points, want 9", n)
	}

	bad := []struct {
		name string
		mod  func(*doc.Document)
		want string
	}{
		{"marker without note", func(d *doc.Document) {
			d.Sections[0].Paragraphs[0].FootnoteRefs = []doc.FootnoteRef{{Label: "1", Offset: 1}}
		}, "has no footnote"},
		{"marker past the end", func(d *doc.Document) {
			d.Footnotes = []doc.Footnote{{Label: "1"}}
			d.Sections[0].Paragraphs[0].FootnoteRefs = []doc.FootnoteRef{{Label: "1", Offset: 4}}
		}, "outside the paragraph"},
		{"duplicate label", func(d *doc.Document) { d.Footnotes = []doc.Footnote{{Label: "1"}, {Label: "1"}} }, "appears twice"},
		{"level 0", func(d *doc.Document) { d.Sections[1].Level = 0 }, "not 1..6"},
		{"empty author", func(d *doc.Document) { d.Authors = []doc.Author{{Name: " 　"}} }, "empty name"},
	}
	for _, c := range bad {
		dd := *d
		dd.Sections = append([]doc.Section(nil), d.Sections...)
		dd.Sections[0].Paragraphs = append([]doc.Paragraph(nil), d.Sections[0].Paragraphs...)
		c.mod(&dd)
		if _, err := layOut(write(&dd)); ErrorCode(err) != EInvalid || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want INVALID_ARGUMENT %q", c.name, err, c.want)
		}
	}
}
