package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Error codes of the API's own (not store) errors, in extensions.code.
const (
	CodeInternal        = "INTERNAL"
	CodeUnauthenticated = "UNAUTHENTICATED" // no key, or a wrong or revoked one
	CodeForbidden       = "FORBIDDEN"       // the key's role does not allow it
	CodeUnavailable     = "UNAVAILABLE"     // the database cannot be reached: retry later
	CodeTimeout         = "TIMEOUT"         // the request ran out of time
	CodeCanceled        = "CANCELED"        // the client went away
	CodeBadRequest      = "BAD_REQUEST"     // a malformed request (gqlgen's own refusals)
)

// invalid returns an INVALID_ARGUMENT error for a client's mistake.
func invalid(format string, args ...any) error {
	return store.Errorf(store.EInvalid, format, args...)
}

// decodeID returns the database id of a global ID of type typ, or an
// INVALID_ARGUMENT error naming the argument.
func decodeID(arg, typ, id string) (int64, error) {
	n, err := gid.DecodeAs(typ, id)
	if err != nil {
		return 0, invalid("%s: %v", arg, err)
	}
	return n, nil
}

// NewErrorPresenter decides what a client sees of an error; it is the
// only place that does. Domain errors (store.Error), refusals (auth) and
// errors that already carry extensions.code (GraphQL validation, limits)
// pass with their message. An unreachable database and a timeout get
// their own codes and a fixed message. Anything else may hold database
// details, so it is logged with the request ID and shown as "internal
// error" with that request ID. Codes are noted in the request's Codes,
// if any.
func NewErrorPresenter(log *slog.Logger, requestID func(context.Context) string) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := present(ctx, log, requestID, err)
		gerr.Message = truncate(gerr.Message, maxMessage)
		if codes := codesFrom(ctx); codes != nil {
			code, _ := gerr.Extensions["code"].(string)
			codes.add(code)
		}
		return gerr
	}
}

func present(ctx context.Context, log *slog.Logger, requestID func(context.Context) string, err error) *gqlerror.Error {
	gerr := graphql.DefaultErrorPresenter(ctx, err)
	safe := func(code, msg string) *gqlerror.Error {
		return &gqlerror.Error{Message: msg, Path: gerr.Path, Locations: gerr.Locations, Extensions: map[string]any{"code": code}}
	}
	withID := func(code, msg string) *gqlerror.Error {
		e := safe(code, msg)
		e.Extensions["requestId"] = requestID(ctx)
		return e
	}
	switch {
	case store.ErrorCode(err) != "":
		return safe(store.ErrorCode(err), store.ErrorMessage(err))
	case store.InvalidText(err):
		return safe(store.EInvalid, "a text argument holds a character that cannot be stored or searched (such as NUL)")
	case errors.Is(err, auth.ErrUnauthenticated):
		return safe(CodeUnauthenticated, gerr.Message)
	case errors.Is(err, auth.ErrForbidden):
		return safe(CodeForbidden, gerr.Message)
	case store.Unavailable(err):
		log.WarnContext(ctx, "database unavailable", "request_id", requestID(ctx), "path", gerr.Path.String(), "err", err)
		return withID(CodeUnavailable, "the database is unavailable; retry later")
	case store.TimedOut(err):
		log.WarnContext(ctx, "timed out", "request_id", requestID(ctx), "path", gerr.Path.String(), "err", err)
		return withID(CodeTimeout, "the request took longer than the server allows")
	case errors.Is(err, context.Canceled):
		return withID(CodeCanceled, "the request was cancelled")
	}
	if _, ok := gerr.Extensions["code"]; ok {
		return gerr
	}
	// gqlgen's own refusals of a request (a bad persisted-query hash, say)
	// are *gqlerror.Error values that wrap no other error; errors from
	// resolvers always wrap the resolver's error.
	var own *gqlerror.Error
	if errors.As(err, &own) && own.Err == nil {
		gerr.Extensions = map[string]any{"code": CodeBadRequest}
		return gerr
	}
	id := requestID(ctx)
	log.ErrorContext(ctx, "graphql error", "request_id", id, "path", gerr.Path.String(), "err", err)
	return withID(CodeInternal, "internal error")
}

// maxMessage bounds an error message: messages quote what the client
// sent, and a client may send megabytes.
const maxMessage = 1000

// truncate cuts s to at most n bytes on a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// NewRecoverFunc turns a resolver panic into an internal error, logged
// with its request ID and stack.
func NewRecoverFunc(log *slog.Logger, requestID func(context.Context) string) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "graphql panic", "request_id", requestID(ctx), "panic", v, "stack", string(debug.Stack()))
		return errors.New(fmt.Sprint("panic: ", v)) // presented as "internal error"
	}
}

// Codes collects the error codes of one request's response, so that the
// HTTP layer can choose a status (503 when the database is unavailable)
// and notice an outage. It is safe for concurrent use.
type Codes struct {
	mu  sync.Mutex
	set map[string]bool
}

type codesKey struct{}

// WithCodes returns a context whose GraphQL errors are noted in the
// returned Codes.
func WithCodes(ctx context.Context) (context.Context, *Codes) {
	c := &Codes{set: map[string]bool{}}
	return context.WithValue(ctx, codesKey{}, c), c
}

func codesFrom(ctx context.Context) *Codes {
	c, _ := ctx.Value(codesKey{}).(*Codes)
	return c
}

func (c *Codes) add(code string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.set[code] = true
}

// Has reports whether an error with code was presented.
func (c *Codes) Has(code string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.set[code]
}
