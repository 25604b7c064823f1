package pdftext

import (
	"math"
	"slices"
)

// columns puts the lines of a page set in two columns (a paper, a
// journal's article) in reading order: band by band between the lines
// that run across the gutter (the title block, a wide figure), the left
// column's lines before the right's; then the notes set small at the
// columns' feet, left before right; the running heads and page numbers
// of the margins stay where they stand. A page in one column comes back
// as it is.
func columns(ls []line, width, height float64) []line {
	size := bodySize(ls)
	text := bodyLines(ls, size)
	if g1, g2, ok := gutters3(text, width); ok {
		return threeColumns(ls, size, g1, g2, height)
	}
	g, ok := gutter(text, width)
	if !ok {
		return ls
	}
	left := func(l line) bool { return (l.x0+l.x1)/2 < g }
	across := func(l line) bool { return l.x0 < g-2 && l.x1 > g+2 }
	side := func(l line) int {
		if left(l) {
			return 0
		}
		return 1
	}
	// Each column's notes begin below its own last line of body text: the
	// left column's may stand higher than the right column's text ends.
	var lastBody [2]float64
	for _, l := range ls {
		if l.size >= 0.95*size && !inMargin(l, height) {
			if across(l) {
				lastBody[0], lastBody[1] = math.Max(lastBody[0], l.bottom), math.Max(lastBody[1], l.bottom)
			} else {
				lastBody[side(l)] = math.Max(lastBody[side(l)], l.bottom)
			}
		}
	}
	edges(ls, size, 2, side, across)
	out, foot, bottom := readBands(ls, height, bandRules{
		across: across,
		// A column's first or last line standing in the margin of a
		// page with narrow margins (a landscape page) is text.
		marginText: func(i int) bool { return setClose(ls, i) },
		aside: func(l line) bool {
			return !across(l) && l.top > lastBody[side(l)] && l.size < 0.95*size
		},
		order: func(band []line) []line {
			head, rest := aboveColumns(band, left, g)
			return append(head, byColumn(rest, 2, side)...)
		},
	})
	out = append(out, byColumn(foot, 2, side)...)
	return append(out, bottom...)
}

// bandRules say how readBands reads a page's lines.
type bandRules struct {
	across     func(line) bool     // a line across a gutter: it ends a band
	marginText func(i int) bool    // a line in the margin that is a column's text (nil: none is)
	aside      func(line) bool     // a line kept out of the bands, read after them (nil: none is)
	order      func([]line) []line // a band's lines in reading order
}

// readBands walks a page's lines top to bottom, band by band between
// the lines that run across the gutters: each band in the order its
// rules give, a line across after the band above it; the top margin's
// lines stay where they stand. It returns what it read, the lines set
// aside, and the bottom margin's lines, which go last.
func readBands(ls []line, height float64, r bandRules) (out, aside, bottom []line) {
	var band []line
	flush := func() {
		out = append(out, r.order(band)...)
		band = band[:0]
	}
	for i, l := range ls {
		switch {
		case inMargin(l, height) && r.marginText != nil && r.marginText(i):
			band = append(band, l)
		case inMargin(l, height) && l.top > height/2:
			bottom = append(bottom, l)
		case inMargin(l, height):
			out = append(out, l)
		case r.aside != nil && r.aside(l):
			aside = append(aside, l)
		case r.across(l):
			flush()
			out = append(out, l)
		default:
			band = append(band, l)
		}
	}
	flush()
	return out, aside, bottom
}

