package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Search reads for internal/search.TopK. Every statement here runs with
// pgx.QueryExecModeExec: unnamed, so PostgreSQL plans it for its
// arguments each time. A cached prepared statement switches to a generic
// plan after five runs, and the best plan of these depends on how common
// the words are and which filters are set (a capped count went from 5 ms
// to 81 ms that way).

// SearchParams is one page of a full-text search over paragraphs. Query
// is a tsquery in text form (internal/search.Plan); TopicID and
// DocumentID narrow the search when set.
type SearchParams struct {
	Query      string
	TopicID    *int64
	DocumentID *int64
	After      *SearchCursor
	Limit      int
	// Backward reads the hits before After instead, nearest first.
	Backward bool
}

// SearchCursor is the last hit of a page: results are ordered by rank,
// highest first, then by paragraph id.
type SearchCursor struct {
	Rank        float32
	ParagraphID int64
}

// SearchHit is a paragraph that matched, with its rank, and the
// paragraph itself when the statement read it (SearchTiers).
type SearchHit struct {
	ParagraphID int64
	Rank        float32
	Paragraph   *Paragraph
}

// searchWithParagraphs returns the hits of a search function, in its
// order, with their paragraphs: a one-word page's paragraphs come back
// with its hits instead of in a statement of their own. (Not the levels
// of several words: they return up to three pages' worth of hits, and
// at SF10 joining their paragraphs cost the database more, 0.1–0.4 ms,
// than the statement it saved.)
func searchWithParagraphs(hits, call string) string {
	return `SELECT ` + hits + `, ` + paragraphColumns + ` FROM ` + call + ` WITH ORDINALITY h(` + hits + `, n)
	JOIN paragraphs p ON p.id = h.hit_id ORDER BY h.n`
}

// searchFilters are the search's filters; with a custom plan the unset
// ones fold away.
const searchFilters = `(@document::bigint IS NULL OR p.document_id = @document)
	AND (@topic::bigint IS NULL OR EXISTS (
		SELECT 1 FROM paragraph_topics pt WHERE pt.paragraph_id = p.id AND pt.topic_id = @topic))`

// The hits h after the cursor, and before it.
const (
	searchAfter  = `(@after_id::bigint IS NULL OR h.rank < @after_rank::real OR (h.rank = @after_rank::real AND h.id > @after_id))`
	searchBefore = `(@after_id::bigint IS NULL OR h.rank > @after_rank::real OR (h.rank = @after_rank::real AND h.id < @after_id))`
)

// searchRanked ranks the paragraphs of a WHERE clause that follows.
const searchRanked = `SELECT p.id, ts_rank(p.search, @q::tsquery) AS rank FROM paragraphs p WHERE `

// SearchBuckets reads a one-word query's page tier by tier: for each
// tier tsquery in @levels, its hits after the cursor, best first; then
// those of @rest (the paragraphs holding the word once, which rank
// alike) by id. Append runs its branches, and the nested loop its
// levels, in order, and stops once LIMIT has its rows: the tiers below
// the page are never read. The paragraphs of @rest are chosen by id
// before they are ranked (searchOnce), so a rare word's page ranks its
// page, not every paragraph that says it once. level says where each
// row came from, so the order can be checked.
const SearchBuckets = `SELECT b.level, b.id, b.rank FROM (
	(SELECT l.n AS level, h.id, h.rank
	FROM unnest(@levels::text[]) WITH ORDINALITY l(cand, n)
	CROSS JOIN LATERAL (
		SELECT h.id, h.rank FROM (` + searchRanked + `p.search @@ l.cand::tsquery AND ` + searchFilters + `) h
		WHERE ` + searchAfter + `
		ORDER BY h.rank DESC, h.id LIMIT @limit) h)
	UNION ALL
	(SELECT 1000000, h.id, ts_rank(p.search, @q::tsquery) FROM (
		SELECT p.id FROM paragraphs p WHERE p.search @@ @rest::tsquery AND ` + searchFilters + `
			AND (@after_id::bigint IS NULL OR @after_rank::real > ` + searchOnce + `
				OR (@after_rank::real = ` + searchOnce + ` AND p.id > @after_id))
		ORDER BY p.id LIMIT @limit) h
	JOIN paragraphs p ON p.id = h.id ORDER BY h.id)
) b LIMIT @limit`

// SearchTiers is SearchBuckets as the function search_tiers (migration
// 000020): the same page, read tier by tier, each statement on a generic
// plan the connection keeps, so nothing is planned per request (planning
// SearchBuckets cost more than running it). What a plan chose from the
// arguments the function's branches choose: a document's paragraphs by its
// index, and the held-once paragraphs by the index (@once_by_index: few of
// them) or by walking the primary key (many), which the caller decides from
// the word's counts.
const SearchTiers = `SELECT level, hit_id, hit_rank FROM ` + searchTiersCall

