package loaders

import (
	"context"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

// AuthorDocumentsKey asks for one page of an author's documents.
type AuthorDocumentsKey struct {
	AuthorID int64
	Limit    int
	After    store.DocumentCursor
	// Backward asks for the page before After, nearest first.
	Backward bool
}

// documentsByAuthor reads pages of several authors' documents with one
// query per distinct page request (limit and cursor): a GraphQL query asks
// for pages through field arguments, so their number is bound by its shape.
func documentsByAuthor() Kind[AuthorDocumentsKey, []*store.Document] {
	page := func(k AuthorDocumentsKey) AuthorDocumentsKey { k.AuthorID = 0; return k }
	return perArgument(page, func(k AuthorDocumentsKey) int64 { return k.AuthorID },
		func(l *Loaders, ctx context.Context, p AuthorDocumentsKey, ids []int64) ([]store.Keyed[store.Document], error) {
			return l.store.DocumentListByAuthorIDs(ctx, ids, p.After, p.Limit, p.Backward)
		}, primer(DocumentByID, documentID))
}

// counts is a kind of counts per key; a key the read leaves out counts 0.
func counts(read read[map[int64]int]) Kind[int64, int] {
	return kind(func(l *Loaders) fetchFunc[int64, int] {
		return func(ctx context.Context, ids []int64) ([]int, []error) {
			counts, err := read(l.store, ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			out := make([]int, len(ids))
			for i, id := range ids {
				out[i] = counts[id]
			}
			return out, nil
		}
	})
}
