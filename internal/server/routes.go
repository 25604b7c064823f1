package server

import (
	"net/http"

	"github.com/sourcecmp/sourcecmp/internal/export"
	"github.com/sourcecmp/sourcecmp/internal/webui"
)

// addRoutes is the map of the whole API surface.
func addRoutes(mux *http.ServeMux, cfg Config) {
	gql := newGraphQLHandler(cfg)
	mux.Handle("POST /graphql", gql)
	mux.Handle("GET /graphql", gql) // queries only; gqlgen refuses mutations over GET
	mux.HandleFunc("/graphql", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "use GET or POST", http.StatusMethodNotAllowed)
	})
	mux.Handle("GET /healthz", handleHealthz())
	mux.Handle("GET /readyz", handleReadyz(cfg))
	// The playground (/), the comparison page and the reader: static,
	// embedded, clients of /graphql like any other.
	mux.Handle("/", webui.Handler(webui.Options{GraphQLPath: "/graphql"}))
	mux.Handle("GET /metrics", cfg.Metrics.Handler())
	exports := &export.Exports{Store: cfg.Store, Log: cfg.Log, RequestID: RequestID}
	mux.Handle("GET "+export.AnnotationsPath, exports.Annotations())
	mux.Handle("GET "+export.ReferencesPath, exports.References())
}
