package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/server"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

func serve(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

const countQuery = `{ documents { totalCount } }`

// stanceIDs returns the ids of the stored stances.
func stanceIDs(t *testing.T, f *fixture) []string {
	t.Helper()
	var data struct {
		Topics []struct {
			Stances struct{ Nodes []struct{ ID string } }
		}
	}
	f.query(t, `{ topics { stances(first: 100) { nodes { id } } } }`, nil, &data)
	var ids []string
	for _, tp := range data.Topics {
		for _, s := range tp.Stances.Nodes {
			ids = append(ids, s.ID)
		}
	}
	if len(ids) < 2 {
		t.Fatalf("%d stances in the seeds, want 2 or more", len(ids))
	}
	return ids
}

func TestAPIKeys(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	base := newFixture(t)
	f := guarded(t, base, testPolicy())
	reader := newKey(t, f.store, "reader-1", "reader")
	editor := newKey(t, f.store, "editor-1", "editor")
	revoked := newKey(t, f.store, "gone", "admin")
	if _, err := f.store.APIKeyRevoke(ctx, "gone"); err != nil {
		t.Fatal(err)
	}
	stances := stanceIDs(t, f)
	// The first stance stands for one made through the API; the others
	// are curated (seeds), which the API may not change.
	if _, err := f.store.Pool().Exec(ctx, `UPDATE stances SET origin = 'api' WHERE id = (SELECT min(id) FROM stances WHERE origin = 'seed')`); err != nil {
		t.Fatal(err)
	}
	var apiStance, seedStance int64
	if err := f.store.Pool().QueryRow(ctx, `SELECT (SELECT id FROM stances WHERE origin = 'api'), (SELECT max(id) FROM stances WHERE origin = 'seed')`).Scan(&apiStance, &seedStance); err != nil {
		t.Fatal(err)
	}
	stances = []string{gid.Encode(gid.Stance, apiStance), gid.Encode(gid.Stance, seedStance)}
	before := dbState(t, f.store)

	t.Run("anonymous reads", func(t *testing.T) {
		if r := f.postAs(t, "", countQuery, nil); r.Status != http.StatusOK || len(r.Errors) > 0 {
			t.Errorf("anonymous read: %d %s", r.Status, r.Body)
		}
		if r := f.postAs(t, "Bearer "+reader, countQuery, nil); r.Status != http.StatusOK || len(r.Errors) > 0 {
			t.Errorf("read with a reader key: %d %s", r.Status, r.Body)
		}
	})
	t.Run("wrong, revoked and malformed keys are refused", func(t *testing.T) {
		for _, c := range []struct {
			authz  string
			status int
			msg    string
		}{
			{"Bearer sck_" + strings.Repeat("A", 43), http.StatusUnauthorized, "not valid"},
			{"Bearer " + reader + "x", http.StatusUnauthorized, "not valid"},
			{"Bearer " + strings.ToUpper(reader), http.StatusUnauthorized, "not valid"},
			{"Bearer " + revoked, http.StatusUnauthorized, "the API key was revoked"},
			{"Bearer " + strings.Repeat("k", 8000), http.StatusUnauthorized, "not valid"},
			{"Basic " + reader, http.StatusBadRequest, "malformed"},
			{"Bearer", http.StatusBadRequest, "malformed"},
			{"Bearer a b", http.StatusBadRequest, "malformed"},
			{reader, http.StatusBadRequest, "malformed"},
		} {
			r := f.postAs(t, c.authz, countQuery, nil)
			onlyCode(t, r, "UNAUTHENTICATED")
			if r.Status != c.status || !strings.Contains(r.Errors[0].Message, c.msg) || r.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%.30q: %d %s, want %d saying %q with a challenge", c.authz, r.Status, r.Body, c.status, c.msg)
			}
			if strings.Contains(r.Body, `"data"`) {
				t.Errorf("%.30q: a refused request answered data: %s", c.authz, r.Body)
			}
		}
	})
	t.Run("writes need an editor key", func(t *testing.T) {
		del := `mutation($id: ID!) { deleteStance(id: $id) }`
		vars := map[string]any{"id": stances[0]}
		onlyCode(t, f.postAs(t, "", del, vars), "UNAUTHENTICATED")
		onlyCode(t, f.postAs(t, "Bearer "+reader, del, vars), "FORBIDDEN")
		onlyCode(t, f.postAs(t, "Bearer "+revoked, del, vars), "UNAUTHENTICATED")
		ingest := `mutation { ingestDocument(filename: "x.txt", content: "タイトル\n\n本文です。") { status } }`
		onlyCode(t, f.postAs(t, "Bearer "+editor, ingest, nil), "FORBIDDEN")
		onlyCode(t, f.postAs(t, "Bearer "+editor, del, map[string]any{"id": stances[1]}), "READ_ONLY")
		if after := dbState(t, f.store); after != before {
			t.Fatalf("refused writes changed the database:\n%s\n%s", before, after)
		}
		r := f.postAs(t, "Bearer "+editor, del, vars)
		if r.Status != http.StatusOK || len(r.Errors) > 0 || !strings.Contains(string(r.Data), "true") {
			t.Fatalf("delete with an editor key: %d %s", r.Status, r.Body)
		}
		entries, err := f.store.AuditList(ctx, 1000)
		if err != nil {
			t.Fatal(err)
		}
		var byKeys []*store.AuditEntry // the seed sync's entries are the others
		for _, e := range entries {
			if !strings.HasPrefix(e.Who, "(") {
				byKeys = append(byKeys, e)
			}
		}
		if len(byKeys) != 1 {
			t.Fatalf("audit log: %d entries by keys, want 1", len(byKeys))
		}
		if e := byKeys[0]; e.Who != "editor-1" || e.Action != "deleteStance" || e.Target != stances[0] {
			t.Errorf("audit entry %+v", e)
		}
	})
	t.Run("require a key", func(t *testing.T) {
		p := testPolicy()
		p.RequireKey = true
		g := guarded(t, base, p)
		r := g.postAs(t, "", countQuery, nil)
		onlyCode(t, r, "UNAUTHENTICATED")
		if r.Status != http.StatusUnauthorized || r.Statements != 0 {
			t.Errorf("anonymous under RequireKey: %d, %d statements", r.Status, r.Statements)
		}
		if r := g.postAs(t, "Bearer "+reader, countQuery, nil); r.Status != http.StatusOK || len(r.Errors) > 0 {
			t.Errorf("reader under RequireKey: %d %s", r.Status, r.Body)
		}
		onlyCode(t, g.postAs(t, "Bearer "+revoked, countQuery, nil), "UNAUTHENTICATED")
		// Probes and pages stay open.
		if rec := get(t, g.handler, "/healthz", nil); rec.Code != http.StatusOK {
			t.Errorf("/healthz under RequireKey: %d", rec.Code)
		}
	})
}

