package server

import (
	"context"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/jackc/pgx/v5"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/sourcecmp/sourcecmp/graph"
	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/gqllimit"
	"github.com/sourcecmp/sourcecmp/internal/gqlvars"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Caches of query text: only queries up to maxCachedQuery bytes are kept,
// so that a client sending large distinct queries cannot fill the memory
// with their syntax trees; a larger query is parsed each time.
const (
	queryCacheSize = 1000
	maxCachedQuery = 8 << 10
)

// useLimits adds to a gqlgen server what the policy says an operation may
// be: persisted queries, APQ, the document's size before validation,
// introspection, page sizes, shape and complexity limits. The checks run
// before any resolver, in that order.
func useLimits(srv *handler.Server, p Policy, apq graphql.Cache[string]) {
	cache := boundedCache[*ast.QueryDocument]{lru.New[*ast.QueryDocument](queryCacheSize), maxCachedQuery}
	srv.SetQueryCache(cache)
	if p.Limits.MaxTokens > 0 {
		srv.SetParserTokenLimit(p.Limits.MaxTokens) // DocumentCheck refuses first, with the count
	}
	if p.Persisted != nil || p.PersistedOnly {
		srv.Use(persistedExtension{list: p.Persisted, only: p.PersistedOnly})
	}
	if p.APQCacheSize > 0 && !p.PersistedOnly {
		if apq == nil {
			apq = lru.New[string](p.APQCacheSize)
		}
		srv.Use(extension.AutomaticPersistedQuery{Cache: boundedCache[string]{apq, maxCachedQuery}})
	}
	// After the extensions that find the query text by its hash, before
	// gqlgen parses and validates it.
	srv.Use(&gqllimit.DocumentCheck{Limits: p.Limits, Cache: cache})
	srv.Use(&gqlvars.Strict{Cache: cache})
	if p.Limits.NoIntrospection {
		srv.SetDisableSuggestion(true) // suggestions would spell out the schema
	}
	if !p.Limits.NoIntrospection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(graph.ArgumentCheck{})
	srv.Use(&gqllimit.Extension{Limits: p.Limits})
}

// guardGraphQL wraps the GraphQL handler in the defences of each request,
// outermost first: the deadline's TIMEOUT answer, then malformed and
// oversized requests are refused, then requests while the database is
// down, then bad keys, then clients over their rate. None of them costs
// the database anything, but for the lookup of a key.
func guardGraphQL(cfg Config, h http.Handler) http.Handler {
	h = routeReads(cfg, false, h)
	h = limitRate(cfg.limiter, h)
	h = authenticate(cfg, cfg.limiter, h)
	h = failFast(cfg.ready, h)
	h = guardRequest(cfg.Policy, h)
	return answerByDeadline(cfg.Policy.RequestTimeout, h)
}

// auditWrites records a mutation in the audit log, in its transaction,
// under the name of the request's API key.
func auditWrites(ctx context.Context, tx pgx.Tx, action, target string, details any) error {
	_, err := store.AuditRecord(ctx, tx, store.AuditEntry{
		Who: auth.FromContext(ctx).KeyName, Action: action, Target: target, Details: details,
	})
	return err
}

// boundedCache is a cache that keeps only entries with short keys.
type boundedCache[T any] struct {
	graphql.Cache[T]
	maxKey int
}

// Add implements graphql.Cache.
func (c boundedCache[T]) Add(ctx context.Context, key string, value T) {
	if len(key) <= c.maxKey {
		c.Cache.Add(ctx, key, value)
	}
}
