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
}

func (e *Error) Error() string { return e.Message }

// Errorf returns an *Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
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
