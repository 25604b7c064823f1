package server_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestAnswersAreCompact: the server writes gqlgen's data as it is
// (writeResponse), which holds only because gqlgen writes it compact; an
// answer with data and errors through the whole server is compact JSON.
func TestAnswersAreCompact(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	body, _ := json.Marshal(map[string]any{"query": `{ documents(first: 2) { nodes { slug title publishedOn authors { name }
  sections { heading paragraphs { ordinal text } } } } node(id: "no") { id } }`})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	var out struct {
		Errors []json.RawMessage
		Data   struct {
			Documents struct{ Nodes []json.RawMessage }
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("HTTP %d, %v: %.300s", rec.Code, err, rec.Body)
	}
	if len(out.Errors) != 1 || len(out.Data.Documents.Nodes) != 2 {
		t.Fatalf("want one error and two documents: %.500s", rec.Body)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, rec.Body.Bytes()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(compact.Bytes(), rec.Body.Bytes()) {
		t.Errorf("the answer is not compact JSON:\n%.500s", rec.Body)
	}
}
