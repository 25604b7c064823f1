package pdftext

import (
	"regexp"
	"sort"
	"strings"
)

// reReferencesHeading heads a reference list: its items are the
// references section's paragraphs, never the page's footnotes, though
// they stand small at a page's foot.
var reReferencesHeading = regexp.MustCompile(`^(?:参\s*考\s*文\s*献|引\s*用\s*文\s*献|文\s*献|References|REFERENCES|Bibliography)$`)

// reReferenceItem opens a reference list's item: 「[3]」「3.」「3)」, or
// brackets whose number was read as a raised mark (「[] Ken Thompson」).
var reReferenceItem = regexp.MustCompile(`^(?:[\[［][0-9]{0,3}[\]］]|[0-9]{1,3}[.)）])`)

// referenceColumns puts a reference list set in columns under its heading
// (a word processor's abstract sets a one-column page's references in two)
// in reading order: the left column's lines, then the right's. Read line
// by line across the gutter, items of both columns alternate and each
// item's second line runs on under another.
func referenceColumns(all []line) {
	for h := 0; h < len(all); h++ {
		if !reReferencesHeading.MatchString(strings.TrimSpace(all[h].text)) {
			continue
		}
		end := h + 1
		for end < len(all) && all[end].page == all[h].page {
			end++
		}
		run := all[h+1 : end]
		if gutter, ok := referenceGutter(run); ok {
			sort.SliceStable(run, func(i, j int) bool {
				li, lj := run[i].x0 >= gutter, run[j].x0 >= gutter
				if li != lj {
					return !li
				}
				return run[i].top < run[j].top
			})
		}
		h = end - 1
	}
}

// referenceGutter finds the blank between two columns of a reference
// list: no line crosses it, and both sides hold two items at least.
func referenceGutter(run []line) (float64, bool) {
	if len(run) < 4 {
		return 0, false
	}
	var gutter float64
	for _, l := range run {
		if reReferenceItem.MatchString(l.text) && l.x0 > gutter && l.x0 > run[0].x0+10*l.em {
			gutter = l.x0 // the right column's left edge, as far as its items go
		}
	}
	if gutter == 0 {
		return 0, false
	}
	left, right := 0, 0
	for _, l := range run {
		switch {
		case l.x1 <= gutter:
			if reReferenceItem.MatchString(l.text) {
				left++
			}
		case l.x0 >= gutter-0.5*l.em:
			if reReferenceItem.MatchString(l.text) {
				right++
			}
		default:
			return 0, false // a line across the gutter: one column
		}
	}
	return gutter - 0.5*run[0].em, left >= 2 && right >= 2
}
