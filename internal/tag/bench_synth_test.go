package tag_test

import (
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/synth"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// BenchmarkTagSynthetic scores synthetic documents of the benchmark
// corpus (about forty paragraphs each) against the seeds' taxonomy, as
// ingesting them does.
func BenchmarkTagSynthetic(b *testing.B) {
	tax, err := tag.LoadTaxonomy("../../seeds/topics.yaml")
	if err != nil {
		b.Fatal(err)
	}
	tg, err := tag.NewTagger(tax)
	if err != nil {
		b.Fatal(err)
	}
	vocab, err := synth.VocabularyFrom("../../seeds/documents")
	if err != nil {
		b.Fatal(err)
	}
	g := synth.NewGenerator(vocab, tax, 1)
	var docs []*doc.Document
	var n int64
	for i := range 20 {
		d := g.Document(i).Doc
		docs = append(docs, d)
		for _, p := range d.Paragraphs() {
			n += int64(len(p.Text))
		}
	}
	tg.Tag(docs[0]) // load the dictionary outside the timer
	b.SetBytes(n / int64(len(docs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		tg.Tag(docs[i%len(docs)])
		i++
	}
}
