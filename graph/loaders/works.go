package loaders

import (
	"context"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

// workCitations reads footnotes' citations of works together with the row
// each joins (the work, or the footnote), groups the citations by key,
// and lets cite cache the joined row in its by-id loader.
func workCitations[R any](read read[[]*R], cite func(*Loaders, *R) *store.WorkCitation,
	key func(*store.WorkCitation) int64) Kind[int64, []*store.WorkCitation] {
	return kind(func(l *Loaders) fetchFunc[int64, []*store.WorkCitation] {
		return func(ctx context.Context, ids []int64) ([][]*store.WorkCitation, []error) {
			rows, err := read(l.store, ctx, ids)
			if err != nil {
				return nil, []error{err}
			}
			groups := make(map[int64][]*store.WorkCitation, len(ids))
			for _, r := range rows {
				c := cite(l, r)
				groups[key(c)] = append(groups[key(c)], c)
			}
			return inKeyOrder(ids, groups), nil
		}
	})
}

// workCitationsByFootnote reads the works footnotes cite, keyed by
// footnote, and caches each work in WorkByID.
func workCitationsByFootnote() Kind[int64, []*store.WorkCitation] {
	return workCitations((*store.Store).WorkListByFootnoteIDs, func(l *Loaders, r *store.CitedWork) *store.WorkCitation {
		WorkByID.In(l).Prime(r.Work.ID, r.Work)
		return &r.WorkCitation
	}, func(c *store.WorkCitation) int64 { return c.FootnoteID })
}

// workCitationsByWork reads the footnotes citing works, keyed by work,
// and caches each footnote in FootnoteByID.
func workCitationsByWork() Kind[int64, []*store.WorkCitation] {
	return workCitations((*store.Store).FootnoteListByWorkIDs, func(l *Loaders, r *store.CitingFootnote) *store.WorkCitation {
		FootnoteByID.In(l).Prime(r.Footnote.ID, r.Footnote)
		return &r.WorkCitation
	}, func(c *store.WorkCitation) int64 { return c.WorkID })
}
