package gqllimit

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"
)

// Error codes of the limits checked at parse time, before validation.
const (
	CodeTokens     = "TOKEN_LIMIT_EXCEEDED"
	CodeDirectives = "DIRECTIVE_LIMIT_EXCEEDED"
	CodeSameName   = "DUPLICATE_FIELD_LIMIT_EXCEEDED"
)

// MaxSameName bounds the fields of one selection set (its inline
// fragments included) that answer under one name. GraphQL validation
// compares every pair of them, so a few kilobytes of `node(id: "1") { id }`
// repeated would cost a million comparisons and as many errors; a real
// query repeats a name a handful of times (`id` in each inline fragment).
const MaxSameName = 20

// DocumentCheck is a gqlgen extension that bounds a query document's size
// as it is parsed, before gqlgen validates it: validation compares
// fields in pairs and reports every failure, so it must only ever see
// documents whose work is bounded. It checks the tokens of the text, then
// in the parsed document the fields, aliases, directives, depth and
// fields answering under one name (see CheckDocument). Documents already
// in Cache passed before and are not parsed again here.
type DocumentCheck struct {
	Limits Limits
	Cache  graphql.Cache[*ast.QueryDocument]
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = &DocumentCheck{}

// ExtensionName implements graphql.HandlerExtension.
func (*DocumentCheck) ExtensionName() string { return "DocumentLimits" }

// Validate implements graphql.HandlerExtension.
func (*DocumentCheck) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters refuses a query document over a limit.
func (c *DocumentCheck) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if params.Query == "" {
		return nil
	}
	if c.Cache != nil {
		if _, ok := c.Cache.Get(ctx, params.Query); ok {
			return nil
		}
	}
	return checkQuery(ctx, params.Query, c.Limits)
}

// CheckQuery counts the tokens of a query text, parses it and checks the
// document (CheckDocument). A text that does not parse passes: gqlgen
// parses it again and reports the syntax error where it is.
func CheckQuery(query string, l Limits) *gqlerror.Error {
	return checkQuery(context.Background(), query, l)
}

// checkQuery is CheckQuery counting the work of measuring the document,
// and of validating it, in the context's Work.
func checkQuery(ctx context.Context, query string, l Limits) *gqlerror.Error {
	if l.MaxTokens > 0 {
		if n := countTokens(query); n > l.MaxTokens {
			return refuse(CodeTokens, fmt.Sprintf("the query has %d tokens (names, punctuation, values), which exceeds the limit of %d by %d: send a shorter query",
				n, l.MaxTokens, n-l.MaxTokens), l.MaxTokens, n)
		}
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		return nil
	}
	if onlyIntrospection(doc) { // its own bound, not the data limits: introspection.go
		l.MaxDepth, l.MaxFields = IntrospectionMaxDepth, IntrospectionMaxFields
	}
	s := MeasureDocument(doc, l.MaxFields)
	AddWork(ctx, s.Fields+s.Merged)
	return checkShape(s, l)
}

// onlyIntrospection reports whether every operation of a document is a
// query whose root fields are __schema, __type or __typename, at least
// one of the first two (as OnlyIntrospection says of one operation, but
// entering each fragment once: the document is not validated yet, and
// fragments spreading each other twice would stand for billions).
func onlyIntrospection(doc *ast.QueryDocument) bool {
	fragments := make(map[string]*ast.FragmentDefinition, len(doc.Fragments))
	for _, f := range doc.Fragments {
		fragments[f.Name] = f
	}
	for _, op := range doc.Operations {
		if op.Operation != ast.Query {
			return false
		}
		introspects, only := false, true
		seen := map[string]bool{}
		var roots func(ast.SelectionSet)
		roots = func(set ast.SelectionSet) {
			for _, sel := range set {
				switch sel := sel.(type) {
				case *ast.Field:
					switch sel.Name {
					case "__schema", "__type":
						introspects = true
					case "__typename":
					default:
						only = false
					}
				case *ast.InlineFragment:
					roots(sel.SelectionSet)
				case *ast.FragmentSpread:
					if f := fragments[sel.Name]; f != nil && !seen[sel.Name] {
						seen[sel.Name] = true
						roots(f.SelectionSet)
					}
				}
			}
		}
		roots(op.SelectionSet)
		if !introspects || !only {
			return false
		}
	}
	return len(doc.Operations) > 0
}

// countTokens counts the lexical tokens of a query (comments included:
// the parser keeps them) up to a lexical error. The query's length is
// bounded already, and lexing is linear.
func countTokens(query string) int {
	lex := lexer.New(&ast.Source{Input: query})
	n := 0
	for {
		tok, err := lex.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			break
		}
		n++
	}
	return n
}

// DocumentShape is what a whole document measures before validation.
type DocumentShape struct {
	// Fields counts the fields validation visits: those of each
	// operation, and of each fragment once per operation that reaches it.
	Fields int
	// Aliases and Directives count what the text holds.
	Aliases, Directives int
	// Depth is the deepest nesting of selection sets in the text.
	Depth int
	// SameName is the most fields answering under one name in one
	// selection set once its inline fragments and fragment spreads are
	// merged in (each fragment once): the fields validation compares in
	// pairs. SameNameField names them.
	SameName      int
	SameNameField string
	// Merged counts the fields of every selection set with its fragments
	// merged in, the work of finding SameName; counting stops past
	// maxMerged (Truncated).
	Merged    int
	Truncated bool
}

// mergedPerField bounds DocumentShape.Merged at this many times the field
// limit: a fragment's fields count again in every set that spreads it.
const mergedPerField = 4