const searchTiersCall = `search_tiers(@q, @levels, @rest, @limit, @once_by_index,
	@document, @topic, @after_id, @after_rank)`

// searchTiersPage is SearchTiers with the hits' paragraphs.
var searchTiersPage = searchWithParagraphs("level, hit_id, hit_rank", searchTiersCall)

// searchOnce is the rank of every paragraph that holds a one-word
// query's word once: ts_rank reads only the word's positions, and with
// one position (weight D, as ingest writes them) the sum is the same
// wherever it is.
const searchOnce = `ts_rank('w:1'::tsvector, 'w'::tsquery)`

// SearchRank is the SQL of a hit's rank for the words of a query: the
// sum of ts_rank of each word's tsquery in the text[] words (for one
// word, ts_rank of the query) over the vector v. Each term is a float4;
// their sum in float8 is exact, so paragraphs that say the same words
// as often rank alike whatever the order, and it is then rounded to the
// float4 the API returns (internal/search.Plan.RankWords).
func SearchRank(v, words string) string {
	return `(SELECT sum(ts_rank(` + v + `, w::tsquery)::float8) FROM unnest(` + words + `::text[]) w)::real`
}

// searchLevelRank ranks the copy v of a level's vector, detoasted once
// for every term and the phrase test.
var searchLevelRank = SearchRank("c.v", "@words")

// SearchLevels reads the levels of internal/search.Level in turn, best
// bound first, for a page after the cursor, and stops once the page is
// proven (the function search_levels, migration 000019): a Ranked level
// ranks at most @cap of the paragraphs its GIN tsquery finds that also
// match its filter, and returns them best first after the cursor; any
// other level's paragraphs all rank alike, so it reads their ids in
// order from its cut (a bitmap scan and a sort of ids, no vector), and
// tests (a phrase) and ranks them in that order until it has its hits.
// Each level returns at most @per hits, and the reading stops after
// @total hits, or before a level whose bound @hi is below the @per-th
// best rank read. full is false when a ranked level had more than @cap
// paragraphs.
const SearchLevels = `SELECT level, hit_id, hit_rank, hit_full FROM search_levels(@words, @index, @filter, @ranked, @cut,
	@hi, @per, @total, @cap, @document, @topic, @after_id, @after_rank)`

// SearchLevelsBackward is SearchLevels before the cursor, nearest first,
// in one statement (the nested loop runs the levels in order and LIMIT
// stops it) that reads @total hits whatever their ranks.
var SearchLevelsBackward = `SELECT l.n, h.id, h.rank, h.full FROM unnest(@index::text[], @filter::text[], @ranked::bool[], @cut::bigint[])
	WITH ORDINALITY l(index, filter, ranked, cut, n)
CROSS JOIN LATERAL (
	(SELECT h.id, h.rank, h.scanned < @cap AS full FROM (
		SELECT c.id, ` + searchLevelRank + ` AS rank, c.scanned FROM (
			SELECT c.id, c.v, count(*) OVER () AS scanned FROM (
				SELECT p.id, p.search || ''::tsvector AS v FROM paragraphs p
				WHERE l.ranked AND p.search @@ l.index::tsquery AND ` + searchFilters + ` LIMIT @cap) c) c
		WHERE l.filter = '' OR ts_match_vq(c.v, l.filter::tsquery)) h
	WHERE ` + searchBefore + ` ORDER BY h.rank, h.id DESC LIMIT @per)
	UNION ALL
	(SELECT c.id, ` + searchLevelRank + `, true FROM (
		SELECT p.id FROM paragraphs p WHERE NOT l.ranked AND p.search @@ l.index::tsquery AND ` + searchFilters + `
			AND (l.cut IS NULL OR p.id < l.cut) ORDER BY p.id DESC OFFSET 0) i
	CROSS JOIN LATERAL (SELECT i.id, q.search || ''::tsvector AS v FROM paragraphs q WHERE q.id = i.id) c
	WHERE l.filter = '' OR ts_match_vq(c.v, l.filter::tsquery)
	ORDER BY i.id DESC LIMIT @per)
) h
LIMIT @total`

