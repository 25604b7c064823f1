// Package server is the HTTP face of sourcecmp: the GraphQL endpoint,
// health and readiness probes, the exports and metrics, and the
// middleware every request passes (request IDs, protection, and
// observation: statement counts, logs, metrics, traces).
package server

import (
	"errors"
	"log/slog"
	"net/http"
	"time"

	"go.opentelemetry.io/otel/trace"

	"github.com/99designs/gqlgen/graphql"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/sourcecmp/sourcecmp/graph"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/obs"
	"github.com/sourcecmp/sourcecmp/internal/ratelimit"
	"github.com/sourcecmp/sourcecmp/internal/replica"
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
	// Policy is what a request may do and cost (keys, limits, CORS); the
	// zero value limits nothing.
	Policy Policy
	// Metrics are observed per request and served at /metrics; nil makes
	// a set of the server's own.
	Metrics *obs.Metrics
	// Bounds are the list bounds the cost model prices lists with,
	// measured from the data (graph.Bounds.Refresh); nil uses
	// graph.DefaultListBounds.
	Bounds *graph.Bounds
	// Tracer makes the spans of requests and GraphQL resolvers; nil traces
	// nothing (see obs.SetupTracing).
	Tracer trace.TracerProvider

	// PublicURL is the scheme and host clients reach the server at, for
	// the absolute URLs of the exports.
	PublicURL string

	// State several servers on one database share (docs/scale.md); nil
	// keeps each in this process. RateLimits holds the rate limits'
	// buckets, APQ the automatic persisted queries, and Fences each API
	// key's last write, so that its reads wait for a replica to replay
	// it (used only when the store has a replica: Store.Replica).
	RateLimits ratelimit.Store
	APQ        graphql.Cache[string]
	Fences     replica.Fences

	ready   *readiness   // set by NewServer
	limiter *rateLimiter // set by NewServer: one for every route
}

// NewServer returns the handler for every route, wrapped in the
// middleware all requests share.
func NewServer(cfg Config) http.Handler {
	cfg.ready = newReadiness(cfg.Store, cfg.Log)
	cfg.limiter = newRateLimiter(cfg.Policy, cfg.RateLimits, cfg.Log)
	if cfg.Bounds == nil {
		cfg.Bounds = graph.NewBounds(graph.DefaultListBounds)
	}
	if cfg.Metrics == nil {
		var pool *pgxpool.Pool
		if cfg.Store != nil {
			pool = cfg.Store.Pool()
		}
		cfg.Metrics = obs.NewMetrics(pool)
	}
	if r := cfg.replica(); r != nil {
		if cfg.Fences == nil {
			cfg.Fences = replica.NewLocalFences(cfg.Store.Pool())
		}
		for _, c := range r.Collectors() {
			if err := cfg.Metrics.Registry().Register(c); err != nil && !errors.As(err, new(prometheus.AlreadyRegisteredError)) {
				panic(err) // two metrics of one name: a programming error
			}
		}
	}
	mux := http.NewServeMux()
	addRoutes(mux, cfg)
	var h http.Handler = mux
	h = protect(cfg, h)
	h = obs.Middleware(obs.HTTPConfig{Log: cfg.Log, Metrics: cfg.Metrics, RequestID: RequestID,
		Routes: mux, TracerProvider: cfg.Tracer}, h)
	h = withRequestID(h)
	return h
}