// TestRateLimit: each key, or each client address without a key, gets
// its own bucket; beyond it, 429 with Retry-After, costing no statement.
func TestRateLimit(t *testing.T) {
	t.Parallel()
	p := testPolicy()
	p.RateLimit, p.RateBurst = 0.5, 3 // one request per 2 s after a burst of 3
	f := guarded(t, newFixture(t), p, stoppedClock)
	key := newKey(t, f.store, "busy", "reader")
	for i := range 3 {
		if r := f.postAs(t, "", countQuery, nil); r.Status != http.StatusOK {
			t.Fatalf("anonymous request %d of the burst: %d %s", i+1, r.Status, r.Body)
		}
	}
	r := f.postAs(t, "", countQuery, nil)
	onlyCode(t, r, "RATE_LIMITED")
	if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") != "2" || r.Statements != 0 {
		t.Errorf("over the rate: %d Retry-After %q, %d statements", r.Status, r.Header.Get("Retry-After"), r.Statements)
	}
	if !strings.Contains(r.Errors[0].Message, "address 192.0.2.1") {
		t.Errorf("message %q does not name the client", r.Errors[0].Message)
	}
	// The key has its own bucket, though it comes from the same address.
	for i := range 3 {
		if r := f.postAs(t, "Bearer "+key, countQuery, nil); r.Status != http.StatusOK {
			t.Fatalf("keyed request %d: %d %s", i+1, r.Status, r.Body)
		}
	}
	r = f.postAs(t, "Bearer "+key, countQuery, nil)
	if r.Status != http.StatusTooManyRequests || !strings.Contains(r.Errors[0].Message, `key "busy"`) {
		t.Errorf("key over the rate: %d %s", r.Status, r.Body)
	}
	// Wrong keys spend the address's bucket, which is empty by now.
	r = f.postAs(t, "Bearer sck_wrong", countQuery, nil)
	if r.Status != http.StatusTooManyRequests {
		t.Errorf("wrong key from a limited address: %d %s", r.Status, r.Body)
	}
}

