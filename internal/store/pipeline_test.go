package store_test

import (
	"context"
	"sync"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// TestPipelineSharesARoundTrip runs four reads on the seats of one
// pipeline: two read once, one twice, one leaves without reading. The
// three first statements go in one round trip, the second alone; each
// read gets the rows it gets without a pipeline.
func TestPipelineSharesARoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := store.OpenWith(ctx, dbtest.URL(t), store.Options{MaxConns: 1}) // one connection: the one the statements were prepared on
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	doc := seedSearch(t, st, 30)
	sections := func(ctx context.Context) (int, error) {
		s, err := st.SectionListByDocumentIDs(ctx, []int64{doc})
		return len(s), err
	}
	paragraphs := func(ctx context.Context) (int, error) {
		secs, err := st.SectionListByDocumentIDs(ctx, []int64{doc})
		if err != nil || len(secs) == 0 {
			return 0, err
		}
		p, err := st.ParagraphListBySectionIDs(ctx, []int64{secs[0].ID})
		return len(p), err
	}
	documents := func(ctx context.Context) (int, error) {
		d, err := st.DocumentListByIDs(ctx, []int64{doc, doc + 1})
		return len(d), err
	}
	none := func(context.Context) (int, error) { return 0, nil }
	reads := []func(context.Context) (int, error){sections, paragraphs, none, documents}
	want := []int{1, 30, 0, 1}
	for _, r := range reads { // prepares the statements: preparing is a round trip of its own
		if _, err := r(ctx); err != nil {
			t.Fatal(err)
		}
	}

	for range 3 {
		cctx, c := store.WithStatementCounter(ctx)
		p := st.Pipeline(len(reads))
		got, errs := make([]int, len(reads)), make([]error, len(reads))
		var wg sync.WaitGroup
		for i, r := range reads {
			sctx, leave := p.Seat(cctx)
			wg.Go(func() {
				defer leave()
				got[i], errs[i] = r(sctx)
			})
		}
		wg.Wait()
		for i := range reads {
			if errs[i] != nil || got[i] != want[i] {
				t.Errorf("read %d: %d rows, %v; want %d", i, got[i], errs[i], want[i])
			}
		}
		if c.Count() != 4 || c.RoundTrips() != 2 {
			t.Errorf("%d statements in %d round trips, want 4 in 2", c.Count(), c.RoundTrips())
		}
	}

	cctx, c := store.WithStatementCounter(ctx)
	p := st.Pipeline(2)
	sctx, leave := p.Seat(cctx)
	if n, err := sections(store.Alone(sctx)); err != nil || n != 1 { // goes alone: the pipeline waits for no one
		t.Fatalf("alone: %d, %v", n, err)
	}
	leave()
	sctx, leave = p.Seat(cctx)
	if n, err := documents(sctx); err != nil || n != 1 { // the last seat: its batch goes at once
		t.Fatalf("last seat: %d, %v", n, err)
	}
	leave()
	if c.Count() != 2 || c.RoundTrips() != 2 {
		t.Errorf("alone and then in a batch: %d statements in %d round trips, want 2 in 2", c.Count(), c.RoundTrips())
	}
}
