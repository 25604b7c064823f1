package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Error codes of the API's own (not store) errors, in extensions.code.
const (
	CodeNotImplemented = "NOT_IMPLEMENTED"
	CodeInternal       = "INTERNAL"
)

// errNotImplemented answers fields whose issue is not done yet.
var errNotImplemented = &gqlerror.Error{
	Message:    "not implemented yet",
	Extensions: map[string]any{"code": CodeNotImplemented},
}

func notImplemented() error {
	e := *errNotImplemented // a copy: gqlgen sets the path on the error it gets
	return &e
}

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

// NewErrorPresenter decides what a client sees of an error. Domain errors
// (store.Error) and errors that already carry extensions.code (GraphQL
// validation, the API's own) pass with their message; anything else may
// hold database details, so it is logged with the request ID and shown as
// "internal error" with that request ID.
func NewErrorPresenter(log *slog.Logger, requestID func(context.Context) string) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		if code := store.ErrorCode(err); code != "" {
			gerr.Message = store.ErrorMessage(err)
			gerr.Extensions = map[string]any{"code": code}
			return gerr
		}
		if _, ok := gerr.Extensions["code"]; ok {
			return gerr
		}
		id := requestID(ctx)
		log.ErrorContext(ctx, "graphql error", "request_id", id, "path", gerr.Path.String(), "err", err)
		return &gqlerror.Error{
			Message:    "internal error",
			Path:       gerr.Path,
			Locations:  gerr.Locations,
			Extensions: map[string]any{"code": CodeInternal, "requestId": id},
		}
	}
}

// NewRecoverFunc turns a resolver panic into an internal error, logged
// with its request ID.
func NewRecoverFunc(log *slog.Logger, requestID func(context.Context) string) graphql.RecoverFunc {
	return func(ctx context.Context, v any) error {
		log.ErrorContext(ctx, "graphql panic", "request_id", requestID(ctx), "panic", v)
		return errors.New(fmt.Sprint("panic: ", v)) // presented as "internal error"
	}
}
