package graph

import (
	"context"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/graph/loaders"
	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/gqllimit"
	"github.com/sourcecmp/sourcecmp/internal/search"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

const searchCursorKind = "search"

// searchKey is a search cursor's content: the last hit's rank and id.
type searchKey struct {
	R float32 `json:"r"`
	I int64   `json:"i"`
}

func searchCursor(p page) (*store.SearchCursor, error) {
	if p.cursor == nil {
		return nil, nil
	}
	var k searchKey
	if err := gid.DecodeCursor(searchCursorKind, *p.cursor, &k); err != nil || k.I <= 0 {
		return nil, invalid("%s: invalid cursor %q", p.cursorArg(), *p.cursor)
	}
	return &store.SearchCursor{Rank: k.R, ParagraphID: k.I}, nil
}

// runSearch answers the search field: one page of paragraphs matching the
// query, best first, with snippets marking the query's words.
func (r *queryResolver) runSearch(ctx context.Context, q string, args pageArgs, topic, document *string) (*model.PassageConnection, error) {
	if err := checkSearchText(q); err != nil {
		return nil, err
	}
	pg, err := args.page(10)
	if err != nil {
		return nil, err
	}
	cur, err := searchCursor(pg)
	if err != nil {
		return nil, err
	}
	p := store.SearchParams{After: cur, Limit: pg.n + 1, Backward: pg.backward}
	if topic != nil {
		t, err := topicArg(ctx, "topic", *topic)
		if err != nil {
			return nil, err
		}
		p.TopicID = &t.ID
	}
	if document != nil {
		id, err := decodeID("document", gid.Document, *document)
		if err != nil {
			return nil, err
		}
		p.DocumentID = &id
	}
	// Analysing the text is the work of a search, more than its SQL:
	// the client's budget of work pays for it (internal/gqllimit.Work).
	gqllimit.AddWork(ctx, searchCharCost*utf8.RuneCountInString(q))
	var hits []*store.SearchHit
	tsq, searchable := search.Query(q)
	if searchable { // else nothing to search (punctuation, particles): no results, no query
		p.Query = tsq
		if hits, err = r.Store.SearchList(ctx, p); err != nil {
			return nil, err
		}
	}
	hits, cursors, info := keysetPage(pg, hits, func(h *store.SearchHit) string {
		return gid.EncodeCursor(searchCursorKind, searchKey{R: h.Rank, I: h.Paragraph.ID})
	})
	c := &model.PassageConnection{Nodes: make([]*model.Passage, len(hits)), PageInfo: info,
		Count: func(ctx context.Context) (int, error) {
			if !searchable {
				return 0, nil
			}
			return r.Store.SearchCount(ctx, p)
		}}
	l := loaders.For(ctx)
	paras := make([]*store.Paragraph, len(hits))
	for i, h := range hits {
		para := h.Paragraph
		paras[i] = &para
		l.ParagraphByID.Prime(para.ID, &para)
		c.Nodes[i] = &model.Passage{ID: passageID(para.ID, "search", q, deref(topic), deref(document)), Paragraph: &para,
			Snippet: search.QuickHighlight(para.Text, q), Score: float64(h.Rank)}
	}
	c.Edges = edges(c.Nodes, cursors, passageEdge)
	w, sel := prefetchFrom(ctx)
	w.passageConnection(paras, sel)
	return c, nil
}

// runCompare answers the compare field: a page of documents, each a row
// whose stance, coverage and evidence the loaders read per topic.
func (r *queryResolver) runCompare(ctx context.Context, topic string, args pageArgs) (*model.TopicComparison, error) {
	t, err := topicArg(ctx, "topic", topic)
	if err != nil {
		return nil, err
	}
	p, err := args.page(defaultFirst)
	if err != nil {
		return nil, err
	}
	cur, err := documentCursor(p)
	if err != nil {
		return nil, err
	}
	docs, err := r.Store.DocumentList(ctx, store.DocumentListParams{After: cur, Limit: p.n + 1, Backward: p.backward})
	if err != nil {
		return nil, err
	}
	primeDocuments(ctx, docs)
	c := comparisonConnection(p, t, docs, func(ctx context.Context) (int, error) {
		return r.Store.DocumentCount(ctx, store.DocumentFilter{})
	})
	w, sel := prefetchFrom(ctx)
	w.comparison(c, sel)
	return c, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
