package pdftext

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

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
		if n := len(out); n > 0 && sameSpot(out[n-1], g) {
			continue // the one glyph drawn again on the spot (PDFium leaves these)
		}
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
// Dashes and rules are set overlapping on purpose, to draw one long line
// (「――」): they are never a copy.
func sameSpot(a, b glyph) bool {
	tol := 0.2 * a.size
	return a.r == b.r && math.Abs(a.x0-b.x0) < tol && math.Abs(a.x1-b.x1) < tol && math.Abs(a.top-b.top) < tol && a.size == b.size &&
		!unicode.Is(unicode.Pd, a.r) && !strings.ContainsRune("―─━＿_…‥", a.r)
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

// radicalSupplement maps the CJK Radicals Supplement characters that
// fonts' ToUnicode maps give for whole ideographs (Word's PDFs of
// documents set in some Mincho and Gothic faces) to the ideographs.
// The Kangxi radicals (U+2F00–U+2FD5) have compatibility mappings and
// need no table.
var radicalSupplement = map[rune]rune{
	'⺃': '乚', '⺅': '亻', '⺇': '𠘨', '⺉': '刂', '⺋': '㔾', '⺎': '兀', '⺏': '尣', '⺐': '尢', '⺑': '𡯂', '⺒': '巳',
	'⺓': '幺', '⺔': '彑', '⺖': '忄', '⺗': '㣺', '⺘': '扌', '⺙': '攵', '⺛': '旡', '⺜': '日', '⺝': '月', '⺞': '歺',
	'⺟': '母', '⺠': '民', '⺡': '氵', '⺢': '氺', '⺣': '灬', '⺤': '爫', '⺦': '丬', '⺧': '㸦', '⺨': '犭', '⺩': '王',
	'⺪': '疋', '⺫': '罒', '⺬': '示', '⺭': '礻', '⺱': '冈', '⺲': '罒', '⺳': '㓁', '⺴': '罓', '⺵': '㓁', '⺶': '𦍌',
	'⺷': '𦍋', '⺹': '耂', '⺺': '肀', '⺻': '聿', '⺼': '月', '⺽': '臼', '⺾': '艹', '⺿': '艹', '⻀': '艹', '⻁': '虎',
	'⻂': '衤', '⻃': '覀', '⻄': '西', '⻅': '见', '⻆': '角', '⻇': '𧢲', '⻈': '讠', '⻉': '贝', '⻋': '车', '⻌': '辶',
	'⻍': '辶', '⻎': '辶', '⻏': '阝', '⻐': '钅', '⻑': '長', '⻒': '镸', '⻓': '长', '⻔': '门', '⻕': '𨸏', '⻖': '阝',
	'⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻞': '𩠐', '⻟': '飠', '⻠': '饣',
	'⻡': '𩠒', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾',
	'⻫': '斉', '⻬': '齐', '⻭': '歯', '⻮': '齿', '⻯': '竜', '⻰': '龙', '⻱': '龜', '⻲': '亀', '⻳': '龟',
}

// unifyRadical reads a radical character as the ideograph it stands for
// in running text: 「⽀」 (KANGXI RADICAL BRANCH) is 「支」.
func unifyRadical(r rune) rune {
	switch {
	case r >= 0x2F00 && r <= 0x2FD5:
		if s := norm.NFKC.String(string(r)); utf8.RuneCountInString(s) == 1 {
			u, _ := utf8.DecodeRuneInString(s)
			return u
		}
	case r >= 0x2E80 && r <= 0x2EF3:
		if u, ok := radicalSupplement[r]; ok {
			return u
		}
	}
	return r
}
