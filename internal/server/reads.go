package server

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/replica"
)

// replica returns the router between the primary and the read replica,
// nil without one.
func (cfg Config) replica() *replica.Router {
	if cfg.Store == nil {
		return nil
	}
	return cfg.Store.Replica()
}

// routeReads gives each request a route for its reads (package replica):
// exports (readOnly) and GraphQL queries (readRoute) may read from the
// replica, anything else reads from the primary. The reads of a key that
// may write go to the replica only once it has replayed that key's last
// write, whichever server took it. It runs after authenticate.
func routeReads(cfg Config, readOnly bool, next http.Handler) http.Handler {
	if cfg.replica() == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, q := replica.WithRoute(r.Context())
		if readOnly {
			q.ReadOnly()
		}
		if p := auth.FromContext(ctx); p.KeyName != "" && auth.Require(ctx, auth.Editor) == nil {
			lsn, err := cfg.Fences.Get(ctx, p.KeyName)
			if err != nil {
				cfg.Log.WarnContext(ctx, "last write unknown: reading from the primary", "request_id", RequestID(ctx), "err", err)
				lsn = math.MaxInt64
			}
			q.After(lsn)
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// readRoute tells the request's route what its GraphQL operation does: a
// query only reads; a mutation writes, reads from the primary, and moves
// its key's fence before the response goes out, so that the client's
// next request, on any server, reads what it wrote.
type readRoute struct{ cfg Config }

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = readRoute{}

func (readRoute) ExtensionName() string                   { return "ReadRoute" }
func (readRoute) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse implements graphql.ResponseInterceptor.
func (e readRoute) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	q := replica.RouteFrom(ctx)
	if q == nil || !graphql.HasOperationContext(ctx) || graphql.GetOperationContext(ctx).Operation == nil {
		return next(ctx)
	}
	if graphql.GetOperationContext(ctx).Operation.Operation != ast.Mutation {
		q.ReadOnly()
		return next(ctx)
	}
	q.Wrote()
	resp := next(ctx)
	if key := auth.FromContext(ctx).KeyName; key != "" {
		if err := e.cfg.Fences.Mark(ctx, key); err != nil {
			// The write is done; its client may read a replica that
			// has not replayed it yet.
			e.cfg.Log.ErrorContext(ctx, "marking a write", "request_id", RequestID(ctx), "err", err)
		}
	}
	return resp
}

// replicaStatus is /readyz's line on the replica.
func replicaStatus(r *replica.Router) string {
	s := r.Status()
	if s.Usable {
		return fmt.Sprintf("replica: in use, lag %s (%d bytes), at most %s\n", s.Lag.Round(time.Millisecond), s.LagBytes, r.MaxLag())
	}
	return fmt.Sprintf("replica: %s, lag %s (%d bytes), at most %s; reads go to the primary\n", s.Reason, s.Lag.Round(time.Millisecond), s.LagBytes, r.MaxLag())
}
