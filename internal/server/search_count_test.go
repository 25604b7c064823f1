package server_test

import (
	"context"
	"regexp"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/search"
)

// countWord is a word no seed document says; the test writes its
// paragraphs itself.
const countWord = "ゾルゲル"

// TestSearchTotalCountCap checks totalCount around its cap of 10,000:
// counted exactly up to it, flagged estimated above it, and the
// planner's estimate, not counted, far above it.
func TestSearchTotalCountCap(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	db := f.store.Pool()
	tsq, ok := search.Query(countWord)
	lexeme := regexp.MustCompile(`^'[^']+'$`)
	if !ok || !lexeme.MatchString(tsq) {
		t.Fatalf("%s analyses to %q, want one lexeme", countWord, tsq)
	}
	// add writes paragraphs that hold the word once, to reach total.
	written := 0
	add := func(total int) {
		t.Helper()
		_, err := db.Exec(ctx, `INSERT INTO paragraphs (document_id, section_id, ordinal, text, start_offset, end_offset, search)
		SELECT p.document_id, p.section_id, 1000000 + i, $1, 0, 0, ($2 || ':1')::tsvector
		FROM (SELECT document_id, section_id FROM paragraphs ORDER BY id LIMIT 1) p, generate_series($3::int + 1, $4::int) i`,
			countWord, tsq, written, total)
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
		exact   bool
	}{{10000, true}, {10001, false}, {40000, false}} {
		add(c.matches)
		var got searchAnswer
		f.query(t, searchPage, map[string]any{"q": countWord}, &got)
		s := got.Search
		switch {
		case s.TotalCountIsExact != c.exact:
			t.Errorf("%d matches: totalCountIsExact %v, want %v", c.matches, s.TotalCountIsExact, c.exact)
		case c.exact && s.TotalCount != c.matches:
			t.Errorf("%d matches: exact totalCount %d", c.matches, s.TotalCount)
		case !c.exact && s.TotalCount <= 10000:
			t.Errorf("%d matches: estimated totalCount %d, want above the cap", c.matches, s.TotalCount)
		case !c.exact && c.matches > 30000 && s.TotalCount <= 30000:
			t.Errorf("%d matches: estimated totalCount %d, want the planner's estimate above 30,000", c.matches, s.TotalCount)
		}
		if len(s.Nodes) != 10 || !s.PageInfo.HasNextPage {
			t.Errorf("%d matches: %d hits, next page %v; want a full page and more", c.matches, len(s.Nodes), s.PageInfo.HasNextPage)
		}
	}
}
