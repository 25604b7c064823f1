package store

import (
	"context"
	"errors"
	"io"
	"net"

	"github.com/jackc/pgx/v5/pgconn"
)

// Unavailable reports whether err says the database cannot be reached or
// is going away (refused or cut connections, a server shutting down or
// starting up, too many connections), as opposed to a statement that
// failed: a client may retry later, and the server is not ready.
func Unavailable(err error) bool {
	if err == nil || TimedOut(err) {
		return false
	}
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr):
		switch c := pgErr.Code; {
		case c[:2] == "08", // connection_exception
			c == "57P01", c == "57P02", c == "57P03", // admin_shutdown, crash_shutdown, cannot_connect_now
			c == "53300": // too_many_connections
			return true
		}
		return false
	case errors.As(err, &connectErr), errors.As(err, &netErr),
		errors.Is(err, pgconn.ErrConnClosed), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return true
	}
	return false
}

// TimedOut reports whether err says a statement was cancelled for taking
// too long: by statement_timeout, or because the request's deadline
// passed.
func TimedOut(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "57014" // query_canceled
	}
	return errors.Is(err, context.DeadlineExceeded)
}

// InvalidText reports whether err says the database refused a text value
// a client sent: a NUL character, or a character its encoding cannot
// hold. Such input fails only once it reaches the database.
func InvalidText(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && (pgErr.Code == "22021" || pgErr.Code == "22P05") // character_not_in_repertoire, untranslatable_character
}
