package server

import (
	"net/http"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
)

// deferDeliveryTimeout is how long the server gathers deferred results
// before it sends the part it has: short, since deferring is there to
// show the first part early.
const deferDeliveryTimeout = 10 * time.Millisecond

// incremental answers operations with @defer to clients that accept
// multipart/mixed (gqlgen's incremental delivery, in the 2022-08-24
// format Apollo Client and GraphiQL read): the first part with what is not
// deferred, then a part per deferred fragment. Other operations are
// answered with one JSON body even to clients that accept multipart
// (postJSON decides). The writers of the middleware flush through Unwrap,
// which gqlgen's own check for a Flusher does not follow.
type incremental struct{ transport.MultipartMixed }

func newIncremental() incremental {
	return incremental{transport.MultipartMixed{Boundary: "-", DeliveryTimeout: deferDeliveryTimeout}}
}

// Do implements graphql.Transport.
func (t incremental) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	t.MultipartMixed.Do(flusher{w}, r, exec)
}

// acceptsMultipart reports whether the client reads multipart/mixed.
func acceptsMultipart(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "multipart/mixed")
}

// defers reports whether the operation defers a fragment anywhere.
func defers(op *ast.OperationDefinition, fragments ast.FragmentDefinitionList) bool {
	seen := map[string]bool{}
	var walk func(ast.SelectionSet) bool
	walk = func(set ast.SelectionSet) bool {
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				if walk(sel.SelectionSet) {
					return true
				}
			case *ast.InlineFragment:
				if sel.Directives.ForName("defer") != nil || walk(sel.SelectionSet) {
					return true
				}
			case *ast.FragmentSpread:
				if sel.Directives.ForName("defer") != nil {
					return true
				}
				if f := fragments.ForName(sel.Name); f != nil && !seen[sel.Name] {
					seen[sel.Name] = true
					if walk(f.SelectionSet) {
						return true
					}
				}
			}
		}
		return false
	}
	return walk(op.SelectionSet)
}

// flusher flushes any writer whose chain of Unwrap reaches one that can.
type flusher struct{ http.ResponseWriter }

func (f flusher) Flush() { _ = http.NewResponseController(f.ResponseWriter).Flush() }
