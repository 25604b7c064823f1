package loaders

import (
	"context"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

func workID(w *store.Work) int64 { return w.ID }

// workCitations reads footnotes' citations of works together with the row
// each joins (the work, or the footnote), groups the citations by key,
// and lets cite cache the joined row in its by-id loader.
func workCitations[R any](read func(context.Context, []int64) ([]*R, error), cite func(*R) *store.WorkCitation,
	key func(*store.WorkCitation) int64) fetchFunc[int64, []*store.WorkCitation] {
	return list(func(ctx context.Context, ids []int64) ([]*store.WorkCitation, error) {
		rows, err := read(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make([]*store.WorkCitation, len(rows))
		for i, r := range rows {
			out[i] = cite(r)
		}
		return out, nil
	}, key, nil)
}

// workCitationsByFootnote reads the works footnotes cite, keyed by
// footnote, and caches each work in workByID.
func workCitationsByFootnote(s *store.Store, workByID *Loader[int64, *store.Work]) fetchFunc[int64, []*store.WorkCitation] {
	return workCitations(s.WorkListByFootnoteIDs, func(r *store.CitedWork) *store.WorkCitation {
		workByID.Prime(r.Work.ID, r.Work)
		return &r.WorkCitation
	}, func(c *store.WorkCitation) int64 { return c.FootnoteID })
}

// workCitationsByWork reads the footnotes citing works, keyed by work,
// and caches each footnote in footnoteByID.
func workCitationsByWork(s *store.Store, footnoteByID *Loader[int64, *store.Footnote]) fetchFunc[int64, []*store.WorkCitation] {
	return workCitations(s.FootnoteListByWorkIDs, func(r *store.CitingFootnote) *store.WorkCitation {
		footnoteByID.Prime(r.Footnote.ID, r.Footnote)
		return &r.WorkCitation
	}, func(c *store.WorkCitation) int64 { return c.WorkID })
}
