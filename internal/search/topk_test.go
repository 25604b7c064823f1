package search

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// pgSource is a Source over the test's temp table (the store's SQL,
// without filters), counting the paragraphs it ranks.
type pgSource struct {
	t      *testing.T
	conn   *pgx.Conn
	q      string
	after  *Hit
	ranked int
}

func (s *pgSource) after4() (any, any) {
	if s.after == nil {
		return nil, nil
	}
	return s.after.ID, s.after.Rank
}

func (s *pgSource) Buckets(ctx context.Context, levels []string, rest string, limit int) ([]Hit, error) {
	id, rank := s.after4()
	return s.collect(ctx, `SELECT b.id, b.rank FROM (
	(SELECT h.id, h.rank FROM unnest($1::text[]) WITH ORDINALITY l(cand, n) CROSS JOIN LATERAL (
		SELECT h.id, h.rank FROM (SELECT id, ts_rank(search, $3::tsquery) AS rank FROM paragraphs WHERE search @@ l.cand::tsquery) h
		WHERE $5::int IS NULL OR h.rank < $6::real OR (h.rank = $6::real AND h.id > $5)
		ORDER BY h.rank DESC, h.id LIMIT $4) h)
	UNION ALL
	(SELECT h.id, h.rank FROM (SELECT id, ts_rank(search, $3::tsquery) AS rank FROM paragraphs WHERE search @@ $2::tsquery) h
	WHERE $5::int IS NULL OR h.rank < $6::real OR (h.rank = $6::real AND h.id > $5) ORDER BY h.id LIMIT $4)) b LIMIT $4`,
		levels, rest, s.q, limit, id, rank)
}

func (s *pgSource) Levels(ctx context.Context, levels []Candidates, limit int) ([]LevelHit, error) {
	id, rank := s.after4()
	index, filter := make([]string, len(levels)), make([]string, len(levels))
	for i, l := range levels {
		index[i], filter[i] = l.Index, l.Filter
	}
	rows, err := s.conn.Query(ctx, `SELECT l.n - 1, h.id, h.rank FROM unnest($1::text[], $6::text[]) WITH ORDINALITY l(index, filter, n)
	CROSS JOIN LATERAL (SELECT h.id, h.rank FROM (SELECT id, ts_rank(search, $2::tsquery) AS rank FROM paragraphs
		WHERE search @@ l.index::tsquery AND (l.filter = '' OR ts_match_vq(search, l.filter::tsquery)) OFFSET 0) h
		WHERE $4::int IS NULL OR h.rank < $5::real OR (h.rank = $5::real AND h.id > $4)) h
	LIMIT $3`, index, s.q, limit, id, rank, filter)
	if err != nil {
		s.t.Fatal(err)
	}
	hits, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (LevelHit, error) {
		var h LevelHit
		var id int
		err := r.Scan(&h.Level, &id, &h.Rank)
		h.ID = int64(id)
		return h, err
	})
	s.ranked += len(hits)
	return hits, err
}

func (s *pgSource) collect(ctx context.Context, sql string, args ...any) ([]Hit, error) {
	rows, err := s.conn.Query(ctx, sql, args...)
	if err != nil {
		s.t.Fatalf("%v\n%s", err, sql)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Hit, error) {
		var h Hit
		var id int
		err := r.Scan(&id, &h.Rank)
		h.ID = int64(id)
		return h, err
	})
}

// TestTopK pages through queries of every shape on the seeds with small
// budgets and compares each page with PostgreSQL's exhaustive ts_rank
// order: equal when TopK says exact, and never ranking more than its
// budget per level.
func TestTopK(t *testing.T) {
	t.Parallel()
	conn := connect(t)
	ctx := context.Background()
	loadParagraphs(t, conn, seedParagraphs(t))
	exhaustive := func(tsq string) []Hit {
		s := &pgSource{t: t, conn: conn}
		hits, err := s.collect(ctx, `SELECT id, ts_rank(search, $1::tsquery) r FROM paragraphs WHERE search @@ $1::tsquery ORDER BY r DESC, id`, tsq)
		if err != nil {
			t.Fatal(err)
		}
		return hits
	}
	approximate := 0
	for _, q := range []string{"中国", "北朝鮮", "ロシア", "スターリン", "制裁", "中国 制裁", "北朝鮮 中国", "北朝鮮 ロシア 中国",
		"軍事技術", "外交部", "中国 外交部", "核 ミサイル", "北朝鮮 中国 ロシア 米国 日本"} {
		plan, ok := NewPlan(q)
		if !ok {
			t.Fatalf("%s: no plan", q)
		}
		want := exhaustive(plan.Query)
		if len(want) == 0 {
			t.Fatalf("%s: no matches in the seeds", q)
		}
		for _, budget := range []int{8, 40, 10000} {
			src := &pgSource{t: t, conn: conn, q: plan.Query}
			const limit = 5
			var got []Hit
			for page := 0; page < 4; page++ {
				res, err := plan.TopK(ctx, src, Page{Limit: limit, After: src.after}, budget)
				if err != nil {
					t.Fatalf("%s: %v", q, err)
				}
				got = append(got, res.Hits...)
				// The exhaustive page after the cursor (after an
				// approximate page, not the next five of want).
				rest := want
				if a := src.after; a != nil {
					rest = slices.DeleteFunc(slices.Clone(want), func(h Hit) bool {
						return h.Rank > a.Rank || (h.Rank == a.Rank && h.ID <= a.ID)
					})
				}
				ref := rest[:min(limit, len(rest))]
				if res.Exact && !slices.Equal(res.Hits, ref) {
					t.Errorf("%s budget %d page %d: exact %v, want %v", q, budget, page, res.Hits, ref)
				}
				if len(plan.words) == 1 && !res.Exact {
					t.Errorf("%s: one word, page %d not exact", q, page)
				}
				if !res.Exact {
					approximate++
				}
				if len(res.Hits) < limit {
					break
				}
				src.after = &res.Hits[len(res.Hits)-1]
			}
			if budget >= len(want) && len(got) != min(len(want), 4*limit) {
				t.Errorf("%s budget %d: %d hits, want %d", q, budget, len(got), min(len(want), 4*limit))
			}
		}
	}
	t.Logf("%d approximate pages", approximate)
}

