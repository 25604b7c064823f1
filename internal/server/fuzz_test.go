package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// checkAnswer checks what any request must get: a GraphQL-shaped JSON
// answer, a status below 500, no internal error and no internals shown.
func checkAnswer(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	var out struct {
		Data   json.RawMessage `json:"data"`
		Errors []gqlError      `json:"errors"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("not JSON (%d): %.300s", rec.Code, rec.Body)
	}
	if rec.Code >= 500 {
		t.Fatalf("HTTP %d: %.300s", rec.Code, rec.Body)
	}
	if len(out.Errors) == 0 && len(out.Data) == 0 {
		t.Fatalf("neither data nor errors: %.300s", rec.Body)
	}
	for _, e := range out.Errors {
		if e.Extensions["code"] == "INTERNAL" || e.Extensions["code"] == nil && rec.Code != http.StatusNotAcceptable {
			t.Fatalf("error %q with code %v", e.Message, e.Extensions["code"])
		}
	}
	noInternals(t, rec.Body.String())
}

// FuzzGraphQLBody posts arbitrary bodies to the real handler.
func FuzzGraphQLBody(f *testing.F) {
	fx := guarded(f, newFixture(f), testPolicy())
	for _, h := range hostileRequests() {
		if len(h.body) < 4096 && h.contentType == "" {
			f.Add(h.body)
		}
	}
	for _, q := range []string{countQuery, `{ documents(first: 2) { edges { cursor node { id slug authors { name } } } } }`,
		`query($id: ID!) { node(id: $id) { id ... on Document { title } } }`, `{ search(query: "中国", first: 3) { nodes { snippet } } }`,
		`{ topics { slug positions { slug label(lang: EN) } } }`, `{ __schema { types { name } } }`} {
		f.Add(gqlBody(q, map[string]any{"id": "RG9jdW1lbnQ6MQ"}))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		checkAnswer(t, serveWithin(t, fx.handler, req))
	})
}

// FuzzGraphQLQuery sends arbitrary query texts and variables, well framed.
func FuzzGraphQLQuery(f *testing.F) {
	fx := guarded(f, newFixture(f), testPolicy())
	for _, q := range append(argumentQueries, countQuery, nest(3), `{ authors { nodes { documents(first: 3) { nodes { slug } } } } }`,
		`{ a: node(id: "x") { id } b: document(slug: "x") { id } }`, `query { ...F } fragment F on Query { documents { totalCount } }`) {
		f.Add(q, `{"s": "' OR 1=1 --"}`)
	}
	f.Fuzz(func(t *testing.T, query, variables string) {
		var vars map[string]any
		if json.Unmarshal([]byte(variables), &vars) != nil {
			vars = nil
		}
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(gqlBody(query, vars)))
		req.Header.Set("Content-Type", "application/json")
		checkAnswer(t, serveWithin(t, fx.handler, req))
	})
}

// answerWithin bounds the time a fuzzed request may take: the request
// deadline (testPolicy's) does not stop work that ignores its context.
const answerWithin = 20 * time.Second

// serveWithin serves req, crashing the test binary when the answer takes
// longer than answerWithin, so that the fuzzer records the input (a hang
// would only stall it).
func serveWithin(t *testing.T, h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	body, _ := io.ReadAll(req.Body)
	req.Body = io.NopCloser(bytes.NewReader(body))
	timer := time.AfterFunc(answerWithin, func() {
		panic(fmt.Sprintf("no answer within %v to %.2000q", answerWithin, body))
	})
	defer timer.Stop()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}
