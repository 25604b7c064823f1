package anchor_test

import (
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/anchor"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/synth"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// BenchmarkAnchorDocument anchors every citation of a synthetic document
// the way loading its annotations does: the document's text is indexed
// once, then each quote is located with its prefix.
func BenchmarkAnchorDocument(b *testing.B) {
	g := synthGenerator(b)
	var docs []synth.Generated
	for i := range 20 {
		docs = append(docs, g.Document(i))
	}
	var bytes, cites int64
	for _, d := range docs {
		bytes += int64(len(body(d.Doc)))
		for _, s := range d.Annotations.Stances {
			cites += int64(len(s.Citations))
		}
	}
	b.SetBytes(bytes / int64(len(docs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d := docs[i%len(docs)]
		i++
		text := anchor.NewText(body(d.Doc))
		for _, s := range d.Annotations.Stances {
			for _, c := range s.Citations {
				if _, err := text.Locate(c.Quote, c.Prefix); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.ReportMetric(float64(cites)/float64(len(docs)), "citations/doc")
}

func body(d *doc.Document) string {
	var parts []string
	for _, p := range d.Paragraphs() {
		parts = append(parts, p.Text)
	}
	return strings.Join(parts, doc.ParagraphSeparator)
}

// synthGenerator builds the benchmark corpus's generator from the seeds,
// as `sourcecmp synth` does.
func synthGenerator(tb testing.TB) *synth.Generator {
	tb.Helper()
	vocab, err := synth.VocabularyFrom("../../seeds/documents")
	if err != nil {
		tb.Fatal(err)
	}
	tax, err := tag.LoadTaxonomy("../../seeds/topics.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	return synth.NewGenerator(vocab, tax, 1)
}