func TestSecurityHeadersAndCORS(t *testing.T) {
	t.Parallel()
	p := testPolicy()
	p.CORSOrigins = []string{"https://allowed.example"}
	f := guarded(t, newFixture(t), p)

	r := f.postAs(t, "", countQuery, nil)
	for k, want := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "no-referrer",
		"Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
		"Cache-Control":           "no-store",
	} {
		if got := r.Header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	for _, path := range []string{"/healthz", "/nope"} {
		if rec := get(t, f.handler, path, nil); rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", path, rec.Header())
		}
	}

	preflight := func(origin string) *http.Response {
		req, _ := http.NewRequest(http.MethodOptions, "/graphql", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
		rec := serve(f.handler, req)
		return rec.Result()
	}
	ok := preflight("https://allowed.example")
	if ok.StatusCode != http.StatusNoContent || ok.Header.Get("Access-Control-Allow-Origin") != "https://allowed.example" ||
		!strings.Contains(ok.Header.Get("Access-Control-Allow-Headers"), "Authorization") || !strings.Contains(ok.Header.Get("Vary"), "Origin") {
		t.Errorf("allowed preflight: %d %v", ok.StatusCode, ok.Header)
	}
	bad := preflight("https://evil.example")
	if bad.StatusCode != http.StatusForbidden || bad.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("disallowed preflight: %d %v", bad.StatusCode, bad.Header)
	}
	h := http.Header{"Origin": {"https://allowed.example"}}
	r = f.send(t, http.MethodPost, "/graphql", "application/json", gqlBody(countQuery, nil), h)
	if r.Header.Get("Access-Control-Allow-Origin") != "https://allowed.example" || !strings.Contains(r.Header.Get("Access-Control-Expose-Headers"), "X-Request-ID") {
		t.Errorf("allowed origin: %v", r.Header)
	}
	h = http.Header{"Origin": {"https://evil.example"}}
	r = f.send(t, http.MethodPost, "/graphql", "application/json", gqlBody(countQuery, nil), h)
	if r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("another origin may read the answer: %v", r.Header)
	}
}

