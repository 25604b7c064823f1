package pdftext

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// line is one printed line: its box, its main font size, and its text
// with the superscript note markers taken out.
type line struct {
	page                int
	x0, x1, top, bottom float64
	size                float64 // the font size PDFium reports (its unit varies by producer)
	em                  float64 // the width of a full-width character, in points
	bold                bool
	gothic              bool
	text                string
	marks               []mark
	n                   int // counts from 1 over the document's lines
	// colLeft and colRight are the edges of the column the line stands
	// in, on a page set in two columns (0: the page's body edges).
	colLeft, colRight float64
	// numberGap is where a leading number (「1.1」「3-2.」) is set apart
	// from the text after it by a gap no space was read in: in code
	// points into text, 0 for none. A heading's number and its title are
	// parted there; in running text the gap is only spacing.
	numberGap int
	// numberTab is set when that gap is a tab's: an em or more.
	numberTab bool
	// jpSize is the size of the line's Japanese characters (0 for none):
	// LuaTeX-ja sets them smaller than the Latin letters of the same
	// font size, so a line's main size follows its mix of scripts.
	jpSize float64
	// daggers are where raised 「†」「‡」 stand in text, in code points:
	// in running text they mark a term the glossary explains and leave
	// the paragraph's text; after a name they point to its affiliation.
	daggers []int
}

// mark is a note marker: its label and its offset in code points into the
// line's text.
type mark struct {
	at    int
	label string
}

// lines groups a page's glyphs into lines, in reading order. A glyph
// joins the line before it when their boxes overlap vertically and it
// stands to the right; superscripts overlap the top of their line, so
// they stay in it. Text is read as horizontal lines, in one column or
// two (see columns); vertical pages are told apart before (isVertical).
func lines(p page, pageNo int, ratio float64) []line {
	var groups [][]glyph
	for _, g := range p.glyphs {
		if n := len(groups); n > 0 {
			cur := groups[n-1]
			last := cur[len(cur)-1]
			top, bottom := span(cur)
			overlap := math.Min(bottom, g.bottom) - math.Max(top, g.top)
			// A space's box may have no height (Word draws it on the
			// baseline): it goes with the text it stands in.
			flat := (g.r == ' ' || g.r == '\t') && g.bottom-g.top < 0.1*g.size && g.top >= top-0.2*g.size && g.top <= bottom+0.2*g.size
			if (flat || overlap >= 0.3*math.Min(bottom-top, g.bottom-g.top)) && g.x0 >= last.x0-0.5*last.size {
				groups[n-1] = append(cur, g)
				continue
			}
		}
		groups = append(groups, []glyph{g})
	}
	groups = splitCaptions(mergeSplit(groups))
	out := make([]line, 0, len(groups))
	for _, gs := range groups {
		if l, ok := makeLine(gs, pageNo, ratio, p.browser); ok {
			out = append(out, l)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if math.Abs(out[i].top-out[j].top) > 2 {
			return out[i].top < out[j].top
		}
		return out[i].x0 < out[j].x0
	})
	return columns(out, p.width, p.height)
}

// mergeSplit joins the pieces of one printed line that a producer drew
// at different times (「- 1」 and its closing 「-」, a line's last words
// after the next line): a later group whose box overlaps an earlier
// one's height by most of its own and starts within an em after its
// end joins it. Pieces across a gutter stand further apart.
func mergeSplit(groups [][]glyph) [][]glyph {
	out := groups[:0]
	var tops, bottoms []float64 // out's spans
	for _, g := range groups {
		top, bottom := span(g)
		joined := false
		for k := len(out) - 1; k >= 0 && k >= len(out)-40; k-- {
			o := out[k]
			last, first := o[len(o)-1], g[0]
			far := first.x0-last.x1 >= 0.8*last.size && !(numberOnly(o) && first.x0-last.x1 < 2*last.size)
			if first.x0 < last.x1-0.2*last.size || far {
				continue
			}
			overlap := math.Min(bottom, bottoms[k]) - math.Max(top, tops[k])
			if overlap >= 0.5*math.Min(bottom-top, bottoms[k]-tops[k]) {
				out[k] = append(o, g...)
				tops[k], bottoms[k] = math.Min(tops[k], top), math.Max(bottoms[k], bottom)
				joined = true
				break
			}
		}
		// A heading's number drawn after its title (Word sets a list
		// number apart from the text it numbers): it goes before it.
		for k := len(out) - 1; !joined && k >= 0 && k >= len(out)-4 && numberOnly(g); k-- {
			o := out[k]
			last, first := g[len(g)-1], o[0]
			if last.x1 > first.x0+0.2*first.size || first.x0-last.x1 >= 2*first.size {
				continue
			}
			overlap := math.Min(bottom, bottoms[k]) - math.Max(top, tops[k])
			if overlap >= 0.5*math.Min(bottom-top, bottoms[k]-tops[k]) {
				out[k] = append(append([]glyph{}, g...), o...)
				tops[k], bottoms[k] = math.Min(tops[k], top), math.Max(bottoms[k], bottom)
				joined = true
			}
		}
		if !joined {
			out = append(out, g)
			tops, bottoms = append(tops, top), append(bottoms, bottom)
		}
	}
	return out
}

