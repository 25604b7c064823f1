// Package apq keeps automatic persisted queries (Apollo's APQ) in
// PostgreSQL, so that a query one server registered is found by every
// other: a client that registered a query on one server and sends its
// hash alone to the next is answered there too, instead of being asked
// for the text again. Each server keeps the queries it used in memory
// first; the database is asked only on a miss.
package apq

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DB is what the cache runs its statements on: the primary's pool (a
// query registered a moment ago must be found at once).
type DB interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// PersistedQueryGet finds a query by its hash and marks it used.
const PersistedQueryGet = `UPDATE persisted_queries SET used_at = now() WHERE hash = $1 RETURNING query`

// PersistedQueryAdd registers a query, or marks it used when it is there.
const PersistedQueryAdd = `INSERT INTO persisted_queries (hash, query) VALUES ($1, $2)
ON CONFLICT (hash) DO UPDATE SET used_at = now()`

// PersistedQueryPrune keeps the $1 queries used last.
const PersistedQueryPrune = `DELETE FROM persisted_queries WHERE hash IN (
    SELECT hash FROM persisted_queries ORDER BY used_at DESC OFFSET $1)`

// pruneEvery is how many registrations a server makes between prunes.
const pruneEvery = 64

// Cache is a graphql.Cache of query texts by their SHA-256, in memory
// and in the database. It is safe for concurrent use.
type Cache struct {
	db    DB
	local graphql.Cache[string]
	size  int
	log   *slog.Logger
	adds  atomic.Int64
}

var _ graphql.Cache[string] = (*Cache)(nil)

// New returns a cache of size queries in this process and as many in the
// database (and those registered since the last prune, fewer than
// pruneEvery).
func New(db DB, size int, log *slog.Logger) *Cache {
	return &Cache{db: db, local: lru.New[string](size), size: size, log: log}
}

// Get implements graphql.Cache. A database that fails is a miss: the
// client then sends the query's text, as APQ provides.
func (c *Cache) Get(ctx context.Context, hash string) (string, bool) {
	if q, ok := c.local.Get(ctx, hash); ok {
		return q, true
	}
	var q string
	err := c.db.QueryRow(ctx, PersistedQueryGet, hash).Scan(&q)
	if err != nil {
		if !errors.Is(err, pgx.ErrNoRows) && ctx.Err() == nil {
			c.log.WarnContext(ctx, "persisted queries: lookup failed", "err", err)
		}
		return "", false
	}
	c.local.Add(ctx, hash, q)
	return q, true
}

// Add implements graphql.Cache.
func (c *Cache) Add(ctx context.Context, hash, query string) {
	c.local.Add(ctx, hash, query)
	if _, err := c.db.Exec(ctx, PersistedQueryAdd, hash, query); err != nil {
		c.log.WarnContext(ctx, "persisted queries: registering failed", "err", err)
		return
	}
	if c.adds.Add(1)%pruneEvery == 0 {
		if _, err := c.db.Exec(ctx, PersistedQueryPrune, c.size); err != nil {
			c.log.WarnContext(ctx, "persisted queries: pruning failed", "err", err)
		}
	}
}
