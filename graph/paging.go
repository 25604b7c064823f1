package graph

import (
	"context"
	"slices"
	"time"

	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Page sizes: first (or last) defaults per list, at most maxFirst.
const (
	defaultFirst = 20
	maxFirst     = 100
	// maxOffset bounds the position a cursor of a list read by position
	// may name: the database ranks every row before it.
	maxOffset = 100_000
)

// pageArgs are a connection's four arguments, as the schema gives them.
type pageArgs struct {
	First, Last   *int
	After, Before *string
}

// page is what pageArgs ask for: n items after a cursor, or, backward,
// the n items before one (the last n without a cursor).
type page struct {
	n        int
	backward bool
	cursor   *string
}

// page checks the arguments: a page goes forward (first, after) or
// backward (last, before), never both ways at once. def is the list's
// page size when neither first nor last is given.
func (a pageArgs) page(def int) (page, error) {
	if a.First != nil && a.Last != nil || a.After != nil && a.Before != nil ||
		(a.First != nil || a.After != nil) && (a.Last != nil || a.Before != nil) {
		return page{}, invalid("give first and after to page forward, or last and before to page backward, not both")
	}
	if a.Last != nil || a.Before != nil {
		n, err := checkSize("last", a.Last, def)
		return page{n: n, backward: true, cursor: a.Before}, err
	}
	n, err := checkSize("first", a.First, def)
	return page{n: n, cursor: a.After}, err
}

// checkSize checks a page size argument; nil is def.
func checkSize(arg string, n *int, def int) (int, error) {
	switch {
	case n == nil:
		return def, nil
	case *n < 0:
		return 0, invalid("%s must not be negative, got %d", arg, *n)
	case *n > maxFirst:
		return 0, invalid("%s must be at most %d, got %d", arg, maxFirst, *n)
	}
	return *n, nil
}

// cursorArg names the argument a page's cursor came from, for errors.
func (p page) cursorArg() string {
	if p.backward {
		return "before"
	}
	return "after"
}

// keyset trims rows read for p (n+1 of them, nearest first) to the page
// in list order, and tells whether items follow and precede it.
func keyset[T any](p page, rows []T) (items []T, hasNext, hasPrev bool) {
	more := len(rows) > p.n
	items = rows[:min(p.n, len(rows))]
	if !p.backward {
		return items, more, p.cursor != nil
	}
	slices.Reverse(items)
	return items, p.cursor != nil, more
}

// newPageInfo describes a page whose items have these cursors.
func newPageInfo(cursors []string, hasNext, hasPrev bool) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrev}
	if len(cursors) > 0 {
		info.StartCursor, info.EndCursor = &cursors[0], &cursors[len(cursors)-1]
	}
	return info
}

// window is a page of a list read by position (the nested lists, whose
// order is a rank, not a key): items [start, end). A read of it asks for
// the rows from start on, one more than the page (read), so that the row
// after the page tells whether there is one.
type window struct {
	start, end, read int
	kind             string
}

// positionKey is a position cursor's content.
type positionKey struct {
	I int `json:"i"`
}

// window turns a page into positions of the list kind; a backward page
// needs a cursor (the list's end would cost reading all of it).
func (p page) window(kind string) (window, error) {
	k, err := decodeCursor(p, kind, func(k positionKey) bool { return k.I >= 0 && k.I <= maxOffset })
	if err != nil {
		return window{}, err
	}
	at := -1
	if p.cursor != nil {
		at = k.I
	}
	w := window{kind: kind}
	switch {
	case !p.backward:
		w.start = at + 1
		w.end = w.start + p.n
	case at < 0:
		return window{}, invalid("last needs before on this list: page forward with first, or back from a cursor")
	default:
		w.start, w.end = max(0, at-p.n), at
	}
	w.read = w.end - w.start + 1
	return w, nil
}

// positioned cuts a window's page out of rows read from its start, with
// each item's cursor.
func positioned[T any](w window, rows []T) (items []T, cursors []string, info *model.PageInfo) {
	n := w.end - w.start
	items = rows[:min(n, len(rows))]
	cursors = make([]string, len(items))
	for i := range items {
		cursors[i] = gid.EncodeCursor(w.kind, positionKey{I: w.start + i})
	}
	return items, cursors, newPageInfo(cursors, len(rows) > n, w.start > 0)
}

// skip returns the rows of a whole list from the window's start on.
func skip[T any](w window, all []T) []T { return all[min(w.start, len(all)):] }

