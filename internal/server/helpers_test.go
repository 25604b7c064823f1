package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/sourcecmp/sourcecmp/graph"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/seedtest"
	"github.com/sourcecmp/sourcecmp/internal/server"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

const seedDir = "../../seeds/documents"

// fixture is a server over a database holding the seed documents, with
// the parser's output for each seed as the expected answers.
type fixture struct {
	store   *store.Store
	handler http.Handler
	ingest  *ingest.Ingester
	bounds  *graph.Bounds            // measured from the seeds
	parsed  map[string]*doc.Document // by slug
	slugs   []string                 // seed slugs in file order
	tax     *tag.Taxonomy
}

func TestMain(m *testing.M) { os.Exit(seedtest.Main(m)) }

// loaderWait is generous so that a loaded test machine does not split
// batches: the statement-count test is about shape, not timing.
const loaderWait = 10 * time.Millisecond

func newFixture(t testing.TB) *fixture {
	t.Helper()
	return fixtureOn(t, seedtest.Store(t))
}

// fixtureOn is a fixture serving st, a database holding at least the
// seeds.
func fixtureOn(t testing.TB, st *store.Store) *fixture {
	t.Helper()
	sd := seedtest.Load(t)
	f := &fixture{store: st, tax: sd.Taxonomy, parsed: sd.Parsed, slugs: sd.Slugs, ingest: sd.Ingester(st)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	bounds, err := st.ListBoundsGet(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f.bounds = graph.NewBounds(bounds)
	f.handler = server.NewServer(server.Config{Log: log, Store: st, Ingester: f.ingest, LoaderWait: loaderWait, Bounds: f.bounds})
	return f
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(string(bytes.TrimSpace(b)))
	return len(b), nil
}

// gqlError is one entry of a GraphQL response's errors.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// response is a GraphQL answer with what the HTTP layer said about it.
type response struct {
	Status     int
	Statements int
	Data       json.RawMessage
	Errors     []gqlError
}

// post sends a GraphQL request to the handler.
func (f *fixture) post(t testing.TB, query string, vars map[string]any) response {
	t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return f.do(t, req)
}

func (f *fixture) do(t testing.TB, req *http.Request) response {
	t.Helper()
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	var out struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("response is not JSON (%d): %s", rec.Code, rec.Body.String())
	}
	n, _ := strconv.Atoi(rec.Header().Get(server.StatementsHeader))
	return response{Status: rec.Code, Statements: n, Data: out.Data, Errors: out.Errors}
}

// query sends a query that must succeed and decodes its data into v.
func (f *fixture) query(t testing.TB, query string, vars map[string]any, v any) response {
	t.Helper()
	r := f.post(t, query, vars)
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("query failed (%d): %+v\n%s", r.Status, r.Errors, query)
	}
	if err := json.Unmarshal(r.Data, v); err != nil {
		t.Fatalf("decode data: %v\n%s", err, r.Data)
	}
	return r
}

// wantError sends a query that must fail with errors of the code (one per
// place in the answer that failed), and never with an HTTP server error.
func (f *fixture) wantError(t testing.TB, query string, vars map[string]any, code string) gqlError {
	t.Helper()
	r := f.post(t, query, vars)
	if r.Status >= 500 {
		t.Fatalf("HTTP %d for %s", r.Status, query)
	}
	if len(r.Errors) == 0 {
		t.Fatalf("no error, want %s\nquery %s", code, query)
	}
	for _, e := range r.Errors {
		if e.Extensions["code"] != code {
			t.Fatalf("errors %+v, want %s\nquery %s", r.Errors, code, query)
		}
	}
	return r.Errors[0]
}

// runes slices s in code points, as the API's offsets count.
func runes(s string, start, end int) string {
	r := []rune(s)
	if start < 0 || end > len(r) || start > end {
		return "<out of range>"
	}
	return string(r[start:end])
}
