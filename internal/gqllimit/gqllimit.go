// Package gqllimit refuses GraphQL operations whose shape alone makes them
// too costly, before any resolver runs: too deep, too many fields, too many
// aliases, too complex (gqlgen's complexity, fed by the schema's per-field
// complexity functions), or introspection when it is turned off.
package gqllimit

import (
	"context"
	"errors"
	"fmt"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limits bounds the shape of one operation. Zero means no bound.
type Limits struct {
	MaxDepth      int // nesting of selection sets below the operation
	MaxFields     int // field selections, counting each fragment use
	MaxAliases    int // aliased field selections
	MaxComplexity int // gqlgen's complexity with the schema's cost functions
	// Checked as the text is parsed, before validation (DocumentCheck).
	MaxTokens     int // lexical tokens of the query text
	MaxDirectives int // directives anywhere in the document
	// NoIntrospection refuses operations that select __schema or __type.
	NoIntrospection bool
}

// Error codes, in extensions.code.
const (
	CodeDepth         = "DEPTH_LIMIT_EXCEEDED"
	CodeFields        = "FIELD_LIMIT_EXCEEDED"
	CodeAliases       = "ALIAS_LIMIT_EXCEEDED"
	CodeComplexity    = "COMPLEXITY_LIMIT_EXCEEDED"
	CodeIntrospection = "INTROSPECTION_DISABLED"
)

func init() {
	// Refusals of the request itself: HTTP 422 (or 400 for clients that
	// accept application/graphql-response+json), as validation errors are.
	for _, code := range []string{CodeDepth, CodeFields, CodeAliases, CodeComplexity, CodeIntrospection,
		CodeTokens, CodeDirectives, CodeSameName} {
		errcode.RegisterErrorType(code, errcode.KindProtocol)
	}
}

// maxVisits bounds the walk of one operation. Fragments are expanded at
// each use, so a few lines of fragments spreading each other twice can
// stand for billions of fields; the walk stops counting past this many
// and the operation is refused as too wide whatever the limits are.
const maxVisits = 1_000_000

// Shape is what an operation measures against the limits.
type Shape struct {
	Depth, Fields, Aliases int
	// Introspection is set when the operation selects __schema or __type.
	Introspection bool
	// Truncated is set when the walk stopped at maxVisits: the counts
	// are lower bounds.
	Truncated bool
}

// Extension is a gqlgen handler extension enforcing Limits. Use it by
// pointer: Validate keeps the schema, for complexity.
type Extension struct {
	Limits Limits
	schema graphql.ExecutableSchema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = &Extension{}

// ExtensionName implements graphql.HandlerExtension.
func (*Extension) ExtensionName() string { return "ShapeLimits" }

// Validate implements graphql.HandlerExtension.
func (e *Extension) Validate(schema graphql.ExecutableSchema) error {
	if e.Limits.MaxComplexity > 0 && schema == nil {
		return errors.New("gqllimit: complexity needs the schema")
	}
	e.schema = schema
	return nil
}

// MutateOperationContext refuses the operation when it exceeds a limit.
// The error says which limit and by how much, with extensions.code,
// extensions.limit and extensions.actual.
func (e *Extension) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Doc.Operations.ForName(oc.OperationName)
	if op == nil {
		return nil // gqlgen reports the missing operation itself
	}
	s := Measure(op.SelectionSet, oc.Doc.Fragments)
	if e.Limits.NoIntrospection && s.Introspection {
		err := gqlerror.Errorf("introspection is turned off on this server (__schema and __type); __typename is allowed")
		errcode.Set(err, CodeIntrospection)
		return err
	}
	if s.Truncated {
		return refuse(CodeFields, fmt.Sprintf("operation has more than %d fields once its fragments are expanded", maxVisits), e.Limits.MaxFields, s.Fields)
	}
	if OnlyIntrospection(op, oc.Doc.Fragments) { // its own bound, not the data limits: introspection.go
		return checkIntrospection(s, op, oc.Doc.Fragments)
	}
	for _, c := range []struct {
		code         string
		what         string
		value, limit int
	}{
		{CodeDepth, "depth", s.Depth, e.Limits.MaxDepth},
		{CodeFields, "fields", s.Fields, e.Limits.MaxFields},
		{CodeAliases, "aliases", s.Aliases, e.Limits.MaxAliases},
	} {
		if c.limit > 0 && c.value > c.limit {
			return refuse(c.code, fmt.Sprintf("operation has %s %d, which exceeds the limit of %d by %d", c.what, c.value, c.limit, c.value-c.limit), c.limit, c.value)
		}
	}
	if limit := e.Limits.MaxComplexity; limit > 0 {
		n := complexity.Calculate(ctx, e.schema, op, oc.Variables)
		if n > limit {
			return refuse(CodeComplexity, fmt.Sprintf("operation has complexity %d, which exceeds the limit of %d by %d "+
				"(a list costs the most items it can hold, its page size or the longest such list the data holds, times the cost of one item: ask for smaller pages or fewer nested lists)",
				n, limit, n-limit), limit, n)
		}
	}
	return nil
}

func refuse(code, msg string, limit, actual int) *gqlerror.Error {
	err := gqlerror.Errorf("%s", msg)
	errcode.Set(err, code)
	err.Extensions["limit"] = limit
	err.Extensions["actual"] = actual
	return err
}

// Measure walks a selection set, expanding fragments at each use. It
// stops counting after maxVisits selections (Shape.Truncated). Validation
// has already refused fragment cycles; the depth guard keeps a hostile
// document from recursing without end anyway.
func Measure(set ast.SelectionSet, fragments ast.FragmentDefinitionList) Shape {
	var s Shape
	visits := 0
	var walk func(set ast.SelectionSet, depth int)
	walk = func(set ast.SelectionSet, depth int) {
		if depth > 1000 {
			return
		}
		for _, sel := range set {
			if visits++; visits > maxVisits {
				s.Truncated = true
				return
			}
			switch sel := sel.(type) {
			case *ast.Field:
				s.Fields++
				if sel.Alias != "" && sel.Alias != sel.Name {
					s.Aliases++
				}
				if depth == 0 && (sel.Name == "__schema" || sel.Name == "__type") {
					s.Introspection = true
				}
				if len(sel.SelectionSet) > 0 {
					s.Depth = max(s.Depth, depth+1)
					walk(sel.SelectionSet, depth+1)
				}
			case *ast.InlineFragment:
				walk(sel.SelectionSet, depth)
			case *ast.FragmentSpread:
				if f := fragments.ForName(sel.Name); f != nil {
					walk(f.SelectionSet, depth)
				}
			}
		}
	}
	walk(set, 0)
	return s
}
