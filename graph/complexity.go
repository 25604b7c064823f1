package graph

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/sourcecmp/sourcecmp/graph/generated"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// NewSchema returns the executable schema: gqlgen's executor over the
// resolvers, with the cost model gqlgen's complexity limit adds up
// (internal/gqllimit).
func NewSchema(r *Resolver) graphql.ExecutableSchema {
	return pricedSchema{generated.NewExecutableSchema(generated.Config{Resolvers: r}), r.Bounds}
}

// pricedSchema prices each relation field as its declaration says
// (spec.cost), and the root lists and the paragraph's text as costs
// says: a list costs 1 plus the most items it can hold times the cost of
// one, a connection's page size or the longest such list the data holds
// (measured: Bounds), and a long text a unit per 512 code points.
// Back-references (a footnote's document) cost 1 plus their selection, so
// a walk down a list and back up and down again multiplies the list's
// bound each time. Other fields cost 1 plus their selection (gqlgen's
// default: the schema is generated without complexity functions).
type pricedSchema struct {
	graphql.ExecutableSchema
	bounds *Bounds
}

// costs are the fields outside the relation table that cost more than
// 1 plus their selection.
var costs = map[fieldKey]spec{
	{"Query", "documents"}: {first: defaultFirst},
	{"Query", "authors"}:   {first: defaultFirst},
	{"Query", "works"}:     {first: defaultFirst},
	{"Query", "compare"}:   {first: defaultFirst},
	{"Query", "search"}:    {first: searchFirst},
	{"Query", "topics"}:    {bound: topicsBound},
	{"Paragraph", "text"}:  {text: sectionChars},
}

// Complexity implements graphql.ExecutableSchema.
func (s pricedSchema) Complexity(ctx context.Context, typ, field string, child int, raw map[string]any) (int, bool) {
	k := fieldKey{typ, field}
	if r := relations[k]; r != nil {
		return r.cost(s.bounds.Get(), child, raw), true
	}
	c, ok := costs[k]
	if !ok {
		return s.ExecutableSchema.Complexity(ctx, typ, field, child, raw)
	}
	cost := c.cost(s.bounds.Get(), child, raw)
	if q, ok := raw["query"].(string); ok && k == (fieldKey{"Query", "search"}) {
		// A search's text is analysed, and again for the snippets of
		// hits that do not hold its words verbatim: it costs by its
		// length.
		cost += searchCharCost * utf8.RuneCountInString(q)
	}
	return cost, true
}

// textUnit is the code points of text that cost as much as a field;
// searchCharCost what a character of a search text costs (analysing it
// takes as long as resolving a few dozen fields).
const (
	textUnit       = 512
	searchCharCost = 16
)

// pageLen is the number of items a page of first (or last) items may
// hold. A size out of range costs the maximum: ArgumentCheck refuses it
// anyway.
func pageLen(first, last *int, def int) int {
	n := first
	if n == nil {
		n = last
	}
	switch {
	case n == nil:
		return def
	case *n < 0 || *n > maxFirst:
		return maxFirst
	}
	return *n
}

// ArgumentCheck is a gqlgen extension that refuses, before any resolver
// runs, an operation with an argument whose value alone makes it too
// costly: a list asked for more than maxFirst items (or a negative
// number), a search text over its bounds. Nested lists are resolved after
// their parents have been read, and a refusal must cost the database
// nothing.
type ArgumentCheck struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = ArgumentCheck{}

// ExtensionName implements graphql.HandlerExtension.
func (ArgumentCheck) ExtensionName() string { return "ArgumentCheck" }

// Validate implements graphql.HandlerExtension.
func (ArgumentCheck) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (ArgumentCheck) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	op := oc.Doc.Operations.ForName(oc.OperationName)
	if op == nil {
		return nil
	}
	var found *gqlerror.Error
	seen := map[string]bool{} // fragments checked: arguments do not change with the place of use
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			if found != nil {
				return
			}
			switch sel := sel.(type) {
			case *ast.Field:
				found = checkArguments(sel, oc.Variables)
				walk(sel.SelectionSet)
			case *ast.InlineFragment:
				walk(sel.SelectionSet)
			case *ast.FragmentSpread:
				if !seen[sel.Name] {
					seen[sel.Name] = true
					if f := oc.Doc.Fragments.ForName(sel.Name); f != nil {
						walk(f.SelectionSet)
					}
				}
			}
		}
	}
	walk(op.SelectionSet)
	return found
}

// checkArguments checks the arguments of one field that ArgumentCheck
// bounds.
func checkArguments(f *ast.Field, vars map[string]any) *gqlerror.Error {
	if f.Definition == nil {
		return nil
	}
	if f.Definition.Arguments.ForName("first") != nil {
		if err := checkFirst(f, vars); err != nil {
			return err
		}
	}
	if f.Name == "search" && f.ObjectDefinition != nil && f.ObjectDefinition.Name == "Query" {
		if q, ok := f.ArgumentMap(vars)["query"].(string); ok {
			if err := checkSearchText(q); err != nil {
				if f.Position != nil {
					err.Locations = []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}}
				}
				return err
			}
		}
	}
	return nil
}

// checkFirst refuses a field's first or last argument out of range, with
// the message the resolvers would give and the field's place in the query.
func checkFirst(f *ast.Field, vars map[string]any) *gqlerror.Error {
	args := f.ArgumentMap(vars)
	for _, arg := range []string{"first", "last"} {
		n := intArg(args[arg])
		if n == nil {
			continue
		}
		if _, err := checkSize(arg, n, 0); err != nil {
			gerr := gqlerror.ErrorPosf(f.Position, "%s: %s", f.Name, store.ErrorMessage(err))
			if *n > maxFirst {
				gerr.Message += fmt.Sprintf(" (%d over the limit)", *n-maxFirst)
			}
			errcode.Set(gerr, store.EInvalid)
			gerr.Extensions["limit"] = maxFirst
			gerr.Extensions["actual"] = *n
			return gerr
		}
	}
	return nil
}
