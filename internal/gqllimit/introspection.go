package gqllimit

import (
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Introspection has a bound of its own. The limits of data queries are
// sized for documents and their relations; the stock introspection query
// of graphql-js (getIntrospectionQuery, which GraphiQL, code generators
// and IDE plugins send) nests nine levels of ofType and so is deeper than
// any data query needs to be. An operation that only introspects is
// answered from the schema in memory, never the database: what bounds its
// cost is how many of the schema's lists it nests in one another (every
// level multiplies the answer by the length of a list), not its depth.
const (
	// IntrospectionMaxDepth is the deepest an introspection operation may
	// nest: getIntrospectionQuery() of graphql-js 17 nests 14 levels.
	IntrospectionMaxDepth = 40
	// IntrospectionMaxFields is how many fields it may select, fragments
	// expanded: getIntrospectionQuery() with every option selects about 250.
	IntrospectionMaxFields = 2000
	// IntrospectionMaxRoots is how many __schema and __type fields it may
	// have (aliases repeat the whole answer): the stock query has one.
	IntrospectionMaxRoots = 10
	// IntrospectionMaxLists is how many of the schema's lists (types,
	// fields, args …) may nest in one another: getIntrospectionQuery()
	// nests three (__schema.types → fields → args); every list more
	// multiplies the answer by a type's fields.
	IntrospectionMaxLists = 3
)

// introspectionLists are the fields of the introspection types that
// return lists of schema elements.
var introspectionLists = map[string]bool{
	"types": true, "directives": true, "fields": true, "args": true, "inputFields": true,
	"enumValues": true, "interfaces": true, "possibleTypes": true,
}

// OnlyIntrospection reports whether every root field of the operation is
// __schema, __type or __typename and at least one is __schema or __type:
// an operation answered from the schema alone.
func OnlyIntrospection(op *ast.OperationDefinition, fragments ast.FragmentDefinitionList) bool {
	n, only := introspectionRoots(op, fragments)
	return only && n > 0
}

// introspectionRoots counts the operation's root __schema and __type
// fields, fragments expanded, and tells whether it has no other root
// field but __typename.
func introspectionRoots(op *ast.OperationDefinition, fragments ast.FragmentDefinitionList) (n int, only bool) {
	if op.Operation != ast.Query {
		return 0, false
	}
	only = true
	var roots func(ast.SelectionSet, int)
	roots = func(set ast.SelectionSet, depth int) {
		if depth > 100 { // validation refuses fragment cycles; this keeps a hostile one finite
			only = false
			return
		}
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				switch sel.Name {
				case "__schema", "__type":
					n++
				case "__typename":
				default:
					only = false
				}
			case *ast.InlineFragment:
				roots(sel.SelectionSet, depth+1)
			case *ast.FragmentSpread:
				if f := fragments.ForName(sel.Name); f != nil {
					roots(f.SelectionSet, depth+1)
				}
			}
		}
	}
	roots(op.SelectionSet, 0)
	return n, only
}

// checkIntrospection holds an introspection-only operation to its own
// bound (see IntrospectionMaxLists), with the same error codes and
// extensions as the data limits.
func checkIntrospection(s Shape, op *ast.OperationDefinition, fragments ast.FragmentDefinitionList) *gqlerror.Error {
	if s.Depth > IntrospectionMaxDepth {
		return refuse(CodeDepth, fmt.Sprintf("introspection has depth %d, which exceeds the limit of %d by %d",
			s.Depth, IntrospectionMaxDepth, s.Depth-IntrospectionMaxDepth), IntrospectionMaxDepth, s.Depth)
	}
	if s.Fields > IntrospectionMaxFields {
		return refuse(CodeFields, fmt.Sprintf("introspection has fields %d, which exceeds the limit of %d by %d",
			s.Fields, IntrospectionMaxFields, s.Fields-IntrospectionMaxFields), IntrospectionMaxFields, s.Fields)
	}
	if n, _ := introspectionRoots(op, fragments); n > IntrospectionMaxRoots {
		return refuse(CodeAliases, fmt.Sprintf("introspection asks for __schema or __type %d times, which exceeds the limit of %d by %d",
			n, IntrospectionMaxRoots, n-IntrospectionMaxRoots), IntrospectionMaxRoots, n)
	}
	if n := nestedLists(op.SelectionSet, fragments, 0); n > IntrospectionMaxLists {
		return refuse(CodeComplexity, fmt.Sprintf("introspection nests %d lists of the schema (types, fields, args …) in one another, "+
			"which exceeds the limit of %d by %d (getIntrospectionQuery() nests %d)",
			n, IntrospectionMaxLists, n-IntrospectionMaxLists, IntrospectionMaxLists), IntrospectionMaxLists, n)
	}
	return nil
}

// nestedLists is the most introspection lists any path of the selection
// nests. The walk is bounded by IntrospectionMaxDepth, checked first.
func nestedLists(set ast.SelectionSet, fragments ast.FragmentDefinitionList, depth int) int {
	if depth > IntrospectionMaxDepth {
		return 0
	}
	most := 0
	for _, sel := range set {
		n := 0
		switch sel := sel.(type) {
		case *ast.Field:
			n = nestedLists(sel.SelectionSet, fragments, depth+1)
			if introspectionLists[sel.Name] {
				n++
			}
		case *ast.InlineFragment:
			n = nestedLists(sel.SelectionSet, fragments, depth+1)
		case *ast.FragmentSpread:
			if f := fragments.ForName(sel.Name); f != nil {
				n = nestedLists(f.SelectionSet, fragments, depth+1)
			}
		}
		most = max(most, n)
	}
	return most
}
