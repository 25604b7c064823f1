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

// Measure measures a selection set as executed, each fragment counted
// at each use. A fragment is measured once and its shape added at every
// spread, so a few lines of fragments spreading each other twice (which
// stand for billions of fields) cost as many steps as they have lines;
// counts past maxVisits stop growing and set Truncated. Validation has
// already refused fragment cycles; a cycle met anyway counts nothing.
func Measure(set ast.SelectionSet, fragments ast.FragmentDefinitionList) Shape {
	m := measurer{fragments: make(map[string]*ast.FragmentDefinition, len(fragments)), shapes: map[string]*setShape{}}
	for _, f := range fragments {
		m.fragments[f.Name] = f
	}
	r := m.set(set)
	return Shape{Depth: r.depth, Fields: min(r.fields, maxVisits), Aliases: min(r.aliases, maxVisits), Introspection: r.introspection, Truncated: r.visits > maxVisits}
}

// setShape is a selection set's shape relative to where it is used:
// depth below it, and introspection among its own top-level fields.
type setShape struct {
	depth, fields, aliases, visits int
	introspection                  bool
}

type measurer struct {
	fragments map[string]*ast.FragmentDefinition
	shapes    map[string]*setShape // nil while a fragment is being measured
}

func (m *measurer) set(set ast.SelectionSet) setShape {
	var r setShape
	add := func(o setShape, depth int) {
		r.depth = max(r.depth, o.depth+depth)
		r.fields = capped(r.fields + o.fields)
		r.aliases = capped(r.aliases + o.aliases)
		r.visits = capped(r.visits + o.visits)
	}
	for _, sel := range set {
		r.visits = capped(r.visits + 1)
		switch sel := sel.(type) {
		case *ast.Field:
			r.fields = capped(r.fields + 1)
			if sel.Alias != "" && sel.Alias != sel.Name {
				r.aliases++
			}
			if sel.Name == "__schema" || sel.Name == "__type" {
				r.introspection = true
			}
			if len(sel.SelectionSet) > 0 {
				add(m.set(sel.SelectionSet), 1)
			}
		case *ast.InlineFragment:
			o := m.set(sel.SelectionSet)
			add(o, 0)
			r.introspection = r.introspection || o.introspection
		case *ast.FragmentSpread:
			if o := m.fragment(sel.Name); o != nil {
				add(*o, 0)
				r.introspection = r.introspection || o.introspection
			}
		}
	}
	return r
}

// fragment returns the named fragment's shape, measured on first use;
// nil for an unknown fragment or one met again inside itself.
func (m *measurer) fragment(name string) *setShape {
	if s, seen := m.shapes[name]; seen {
		return s
	}
	f := m.fragments[name]
	if f == nil {
		return nil
	}
	m.shapes[name] = nil
	s := m.set(f.SelectionSet)
	m.shapes[name] = &s
	return &s
}

// capped keeps a count from overflowing: past maxVisits the exact value
// no longer matters.
func capped(n int) int { return min(n, maxVisits+1) }
