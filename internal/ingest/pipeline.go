package ingest

import (
	"context"
	"runtime"
	"sync"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Input is one document of a load, as its Source opens it.
type Input struct {
	File string // names the document in its Result: a path, or a generated name
	Slug string
	Doc  *doc.Document
}

// Source opens the i-th document of a load (parses a file, generates a
// document). On error it still returns the Input's File and Slug, so that
// the failure names the document.
type Source func(ctx context.Context, i int) (Input, error)

// DefaultBatchSize is how many consecutive documents of a Load the writer
// stores in one transaction when all are new (store.DocumentSaveBatch):
// one commit and one COPY per table for them all. Batches are cut by
// index, not by timing, so a load numbers its rows the same on any
// machine; 16 documents of the synthetic corpus are about 600 paragraphs.
const DefaultBatchSize = 16

// keyListMin is the number of documents from which Load reads every
// stored document's key at once (store.DocumentKeyList) instead of
// looking each up: re-ingesting an unchanged SF10 corpus took 10,000
// statements, and now one. Reading the keys of a table many times larger
// than the load still costs a fraction of analysing the load.
const keyListMin = 200

// Load ingests documents 0..n-1 of open. Workers (GOMAXPROCS) open,
// analyse and lay out documents and build their rows (the CPU-bound part,
// kagome) while one writer stores the ones before them in index order,
// BatchSize at a time (store.DocumentSaveBatch): so analysis keeps both
// cores busy while PostgreSQL copies, and a fresh database numbers
// documents, sections, paragraphs and new authors the same however the
// workers' timing falls. At most two batches (or twice as many documents
// as workers) wait prepared in memory. A document that fails has Err set
// and does not stop the others. Results come in index order; OnResult
// hears of each as soon as its batch is stored.
func (in *Ingester) Load(ctx context.Context, n int, open Source) []Result {
	results := make([]Result, n)
	if n == 0 {
		return results
	}
	workers := in.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	batch := in.BatchSize
	if batch <= 0 {
		batch = DefaultBatchSize
	}
	window := max(2*workers, 2*batch)
	var stored *storedKeys
	if n >= keyListMin {
		// Without the list, each document is looked up on its own, and a
		// database that fails here reports its error there.
		if ids, err := in.Store.DocumentKeyList(ctx); err == nil {
			stored = newStoredKeys(ids)
		}
	}
	type prepared struct {
		in  Input
		p   *store.PreparedDocument
		err error
	}
	// Document i waits in slot i%window; a free slot is a token in
	// window, taken before document i is handed to a worker and given
	// back once it is stored, so no slot holds two documents.
	slots := make([]chan prepared, window)
	for i := range slots {
		slots[i] = make(chan prepared, 1)
	}
	free := make(chan struct{}, window)
	work := make(chan int)
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Go(func() {
		defer close(work)
		for i := range n {
			free <- struct{}{}
			work <- i
		}
	})
	for range workers {
		wg.Go(func() {
			for i := range work {
				p := prepared{}
				if p.in, p.err = open(ctx, i); p.err == nil {
					p.err = ctx.Err() // a cancelled load opens nothing more
				}
				if p.err == nil {
					p.p, p.err = in.prepareWrite(ctx, p.in.File, p.in.Slug, p.in.Doc, stored)
				}
				slots[i%window] <- p
			}
		})
	}
	for start := 0; start < n; start += batch {
		end := min(start+batch, n)
		got := make([]prepared, end-start)
		var writes []*store.PreparedDocument
		var at []int
		for i := start; i < end; i++ {
			p := <-slots[i%window]
			got[i-start] = p
			if p.err == nil && !p.p.Write().Unchanged {
				writes, at = append(writes, p.p), append(at, i-start)
			}
		}
		outcomes := make([]store.SaveOutcome, len(got))
		for j, o := range in.Store.DocumentSaveBatch(ctx, writes, in.AfterReplace) {
			outcomes[at[j]] = o
		}
		for j, p := range got {
			i := start + j
			r := Result{File: p.in.File, Slug: p.in.Slug, Err: p.err}
			switch {
			case p.err != nil:
			case p.p.Write().Unchanged:
				r = unchangedResult(p.in.File, p.p.Write())
			case outcomes[j].Err != nil:
				r.Err = outcomes[j].Err
			default:
				r = savedResult(p.in.File, p.p.Write(), outcomes[j].SaveResult)
			}
			results[i] = r
			in.reportFile(&results[i])
			<-free
		}
	}
	return results
}