// aboveColumns takes out of a band the short lines set on one side of
// the gutter above both columns' first lines and standing apart from
// what follows them (a byline set at the right under the title): they
// are read before the columns, as the lines across the gutter are.
func aboveColumns(band []line, left func(line) bool, g float64) (head, rest []line) {
	top := [2]float64{math.Inf(1), math.Inf(1)}
	for _, l := range band {
		k := 1
		if left(l) {
			k = 0
		}
		top[k] = math.Min(top[k], l.top)
	}
	for i, l := range band {
		k, other := 1, 0
		if left(l) {
			k, other = 0, 1
		}
		em := l.em
		if em <= 0 {
			em = l.size
		}
		colWidth := g
		if k == 1 {
			colWidth = math.Max(l.x1, g) - g
		}
		// The top of the next line on its side, past the short lines
		// right under l that stand above the other column too: a byline
		// of two lines (the name over the supervisor) stands apart as a
		// whole.
		next, last := math.Inf(1), l
		for _, m := range band[i+1:] {
			if left(m) != left(l) {
				continue
			}
			if m.top-last.bottom < 2*em && m.bottom <= top[other]-0.3*em && m.x1-m.x0 <= 0.6*colWidth {
				last = m
				continue
			}
			next = m.top - (last.bottom - l.bottom)
			break
		}
		if len(head) == 0 && l.top > top[k] || l.bottom > top[other]-0.3*em || l.x1-l.x0 > 0.6*colWidth || next-l.bottom < 1.8*em {
			rest = append(rest, band[i:]...)
			return head, rest
		}
		head = append(head, l)
	}
	return head, rest
}

// edges sets each column line's colLeft and colRight: where most of
// its column's body lines begin and end. col numbers a line's column
// (0 to n-1); lines across a gutter have no column.
func edges(ls []line, size float64, n int, col func(line) int, across func(line) bool) {
	x0s, x1s := make([][]float64, n), make([][]float64, n)
	for _, l := range ls {
		if !across(l) && math.Abs(l.size-size) < 0.1*size {
			x0s[col(l)] = append(x0s[col(l)], l.x0)
			x1s[col(l)] = append(x1s[col(l)], l.x1)
		}
	}
	for k := range x0s {
		slices.Sort(x0s[k])
		slices.Sort(x1s[k])
	}
	for i := range ls {
		k := col(ls[i])
		if across(ls[i]) || len(x0s[k]) == 0 {
			continue
		}
		ls[i].colLeft, ls[i].colRight = x0s[k][len(x0s[k])/10], x1s[k][len(x1s[k])*9/10]
	}
}

// byColumn returns the lines of each of n columns in turn, left to
// right, each top to bottom as they were; col numbers a line's column.
func byColumn(ls []line, n int, col func(line) int) []line {
	out := make([]line, 0, len(ls))
	for c := range n {
		for _, l := range ls {
			if col(l) == c {
				out = append(out, l)
			}
		}
	}
	return out
}

// gutter finds the blank that runs down between two columns: the x near
// the page's middle that the fewest of the body's lines cross, with
// lines wholly on either side of it; text is the page's bodyLines. ok
// is false for a page in one column, which most body lines cross at any
// x.
func gutter(text []line, width float64) (float64, bool) {
	if len(text) < 8 {
		return 0, false
	}
	best, bestCross := 0.0, len(text)+1
	var run []float64 // the x's that share the fewest crossings
	for x := 0.3 * width; x <= 0.7*width; x++ {
		cross, l, r := 0, 0, 0
		for _, t := range text {
			switch {
			case t.x1 <= x:
				l++
			case t.x0 >= x:
				r++
			default:
				cross++
			}
		}
		if l < 3 || r < 3 {
			continue
		}
		switch {
		case cross < bestCross:
			bestCross, run = cross, []float64{x}
		case cross == bestCross:
			run = append(run, x)
		}
	}
	// A page's title block or abstract may run across the gutter above
	// the columns: a fifth of the lines, at most.
	if len(run) == 0 || bestCross*5 > len(text) {
		return 0, false
	}
	// The middle of the widest stretch of the best x's.
	start, bestLen := 0, 0
	for i := range run {
		if i > 0 && run[i]-run[i-1] > 1.5 {
			start = i
		}
		if n := i - start + 1; n > bestLen {
			bestLen, best = n, (run[start]+run[i])/2
		}
	}
	return best, true
}

// bodyLines are the lines in the body's size longer than six ems: the
// lines whose ends show where a page's columns stand.
func bodyLines(ls []line, size float64) []line {
	var text []line
	for _, l := range ls {
		if math.Abs(l.size-size) < 0.1*size && l.x1-l.x0 > 6*l.em {
			text = append(text, l)
		}
	}
	return text
}

