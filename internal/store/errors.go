package store

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Error codes a client may see. Any other error is internal: logged with
// the request ID and shown to clients only as a generic message.
const (
	ENotFound = "NOT_FOUND"
	EInvalid  = "INVALID_ARGUMENT"
	EConflict = "CONFLICT"
	// EReadOnly refuses an API edit of what the seed files own.
	EReadOnly = "READ_ONLY"
)

// Error is a domain error whose message is safe to show to a client.
type Error struct {
	Code    string
	Message string
	wrapped error // what Errorf's %w verbs named
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the errors Errorf wrapped with %w, so that errors.Is and
// errors.As see through a domain error to its cause.
func (e *Error) Unwrap() []error {
	switch u := e.wrapped.(type) {
	case interface{ Unwrap() error }:
		return []error{u.Unwrap()}
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	}
	return nil
}

// Errorf returns an *Error with the code and a formatted message; %w
// wraps an error as fmt.Errorf does, its text becoming part of the
// message.
func Errorf(code, format string, args ...any) *Error {
	err := fmt.Errorf(format, args...)
	return &Error{Code: code, Message: err.Error(), wrapped: err}
}

// ErrorCode returns the code of the first *Error in err's chain, or ""
// when err is nil or not a domain error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// ErrorMessage returns the client-safe message of the first *Error in
// err's chain, or "" when there is none.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return ""
}

// notFound maps pgx's "no rows" to a NOT_FOUND error naming what was
// looked for; other errors pass unchanged.
func notFound(err error, what string, key any) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return Errorf(ENotFound, "%s %v not found", what, key)
	}
	return err
}