// CheckDocument refuses a parsed document whose shape exceeds a limit.
// Each count here is at most the count gqllimit's Extension makes after
// validation with fragments expanded, so that the refusals come earlier,
// not more often (but for Merged, which only documents far beyond the
// field limit reach).
func CheckDocument(doc *ast.QueryDocument, l Limits) *gqlerror.Error {
	return checkShape(MeasureDocument(doc, l.MaxFields), l)
}

func checkShape(s DocumentShape, l Limits) *gqlerror.Error {
	for _, c := range []struct {
		code, what   string
		value, limit int
	}{
		{CodeFields, "fields", s.Fields, l.MaxFields},
		{CodeAliases, "aliases", s.Aliases, l.MaxAliases},
		{CodeDirectives, "directives", s.Directives, l.MaxDirectives},
		{CodeDepth, "depth", s.Depth, l.MaxDepth},
	} {
		if c.limit > 0 && c.value > c.limit {
			return refuse(c.code, fmt.Sprintf("the query has %s %d, which exceeds the limit of %d by %d", c.what, c.value, c.limit, c.value-c.limit), c.limit, c.value)
		}
	}
	if s.Truncated {
		limit := mergedPerField * l.MaxFields
		return refuse(CodeFields, fmt.Sprintf("the query's selection sets hold more than %d fields once the fragments they spread are merged in (%d times the field limit of %d)",
			limit, mergedPerField, l.MaxFields), limit, s.Merged)
	}
	if s.SameName > MaxSameName {
		return refuse(CodeSameName, fmt.Sprintf("the query selects %d fields answering as %q in one selection set, which exceeds the limit of %d by %d: give them aliases",
			s.SameName, s.SameNameField, MaxSameName, s.SameName-MaxSameName), MaxSameName, s.SameName)
	}
	return nil
}

// MeasureDocument measures a document as it is written, without
// validating it. With maxFields positive, counting fields stops past
// visitsPerField times it and merging sets past mergedPerField times it.
func MeasureDocument(doc *ast.QueryDocument, maxFields int) DocumentShape {
	m := docMeasure{fragments: make(map[string]*ast.FragmentDefinition, len(doc.Fragments)), maxFields: maxFields}
	for _, f := range doc.Fragments {
		m.fragments[f.Name] = f
	}
	for _, f := range doc.Fragments {
		m.s.Directives += len(f.Directives)
		m.literal(f.SelectionSet, 0)
	}
	for _, op := range doc.Operations {
		m.s.Directives += len(op.Directives)
		for _, v := range op.VariableDefinitions {
			m.s.Directives += len(v.Directives)
		}
		m.literal(op.SelectionSet, 0)
		m.reached = map[string]bool{}
		m.visit(op.SelectionSet)
	}
	return m.s
}

type docMeasure struct {
	s         DocumentShape
	fragments map[string]*ast.FragmentDefinition
	reached   map[string]bool // fragments visited for the current operation
	maxFields int
}

// literal measures a selection set and those nested in it, as written:
// depth, aliases, directives, and the fields answering under one name
// once the set's fragments are merged in.
func (m *docMeasure) literal(set ast.SelectionSet, depth int) {
	m.merge(set)
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			m.s.Directives += len(sel.Directives)
			if sel.Alias != "" && sel.Alias != sel.Name {
				m.s.Aliases++
			}
			if len(sel.SelectionSet) > 0 {
				m.s.Depth = max(m.s.Depth, depth+1)
				m.literal(sel.SelectionSet, depth+1)
			}
		case *ast.InlineFragment:
			m.s.Directives += len(sel.Directives)
			m.literal(sel.SelectionSet, depth)
		case *ast.FragmentSpread:
			m.s.Directives += len(sel.Directives)
		}
	}
}

// merge counts the names the fields of a set answer under, with its
// inline fragments and (once each) the fragments it spreads merged in.
func (m *docMeasure) merge(set ast.SelectionSet) {
	names := map[string]int{}
	spread := map[string]bool{}
	var walk func(set ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			if m.s.Truncated {
				return
			}
			switch sel := sel.(type) {
			case *ast.Field:
				if m.s.Merged++; m.maxFields > 0 && m.s.Merged > mergedPerField*m.maxFields {
					m.s.Truncated = true
					return
				}
				name := sel.Alias
				if name == "" {
					name = sel.Name
				}
				if names[name]++; names[name] > m.s.SameName {
					m.s.SameName, m.s.SameNameField = names[name], name
				}
			case *ast.InlineFragment:
				walk(sel.SelectionSet)
			case *ast.FragmentSpread:
				if f := m.fragments[sel.Name]; f != nil && !spread[sel.Name] {
					spread[sel.Name] = true
					walk(f.SelectionSet)
				}
			}
		}
	}
	walk(set)
}

// visitsPerField bounds the count of DocumentShape.Fields at this many
// times the field limit: enough to say by how much a query exceeds it.
const visitsPerField = 10

// visit counts the fields of a set, entering each fragment once per
// operation, as the validator's walk does.
func (m *docMeasure) visit(set ast.SelectionSet) {
	for _, sel := range set {
		if m.maxFields > 0 && m.s.Fields > visitsPerField*m.maxFields {
			return
		}
		switch sel := sel.(type) {
		case *ast.Field:
			m.s.Fields++
			m.visit(sel.SelectionSet)
		case *ast.InlineFragment:
			m.visit(sel.SelectionSet)
		case *ast.FragmentSpread:
			if f := m.fragments[sel.Name]; f != nil && !m.reached[sel.Name] {
				m.reached[sel.Name] = true
				m.visit(f.SelectionSet)
			}
		}
	}
}
