package loaders

import (
	"context"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

func workID(w *store.Work) int64 { return w.ID }

// workCitationsByFootnote reads the works footnotes cite, keyed by
// footnote, and caches each work in workByID.
func workCitationsByFootnote(s *store.Store, workByID *Loader[int64, *store.Work]) fetchFunc[int64, []*store.WorkCitation] {
	read := func(ctx context.Context, ids []int64) ([]*store.WorkCitation, error) {
		rows, err := s.WorkListByFootnoteIDs(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make([]*store.WorkCitation, len(rows))
		for i, r := range rows {
			workByID.Prime(r.Work.ID, r.Work)
			out[i] = &r.WorkCitation
		}
		return out, nil
	}
	return list(read, func(c *store.WorkCitation) int64 { return c.FootnoteID }, nil)
}

// workCitationsByWork reads the footnotes citing works, keyed by work,
// and caches each footnote in footnoteByID.
func workCitationsByWork(s *store.Store, footnoteByID *Loader[int64, *store.Footnote]) fetchFunc[int64, []*store.WorkCitation] {
	read := func(ctx context.Context, ids []int64) ([]*store.WorkCitation, error) {
		rows, err := s.FootnoteListByWorkIDs(ctx, ids)
		if err != nil {
			return nil, err
		}
		out := make([]*store.WorkCitation, len(rows))
		for i, r := range rows {
			footnoteByID.Prime(r.Footnote.ID, r.Footnote)
			out[i] = &r.WorkCitation
		}
		return out, nil
	}
	return list(read, func(c *store.WorkCitation) int64 { return c.WorkID }, nil)
}
