package store_test

import (
	"context"
	"strings"
	"testing"

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
		query    string
		document *int64
		limit    int
		want     int
	}{
		{"'alpha'", nil, 1000, 150},
		{"'alpha'", nil, 151, 150},
		{"'alpha'", nil, 150, 150},
		{"'alpha'", nil, 101, 101}, // the limit, not the matches
		{"'alpha' & 'beta'", nil, 1000, 150},
		{"'beta'", nil, 1000, 300},
		{"'beta'", &doc, 1000, 300},
		{"'beta'", &other, 1000, 0},
		{"'gamma'", nil, 1000, 0},
	} {
		n, err := st.SearchCount(ctx, store.SearchParams{Query: c.query, DocumentID: c.document}, c.limit)
		if err != nil || n != c.want {
			t.Errorf("SearchCount(%s, document %v, limit %d) = %d, %v; want %d", c.query, c.document, c.limit, n, err, c.want)
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
