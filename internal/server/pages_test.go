package server_test

import (
	"encoding/json"
	"slices"
	"testing"
)

// connectionPage is one page of any connection, as a client reads it.
type connectionPage struct {
	Edges []struct {
		Cursor string
		Node   json.RawMessage
	}
	PageInfo struct {
		HasNextPage, HasPreviousPage bool
		StartCursor, EndCursor       *string
	}
}

// pageOf runs query (with $first, $after, $last, $before) and returns the
// connection at path in its data ("0" in path is a list's first item).
func pageOf(t *testing.T, f *fixture, query string, path []string, vars map[string]any) connectionPage {
	t.Helper()
	var data map[string]any
	f.query(t, query, vars, &data)
	var v any = data
	for _, p := range path {
		if l, ok := v.([]any); ok && p == "0" && len(l) > 0 { // a list's first item
			v = l[0]
			continue
		}
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("no %s in %v", p, v)
		}
		v = m[p]
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var page connectionPage
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	return page
}

func nodes(p connectionPage) []string {
	out := make([]string, len(p.Edges))
	for i, e := range p.Edges {
		out[i] = string(e.Node)
	}
	return out
}

// TestConnectionsPageBothWays: every connection pages forward with
// first/after and backward with last/before over the same items in the
// same order, with page info that says where each page stands.
func TestConnectionsPageBothWays(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const args = `(first: $first, after: $after, last: $last, before: $before`
	const vars = `($first: Int, $after: String, $last: Int, $before: String)`
	edges := func(node string) string {
		return `{ edges { cursor node { ` + node + ` } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }`
	}
	for _, c := range []struct {
		name, query string
		path        []string
		keyset      bool // last works without before
	}{
		{"documents", `query` + vars + ` { documents` + args + `) ` + edges("slug") + ` }`, []string{"documents"}, true},
		{"authors", `query` + vars + ` { authors` + args + `) ` + edges("name") + ` }`, []string{"authors"}, true},
		{"works", `query` + vars + ` { works` + args + `) ` + edges("id") + ` }`, []string{"works"}, true},
		{"search", `query` + vars + ` { search(query: "北朝鮮", ` + args[1:] + `) ` + edges("id paragraph { id }") + ` }`, []string{"search"}, true},
		{"compare", `query` + vars + ` { compare(topic: "china-role", ` + args[1:] + `) ` + edges("document { slug }") + ` }`, []string{"compare"}, true},
		{"topic stances", `query` + vars + ` { topic(slug: "china-role") { stances` + args + `) ` + edges("id") + ` } }`, []string{"topic", "stances"}, false},
		{"topic documents", `query` + vars + ` { topic(slug: "china-role") { documents` + args + `) ` + edges("slug") + ` } }`, []string{"topic", "documents"}, false},
		{"compare evidence", `query` + vars + ` { compare(topic: "china-role", first: 1) { nodes { evidence` + args + `) ` + edges("id snippet") + ` } } }`, []string{"compare", "nodes", "0", "evidence"}, false},
		{"author stances", `query` + vars + ` { authors(first: 1) { nodes { stances` + args + `) ` + edges("id") + ` } } }`, []string{"authors", "nodes", "0", "stances"}, false},
		{"author evidence", `query` + vars + ` { authors(first: 1) { nodes { evidence(topic: "china-role", ` + args[1:] + `) ` + edges("id") + ` } } }`, []string{"authors", "nodes", "0", "evidence"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			get := func(vars map[string]any) connectionPage { return pageOf(t, f, c.query, c.path, vars) }
			// Forward, two at a time.
			var forward, cursors []string
			for vars := (map[string]any{"first": 2}); ; {
				p := get(vars)
				forward = append(forward, nodes(p)...)
				for _, e := range p.Edges {
					cursors = append(cursors, e.Cursor)
				}
				if p.PageInfo.HasPreviousPage != (vars["after"] != nil) {
					t.Errorf("forward page after %v: hasPreviousPage %v", vars["after"], p.PageInfo.HasPreviousPage)
				}
				if !p.PageInfo.HasNextPage {
					break
				}
				vars = map[string]any{"first": 2, "after": *p.PageInfo.EndCursor}
				if len(forward) > 500 {
					t.Fatal("forward pages do not end")
				}
			}
			t.Logf("%d items", len(forward))
			if len(forward) < 3 {
				t.Fatalf("%d items: too few to page", len(forward))
			}
			if got := slices.Compact(slices.Clone(forward)); len(got) != len(forward) {
				t.Errorf("forward pages repeat items: %v", forward)
			}
			// Backward, two at a time, from the end.
			var backward []string
			vars := map[string]any{"last": 2}
			if !c.keyset { // these lists page back from a cursor
				backward = forward[len(forward)-1:]
				vars["before"] = cursors[len(cursors)-1]
			}
			for range 500 {
				p := get(vars)
				backward = append(nodes(p), backward...)
				if p.PageInfo.HasNextPage != (vars["before"] != nil) {
					t.Errorf("backward page before %v: hasNextPage %v", vars["before"], p.PageInfo.HasNextPage)
				}
				if !p.PageInfo.HasPreviousPage {
					break
				}
				vars = map[string]any{"last": 2, "before": *p.PageInfo.StartCursor}
			}
			if !slices.Equal(backward, forward) {
				t.Errorf("backward pages:\n%v\nforward pages:\n%v", backward, forward)
			}
		})
	}
}

