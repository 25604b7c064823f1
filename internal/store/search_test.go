package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// seedSearch writes one document of n paragraphs: the even ones say
// alpha, every one says beta. It returns the document's id.
func seedSearch(t *testing.T, st *store.Store, n int) int64 {
	t.Helper()
	ctx := context.Background()
	var doc int64
	err := st.Pool().QueryRow(ctx, `WITH d AS (
		INSERT INTO documents (slug, source_file, content_hash, language, body)
		VALUES ('count', 'count.txt', 'count', 'ja', '') RETURNING id),
	s AS (INSERT INTO sections (document_id, ordinal, level, start_offset, end_offset)
		SELECT id, 0, 1, 0, 0 FROM d RETURNING id, document_id)
	INSERT INTO paragraphs (document_id, section_id, ordinal, text, start_offset, end_offset, search)
	SELECT s.document_id, s.id, i, '', 0, 0,
		CASE WHEN i % 2 = 0 THEN 'alpha:1 beta:2' ELSE 'beta:1' END::tsvector
	FROM s, generate_series(1, $1) i
	RETURNING document_id`, n).Scan(&doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Pool().Exec(ctx, `ANALYZE paragraphs`); err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestSearchCountIsExactUpToItsLimit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	doc := seedSearch(t, st, 300)
	other := doc + 1
	for _, c := range []struct {
		query, phrase  string
		document       *int64
		limit          int
		want, examined int
	}{
		{"'alpha'", "", nil, 1000, 150, 150},
		{"'alpha'", "", nil, 151, 150, 150},
		{"'alpha'", "", nil, 150, 150, 150}, // not known to be all
		{"'alpha'", "", nil, 101, 101, 101}, // the limit, not the matches
		{"'alpha' & 'beta'", "", nil, 1000, 150, 150},
		{"'beta'", "", nil, 1000, 300, 300},
		{"'beta'", "", &doc, 1000, 300, 300},
		{"'beta'", "", &other, 1000, 0, 0},
		{"'gamma'", "", nil, 1000, 0, 0},
		// A phrase is tested on the candidates, at most limit of them.
		{"'alpha' & 'beta'", "'alpha' <-> 'beta'", nil, 1000, 150, 150},
		{"'alpha' & 'beta'", "'beta' <-> 'alpha'", nil, 1000, 0, 150},
		{"'alpha' & 'beta'", "'beta' <-> 'alpha'", nil, 101, 0, 101},
	} {
		n, err := st.SearchCount(ctx, store.SearchParams{Query: c.query, DocumentID: c.document}, c.phrase, c.limit)
		if err != nil || n.Matches != c.want || n.Examined != c.examined || n.Exact(c.limit) != (c.examined < c.limit) {
			t.Errorf("SearchCount(%s, %q, document %v, limit %d) = %+v, %v; want %d of %d", c.query, c.phrase, c.document, c.limit, n, err, c.want, c.examined)
		}
	}
}

// A table this small is read by a sequential scan whenever the planner
// may: the count's plan uses the GIN index only because of
// SearchCountPlan.
func TestSearchCountReadsTheIndex(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	seedSearch(t, st, 300)
	p := store.SearchParams{Query: "'alpha' & 'beta'"}
	plan, err := st.SearchCountPlanJSON(ctx, p, 10001)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plan, `"Seq Scan"`) || !strings.Contains(plan, `"Bitmap Index Scan"`) {
		t.Errorf("the count's plan is not a bitmap scan of the index:\n%s", plan)
	}
	var unset string
	if err := st.Pool().QueryRow(ctx, `EXPLAIN (FORMAT JSON) SELECT count(*) FROM (SELECT 1 FROM paragraphs p
		WHERE p.search @@ $1::tsquery LIMIT 10001) s`, p.Query).Scan(&unset); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(unset, `"Seq Scan"`) {
		t.Errorf("without the setting the planner chose no sequential scan, so this test shows nothing:\n%s", unset)
	}
}

// The capped count is one round trip: its settings and the count go in
// one pipeline. The settings end with it (the connection keeps
// nothing), and the count, though pgx caches it as a prepared statement,
// is planned for its arguments every time, even on a connection whose
// session plans prepared statements generically.
func TestSearchCountIsOneRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.URL(t) + "&plan_cache_mode=force_generic_plan"
	if !strings.Contains(url, "?") {
		url = strings.Replace(url, "&", "?", 1)
	}
	st, err := store.OpenWith(ctx, url, store.Options{MaxConns: 1}) // one connection: the one the counts ran on
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	seedSearch(t, st, 300)
	p := store.SearchParams{Query: "'alpha' & 'beta'"}
	if _, err := st.SearchCount(ctx, p, "", 1001); err != nil { // prepares the statements
		t.Fatal(err)
	}
	cctx, c := store.WithStatementCounter(ctx)
	n, err := st.SearchCount(cctx, p, "", 1001)
	if err != nil || n.Matches != 150 {
		t.Fatalf("SearchCount = %+v, %v; want 150", n, err)
	}
	if c.RoundTrips() != 1 || c.Count() != 2 {
		t.Errorf("SearchCount took %d statements in %d round trips, want 2 in 1", c.Count(), c.RoundTrips())
	}
	for i := range 10 {
		p := store.SearchParams{Query: []string{"'alpha'", "'beta'"}[i%2]}
		if _, err := st.SearchCount(ctx, p, "", 1001); err != nil {
			t.Fatal(err)
		}
	}
	var seqscan, cacheMode string
	if err := st.Pool().QueryRow(ctx, `SELECT current_setting('enable_seqscan'), current_setting('plan_cache_mode')`).
		Scan(&seqscan, &cacheMode); err != nil {
		t.Fatal(err)
	}
	if seqscan != "on" || cacheMode != "force_generic_plan" {
		t.Errorf("after the counts the connection has enable_seqscan %s, plan_cache_mode %s; want on and force_generic_plan", seqscan, cacheMode)
	}
	var generic, custom int64
	if err := st.Pool().QueryRow(ctx, `SELECT generic_plans, custom_plans FROM pg_prepared_statements
		WHERE statement = $1`, countSQL(t)).Scan(&generic, &custom); err != nil {
		t.Fatalf("the count's prepared statement: %v", err)
	}
	if generic != 0 || custom < 12 {
		t.Errorf("the count ran %d generic and %d custom plans, want only custom ones (12)", generic, custom)
	}
}

// countSQL is SearchCount as PostgreSQL sees it.
func countSQL(t *testing.T) string {
	t.Helper()
	sql, _, err := pgx.NamedArgs{}.RewriteQuery(context.Background(), nil, store.SearchCount, nil)
	if err != nil {
		t.Fatal(err)
	}
	return sql
}
