package server

import (
	"errors"
	"net/http"

	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/export"
	"github.com/sourcecmp/sourcecmp/internal/webui"
)

// addRoutes is the map of the whole API surface. Every route is rate
// limited; the routes that serve data (GraphQL, the exports) need a key
// under Policy.RequireKey, and then the metrics need an admin's.
func addRoutes(mux *http.ServeMux, cfg Config) {
	gql := newGraphQLHandler(cfg)
	mux.Handle("POST /graphql", gql)
	mux.Handle("GET /graphql", gql) // queries only; gqlgen refuses mutations over GET
	open := func(h http.Handler) http.Handler { return limitRate(cfg.limiter, h) }
	data := func(h http.Handler) http.Handler { return authenticate(cfg, cfg.limiter, limitRate(cfg.limiter, h)) }
	mux.Handle("/graphql", open(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "use GET or POST", http.StatusMethodNotAllowed)
	})))
	mux.Handle("GET /healthz", open(handleHealthz()))
	mux.Handle("GET /readyz", open(handleReadyz(cfg)))
	// The playground (/), the comparison page and the reader: static,
	// embedded, clients of /graphql like any other.
	mux.Handle("/", open(webui.Handler(webui.Options{GraphQLPath: "/graphql"})))
	metrics := cfg.Metrics.Handler()
	if cfg.Policy.RequireKey {
		metrics = requireRole(auth.Admin, metrics)
	}
	mux.Handle("GET /metrics", data(metrics))
	exports := &export.Exports{Store: cfg.Store, Log: cfg.Log, RequestID: RequestID, BaseURL: cfg.PublicURL}
	mux.Handle("GET "+export.AnnotationsPath, data(routeReads(cfg, true, exports.Annotations())))
	mux.Handle("GET "+export.ReferencesPath, data(routeReads(cfg, true, exports.References())))
}

// requireRole refuses requests whose key's role is below role (after
// authenticate): 401 without a key, 403 with a lesser one.
func requireRole(role auth.Role, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch err := auth.Require(r.Context(), role); {
		case errors.Is(err, auth.ErrUnauthenticated):
			w.Header().Set("WWW-Authenticate", `Bearer realm="sourcecmp"`)
			writeError(w, r, http.StatusUnauthorized, codeUnauthenticated, err.Error(), nil)
		case errors.Is(err, auth.ErrForbidden):
			writeError(w, r, http.StatusForbidden, codeForbidden, err.Error(), nil)
		default:
			next.ServeHTTP(w, r)
		}
	})
}
