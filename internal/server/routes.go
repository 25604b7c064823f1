package server

import (
	"net/http"

	"github.com/sourcecmp/sourcecmp/internal/export"
)

// addRoutes is the map of the whole API surface.
func addRoutes(mux *http.ServeMux, cfg Config) {
	gql := newGraphQLHandler(cfg)
	mux.Handle("POST /graphql", gql)
	mux.Handle("GET /graphql", gql) // queries only; gqlgen refuses mutations over GET
	mux.Handle("GET /healthz", handleHealthz())
	mux.Handle("GET /readyz", handleReadyz(cfg))
	mux.Handle("GET /{$}", handleIndex())
	mux.Handle("GET /metrics", cfg.Metrics.Handler())
	exports := &export.Exports{Store: cfg.Store, Log: cfg.Log, RequestID: RequestID}
	mux.Handle("GET "+export.AnnotationsPath, exports.Annotations())
	mux.Handle("GET "+export.ReferencesPath, exports.References())
}