// splitCaptions parts a line from a figure's caption printed on its
// baseline beside it, a wide gap away: a word processor wraps the text
// around a figure set at the column's side, and the caption under the
// figure may fall level with a line of the text (「…低下する　　Fig.1
// Experimental setup.」).
func splitCaptions(groups [][]glyph) [][]glyph {
	var out [][]glyph
	for _, gs := range groups {
		last := -1 // the last glyph that is not a space
		for k := 0; k < len(gs); k++ {
			g := gs[k]
			if g.r == ' ' || g.r == '\t' {
				continue
			}
			if last >= 0 && g.x0-gs[last].x1 >= 1.5*g.size && captionAt(gs[k:]) {
				out = append(out, gs[:last+1])
				gs, k, last = gs[k:], 0, 0
				continue
			}
			last = k
		}
		out = append(out, gs)
	}
	return out
}

// captionAt reports glyphs that open with a caption's label and number.
func captionAt(gs []glyph) bool {
	var r []rune
	for _, g := range gs[:min(len(gs), 12)] {
		r = append(r, g.r)
	}
	return reCaption.MatchString(string(r))
}

// numberOnly reports a group of glyphs that is a section's number alone:
// 「4.」「2.3」「第1章」.
func numberOnly(gs []glyph) bool {
	if len(gs) > 6 {
		return false
	}
	var r []rune
	for _, g := range gs {
		if g.r != ' ' {
			r = append(r, g.r)
		}
	}
	return len(r) > 0 && reLeadingNumber.MatchString(string(r))
}

func span(gs []glyph) (top, bottom float64) {
	top, bottom = math.Inf(1), math.Inf(-1)
	for _, g := range gs {
		top, bottom = math.Min(top, g.top), math.Max(bottom, g.bottom)
	}
	return top, bottom
}

