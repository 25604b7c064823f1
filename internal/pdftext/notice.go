package pdftext

import (
	"math"
	"regexp"
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
	left, right := b.firstPageEdges()
	mid := (left + right) / 2
	centred := func(l line) bool {
		c := (l.x0 + l.x1) / 2
		// A long title stands nearly from margin to margin: centred
		// within half an em, it is still set apart from both.
		apart := l.x0 > left+2*l.em && l.x1 < right-2*l.em && math.Abs(c-mid) < 1.5*l.em ||
			l.x0 > left+0.5*l.em && l.x1 < right-0.5*l.em && math.Abs(c-mid) < 0.5*l.em
		return apart && !strings.HasSuffix(l.text, "。") && len([]rune(l.text)) >= 6
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
		// A title too long to be centred starts at the left, standing
		// apart right below the sender set at the right.
		if k > 0 && l.x0 <= b.leftOf(l)+l.em && b.lines[first[k-1]].x0 > mid && !strings.HasSuffix(l.text, "。") &&
			!reAddressee.MatchString(l.text) && b.standsApart(first, k) {
			start = k
			break
		}
		// A title filling the first line wraps to a centred second line
		// (「…法律の施行に伴う」「関係政令の…について（概要）」).
		if k == 0 && len(first) > 2 && l.top < half && !strings.HasSuffix(l.text, "。") && centred(b.lines[first[1]]) &&
			b.lines[first[1]].top-l.bottom < 1.2*l.em && b.lines[first[2]].top-b.lines[first[1]].bottom > b.lead+0.5*l.em {
			b.takeTitle(first[:2])
			b.rightAfterTitle(first[2:])
			return
		}
		if l.x0 <= b.leftOf(l)+l.em && l.x1 >= b.rightOf(l)-2*l.em {
			// Any other full line before a centred one is the body: no
			// such title.
			b.titleAboveDate(first)
			return
		}
	}
	if start == 0 && b.titleFirst(first) {
		return
	}
	if start <= 0 {
		// A title with no front matter above it is only a centred line,
		// unless a dateline set at the right follows it.
		if !b.titleAboveDate(first) {
			b.titleSetIn(first)
		}
		return
	}
	end := start + 1
	for end < len(first) && end < start+3 {
		p, l := b.lines[first[end-1]], b.lines[first[end]]
		// The next line starts where the title's first does, or is
		// centred as it is (a wider second line).
		aligned := math.Abs(l.x0-p.x0) <= 0.5*l.em && centredOrLeftOf(l, p) || centred(l) && centred(p) && l.size == p.size
		// A title set in the body's size wraps at the body's line pitch,
		// which a word processor's grid may make wider than an em.
		if l.page != 0 || !aligned || l.top-p.bottom > math.Max(1.2*l.em, 1.05*b.lead) || strings.HasSuffix(p.text, "について") {
			break
		}
		end++
	}
	for k, i := range first[:start] {
		// The sender's name right above the title: a personal name at
		// the right (a letter's), not a body's.
		if k == start-1 && b.lines[i].x0 > mid && len(b.d.Authors) == 0 {
			if a, ok := coverAuthor(b.lines[i].text); ok {
				b.d.Authors = append(b.d.Authors, a)
				b.used[i] = true
				continue
			}
		}
		if !b.headerLine(i, false) {
			b.remove(i, "front-matter")
		}
	}
	b.takeTitle(first[start:end])
	b.rightAfterTitle(first[end:])
}

// titleSetIn reads a summary sheet's title (「…について（概要）」): the
// first page's first line, set in from the margin and ending well short
// of the other, no sentence, standing a blank line above a numbered
// heading that opens the body at the margin.
func (b *builder) titleSetIn(first []int) {
	if len(first) < 2 {
		return
	}
	t, n := b.lines[first[0]], b.lines[first[1]]
	left, right := b.firstPageEdges()
	if t.page != 0 || t.top > 0.3*b.pages[0].height || t.x0 < left+t.em || t.x1 > right-2*t.em ||
		strings.HasSuffix(t.text, "。") || len([]rune(t.text)) < 6 || strings.ContainsRune(t.text, '、') {
		return
	}
	if n.top-t.bottom < b.lead+0.5*t.em || n.x0 > left+0.5*n.em || !numberedHeading(n) {
		return
	}
	b.takeTitle(first[:1])
}

// rightAfterTitle files the short lines set at the right right under the
// title: its date and the body issuing it (「平成25年８月７日」
// 「薬物乱用対策推進会議」).
func (b *builder) rightAfterTitle(rest []int) {
	left, right := b.firstPageEdges()
	for _, i := range rest {
		l := b.lines[i]
		if l.page != 0 || l.x0 <= (left+right)/2 || len([]rune(l.text)) > 30 || strings.HasSuffix(l.text, "。") {
			return
		}
		if !b.headerLine(i, false) {
			b.remove(i, "front-matter")
		}
	}
}

