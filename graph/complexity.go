package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/sourcecmp/sourcecmp/graph/generated"
	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Estimated lengths of the lists that have no page size, from the seed
// corpus (rounded up): what a client pays for asking for one. A field's
// cost is 1 plus, for a list, its length times the cost of one item; a
// connection's length is its first argument.
const (
	estAuthors      = 3  // authors of a document, a stance, a comparison row
	estSections     = 10 // sections of a document
	estParagraphs   = 10 // paragraphs of a section
	estFootnotes    = 20 // footnotes of a document
	estRefs         = 3  // footnote markers in a paragraph, footnotes it cites
	estCitedIn      = 2  // paragraphs citing a footnote, footnotes a work is cited by
	estWorks        = 2  // works a footnote cites
	estTopics       = 12 // the taxonomy; topic scores of a document, section or paragraph
	estPositions    = 5  // positions of a topic
	estStances      = 12 // stances of a document (one per topic at most) or an author
	estCitations    = 4  // citations of a stance, footnotes inside a citation
	estTopicMembers = 50 // documents or stances on one topic: the corpus
)

// Complexity returns the cost functions gqlgen's complexity limit adds up
// (internal/gqllimit). Fields not listed cost 1 plus their selection.
func Complexity() generated.ComplexityRoot {
	var c generated.ComplexityRoot
	list := func(n int) func(int) int { return func(child int) int { return 1 + n*child } }
	page := func(first *int, def int) func(int) int {
		return func(child int) int { return 1 + pageLen(first, def)*child }
	}

	c.Query.Documents = func(child int, first *int, _ *string, _ *model.DocumentFilter) int {
		return page(first, defaultFirst)(child)
	}
	c.Query.Authors = func(child int, first *int, _ *string) int { return page(first, defaultFirst)(child) }
	c.Query.Works = func(child int, first *int, _ *string) int { return page(first, defaultFirst)(child) }
	c.Query.Search = func(child int, _ string, first *int, _ *string, _ *string, _ *string) int {
		return page(first, 10)(child)
	}
	c.Query.Topics = list(estTopics)
	// A comparison's rows are a page: compare's first multiplies them.
	c.Query.Compare = func(child int, _ string, first *int, _ *string) int { return page(first, defaultFirst)(child) }

	c.Document.Authors = list(estAuthors)
	c.Document.Sections = list(estSections)
	c.Document.Footnotes = list(estFootnotes)
	c.Document.Topics = list(estTopics)
	c.Document.Stances = list(estStances)
	c.Author.Documents = func(child int, first *int, _ *string) int { return page(first, defaultFirst)(child) }
	c.Author.Stances = func(child int, _ *string) int { return list(estStances)(child) }
	c.Author.Evidence = func(child int, _ string, first *int) int { return page(first, 5)(child) }
	c.Section.Paragraphs = list(estParagraphs)
	c.Section.Topics = list(estTopics)
	c.Paragraph.FootnoteRefs = list(estRefs)
	c.Paragraph.Footnotes = list(estRefs)
	c.Paragraph.Topics = list(estTopics)
	c.Footnote.CitedIn = list(estCitedIn)
	c.Footnote.Works = list(estWorks)
	c.Work.CitedBy = list(estCitedIn)
	c.Topic.Positions = list(estPositions)
	c.Topic.Stances = func(child int, first *int) int { return page(first, defaultFirst)(child) }
	c.Topic.Documents = func(child int, first *int) int { return page(first, defaultFirst)(child) }
	c.Stance.Authors = list(estAuthors)
	c.Stance.Citations = list(estCitations)
	c.Citation.Footnotes = list(estCitations)
	c.ComparisonRow.Authors = list(estAuthors)
	c.ComparisonRow.Evidence = func(child int, first *int) int { return page(first, 3)(child) }
	return c
}

// pageLen is the number of items a page of first items may hold. A first
// out of range costs the maximum: ArgumentCheck refuses it anyway.
func pageLen(first *int, def int) int {
	switch {
	case first == nil:
		return def
	case *first < 0 || *first > maxFirst:
		return maxFirst
	}
	return *first
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

// checkFirst refuses a field's first argument out of range, with the
// message the resolvers would give and the field's place in the query.
func checkFirst(f *ast.Field, vars map[string]any) *gqlerror.Error {
	first := intArg(f.ArgumentMap(vars)["first"])
	if first == nil {
		return nil
	}
	if _, err := pageSize(first); err != nil {
		gerr := gqlerror.ErrorPosf(f.Position, "%s: %s", f.Name, store.ErrorMessage(err))
		if *first > maxFirst {
			gerr.Message += fmt.Sprintf(" (%d over the limit)", *first-maxFirst)
		}
		errcode.Set(gerr, store.EInvalid)
		gerr.Extensions["limit"] = maxFirst
		gerr.Extensions["actual"] = *first
		return gerr
	}
	return nil
}
