package obs

import (
	"context"
	"sync"
)

// Request is what the middleware learns about a request while it runs,
// from code that knows more than HTTP: the GraphQL extension records the
// operation name and the codes of the errors in the response. It is safe
// for concurrent use (resolvers run in parallel).
type Request struct {
	mu        sync.Mutex
	operation string
	codes     []string
}

// SetOperation records the request's operation name (see OperationName).
func (r *Request) SetOperation(name string) {
	r.mu.Lock()
	r.operation = name
	r.mu.Unlock()
}

// Operation returns the recorded operation name, or "".
func (r *Request) Operation() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.operation
}

// AddErrorCode records the extensions.code of an error in the response.
func (r *Request) AddErrorCode(code string) {
	r.mu.Lock()
	r.codes = append(r.codes, code)
	r.mu.Unlock()
}

// ErrorCodes returns the recorded error codes, one per error.
func (r *Request) ErrorCodes() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.codes...)
}

type requestKey struct{}

// WithRequest returns a context carrying r.
func WithRequest(ctx context.Context, r *Request) context.Context {
	return context.WithValue(ctx, requestKey{}, r)
}

// RequestFrom returns the context's Request, or nil outside the middleware.
func RequestFrom(ctx context.Context) *Request {
	r, _ := ctx.Value(requestKey{}).(*Request)
	return r
}
