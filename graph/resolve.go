package graph

import (
	"context"
	"strings"

	"github.com/sourcecmp/sourcecmp/graph/loaders"
	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// nullIfNotFound turns a NOT_FOUND error into a null answer: a nullable
// field asked for a missing object answers null, not an error.
func nullIfNotFound[T any](v *T, err error) (*T, error) {
	if store.ErrorCode(err) == store.ENotFound {
		return nil, nil
	}
	return v, err
}

// loadNode loads the object behind a global ID; a missing one is null.
// (A nil *T must not become a non-nil Node interface.)
func loadNode[T any](ctx context.Context, l *loaders.Loader[int64, *T], id int64) (model.Node, error) {
	v, err := nullIfNotFound(l.Load(ctx, id))
	if v == nil {
		return nil, err
	}
	return v, nil
}

// readPage reads a page of a root list: it checks the page arguments and
// the cursor, reads the rows for the page (one more than it holds, see
// keyset) and caches them in their by-id loader for the fields below.
func readPage[C, T any](pa pageArgs, cursor func(page) (C, error), read func(C, page) ([]*T, error),
	byID *loaders.Loader[int64, *T], id func(*T) int64) (page, []*T, error) {
	p, err := pa.page(defaultFirst)
	if err != nil {
		return p, nil, err
	}
	cur, err := cursor(p)
	if err != nil {
		return p, nil, err
	}
	rows, err := read(cur, p)
	if err != nil {
		return p, nil, err
	}
	for _, r := range rows {
		byID.Prime(id(r), r)
	}
	return p, rows, nil
}

// documentFilter checks a documents filter and turns it into the store's.
func documentFilter(f *model.DocumentFilter) (store.DocumentFilter, error) {
	if f == nil {
		return store.DocumentFilter{}, nil
	}
	out := store.DocumentFilter{
		Topic:           f.Topic,
		PublishedAfter:  f.PublishedAfter,
		PublishedBefore: f.PublishedBefore,
		TitleContains:   f.TitleContains,
	}
	if f.Author != nil {
		id, err := decodeID("filter.author", gid.Author, *f.Author)
		if err != nil {
			return store.DocumentFilter{}, err
		}
		out.AuthorID = &id
	}
	return out, nil
}

// upper maps a stored lower-case name ("pdf") to its GraphQL enum value.
func upper(s string) string { return strings.ToUpper(s) }
