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

// Load ingests documents 0..n-1 of open. Workers (GOMAXPROCS) open and
// analyse documents (the CPU-bound part, kagome) while one writer stores
// the ones before them, each in its own transaction, in index order: so
// analysis keeps both cores busy while PostgreSQL copies, and a fresh
// database numbers documents, sections, paragraphs and new authors the
// same however the workers' timing falls. At most twice as many documents
// as workers wait analysed in memory. A document that fails has Err set and
// does not stop the others. Results come in index order; OnResult hears
// of each as soon as it is stored.
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
	window := 2 * workers
	type prepared struct {
		in  Input
		w   store.DocumentWrite
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
					p.w, p.err = in.prepare(ctx, p.in.Slug, p.in.Doc)
				}
				slots[i%window] <- p
			}
		})
	}
	for i := range results {
		p := <-slots[i%window]
		r := Result{File: p.in.File, Slug: p.in.Slug, Err: p.err}
		if p.err == nil {
			if saved, err := in.save(ctx, p.in.File, p.w); err != nil {
				r.Err = err
			} else {
				r = saved
			}
		}
		results[i] = r
		in.reportFile(&results[i])
		<-free
	}
	return results
}
