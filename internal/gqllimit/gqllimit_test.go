package gqllimit

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

func measure(t *testing.T, q string) Shape {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		t.Fatal(err)
	}
	return Measure(doc.Operations[0].SelectionSet, doc.Fragments)
}

func TestMeasure(t *testing.T) {
	tests := []struct {
		q    string
		want Shape
	}{
		{`{ node(id: "x") { id } }`, Shape{Depth: 1, Fields: 2}},
		{`{ documents { nodes { sections { paragraphs { text } } } } }`, Shape{Depth: 4, Fields: 5}},
		{`{ a: node(id: "1") { id } b: node(id: "2") { id } }`, Shape{Depth: 1, Fields: 4, Aliases: 2}},
		{`query { documents { ...F } } fragment F on DocumentConnection { nodes { id ... on Document { title } } }`, Shape{Depth: 2, Fields: 4}},
	}
	for _, tt := range tests {
		if got := measure(t, tt.q); got != tt.want {
			t.Errorf("Measure(%s) = %+v, want %+v", tt.q, got, tt.want)
		}
	}
}

func TestExtensionRefusesWithLimitAndExcess(t *testing.T) {
	q := `{ documents { nodes { sections { paragraphs { text } } } } }`
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		t.Fatal(err)
	}
	oc := &graphql.OperationContext{Doc: doc}
	if err := (&Extension{Limits: Limits{MaxDepth: 4}}).MutateOperationContext(context.Background(), oc); err != nil {
		t.Fatalf("depth 4 within limit 4 refused: %v", err)
	}
	gerr := (&Extension{Limits: Limits{MaxDepth: 3}}).MutateOperationContext(context.Background(), oc)
	if gerr == nil {
		t.Fatal("depth 4 over limit 3 accepted")
	}
	if gerr.Extensions["code"] != "DEPTH_LIMIT_EXCEEDED" || !strings.Contains(gerr.Message, "depth 4") || !strings.Contains(gerr.Message, "by 1") {
		t.Errorf("error = %v %v", gerr.Message, gerr.Extensions)
	}
	if gerr := (&Extension{Limits: Limits{MaxFields: 3}}).MutateOperationContext(context.Background(), oc); gerr == nil || gerr.Extensions["code"] != "FIELD_LIMIT_EXCEEDED" {
		t.Errorf("fields over limit: %v", gerr)
	}
}

// fragmentBomb is a short document whose fragments each spread the next
// one twice: 2^n fields once expanded.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("query { ...F0 }\n")
	for i := range n {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { __typename }\n", n)
	return b.String()
}

func TestMeasureStopsOnFragmentBombs(t *testing.T) {
	s := measure(t, fragmentBomb(40)) // 2^40 fields
	if !s.Truncated || s.Fields > maxVisits {
		t.Errorf("shape %+v, want a truncated count", s)
	}
	// Each fragment is measured once: the work grows with the document's
	// lines, not with the fields they stand for.
	doc, err := parser.ParseQuery(&ast.Source{Input: fragmentBomb(40)})
	if err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(5, func() { Measure(doc.Operations[0].SelectionSet, doc.Fragments) }); n > 10*41 {
		t.Errorf("measuring a bomb of 41 fragments allocated %.0f times", n)
	}
	if s := measure(t, fragmentBomb(4)); s.Truncated || s.Fields != 16 {
		t.Errorf("small bomb: %+v, want 16 fields", s)
	}
}

func TestIntrospectionRefusedWhenOff(t *testing.T) {
	for q, want := range map[string]bool{
		`{ __schema { types { name } } }`:                                        true,
		`{ __type(name: "Document") { name } }`:                                  true,
		`query { ...F } fragment F on Query { __schema { queryType { name } } }`: true,
		`{ __typename }`:                         false,
		`{ documents { nodes { __typename } } }`: false,
	} {
		doc, err := parser.ParseQuery(&ast.Source{Input: q})
		if err != nil {
			t.Fatal(err)
		}
		oc := &graphql.OperationContext{Doc: doc}
		gerr := (&Extension{Limits: Limits{NoIntrospection: true}}).MutateOperationContext(context.Background(), oc)
		if (gerr != nil) != want || gerr != nil && gerr.Extensions["code"] != CodeIntrospection {
			t.Errorf("%s: %v, want refused=%v", q, gerr, want)
		}
		if gerr := (&Extension{}).MutateOperationContext(context.Background(), oc); gerr != nil {
			t.Errorf("%s with introspection on: %v", q, gerr)
		}
	}
}
