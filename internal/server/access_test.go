package server_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/server"
)

// TestPastDeadlineAnswersTimeout: a request whose deadline passes during
// CPU-bound work (parsing and analysing a large upload) is answered
// TIMEOUT, as JSON, and the upload writes nothing; so is any request
// still running at its deadline.
func TestPastDeadlineAnswersTimeout(t *testing.T) {
	t.Parallel()
	base := newFixture(t)
	admin := "Bearer " + newKey(t, base.store, "deadline-admin", "admin")
	p := testPolicy()
	p.RequestTimeout = 50 * time.Millisecond
	f := guarded(t, base, p)
	before := dbState(t, f.store)

	var doc strings.Builder
	doc.WriteString("大きな文書\n\n著者 山田 太郎\n\n")
	for doc.Len() < 900<<10 {
		doc.WriteString("北朝鮮とロシアの軍事技術協力は、中国の対米競争と結びついて朝鮮半島の危機を高める。\n\n")
	}
	r := f.postAs(t, admin, `mutation($c: String!) { ingestDocument(filename: "large.txt", content: $c) { status } }`, map[string]any{"c": doc.String()})
	onlyCode(t, r, "TIMEOUT")
	if !strings.Contains(r.Errors[0].Message, "50ms") {
		t.Errorf("the message does not name the deadline: %q", r.Errors[0].Message)
	}
	dbURL := f.store.Pool().Config().ConnString()
	dbtest.Eventually(t, 10*time.Second, "the abandoned upload stops", func() bool { return busyBackends(t, f) == 0 })
	if after := dbState(t, f.store); after != before {
		t.Errorf("a timed-out upload changed the database:\n%s\n%s", before, after)
	}
	if n := dbtest.LockWaiters(t, dbURL); n != 0 {
		t.Errorf("%d statements wait on locks", n)
	}

	p.RequestTimeout = time.Nanosecond
	g := guarded(t, base, p)
	onlyCode(t, g.postAs(t, "", countQuery, nil), "TIMEOUT")
}

// busyBackends counts the other connections to f's database that are
// running a statement or hold a transaction open.
func busyBackends(t *testing.T, f *fixture) int {
	var n int
	err := f.store.Pool().QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRequireKeyCoversEveryDataRoute: under RequireKey the exports need a
// key and the metrics an admin's; the probes and the pages stay open.
func TestRequireKeyCoversEveryDataRoute(t *testing.T) {
	t.Parallel()
	base := newFixture(t)
	reader := http.Header{"Authorization": {"Bearer " + newKey(t, base.store, "data-reader", "reader")}}
	admin := http.Header{"Authorization": {"Bearer " + newKey(t, base.store, "data-admin", "admin")}}
	p := testPolicy()
	p.RequireKey = true
	f := guarded(t, base, p)
	for _, c := range []struct {
		path                string
		anonymous, asReader int
	}{
		{"/export/annotations.jsonld", http.StatusUnauthorized, http.StatusOK},
		{"/export/references.json", http.StatusUnauthorized, http.StatusOK},
		{"/metrics", http.StatusUnauthorized, http.StatusForbidden},
		{"/healthz", http.StatusOK, http.StatusOK},
		{"/readyz", http.StatusOK, http.StatusOK},
		{"/", http.StatusOK, http.StatusOK},
	} {
		if rec := get(t, f.handler, c.path, nil); rec.Code != c.anonymous {
			t.Errorf("anonymous GET %s: %d, want %d", c.path, rec.Code, c.anonymous)
		}
		if rec := get(t, f.handler, c.path, reader); rec.Code != c.asReader {
			t.Errorf("GET %s with a reader key: %d, want %d", c.path, rec.Code, c.asReader)
		}
	}
	if rec := get(t, f.handler, "/metrics", admin); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "sourcecmp_http_requests_total") {
		t.Errorf("GET /metrics with an admin key: %d", rec.Code)
	}
	// Without RequireKey the exports and the metrics are open, as before.
	g := guarded(t, base, testPolicy())
	for _, path := range []string{"/export/annotations.jsonld", "/metrics"} {
		if rec := get(t, g.handler, path, nil); rec.Code != http.StatusOK {
			t.Errorf("anonymous GET %s without RequireKey: %d", path, rec.Code)
		}
	}
}

// TestEveryRouteIsRateLimited: the exports, the probes and the pages
// count against a client's rate as GraphQL does.
func TestEveryRouteIsRateLimited(t *testing.T) {
	t.Parallel()
	p := testPolicy()
	p.RateLimit, p.RateBurst = 1, 5
	base := newFixture(t)
	for _, path := range []string{"/export/annotations.jsonld", "/export/references.json", "/healthz", "/metrics", "/compare"} {
		f := guarded(t, base, p, stoppedClock) // a bucket of its own for each route
		for i := range 5 {
			if rec := get(t, f.handler, path, nil); rec.Code != http.StatusOK {
				t.Fatalf("GET %s #%d within the burst: %d", path, i+1, rec.Code)
			}
		}
		rec := get(t, f.handler, path, nil)
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), "RATE_LIMITED") {
			t.Errorf("GET %s over the rate: %d %v %.200s", path, rec.Code, rec.Header(), rec.Body)
		}
	}
}