// makeLine builds a line's text: spaces where the gaps between glyphs are
// wide enough to be word spaces, superscript labels as marks.
func makeLine(gs []glyph, pageNo int, ratio float64, browser bool) (line, bool) {
	size := mainSize(gs)
	var baseline float64
	bold, jp, gothic := 0, 0, 0
	for _, g := range gs {
		if g.size == size {
			baseline = math.Max(baseline, g.bottom)
			if g.bold {
				bold++
			}
		}
		if isJP(g.r) {
			jp++
			if g.gothic {
				gothic++
			}
		}
	}
	em := emOf(gs, size)
	if em == 0 {
		em = size * ratio // too few characters to measure
	} else if ink := hanInk(gs, size); ink > 0 && em > 1.3*ink {
		// A line whose every step is widened well past its kanji's ink
		// (justified between characters, or spaced out): its em is
		// the kanji's box, the widening its tracking.
		em = ink / 0.92
	}
	l := line{page: pageNo, size: size, em: em, x0: math.Inf(1), x1: math.Inf(-1), top: math.Inf(1), bottom: math.Inf(-1)}
	var text []rune
	var sup []rune
	flushSup := func() {
		if len(sup) == 0 {
			return
		}
		if lbl, ok := label(string(sup)); ok {
			l.marks = append(l.marks, mark{at: len(text), label: lbl})
		} else {
			if strings.Trim(string(sup), "†‡") == "" {
				for k := range sup {
					l.daggers = append(l.daggers, len(text)+k)
				}
			}
			text = append(text, sup...)
		}
		sup = nil
	}
	tracking := trackingOf(gs, size, em)
	grid := gridDigits(gs, em)
	var prev *glyph
	var ink *glyph // the glyph before a run of space glyphs
	for i := range gs {
		g := &gs[i]
		if g.r >= 0xe000 && g.r <= 0xf8ff {
			// A symbol font's private code (Wingdings' check mark or
			// arrow): a bullet when it opens the line, else nothing.
			if len(text) > 0 {
				continue
			}
			g.r = '・'
		}
		if g.r == ' ' || g.r == '\u00a0' {
			if len(text) > 0 && text[len(text)-1] != ' ' {
				flushSup()
				text = append(text, ' ')
			}
			if prev != nil && prev.r != ' ' && prev.r != '\u00a0' {
				ink = prev
			}
			prev = g
			continue
		}
		isSup := g.size <= 0.86*size && g.bottom < baseline-0.15*em // CSS "smaller" is 83%
		if !isSup {
			flushSup()
		}
		if n := len(text); n > 1 && text[n-1] == ' ' && ink != nil && numberSoFar(text[:n-1]) && (unicode.IsLetter(g.r) && !isJP(g.r) || g.r == '\\') {
			// A number parted from a Latin title by a quad (LaTeX's
			// 「2.2　Hodgkin」) is a heading's number and its gap, as
			// before a Japanese title; a typed space is under an em.
			if gap := g.x0 - ink.x1; gap >= 0.85*em {
				text[n-1] = '　'
				l.numberTab = gap >= 1.0*em
			}
		}
		ink = nil
		if prev != nil && len(text) > 0 && text[len(text)-1] != ' ' && !isSup {
			last, gap := text[len(text)-1], g.x0-prev.x1
			if tracking > 0.1*em && centred(last) && centred(g.r) {
				// Between characters drawn centred in their em boxes, the
				// blank is measured between the boxes, less the line's
				// tracking: a line justified by widening every gap
				// (inter-character justification) is no line of spaces.
				gap = emGap(*prev, *g, em) - tracking
			} else if tracking > 0.1*em && isJP(last) && isJP(g.r) {
				gap -= tracking
			}
			if counted(text, g.r, gap, em) || grid[i] || isJP(last) && isJP(g.r) && gap < 0.7*em && evenlySpaced(gs, i, em) {
				// no space
			} else if sp := spaceBetween(last, g.r, gap, em, g.spaced); sp != 0 && !thousands(text, gs[i:]) {
				if sp == ' ' && gap >= 0.85*em && numberSoFar(text) && (unicode.IsLetter(g.r) || g.r == '\\') {
					sp = '　' // the quad after a heading's number, before a Latin title
				}
				if sp == '　' && numberSoFar(text) {
					switch {
					case gap >= 1.0*em:
						l.numberTab = true
					case last == '.':
						// The point's ink leaves half its box blank: with a
						// half-width space after it that is under an em.
						sp = ' '
					}
				}
				text = append(text, sp)
			} else if sp == 0 && !strings.ContainsRune("、。，．）」』】〕〉》", g.r) && typedSpace(last, g.r, emGap(*prev, *g, em)-tracking, em, g.spaced, browser) {
				text = append(text, ' ')
			} else if sp == 0 && unicode.In(g.r, unicode.Han, unicode.Hiragana, unicode.Katakana) && gap >= numberGapMin(last)*em && l.numberGap == 0 && numberSoFar(text) {
				l.numberGap = len(text)
				l.numberTab = gap >= 1.0*em
			}
		}
		if isSup {
			sup = append(sup, g.r)
		} else {
			text = append(text, g.r)
		}
		l.x0, l.x1 = math.Min(l.x0, g.x0), math.Max(l.x1, g.x1)
		l.top, l.bottom = math.Min(l.top, g.top), math.Max(l.bottom, g.bottom)
		prev = g
	}
	flushSup()
	for len(text) > 0 && unicode.IsSpace(text[len(text)-1]) {
		text = text[:len(text)-1]
	}
	lead := 0
	for lead < len(text) && unicode.IsSpace(text[lead]) {
		lead++
	}
	l.text = string(text[lead:])
	if l.numberGap > 0 {
		l.numberGap -= lead
	}
	for i := range l.marks {
		l.marks[i].at = min(max(l.marks[i].at-lead, 0), len(text)-lead)
	}
	for i := range l.daggers {
		l.daggers[i] -= lead
	}
	var jpGlyphs []glyph
	for _, g := range gs {
		if isJP(g.r) {
			jpGlyphs = append(jpGlyphs, g)
		}
	}
	if len(jpGlyphs) > 0 {
		l.jpSize = mainSize(jpGlyphs)
	}
	l.bold = bold*2 > len(gs)
	l.gothic = gothic*2 > jp // Japanese text in a sans-serif face; Latin letters do not count
	return l, l.text != "" || len(l.marks) > 0
}

