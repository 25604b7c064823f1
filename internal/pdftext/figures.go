package pdftext

import (
	"math"
	"strings"
)

// figureLabels removes the words drawn inside a figure (a diagram's box
// labels, axis names) that stand above its caption: the lines in the
// caption's column between it and the body text above, as long as they
// are set in another size than the body or are fragments (no full line,
// no sentence's end). Read as text they would become a title (a label set
// large), headings or stray paragraphs.
func (b *builder) figureLabels() {
	if b.deck {
		return // a slide's figures are captioned among its bullets, set as large
	}
	for c, l := range b.lines {
		if b.used[c] || !isCaption(l.text) {
			continue
		}
		width := b.rightOf(l) - b.leftOf(l)
		for j := c - 1; j >= 0; j-- {
			m := b.lines[j]
			if m.page != l.page || m.colRight != l.colRight || m.top < l.top-0.5*b.pages[l.page].height {
				break
			}
			if b.used[j] {
				continue
			}
			bodySize := math.Abs(m.size-b.body) < 0.05*b.body
			if bodySize && m.x1 < l.x0-l.em && m.x0 <= b.leftOf(m)+2*l.em && m.x1-m.x0 > 0.3*width {
				continue // the text wrapped around the figure, beside it
			}
			if bodySize && (m.x1-m.x0 > 0.6*width || strings.HasSuffix(m.text, ".") || strings.HasSuffix(m.text, "。") || strings.HasSuffix(m.text, "．")) {
				break
			}
			if reCaption.MatchString(m.text) || numberedHeading(m) && b.isHeading(j) {
				break // a numbered heading over the figure starts the section it is in
			}
			b.remove(j, "figure")
		}
	}
}
