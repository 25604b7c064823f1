package server

import (
	"context"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"time"
)

// protect wraps every route in what every response needs: security
// headers, CORS, a deadline, and a recovery from panics that answers a
// generic error with the request ID and logs the rest.
func protect(cfg Config, next http.Handler) http.Handler {
	h := withDeadline(cfg.Policy.RequestTimeout, next)
	h = withCORS(cfg.Policy.CORSOrigins, h)
	h = withSecurityHeaders(h)
	return recoverPanics(cfg.Log, h)
}

// withDeadline gives each request's context a deadline: the database
// statements it runs are cancelled when it passes.
func withDeadline(d time.Duration, next http.Handler) http.Handler {
	if d <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// withSecurityHeaders sets the headers every response carries, whatever
// route answers it (probes, metrics, exports, 404s, redirects). Handlers
// may replace them: the web pages set their own Referrer-Policy and a
// Content-Security-Policy that lets them run.
func withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityJSON)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// CORS: what a page from an allowed origin may send and read.
const (
	corsMethods = "GET, POST"
	corsHeaders = "Authorization, Content-Type, X-Request-ID"
	corsExpose  = "X-Request-ID, " + StatementsHeader + ", Retry-After"
	corsMaxAge  = "600"
)

// withCORS lets pages from the allowed origins ("*": any) call the API,
// answering their preflight requests. Requests from other origins are
// served without CORS headers, so their pages cannot read the answers;
// a POST with a JSON body always needs a preflight, so such pages cannot
// send writes either.
func withCORS(origins []string, next http.Handler) http.Handler {
	any := slices.Contains(origins, "*")
	allowed := func(origin string) bool { return any || slices.Contains(origins, origin) }
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Add("Vary", "Origin")
		preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
		if preflight {
			h.Add("Vary", "Access-Control-Request-Method")
			h.Add("Vary", "Access-Control-Request-Headers")
			if !allowed(origin) {
				writeError(w, r, http.StatusForbidden, "CORS_ORIGIN_NOT_ALLOWED", "this origin may not call the API", nil)
				return
			}
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Allow-Methods", corsMethods)
			h.Set("Access-Control-Allow-Headers", corsHeaders)
			h.Set("Access-Control-Max-Age", corsMaxAge)
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if allowed(origin) {
			h.Set("Access-Control-Allow-Origin", origin)
			h.Set("Access-Control-Expose-Headers", corsExpose)
		}
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic into a 500 with a generic GraphQL error and
// the request ID; the panic and its stack go to the log only.
// http.ErrAbortHandler passes: it asks the server to drop the connection.
func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tw := &trackingWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			log.ErrorContext(r.Context(), "panic", "request_id", RequestID(r.Context()),
				"method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
			if tw.wroteHeader {
				panic(http.ErrAbortHandler) // too late for an error response: cut it short
			}
			writeError(w, r, http.StatusInternalServerError, codeInternal, "internal error", nil)
		}()
		next.ServeHTTP(tw, r)
	})
}

// trackingWriter notes whether the response has started.
type trackingWriter struct {
	http.ResponseWriter
	wroteHeader bool
}

func (tw *trackingWriter) WriteHeader(status int) {
	tw.wroteHeader = true
	tw.ResponseWriter.WriteHeader(status)
}

func (tw *trackingWriter) Write(b []byte) (int, error) {
	tw.wroteHeader = true
	return tw.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (tw *trackingWriter) Unwrap() http.ResponseWriter { return tw.ResponseWriter }
