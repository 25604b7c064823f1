package store

import (
	"context"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// StatementCounter counts the SQL statements run with a context: queries,
// COPYs and each query of a batch. A request puts one in its context so
// that the number of statements it caused can be logged and tested. It
// also counts the round trips they took: the times the client waited for
// the server's answer. A query or a whole batch is one, a COPY two (for
// the server's go-ahead and for its result), preparing a statement one
// more; a batch that prepares statements the connection has not seen
// takes one more round trip for them, which is not counted.
type StatementCounter struct{ n, trips atomic.Int64 }

// Count returns the number of statements counted so far.
func (c *StatementCounter) Count() int64 { return c.n.Load() }

// RoundTrips returns the number of round trips counted so far.
func (c *StatementCounter) RoundTrips() int64 { return c.trips.Load() }

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

// count adds statements and round trips to ctx's counter.
func count(ctx context.Context, statements, trips int64) {
	if c := StatementCounterFrom(ctx); c != nil {
		c.n.Add(statements)
		c.trips.Add(trips)
	}
}

// tracer counts statements. pgx looks for the CopyFrom and Batch tracer
// interfaces on the query tracer it is given.
type tracer struct{}

var (
	_ pgx.QueryTracer    = tracer{}
	_ pgx.CopyFromTracer = tracer{}
	_ pgx.BatchTracer    = tracer{}
	_ pgx.PrepareTracer  = tracer{}
)

func (tracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	count(ctx, 1, 1)
	return ctx
}

func (tracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (tracer) TraceCopyFromStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceCopyFromStartData) context.Context {
	count(ctx, 1, 2)
	return ctx
}

func (tracer) TraceCopyFromEnd(context.Context, *pgx.Conn, pgx.TraceCopyFromEndData) {}

func (tracer) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	count(ctx, 0, 1)
	return ctx
}

func (tracer) TraceBatchQuery(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchQueryData) {
	count(ctx, 1, 0)
}

func (tracer) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

func (tracer) TracePrepareStart(ctx context.Context, _ *pgx.Conn, _ pgx.TracePrepareStartData) context.Context {
	count(ctx, 0, 1)
	return ctx
}

func (tracer) TracePrepareEnd(context.Context, *pgx.Conn, pgx.TracePrepareEndData) {}
