// Package store keeps documents and their parts in PostgreSQL: the SQL, the
// row types and the mapping of database errors to domain errors. Reads for
// GraphQL loaders are batched: one `= ANY($1)` query per batch of keys.
package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sourcecmp/sourcecmp/internal/replica"
)

// DefaultDatabaseURL is the local PostgreSQL the commands use when
// DATABASE_URL is unset.
const DefaultDatabaseURL = "postgres://postgres@localhost:5432/sourcecmp?sslmode=disable"

// Store is a pool of connections to the sourcecmp database. It is safe for
// concurrent use.
type Store struct {
	pool  *pgxpool.Pool // the primary: every write, and the reads of requests that write
	reads DBTX          // the pool, or the router between it and a replica

	replicaPool *pgxpool.Pool   // nil without a replica
	router      *replica.Router // nil without a replica
}

// DBTX is what the query helpers run on: the pool or a transaction.
type DBTX interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error)
}

// Open connects to the database at databaseURL. Every statement is counted
// in the StatementCounter of its context, if any. (OpenWith also bounds
// the connections.)
func Open(ctx context.Context, databaseURL string) (*Store, error) {
	return OpenWith(ctx, databaseURL, Options{})
}

// Close closes every connection.
func (s *Store) Close() {
	if s.router != nil {
		s.router.Close()
		s.replicaPool.Close()
	}
	s.pool.Close()
}

// Replica returns the router between the primary and the read replica,
// nil without one.
func (s *Store) Replica() *replica.Router { return s.router }

// Pool returns the connection pool, for packages that run their own SQL in
// the same database (tests, benchmarks).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// readTx runs fn in a read-only transaction where the reads go: on the
// replica when the request may read there, else on the primary.
func (s *Store) readTx(ctx context.Context, fn func(pgx.Tx) error) error {
	if s.router != nil {
		return s.router.ReadTx(ctx, fn)
	}
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly}, fn)
}

// Ping checks that the database answers within timeout.
func (s *Store) Ping(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// Keyed is a row returned by a batched query together with the key it was
// asked for, when the key is not a field of the row itself (the author of
// a document, the paragraphs citing a footnote).
type Keyed[T any] struct {
	Key   int64
	Value *T
}

// collect runs a query whose rows scan into the destinations fields
// returns for a new value.
func collect[T any](ctx context.Context, db DBTX, sql string, fields func(*T) []any, args ...any) ([]*T, error) {
	rows, err := query(ctx, db, sql, args)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (*T, error) {
		v := new(T)
		return v, row.Scan(fields(v)...)
	})
}

// collectKeyed is collect for rows whose first column is the batch key.
func collectKeyed[T any](ctx context.Context, db DBTX, sql string, fields func(*T) []any, args ...any) ([]Keyed[T], error) {
	rows, err := query(ctx, db, sql, args)
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (Keyed[T], error) {
		k := Keyed[T]{Value: new(T)}
		return k, row.Scan(append([]any{&k.Key}, fields(k.Value)...)...)
	})
}
