package doc_test

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/parse"
)

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
		lay, err := doc.LayOut(d)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		body := []rune(lay.Body)
		var texts []string
		for i, p := range lay.Paragraphs {
			texts = append(texts, p.Text)
			if string(body[p.Start:p.End]) != p.Text {
				t.Errorf("%s: paragraph %d: body[%d:%d] is not its text", path, i, p.Start, p.End)
			}
		}
		if lay.Body != strings.Join(texts, doc.ParagraphSeparator) {
			t.Errorf("%s: body is not the paragraphs joined", path)
		}
		for i, s := range d.Sections {
			var own []string
			for _, p := range s.Paragraphs {
				own = append(own, p.Text)
			}
			sp := lay.Sections[i]
			if string(body[sp.Start:sp.End]) != strings.Join(own, doc.ParagraphSeparator) {
				t.Errorf("%s: section %d span [%d:%d] is not its paragraphs", path, i, sp.Start, sp.End)
			}
		}
		refs := 0
		for _, p := range d.Paragraphs() {
			refs += len(p.FootnoteRefs)
		}
		if len(lay.Refs) != refs {
			t.Errorf("%s: %d refs laid out, %d parsed", path, len(lay.Refs), refs)
		}
	}
}

// edgeDocument has a code point outside the BMP, a section without
// paragraphs and a section of two.
func edgeDocument() *doc.Document {
	h := "見出し"
	return &doc.Document{SourceFile: "e.txt", Sections: []doc.Section{
		{Level: 1, Paragraphs: []doc.Paragraph{{Text: "𠮷野家"}}},
		{Heading: &h, Level: 2},
		{Heading: &h, Level: 1, Paragraphs: []doc.Paragraph{{Text: "b"}, {Text: "c"}}},
	}}
}

func TestLayOutEdges(t *testing.T) {
	lay, err := doc.LayOut(edgeDocument())
	if err != nil {
		t.Fatal(err)
	}
	if got := [3]doc.Span{lay.Paragraphs[0].Span, lay.Paragraphs[1].Span, lay.Paragraphs[2].Span}; got != [3]doc.Span{{0, 3}, {5, 6}, {8, 9}} {
		t.Errorf("paragraph spans %v", got)
	}
	if lay.Sections[1].Start != lay.Sections[1].End || lay.Sections[2] != (doc.Span{Start: 5, End: 9}) {
		t.Errorf("section spans %v", lay.Sections)
	}
	if n := utf8.RuneCountInString(lay.Body); n != 9 {
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
	}
	for _, c := range bad {
		d := edgeDocument()
		c.mod(d)
		_, err := doc.LayOut(d)
		if _, ok := err.(*doc.InvalidError); !ok || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want an InvalidError %q", c.name, err, c.want)
		}
	}
}
