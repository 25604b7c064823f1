package pdftext

import (
	"math"
	"strings"
)

// noticeFront reads the front of a document whose title is set in the
// body's size, as official notices (公文書) and many word-processor
// reports are: the document number and date at the right, the addressee
// at the left (「各都道府県…御中」), the sender at the right, then the
// title centred on the page, often ending 「について」. The title is the
// first centred run of lines above the first body paragraph; the lines
// above it are front matter (their dates are read), and the run may wrap
// over two or three lines that begin at the same x.
func (b *builder) noticeFront(first []int) {
	half := 0.5 * b.pages[0].height
	mid := (b.left + b.right) / 2
	centred := func(l line) bool {
		c := (l.x0 + l.x1) / 2
		return l.x0 > b.left+2*l.em && l.x1 < b.right-2*l.em && math.Abs(c-mid) < 1.5*l.em &&
			!strings.HasSuffix(l.text, "。") && len([]rune(l.text)) >= 6
	}
	start := -1
	for k, i := range first {
		l := b.lines[i]
		if l.top > half {
			break
		}
		if centred(l) {
			start = k
			break
		}
		if l.x0 <= b.left+l.em && l.x1 >= b.right-2*l.em {
			return // a body line before any centred one: no such title
		}
	}
	if start <= 0 {
		return // a title with no front matter above it is only a centred line
	}
	end := start + 1
	for end < len(first) && end < start+3 {
		p, l := b.lines[first[end-1]], b.lines[first[end]]
		if l.page != 0 || math.Abs(l.x0-p.x0) > 0.5*l.em || l.top-p.bottom > 1.2*l.em || strings.HasSuffix(p.text, "について") || !centredOrLeftOf(l, p) {
			break
		}
		end++
	}
	for _, i := range first[:start] {
		if !b.headerLine(i, false) {
			b.remove(i, "front-matter")
		}
	}
	var title []string
	for _, i := range first[start:end] {
		title = append(title, b.lines[i].text)
		b.used[i] = true
	}
	t := joinAll(title)
	b.d.Title = &t
}

// centredOrLeftOf reports a wrapped title's next line: it starts where the
// line above does and ends no further right.
func centredOrLeftOf(l, above line) bool {
	return l.x1 <= above.x1+0.5*l.em
}
