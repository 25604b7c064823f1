package gqllimit_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/sourcecmp/sourcecmp/graph/generated"
	"github.com/sourcecmp/sourcecmp/internal/gqllimit"
)

// maxQueryBytes is serve's query-length limit, which applies first.
const maxQueryBytes = 32 << 10

// maxValidationErrors bounds the errors validation may find in a document
// the parse-time limits accept: the fields that answer under one name
// are at most MaxSameName in a set, so the pairs validation can find in
// conflict are at most that many per field.
const maxValidationErrors = 1000 * gqllimit.MaxSameName

// largeOperation builds a document from a few numbers: n selections of a
// shape (the same field with different arguments, unknown fields, a
// fragment each, nested groups), each with args arguments and dirs
// directives.
func largeOperation(shape uint8, n uint16, args, dirs uint8) string {
	var b strings.Builder
	extra := func(i int) string {
		var e strings.Builder
		if args > 0 {
			e.WriteString("(")
			for j := range int(args) {
				fmt.Fprintf(&e, "a%d: %d ", j, i)
			}
			e.WriteString(")")
		}
		for j := range int(dirs) {
			if j%2 == 0 {
				e.WriteString(" @skip(if: false)")
			} else {
				fmt.Fprintf(&e, " @d%d", j)
			}
		}
		return e.String()
	}
	switch shape % 4 {
	case 0:
		b.WriteString("{")
		for i := range int(n) {
			fmt.Fprintf(&b, ` node(id: "%d")%s { id }`, i, extra(i))
		}
		b.WriteString(" }")
	case 1:
		b.WriteString("{")
		for i := range int(n) {
			fmt.Fprintf(&b, " f%d%s", i%97, extra(i))
		}
		b.WriteString(" }")
	case 2:
		b.WriteString("{")
		for i := range int(n) {
			fmt.Fprintf(&b, " ...F%d", i)
		}
		b.WriteString(" }")
		for i := range int(n) {
			fmt.Fprintf(&b, ` fragment F%d on Query { node(id: "%d")%s { id } }`, i, i, extra(i))
		}
	case 3:
		b.WriteString("{")
		for i := range int(n) {
			fmt.Fprintf(&b, " topics%s { name(lang: %s) positions { label } }", extra(i), []string{"JA", "EN"}[i%2])
		}
		b.WriteString(" }")
	}
	return b.String()
}

// FuzzLargeOperations: whatever large operation a client builds, the
// parse-time limits either refuse it with a code of theirs, the limit and
// the measured value, or let through only documents whose validation
// finds a bounded number of errors. The seeds are the shapes that took
// the server down before the limits.
func FuzzLargeOperations(f *testing.F) {
	schema := loadSchema(f)
	for _, s := range []struct {
		shape      uint8
		n          uint16
		args, dirs uint8
	}{
		{0, 1500, 0, 0}, {0, 500, 0, 0}, {0, 20, 3, 2}, {1, 16000, 0, 0}, {1, 999, 1, 0}, {1, 300, 0, 40},
		{2, 450, 0, 0}, {2, 20, 1, 1}, {3, 45, 0, 0}, {3, 200, 2, 0},
	} {
		f.Add(s.shape, s.n, s.args, s.dirs)
	}
	f.Fuzz(func(t *testing.T, shape uint8, n uint16, args, dirs uint8) {
		q := largeOperation(shape, n%4000, args%8, dirs%8)
		if len(q) > maxQueryBytes {
			return
		}
		if err := gqllimit.CheckQuery(q, gqllimit.ServeLimits); err != nil {
			switch err.Extensions["code"] {
			case gqllimit.CodeTokens, gqllimit.CodeFields, gqllimit.CodeAliases, gqllimit.CodeDirectives, gqllimit.CodeDepth, gqllimit.CodeSameName:
			default:
				t.Fatalf("refused with %v: %s", err.Extensions["code"], err.Message)
			}
			if err.Extensions["limit"] == nil || err.Extensions["actual"] == nil {
				t.Fatalf("the refusal does not say the limit and the value: %v", err)
			}
			return
		}
		doc, perr := parser.ParseQuery(&ast.Source{Input: q})
		if perr != nil {
			return
		}
		if errs := validator.ValidateWithRules(schema, doc, nil); len(errs) > maxValidationErrors {
			t.Fatalf("validation found %d errors in an accepted document of %d bytes", len(errs), len(q))
		}
	})
}

// loadSchema is the API's schema, as the server serves it.
func loadSchema(testing.TB) *ast.Schema {
	return generated.NewExecutableSchema(generated.Config{}).Schema()
}
