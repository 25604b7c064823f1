package graph

import (
	"context"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/graph/loaders"
	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/gqllimit"
	"github.com/sourcecmp/sourcecmp/internal/search"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

const (
	searchCursorKind = "search"
	// searchFirst is a search's page size when neither first nor last
	// is given.
	searchFirst = 10
)

// searchKey is a search cursor's content: the last hit's rank and id.
type searchKey struct {
	R float32 `json:"r"`
	I int64   `json:"i"`
}

func searchCursor(p page) (*store.SearchCursor, error) {
	k, err := decodeCursor(p, searchCursorKind, func(k searchKey) bool { return k.I > 0 })
	if p.cursor == nil || err != nil {
		return nil, err
	}
	return &store.SearchCursor{Rank: k.R, ParagraphID: k.I}, nil
}

// Bounds on a search's work (docs/search.md).
const (
	// searchBudget bounds the hits one page of several words reads
	// (search.Plan.TopK reads three pages' worth, at most this many).
	searchBudget = 1000
	// searchCountCap is the most candidates totalCount examines (the
	// paragraphs that say the query's words; a phrase and a topic are
	// tested on each): when there are more, an estimate stands in.
	searchCountCap = 1000
	// searchEstimateTrust: when the estimate is more than this many
	// times the cap, nothing is counted. A phrase's estimate is its
	// words' (the planner's, or the counts' taken as independent), which
	// can be far above its matches (核実験 at SF10: 3,131 candidates, no
	// match), so it is trusted only far above the cap (searchPhraseTrust).
	searchEstimateTrust = 3
	searchPhraseTrust   = 30
)

// runSearch answers the search field: one page of paragraphs matching the
// query, best first, with snippets marking the query's words.
func (r *Resolver) runSearch(ctx context.Context, q string, args pageArgs, topic, document *string) (*model.PassageConnection, error) {
	if err := checkSearchText(q); err != nil {
		return nil, err
	}
	pg, err := args.page(searchFirst)
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
	plan, searchable := search.NewPlan(q)
	src := &searchSource{store: r.Store, params: p}
	if searchable { // else nothing to search (punctuation, particles): no results, no query
		src.params.Query = plan.Query
		src.plan = plan
		if src.plan, err = withCounts(ctx, r.Store, plan); err != nil {
			return nil, err
		}
		if hits, err = src.page(ctx, pg); err != nil {
			return nil, err
		}
	}
	byID, err := searchParagraphs(ctx, hits, src.read)
	if err != nil {
		return nil, err
	}
	hits = slices.DeleteFunc(hits, func(h *store.SearchHit) bool { return byID[h.ParagraphID] == nil }) // deleted since
	hits, cursors, info := keysetPage(pg, hits, func(h *store.SearchHit) string {
		return gid.EncodeCursor(searchCursorKind, searchKey{R: h.Rank, I: h.ParagraphID})
	})
	c := &model.PassageConnection{Nodes: make([]*model.Passage, len(hits)), PageInfo: info,
		Count: func(ctx context.Context) (int, bool, error) {
			if !searchable {
				return 0, true, nil
			}
			return src.count(ctx)
		}}
	for i, h := range hits {
		para := byID[h.ParagraphID]
		c.Nodes[i] = &model.Passage{ID: passageID(para.ID, "search", q, deref(topic), deref(document)), Paragraph: para,
			Snippet: search.QuickHighlight(para.Text, q), Score: float64(h.Rank)}
	}
	c.Edges = edges[model.PassageEdge](c.Nodes, cursors)
	return c, nil
}

// searchParagraphs returns the hits' paragraphs: those the search read
// with its hits (read), the others read in one query, now rather than
// after the loader's wait; all are kept in the loader.
func searchParagraphs(ctx context.Context, hits []*store.SearchHit, read map[int64]*store.Paragraph) (map[int64]*store.Paragraph, error) {
	loader := loaders.ParagraphByID.For(ctx)
	byID := make(map[int64]*store.Paragraph, len(hits))
	var ids []int64
	for _, h := range hits {
		if p := read[h.ParagraphID]; p != nil {
			byID[p.ID] = p
			loader.Prime(p.ID, p)
		} else {
			ids = append(ids, h.ParagraphID)
		}
	}
	if len(ids) == 0 {
		return byID, nil
	}
	paras, err := loader.Prefetch(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, p := range paras {
		if p != nil {
			byID[p.ID] = p
		}
	}
	return byID, nil
}

// withCounts returns the plan with the counts of its lexemes
// (search.Counts), or as it is while a bulk load has yet to count them.
func withCounts(ctx context.Context, st *store.Store, plan search.Plan) (search.Plan, error) {
	lexemes := plan.Lexemes()
	c, ok, err := st.SearchLexemeCounts(ctx, lexemes)
	if err != nil || !ok {
		return plan, err
	}
	counts := make(search.Counts, len(lexemes))
	for i, l := range lexemes {
		if c.Counts[i] > 0 {
			counts[l] = c.Counts[i]
		}
	}
	return plan.WithCounts(counts, c.Paragraphs), nil
}

// searchSource reads one search's pages and count from the store; the
// planner's estimate, which both may need, is read once.
type searchSource struct {
	store  *store.Store
	params store.SearchParams
	plan   search.Plan

	once     sync.Once
	estimate int
	err      error

	// read holds the paragraphs the search statements returned with
	// their hits.
	read map[int64]*store.Paragraph
}

// keep records the paragraph read with a hit, if any.
func (s *searchSource) keep(h store.SearchHit) {
	if h.Paragraph == nil {
		return
	}
	if s.read == nil {
		s.read = make(map[int64]*store.Paragraph)
	}
	s.read[h.ParagraphID] = h.Paragraph
}

func (s *searchSource) estimated(ctx context.Context) (int, error) {
	s.once.Do(func() { s.estimate, s.err = s.store.SearchEstimate(ctx, s.params) })
	return s.estimate, s.err
}

// page returns the page's hits (Limit of them, for keysetPage).
func (s *searchSource) page(ctx context.Context, pg page) ([]*store.SearchHit, error) {
	sp := search.Page{Limit: s.params.Limit, Backward: pg.backward}
	if a := s.params.After; a != nil {
		sp.After = &search.Hit{ID: a.ParagraphID, Rank: a.Rank}
	}
	res, err := s.plan.TopK(ctx, s, sp, searchBudget)
	if err != nil {
		return nil, err
	}
	out := make([]*store.SearchHit, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = &store.SearchHit{ParagraphID: h.ID, Rank: h.Rank}
	}
	return out, nil
}

// Buckets implements search.Source.
func (s *searchSource) Buckets(ctx context.Context, levels []string, rest string, once search.OnceRead, limit int) ([]search.Hit, error) {
	p := s.params
	p.Limit = limit
	var hits []store.SearchHit
	var err error
	if once == search.OncePlanned {
		hits, err = s.store.SearchBuckets(ctx, p, levels, rest)
	} else {
		hits, err = s.store.SearchTiers(ctx, p, levels, rest, once == search.OnceByIndex)
	}
	for _, h := range hits {
		s.keep(h)
	}
	return searchHits(hits), err
}

// Levels implements search.Source.
func (s *searchSource) Levels(ctx context.Context, words []string, levels []search.Level, per, total int) ([]search.LevelHit, error) {
	ls := make([]store.SearchLevel, len(levels))
	for i, l := range levels {
		ls[i] = store.SearchLevel{Index: l.Index, Filter: l.Filter, Ranked: l.Ranked, Cut: l.Cut, Hi: l.Hi()}
	}
	hits, err := s.store.SearchLevels(ctx, s.params, words, ls, per, total, search.RankCap)
	out := make([]search.LevelHit, len(hits))
	for i, h := range hits {
		s.keep(h.SearchHit)
		out[i] = search.LevelHit{Level: h.Level, Hit: search.Hit{ID: h.ParagraphID, Rank: h.Rank}, Full: h.Full}
	}
	return out, err
}

func searchHits(hits []store.SearchHit) []search.Hit {
	out := make([]search.Hit, len(hits))
	for i, h := range hits {
		out[i] = search.Hit{ID: h.ParagraphID, Rank: h.Rank}
	}
	return out
}

// count returns the number of matches: exact when the query's
// candidates (the paragraphs that say its words, in the document if one
// is given) number at most searchCountCap, each examined (a phrase and a
// topic are tested on it); else an estimate, at least the matches found.
// The estimate is the candidates' (from the words' counts) scaled by the
// share of those examined that matched, or, without counts or with a
// document, the planner's. Nothing is counted when the estimate is far
// above the cap. A query of one word without filters is exact at any
// size: its count is a lookup (search.Plan.Matches).
func (s *searchSource) count(ctx context.Context) (int, bool, error) {
	unfiltered := s.params.TopicID == nil && s.params.DocumentID == nil
	if n, ok := s.plan.Matches(); ok && unfiltered {
		return int(n), true, nil
	}
	if n, ok := s.plan.Bound(); ok && n == 0 {
		return 0, true, nil
	}
	words, phrase := s.plan.CountQueries()
	trust := searchEstimateTrust * searchCountCap
	if phrase != "" {
		trust = searchPhraseTrust * searchCountCap
	}
	candidates, counted := s.plan.Estimate()
	if !counted || candidates > trust {
		est := candidates
		if !counted || !unfiltered {
			var err error
			if est, err = s.estimated(ctx); err != nil {
				return 0, false, err
			}
		}
		if est > trust {
			return est, false, nil
		}
	}
	p := s.params
	p.Query = words
	c, err := s.store.SearchCount(ctx, p, phrase, searchCountCap+1)
	if err != nil || c.Exact(searchCountCap+1) {
		return c.Matches, err == nil, err
	}
	if !counted || s.params.DocumentID != nil {
		est, err := s.estimated(ctx)
		return max(est, c.Matches), false, err
	}
	return max(int(float64(candidates)*float64(c.Matches)/float64(c.Examined)), c.Matches), false, nil
}

// runCompare answers the compare field: a page of documents, each a row
// whose stance, coverage and evidence the loaders read per topic.
func (r *Resolver) runCompare(ctx context.Context, topic string, args pageArgs) (*model.TopicComparison, error) {
	t, err := topicArg(ctx, "topic", topic)
	if err != nil {
		return nil, err
	}
	p, docs, err := readPage(args, documentCursor, func(cur store.DocumentCursor, p page) ([]*store.Document, error) {
		return r.Store.DocumentList(ctx, store.DocumentListParams{After: cur, Limit: p.n + 1, Backward: p.backward})
	}, loaders.DocumentByID.For(ctx), documentID)
	if err != nil {
		return nil, err
	}
	return comparisonConnection(p, t, docs, func(ctx context.Context) (int, error) {
		return r.Store.DocumentCount(ctx, store.DocumentFilter{})
	}), nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
