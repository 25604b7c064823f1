package server_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/search"
)

// countWords are two words no seed document says; the test writes their
// paragraphs itself.
var countWords = [2]string{"ゾルゲル", "ヘリウム"}

// TestSearchTotalCountCap checks totalCount around its cap of 1,000: a
// query of one word is exact at any size (its count is a lookup in
// search_lexemes); a query of two is counted exactly up to the cap,
// flagged estimated above it, and estimated, not counted, far above it.
func TestSearchTotalCountCap(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	db := f.store.Pool()
	lexeme := regexp.MustCompile(`^'[^']+'$`)
	var tsq [2]string
	for i, w := range countWords {
		q, ok := search.Query(w)
		if !ok || !lexeme.MatchString(q) {
			t.Fatalf("%s analyses to %q, want one lexeme", w, q)
		}
		tsq[i] = q
	}
	both := countWords[0] + " " + countWords[1]
	// add writes paragraphs that hold both words once, to reach total.
	written := 0
	add := func(total int) {
		t.Helper()
		_, err := db.Exec(ctx, `INSERT INTO paragraphs (document_id, section_id, ordinal, text, start_offset, end_offset, search)
		SELECT p.document_id, p.section_id, 1000000 + i, $1, 0, 0, ($2 || ':1 ' || $3 || ':3')::tsvector
		FROM (SELECT document_id, section_id FROM paragraphs ORDER BY id LIMIT 1) p, generate_series($4::int + 1, $5::int) i`,
			both, tsq[0], tsq[1], written, total)
		if err != nil {
			t.Fatal(err)
		}
		written = total
		if _, err := db.Exec(ctx, `ANALYZE paragraphs`); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		matches int
		exact   bool // for both words
	}{{1000, true}, {1001, false}, {4000, false}} {
		add(c.matches)
		for _, q := range []string{countWords[0], both} {
			exact := c.exact || q == countWords[0]
			var got searchAnswer
			f.query(t, searchPage, map[string]any{"q": q}, &got)
			s := got.Search
			switch {
			case s.TotalCountIsExact != exact:
				t.Errorf("%s, %d matches: totalCountIsExact %v, want %v", q, c.matches, s.TotalCountIsExact, exact)
			case exact && s.TotalCount != c.matches:
				t.Errorf("%s, %d matches: exact totalCount %d", q, c.matches, s.TotalCount)
			case !exact && s.TotalCount <= 1000:
				t.Errorf("%s, %d matches: estimated totalCount %d, want above the cap", q, c.matches, s.TotalCount)
			case !exact && c.matches > 3000 && s.TotalCount <= 3000:
				t.Errorf("%s, %d matches: estimated totalCount %d, want the estimate above 3,000", q, c.matches, s.TotalCount)
			}
			if len(s.Nodes) != 10 || !s.PageInfo.HasNextPage {
				t.Errorf("%s, %d matches: %d hits, next page %v; want a full page and more", q, c.matches, len(s.Nodes), s.PageInfo.HasNextPage)
			}
		}
	}
}
