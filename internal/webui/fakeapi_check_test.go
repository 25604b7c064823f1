package webui

import (
	"os"
	"testing"
)

// pageQuery reads one of the pages' own queries.
func pageQuery(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("src/app/queries/" + name + ".graphql")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFakeAPI checks the fixture the browser tests rely on: five documents
// for china-role, one without a stance, and citations whose offsets pick
// their quote out of the document text in code points.
func TestFakeAPI(t *testing.T) {
	t.Parallel()
	api := newFakeAPI(t)
	data, errs := api.execute(gqlRequest{Query: pageQuery(t, "Compare"), OperationName: "Compare", Variables: map[string]any{"topic": "china-role"}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	rows := data.(map[string]any)["compare"].(map[string]any)["rows"].([]any)
	if len(rows) != 5 {
		t.Fatalf("compare(china-role) has %d rows, want 5", len(rows))
	}
	var cited, none int
	for _, r := range rows {
		stance, _ := r.(map[string]any)["stance"].(map[string]any)
		if stance == nil {
			none++
			continue
		}
		for _, c := range stance["citations"].([]any) {
			id := c.(map[string]any)["id"].(string)
			cit := api.nodes[id]
			text := []rune(cit["document"].(obj)["text"].(string))
			start, end := cit["start"].(int), cit["end"].(int)
			if got := string(text[start:end]); got != cit["quote"] {
				t.Errorf("citation %s: text[%d:%d] = %q, quote %q", id, start, end, got, cit["quote"])
			}
			cited++
		}
	}
	if none != 1 || cited < 4 {
		t.Errorf("%d rows without a stance (want 1), %d citations (want at least 4)", none, cited)
	}

	// The first document's first quote follows a character outside the BMP.
	first := rows[0].(map[string]any)["stance"].(map[string]any)["citations"].([]any)[0].(map[string]any)
	cit := api.nodes[first["id"].(string)]
	para := cit["paragraph"].(obj)
	prefix := []rune(para["text"].(string))[:cit["start"].(int)-para["start"].(int)]
	if !containsAstral(string(prefix)) {
		t.Errorf("no astral character before the first quote: %q", string(prefix))
	}

	if _, errs := api.execute(gqlRequest{Query: pageQuery(t, "Compare"), OperationName: "Compare", Variables: map[string]any{"topic": "nope"}}); len(errs) == 0 {
		t.Error("compare on an unknown topic answered without an error")
	}
}

func containsAstral(s string) bool {
	for _, r := range s {
		if r > 0xFFFF {
			return true
		}
	}
	return false
}
