package server

import (
	"context"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/sourcecmp/sourcecmp/graph"
	"github.com/sourcecmp/sourcecmp/graph/loaders"
	"github.com/sourcecmp/sourcecmp/internal/gqllimit"
	"github.com/sourcecmp/sourcecmp/internal/obs"
)

// readyTimeout bounds the database check of /readyz: a probe must answer
// quickly even when the database does not.
const readyTimeout = 2 * time.Second

func newGraphQLHandler(cfg Config) http.Handler {
	srv := handler.New(graph.NewSchema(&graph.Resolver{Store: cfg.Store, Ingester: cfg.Ingester, Audit: auditWrites, Bounds: cfg.Bounds}))
	srv.AddTransport(getJSON{})
	srv.AddTransport(postJSON{}) // and multipart/mixed for @defer: incremental.go
	// ingestDocument uploads by the GraphQL multipart request spec; the
	// guard has already bounded the body and checked the operation.
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: max(cfg.Policy.MaxUploadBytes, cfg.Policy.MaxBodyBytes), MaxMemory: 32 << 20})
	useLimits(srv, cfg.Policy, cfg.APQ)
	srv.Use(readRoute{cfg})
	srv.Use(graph.Prefetch{}) // batched reads below every root field
	srv.Use(obs.NewGraphQL(cfg.Tracer))
	// Inside the observer, which then sees the response the client gets.
	srv.Use(&gqllimit.ResponseLimit{MaxBytes: responseLimit(cfg.Policy.MaxResponseBytes, cfg.Bounds), MaxErrors: cfg.Policy.MaxErrors})
	present := graph.NewErrorPresenter(cfg.Log, RequestID)
	if cfg.Policy.Limits.NoIntrospection {
		present = withoutSuggestions(present)
	}
	srv.SetErrorPresenter(present)
	srv.SetRecoverFunc(graph.NewRecoverFunc(cfg.Log, RequestID))
	wait := cfg.LoaderWait
	if wait == 0 {
		wait = loaders.DefaultWait
	}
	return guardGraphQL(cfg, loaders.Middleware(cfg.Store, wait, srv))
}

// withoutSuggestions cuts the "Did you mean …?" that validation adds to
// a message about an unknown argument, type, enum value or input field:
// with introspection off, suggestions would spell out the schema.
// (gqlgen leaves those of unknown fields out itself: SetDisableSuggestion.)
func withoutSuggestions(present graphql.ErrorPresenterFunc) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := present(ctx, err)
		if i := strings.Index(gerr.Message, " Did you mean"); i >= 0 {
			gerr.Message = gerr.Message[:i]
		}
		return gerr
	}
}

// responseLimit returns the bound of a response: 1 MiB, or room for the
// largest document four times over (its text, its paragraphs, its notes
// and quotes) when that is more, and never more than ceiling (zero: no
// bound).
func responseLimit(ceiling int, b *graph.Bounds) func() int {
	if ceiling <= 0 {
		return nil
	}
	return func() int {
		doc := b.Get().DocumentChars * utf8.UTFMax
		return min(ceiling, max(minResponseLimit, 4*doc))
	}
}

// minResponseLimit is what a response may always hold, up to the ceiling.
const minResponseLimit = 1 << 20

// handleHealthz says the process is up; it does not look at the database,
// so that a database outage does not get the process restarted.
func handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
}

// handleReadyz says whether the server can answer queries: the database
// must answer within readyTimeout.
func handleReadyz(cfg Config) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := cfg.ready.check(r.Context()); err != nil {
			cfg.Log.WarnContext(r.Context(), "not ready", "request_id", RequestID(r.Context()), "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte("database unreachable\n"))
			return
		}
		w.Write([]byte("ready\n"))
		if r := cfg.replica(); r != nil {
			w.Write([]byte(replicaStatus(r)))
		}
	})
}
