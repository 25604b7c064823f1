// Package gqllimit refuses GraphQL operations whose shape alone makes them
// too costly, before any resolver runs: too deep, too many fields, too many
// aliases. (Complexity with per-field costs is gqlgen's ComplexityLimit,
// fed by the schema's complexity functions.)
package gqllimit

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Limits bounds the shape of one operation. Zero means no bound.
type Limits struct {
	MaxDepth   int // nesting of selection sets below the operation
	MaxFields  int // field selections, counting each fragment use
	MaxAliases int // aliased field selections
}

// Shape is what an operation measures against the limits.
type Shape struct {
	Depth, Fields, Aliases int
}

// Extension is a gqlgen handler extension enforcing Limits.
type Extension struct{ Limits Limits }

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = Extension{}

// ExtensionName implements graphql.HandlerExtension.
func (Extension) ExtensionName() string { return "ShapeLimits" }

// Validate implements graphql.HandlerExtension.
func (Extension) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext refuses the operation when it exceeds a limit.
// The error says which limit and by how much, with extensions.code.
func (e Extension) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Doc.Operations.ForName(oc.OperationName)
	if op == nil {
		return nil // gqlgen reports the missing operation itself
	}
	s := Measure(op.SelectionSet, oc.Doc.Fragments)
	for _, c := range []struct {
		code         string
		what         string
		value, limit int
	}{
		{"DEPTH_LIMIT_EXCEEDED", "depth", s.Depth, e.Limits.MaxDepth},
		{"FIELD_LIMIT_EXCEEDED", "fields", s.Fields, e.Limits.MaxFields},
		{"ALIAS_LIMIT_EXCEEDED", "aliases", s.Aliases, e.Limits.MaxAliases},
	} {
		if c.limit > 0 && c.value > c.limit {
			err := gqlerror.Errorf("operation has %s %d, which exceeds the limit of %d by %d", c.what, c.value, c.limit, c.value-c.limit)
			errcode.Set(err, c.code)
			err.Extensions["limit"] = c.limit
			err.Extensions["actual"] = c.value
			return err
		}
	}
	return nil
}

// Measure walks a selection set, expanding fragments. Validation has
// already refused fragment cycles; the depth guard keeps a hostile
// document from recursing without end anyway.
func Measure(set ast.SelectionSet, fragments ast.FragmentDefinitionList) Shape {
	var s Shape
	var walk func(set ast.SelectionSet, depth int)
	walk = func(set ast.SelectionSet, depth int) {
		if depth > 1000 {
			return
		}
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				s.Fields++
				if sel.Alias != "" && sel.Alias != sel.Name {
					s.Aliases++
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
