package synth

import (
	"testing"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/anchor"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

func generator(t testing.TB, seed uint64) *Generator {
	t.Helper()
	vocab, err := VocabularyFrom("../../seeds/documents")
	if err != nil {
		t.Fatal(err)
	}
	tax := &tag.Taxonomy{}
	for _, slug := range []string{"china-role", "nuclear", "buck-passing", "unsc-sanctions", "ukraine-war"} {
		tax.Topics = append(tax.Topics, tag.Topic{
			Slug: slug, Name: tag.Text{JA: slug, EN: slug}, Terms: []string{"中国"},
			Positions: []tag.Position{{Slug: "a", Label: tag.Text{JA: "甲", EN: "A"}}, {Slug: "b", Label: tag.Text{JA: "乙", EN: "B"}}},
		})
	}
	return NewGenerator(vocab, tax, seed)
}

func TestDeterministic(t *testing.T) {
	a, b, c := generator(t, 42), generator(t, 42), generator(t, 43)
	for i := range 20 {
		if a.Document(i).Doc.ContentHash != b.Document(i).Doc.ContentHash {
			t.Fatalf("document %d differs between two generators with the same seed", i)
		}
	}
	if a.Document(0).Doc.ContentHash == c.Document(0).Doc.ContentHash {
		t.Error("seeds 42 and 43 gave the same document")
	}
}

func TestShapeAndVerifiedCitations(t *testing.T) {
	g := generator(t, 7)
	authors := map[string]bool{}
	for _, gen := range g.Documents(200) {
		d := gen.Doc
		n := len(d.Paragraphs())
		if n < 30 || n > 44 {
			t.Errorf("%s: %d paragraphs, want about 40", d.SourceFile, n)
		}
		if len(d.Authors) < 1 || len(d.Authors) > 2 {
			t.Errorf("%s: %d authors", d.SourceFile, len(d.Authors))
		}
		for _, a := range d.Authors {
			authors[a.Name] = true
		}
		labels := map[string]bool{}
		for _, f := range d.Footnotes {
			labels[f.Label] = true
		}
		for _, p := range d.Paragraphs() {
			for _, r := range p.FootnoteRefs {
				if !labels[r.Label] || r.Offset > utf8.RuneCountInString(p.Text) {
					t.Errorf("%s: bad footnote ref %+v", d.SourceFile, r)
				}
			}
		}
		lay, err := doc.LayOut(d)
		if err != nil {
			t.Fatalf("%s: %v", d.SourceFile, err)
		}
		text := anchor.NewText(lay.Body)
		if k := len(gen.Annotations.Stances); k < 2 || k > 4 {
			t.Errorf("%s: %d stances, want 2–4", d.SourceFile, k)
		}
		for _, s := range gen.Annotations.Stances {
			if len(s.Citations) < 2 || len(s.Citations) > 3 {
				t.Errorf("%s: stance on %s has %d citations", d.SourceFile, s.Topic, len(s.Citations))
			}
			if _, err := gen.Annotations.Anchor(s, text); err != nil {
				t.Errorf("%s: %v", d.SourceFile, err)
			}
		}
	}
	if len(authors) < 250 {
		t.Errorf("200 documents drew only %d distinct authors from the pool", len(authors))
	}
}

func BenchmarkGenerate(b *testing.B) {
	g := generator(b, 1)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		g.Document(i)
		i++
	}
}
