package pdftext

import (
	"regexp"
	"strings"
)

var (
	// reTocEntry ends a table of contents' entry: dot leaders, then the
	// page number, bare or between dashes as the pages' own (「- 2 -」).
	reTocEntry = regexp.MustCompile(`(?:\.{4,}|(?:\. ){3,}\.|…{2,}|‥{2,}|(?:・ ?){4,}|．{4,}|･{4,}|·{4,})\s*(?:[0-9０-９ivxIVX]{0,4}|[-－‐]\s*[0-9０-９]{1,3}\s*[-－‐])$`)
	// reTocPageNumber ends an entry set with a tab and no leaders:
	// 「2.1　PWM制御を用いる回路　4」.
	reTocPageNumber = regexp.MustCompile(`\S[ 　]*[　\t][ 　]*[0-9０-９]{1,3}$`)
	reTocHead       = regexp.MustCompile(`(?i)^(?:[〔［【][\s　]*)?(?:目[\s　]*次|contents|table of contents)(?:[\s　]*[〕］】])?$`)
)

// contents removes a table of contents: on a page with three or more
// entries ending in dot leaders and page numbers, the entries, the lines
// of an entry wrapped before its leaders, and the page's 目次 heading.
// Left in, every title of the report would be read twice, once with
// its page number.
func (b *builder) contents() {
	entries := map[int]int{}
	headed := map[int]bool{} // the pages that open with 目次
	for _, l := range b.lines {
		if reTocHead.MatchString(strings.TrimSpace(l.text)) {
			headed[l.page] = true
		}
		if reTocEntry.MatchString(l.text) || headed[l.page] && reTocPageNumber.MatchString(l.text) {
			entries[l.page]++
		}
	}
	// A page mostly of entries is the contents: all of it goes, entries
	// wrapped over three lines and leaders cut short (「.. 28」) too.
	lines := map[int]int{}
	for _, l := range b.lines {
		lines[l.page]++
	}
	// It starts at its 目次 heading or its first entry: a title page's
	// title, date and author above the contents stay.
	started := map[int]bool{}
	for i, l := range b.lines {
		if reTocHead.MatchString(strings.TrimSpace(l.text)) || reTocEntry.MatchString(l.text) {
			started[l.page] = true
		}
		if !b.used[i] && headed[l.page] && started[l.page] && reTocPageNumber.MatchString(l.text) && entries[l.page] >= 5 {
			b.remove(i, "contents") // an entry with no leaders, its page number after a tab
			continue
		}
		if !b.used[i] && started[l.page] && entries[l.page] >= 5 && 5*entries[l.page] >= 2*lines[l.page] {
			b.remove(i, "contents")
		}
	}
	for i := len(b.lines) - 1; i >= 0; i-- {
		l := b.lines[i]
		if b.used[i] || entries[l.page] < 3 {
			continue
		}
		wrapped := false
		if j := i + 1; j < len(b.lines) && b.lines[j].page == l.page && reTocEntry.MatchString(b.lines[j].text) &&
			!reTocEntry.MatchString(l.text) && b.lines[j].top-l.bottom < b.lead+0.6*l.em && !strings.HasSuffix(l.text, "。") {
			wrapped = b.lines[j].x0 > l.x0+0.5*l.em // the entry's next line is set in under its label
		}
		if reTocEntry.MatchString(l.text) || wrapped || reTocHead.MatchString(strings.TrimSpace(l.text)) {
			b.remove(i, "contents")
		}
	}
}
