// Package gqlvars refuses variable values that GraphQL's input coercion
// does not allow, before gqlgen coerces them more leniently (a string
// "10" for an Int, a number for a String), with messages in GraphQL's
// and JSON's terms rather than Go's.
package gqlvars

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// Strict is a gqlgen extension checking variables against the types the
// operation declares for them, as the GraphQL specification coerces
// input values: Int a whole number within 32 bits, Float a number,
// String a string, Boolean a boolean, ID a string or a whole number, an
// enum one of its values (as a string), an input object an object with
// only its fields, a list a list (or one item). Custom scalars are left
// to their own parsers. Documents come from Cache when there, else are
// parsed (their size is bounded before: gqllimit.DocumentCheck). Use it
// by pointer.
type Strict struct {
	Cache  graphql.Cache[*ast.QueryDocument]
	schema *ast.Schema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
} = &Strict{}

// ExtensionName implements graphql.HandlerExtension.
func (*Strict) ExtensionName() string { return "StrictVariables" }

// Validate implements graphql.HandlerExtension.
func (s *Strict) Validate(es graphql.ExecutableSchema) error {
	s.schema = es.Schema()
	return nil
}

// MutateOperationParameters refuses the first variable whose value the
// specification would not coerce.
func (s *Strict) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if len(params.Variables) == 0 || params.Query == "" {
		return nil
	}
	doc, ok := s.Cache.Get(ctx, params.Query)
	if !ok {
		var err error
		if doc, err = parser.ParseQuery(&ast.Source{Input: params.Query}); err != nil {
			return nil // gqlgen reports the syntax error
		}
	}
	op := doc.Operations.ForName(params.OperationName)
	if op == nil {
		return nil // gqlgen reports the missing operation
	}
	for _, v := range op.VariableDefinitions {
		val, given := params.Variables[v.Variable]
		if !given {
			continue
		}
		if msg := s.check(v.Type, val); msg != "" {
			err := gqlerror.ErrorPathf(ast.Path{ast.PathName("variable"), ast.PathName(v.Variable)}, "variable $%s: %s", v.Variable, msg)
			errcode.Set(err, errcode.ValidationFailed)
			return err
		}
	}
	return nil
}

// check returns what is wrong with val as a value of t, or "".
func (s *Strict) check(t *ast.Type, val any) string {
	if val == nil {
		if t.NonNull {
			return fmt.Sprintf("a %s cannot be null", t)
		}
		return ""
	}
	if t.Elem != nil {
		items, ok := val.([]any)
		if !ok {
			return s.check(t.Elem, val) // one item stands for a list of it
		}
		for i, item := range items {
			if msg := s.check(t.Elem, item); msg != "" {
				return fmt.Sprintf("item %d: %s", i, msg)
			}
		}
		return ""
	}
	def := s.schema.Types[t.NamedType]
	if def == nil {
		return "" // validation reports an unknown type
	}
	switch def.Kind {
	case ast.Scalar:
		return checkScalar(t.NamedType, val)
	case ast.Enum:
		name, ok := val.(string)
		if !ok || def.EnumValues.ForName(name) == nil {
			return fmt.Sprintf("%s is not a %s value", describe(val), t.NamedType)
		}
	case ast.InputObject:
		fields, ok := val.(map[string]any)
		if !ok {
			return fmt.Sprintf("a %s is a JSON object, not %s", t.NamedType, describe(val))
		}
		for name, v := range fields {
			f := def.Fields.ForName(name)
			if f == nil {
				return fmt.Sprintf("%s has no field %q", t.NamedType, clip(name))
			}
			if msg := s.check(f.Type, v); msg != "" {
				return fmt.Sprintf("%s.%s: %s", t.NamedType, name, msg)
			}
		}
	}
	return ""
}

// checkScalar checks a value of a built-in scalar.
func checkScalar(typ string, val any) string {
	switch typ {
	case "Int":
		if n, ok := wholeNumber(val); !ok || n < math.MinInt32 || n > math.MaxInt32 {
			return fmt.Sprintf("an Int is a whole number within 32 bits, written without a fraction or an exponent, not %s", describe(val))
		}
	case "Float":
		if _, ok := number(val); !ok {
			return fmt.Sprintf("a Float is a number, not %s", describe(val))
		}
	case "String":
		if _, ok := val.(string); !ok {
			return fmt.Sprintf("a String is a JSON string, not %s", describe(val))
		}
	case "Boolean":
		if _, ok := val.(bool); !ok {
			return fmt.Sprintf("a Boolean is true or false, not %s", describe(val))
		}
	case "ID":
		if _, ok := val.(string); !ok {
			if _, whole := wholeNumber(val); !whole {
				return fmt.Sprintf("an ID is a string or a whole number, not %s", describe(val))
			}
		}
	}
	return ""
}

// number reads a JSON number, as the transports decode it.
func number(val any) (float64, bool) {
	switch v := val.(type) {
	case json.Number:
		f, err := v.Float64()
		return f, err == nil
	case float64:
		return v, true
	case int64:
		return float64(v), true
	case int:
		return float64(v), true
	}
	return 0, false
}

// wholeNumber reads a JSON number written as a whole number: 10, not
// 10.0 or 1e1 (which gqlgen would misread).
func wholeNumber(val any) (int64, bool) {
	if n, ok := val.(json.Number); ok {
		i, err := strconv.ParseInt(string(n), 10, 64)
		return i, err == nil
	}
	f, ok := number(val)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int64(f), true
}

// describe names a JSON value's type, with the value when it is short.
func describe(val any) string {
	switch v := val.(type) {
	case string:
		return fmt.Sprintf("the string %q", clip(v))
	case json.Number:
		return "the number " + clip(string(v))
	case float64, int64, int:
		return fmt.Sprintf("the number %v", v)
	case bool:
		return fmt.Sprintf("the boolean %v", v)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "a value of another type"
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
