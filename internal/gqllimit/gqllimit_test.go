package gqllimit

import (
	"context"
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
	if err := (Extension{Limits{MaxDepth: 4}}).MutateOperationContext(context.Background(), oc); err != nil {
		t.Fatalf("depth 4 within limit 4 refused: %v", err)
	}
	gerr := (Extension{Limits{MaxDepth: 3}}).MutateOperationContext(context.Background(), oc)
	if gerr == nil {
		t.Fatal("depth 4 over limit 3 accepted")
	}
	if gerr.Extensions["code"] != "DEPTH_LIMIT_EXCEEDED" || !strings.Contains(gerr.Message, "depth 4") || !strings.Contains(gerr.Message, "by 1") {
		t.Errorf("error = %v %v", gerr.Message, gerr.Extensions)
	}
	if gerr := (Extension{Limits{MaxFields: 3}}).MutateOperationContext(context.Background(), oc); gerr == nil || gerr.Extensions["code"] != "FIELD_LIMIT_EXCEEDED" {
		t.Errorf("fields over limit: %v", gerr)
	}
}
