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
func (l *Loaders) documentsByAuthor(s *store.Store) fetchFunc[AuthorDocumentsKey, []*store.Document] {
	return func(ctx context.Context, keys []AuthorDocumentsKey) ([][]*store.Document, []error) {
		type page struct {
			limit    int
			after    store.DocumentCursor
			backward bool
		}
		groups := map[page][]int64{}
		var order []page
		for _, k := range keys {
			p := page{k.Limit, k.After, k.Backward}
			if _, seen := groups[p]; !seen {
				order = append(order, p)
			}
			groups[p] = append(groups[p], k.AuthorID)
		}
		found := map[AuthorDocumentsKey][]*store.Document{}
		for _, p := range order {
			rows, err := s.DocumentListByAuthorIDs(ctx, groups[p], p.after, p.limit, p.backward)
			if err != nil {
				return nil, []error{err}
			}
			for _, r := range rows {
				k := AuthorDocumentsKey{AuthorID: r.Key, Limit: p.limit, After: p.after, Backward: p.backward}
				found[k] = append(found[k], r.Value)
				l.DocumentByID.Prime(r.Value.ID, r.Value)
			}
		}
		out := make([][]*store.Document, len(keys))
		for i, k := range keys {
			if out[i] = found[k]; out[i] == nil {
				out[i] = []*store.Document{}
			}
		}
		return out, nil
	}
}

// counts is a batch function of counts per key; a key the read leaves out counts 0.
func counts(read func(context.Context, []int64) (map[int64]int, error)) fetchFunc[int64, int] {
	return func(ctx context.Context, ids []int64) ([]int, []error) {
		counts, err := read(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		out := make([]int, len(ids))
		for i, id := range ids {
			out[i] = counts[id]
		}
		return out, nil
	}
}
