// Package graph is the GraphQL API: the resolvers behind graph/*.graphqls
// (gqlgen, schema-first; the executor is generated into graph/generated),
// the error presenter and the pagination rules.
package graph

import (
	"context"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

//go:generate go tool gqlgen generate
//go:generate go run ./internal/inline

// Resolver holds what the resolvers need. Nested fields read through the
// per-request loaders (graph/loaders), never the store directly.
type Resolver struct {
	Store *store.Store
	// Ingester stores uploaded documents (the ingestDocument mutation).
	Ingester *ingest.Ingester
	// Audit records a write (who, what, when) inside its transaction;
	// nil records nothing.
	Audit func(ctx context.Context, tx pgx.Tx, action, target string, details any) error
	// Bounds are the list bounds the cost model prices with; an ingest
	// measures them again.
	Bounds *Bounds
}
