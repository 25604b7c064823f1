package webui

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"
)

// loadSchema parses the API contract the pages are written against.
func loadSchema(t testing.TB) *ast.Schema {
	t.Helper()
	files, err := filepath.Glob("../../graph/*.graphqls")
	if err != nil || len(files) == 0 {
		t.Fatalf("schema files: %v (found %d)", err, len(files))
	}
	var sources []*ast.Source
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: f, Input: string(b)})
	}
	schema, err := gqlparser.LoadSchema(sources...)
	if err != nil {
		t.Fatalf("load schema: %v", err)
	}
	return schema
}

// TestQueriesMatchSchema validates every GraphQL document the pages send
// (src/app/queries) and every playground example (src/playground/examples),
// with the example's variables, against graph/*.graphqls, so a schema change
// that breaks a page fails here even where Node.js is not installed.
func TestQueriesMatchSchema(t *testing.T) {
	t.Parallel()
	schema := loadSchema(t)
	var files []string
	err := filepath.WalkDir("src", func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".graphql") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 8 {
		t.Fatalf("found %d .graphql files under src, want the 4 page queries and 4 examples: %v", len(files), files)
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, errs := gqlparser.LoadQuery(schema, string(b))
			if len(errs) > 0 {
				t.Fatalf("invalid against the schema: %v", errs)
			}
			if len(doc.Operations) != 1 || doc.Operations[0].Name == "" {
				t.Fatalf("want exactly one named operation, got %d", len(doc.Operations))
			}
			vars := map[string]any{}
			if b, err := os.ReadFile(strings.TrimSuffix(f, ".graphql") + ".variables.json"); err == nil {
				if err := json.Unmarshal(b, &vars); err != nil {
					t.Fatalf("variables: %v", err)
				}
			} else if strings.Contains(f, "examples") && len(doc.Operations[0].VariableDefinitions) > 0 {
				t.Fatalf("example declares variables but has no %s.variables.json", strings.TrimSuffix(filepath.Base(f), ".graphql"))
			}
			if strings.Contains(f, "examples") {
				if _, err := validator.VariableValues(schema, doc.Operations[0], vars); err != nil {
					t.Fatalf("variables: %v", err)
				}
			}
		})
	}
}
