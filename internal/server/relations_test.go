package server_test

import (
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/sourcecmp/sourcecmp/graph/generated"
	"github.com/sourcecmp/sourcecmp/internal/server"
)

// The schema-driven statement test: for every object type the schema
// reaches through a list, one query selects every field of the type
// there, and its statement count must not depend on the rows (5 or 500
// documents) nor on timing (many requests at once, with the production
// loader wait). No field is named here: a relation added to the schema is
// checked the day it is added.

// probe selects every field of typ, reached through a list.
type probe struct {
	typ, query string
	fields     []string // each field's own query, to name the one that varies
}

// roots are the lists probes start from, with arguments that make long
// pages (not search: which paragraphs it finds depends on the rows, and
// the types below it are reached from documents too); a required
// argument below them gets the value its name says.
var roots = map[string]string{
	"documents": "documents(first: 100)",
	"authors":   "authors(first: 100)",
	"works":     "works(first: 100)",
	"topics":    "topics",
	"compare":   `compare(topic: "china-role", first: 100)`,
}

var requiredArgs = map[string]string{"topic": `"china-role"`, "query": `"中国"`}

// relationProbes walks the schema breadth first from the roots, and
// makes a probe for each object type at the first place it is reached
// through a list.
func relationProbes(t *testing.T) []probe {
	s := generated.NewExecutableSchema(generated.Config{}).Schema()
	type step struct {
		typ      string
		open     []string // the selections down to the type
		viaList  bool
		typeSeen map[string]bool
	}
	var queue []step
	for _, f := range s.Query.Fields {
		if call, ok := roots[f.Name]; ok {
			queue = append(queue, step{f.Type.Name(), []string{call}, f.Type.Elem != nil, map[string]bool{}})
		}
	}
	done := map[string]bool{}
	var probes []probe
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		def := s.Types[st.typ]
		if def.Kind != ast.Object || st.typeSeen[st.typ] || len(st.open) > 7 {
			continue
		}
		if st.viaList && !done[st.typ] {
			done[st.typ] = true
			p := probe{typ: st.typ}
			var all []string
			for _, f := range def.Fields {
				if sel, ok := selection(s, f); ok {
					all = append(all, sel)
					p.fields = append(p.fields, wrap(st.open, "__typename "+sel))
				}
			}
			p.query = wrap(st.open, "__typename "+strings.Join(all, " "))
			probes = append(probes, p)
		}
		seen := map[string]bool{st.typ: true}
		for k := range st.typeSeen {
			seen[k] = true
		}
		for _, f := range def.Fields {
			child := s.Types[f.Type.Name()]
			call, ok := fieldCall(f)
			if !ok || child.Kind != ast.Object && child.Kind != ast.Interface {
				continue
			}
			queue = append(queue, step{child.Name, append(append([]string{}, st.open...), call), st.viaList || f.Type.Elem != nil, seen})
		}
	}
	if len(probes) < 15 {
		t.Fatalf("the schema walk reached %d types through lists", len(probes))
	}
	return probes
}

// fieldCall is a field with the arguments it requires; false when one
// has no value here (an id).
func fieldCall(f *ast.FieldDefinition) (string, bool) {
	var args []string
	for _, a := range f.Arguments {
		if a.Type.NonNull && a.DefaultValue == nil {
			v, ok := requiredArgs[a.Name]
			if !ok {
				return "", false
			}
			args = append(args, a.Name+": "+v)
		}
	}
	if len(args) == 0 {
		return f.Name, true
	}
	return f.Name + "(" + strings.Join(args, ", ") + ")", true
}

// selection selects a field: an object's type name, a scalar itself.
func selection(s *ast.Schema, f *ast.FieldDefinition) (string, bool) {
	call, ok := fieldCall(f)
	if !ok || strings.HasPrefix(f.Name, "__") {
		return "", false
	}
	if k := s.Types[f.Type.Name()].Kind; k == ast.Object || k == ast.Interface {
		return call + " { __typename }", true
	}
	return call, true
}

func wrap(open []string, inner string) string {
	q := inner
	for i := len(open) - 1; i >= 0; i-- {
		q = open[i] + " { " + q + " }"
	}
	return "{ " + q + " }"
}

// productionLoaders is f's handler with the production loader wait.
func productionLoaders(f *fixture) *fixture {
	g := *f
	g.handler = server.NewServer(server.Config{Log: slog.New(slog.DiscardHandler), Store: f.store, Ingester: f.ingest, Bounds: f.bounds})
	return &g
}

// probeCounts runs each probe once, and then concurrently times times,
// and returns its statement count; a probe whose count differs between
// the concurrent runs is reported with the fields that vary.
func probeCounts(t *testing.T, f *fixture, probes []probe, times int) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, p := range probes {
		var data map[string]any
		r := f.query(t, p.query, nil, &data)
		if n := strings.Count(string(r.Data), fmt.Sprintf(`"__typename":"%s"`, p.typ)); n < 2 {
			t.Errorf("%s: the probe reaches %d of them, want at least 2 parents\n%s", p.typ, n, p.query)
		}
		out[p.typ] = r.Statements
		counts := concurrently(t, f, p.query, times)
		for _, n := range counts {
			if n != r.Statements {
				t.Errorf("%s: %d statements alone, %v at once; fields that vary: %v", p.typ, r.Statements, counts, varying(t, f, p))
				break
			}
		}
	}
	return out
}

// concurrently sends a query times at once and returns the statement
// counts.
func concurrently(t *testing.T, f *fixture, query string, times int) []int {
	counts := make([]int, times)
	var wg sync.WaitGroup
	for i := range counts {
		wg.Go(func() { counts[i] = f.post(t, query, nil).Statements })
	}
	wg.Wait()
	return counts
}

// varying names the fields of a probe whose count varies at once.
func varying(t *testing.T, f *fixture, p probe) []string {
	var out []string
	for _, q := range p.fields {
		counts := concurrently(t, f, q, 8)
		for _, n := range counts[1:] {
			if n != counts[0] {
				out = append(out, q)
				break
			}
		}
	}
	return out
}