// TestRankBounds checks the bounds TopK's levels rely on against
// PostgreSQL's ts_rank: one word's rank by its count, and the most one
// pair of adjacent words adds.
func TestRankBounds(t *testing.T) {
	t.Parallel()
	conn := connect(t)
	ctx := context.Background()
	for n := 1; n <= 20; n++ {
		var r float32
		if err := conn.QueryRow(ctx, `SELECT ts_rank(array_to_tsvector('{}'::text[]) || setweight(('a:' || array_to_string(ARRAY(SELECT generate_series(1, $1) * 3), ','))::tsvector, 'D'), 'a')`, n).Scan(&r); err != nil {
			t.Fatal(err)
		}
		if math.Abs(float64(r)-rankOne(n)) > 1e-6 {
			t.Errorf("ts_rank of %d occurrences = %v, rankOne %v", n, r, rankOne(n))
		}
	}
	var r float32
	if err := conn.QueryRow(ctx, `SELECT ts_rank('a:1 b:2'::tsvector, 'a & b')`).Scan(&r); err != nil {
		t.Fatal(err)
	}
	if math.Abs(float64(r)-rankPairs(1)) > 1e-6 {
		t.Errorf("ts_rank of one adjacent pair = %v, rankPairs(1) %v", r, rankPairs(1))
	}
	// Tier floors and the pair bound agree with the buckets.
	for n := 1; n <= maxPositions; n++ {
		if f := tierFloor(n); f > n || tierCeil(f) < n {
			t.Errorf("count %d: bucket [%d, %d]", n, f, tierCeil(f))
		}
	}
	if got := maxPairOutside(16); got != 15 {
		t.Errorf("maxPairOutside(16) = %d, want 15 (5 × 3)", got)
	}
}

// TestLevels checks the candidate levels of several words on the seeds:
// together they hold every match and nothing else, what the levels up to
// one leave out ranks at most its bound, and only the last level names
// the words themselves (the others are tier lexemes, short lists for the
// GIN index).
func TestLevels(t *testing.T) {
	t.Parallel()
	conn := connect(t)
	ctx := context.Background()
	loadParagraphs(t, conn, seedParagraphs(t))
	ranks := func(tsq, where string, args ...any) map[int]float32 {
		rows, err := conn.Query(ctx, `SELECT id, ts_rank(search, $1::tsquery) FROM paragraphs WHERE `+where, append([]any{tsq}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int]float32{}
		for rows.Next() {
			var id int
			var r float32
			if err := rows.Scan(&id, &r); err != nil {
				t.Fatal(err)
			}
			out[id] = r
		}
		return out
	}
	spread := 0
	for _, q := range []string{"北朝鮮 中国", "中国 制裁", "北朝鮮 ロシア 中国", "軍事技術", "中国 外交部", "核 ミサイル", "北朝鮮 中国 ロシア 米国 日本"} {
		plan, _ := NewPlan(q)
		matches := ranks(plan.Query, `search @@ $1::tsquery`)
		levels := plan.levels()
		seen := map[int]bool{}
		nonEmpty := 0
		for i, l := range levels {
			got := ranks(plan.Query, `search @@ $2::tsquery AND ($3 = '' OR ts_match_vq(search, $3::tsquery))`, l.cand.Index, l.cand.Filter)
			if len(got) > 0 {
				nonEmpty++
			}
			for id := range got {
				if _, ok := matches[id]; !ok {
					t.Errorf("%s level %d: paragraph %d does not match %s", q, i, id, plan.Query)
				}
				seen[id] = true
			}
			for id, r := range matches {
				if !seen[id] && float64(r) > l.bound*(1+1e-5)+1e-9 {
					t.Errorf("%s level %d: paragraph %d left out ranks %v, above the bound %v", q, i, id, r, l.bound)
				}
			}
			if i < len(levels)-1 {
				for _, w := range plan.words {
					if strings.Contains(l.cand.Index, quoted(w)) {
						t.Errorf("%s level %d names the word %s: %s", q, i, w, l.cand.Index)
					}
				}
			}
		}
		if len(seen) != len(matches) {
			t.Errorf("%s: the levels hold %d of the %d matches", q, len(seen), len(matches))
		}
		if len(matches) == 0 {
			t.Errorf("%s: no matches in the seeds", q)
		}
		if nonEmpty >= 2 {
			spread++
		}
	}
	if spread < 5 {
		t.Errorf("%d queries have matches in two levels or more: the test checks little", spread)
	}
}
