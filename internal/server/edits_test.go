package server_test

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestIngestDocumentReplacesOnlyWhenAsked: an upload under a stored
// document's name with other content is a CONFLICT unless it says
// replace: true, and every upload that writes is audited with its key.
func TestIngestDocumentReplacesOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	base := newFixture(t)
	admin := "Bearer " + newKey(t, base.store, "uploader", "admin")
	f := guarded(t, base, testPolicy())
	ctx := context.Background()
	slug := f.slugs[0]
	raw, err := os.ReadFile(seedDir + "/" + slug + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(raw), "バック・パッシング", "責任転嫁", 1)
	upload := `mutation($f: String!, $c: String!, $r: Boolean) { ingestDocument(filename: $f, content: $c, replace: $r) { status document { slug } } }`
	before := dbState(t, f.store)
	r := f.postAs(t, admin, upload, map[string]any{"f": slug + ".txt", "c": changed})
	onlyCode(t, r, "CONFLICT")
	if !strings.Contains(r.Errors[0].Message, "replace") {
		t.Errorf("the refusal does not say how to replace: %q", r.Errors[0].Message)
	}
	if after := dbState(t, f.store); after != before {
		t.Fatalf("a refused replacement changed the database")
	}
	for _, c := range []struct {
		vars   map[string]any
		status string
	}{
		{map[string]any{"f": slug + ".txt", "c": changed, "r": true}, "UPDATED"},
		{map[string]any{"f": "new-document.txt", "c": "新しい文書\n\n本文です。\n"}, "ADDED"},
	} {
		r := f.postAs(t, admin, upload, c.vars)
		if len(r.Errors) > 0 || !strings.Contains(string(r.Data), c.status) {
			t.Fatalf("upload %v: %.300s", c.vars["f"], r.Body)
		}
	}
	var audited int
	if err := f.store.Pool().QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE who = 'uploader' AND action = 'ingestDocument'`).Scan(&audited); err != nil || audited != 2 {
		t.Errorf("%d uploads audited, want 2 (%v)", audited, err)
	}
}

// TestUploadNamesAreSlugs: file names that would make a path, a dot
// segment, a hidden or unreadable slug are refused, naming the rule.
func TestUploadNamesAreSlugs(t *testing.T) {
	t.Parallel()
	base := newFixture(t)
	admin := "Bearer " + newKey(t, base.store, "namer", "admin")
	f := guarded(t, base, testPolicy())
	before := dbState(t, f.store)
	for _, name := range []string{".", "..", ".txt", "../x.txt", "a/b.txt", `a\b.txt`, ".hidden.txt", "x\n.txt", "\u202etxt.exe", "a b.txt",
		"x\x00.txt", strings.Repeat("長", 101) + ".txt", "", "-x.txt"} {
		r := f.postAs(t, admin, `mutation($f: String!) { ingestDocument(filename: $f, content: "表題\n\n本文です。") { status } }`, map[string]any{"f": name})
		onlyCode(t, r, "INVALID_ARGUMENT")
		if len(r.Errors) > 0 && !strings.Contains(r.Errors[0].Message, "letters, digits") {
			t.Errorf("%q: %q does not say what a name may hold", name, r.Errors[0].Message)
		}
	}
	if after := dbState(t, f.store); after != before {
		t.Errorf("refused uploads changed the database")
	}
}

// TestVariablesAreCoercedStrictly: variables GraphQL would not coerce are
// refused, with messages in GraphQL's and JSON's terms.
func TestVariablesAreCoercedStrictly(t *testing.T) {
	t.Parallel()
	f := guarded(t, newFixture(t), testPolicy())
	for _, c := range []struct {
		query string
		vars  map[string]any
		want  string
	}{
		{`query($n: Int) { documents(first: $n) { totalCount } }`, map[string]any{"n": "10"}, `an Int is a whole number within 32 bits, written without a fraction or an exponent, not the string "10"`},
		{`query($n: Int) { documents(first: $n) { totalCount } }`, map[string]any{"n": 1.5}, "not the number 1.5"},
		{`query($s: String) { document(slug: $s) { id } }`, map[string]any{"s": 12}, "a String is a JSON string, not the number 12"},
		{`query($s: String) { document(slug: $s) { id } }`, map[string]any{"s": []any{"a"}}, "not a list"},
		{`query($l: Lang) { topics { name(lang: $l) } }`, map[string]any{"l": 1}, "is not a Lang value"},
		{`query($f: DocumentFilter) { documents(filter: $f) { totalCount } }`, map[string]any{"f": map[string]any{"topic": true}}, "DocumentFilter.topic: a String is a JSON string, not the boolean true"},
	} {
		r := f.postAs(t, "", c.query, c.vars)
		onlyCode(t, r, "GRAPHQL_VALIDATION_FAILED")
		if len(r.Errors) > 0 && !strings.Contains(r.Errors[0].Message, c.want) {
			t.Errorf("%v: %q, want it to say %q", c.vars, r.Errors[0].Message, c.want)
		}
		for _, goName := range []string{"json.Number", "map[", "[]interface", "float64", "slice"} {
			if strings.Contains(r.Body, goName) {
				t.Errorf("%v: the message names a Go type: %s", c.vars, r.Body)
			}
		}
	}
	r := f.postAs(t, "", `query($d: Date) { documents(filter: {publishedAfter: $d}) { totalCount } }`, map[string]any{"d": map[string]any{"y": 2024}})
	onlyCode(t, r, "INVALID_ARGUMENT")
	if len(r.Errors) > 0 && r.Errors[0].Message != "a Date is a string YYYY-MM-DD, not an object" {
		t.Errorf("Date from an object: %q", r.Errors[0].Message)
	}
}
