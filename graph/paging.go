package graph

import (
	"context"
	"time"

	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Page sizes: first defaults to the schema's 20 and may not exceed maxFirst.
const (
	defaultFirst = 20
	maxFirst     = 100
)

// pageSize checks a connection's first argument.
func pageSize(first *int) (int, error) {
	if first == nil {
		return defaultFirst, nil
	}
	switch n := *first; {
	case n < 0:
		return 0, invalid("first must not be negative, got %d", n)
	case n > maxFirst:
		return 0, invalid("first must be at most %d, got %d", maxFirst, n)
	default:
		return n, nil
	}
}

// Cursor kinds: a cursor is only valid for the list order it was made in.
const (
	documentsCursor = "documents"
	authorsCursor   = "authors"
	worksCursor     = "works"
)

// documentKey is a document cursor's content.
type documentKey struct {
	P string `json:"p,omitempty"` // published on, YYYY-MM-DD
	S string `json:"s"`           // slug
}

func encodeDocumentCursor(c store.DocumentCursor) string {
	return gid.EncodeCursor(documentsCursor, documentKey{P: c.PublishedOn, S: c.Slug})
}

// decodeDocumentCursor reads an after argument; nil is the start.
func decodeDocumentCursor(after *string) (store.DocumentCursor, error) {
	if after == nil {
		return store.DocumentCursor{}, nil
	}
	var k documentKey
	err := gid.DecodeCursor(documentsCursor, *after, &k)
	if err == nil && k.S == "" {
		err = gid.ErrInvalid
	}
	if err == nil && k.P != "" {
		_, err = time.Parse(time.DateOnly, k.P)
	}
	if err != nil {
		return store.DocumentCursor{}, invalid("after: invalid cursor %q", *after)
	}
	return store.DocumentCursor{PublishedOn: k.P, Slug: k.S}, nil
}

// authorKey is an author cursor's content.
type authorKey struct {
	N string `json:"n"` // name
	I int64  `json:"i"` // id
}

func decodeAuthorCursor(after *string) (store.AuthorCursor, error) {
	if after == nil {
		return store.AuthorCursor{}, nil
	}
	var k authorKey
	if err := gid.DecodeCursor(authorsCursor, *after, &k); err != nil || k.I <= 0 {
		return store.AuthorCursor{}, invalid("after: invalid cursor %q", *after)
	}
	return store.AuthorCursor{Name: k.N, ID: k.I}, nil
}

// documentConnection makes a connection of a page read with limit n+1:
// the extra row only tells that there is a next page.
func documentConnection(docs []*store.Document, n int, after bool, count func(context.Context) (int, error)) *model.DocumentConnection {
	more := len(docs) > n
	docs = docs[:min(n, len(docs))]
	c := &model.DocumentConnection{Nodes: docs, Edges: make([]*model.DocumentEdge, len(docs)), Count: count}
	for i, d := range docs {
		c.Edges[i] = &model.DocumentEdge{Cursor: encodeDocumentCursor(d.Cursor()), Node: d}
	}
	c.PageInfo = pageInfo(len(docs), more, after, func(i int) string { return c.Edges[i].Cursor })
	return c
}

func authorConnection(authors []*store.Author, n int, after bool, count func(context.Context) (int, error)) *model.AuthorConnection {
	more := len(authors) > n
	authors = authors[:min(n, len(authors))]
	c := &model.AuthorConnection{Nodes: authors, Edges: make([]*model.AuthorEdge, len(authors)), Count: count}
	for i, a := range authors {
		cur := a.Cursor()
		c.Edges[i] = &model.AuthorEdge{Cursor: gid.EncodeCursor(authorsCursor, authorKey{N: cur.Name, I: cur.ID}), Node: a}
	}
	c.PageInfo = pageInfo(len(authors), more, after, func(i int) string { return c.Edges[i].Cursor })
	return c
}

// pageInfo describes a forward page. hasPreviousPage is true on every page
// reached with a cursor: the cursor's own item comes before it.
func pageInfo(n int, more, after bool, cursor func(int) string) *model.PageInfo {
	p := &model.PageInfo{HasNextPage: more, HasPreviousPage: after}
	if n > 0 {
		start, end := cursor(0), cursor(n-1)
		p.StartCursor, p.EndCursor = &start, &end
	}
	return p
}

// workKey is a work cursor's content.
type workKey struct {
	C int   `json:"c"` // footnotes citing it
	I int64 `json:"i"` // id
}

func decodeWorkCursor(after *string) (store.WorkCursor, error) {
	if after == nil {
		return store.WorkCursor{}, nil
	}
	var k workKey
	if err := gid.DecodeCursor(worksCursor, *after, &k); err != nil || k.I <= 0 || k.C <= 0 {
		return store.WorkCursor{}, invalid("after: invalid cursor %q", *after)
	}
	return store.WorkCursor{CitedBy: k.C, ID: k.I}, nil
}

func workConnection(works []*store.Work, n int, after bool, count func(context.Context) (int, error)) *model.WorkConnection {
	more := len(works) > n
	works = works[:min(n, len(works))]
	c := &model.WorkConnection{Nodes: works, Edges: make([]*model.WorkEdge, len(works)), Count: count}
	for i, w := range works {
		cur := w.Cursor()
		c.Edges[i] = &model.WorkEdge{Cursor: gid.EncodeCursor(worksCursor, workKey{C: cur.CitedBy, I: cur.ID}), Node: w}
	}
	c.PageInfo = pageInfo(len(works), more, after, func(i int) string { return c.Edges[i].Cursor })
	return c
}