// gridDigits marks the glyphs around a run of half-width digits set on
// a character grid (Ichitaro's and Word's 文字グリッド): the run fills whole
// cells between the kana or kanji around it, 「第84号」 two digits in two
// cells, which leaves a gap on either side that no space was typed in.
// The glyph after the run's neighbour before it and the neighbour after
// it are marked.
func gridDigits(gs []glyph, em float64) map[int]bool {
	var grid map[int]bool
	for s := 1; s < len(gs); s++ {
		if !unicode.IsDigit(gs[s].r) || gs[s].r >= 0xff00 || !kanaOrKanji(gs[s-1].r) {
			continue
		}
		e := s
		for e+1 < len(gs) && (unicode.IsDigit(gs[e+1].r) && gs[e+1].r < 0xff00 || gs[e+1].r == ',' || gs[e+1].r == '.') {
			e++
		}
		if e+1 >= len(gs) || e-s >= 6 || !kanaOrKanji(gs[e+1].r) || gs[e+1].size != gs[s-1].size {
			s = e
			continue
		}
		a, z := gs[s-1], gs[e+1]
		span := ((z.x0+z.x1)/2 - em/2) - ((a.x0+a.x1)/2 + em/2)
		cells := math.Round(span / em)
		if cells >= 1 && cells <= float64(e-s+1) && math.Abs(span-cells*em) < 0.12*em && gs[e].x1-gs[s].x0 <= span {
			if grid == nil {
				grid = map[int]bool{}
			}
			grid[s], grid[e+1] = true, true
		}
		s = e
	}
	return grid
}

// hanInk is the usual width of the ink of a line's kanji of the size,
// 0 when it has fewer than four.
func hanInk(gs []glyph, size float64) float64 {
	var w []float64
	for _, g := range gs {
		if g.size == size && unicode.Is(unicode.Han, g.r) {
			w = append(w, g.x1-g.x0)
		}
	}
	if len(w) < 4 {
		return 0
	}
	sort.Float64s(w)
	return w[len(w)/2]
}

