package ingest_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/jatext"
	"github.com/sourcecmp/sourcecmp/internal/parse"
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

// A large load reads the stored documents' keys once: loading a corpus
// into an empty database looks no document up, re-loading it unchanged is
// one statement whatever its size, and a document changed since is still
// found changed and stored.
func TestLargeUnchangedLoadIsOneStatement(t *testing.T) {
	t.Parallel()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	const n = 200 // ingest's threshold for reading the keys at once
	version := map[int]string{}
	open := func(_ context.Context, i int) (ingest.Input, error) {
		slug := fmt.Sprintf("doc-%03d", i)
		text := fmt.Sprintf("文書%d%s\n\n本文の段落%dである。\n", i, version[i], i)
		d, err := parse.Parse(slug+".txt", []byte(text))
		return ingest.Input{File: slug + ".txt", Slug: slug, Doc: d}, err
	}
	load := func(want func(i int) store.SaveStatus) int64 {
		t.Helper()
		ctx, statements := store.WithStatementCounter(context.Background())
		for i, r := range in.Load(ctx, n, open) {
			if r.Err != nil || r.Status != want(i) {
				t.Fatalf("document %d: %v, want %s", i, r, want(i))
			}
		}
		return statements.Count()
	}
	// Into an empty database: no document is looked up on its own (the
	// hash and the correction were two statements per document; storing
	// them in batches of 16 is about two per document in all).
	if got := load(func(int) store.SaveStatus { return store.Added }); got >= 2*n {
		t.Errorf("a load of %d new documents ran %d statements, want under %d: no lookup per document", n, got, 2*n)
	}
	if got := load(func(int) store.SaveStatus { return store.Unchanged }); got != 1 {
		t.Errorf("an unchanged load of %d documents ran %d statements, want 1", n, got)
	}
	version[7] = "（改訂）"
	load(func(i int) store.SaveStatus {
		if i == 7 {
			return store.Updated
		}
		return store.Unchanged
	})
}