// SearchCount examines at most @cap candidates, the paragraphs that
// match @q (the query's words, which the GIN index answers without a
// vector) in @document, and counts those that also hold the phrase
// @phrase (empty for none) and belong to @topic. Those two tests are what a
// candidate costs (a vector detoasted, a probe of paragraph_topics), so
// they are not in the WHERE clause: a LIMIT there bounded the matches,
// not the work (a phrase of two common words that no paragraph says
// tested every candidate). It runs after SearchCountPlan, in the same
// transaction.
const SearchCount = `SELECT count(*) FILTER (WHERE c.hit), count(*) FROM (
	SELECT (@phrase = '' OR ts_match_vq(p.search, @phrase::tsquery))
		AND (@topic::bigint IS NULL OR EXISTS (
			SELECT 1 FROM paragraph_topics pt WHERE pt.paragraph_id = p.id AND pt.topic_id = @topic)) AS hit
	FROM paragraphs p
	WHERE p.search @@ @q::tsquery AND (@document::bigint IS NULL OR p.document_id = @document)
	LIMIT @cap) c`

// SearchCountPlan keeps the count off a sequential scan. Under a LIMIT
// the planner takes one whenever the matches are a good part of the
// table (an AND of two common words): its cost counts the heap's pages
// but not the TOAST that every vector it tests is read and decompressed
// from, so it runs 50–100 times longer than the bitmap scan of the GIN
// index, which reads no vector of a plain word query (docs/search.md).
// It also plans the count for its arguments every time, were it a cached
// prepared statement (see the top of this file). set_config(…, true) is
// SET LOCAL: the settings end with the transaction, the implicit one of a
// pipeline included, so a pooled connection keeps nothing.
const SearchCountPlan = `SELECT set_config('enable_seqscan', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true)`

// SearchEstimate is the planner's estimate of the matches, from the
// statistics of the search column (its most common lexemes).
const SearchEstimate = `EXPLAIN (FORMAT JSON) SELECT 1 FROM paragraphs p
	WHERE p.search @@ @q::tsquery AND ` + searchFilters

func searchArgs(p SearchParams) pgx.NamedArgs {
	args := pgx.NamedArgs{"q": p.Query, "document": p.DocumentID, "topic": p.TopicID, "limit": p.Limit,
		"after_id": nil, "after_rank": nil}
	if p.After != nil {
		args["after_id"], args["after_rank"] = p.After.ParagraphID, p.After.Rank
	}
	return args
}

// SearchBuckets returns a one-word query's page (see SearchBuckets),
// planned for its arguments: for a word whose counts are not known (a
// bulk load has yet to count them), else SearchTiers.
func (s *Store) SearchBuckets(ctx context.Context, p SearchParams, levels []string, rest string) ([]SearchHit, error) {
	args := searchArgs(p)
	args["levels"], args["rest"] = levels, rest
	rows, err := s.reads.Query(ctx, SearchBuckets, pgx.QueryExecModeExec, args)
	if err != nil {
		return nil, fmt.Errorf("search tiers: %w", err)
	}
	return scanTierHits(rows, false)
}

// SearchTiers returns a one-word query's page (see SearchTiers). A cached
// prepared statement: its plan is a function call.
func (s *Store) SearchTiers(ctx context.Context, p SearchParams, levels []string, rest string, onceByIndex bool) ([]SearchHit, error) {
	args := searchArgs(p)
	args["levels"], args["rest"], args["once_by_index"] = levels, rest, onceByIndex
	rows, err := s.reads.Query(ctx, searchTiersPage, args)
	if err != nil {
		return nil, fmt.Errorf("search tiers: %w", err)
	}
	return scanTierHits(rows, true)
}

// scanTierHits reads the rows of SearchBuckets or searchTiersPage
// (level, id, rank, and with paragraphs the paragraph), checking that the
// levels come in order.
func scanTierHits(rows pgx.Rows, paragraphs bool) ([]SearchHit, error) {
	defer rows.Close()
	var hits []SearchHit
	last := int64(0)
	for rows.Next() {
		var level int64
		var h SearchHit
		dest := []any{&level, &h.ParagraphID, &h.Rank}
		if paragraphs {
			h.Paragraph = new(Paragraph)
			dest = append(dest, paragraphFields(h.Paragraph)...)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("search tiers: %w", err)
		}
		if level < last {
			return nil, fmt.Errorf("search tiers: level %d read after level %d", level, last)
		}
		last = level
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search tiers: %w", err)
	}
	return hits, nil
}

// SearchLevel is one level of SearchLevels (internal/search.Level).
type SearchLevel struct {
	Index, Filter string
	Ranked        bool
	Cut           *int64
	// Hi bounds the ranks of the level's paragraphs (forward pages stop
	// before a level whose bound is below the page).
	Hi float64
}

// SearchLevelHit is a hit, the index (from 0) of the level that found
// it, and whether that level was ranked whole.
type SearchLevelHit struct {
	Level int
	SearchHit
	Full bool
}

