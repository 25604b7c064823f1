package webui

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/sourcecmp/sourcecmp/internal/webui/browsertest"
)

// fakeServer serves the pages with the fake API behind /graphql.
func fakeServer(t *testing.T) (*httptest.Server, *fakeAPI) {
	t.Helper()
	api := newFakeAPI(t)
	mux := http.NewServeMux()
	mux.Handle("/graphql", api)
	mux.Handle("/", Handler(Options{}))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, api
}

func TestBrowserCompareToReader(t *testing.T) {
	t.Parallel()
	b := browsertest.Start(t)
	srv, api := fakeServer(t)
	tab := b.NewTab(t, srv.URL)

	cols := browsertest.CheckCompare(tab, "china-role", 5)
	var noStance int
	for _, c := range cols {
		if !c.Stance {
			noStance++
		}
	}
	if noStance != 1 {
		t.Errorf("%d columns say they take no stance, want the 1 the fixture has", noStance)
	}
	tab.FullScreenshot("compare")
	browsertest.CheckLanguageToggle(tab)

	// The first column is the newest document, whose first quote has a
	// character outside the BMP before it (fixture_test.go).
	first := cols[0]
	if len(first.Citations) == 0 {
		t.Fatalf("the first column has no citations: %+v", first)
	}
	browsertest.CheckCitationLanding(tab, first, first.Citations[0])
	tab.Screenshot("reader")

	// Every other quote lands too; some sit in paragraphs with footnotes,
	// which must then show beside them.
	withNotes := 0
	for _, c := range cols {
		for _, ci := range c.Citations {
			browsertest.CheckCompare(tab, "china-role", 5)
			if browsertest.CheckCitationLanding(tab, c, ci) {
				if withNotes++; withNotes == 1 {
					tab.Screenshot("reader-footnotes")
				}
			}
		}
	}
	if withNotes == 0 {
		t.Error("no quote of the fixture sits in a paragraph with footnotes; the footnote check never ran")
	}

	// The language choice outlives the page: English summaries and labels
	// after a reload, from the same data.
	tab.Do("switch to English", chromedp.Click(chromedp.CSS(`[data-testid="lang-toggle"]`)))
	en := browsertest.CheckCompare(tab, "china-role", 5)
	for _, c := range en {
		if c.Stance && (!isASCII(c.Summary) || !isASCII(c.Position)) {
			t.Errorf("column %s in English shows %q: %q", c.Slug, c.Position, c.Summary)
		}
	}
	tab.FullScreenshot("compare-en")
	tab.Do("switch back to Japanese", chromedp.Click(chromedp.CSS(`[data-testid="lang-toggle"]`)))
	tab.RequireNoProblems()

	for _, op := range []string{"Topics", "Compare", "Reader", "Citation"} {
		if !slices.Contains(api.served(), op) {
			t.Errorf("the pages never sent %s; served %v", op, api.served())
		}
	}
}

func TestBrowserNarrowScreen(t *testing.T) {
	t.Parallel()
	b := browsertest.Start(t)
	srv, _ := fakeServer(t)
	tab := b.NewTab(t, srv.URL)
	tab.Do("narrow the window", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	cols := browsertest.CheckCompare(tab, "china-role", 5)
	// Stacked, every column takes the full width.
	if w := browsertest.Eval[float64](tab, `document.querySelector('[data-testid="document-column"]').getBoundingClientRect().width`); w < 300 {
		t.Errorf("on a phone a column is %.0f px wide, want it stacked at full width", w)
	}
	tab.FullScreenshot("compare")
	browsertest.CheckCitationLanding(tab, cols[0], cols[0].Citations[0])
	tab.Screenshot("reader")
	tab.RequireNoProblems()
}

func TestBrowserReader(t *testing.T) {
	t.Parallel()
	b := browsertest.Start(t)
	srv, api := fakeServer(t)
	tab := b.NewTab(t, srv.URL)

	// The document with the most footnotes: markers must come back as links.
	tab.Do("open a reader", chromedp.Navigate(tab.URL("/documents/003_102feb90fe83f811")),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="document-title"]`)))
	refs := browsertest.Eval[int](tab, `document.querySelectorAll('sup.fnref a').length`)
	notes := browsertest.Eval[int](tab, `document.querySelectorAll('.endnotes li').length`)
	if refs != 52 || notes != 52 {
		t.Errorf("reader shows %d footnote markers and %d notes, want the seed's 52 of each", refs, notes)
	}
	if marks := browsertest.Eval[int](tab, `document.querySelectorAll('mark').length`); marks != 0 {
		t.Errorf("%d marks without a citation", marks)
	}

	// ?citation= works as #c= does; a citation of another document sends
	// the reader there.
	var cite obj
	for _, o := range api.nodes {
		if o["__typename"] == "Citation" && o["document"].(obj)["slug"] == "002_e5952df28872fc73" {
			cite = o
		}
	}
	if cite == nil {
		t.Fatal("the fixture has no citation in 002_e5952df28872fc73")
	}
	for _, path := range []string{
		"/documents/002_e5952df28872fc73?citation=" + url.QueryEscape(cite["id"].(string)),
		"/documents/003_102feb90fe83f811#c=" + url.QueryEscape(cite["id"].(string)),
	} {
		tab.Do("open "+path, chromedp.Navigate(tab.URL(path)), chromedp.WaitVisible(chromedp.CSS(`mark[data-testid="citation-mark"]`)))
		if p := browsertest.Eval[string](tab, `location.pathname`); p != "/documents/002_e5952df28872fc73" {
			t.Errorf("%s: reader at %s, want the citation's document", path, p)
		}
		if got := browsertest.Eval[string](tab, `document.querySelector('mark[data-testid="citation-mark"]').textContent`); got != cite["quote"] {
			t.Errorf("%s: marked %q, want %q", path, got, cite["quote"])
		}
	}

	tab.Do("open a missing document", chromedp.Navigate(tab.URL("/documents/no-such-document")),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid="error"]`)))
	if msg := browsertest.Eval[string](tab, `document.querySelector('[data-testid="error"] h1').textContent`); !strings.Contains(msg, "見つかりません") {
		t.Errorf("missing document says %q", msg)
	}
	tab.RequireNoProblems()
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > 0x7f && r != '–' && r != '’' {
			return false
		}
	}
	return s != ""
}
