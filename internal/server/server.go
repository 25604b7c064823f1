// Package server is the HTTP face of sourcecmp: the GraphQL endpoint,
// health and readiness probes, and the middleware every request passes
// (request IDs, statement counting, access logs).
package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Config is what the server depends on.
type Config struct {
	Log      *slog.Logger
	Store    *store.Store
	Ingester *ingest.Ingester
	// LoaderWait is how long GraphQL loaders collect keys before a batch
	// query; zero means loaders.DefaultWait.
	LoaderWait time.Duration
}

// NewServer returns the handler for every route, wrapped in the
// middleware all requests share.
func NewServer(cfg Config) http.Handler {
	mux := http.NewServeMux()
	addRoutes(mux, cfg)
	var h http.Handler = mux
	h = observe(cfg.Log, h)
	h = withRequestID(h)
	return h
}
