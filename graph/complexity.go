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
	// A connection costs its page size times its items, edges and nodes
	// alike (both list the same items).
	page := func(def int, first, last *int) func(int) int {
		return func(child int) int { return 1 + pageLen(first, last, def)*child }
	}
	conn := func(def int) func(int, *int, *string, *int, *string) int {
		return func(child int, first *int, _ *string, last *int, _ *string) int { return page(def, first, last)(child) }
	}

	c.Query.Documents = func(child int, first *int, _ *string, last *int, _ *string, _ *model.DocumentFilter) int {
		return page(defaultFirst, first, last)(child)
	}
	c.Query.Authors = conn(defaultFirst)
	c.Query.Works = conn(defaultFirst)
	c.Query.Search = func(child int, _ string, first *int, _ *string, last *int, _ *string, _ *string, _ *string) int {
		return page(10, first, last)(child)
	}
	c.Query.Topics = list(estTopics)
	c.Query.Compare = func(child int, _ string, first *int, _ *string, last *int, _ *string) int {
		return page(defaultFirst, first, last)(child)
	}

	c.Document.Authors = list(estAuthors)
	c.Document.Sections = list(estSections)
	c.Document.Footnotes = list(estFootnotes)
	c.Document.Topics = list(estTopics)
	c.Document.Stances = list(estStances)
	c.Author.Documents = conn(defaultFirst)
	c.Author.Stances = func(child int, _ *string, first *int, _ *string, last *int, _ *string) int {
		return page(defaultFirst, first, last)(child)
	}
	c.Author.Evidence = func(child int, _ string, first *int, _ *string, last *int, _ *string) int {
		return page(5, first, last)(child)
	}
	c.Section.Paragraphs = list(estParagraphs)
	c.Section.Topics = list(estTopics)
	c.Paragraph.FootnoteRefs = list(estRefs)
	c.Paragraph.Footnotes = list(estRefs)
	c.Paragraph.Topics = list(estTopics)
	c.Footnote.CitedIn = list(estCitedIn)
	c.Footnote.Works = list(estWorks)
	c.Work.CitedBy = conn(defaultFirst)
	c.Topic.Positions = list(estPositions)
	c.Topic.Stances = conn(defaultFirst)
	c.Topic.Documents = conn(defaultFirst)
	c.Stance.Authors = list(estAuthors)
	c.Stance.Citations = list(estCitations)
	c.Citation.Footnotes = list(estCitations)
	c.ComparisonRow.Authors = list(estAuthors)
	c.ComparisonRow.Evidence = conn(3)
	return c
}

// pageLen is the number of items a page of first (or last) items may
// hold. A size out of range costs the maximum: PageSizeCheck refuses it
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

// PageSizeCheck is a gqlgen extension that refuses, before any resolver
// runs, an operation asking any list for more than maxFirst items (or a
// negative number): nested lists are resolved after their parents have
// been read, and a refusal must cost the database nothing.
type PageSizeCheck struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = PageSizeCheck{}

// ExtensionName implements graphql.HandlerExtension.
func (PageSizeCheck) ExtensionName() string { return "PageSizeCheck" }

// Validate implements graphql.HandlerExtension.
func (PageSizeCheck) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (PageSizeCheck) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
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
				if sel.Definition != nil && sel.Definition.Arguments.ForName("first") != nil {
					found = checkFirst(sel, oc.Variables)
				}
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
