package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/server"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

func get(t *testing.T, h http.Handler, path string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestProbesAndIndex(t *testing.T) {
	t.Parallel()
	st := dbtest.Store(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	h := server.NewServer(server.Config{Log: log, Store: st})

	if rec := get(t, h, "/healthz", nil); rec.Code != http.StatusOK {
		t.Errorf("/healthz: %d", rec.Code)
	}
	if rec := get(t, h, "/readyz", nil); rec.Code != http.StatusOK {
		t.Errorf("/readyz with a database: %d %s", rec.Code, rec.Body)
	}
	rec := get(t, h, "/", nil)
	// The playground, its assets served by the binary itself.
	if body := rec.Body.String(); rec.Code != http.StatusOK || !strings.Contains(body, `data-graphql="/graphql"`) || strings.Contains(body, "https://") {
		t.Errorf("/: %d %s", rec.Code, rec.Body)
	}
	if rec := get(t, h, "/nope", nil); rec.Code != http.StatusNotFound {
		t.Errorf("/nope: %d", rec.Code)
	}

	// Request IDs: a sane one from the client is kept, anything else replaced.
	rec = get(t, h, "/healthz", http.Header{"X-Request-Id": {"abc-123"}})
	if got := rec.Header().Get("X-Request-Id"); got != "abc-123" {
		t.Errorf("request id %q, want the client's", got)
	}
	rec = get(t, h, "/healthz", http.Header{"X-Request-Id": {"bad id\n"}})
	if got := rec.Header().Get("X-Request-Id"); got == "" || strings.ContainsAny(got, " \n") {
		t.Errorf("request id %q for an unsafe one", got)
	}

	// A store whose database is gone is not ready, and says so quickly.
	down, err := store.Open(context.Background(), "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=1")
	if err != nil {
		t.Fatal(err)
	}
	defer down.Close()
	hd := server.NewServer(server.Config{Log: log, Store: down})
	if rec := get(t, hd, "/readyz", nil); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz without a database: %d", rec.Code)
	}
	if rec := get(t, hd, "/healthz", nil); rec.Code != http.StatusOK {
		t.Errorf("/healthz without a database: %d", rec.Code)
	}
}

func TestGraphQLOverGET(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	q := url.Values{"query": {`{ documents(first: 1) { totalCount nodes { slug } } }`}}
	r := f.do(t, httptest.NewRequest(http.MethodGet, "/graphql?"+q.Encode(), nil))
	if r.Status != http.StatusOK || len(r.Errors) > 0 || !strings.Contains(string(r.Data), `"totalCount":5`) {
		t.Errorf("GET query: %d %s %+v", r.Status, r.Data, r.Errors)
	}
	if r.Statements != 2 { // the page and its count
		t.Errorf("GET query ran %d statements, want 2", r.Statements)
	}
	m := url.Values{"query": {`mutation { deleteStance(id: "x") }`}}
	r = f.do(t, httptest.NewRequest(http.MethodGet, "/graphql?"+m.Encode(), nil))
	if r.Status == http.StatusOK && len(r.Errors) == 0 {
		t.Errorf("a mutation over GET was accepted")
	}
	req := httptest.NewRequest(http.MethodPut, "/graphql", nil)
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("PUT /graphql: %d", rec.Code)
	}
}

func TestDatabaseErrorsAreHidden(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// Break the schema under the server: a query now fails in the database.
	if _, err := f.store.Pool().Exec(context.Background(), `ALTER TABLE sections RENAME COLUMN heading TO title_text`); err != nil {
		t.Fatal(err)
	}
	r := f.post(t, `{ documents { nodes { sections { heading } } } }`, nil)
	if r.Status >= 500 || len(r.Errors) == 0 {
		t.Fatalf("status %d, errors %+v", r.Status, r.Errors)
	}
	for _, e := range r.Errors {
		if e.Message != "internal error" || e.Extensions["code"] != "INTERNAL" || e.Extensions["requestId"] == "" {
			t.Errorf("error shown to the client: %+v", e)
		}
	}
}
