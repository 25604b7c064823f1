package server_test

import (
	"net/http/httptest"
	"slices"
	"strings"
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

// TestPlaygroundInABrowser drives the playground at / against the real
// server with serve's default limits: the explorer lists the root fields
// of the schema GraphiQL introspected, the editor completes field names,
// and every example tab answers with data and no errors.
func TestPlaygroundInABrowser(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srv := httptest.NewServer(guarded(t, f, testPolicy()).handler)
	defer srv.Close()

	b := browsertest.Start(t)
	tab := b.NewTab(t, srv.URL)
	answers := browsertest.CheckPlayground(tab, 5, []string{"documents", "compare", "search", "topics", "works", "node"})
	tab.Screenshot("playground")
	if !strings.Contains(answers[0], `"stance"`) || !strings.Contains(answers[0], `"position"`) {
		t.Errorf("the first example's answer has no stance: %.500s", answers[0])
	}
	// The @defer tab: its answer came in parts, which GraphiQL merged.
	if types := tab.MediaTypes("/graphql"); !slices.Contains(types, "multipart/mixed") {
		t.Errorf("no answer of the playground was multipart/mixed: %v", types)
	}
	if !strings.Contains(answers[4], `"title"`) || !strings.Contains(answers[4], `"text"`) || !strings.Contains(answers[4], "ロシア") {
		t.Errorf("the @defer example's answer lacks the title or the deferred text: %.500s", answers[4])
	}
	tab.RequireNoProblems()
}
