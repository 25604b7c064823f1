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

// primeDocuments caches documents a list read, for nested lookups by id.
func primeDocuments(ctx context.Context, docs []*store.Document) {
	l := loaders.For(ctx)
	for _, d := range docs {
		l.DocumentByID.Prime(d.ID, d)
	}
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
