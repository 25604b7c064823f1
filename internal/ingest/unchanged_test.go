package ingest_test

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/jatext"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// countingTagger counts the documents it is asked to score.
type countingTagger struct{ n atomic.Int64 }

func (c *countingTagger) TagAnalyzed(d *doc.Document, _ [][]jatext.Token) tag.Scores {
	c.n.Add(1)
	return tag.Scores{Sections: make([][]tag.Score, len(d.Sections)), Paragraphs: make([][]tag.Score, len(d.Paragraphs()))}
}

// Re-ingesting an unchanged corpus must cost a lookup per document, not
// the analysis: that is what keeps re-ingest a fraction of ingest.
func TestUnchangedDocumentsAreNotAnalysedAgain(t *testing.T) {
	t.Parallel()
	st := dbtest.Store(t)
	tagger := &countingTagger{}
	in := &ingest.Ingester{Store: st, Tagger: tagger}
	ctx := context.Background()
	seeds := seedFiles(t)
	for _, r := range in.Paths(ctx, []string{"../../seeds/documents"}) {
		if r.Err != nil || r.Status != store.Added {
			t.Fatalf("first ingest: %v", r)
		}
	}
	if got := tagger.n.Load(); got != int64(len(seeds)) {
		t.Fatalf("tagger ran %d times for %d new documents", got, len(seeds))
	}
	for _, r := range in.Paths(ctx, []string{"../../seeds/documents"}) {
		if r.Err != nil || r.Status != store.Unchanged {
			t.Fatalf("second ingest: %v", r)
		}
	}
	if got := tagger.n.Load(); got != int64(len(seeds)) {
		t.Errorf("tagger ran %d more times on unchanged documents", got-int64(len(seeds)))
	}
}