// TestCostRateLimit: a client whose requests did more work than its
// budget is refused, before anything is parsed, with 429 and Retry-After,
// while another client (a key) is served.
func TestCostRateLimit(t *testing.T) {
	t.Parallel()
	base := newFixture(t)
	other := "Bearer " + newKey(t, base.store, "cost-other", "reader")
	p := testPolicy()
	p.CostRate, p.CostBurst = 1, 300
	f := guarded(t, base, p)
	heavy := `{ documents(first: 5) { nodes { text sections { text paragraphs { text footnoteRefs { label offset } } } } } }`
	if r := f.postAs(t, "", heavy, nil); r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("the first heavy query: %d %.300s", r.Status, r.Body)
	}
	r := f.postAs(t, "", countQuery, nil)
	onlyCode(t, r, "RATE_LIMITED")
	if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" || r.Statements != 0 || !strings.Contains(r.Errors[0].Message, "units of work") {
		t.Errorf("after it: %d, Retry-After %q, %d statements: %.300s", r.Status, r.Header.Get("Retry-After"), r.Statements, r.Body)
	}
	if r := f.postAs(t, other, countQuery, nil); r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("another client: %d %.300s", r.Status, r.Body)
	}
	// The default budget refuses a client sending the costliest queries
	// the limits accept (10 searches of the longest text: 41,000 units of
	// analysis each) after a few. The buckets' clock stands still, so
	// that a slow machine's refills do not decide the outcome.
	d := server.DefaultPolicy()
	d.RateLimit = 0
	g := guarded(t, base, d, stoppedClock)
	searches := `query($q: String!) {` + repeat(10, "s%d: search(query: $q) { totalCount }") + `}`
	longest := map[string]any{"q": string([]rune(strings.Repeat("北朝鮮の軍事技術協力とロシア ", 20))[:256])}
	for i := range 20 {
		if r := g.postAs(t, "", searches, longest); r.Status == http.StatusTooManyRequests {
			if i < 3 {
				t.Errorf("refused after %d queries, within the default burst", i)
			}
			return
		}
	}
	t.Error("twenty of the costliest queries in a row were all served under the default cost rate")
}

// TestSecurityHeadersOnEveryResponse: the probes, the metrics, the
// exports, a 404, a 405 and a redirect carry the CSP and the rest.
func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	f := guarded(t, newFixture(t), testPolicy())
	for _, c := range []struct{ method, path string }{
		{"GET", "/healthz"}, {"GET", "/readyz"}, {"GET", "/metrics"}, {"GET", "/export/annotations.jsonld"},
		{"GET", "/export/references.json"}, {"GET", "/nope"}, {"PUT", "/graphql"}, {"GET", "/graphql/../graphql"},
	} {
		rec := httptest.NewRecorder()
		f.handler.ServeHTTP(rec, httptest.NewRequest(c.method, c.path, nil))
		h := rec.Header()
		if h.Get("Content-Security-Policy") == "" || h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") == "" {
			t.Errorf("%s %s (%d): headers %v", c.method, c.path, rec.Code, h)
		}
	}
}

// TestExportsIgnoreHost: the exports' URLs come from the configured
// public URL, whatever Host a client sends.
func TestExportsIgnoreHost(t *testing.T) {
	t.Parallel()
	f := guarded(t, newFixture(t), testPolicy())
	req := httptest.NewRequest(http.MethodGet, "/export/annotations.jsonld", nil)
	req.Host = "attacker.example"
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || strings.Contains(rec.Body.String(), "attacker.example") || rec.Header().Get("Cache-Control") == "" {
		t.Errorf("%d, Cache-Control %q, body names the Host: %v", rec.Code, rec.Header().Get("Cache-Control"), strings.Contains(rec.Body.String(), "attacker.example"))
	}
}

// TestNoSuggestionsWithoutIntrospection: with introspection off, no
// error message suggests names of the schema.
func TestNoSuggestionsWithoutIntrospection(t *testing.T) {
	t.Parallel()
	p := testPolicy()
	p.Limits.NoIntrospection = true
	f := guarded(t, newFixture(t), p)
	for _, q := range []string{
		`mutation { ingestDocumen }`,
		`{ documentz { totalCount } }`,
		`{ documents(firs: 1) { totalCount } }`,
		`{ topics { name(lang: JAA) } }`,
		`{ documents(filter: {titleContain: "x"}) { totalCount } }`,
		`query($f: DocumentFiltre) { documents { totalCount } }`,
	} {
		r := f.postAs(t, "", q, nil)
		if len(r.Errors) == 0 || strings.Contains(r.Body, "Did you mean") || strings.Contains(r.Body, "ingestDocument") {
			t.Errorf("%s: %.300s", q, r.Body)
		}
	}
	g := guarded(t, f, testPolicy())
	if r := g.postAs(t, "", `mutation { ingestDocumen }`, nil); !strings.Contains(r.Body, "Did you mean") {
		t.Errorf("with introspection on, suggestions help: %.300s", r.Body)
	}
}

// TestStockIntrospectionPassesTheNewLimits: the introspection query
// GraphiQL and code generators send is refused by none of the limits
// checked before validation, nor by the cost, response or error limits.
func TestStockIntrospectionPassesTheNewLimits(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("../gqllimit/testdata/introspection.graphql")
	if err != nil {
		t.Fatal(err)
	}
	f := guarded(t, newFixture(t), server.DefaultPolicy())
	r := f.postAs(t, "", string(raw), nil)
	for _, e := range r.Errors {
		switch e.Extensions["code"] {
		case "TOKEN_LIMIT_EXCEEDED", "FIELD_LIMIT_EXCEEDED", "ALIAS_LIMIT_EXCEEDED", "DIRECTIVE_LIMIT_EXCEEDED", "DUPLICATE_FIELD_LIMIT_EXCEEDED",
			"COMPLEXITY_LIMIT_EXCEEDED", "RESPONSE_LIMIT_EXCEEDED", "ERROR_LIMIT_EXCEEDED", "RATE_LIMITED":
			t.Errorf("the stock introspection query is refused: %s", e.Message)
		}
	}
}
