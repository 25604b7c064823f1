package store

import (
	"context"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// StatementCounter counts the SQL statements run with a context: queries,
// COPYs and each query of a batch. A request puts one in its context so
// that the number of statements it caused can be logged and tested.
type StatementCounter struct{ n atomic.Int64 }

// Count returns the number of statements counted so far.
func (c *StatementCounter) Count() int64 { return c.n.Load() }

type counterKey struct{}

// WithStatementCounter returns a context that counts the statements run
// with it (and with every context derived from it) in the returned counter.
func WithStatementCounter(ctx context.Context) (context.Context, *StatementCounter) {
	c := new(StatementCounter)
	return context.WithValue(ctx, counterKey{}, c), c
}

// StatementCounterFrom returns the context's counter, or nil.
func StatementCounterFrom(ctx context.Context) *StatementCounter {
	c, _ := ctx.Value(counterKey{}).(*StatementCounter)
	return c
}

func count(ctx context.Context) {
	if c := StatementCounterFrom(ctx); c != nil {
		c.n.Add(1)
	}
}

// tracer counts statements. pgx looks for the CopyFrom and Batch tracer
// interfaces on the query tracer it is given.
type tracer struct{}

var (
	_ pgx.QueryTracer    = tracer{}
	_ pgx.CopyFromTracer = tracer{}
	_ pgx.BatchTracer    = tracer{}
)

func (tracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	count(ctx)
	return ctx
}

func (tracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (tracer) TraceCopyFromStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceCopyFromStartData) context.Context {
	count(ctx)
	return ctx
}

func (tracer) TraceCopyFromEnd(context.Context, *pgx.Conn, pgx.TraceCopyFromEndData) {}

func (tracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	return ctx
}

func (tracer) TraceBatchQuery(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchQueryData) {
	count(ctx)
}

func (tracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}