// bodySize is the size most of a page's characters are set in.
func bodySize(ls []line) float64 {
	chars := map[float64]int{}
	for _, l := range ls {
		chars[math.Round(l.size*10)/10] += len(l.text)
	}
	sizes := make([]float64, 0, len(chars))
	for s := range chars {
		sizes = append(sizes, s)
	}
	slices.Sort(sizes)
	best, n := 0.0, -1
	for _, s := range sizes {
		if chars[s] > n {
			best, n = s, chars[s]
		}
	}
	return best
}

// setClose reports a line with another line of its size set close
// above or below it and under it across (within an em of line spacing),
// as lines of one paragraph are; running heads and page numbers stand
// apart.
func setClose(ls []line, i int) bool {
	l := ls[i]
	em := l.em
	if em <= 0 {
		em = l.size
	}
	for j, m := range ls {
		if j == i || math.Abs(m.size-l.size) > 0.1*l.size || math.Min(l.x1, m.x1)-math.Max(l.x0, m.x0) < 2*em {
			continue
		}
		if gap := math.Max(m.top-l.bottom, l.top-m.bottom); gap >= 0 && gap < 0.8*em {
			return true
		}
	}
	return false
}

// inMargin reports a line in the page's top or bottom twelfth, where
// running heads and page numbers stand.
func inMargin(l line, height float64) bool {
	return l.bottom < height/12 || l.top > height*11/12
}

// gutters3 finds the two blanks of a page set in three columns: an x in
// the page's second fifth and one in its fourth that few body lines
// cross, with body lines wholly in each of the three columns; text is
// the page's bodyLines.
func gutters3(text []line, width float64) (g1, g2 float64, ok bool) {
	if len(text) < 12 {
		return 0, 0, false
	}
	// A middle column's lines stand wholly in the page's middle half; a
	// page in one or two columns has next to none there. Counting them
	// first spares the search on most pages.
	middle := 0
	for _, t := range text {
		if t.x0 > 0.22*width && t.x1 < 0.78*width {
			middle++
		}
	}
	if middle < 4 || middle*6 < len(text) {
		return 0, 0, false
	}
	best := func(from, to float64) (float64, int) {
		bx, bc := 0.0, len(text)+1
		for x := from; x <= to; x++ {
			c := 0
			for _, t := range text {
				if t.x0 < x && t.x1 > x {
					c++
				}
			}
			if c < bc {
				bx, bc = x, c
			}
		}
		return bx, bc
	}
	var c1, c2 int
	g1, c1 = best(0.22*width, 0.45*width)
	g2, c2 = best(0.55*width, 0.78*width)
	if c1*5 > len(text) || c2*5 > len(text) {
		return 0, 0, false
	}
	var n [3]int
	for _, t := range text {
		switch {
		case t.x1 <= g1:
			n[0]++
		case t.x0 >= g1 && t.x1 <= g2:
			n[1]++
		case t.x0 >= g2:
			n[2]++
		}
	}
	// Each column holds its share of the lines: a page in two columns
	// has none wholly in a middle one.
	for _, k := range n {
		if k < 4 || k*6 < len(text) {
			return 0, 0, false
		}
	}
	return g1, g2, true
}

// threeColumns puts a three-column page's lines in reading order: band
// by band between the lines across a gutter, each column's lines top to
// bottom, left to right; the margins' lines stay where they stand.
func threeColumns(ls []line, size, g1, g2, height float64) []line {
	col := func(l line) int {
		switch c := (l.x0 + l.x1) / 2; {
		case c < g1:
			return 0
		case c < g2:
			return 1
		}
		return 2
	}
	across := func(l line) bool { return l.x0 < g1-2 && l.x1 > g1+2 || l.x0 < g2-2 && l.x1 > g2+2 }
	edges(ls, size, 3, col, across)
	out, _, bottom := readBands(ls, height, bandRules{
		across: across,
		order:  func(band []line) []line { return byColumn(band, 3, col) },
	})
	return append(out, bottom...)
}
