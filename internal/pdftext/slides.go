package pdftext

import (
	"math"
	"strings"
	"unicode"
)

// slides tells slides exported to PDF (PowerPoint, Keynote, Impress,
// Beamer): three pages or more, every one wider than it is tall, with
// little text on each. A slide's text is set large throughout, in
// boxes whose right edges say nothing of where a paragraph ends, so the
// reader takes each slide's title (its largest line near the top) as a
// heading, its bullets as paragraphs, and its chart's labels out.
func (b *builder) slides() {
	b.slideTitle = make([]bool, len(b.lines))
	if len(b.pages) < 3 {
		return
	}
	chars := 0
	for _, p := range b.pages {
		if p.width < 1.2*p.height {
			return
		}
	}
	for _, l := range b.lines {
		chars += len([]rune(l.text))
	}
	if chars > 700*len(b.pages) {
		return // pages of running text set landscape: a report, not slides
	}
	b.deck = true
	for p := range b.pages {
		// The title is the largest line near the top, unless that is a
		// bullet set larger than the title above it: then the topmost.
		big, first := 0.0, -1
		top := math.Inf(1)
		for _, l := range b.lines {
			if l.page == p && l.top < 0.3*b.pages[p].height && !rePageNumber.MatchString(l.text) {
				if l.size > big && !reItemLabel.MatchString(l.text) {
					big = l.size
				}
				top = math.Min(top, l.top)
			}
		}
		for _, l := range b.lines {
			if l.page == p && l.top == top && !reItemLabel.MatchString(l.text) && !rePageNumber.MatchString(l.text) {
				big = math.Min(big, l.size) // the topmost line heads the slide
				break
			}
		}
		for i, l := range b.lines {
			if l.page != p || l.top >= 0.3*b.pages[p].height || l.size < 0.97*big || rePageNumber.MatchString(l.text) {
				continue
			}
			if reItemLabel.MatchString(l.text) {
				break // a bullet set as large as the title is the slide's text
			}
			if first >= 0 && l.top-b.lines[first].bottom > 0.8*l.em {
				break
			}
			if first < 0 || i == first+1 {
				b.slideTitle[i] = true
				first = i
			}
		}
	}
}

// slideBreak reports whether l opens a new paragraph on a slide: a new
// slide, a bullet or a number, a change of size, a blank, or a line set
// out to the left of the one above; a bullet's next lines run on.
func (b *builder) slideBreak(prev, l line) bool {
	return l.page != prev.page || reItemLabel.MatchString(l.text) || math.Abs(l.size-prev.size) > 0.1*l.size ||
		l.top-prev.bottom > 0.8*l.em || l.x0 < prev.x0-0.5*l.em || l.x0 > prev.x0+3*l.em || strings.HasSuffix(prev.text, "。")
}

// chartLabel reports a slide's line that is a chart's or a diagram's
// label, not text: figures alone (「9.0%」「204 199」), or a word or two.
func chartLabel(s string) bool {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= 5 {
		return true
	}
	for _, c := range r {
		if !unicode.IsDigit(c) && !strings.ContainsRune(" 　.,%％()（）-－+＋/年月日件人億万千", c) {
			return false
		}
	}
	return true
}