// SearchLevels returns the hits of the levels in turn (see
// searchLevels), at most per of each and total in all; words are the
// tsqueries whose ts_rank a hit's rank sums, and a ranked level ranks
// at most rankCap paragraphs.
func (s *Store) SearchLevels(ctx context.Context, p SearchParams, words []string, levels []SearchLevel, per, total, rankCap int) ([]SearchLevelHit, error) {
	n := len(levels)
	index, filter, ranked, cut, hi := make([]string, n), make([]string, n), make([]bool, n), make([]*int64, n), make([]float64, n)
	for i, l := range levels {
		index[i], filter[i], ranked[i], cut[i], hi[i] = l.Index, l.Filter, l.Ranked, l.Cut, l.Hi
	}
	sql := SearchLevels
	if p.Backward {
		sql = SearchLevelsBackward
	}
	args := searchArgs(p)
	args["words"], args["index"], args["filter"], args["ranked"], args["cut"], args["hi"] = words, index, filter, ranked, cut, hi
	args["per"], args["total"], args["cap"] = per, total, rankCap
	// A prepared statement (pgx's cache): planning it costs more than
	// running it, and its plan cannot depend on the words, which are
	// values of its arrays, read level by level (in the function, whose
	// plans PL/pgSQL caches, likewise).
	rows, err := s.reads.Query(ctx, sql, args)
	if err != nil {
		return nil, fmt.Errorf("search levels: %w", err)
	}
	var hits []SearchLevelHit
	for rows.Next() {
		var h SearchLevelHit
		if err := rows.Scan(&h.Level, &h.ParagraphID, &h.Rank, &h.Full); err != nil {
			return nil, fmt.Errorf("search levels: %w", err)
		}
		h.Level-- // ORDINALITY counts from 1
		if k := len(hits); k > 0 && h.Level < hits[k-1].Level {
			rows.Close()
			return nil, fmt.Errorf("search levels: level %d read after level %d", h.Level, hits[k-1].Level)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search levels: %w", err)
	}
	return hits, nil
}

// SearchCounted is what SearchCount examined and found.
type SearchCounted struct {
	// Matches among the candidates examined; all of the query's when
	// Examined is below the limit.
	Matches int
	// Examined is how many candidates were examined, at most the limit.
	Examined int
}

// Exact reports whether every candidate was examined under limit.
func (c SearchCounted) Exact(limit int) bool { return c.Examined < limit }

// SearchCount counts the matches among at most limit candidates (see
// SearchCount): p.Query holds the query's words, phrase (or "") what a
// match must say beyond them.
func (s *Store) SearchCount(ctx context.Context, p SearchParams, phrase string, limit int) (SearchCounted, error) {
	var c SearchCounted
	if err := s.searchCount(ctx, SearchCount, p, phrase, limit, &c.Matches, &c.Examined); err != nil {
		return SearchCounted{}, fmt.Errorf("count search hits: %w", err)
	}
	return c, nil
}

// searchCount reads the one row of sql, SearchCount or an EXPLAIN of
// it, after SearchCountPlan: both in one pipeline (one round trip), whose
// statements PostgreSQL runs in one implicit transaction. Behind a
// replica router the pipeline runs in the router's read-only transaction,
// which keeps it on the replica when it may read there.
func (s *Store) searchCount(ctx context.Context, sql string, p SearchParams, phrase string, limit int, dest ...any) error {
	args := searchArgs(p)
	args["cap"], args["phrase"] = limit, phrase
	var b pgx.Batch
	b.Queue(SearchCountPlan)
	b.Queue(sql, args).QueryRow(func(row pgx.Row) error { return row.Scan(dest...) })
	if s.router != nil {
		return s.readTx(ctx, func(tx pgx.Tx) error { return tx.SendBatch(ctx, &b).Close() })
	}
	return s.pool.SendBatch(ctx, &b).Close()
}

// SearchEstimate returns the planner's estimate of how many paragraphs
// match the query.
func (s *Store) SearchEstimate(ctx context.Context, p SearchParams) (int, error) {
	var out []byte
	if err := s.reads.QueryRow(ctx, SearchEstimate, pgx.QueryExecModeExec, searchArgs(p)).Scan(&out); err != nil {
		return 0, fmt.Errorf("estimate search hits: %w", err)
	}
	var plans []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		}
	}
	if err := json.Unmarshal(out, &plans); err != nil || len(plans) != 1 {
		return 0, fmt.Errorf("estimate search hits: plan %.100q: %v", out, err)
	}
	return int(plans[0].Plan.Rows), nil
}