// kanaOrKanji reports a kanji, hiragana or katakana: a character drawn
// centred in its em box.
func kanaOrKanji(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// centred reports a character drawn centred in its em box: a kanji or a
// kana, the middle dot, the long vowel mark.
func centred(r rune) bool {
	return kanaOrKanji(r) || r == '・' || r == 'ー'
}

// numberGapMin is the gap, in ems, after a number's last character that
// parts it from a heading's title: a full-width 「．」 or 「２」 stands in
// an em box its ink leaves half empty, a half-width digit does not.
func numberGapMin(last rune) float64 {
	switch {
	case last >= 0xff00 && last <= 0xffef:
		return 1.0
	case last == '.':
		return 0.55 // a point's ink is a dot at the left of its half-width box
	}
	return 0.2
}

// reLeadingNumber is a line that so far holds only a section's number:
// 「1」「1.1」「3-2.」「２．」, an appendix's 「B.1」.
// numberSoFar reports a line that so far is only a heading's number
// (reLeadingNumber). The regexp, which copies the line, runs only when
// the last character could end one: most gaps in justified text follow
// a letter.
func numberSoFar(text []rune) bool {
	switch last := text[len(text)-1]; {
	case last >= '0' && last <= '9', last >= '０' && last <= '９', last == '.', last == '．':
		return reLeadingNumber.MatchString(string(text))
	}
	return false
}

var reLeadingNumber = regexp.MustCompile(`^(?:[0-9０-９]{1,2}(?:[.．\-－][0-9０-９]{1,2})*|[A-Z](?:[.．][0-9０-９]{1,2})+)[.．]?$`)

// mainSize is the font size most of a line's glyphs have (the larger on
// a tie), so that superscripts and small asides do not count.
func mainSize(gs []glyph) float64 {
	count := map[float64]int{}
	for _, g := range gs {
		count[math.Round(g.size*10)/10]++
	}
	best, n := 0.0, -1
	for s, c := range count {
		if c > n || c == n && s > best {
			best, n = s, c
		}
	}
	for _, g := range gs {
		if math.Round(g.size*10)/10 == best {
			return g.size
		}
	}
	return best
}

// isJP reports Japanese script and full-width punctuation.
func isJP(r rune) bool {
	// The katakana block's 「・」 and 「ー」 are in no script's table.
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		r >= 0x3000 && r <= 0x303f || r >= 0x30a0 && r <= 0x30ff || r >= 0xff00 && r <= 0xffef
}

// label normalises a marker's text: "1", "※1", "注1", "(1)" → "1".
func label(s string) (string, bool) {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "()（）[]［］")
	prefix := ""
	for _, p := range []string{"※", "注", "*", "＊"} {
		if strings.HasPrefix(s, p) {
			prefix, s = p, strings.TrimSpace(strings.TrimPrefix(s, p))
		}
	}
	if prefix == "＊" {
		prefix = "*"
	}
	if s == "" || len([]rune(s)) > 3 {
		return "", false
	}
	var d []rune
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			d = append(d, r)
		case r >= '０' && r <= '９':
			d = append(d, '0'+r-'０')
		default:
			return "", false
		}
	}
	return prefix + string(d), true
}

// spaceBetween says which space, if any, a gap between two glyphs stands
// for. Glyph boxes are ink boxes: after 「、」 or before 「（」 the ink
// leaves half an em blank that no space stands in, and between Japanese
// and Latin text word processors add a quarter em that is only spacing.
// An unprinted ideographic space leaves a full em. PDFium's own guesses
// (hinted) are trusted between Latin words.
// counters are the kanji that count or date the number before them:
// nobody types a space between 4月1 and 日.
const counters = "年月日時分秒号条項件円人回度歳名社階倍割期週千万億"

// counted reports a number in running text followed by its counter
// (「4月1」 and 「日」), less than two ems apart: a justified line's
// spacing, no space. A label's number (「1　日々の決まり」) is no count.
func counted(text []rune, next rune, gap, em float64) bool {
	return len(text) > 0 && unicode.IsDigit(text[len(text)-1]) && strings.ContainsRune(counters, next) && gap < 2*em && !numberSoFar(text)
}

func spaceBetween(prev, next rune, gap, em float64, hinted bool) rune {
	a, b := isJP(prev), isJP(next)
	switch {
	case prev == '.' && unicode.IsDigit(next) && gap < 0.6*em:
		return 0 // a decimal point justified apart: 「78. 2％」 is 78.2
	case !a && !b && (strings.ContainsRune("([{", prev) || strings.ContainsRune(")]}.,;:", next)) && gap < 1.5*em:
		return 0 // nobody types a space inside brackets or before a point: 「( 1 )」 set on a grid is (1)
	case !a && !b && hinted:
		return ' ' // PDFium's word spacing, tuned on Latin text
	case b && strings.ContainsRune("、。，．）」』】〕〉》", next) && gap < 1.5*em:
		return 0 // nobody types a space before 「、」: a justified line's spacing
	case a && b && strings.ContainsRune(jpClosing, prev) && strings.ContainsRune(jpOpening, next):
		// 「、「」: both inks at the far sides of their boxes leave an
		// em and a half blank with no space typed.
		if gap >= 2*em || hinted && gap >= 1.8*em {
			return '　'
		}
		return 0
	case a && strings.ContainsRune(jpClosing, prev), b && strings.ContainsRune(jpOpening, next):
		if gap >= 1.2*em || hinted && gap >= 0.8*em {
			return '　' // half an em of ink's side, and an unprinted space
		}
		return 0
	case a && b && gap >= 0.7*em:
		return '　'
	case a && b && hinted && gap >= 0.18*em:
		return ' ' // a half-width space between two names
	case a != b && gap >= 0.7*em:
		return '　' // an unprinted ideographic space: 「図1　北朝鮮」
	case unicode.IsDigit(prev) && unicode.IsDigit(next):
		// A narrow digit's ink (「1」) stands well inside its advance: two
		// digits PDFium did not part are one number unless far apart.
		if gap >= 0.6*em {
			return ' '
		}
	case !a && !b && gap >= 0.3*em:
		return ' '
	}
	return 0
}

