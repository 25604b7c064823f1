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

// typeRef nests ofType n times, as graphql-js's TypeRef fragment does.
func typeRef(n int) string {
	return strings.Repeat("ofType { kind name ", n) + strings.Repeat("} ", n)
}

// aliasedSchemas selects __schema n times under aliases.
func aliasedSchemas(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "s%d: __schema { queryType { name } } ", i)
	}
	return b.String()
}

func TestIntrospectionHasItsOwnBound(t *testing.T) {
	data := Limits{MaxDepth: 12, MaxFields: 1000, MaxAliases: 100}
	for _, tt := range []struct {
		name, q string
		code    string // "" when accepted
	}{
		// The shape of getIntrospectionQuery(): three nested lists, depth 14.
		{"stock", `query IntrospectionQuery { __schema { queryType { name } types { ...T } } }
			fragment T on __Type { kind name fields(includeDeprecated: true) { name args { name type { ...R } } type { ...R } } }
			fragment R on __Type { kind name ` + typeRef(9) + ` }`, ""},
		{"typename beside", `{ __typename __type(name: "Document") { fields { type { ` + typeRef(12) + ` } } } }`, ""},
		{"one list too many", `{ __schema { types { fields { type { fields { args { name } } } } } } }`, CodeComplexity},
		{"deeper than any schema", `{ __type(name: "Document") { ` + typeRef(50) + ` } }`, CodeDepth},
		{"the schema eleven times", `{ ` + aliasedSchemas(11) + ` }`, CodeAliases},
		// Data next to introspection gets the data limits.
		{"mixed", `{ documents { nodes { id } } __type(name: "Document") { ` + typeRef(12) + ` } }`, CodeDepth},
	} {
		doc, err := parser.ParseQuery(&ast.Source{Input: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		oc := &graphql.OperationContext{Doc: doc, OperationName: doc.Operations[0].Name}
		gerr := (&Extension{Limits: data}).MutateOperationContext(context.Background(), oc)
		switch {
		case tt.code == "" && gerr != nil:
			t.Errorf("%s: refused: %v", tt.name, gerr)
		case tt.code != "" && (gerr == nil || gerr.Extensions["code"] != tt.code):
			t.Errorf("%s: got %v, want %s", tt.name, gerr, tt.code)
		}
	}
}
