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
	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Complexity returns the cost functions gqlgen's complexity limit adds up
// (internal/gqllimit). A field costs 1 plus, for a list, the most items it
// can hold times the cost of one: a connection's first argument, and for
// a list without a page size the longest such list the data holds
// (b, measured from the data). A long text costs a unit per 512 code
// points of the longest one. Back-references (a footnote's document, a
// paragraph's section) cost 1 plus their selection, so a walk down a list
// and back up and down again multiplies the list's bound each time.
// Fields not listed cost 1 plus their selection.
func Complexity(b *Bounds) generated.ComplexityRoot {
	var c generated.ComplexityRoot
	// list prices a list by the bound that n reads from the current
	// bounds; a bound is at least 1, so that an empty database does not
	// make nesting free.
	list := func(n func(store.ListBounds) int) func(int) int {
		return func(child int) int { return 1 + max(n(b.Get()), 1)*child }
	}
	text := func(n func(store.ListBounds) int) func(int) int {
		return func(int) int { return 1 + n(b.Get())/textUnit }
	}
	// A connection costs its page size times its items, edges and nodes
	// alike (both list the same items).
	page := func(def int, first, last *int) func(int) int {
		return func(child int) int { return 1 + pageLen(first, last, def)*child }
	}
	conn := func(def int) func(int, *int, *string, *int, *string) int {
		return func(child int, first *int, _ *string, last *int, _ *string) int { return page(def, first, last)(child) }
	}
	var (
		authors    = func(l store.ListBounds) int { return l.AuthorsPerDocument }
		sections   = func(l store.ListBounds) int { return l.SectionsPerDocument }
		footnotes  = func(l store.ListBounds) int { return l.FootnotesPerDocument }
		stances    = func(l store.ListBounds) int { return l.StancesPerDocument }
		paragraphs = func(l store.ListBounds) int { return l.ParagraphsPerSection }
		refs       = func(l store.ListBounds) int { return l.RefsPerParagraph }
		citedIn    = func(l store.ListBounds) int { return l.ParagraphsPerFootnote }
		works      = func(l store.ListBounds) int { return l.WorksPerFootnote }
		citations  = func(l store.ListBounds) int { return l.CitationsPerStance }
		topics     = func(l store.ListBounds) int { return l.Topics }
		positions  = func(l store.ListBounds) int { return l.PositionsPerTopic }
		docChars   = func(l store.ListBounds) int { return l.DocumentChars }
		sectChars  = func(l store.ListBounds) int { return l.SectionChars }
	)

	c.Query.Documents = func(child int, first *int, _ *string, last *int, _ *string, _ *model.DocumentFilter) int {
		return page(defaultFirst, first, last)(child)
	}
	c.Query.Authors = conn(defaultFirst)
	c.Query.Works = conn(defaultFirst)
	// A search's text is analysed, and again for the snippets of hits
	// that do not hold its words verbatim: it costs by its length.
	c.Query.Search = func(child int, query string, first *int, _ *string, last *int, _ *string, _ *string, _ *string) int {
		return page(10, first, last)(child) + searchCharCost*utf8.RuneCountInString(query)
	}
	c.Query.Topics = list(topics)
	c.Query.Compare = func(child int, _ string, first *int, _ *string, last *int, _ *string) int {
		return page(defaultFirst, first, last)(child)
	}

	c.Document.Authors = list(authors)
	c.Document.Sections = list(sections)
	c.Document.Footnotes = list(footnotes)
	c.Document.Topics = list(topics)
	c.Document.Stances = list(stances)
	c.Document.Text = text(docChars)
	c.Author.Documents = conn(defaultFirst)
	c.Author.Stances = func(child int, _ *string, first *int, _ *string, last *int, _ *string) int {
		return page(defaultFirst, first, last)(child)
	}
	c.Author.Evidence = func(child int, _ string, first *int, _ *string, last *int, _ *string) int {
		return page(5, first, last)(child)
	}
	c.Section.Paragraphs = list(paragraphs)
	c.Section.Topics = list(topics)
	c.Section.Text = text(sectChars)
	c.Paragraph.FootnoteRefs = list(refs)
	c.Paragraph.Footnotes = list(refs)
	c.Paragraph.Topics = list(topics)
	c.Paragraph.Text = text(sectChars)
	c.Footnote.CitedIn = list(citedIn)
	c.Footnote.Works = list(works)
	c.Work.CitedBy = conn(defaultFirst)
	c.Topic.Positions = list(positions)
	c.Topic.Stances = conn(defaultFirst)
	c.Topic.Documents = conn(defaultFirst)
	c.Stance.Authors = list(authors)
	c.Stance.Citations = list(citations)
	// The footnotes inside a quote: a quote may span paragraphs, so the
	// bound is the document's.
	c.Citation.Footnotes = list(footnotes)
	c.ComparisonRow.Authors = list(authors)
	c.ComparisonRow.Evidence = conn(3)
	return c
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
