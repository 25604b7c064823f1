package webui

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/validator"
)

// fakeAPI stands in for the GraphQL server until the real one serves
// topics, stances and comparisons. Its data is the seed documents as the
// real parser reads them, with made-up stances on china-role (fixture.go).
// Every request is validated against graph/*.graphqls and answered with
// exactly the fields it selects, so the pages are tested against the
// schema, not against hand-written JSON that could drift from it.
type fakeAPI struct {
	t      testing.TB
	schema *ast.Schema
	root   obj
	nodes  map[string]obj
	ids    map[string]int64

	mu  sync.Mutex
	ops []string // the operations served, in order
}

// obj is an object of the fake graph: field name to value, or to a
// resolver for fields with arguments.
type obj map[string]any

type resolver func(args map[string]any) any

// node registers an object with a fresh global ID of type typ.
func (f *fakeAPI) node(typ string, o obj) obj {
	f.ids[typ]++
	id := gid.Encode(typ, f.ids[typ])
	o["__typename"] = typ
	o["id"] = id
	f.nodes[id] = o
	return o
}

type gqlRequest struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

type gqlError struct {
	Message string `json:"message"`
}

func (f *fakeAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "POST only", http.StatusMethodNotAllowed)
		return
	}
	var req gqlRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	data, errs := f.execute(req)
	w.Header().Set("Content-Type", "application/json")
	resp := map[string]any{"data": data}
	if len(errs) > 0 {
		resp["errors"] = errs
	}
	if err := json.NewEncoder(w).Encode(resp); err != nil {
		f.t.Errorf("fake API: write response: %v", err)
	}
}

// execute validates the request against the schema and projects the fake
// graph through its selection set.
func (f *fakeAPI) execute(req gqlRequest) (any, []gqlError) {
	doc, errs := gqlparser.LoadQuery(f.schema, req.Query)
	if len(errs) > 0 {
		f.t.Errorf("a page sent a query the schema rejects: %v\n%s", errs, req.Query)
		return nil, []gqlError{{Message: errs.Error()}}
	}
	op := doc.Operations.ForName(req.OperationName)
	if op == nil {
		f.t.Errorf("no operation %q in the query", req.OperationName)
		return nil, []gqlError{{Message: "unknown operation"}}
	}
	vars, err := validator.VariableValues(f.schema, op, req.Variables)
	if err != nil {
		f.t.Errorf("variables of %s: %v", op.Name, err)
		return nil, []gqlError{{Message: err.Error()}}
	}
	f.mu.Lock()
	f.ops = append(f.ops, op.Name)
	f.mu.Unlock()
	p := projector{f: f, vars: vars}
	data := p.project(op.SelectionSet, f.root)
	return data, p.errs
}

// served returns the names of the operations answered so far.
func (f *fakeAPI) served() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.ops)
}

type projector struct {
	f    *fakeAPI
	vars map[string]any
	errs []gqlError
}

func (p *projector) project(sel ast.SelectionSet, v any) any {
	switch v := v.(type) {
	case nil:
		return nil
	case []obj:
		out := make([]any, len(v))
		for i, o := range v {
			out[i] = p.project(sel, o)
		}
		return out
	case obj:
		out := map[string]any{}
		p.fields(sel, v, out)
		return out
	}
	panic(fmt.Sprintf("fake API: cannot select fields of %T", v))
}

func (p *projector) fields(sel ast.SelectionSet, o obj, out map[string]any) {
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			out[s.Alias] = p.field(s, o)
		case *ast.InlineFragment:
			if p.matches(s.TypeCondition, o) {
				p.fields(s.SelectionSet, o, out)
			}
		case *ast.FragmentSpread:
			if p.matches(s.Definition.TypeCondition, o) {
				p.fields(s.Definition.SelectionSet, o, out)
			}
		}
	}
}

func (p *projector) field(s *ast.Field, o obj) any {
	typename, _ := o["__typename"].(string)
	if s.Name == "__typename" {
		return typename
	}
	v, ok := o[s.Name]
	if !ok {
		// The fake lacks a field the schema has: extend the fake.
		p.f.t.Errorf("fake API has no %s.%s", typename, s.Name)
		p.errs = append(p.errs, gqlError{Message: "fake API has no " + typename + "." + s.Name})
		return nil
	}
	if fn, ok := v.(resolver); ok {
		v = fn(s.ArgumentMap(p.vars))
	}
	if err, ok := v.(error); ok {
		p.errs = append(p.errs, gqlError{Message: err.Error()})
		return nil
	}
	if len(s.SelectionSet) == 0 {
		return v
	}
	return p.project(s.SelectionSet, v)
}

func (p *projector) matches(cond string, o obj) bool {
	typename, _ := o["__typename"].(string)
	if cond == "" || cond == typename {
		return true
	}
	def := p.f.schema.Types[cond]
	if def == nil {
		return false
	}
	return slices.ContainsFunc(p.f.schema.GetPossibleTypes(def), func(d *ast.Definition) bool { return d.Name == typename })
}

// intArg reads an Int argument, which arrives as int64 from a literal and
// as a JSON number from a variable.
func intArg(args map[string]any, name string, def int) int {
	switch v := args[name].(type) {
	case int:
		return v
	case int64:
		return int(v)
	case float64:
		return int(v)
	case json.Number:
		n, _ := v.Int64()
		return int(n)
	}
	return def
}

func strArg(args map[string]any, name string) string {
	s, _ := args[name].(string)
	return s
}

// langArg returns the lang argument as the schema's enum value.
func langArg(args map[string]any) string {
	if strArg(args, "lang") == "EN" {
		return "EN"
	}
	return "JA"
}

// connection builds a Relay connection of the first n items.
func connection(items []obj, first int, kind string) obj {
	if first < 0 || first > len(items) {
		first = len(items)
	}
	page := items[:first]
	edges := make([]obj, len(page))
	for i, n := range page {
		edges[i] = obj{"cursor": gid.EncodeCursor(kind, i), "node": n}
	}
	info := obj{"hasNextPage": first < len(items), "hasPreviousPage": false, "startCursor": nil, "endCursor": nil}
	if len(edges) > 0 {
		info["startCursor"] = edges[0]["cursor"]
		info["endCursor"] = edges[len(edges)-1]["cursor"]
	}
	return obj{"totalCount": len(items), "nodes": page, "edges": edges, "pageInfo": info}
}

// seedFiles lists the seed documents the fake serves.
func seedFiles(t testing.TB) []string {
	files, err := filepath.Glob("../../seeds/documents/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("seed documents: %v (found %d)", err, len(files))
	}
	return files
}

// ptr turns an optional parser value into the JSON value of a nullable field.
func ptr(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// has reports whether text contains any of terms.
func has(text string, terms []string) bool {
	return slices.ContainsFunc(terms, func(t string) bool { return strings.Contains(text, t) })
}
