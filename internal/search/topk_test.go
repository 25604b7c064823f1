package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

// pgSource is a Source over the test's temp table (the store's SQL,
// without filters), counting the paragraphs it ranks.
type pgSource struct {
	t        *testing.T
	conn     *pgx.Conn
	q        string
	after    *Hit
	backward bool
	ranked   int
	// forceOnce, when set, replaces the plan's choice of how Buckets
	// reads the held-once paragraphs; tiers counts the calls that ran
	// search_tiers.
	forceOnce OnceRead
	tiers     int
}

func (s *pgSource) after4() (any, any) {
	if s.after == nil {
		return nil, nil
	}
	return s.after.ID, s.after.Rank
}

// Buckets runs the store's function (search_tiers) when the plan chose
// how to read the held-once paragraphs, else a statement of its own.
func (s *pgSource) Buckets(ctx context.Context, levels []string, rest string, once OnceRead, limit int) ([]Hit, error) {
	id, rank := s.after4()
	if s.forceOnce != OncePlanned {
		once = s.forceOnce
	}
	if once != OncePlanned {
		s.tiers++
		rows, err := s.conn.Query(ctx, store.SearchTiers, pgx.NamedArgs{"q": s.q, "levels": levels, "rest": rest, "limit": limit,
			"once_by_index": once == OnceByIndex, "document": nil, "topic": nil, "after_id": id, "after_rank": rank})
		if err != nil {
			s.t.Fatal(err)
		}
		return pgx.CollectRows(rows, func(r pgx.CollectableRow) (Hit, error) {
			var h Hit
			var level int
			return h, r.Scan(&level, &h.ID, &h.Rank)
		})
	}
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

// Levels runs the store's statement over the test's table.
func (s *pgSource) Levels(ctx context.Context, words []string, levels []Level, per, total int) ([]LevelHit, error) {
	n := len(levels)
	index, filter, ranked, cut, hi := make([]string, n), make([]string, n), make([]bool, n), make([]*int64, n), make([]float64, n)
	for i, l := range levels {
		index[i], filter[i], ranked[i], cut[i], hi[i] = l.Index, l.Filter, l.Ranked, l.Cut, l.Hi()
	}
	id, rank := s.after4()
	sql := store.SearchLevels
	if s.backward {
		sql = store.SearchLevelsBackward
	}
	rows, err := s.conn.Query(ctx, sql, pgx.NamedArgs{"document": nil, "topic": nil, "after_id": id, "after_rank": rank,
		"words": words, "index": index, "filter": filter, "ranked": ranked, "cut": cut, "hi": hi, "per": per, "total": total, "cap": RankCap})
	if err != nil {
		s.t.Fatal(err)
	}
	hits, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (LevelHit, error) {
		var h LevelHit
		err := r.Scan(&h.Level, &h.ID, &h.Rank, &h.Full)
		h.Level--
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
	exhaustive := func(plan Plan) []Hit {
		s := &pgSource{t: t, conn: conn}
		hits, err := s.collect(ctx, `SELECT id, `+store.SearchRank("search", "$2")+` r FROM paragraphs WHERE search @@ $1::tsquery ORDER BY r DESC, id`,
			plan.Query, plan.RankWords())
		if err != nil {
			t.Fatal(err)
		}
		return hits
	}
	approximate, tiers := 0, 0
	queries := []string{"中国", "北朝鮮", "ロシア", "スターリン", "制裁", "中国 制裁", "北朝鮮 中国", "北朝鮮 ロシア 中国",
		"軍事技術", "外交部", "中国 外交部", "核 ミサイル", "北朝鮮 中国 ロシア 米国 日本"}
	// Without counts, then with them (which leave out empty levels, and
	// send one word to search_tiers), reading the held-once paragraphs of
	// one word by the index, then by the primary key.
	forced := []OnceRead{OncePlanned, OnceByIndex, OnceByKey}
	for i := range len(forced) * len(queries) {
		q := queries[i%len(queries)]
		plan, ok := NewPlan(q)
		if !ok {
			t.Fatalf("%s: no plan", q)
		}
		force := forced[i/len(queries)]
		if force != OncePlanned {
			plan = plan.WithCounts(tableCounts(t, conn, plan), float64(paragraphCount(t, conn)))
			q += fmt.Sprintf(" (counts, once %d)", force)
		}
		want := exhaustive(plan)
		if len(want) == 0 {
			t.Fatalf("%s: no matches in the seeds", q)
		}
		for _, budget := range []int{8, 40, 10000} {
			src := &pgSource{t: t, conn: conn, q: plan.Query, forceOnce: force}
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
			tiers += src.tiers
			if budget >= len(want) && len(got) != min(len(want), 4*limit) {
				t.Errorf("%s budget %d: %d hits, want %d", q, budget, len(got), min(len(want), 4*limit))
			}
			// Back from the last hit read: the hits nearest before it.
			if len(got) < 2 {
				continue
			}
			src.backward = true
			last := got[len(got)-1]
			src.after = &last
			res, err := plan.TopK(ctx, src, Page{Limit: limit, After: &last, Backward: true}, budget)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			i := slices.Index(want, last)
			var ref []Hit
			for j := i - 1; j >= 0 && len(ref) < limit; j-- {
				ref = append(ref, want[j])
			}
			if i >= 0 && res.Exact && !slices.Equal(res.Hits, ref) {
				t.Errorf("%s budget %d backward from %v: exact %v, want %v", q, budget, last, res.Hits, ref)
			}
			if !res.Exact {
				approximate++
			}
		}
	}
	t.Logf("%d approximate pages, %d one-word pages by search_tiers", approximate, tiers)
	if tiers == 0 {
		t.Error("no page read by search_tiers")
	}
}

func paragraphCount(t *testing.T, conn *pgx.Conn) int {
	t.Helper()
	var n int
	if err := conn.QueryRow(context.Background(), `SELECT count(*) FROM paragraphs`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestOnceRead checks the choice between the index and the walk for the
// held-once paragraphs of one word: the index while the walk would test
// more paragraphs than the index reads.
func TestOnceRead(t *testing.T) {
	t.Parallel()
	plan, _ := NewPlan("中国")
	if got := plan.onceRead(10); got != OncePlanned {
		t.Errorf("without counts: %d, want OncePlanned", got)
	}
	for _, c := range []struct {
		once, twice int64
		want        OnceRead
	}{
		{100, 5, OnceByIndex},
		{2000, 5, OnceByIndex}, // the walk: 10 × 400,000 ÷ 2000 = 2000 too
		{2100, 100, OnceByKey}, // the word's count less its tiers'
		{200000, 0, OnceByKey},
	} {
		p := plan.WithCounts(Counts{"中国": c.once + c.twice, tierLexeme("中国", 2): c.twice}, 400000)
		if got := p.onceRead(10); got != c.want {
			t.Errorf("%d held once: %d, want %d", c.once, got, c.want)
		}
	}
}

// TestRankBounds checks the bounds TopK's levels rely on against
// PostgreSQL's ts_rank: one word's rank by its count.
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
	// Tier floors agree with the buckets, and the classes with the tiers.
	for n := 1; n <= maxPositions; n++ {
		if f := tierFloor(n); f > n || tierCeil(f) < n {
			t.Errorf("count %d: bucket [%d, %d]", n, f, tierCeil(f))
		}
	}
	for _, cs := range [][]class{classes, fineClasses} {
		for i, c := range cs {
			if tierFloor(c.floor) != c.floor || i > 0 && c.ceil != cs[i-1].floor-1 || c.ceil == c.floor && tierCeil(c.floor) != c.floor && c.floor > 1 {
				t.Errorf("class %v does not follow the tiers", c)
			}
		}
	}
}

// TestLevels checks the levels of several words on the seeds: together
// they hold every match once and nothing else, each paragraph ranks
// within its level's bounds, and all of a level that is not ranked rank
// alike.
func TestLevels(t *testing.T) {
	t.Parallel()
	conn := connect(t)
	ctx := context.Background()
	loadParagraphs(t, conn, seedParagraphs(t))
	ranks := func(plan Plan, where string, args ...any) map[int]float32 {
		rows, err := conn.Query(ctx, `SELECT id, `+store.SearchRank("search", "$2")+` FROM paragraphs WHERE `+where,
			append([]any{plan.Query, plan.RankWords()}, args...)...)
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
	spread, pruned := 0, 0
	queries := []string{"北朝鮮 中国", "中国 制裁", "北朝鮮 ロシア 中国", "軍事技術", "中国 外交部", "核 ミサイル", "北朝鮮 中国 ロシア 米国 日本"}
	for i := range 2 * len(queries) { // without counts, then with them
		q := queries[i%len(queries)]
		plan, _ := NewPlan(q)
		if i >= len(queries) {
			all := len(plan.levels(Page{Limit: 10}))
			plan = plan.WithCounts(tableCounts(t, conn, plan), 0)
			q += " (counts)"
			if len(plan.levels(Page{Limit: 10})) < all {
				pruned++
			}
		}
		matches := ranks(plan, `search @@ $1::tsquery`)
		seen := map[int]int{}
		nonEmpty := 0
		for i, l := range plan.levels(Page{Limit: 10}) {
			got := ranks(plan, `$1::tsquery IS NOT NULL AND search @@ $3::tsquery AND ($4 = '' OR ts_match_vq(search, $4::tsquery))`, l.Index, l.Filter)
			if len(got) > 0 {
				nonEmpty++
			}
			for id, r := range got {
				if _, ok := matches[id]; !ok {
					t.Errorf("%s level %d: paragraph %d does not match %s", q, i, id, plan.Query)
				}
				if j, ok := seen[id]; ok && l.hi < 2 {
					t.Errorf("%s: paragraph %d in levels %d and %d", q, id, j, i)
				}
				seen[id] = i
				if float64(r) < l.lo-rankEps || float64(r) > l.hi+rankEps {
					t.Errorf("%s level %d: paragraph %d ranks %v, outside [%v, %v]", q, i, id, r, l.lo, l.hi)
				}
				if !l.Ranked && float64(r) != float64(float32(l.lo)) && math.Abs(float64(r)-l.lo) > rankEps {
					t.Errorf("%s level %d is not ranked, but paragraph %d ranks %v, not %v", q, i, id, r, l.lo)
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
	if pruned < len(queries)/2 {
		t.Errorf("counts left out levels of %d of %d queries: the test checks little", pruned, len(queries))
	}
}

// tableCounts counts the plan's lexemes in the test's table, as
// search_lexemes does in the store's.
func tableCounts(t *testing.T, conn *pgx.Conn, plan Plan) Counts {
	t.Helper()
	rows, err := conn.Query(context.Background(), `SELECT u.lexeme, count(*) FROM paragraphs p, unnest(p.search) u
		WHERE u.lexeme = ANY($1) GROUP BY u.lexeme`, plan.Lexemes())
	if err != nil {
		t.Fatal(err)
	}
	c := Counts{}
	for rows.Next() {
		var l string
		var n int64
		if err := rows.Scan(&l, &n); err != nil {
			t.Fatal(err)
		}
		c[l] = n
	}
	if rows.Err() != nil {
		t.Fatal(rows.Err())
	}
	return c
}

// TestLevelsStopWhenProven counts what a forward read of levels does:
// no level is read once the page is proven (its per-th best rank above
// the level's bound), and some pages stop before their last level with
// fewer hits than the fixed read of pageReads pages' worth.
func TestLevelsStopWhenProven(t *testing.T) {
	t.Parallel()
	conn := connect(t)
	ctx := context.Background()
	loadParagraphs(t, conn, seedParagraphs(t))
	stopped, read, fixed := 0, 0, 0
	for _, q := range []string{"中国 制裁", "北朝鮮 中国", "北朝鮮 ロシア 中国", "中国 外交部", "核 ミサイル", "北朝鮮 中国 ロシア 米国 日本", "軍事 技術"} {
		plan, ok := NewPlan(q)
		if !ok {
			t.Fatalf("%s: no plan", q)
		}
		plan = plan.WithCounts(tableCounts(t, conn, plan), 0)
		for _, limit := range []int{1, 3, 5} {
			pg := Page{Limit: limit}
			levels := plan.levels(pg)
			total := pageReads * limit
			src := &pgSource{t: t, conn: conn, q: plan.Query}
			rows, err := src.Levels(ctx, plan.RankWords(), levels, limit, total)
			if err != nil {
				t.Fatal(err)
			}
			var ranks []float32
			for i, r := range rows {
				if i == 0 || r.Level != rows[i-1].Level {
					if bar := barOf(ranks, limit); bar != nil && float64(*bar) > levels[r.Level].hi+rankEps {
						t.Errorf("%s limit %d: level %d (bound %v) read after the page was proven at %v", q, limit, r.Level, levels[r.Level].hi, *bar)
					}
				}
				ranks = append(ranks, r.Rank)
			}
			read += len(rows)
			fixed += total
			if len(rows) < total && len(rows) > 0 && rows[len(rows)-1].Level < len(levels)-1 {
				if bar := barOf(ranks, limit); bar != nil && float64(*bar) > levels[rows[len(rows)-1].Level+1].hi+rankEps {
					stopped++
				}
			}
		}
	}
	t.Logf("hits read %d (a fixed read: at most %d), %d reads stopped before their last level", read, fixed, stopped)
	if stopped == 0 || read >= fixed {
		t.Errorf("no read stopped early: %d hits read, a fixed read of %d", read, fixed)
	}
}

// barOf returns the per-th best of ranks, nil when there are fewer.
func barOf(ranks []float32, per int) *float32 {
	if len(ranks) < per {
		return nil
	}
	s := slices.Clone(ranks)
	slices.SortFunc(s, func(a, b float32) int { return cmp.Compare(b, a) })
	return &s[per-1]
}