// trackingOf is the usual blank between the em boxes of two full-width
// characters of a line: the letter spacing a justified line adds. A space
// typed beside a Latin word is measured beyond it.
func trackingOf(gs []glyph, size, em float64) float64 {
	var gaps []float64
	for i := 1; i < len(gs); i++ {
		a, b := gs[i-1], gs[i]
		if a.size == size && b.size == size && isJP(a.r) && isJP(b.r) && !strings.ContainsRune(jpClosing+jpOpening, a.r) && !strings.ContainsRune(jpOpening, b.r) {
			gaps = append(gaps, emGap(a, b, em))
		}
	}
	if len(gaps) < 3 {
		return 0
	}
	sort.Float64s(gaps)
	return max(gaps[len(gaps)/2], 0)
}

// evenlySpaced reports the blank before gs[i] as wide as the one before
// or after it between Japanese characters: a line a word processor
// spread to its width letter by letter (「マ ル チ タ ス ク」, to fit a
// long Latin word on the next line) has no space typed in it, though
// PDFium hints one at every step; a half-width space typed between two
// names stands wider than its neighbours.
func evenlySpaced(gs []glyph, i int, em float64) bool {
	if i < 1 {
		return false
	}
	centre := func(g glyph) float64 { return (g.x0 + g.x1) / 2 }
	pitch := centre(gs[i]) - centre(gs[i-1])
	like := func(a, b glyph) bool {
		return a.size == b.size && isJP(a.r) && isJP(b.r) && centred(a.r) && centred(b.r) && math.Abs(centre(b)-centre(a)-pitch) < 0.1*em
	}
	return centred(gs[i-1].r) && centred(gs[i].r) && (i >= 2 && like(gs[i-2], gs[i-1]) || i+1 < len(gs) && like(gs[i], gs[i+1]))
}

// emGap is the blank between two glyphs, a full-width character's taken
// from its em box rather than its ink: the ink of 「ト」 or 「く」 stands
// well inside its box, which would read as a space beside a Latin word.
// Kana and kanji are drawn centred in their box.
func emGap(a, b glyph, em float64) float64 {
	x1, x0 := a.x1, b.x0
	if isJP(a.r) {
		x1 = (a.x0+a.x1)/2 + em/2
	}
	if isJP(b.r) {
		x0 = (b.x0+b.x1)/2 - em/2
	}
	return x0 - x1
}

// typedSpace reports a space typed between Latin and Japanese text, which
// PDFium hints and which leaves more than the line's usual blank: after
// Latin punctuation (「なく, 価格」) any widening is one, since typesetters
// add no spacing there; beside a letter or digit it must pass the quarter
// em (and a digit's side bearing) that word processors and LaTeX's
// xkanjiskip set between the scripts
// (「ES 細胞」, but 「2009年」 and 「約1割」 set spaced).
func typedSpace(prev, next rune, excess, em float64, hinted, browser bool) bool {
	if !hinted || isJP(prev) == isJP(next) || strings.ContainsRune(jpClosing+jpOpening, prev) || strings.ContainsRune(jpOpening, next) {
		return false
	}
	latinSide := prev
	if !isJP(next) {
		latinSide = next
	}
	if strings.ContainsRune(",.;:!?", prev) || browser && !strings.ContainsRune("–—-‐∗*•■□◆◇●○▪▶※", latinSide) {
		// A browser adds no spacing between the scripts: any blank
		// beside a Latin word is a typed space (「Microsoft アカウント」);
		// after a list's mark (「■ 」「– 」) it is the list's.
		return excess >= 0.15*em
	}
	return excess >= 0.45*em
}

