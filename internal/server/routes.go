package server

import (
	"net/http"
)

// addRoutes is the map of the whole API surface.
func addRoutes(mux *http.ServeMux, cfg Config) {
	gql := newGraphQLHandler(cfg)
	mux.Handle("POST /graphql", gql)
	mux.Handle("GET /graphql", gql) // queries only; gqlgen refuses mutations over GET
	mux.Handle("GET /healthz", handleHealthz())
	mux.Handle("GET /readyz", handleReadyz(cfg))
	mux.Handle("GET /{$}", handleIndex())
}
