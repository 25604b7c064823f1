package htmldoc

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/doccheck"
)

// A held-out set kept outside the repository is scored the same way as
// the fixtures: go test ./internal/htmldoc -run TestAccuracy -pages DIR
// -expect DIR -v prints the share right per field besides the total.
var (
	pagesDir  = flag.String("pages", ownPages, "directory of pages TestAccuracy scores")
	expectDir = flag.String("expect", "testdata/expect", "directory of their expectation files")
)

// TestAccuracy scores every fixture page against the expectations a
// reviewer wrote from the page (testdata/expect), and checks every quoted
// passage anchors in the document's text.
//
// The project's own fixtures must pass every check: doccheck's 98% gate
// is for pages no one tuned on, and on fixtures it would let a wrong
// expectation or a regression on one field slip through. A held-out
// directory passed with -pages keeps that gate.
func TestAccuracy(t *testing.T) {
	misses := byField(t, *pagesDir, *expectDir)
	doccheck.Fixtures(t, *pagesDir, *expectDir, Parse, nil)
	if *pagesDir == ownPages {
		for _, m := range misses {
			t.Errorf("own fixture: %s", m)
		}
	}
}

const ownPages = "testdata/pages"

// byField logs the share of checks right for each field of the
// expectations over all pages: one expectation is scored field by field.
// It returns every miss, named by page.
func byField(t *testing.T, pages, expects string) []string {
	t.Helper()
	entries, err := os.ReadDir(pages)
	if err != nil {
		t.Fatal(err)
	}
	right, total := map[string]int{}, map[string]int{}
	var misses []string
	for _, e := range entries {
		name := e.Name()
		want, err := doccheck.Load(filepath.Join(expects, strings.TrimSuffix(name, filepath.Ext(name))+".yaml"))
		if err != nil {
			continue // Fixtures reports it
		}
		raw, err := os.ReadFile(filepath.Join(pages, name))
		if err != nil {
			t.Fatal(err)
		}
		d, _ := Parse(name, raw)
		for field, only := range fields(want) {
			var r doccheck.Result
			if d != nil {
				r = doccheck.Score(d, only)
			} else {
				r = doccheck.Result{Checks: doccheck.Score(&emptyDoc, only).Checks}
				r.Misses = make([]string, r.Checks)
			}
			right[field] += r.Checks - len(r.Misses)
			total[field] += r.Checks
			for _, m := range r.Misses {
				misses = append(misses, name+": "+m)
			}
		}
	}
	names := make([]string, 0, len(total))
	for f := range total {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		t.Logf("field %-12s %4d/%-4d %5.1f%%", f, right[f], total[f], 100*float64(right[f])/float64(total[f]))
	}
	sort.Strings(misses)
	return misses
}

var emptyDoc doc.Document

// fields splits an expectation into one per field it sets.
func fields(e *doccheck.Expect) map[string]*doccheck.Expect {
	out := map[string]*doccheck.Expect{}
	add := func(name string, set bool, fill func(x *doccheck.Expect)) {
		if set {
			x := &doccheck.Expect{}
			fill(x)
			out[name] = x
		}
	}
	add("title", e.Title != nil, func(x *doccheck.Expect) { x.Title = e.Title })
	add("subtitle", e.Subtitle != nil, func(x *doccheck.Expect) { x.Subtitle = e.Subtitle })
	add("publisher", e.Publisher != nil, func(x *doccheck.Expect) { x.Publisher = e.Publisher })
	add("series", e.Series != nil || e.SeriesNumber != nil, func(x *doccheck.Expect) { x.Series, x.SeriesNumber = e.Series, e.SeriesNumber })
	add("published", e.PublishedOn != nil || e.PublishedAt != nil, func(x *doccheck.Expect) { x.PublishedOn, x.PublishedAt = e.PublishedOn, e.PublishedAt })
	add("updated", e.UpdatedOn != nil, func(x *doccheck.Expect) { x.UpdatedOn = e.UpdatedOn })
	add("authors", e.Authors != nil, func(x *doccheck.Expect) { x.Authors = e.Authors })
	add("headings", e.Headings != nil, func(x *doccheck.Expect) { x.Headings = e.Headings })
	add("paragraphs", e.Paragraphs != nil || e.Quotes != nil, func(x *doccheck.Expect) { x.Paragraphs, x.Quotes = e.Paragraphs, e.Quotes })
	add("footnotes", e.Footnotes != nil || e.FootnoteCount != nil || e.Markers != nil, func(x *doccheck.Expect) {
		x.Footnotes, x.FootnoteCount, x.Markers = e.Footnotes, e.FootnoteCount, e.Markers
	})
	add("captions", e.Captions != nil, func(x *doccheck.Expect) { x.Captions = e.Captions })
	add("chrome", e.NotInText != nil || e.Removed != nil, func(x *doccheck.Expect) { x.NotInText, x.Removed = e.NotInText, e.Removed })
	return out
}
