package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

type requestIDKey struct{}

// RequestID returns the ID of the request the context belongs to, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// withRequestID gives each request an ID, taken from a sane X-Request-ID
// header (set by a proxy) or made up, and echoes it in the response.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !saneID(id) {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// saneID accepts IDs that are safe to log: short, letters, digits, - and _.
func saneID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// StatementsHeader is the response header that tells how many SQL
// statements the request ran.
const StatementsHeader = "X-Sql-Statements"

// observe counts the SQL statements each request runs, reports the count
// in the StatementsHeader and logs one line per request (probes at debug
// level, so that they do not drown the log). The header is written with
// the response's first byte, when a GraphQL response is complete.
func observe(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, counter := store.WithStatementCounter(r.Context())
		rec := &recorder{ResponseWriter: w, counter: counter, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(ctx))
		level := slog.LevelInfo
		if r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
			level = slog.LevelDebug
		}
		log.Log(ctx, level, "request", "request_id", RequestID(ctx),
			"method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration_ms", time.Since(start).Milliseconds(), "statements", counter.Count())
	})
}

// recorder notes a response's status and stamps the statement count.
type recorder struct {
	http.ResponseWriter
	counter     *store.StatementCounter
	status      int
	wroteHeader bool
}

func (rw *recorder) WriteHeader(status int) {
	if !rw.wroteHeader {
		rw.wroteHeader = true
		rw.status = status
		rw.Header().Set(StatementsHeader, strconv.FormatInt(rw.counter.Count(), 10))
	}
	rw.ResponseWriter.WriteHeader(status)
}

func (rw *recorder) Write(b []byte) (int, error) {
	if !rw.wroteHeader {
		rw.WriteHeader(http.StatusOK)
	}
	return rw.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (rw *recorder) Unwrap() http.ResponseWriter { return rw.ResponseWriter }
