package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestDeferOverMultipartMixed: an operation with @defer, sent by a client
// that accepts multipart/mixed, is answered in parts: first what is not
// deferred (hasNext true), then the deferred fragment at its path. A
// client that accepts only JSON gets the whole answer at once.
func TestDeferOverMultipartMixed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srv := httptest.NewServer(guarded(t, f, testPolicy()).handler)
	defer srv.Close()
	q := `query($slug: String!) { document(slug: $slug) { title ... @defer(label: "body") { text } } }`
	body, _ := json.Marshal(map[string]any{"query": q, "variables": map[string]any{"slug": f.slugs[0]}})
	post := func(accept string) *http.Response {
		req, err := http.NewRequest(http.MethodPost, srv.URL+"/graphql", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", accept)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}

	resp := post("multipart/mixed;deferSpec=20220824, application/json")
	media, params, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil || media != "multipart/mixed" || resp.StatusCode != http.StatusOK {
		t.Fatalf("HTTP %d, Content-Type %q: want multipart/mixed", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	type part struct {
		Data        map[string]any
		HasNext     bool
		Incremental []struct {
			Data  map[string]any
			Path  []any
			Label string
		}
	}
	var parts []part
	r := multipart.NewReader(resp.Body, params["boundary"])
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		var got part
		if err := json.NewDecoder(p).Decode(&got); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, got)
	}
	if len(parts) < 2 {
		t.Fatalf("%d parts, want the first and the deferred one: %+v", len(parts), parts)
	}
	first := parts[0]
	doc, _ := first.Data["document"].(map[string]any)
	if !first.HasNext || doc["title"] == nil || doc["text"] != nil {
		t.Errorf("first part %+v: want the title, no text, and more to come", first)
	}
	last := parts[len(parts)-1]
	if last.HasNext || len(last.Incremental) != 1 || last.Incremental[0].Label != "body" ||
		!strings.Contains(last.Incremental[0].Data["text"].(string), "。") {
		t.Errorf("last part %+v: want the deferred text, labelled, and nothing more", last)
	}

	// Without @defer, a client that accepts multipart gets one JSON body,
	// with the status codes of GraphQL over HTTP.
	for _, c := range []struct {
		query  string
		status int
	}{{`{ documents { totalCount } }`, http.StatusOK}, {`{ documents { nope } }`, http.StatusOK}} {
		body, _ = json.Marshal(map[string]any{"query": c.query})
		resp := post("multipart/mixed;deferSpec=20220824, application/json")
		var got map[string]any
		err := json.NewDecoder(resp.Body).Decode(&got)
		if ct := resp.Header.Get("Content-Type"); err != nil || resp.StatusCode != c.status || !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: HTTP %d, %s (%v)", c.query, resp.StatusCode, ct, err)
		}
		if _, hasData := got["data"]; hasData == (got["errors"] != nil) {
			t.Errorf("%s: %v: want data or errors, not both", c.query, got)
		}
	}

	body, _ = json.Marshal(map[string]any{"query": q, "variables": map[string]any{"slug": f.slugs[0]}})
	plain := post("application/json")
	var whole struct {
		Data struct{ Document struct{ Title, Text string } }
	}
	if err := json.NewDecoder(plain.Body).Decode(&whole); err != nil || whole.Data.Document.Text == "" {
		t.Errorf("a JSON-only client gets %+v (%v), want the whole answer with the text", whole, err)
	}
}
