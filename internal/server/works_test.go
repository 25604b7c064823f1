package server_test

import (
	"testing"
)

// workPage is the part of Query.works the tests read.
type workPage struct {
	Works struct {
		TotalCount int
		PageInfo   struct {
			HasNextPage bool
			EndCursor   string
		}
		Nodes []struct {
			ID           string
			Type         string
			Title        string
			Authors      []string
			Year         *int
			Publisher    *string
			CitedByCount int
			CitedBy      struct {
				Nodes []struct {
					Pages    *string
					Footnote struct {
						Label    string
						Document struct{ Slug string }
						Works    []struct{ Work struct{ ID string } }
					}
				}
			}
		}
	}
}

const worksQuery = `query Works($first: Int, $after: String) {
  works(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id type title authors year publisher citedByCount
      citedBy(first: 100) { nodes { pages footnote { label document { slug } works { work { id } } } } }
    }
  }
}`

// TestWorks: Waltz's book, cited in notes 4 and 6 of seed 000 with
// different pages, is one work cited by both footnotes; each footnote
// lists it among its works; node(id:) fetches it; pages of works follow
// one another without repeats; and the statement count does not grow with
// the number of works.
func TestWorks(t *testing.T) {
	t.Parallel()
	f := newFixture(t)

	var all workPage
	r := f.query(t, worksQuery, map[string]any{"first": 100}, &all)
	if r.Statements != 6 { // page, count, citedBy, its footnotes, their documents, their works
		t.Errorf("works with citations ran %d statements, want 6", r.Statements)
	}
	ws := all.Works
	if ws.TotalCount != len(ws.Nodes) || ws.TotalCount < 10 || ws.PageInfo.HasNextPage {
		t.Fatalf("totalCount %d, %d nodes, next page %v: want every cited work on one page", ws.TotalCount, len(ws.Nodes), ws.PageInfo.HasNextPage)
	}
	waltz := 0
	for i, w := range ws.Nodes {
		if i > 0 && w.CitedByCount > ws.Nodes[i-1].CitedByCount {
			t.Errorf("work %d cited %d times follows one cited %d times: want most cited first", i, w.CitedByCount, ws.Nodes[i-1].CitedByCount)
		}
		if len(w.CitedBy.Nodes) != w.CitedByCount {
			t.Errorf("%q: citedByCount %d, %d citations", w.Title, w.CitedByCount, len(w.CitedBy.Nodes))
		}
		for _, c := range w.CitedBy.Nodes {
			cites := false
			for _, fw := range c.Footnote.Works {
				cites = cites || fw.Work.ID == w.ID
			}
			if !cites {
				t.Errorf("%q is cited by note %s of %s, whose works do not list it", w.Title, c.Footnote.Label, c.Footnote.Document.Slug)
			}
		}
		if w.Title != "Theory of International Politics" {
			continue
		}
		waltz++
		if w.Type != "book" || len(w.Authors) != 1 || w.Authors[0] != "Kenneth Waltz" || w.Year == nil || *w.Year != 1979 {
			t.Errorf("Waltz's book: %+v", w)
		}
		var notes, pages []string
		for _, c := range w.CitedBy.Nodes {
			if c.Footnote.Document.Slug == "000_44cdff5f3fd1670f" {
				notes = append(notes, c.Footnote.Label)
				if c.Pages != nil {
					pages = append(pages, *c.Pages)
				}
			}
		}
		if len(notes) != 2 || notes[0] != "4" || notes[1] != "6" || len(pages) != 2 || pages[0] == pages[1] {
			t.Errorf("Waltz's book in seed 000: notes %v with pages %v, want notes 4 and 6 with their own pages", notes, pages)
		}
	}
	if waltz != 1 {
		t.Fatalf("Waltz's book is %d works, want 1", waltz)
	}

	// Pages of two follow one another and together make the whole list.
	seen := map[string]bool{}
	var after any
	for page := 0; ; page++ {
		var p workPage
		f.query(t, worksQuery, map[string]any{"first": 2, "after": after}, &p)
		for _, w := range p.Works.Nodes {
			if seen[w.ID] {
				t.Fatalf("page %d repeats %q", page, w.Title)
			}
			seen[w.ID] = true
		}
		if !p.Works.PageInfo.HasNextPage {
			break
		}
		after = p.Works.PageInfo.EndCursor
	}
	if len(seen) != ws.TotalCount {
		t.Errorf("pages of 2 hold %d works, want %d", len(seen), ws.TotalCount)
	}

	var node struct {
		Node struct {
			Title        string
			CitedByCount int
		}
	}
	f.query(t, `query($id: ID!) { node(id: $id) { ... on Work { title citedByCount } } }`, map[string]any{"id": ws.Nodes[0].ID}, &node)
	if node.Node.Title != ws.Nodes[0].Title || node.Node.CitedByCount != ws.Nodes[0].CitedByCount {
		t.Errorf("node(id:) of the most cited work: %+v, want %q", node.Node, ws.Nodes[0].Title)
	}
	f.wantError(t, `{ works(after: "bm9wZQ") { totalCount } }`, nil, "INVALID_ARGUMENT")
}
