package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/ratelimit"
	"github.com/sourcecmp/sourcecmp/internal/server"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// testPolicy is the default policy without rate limiting (of requests
// and of cost), which tests that send many requests would trip.
func testPolicy() server.Policy {
	p := server.DefaultPolicy()
	p.RateLimit, p.CostRate = 0, 0
	return p
}

// guarded returns a copy of f whose handler enforces p, with the
// changes of configure made to its server.Config.
func guarded(t testing.TB, f *fixture, p server.Policy, configure ...func(*server.Config)) *fixture {
	t.Helper()
	g := *f
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	cfg := server.Config{Log: log, Store: f.store, Ingester: f.ingest, LoaderWait: loaderWait, Policy: p, Bounds: f.bounds}
	for _, c := range configure {
		c(&cfg)
	}
	g.handler = server.NewServer(cfg)
	return &g
}

// stoppedClock gives the server rate-limit buckets whose clock stands
// still: no refill comes between a test's requests, however slowly a
// loaded machine runs them.
func stoppedClock(c *server.Config) {
	stopped := time.Unix(0, 0)
	c.RateLimits = ratelimit.NewLocalClock(func() time.Time { return stopped })
}

// reply is a response with its headers and raw body.
type reply struct {
	response
	Header http.Header
	Body   string
}

// send sends a raw request to f's handler; the answer must be JSON with
// the shape of a GraphQL response.
func (f *fixture) send(t testing.TB, method, target, contentType string, body []byte, header http.Header) reply {
	t.Helper()
	req := httptest.NewRequest(method, target, bytes.NewReader(body))
	if body == nil {
		req = httptest.NewRequest(method, target, nil)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	var out struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%s %s: response is not JSON (%d): %.500s", method, target, rec.Code, rec.Body.String())
	}
	n, _ := strconv.Atoi(rec.Header().Get(server.StatementsHeader))
	return reply{response{Status: rec.Code, Statements: n, Data: out.Data, Errors: out.Errors}, rec.Header(), rec.Body.String()}
}

// postAs sends a GraphQL request with an Authorization header (none when
// authz is empty).
func (f *fixture) postAs(t testing.TB, authz, query string, vars map[string]any) reply {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	if authz != "" {
		h.Set("Authorization", authz)
	}
	return f.send(t, http.MethodPost, "/graphql", "application/json", body, h)
}

// newKey stores a new API key and returns its text.
func newKey(t testing.TB, st *store.Store, name, role string) string {
	t.Helper()
	key, hash, err := auth.NewKey()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.APIKeyCreate(context.Background(), name, role, hash); err != nil {
		t.Fatal(err)
	}
	return key
}

// codes lists the error codes of a response.
func codes(errs []gqlError) []string {
	var out []string
	for _, e := range errs {
		c, _ := e.Extensions["code"].(string)
		out = append(out, c)
	}
	return out
}

// onlyCode checks that a response failed with errors of code alone, with
// an HTTP status below 500, and that no message shows internals.
func onlyCode(t testing.TB, r reply, code string) {
	t.Helper()
	if r.Status >= 500 && code != "UNAVAILABLE" {
		t.Errorf("HTTP %d: %.300s", r.Status, r.Body)
	}
	if len(r.Errors) == 0 {
		t.Errorf("no error, want %s: %.300s", code, r.Body)
	}
	for _, e := range r.Errors {
		if e.Extensions["code"] != code {
			t.Errorf("error %q code %v, want %s", e.Message, e.Extensions["code"], code)
		}
	}
	noInternals(t, r.Body)
}

// noInternals checks that a response body shows nothing of the server's
// insides: SQL, database errors, Go errors or stacks.
func noInternals(t testing.TB, body string) {
	t.Helper()
	lower := strings.ToLower(body)
	for _, leak := range []string{"sqlstate", "pgx", "pgconn", "postgres", "goroutine", "runtime error",
		"panic", ".go:", "dial tcp", "connection refused", "context deadline", "unexpected eof", "json:", "http: "} {
		if strings.Contains(lower, leak) {
			t.Errorf("response shows internals (%q): %.500s", leak, body)
		}
	}
}

// dbState summarizes every table's content, to show that hostile requests
// changed nothing.
func dbState(t testing.TB, st *store.Store) string {
	t.Helper()
	var s string
	err := st.Pool().QueryRow(context.Background(), `SELECT concat_ws('|',
		(SELECT md5(string_agg(d::text, ',' ORDER BY id)) FROM documents d),
		(SELECT md5(string_agg(a::text, ',' ORDER BY id)) FROM authors a),
		(SELECT count(*) FROM sections), (SELECT count(*) FROM paragraphs), (SELECT count(*) FROM footnotes),
		(SELECT md5(string_agg(s::text, ',' ORDER BY id)) FROM stances s),
		(SELECT md5(string_agg(c::text, ',' ORDER BY id)) FROM citations c),
		(SELECT count(*) FROM api_keys), (SELECT count(*) FROM audit_log), (SELECT count(*) FROM topics))`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
