package server_test

import (
	"net/http/httptest"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/webui/browsertest"
)

// TestComparisonPageInABrowser drives the real server (seeds, taxonomy,
// curated stances) in headless Chromium: /compare shows a column per
// document for china-role, and a citation click lands on the reader with
// the quote highlighted. Screenshots go to SOURCECMP_ARTIFACTS.
func TestComparisonPageInABrowser(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srv := httptest.NewServer(f.handler)
	defer srv.Close()

	b := browsertest.Start(t)
	tab := b.NewTab(t, srv.URL)
	cols := browsertest.CheckCompare(tab, "china-role", 5)
	tab.FullScreenshot("compare-china-role")
	withStance := 0
	var first *browsertest.Column
	for i, c := range cols {
		if !c.Stance {
			if c.Slug != "003_102feb90fe83f811" {
				t.Errorf("%s: shown without a stance", c.Slug)
			}
			continue
		}
		withStance++
		if len(c.Citations) < 2 {
			t.Errorf("%s: %d quotes shown", c.Slug, len(c.Citations))
		}
		if first == nil {
			first = &cols[i]
		}
	}
	if withStance != 4 || first == nil {
		t.Fatalf("%d columns with a stance, want 4", withStance)
	}
	browsertest.CheckCitationLanding(tab, *first, first.Citations[0])
	tab.Screenshot("reader-citation")
	tab.RequireNoProblems()
}
