package gqllimit

import (
	"context"
	"sync/atomic"
)

// Work counts what one request made the server do, in units of about
// one field resolved, so that a server can charge clients for their
// work and not only for their requests (the complexity is a bound, often
// far above what a query does). What adds to it: each field resolved and
// each KiB of response (ResponseLimit), each error in the response
// (errorWork), the fields validation walks (DocumentCheck), and whatever
// else calls AddWork (a search's analysis of its text).
type Work struct {
	units atomic.Int64
}

// errorWork is what an error in a response counts: validation spends
// far longer finding one (comparing fields in pairs) than resolving a
// field.
const errorWork = 20

type workKey struct{}

// WithWork returns a context whose requests' work is counted in the
// returned Work.
func WithWork(ctx context.Context) (context.Context, *Work) {
	w := &Work{}
	return context.WithValue(ctx, workKey{}, w), w
}

// AddWork adds units to the work of the context's request, if it is
// counted.
func AddWork(ctx context.Context, units int) {
	if w, ok := ctx.Value(workKey{}).(*Work); ok {
		w.units.Add(int64(units))
	}
}

// Units returns the work counted so far.
func (w *Work) Units() int64 { return w.units.Load() }
