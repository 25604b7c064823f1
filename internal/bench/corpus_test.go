package bench

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/jatext"
	"github.com/sourcecmp/sourcecmp/internal/synth"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

const (
	seedDocuments = "../../seeds/documents"
	seedTopics    = "../../seeds/topics.yaml"
)

// generator is the benchmark corpus's generator, built from the seeds as
// `sourcecmp synth` builds it.
func generator(tb testing.TB) (*synth.Generator, *tag.Taxonomy) {
	tb.Helper()
	vocab, err := synth.VocabularyFrom(seedDocuments)
	if err != nil {
		tb.Fatal(err)
	}
	tax, err := tag.LoadTaxonomy(seedTopics)
	if err != nil {
		tb.Fatal(err)
	}
	return synth.NewGenerator(vocab, tax, 1), tax
}

// BenchmarkPrepare is the CPU work ingest does per synthetic document
// before it writes anything (ingest.Analyze): one analysis per paragraph,
// its search vector and the topic scores of every level. It bounds the
// documents per second one core can ingest. cpu-ms/doc is the process's
// CPU time (all threads, the garbage collector's too) per document, which
// a loaded machine does not inflate as it does the wall time of ns/op.
func BenchmarkPrepare(b *testing.B) {
	g, tax := generator(b)
	tg, err := tag.NewTagger(tax)
	if err != nil {
		b.Fatal(err)
	}
	var docs []*doc.Document
	var n int64
	for i := range 20 {
		d := g.Document(i).Doc
		docs = append(docs, d)
		for _, p := range d.Paragraphs() {
			n += int64(len(p.Text))
		}
	}
	ctx := context.Background()
	jatext.Warm() // load the dictionary outside the timer
	b.SetBytes(n / int64(len(docs)))
	b.ReportAllocs()
	cpu := selfCPU(b)
	i := 0
	for b.Loop() {
		if _, _, err := ingest.Analyze(ctx, docs[i%len(docs)], tg); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64((selfCPU(b)-cpu).Microseconds())/1e3/float64(i), "cpu-ms/doc")
}

// selfCPU is the CPU time this process has used.
func selfCPU(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
