package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sourcecmp/sourcecmp/graph"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// probeInterval is how often, at most, a server whose database is down
// checks whether it is back (within readyTimeout).
const probeInterval = time.Second

// readiness tracks whether the database answers. While it does not, GraphQL
// requests fail at once with 503 instead of each waiting on a connection
// that will not come; one request per probeInterval probes the database
// and lets traffic through again once it answers. The state changes on
// evidence of the primary itself: a probe or a /readyz check. A response
// that found the database unavailable is no such evidence on its own (its
// read may have gone to a replica that went away, or over one connection
// that broke): it starts a probe, and requests go on meanwhile.
type readiness struct {
	store *store.Store
	log   *slog.Logger

	down    atomic.Bool
	mu      sync.Mutex
	lastErr error
	probed  time.Time // of the last probe while down
	probing bool
}

func newReadiness(st *store.Store, log *slog.Logger) *readiness {
	return &readiness{store: st, log: log}
}

// suspect starts a probe of the primary, unless one is under way or the
// database is known to be down, and marks it down if the probe fails.
func (rd *readiness) suspect() {
	if rd.down.Load() {
		return
	}
	rd.mu.Lock()
	if rd.probing {
		rd.mu.Unlock()
		return
	}
	rd.probing = true
	rd.mu.Unlock()
	go rd.probe()
}

// probe pings the primary for a caller that set probing, and records
// the outcome.
func (rd *readiness) probe() error {
	err := rd.store.Ping(context.Background(), readyTimeout)
	rd.mu.Lock()
	rd.probing = false
	rd.mu.Unlock()
	if err != nil {
		rd.markDown(err)
		return err
	}
	rd.markUp()
	return nil
}

// markDown records that a probe found the database unreachable.
func (rd *readiness) markDown(err error) {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if !rd.down.Swap(true) {
		rd.log.Warn("database unreachable: refusing GraphQL requests until it answers", "err", err)
		rd.probed = time.Now()
	}
	rd.lastErr = err
}

func (rd *readiness) markUp() {
	if rd.down.Swap(false) {
		rd.log.Info("database reachable again")
	}
}

// ready reports whether requests may go to the database: it is not known
// to be down, or a probe (at most one per probeInterval) just reached it.
func (rd *readiness) ready() bool {
	if !rd.down.Load() {
		return true
	}
	rd.mu.Lock()
	if rd.probing || time.Since(rd.probed) < probeInterval {
		rd.mu.Unlock()
		return false
	}
	rd.probing, rd.probed = true, time.Now()
	rd.mu.Unlock()
	return rd.probe() == nil
}

// check pings the database now, for /readyz, and records the outcome.
func (rd *readiness) check(ctx context.Context) error {
	err := rd.store.Ping(ctx, readyTimeout)
	if err != nil {
		rd.markDown(err)
		return err
	}
	rd.markUp()
	return nil
}

// failFast refuses GraphQL requests while the database is down, and
// turns a response whose errors say the database is unavailable into a
// 503 with Retry-After, probing the database.
func failFast(rd *readiness, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !rd.ready() {
			refuseUnavailable(w, r)
			return
		}
		ctx, codes := graph.WithCodes(r.Context())
		next.ServeHTTP(&outageWriter{ResponseWriter: w, codes: codes, rd: rd}, r.WithContext(ctx))
	})
}

func refuseUnavailable(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", retryAfterOutageSecs)
	writeError(w, r, http.StatusServiceUnavailable, codeUnavailable, "the database is unavailable; retry later", nil)
}

// outageWriter changes the status of a response that reports the database
// unavailable to 503: gqlgen writes the response once it is complete, so
// every error has been presented by the first write.
type outageWriter struct {
	http.ResponseWriter
	codes       *graph.Codes
	rd          *readiness
	wroteHeader bool
}

func (ow *outageWriter) WriteHeader(status int) {
	if !ow.wroteHeader {
		ow.wroteHeader = true
		if ow.codes.Has(graph.CodeUnavailable) {
			ow.rd.suspect()
			ow.Header().Set("Retry-After", retryAfterOutageSecs)
			status = http.StatusServiceUnavailable
		}
	}
	ow.ResponseWriter.WriteHeader(status)
}

func (ow *outageWriter) Write(b []byte) (int, error) {
	if !ow.wroteHeader {
		ow.WriteHeader(http.StatusOK)
	}
	return ow.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (ow *outageWriter) Unwrap() http.ResponseWriter { return ow.ResponseWriter }

// Startup is the handler a server answers with while it prepares its
// database (creates, migrates, seeds it), which may take long when the
// database is down: /healthz says the process is up, /readyz that it is
// not ready and why, and every other request gets a 503 GraphQL error at
// once. Ready hands over to the real handler.
type Startup struct {
	next   atomic.Pointer[http.Handler]
	status atomic.Pointer[string]
	front  http.Handler
}

// NewStartup returns a Startup that reports status until Ready.
func NewStartup(status string) *Startup {
	s := &Startup{}
	s.SetStatus(status)
	s.front = withRequestID(withSecurityHeaders(http.HandlerFunc(s.serveStarting)))
	return s
}

// SetStatus changes what /readyz says while starting.
func (s *Startup) SetStatus(status string) { s.status.Store(&status) }

// Ready makes h answer every request from now on.
func (s *Startup) Ready(h http.Handler) { s.next.Store(&h) }

// ServeHTTP implements http.Handler.
func (s *Startup) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h := s.next.Load(); h != nil {
		(*h).ServeHTTP(w, r)
		return
	}
	s.front.ServeHTTP(w, r)
}

func (s *Startup) serveStarting(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/healthz":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	case "/readyz":
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("starting: " + *s.status.Load() + "\n"))
	default:
		w.Header().Set("Retry-After", retryAfterOutageSecs)
		writeError(w, r, http.StatusServiceUnavailable, codeUnavailable,
			"the server is starting: it is waiting for its database; retry later", nil)
	}
}