// thousands reports the digits after a thousands separator (「8,722円」):
// justified text widens the gap after the comma, which is no word space.
// Three digits follow it, then no digit.
func thousands(text []rune, rest []glyph) bool {
	n := len(text)
	if n < 2 || text[n-1] != ',' || !unicode.IsDigit(text[n-2]) || len(rest) < 3 {
		return false
	}
	for _, g := range rest[:3] {
		if !unicode.IsDigit(g.r) {
			return false
		}
	}
	return len(rest) == 3 || !unicode.IsDigit(rest[3].r)
}

// Punctuation whose ink sits at one side of its em box.
const (
	jpClosing = "、。，．・：；」』）】〕〉》！？｝］"
	jpOpening = "「『（【〔〈《｛［"
)

// emOf measures a line's em in points: the usual step from one
// full-width character to the next. PDFium's font size is in the
// producer's units (Chromium's are pixels, a third larger than points),
// so the layout measures lengths in ems it sees, not in sizes it is told.
func emOf(gs []glyph, size float64) float64 {
	var steps []float64
	for i := 1; i < len(gs); i++ {
		a, b := gs[i-1], gs[i]
		if a.size == size && b.size == size && isJP(a.r) && isJP(b.r) && !strings.ContainsRune(jpClosing+jpOpening, a.r) {
			if d := b.x0 - a.x0; d > 0.4*size && d < 1.6*size {
				steps = append(steps, d)
			}
		}
	}
	if len(steps) < 3 {
		return 0 // too few to tell; the document's ratio stands in
	}
	sort.Float64s(steps)
	return steps[len(steps)/2]
}

// emRatio is the document's ratio of em to reported font size, for the
// lines that have too few full-width characters to measure their own.
func emRatio(pages []page) float64 {
	var ratios []float64
	for _, p := range pages {
		for i := 1; i < len(p.glyphs) && len(ratios) < 2000; i++ {
			a, b := p.glyphs[i-1], p.glyphs[i]
			if a.size == b.size && isJP(a.r) && isJP(b.r) && !strings.ContainsRune(jpClosing+jpOpening, a.r) {
				if d := b.x0 - a.x0; d > 0.4*a.size && d < 1.6*a.size {
					ratios = append(ratios, d/a.size)
				}
			}
		}
	}
	if len(ratios) == 0 {
		return 1
	}
	sort.Float64s(ratios)
	return ratios[len(ratios)/2]
}

// isVertical reports a page set vertically (縦書き): most steps from one
// full-width character to the next go down the page, not across it.
func isVertical(p page) bool {
	across, down := 0, 0
	for i := 1; i < len(p.glyphs); i++ {
		a, b := p.glyphs[i-1], p.glyphs[i]
		if !isJP(a.r) || !isJP(b.r) || a.size != b.size {
			continue
		}
		dx := (b.x0 + b.x1 - a.x0 - a.x1) / 2
		dy := (b.top + b.bottom - a.top - a.bottom) / 2
		switch {
		case math.Abs(dy) < 0.3*a.size && dx > 0.4*a.size && dx < 1.6*a.size:
			across++
		case math.Abs(dx) < 0.3*a.size && dy > 0.4*a.size && dy < 1.6*a.size:
			down++
		}
	}
	return down >= 10 && down > 2*across
}

// turnVertical turns a page set vertically a quarter to the left, so
// that its columns, read top to bottom and right to left, become lines
// read left to right and top to bottom: the rightmost column is the
// first line. Sizes stay; the page's width and height swap.
func turnVertical(p page) page {
	out := p
	out.turned = true
	out.width, out.height = p.height, p.width
	out.glyphs = make([]glyph, len(p.glyphs))
	for i, g := range p.glyphs {
		g.x0, g.x1, g.top, g.bottom = g.top, g.bottom, p.width-g.x1, p.width-g.x0
		g.r = uprightForm(g.r)
		out.glyphs[i] = g
	}
	return out
}

// uprightForm is the character a vertical presentation form stands for:
// LuaTeX and some fonts' ToUnicode maps give 「︑」「︒」「︵」 for the
// comma, the full stop and the bracket set in a column.
func uprightForm(r rune) rune {
	if (r >= 0xFE10 && r <= 0xFE19) || (r >= 0xFE30 && r <= 0xFE4F) {
		if s := []rune(norm.NFKC.String(string(r))); len(s) == 1 {
			return s[0]
		}
	}
	return r
}