// TestPersistedQueries covers APQ (hash first, then hash and query, then
// hash alone) and the allow-list mode, with the web UI's own queries.
func TestPersistedQueries(t *testing.T) {
	t.Parallel()
	base := newFixture(t)
	apq := func(hash, query string) []byte {
		b, _ := json.Marshal(map[string]any{"query": query, "extensions": map[string]any{
			"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}})
		return b
	}
	q := `{ documents(first: 2) { nodes { slug } } }`
	hash := server.QueryHash(q)

	f := guarded(t, base, testPolicy())
	r := f.send(t, http.MethodPost, "/graphql", "application/json", apq(hash, ""), nil)
	onlyCode(t, r, "PERSISTED_QUERY_NOT_FOUND")
	r = f.send(t, http.MethodPost, "/graphql", "application/json", apq(hash, q), nil)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), "slug") {
		t.Fatalf("APQ with the query: %s", r.Body)
	}
	r = f.send(t, http.MethodPost, "/graphql", "application/json", apq(hash, ""), nil)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data), "slug") {
		t.Fatalf("APQ by hash alone: %s", r.Body)
	}

	list, err := server.LoadPersistedQueries("../webui/src/app/queries")
	if err != nil {
		t.Fatal(err)
	}
	topics, err := os.ReadFile("../webui/src/app/queries/Topics.graphql")
	if err != nil {
		t.Fatal(err)
	}
	p := testPolicy()
	p.Persisted, p.PersistedOnly = list, true
	only := guarded(t, base, p)
	r = only.send(t, http.MethodPost, "/graphql", "application/json", gqlBody(string(topics), nil), nil)
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("a listed query sent whole: %d %s", r.Status, r.Body)
	}
	r = only.send(t, http.MethodPost, "/graphql", "application/json", apq(server.QueryHash(string(topics)), ""), nil)
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("a listed query sent by hash: %d %s", r.Status, r.Body)
	}
	r = only.send(t, http.MethodPost, "/graphql", "application/json", gqlBody(q, nil), nil)
	onlyCode(t, r, "PERSISTED_QUERY_NOT_ALLOWED")
	if r.Statements != 0 || !strings.Contains(r.Errors[0].Message, hash) {
		t.Errorf("unlisted query: %d statements, %s", r.Statements, r.Body)
	}
	// APQ cannot add to the list.
	only.send(t, http.MethodPost, "/graphql", "application/json", apq(hash, q), nil)
	onlyCode(t, only.send(t, http.MethodPost, "/graphql", "application/json", apq(hash, ""), nil), "PERSISTED_QUERY_NOT_FOUND")
}

func TestIntrospectionOff(t *testing.T) {
	t.Parallel()
	base := newFixture(t)
	if r := guarded(t, base, testPolicy()).postAs(t, "", `{ __schema { queryType { name } } }`, nil); len(r.Errors) > 0 {
		t.Fatalf("introspection on: %s", r.Body)
	}
	p := testPolicy()
	p.Limits.NoIntrospection = true
	f := guarded(t, base, p)
	for _, q := range []string{`{ __schema { queryType { name } } }`, `{ __type(name: "Document") { fields { name } } }`} {
		r := f.postAs(t, "", q, nil)
		onlyCode(t, r, "INTROSPECTION_DISABLED")
		if r.Statements != 0 {
			t.Errorf("%s: %d statements", q, r.Statements)
		}
	}
	if r := f.postAs(t, "", `{ documents(first: 1) { __typename nodes { __typename } } }`, nil); len(r.Errors) > 0 {
		t.Errorf("__typename with introspection off: %s", r.Body)
	}
}

func TestComplexityCountsPages(t *testing.T) {
	t.Parallel()
	p := testPolicy()
	f := guarded(t, newFixture(t), p)
	// The same shape is allowed for a small page and refused for a big
	// one: first multiplies.
	q := `query($n: Int) { documents(first: $n) { nodes { sections { paragraphs { footnotes { citedIn { text } } } } } } }`
	if r := f.postAs(t, "", q, map[string]any{"n": 2}); len(r.Errors) > 0 {
		t.Errorf("first 2: %s", r.Body)
	}
	r := f.postAs(t, "", q, map[string]any{"n": 100})
	onlyCode(t, r, "COMPLEXITY_LIMIT_EXCEEDED")
	if r.Status != http.StatusOK || r.Statements != 0 || r.Errors[0].Extensions["limit"] != float64(p.Limits.MaxComplexity) {
		t.Errorf("first 100: %d, %d statements: %s", r.Status, r.Statements, r.Body)
	}
	// Every query the web UI and the playground examples send fits.
	list, err := server.LoadPersistedQueries("../webui/src")
	if err != nil {
		t.Fatal(err)
	}
	if list.Len() < 8 {
		t.Fatalf("%d web UI queries", list.Len())
	}
	vars := map[string]any{"id": "Q2l0YXRpb246MQ", "topic": "china-role", "slug": f.slugs[0]}
	for _, q := range list.Queries() {
		r := f.postAs(t, "", q, vars)
		for _, c := range codes(r.Errors) {
			if strings.HasSuffix(c, "_LIMIT_EXCEEDED") {
				t.Errorf("a web UI query is refused: %s\n%s", r.Body, q)
			}
		}
	}
}
