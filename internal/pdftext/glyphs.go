package pdftext

import "math"

// overprintBack is how many glyphs back a run drawn a second time is
// looked for.
const overprintBack = 400

// dropOverprint removes the second copy of text drawn twice a hair apart,
// as older word processors and printer drivers make bold (the run is
// painted again offset by a fraction of a point): read twice, every such
// label would appear doubled. A copy is looked for only where the flow
// of glyphs breaks (a new line, or a step back), so running text costs
// one comparison a glyph.
func dropOverprint(gs []glyph) []glyph {
	out := gs[:0:0]
	match := -1 // the index in out of the glyph the next one would copy
	for i, g := range gs {
		if match >= 0 && match < len(out) && sameSpot(out[match], g) {
			match++
			continue
		}
		match = -1
		if i > 0 && !follows(gs[i-1], g) {
			for j := len(out) - 1; j >= 0 && j >= len(out)-overprintBack; j-- {
				if sameSpot(out[j], g) {
					match = j + 1
					break
				}
			}
			if match >= 0 {
				continue
			}
		}
		out = append(out, g)
	}
	return out
}

// follows reports g standing to the right of prev on prev's line, as the
// next glyph of running text does.
func follows(prev, g glyph) bool {
	return math.Abs(g.top-prev.top) < 0.5*prev.size && g.x0 >= prev.x0
}

// sameSpot reports two glyphs of one character drawn within a fifth of
// their size of each other.
func sameSpot(a, b glyph) bool {
	tol := 0.2 * a.size
	return a.r == b.r && math.Abs(a.x0-b.x0) < tol && math.Abs(a.top-b.top) < tol && a.size == b.size
}

// onPage keeps the glyphs inside the page's box: text placed outside it
// (a browser's print header pushed above the page) is not shown.
func onPage(gs []glyph, width, height float64) []glyph {
	out := gs[:0]
	for _, g := range gs {
		if g.x1 > 0 && g.x0 < width && g.bottom > 0 && g.top < height {
			out = append(out, g)
		}
	}
	return out
}
