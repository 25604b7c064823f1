package pdftext

import "testing"

func run(s string, x, top, step, size float64) []glyph {
	var gs []glyph
	for _, r := range s {
		gs = append(gs, glyph{r: r, x0: x, x1: x + 0.9*step, top: top, bottom: top + size, size: size})
		x += step
	}
	return gs
}

func text(gs []glyph) string {
	var r []rune
	for _, g := range gs {
		r = append(r, g.r)
	}
	return string(r)
}

// TestDropOverprint: a label painted twice a hair apart is read once; text
// that repeats elsewhere on the page, and a dash rule of two overlapping
// dashes, are kept.
func TestDropOverprint(t *testing.T) {
	var gs []glyph
	gs = append(gs, run("□問題状況", 30, 100, 10, 10)...)
	gs = append(gs, run("□問題状況", 30.4, 100, 10, 10)...) // the bold copy
	gs = append(gs, run("問題", 30, 130, 10, 10)...)      // the same words on the next line
	gs = append(gs, glyph{r: '―', x0: 30, x1: 40, top: 160, bottom: 170, size: 10}, glyph{r: '―', x0: 30.5, x1: 40.5, top: 160, bottom: 170, size: 10})
	if got, want := text(dropOverprint(gs)), "□問題状況問題――"; got != want {
		t.Errorf("dropOverprint: got %q, want %q", got, want)
	}
}

// TestMergeSplit: a page number's closing dash drawn after the rest joins
// its line; the line beside it across a gutter does not.
func TestMergeSplit(t *testing.T) {
	groups := [][]glyph{
		run("- 1", 283, 787, 4, 8),
		run("右の段の行", 330, 787, 10, 8),
		run("-", 295, 789, 4, 2),
	}
	got := mergeSplit(groups)
	if len(got) != 2 || text(got[0]) != "- 1-" || text(got[1]) != "右の段の行" {
		var s []string
		for _, g := range got {
			s = append(s, text(g))
		}
		t.Errorf("mergeSplit: got %q", s)
	}
}

// TestShown: a character box on a page turned by /Rotate reads where the
// page shows it.
func TestShown(t *testing.T) {
	// A4 portrait turned a quarter clockwise shows 842 wide, 595 high; a
	// box at the unturned page's bottom-left shows at the top-left.
	x0, x1, top, bottom := shown(1, 842, 595, 10, 20, 30, 40)
	if x0 != 30 || x1 != 40 || top != 10 || bottom != 20 {
		t.Errorf("rot 90: got %v %v %v %v", x0, x1, top, bottom)
	}
	x0, x1, top, bottom = shown(0, 595, 842, 10, 20, 30, 40)
	if x0 != 10 || x1 != 20 || top != 802 || bottom != 812 {
		t.Errorf("rot 0: got %v %v %v %v", x0, x1, top, bottom)
	}
}
