package gqllimit

import (
	"os"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// serveLimits are the limits `sourcecmp serve` applies by default
// (server.DefaultPolicy), which the server's tests check end to end.
var serveLimits = Limits{MaxDepth: 12, MaxFields: 1000, MaxAliases: 100, MaxComplexity: 50_000, MaxTokens: 10_000, MaxDirectives: 100}

func TestCheckQueryRefusesWithTheMeasuredValue(t *testing.T) {
	for _, c := range []struct {
		name, query, code, says string
	}{
		{"tokens", "{" + strings.Repeat(" a", 10_001) + "}", CodeTokens, "10003 tokens"},
		{"fields as written", "{ documents { nodes {" + strings.Repeat(" id", 1200) + " } } }", CodeFields, "fields 1202"},
		{"aliases as written", "{" + strings.Repeat(" a: id", 101) + "}", CodeAliases, "aliases 101"},
		{"directives", "{ id" + strings.Repeat(" @skip(if: false)", 101) + " }", CodeDirectives, "directives 101"},
		{"depth as written", "{" + strings.Repeat(" a {", 13) + " b" + strings.Repeat(" }", 13) + " }", CodeDepth, "depth 13"},
		{"same name", "{" + strings.Repeat(` node(id: "1") { id }`, 21) + "}", CodeSameName, `21 fields answering as "node"`},
		{"same name through fragments", "{ ...A ...B } fragment A on Query {" + strings.Repeat(" id", 11) + " } fragment B on Query {" + strings.Repeat(" id", 10) + " }", CodeSameName, `21 fields answering as "id"`},
		{"same name through inline fragments", "{ node(id: 1) { ... on A {" + strings.Repeat(" id", 11) + " } ... on B {" + strings.Repeat(" id", 10) + " } } }", CodeSameName, "21 fields"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := CheckQuery(c.query, serveLimits)
			if err == nil {
				t.Fatal("accepted")
			}
			if err.Extensions["code"] != c.code || !strings.Contains(err.Message, c.says) || err.Extensions["limit"] == nil || err.Extensions["actual"] == nil {
				t.Errorf("%s %v, want %s saying %q", err.Message, err.Extensions, c.code, c.says)
			}
		})
	}
}

// TestMergedFieldsAreBounded: a fragment spread in many sets counts in
// each, and the count stops.
func TestMergedFieldsAreBounded(t *testing.T) {
	q := "{" + strings.Repeat(" a { ...F }", 300) + " } fragment F on X {" + strings.Repeat(" b: c", 30) + " }"
	s := MeasureDocument(mustParse(t, q), serveLimits.MaxFields)
	if !s.Truncated || s.Merged > mergedPerField*serveLimits.MaxFields+1 {
		t.Errorf("shape %+v, want the merge count stopped past %d", s, mergedPerField*serveLimits.MaxFields)
	}
}

// TestStockIntrospectionPassesTheParseTimeLimits: what GraphiQL sends
// stays within every limit checked before validation.
func TestStockIntrospectionPassesTheParseTimeLimits(t *testing.T) {
	raw, err := os.ReadFile("testdata/introspection.graphql")
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckQuery(string(raw), serveLimits); err != nil {
		t.Errorf("refused: %v", err)
	}
}

func mustParse(t *testing.T, q string) *ast.QueryDocument {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}