// titleFirst reads a title that opens the first page, centred and set
// larger than the body, and a subtitle centred under it between dashes
// or waves (「～今後の…について～」).
func (b *builder) titleFirst(first []int) bool {
	left, right := b.firstPageEdges()
	mid := (left + right) / 2
	centred := func(l line) bool {
		return math.Abs((l.x0+l.x1)/2-mid) < 1.5*l.em && l.x0 > left+2*l.em && !strings.HasSuffix(l.text, "。")
	}
	t := b.lines[first[0]]
	if !centred(t) || t.size < 1.1*b.body {
		return false
	}
	b.takeTitle(first[:1])
	next := 1
	if len(first) > 1 {
		if s := b.lines[first[1]]; centred(s) && reEnclosed.MatchString(s.text) {
			text := s.text
			b.d.Subtitle = &text
			b.used[first[1]] = true
			next = 2
		}
	}
	b.rightAfterTitle(first[min(next, len(first)):])
	return true
}

// reEnclosed is a subtitle set between dashes or waves: 「～…～」「-…-」.
var reEnclosed = regexp.MustCompile(`^[-‐－―—~〜～].+[-‐－―—~〜～\x{00AD}]$`)

// takeTitle makes the lines the document's title.
func (b *builder) takeTitle(lines []int) {
	var title []string
	for _, i := range lines {
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

// reAddressee ends the addressee's line of a notice: 「…部局長　殿」.
var reAddressee = regexp.MustCompile(`(?:殿|御中|様|各位)$`)

// reMonthLine is a dateline naming only the month: 「平成10年５月」.
var reMonthLine = regexp.MustCompile(`^(?:(?:令和|平成|昭和)\s*[0-9０-９元]{1,2}|[0-9０-９]{4})\s*年\s*[0-9０-９]{1,2}\s*月$`)

// standsApart reports line first[k] set apart from the lines above and
// below it by more than a blank line.
func (b *builder) standsApart(first []int, k int) bool {
	l := b.lines[first[k]]
	if k+1 >= len(first) {
		return false
	}
	above, below := b.lines[first[k-1]], b.lines[first[k+1]]
	return l.top-above.bottom > b.lead+l.em && below.top-l.bottom > b.lead+l.em
}

// titleAboveDate reads the front of a report or summary that opens with
// its title, one to three lines, and sets its date and the body issuing
// it at the right below (「令和元年９月６日」「薬物乱用対策推進会議」); a
// short label set at the right above the title (「資料10」) is front
// matter too.
func (b *builder) titleAboveDate(first []int) bool {
	half := 0.5 * b.pages[0].height
	// At the right of the line's own column, on a page in two columns.
	right := func(l line) bool {
		mid := (b.leftOf(l) + b.rightOf(l)) / 2
		// or set flush right, a long issuing body's name reaching back
		// past the middle
		return l.x0 > mid || l.x1 >= b.rightOf(l)-l.em && l.x0 > mid-0.2*(b.rightOf(l)-b.leftOf(l)) && len([]rune(l.text)) <= 30
	}
	from := 0
	for from < len(first) && right(b.lines[first[from]]) && len([]rune(b.lines[first[from]].text)) <= 8 {
		from++
	}
	for n := from + 1; n <= from+3 && n < len(first); n++ {
		d, above := b.lines[first[n]], b.lines[first[n-1]]
		if d.page != 0 || d.top > half || strings.HasSuffix(above.text, "。") || right(above) ||
			above.x0 <= b.leftOf(above)+above.em && above.x1 >= b.rightOf(above)-2*above.em {
			return false
		}
		if _, ok := dateLine(d.text); !ok && !reMonthLine.MatchString(strings.ReplaceAll(d.text, " ", "")) || !right(d) {
			continue
		}
		for _, i := range first[:from] {
			b.remove(i, "front-matter")
		}
		b.takeTitle(first[from:n])
		for _, i := range first[n:] {
			if !right(b.lines[i]) {
				break
			}
			if !b.headerLine(i, false) {
				b.remove(i, "front-matter")
			}
		}
		return true
	}
	return false
}

// firstPageEdges are the body's edges on the first page, where the front
// matter stands.
func (b *builder) firstPageEdges() (left, right float64) {
	if b.pageRight[0] > 0 {
		return b.pageLeft[0], b.pageRight[0]
	}
	return b.left, b.right
}
