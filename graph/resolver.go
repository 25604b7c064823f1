// Package graph is the GraphQL API: the resolvers behind graph/*.graphqls
// (gqlgen, schema-first; the executor is generated into graph/generated),
// the error presenter and the pagination rules.
package graph

import (
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

//go:generate go tool gqlgen generate

// Resolver holds what the resolvers need. Nested fields read through the
// per-request loaders (graph/loaders), never the store directly.
type Resolver struct {
	Store *store.Store
	// Ingester stores uploaded documents (the ingestDocument mutation).
	Ingester *ingest.Ingester
}