// Cursor kinds: a cursor is only valid for the list order it was made in.
const (
	documentsCursor      = "documents"
	authorsCursor        = "authors"
	worksCursor          = "works"
	topicStancesCursor   = "topic-stances"
	topicDocumentsCursor = "topic-documents"
	authorStancesCursor  = "author-stances"
	evidenceCursor       = "evidence"
	citedByCursor        = "cited-by"
)

// documentKey is a document cursor's content.
type documentKey struct {
	P string `json:"p,omitempty"` // published on, YYYY-MM-DD
	S string `json:"s"`           // slug
}

func encodeDocumentCursor(c store.DocumentCursor) string {
	return gid.EncodeCursor(documentsCursor, documentKey{P: c.PublishedOn, S: c.Slug})
}

// decodeCursor reads the content of a page's cursor of kind, the zero K
// when there is none; valid checks the content.
func decodeCursor[K any](p page, kind string, valid func(K) bool) (K, error) {
	var k K
	if p.cursor == nil {
		return k, nil
	}
	if err := gid.DecodeCursor(kind, *p.cursor, &k); err != nil || !valid(k) {
		return k, invalid("%s: invalid cursor %q", p.cursorArg(), *p.cursor)
	}
	return k, nil
}

// documentCursor reads a page's document cursor; none is the list's end.
func documentCursor(p page) (store.DocumentCursor, error) {
	k, err := decodeCursor(p, documentsCursor, func(k documentKey) bool {
		_, err := time.Parse(time.DateOnly, k.P)
		return k.S != "" && (k.P == "" || err == nil)
	})
	return store.DocumentCursor{PublishedOn: k.P, Slug: k.S}, err
}

// authorKey is an author cursor's content.
type authorKey struct {
	N string `json:"n"` // name
	I int64  `json:"i"` // id
}

func authorCursor(p page) (store.AuthorCursor, error) {
	k, err := decodeCursor(p, authorsCursor, func(k authorKey) bool { return k.I > 0 })
	return store.AuthorCursor{Name: k.N, ID: k.I}, err
}

// keysetPage trims rows read for p to the page, with each item's cursor
// and the page's info.
func keysetPage[T any](p page, rows []T, cursor func(T) string) (items []T, cursors []string, info *model.PageInfo) {
	items, next, prev := keyset(p, rows)
	cursors = make([]string, len(items))
	for i, it := range items {
		cursors[i] = cursor(it)
	}
	return items, cursors, newPageInfo(cursors, next, prev)
}

func documentItemCursor(d *store.Document) string { return encodeDocumentCursor(d.Cursor()) }

// documentConnection makes a connection of rows read for p.
func documentConnection(p page, rows []*store.Document, count func(context.Context) (int, error)) *model.DocumentConnection {
	docs, cursors, info := keysetPage(p, rows, documentItemCursor)
	return &model.DocumentConnection{Nodes: docs, PageInfo: info, Count: count, Edges: edges[model.DocumentEdge](docs, cursors)}
}

func authorConnection(p page, rows []*store.Author, count func(context.Context) (int, error)) *model.AuthorConnection {
	authors, cursors, info := keysetPage(p, rows, func(a *store.Author) string {
		return gid.EncodeCursor(authorsCursor, authorKey{N: a.Name, I: a.ID})
	})
	return &model.AuthorConnection{Nodes: authors, PageInfo: info, Count: count, Edges: edges[model.AuthorEdge](authors, cursors)}
}

// workKey is a work cursor's content.
type workKey struct {
	C int   `json:"c"` // footnotes citing it
	I int64 `json:"i"` // id
}

func workCursor(p page) (store.WorkCursor, error) {
	k, err := decodeCursor(p, worksCursor, func(k workKey) bool { return k.I > 0 && k.C > 0 })
	return store.WorkCursor{CitedBy: k.C, ID: k.I}, err
}

func workConnection(p page, rows []*store.Work, count func(context.Context) (int, error)) *model.WorkConnection {
	works, cursors, info := keysetPage(p, rows, func(w *store.Work) string {
		return gid.EncodeCursor(worksCursor, workKey{C: w.CitedBy, I: w.ID})
	})
	return &model.WorkConnection{Nodes: works, PageInfo: info, Count: count, Edges: edges[model.WorkEdge](works, cursors)}
}

// window checks the arguments of a list read by position (see window).
func (a pageArgs) window(def int, kind string) (window, error) {
	p, err := a.page(def)
	if err != nil {
		return window{}, err
	}
	return p.window(kind)
}
