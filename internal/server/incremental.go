package server

import (
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// deferDeliveryTimeout is how long the server gathers deferred results
// before it sends the part it has: short, since deferring is there to
// show the first part early.
const deferDeliveryTimeout = 10 * time.Millisecond

// incremental answers operations with @defer to clients that accept
// multipart/mixed (gqlgen's incremental delivery, in the 2022-08-24
// format Apollo Client and GraphiQL read): the first part with what is not
// deferred, then a part per deferred fragment. The writers of the
// middleware flush through Unwrap, which gqlgen's own check for a Flusher
// does not follow.
type incremental struct{ transport.MultipartMixed }

func newIncremental() incremental {
	return incremental{transport.MultipartMixed{Boundary: "-", DeliveryTimeout: deferDeliveryTimeout}}
}

// Do implements graphql.Transport.
func (t incremental) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	t.MultipartMixed.Do(flusher{w}, r, exec)
}

// flusher flushes any writer whose chain of Unwrap reaches one that can.
type flusher struct{ http.ResponseWriter }

func (f flusher) Flush() { _ = http.NewResponseController(f.ResponseWriter).Flush() }
