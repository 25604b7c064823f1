package replica

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Route is one request's say in where its reads go. A request without
// one (start-up work, the commands, authentication) reads from the
// primary.
type Route struct {
	readOnly atomic.Bool
	fence    atomic.Int64 // the client's last write (LSN)
	wrote    atomic.Bool

	mu   sync.Mutex
	pool *pgxpool.Pool // where its reads went first: the rest follow
}

type routeKey struct{}

// WithRoute returns a context carrying a new route, for one request.
func WithRoute(ctx context.Context) (context.Context, *Route) {
	q := new(Route)
	return context.WithValue(ctx, routeKey{}, q), q
}

// RouteFrom returns the context's route, or nil.
func RouteFrom(ctx context.Context) *Route {
	q, _ := ctx.Value(routeKey{}).(*Route)
	return q
}

// ReadOnly says the request only reads (a GraphQL query, an export): its
// reads may go to the replica.
func (q *Route) ReadOnly() { q.readOnly.Store(true) }

// After says the client last wrote at lsn: its reads go to the replica
// only once that is replayed.
func (q *Route) After(lsn LSN) { q.fence.Store(int64(lsn)) }

// Wrote says the request writes (a mutation): its client's fence moves
// once it is done (Fences.Mark).
func (q *Route) Wrote() { q.wrote.Store(true) }

// Writes reports whether Wrote was called.
func (q *Route) Writes() bool { return q.wrote.Load() }

// pick returns the pool ctx's reads go to. The first read of a request
// decides for all its reads, so that one response is never half from the
// replica and half from the primary.
func (r *Router) pick(ctx context.Context) (*pgxpool.Pool, *Route) {
	q := RouteFrom(ctx)
	if q == nil || !q.readOnly.Load() || q.wrote.Load() {
		return r.primary, nil
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.pool != nil {
		return q.pool, q
	}
	s := r.state.Load()
	switch {
	case !s.Usable:
		q.pool = r.primary
		r.metrics.reads.WithLabelValues("primary", s.Reason).Inc()
	case LSN(q.fence.Load()) > s.Replayed:
		q.pool = r.primary
		r.metrics.reads.WithLabelValues("primary", ReasonOwnWrite).Inc()
	default:
		q.pool = r.replica
		r.metrics.reads.WithLabelValues("replica", "").Inc()
	}
	return q.pool, q
}

// toPrimary moves the rest of a request's reads to the primary after one
// failed on the replica.
func (r *Router) toPrimary(q *Route) {
	if q == nil {
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.pool != r.primary {
		q.pool = r.primary
		r.metrics.reads.WithLabelValues("primary", ReasonRetried).Inc()
	}
}
