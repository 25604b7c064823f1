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

const searchCursor = "search"

// searchKey is a search cursor's content: the last hit's rank and id.
type searchKey struct {
	R float32 `json:"r"`
	I int64   `json:"i"`
}

func decodeSearchCursor(after *string) (*store.SearchCursor, error) {
	if after == nil {
		return nil, nil
	}
	var k searchKey
	if err := gid.DecodeCursor(searchCursor, *after, &k); err != nil || k.I <= 0 {
		return nil, invalid("after: invalid cursor %q", *after)
	}
	return &store.SearchCursor{Rank: k.R, ParagraphID: k.I}, nil
}

// runSearch answers the search field: one page of paragraphs matching the
// query, best first, with snippets marking the query's words.
func (r *queryResolver) runSearch(ctx context.Context, q string, first *int, after, topic, document *string) (*model.PassageConnection, error) {
	if err := checkSearchText(q); err != nil {
		return nil, err
	}
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	cur, err := decodeSearchCursor(after)
	if err != nil {
		return nil, err
	}
	p := store.SearchParams{After: cur, Limit: n + 1}
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
	tsq, ok := search.Query(q)
	if !ok { // nothing searchable (punctuation, particles): no results, no query
		return &model.PassageConnection{Edges: []*model.PassageEdge{}, Nodes: []*model.Passage{},
			PageInfo: pageInfo(0, false, after != nil, nil), Count: func(context.Context) (int, error) { return 0, nil }}, nil
	}
	p.Query = tsq
	hits, err := r.Store.SearchList(ctx, p)
	if err != nil {
		return nil, err
	}
	more := len(hits) > n
	hits = hits[:min(n, len(hits))]
	c := &model.PassageConnection{Edges: make([]*model.PassageEdge, len(hits)), Nodes: make([]*model.Passage, len(hits)),
		Count: func(ctx context.Context) (int, error) { return r.Store.SearchCount(ctx, p) }}
	l := loaders.For(ctx)
	paras := make([]*store.Paragraph, len(hits))
	for i, h := range hits {
		para := h.Paragraph
		paras[i] = &para
		l.ParagraphByID.Prime(para.ID, &para)
		c.Nodes[i] = &model.Passage{Paragraph: &para, Snippet: search.QuickHighlight(para.Text, q), Score: float64(h.Rank)}
		c.Edges[i] = &model.PassageEdge{Cursor: gid.EncodeCursor(searchCursor, searchKey{R: h.Rank, I: para.ID}), Node: c.Nodes[i]}
	}
	c.PageInfo = pageInfo(len(hits), more, after != nil, func(i int) string { return c.Edges[i].Cursor })
	w, sel := prefetchFrom(ctx)
	w.passageConnection(paras, sel)
	return c, nil
}

// runCompare answers the compare field: a page of documents, each a row
// whose stance, coverage and evidence the loaders read per topic.
func (r *queryResolver) runCompare(ctx context.Context, topic string, first *int, after *string) (*model.TopicComparison, error) {
	t, err := topicArg(ctx, "topic", topic)
	if err != nil {
		return nil, err
	}
	n, err := pageSize(first)
	if err != nil {
		return nil, err
	}
	cur, err := decodeDocumentCursor(after)
	if err != nil {
		return nil, err
	}
	docs, err := r.Store.DocumentList(ctx, store.DocumentListParams{After: cur, Limit: n + 1})
	if err != nil {
		return nil, err
	}
	primeDocuments(ctx, docs)
	more := len(docs) > n
	docs = docs[:min(n, len(docs))]
	c := &model.TopicComparison{Topic: t, Rows: make([]*model.ComparisonRow, len(docs)),
		Count: func(ctx context.Context) (int, error) { return r.Store.DocumentCount(ctx, store.DocumentFilter{}) }}
	for i, d := range docs {
		c.Rows[i] = &model.ComparisonRow{Document: d, TopicID: t.ID}
	}
	c.PageInfo = pageInfo(len(docs), more, after != nil, func(i int) string { return encodeDocumentCursor(docs[i].Cursor()) })
	w, sel := prefetchFrom(ctx)
	w.comparison(c, sel)
	return c, nil
}