// TestConnectionArguments: a page goes one way, and a list read by
// position pages back only from a cursor.
func TestConnectionArguments(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, q := range []string{
		`{ documents(first: 2, last: 2) { totalCount } }`,
		`{ documents(first: 2, before: "x") { totalCount } }`,
		`{ authors(last: 101) { totalCount } }`,
		`{ topic(slug: "china-role") { stances(last: 2) { nodes { id } } } }`,
		`{ documents(after: "not a cursor") { totalCount } }`,
	} {
		e := f.wantError(t, q, nil, "INVALID_ARGUMENT")
		if e.Message == "" {
			t.Errorf("%s: no message", q)
		}
		t.Logf("%s: %s", q, e.Message)
	}
}

// TestPassageIDs: a passage's id is stable for its paragraph in its search
// (or its topic's evidence), and the same paragraph found another way is
// another passage, so that a client cache keeps their snippets apart.
func TestPassageIDs(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	type passages struct {
		Nodes []struct {
			ID        string
			Paragraph struct{ ID string }
		}
	}
	const q = `{ a: search(query: "北朝鮮", first: 100) { nodes { id paragraph { id } } }
  b: search(query: "北朝鮮", first: 100, topic: "china-role") { nodes { id paragraph { id } } }
  again: search(query: "北朝鮮", first: 100) { nodes { id paragraph { id } } } }`
	var data struct{ A, B, Again passages }
	f.query(t, q, nil, &data)
	byPara := map[string]string{}
	for i, p := range data.A.Nodes {
		if p.ID == "" || byPara[p.Paragraph.ID] != "" {
			t.Fatalf("passage %d: id %q, or its paragraph twice", i, p.ID)
		}
		byPara[p.Paragraph.ID] = p.ID
		if again := data.Again.Nodes[i]; again.ID != p.ID {
			t.Errorf("the same search gave passage %d the id %q, then %q", i, p.ID, again.ID)
		}
	}
	shared := 0
	for _, p := range data.B.Nodes {
		if id, ok := byPara[p.Paragraph.ID]; ok {
			shared++
			if id == p.ID {
				t.Errorf("paragraph %s has the id %q in two searches", p.Paragraph.ID, id)
			}
		}
	}
	if shared == 0 {
		t.Fatal("the two searches share no paragraph: the test checks nothing")
	}
}
