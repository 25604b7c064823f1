package server

import (
	"time"

	"github.com/sourcecmp/sourcecmp/internal/gqllimit"
)

// Policy is what one request may do and cost. Its zero value limits
// nothing and lets anonymous clients read, which suits tests; `serve`
// starts from DefaultPolicy.
type Policy struct {
	// RequireKey refuses GraphQL requests that carry no API key. A wrong
	// or revoked key is refused whatever this says.
	RequireKey bool
	// Limits bound an operation's shape and complexity, and can turn
	// introspection off.
	Limits gqllimit.Limits
	// MaxBodyBytes bounds a POST body; MaxQueryBytes the query text.
	MaxBodyBytes  int64
	MaxQueryBytes int
	// MaxUploadBytes bounds the body of an ingestDocument request, which
	// alone may exceed MaxBodyBytes (see upload.go).
	MaxUploadBytes int64
	// MaxResponseBytes bounds a GraphQL response's data: a response may
	// hold 1 MiB, or four times the largest document, up to this.
	// MaxErrors bounds the errors it carries (gqllimit.ResponseLimit).
	MaxResponseBytes int
	MaxErrors        int
	// RequestTimeout is every request's deadline.
	RequestTimeout time.Duration
	// RateLimit is the requests per second each API key (or, without a
	// key, each client IP) may make, in bursts of up to RateBurst; zero
	// or less does not limit.
	RateLimit float64
	RateBurst int
	// CostRate is the work per second each key or client IP may have the
	// server do (gqllimit.Work: about a unit per field resolved), in
	// bursts of up to CostBurst; zero or less does not limit.
	CostRate  float64
	CostBurst int
	// APQCacheSize is how many automatic persisted queries the server
	// remembers; zero turns APQ off.
	APQCacheSize int
	// Persisted is an allow-list of queries clients may send by hash.
	// With PersistedOnly, it is the only thing the server runs.
	Persisted     *PersistedQueries
	PersistedOnly bool
	// CORSOrigins are the origins whose pages may call the API ("*" for
	// any); none means same-origin pages only.
	CORSOrigins []string
}

// DefaultPolicy is the policy `serve` starts from: generous for every
// query the web UI and the examples send, tight for anything built to
// hurt.
func DefaultPolicy() Policy {
	return Policy{
		Limits: gqllimit.Limits{
			MaxDepth:      12,
			MaxFields:     1000,
			MaxAliases:    100,
			MaxComplexity: 50_000,
			MaxTokens:     10_000,
			MaxDirectives: 100,
		},
		MaxBodyBytes:     1 << 20,
		MaxUploadBytes:   DefaultMaxUploadBytes,
		MaxQueryBytes:    32 << 10,
		MaxResponseBytes: 8 << 20,
		MaxErrors:        100,
		RequestTimeout:   15 * time.Second,
		RateLimit:        50,
		RateBurst:        100,
		CostRate:         50_000,
		CostBurst:        200_000,
		APQCacheSize:     1000,
	}
}
