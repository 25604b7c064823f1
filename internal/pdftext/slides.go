package pdftext

import (
	"math"
	"regexp"
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
				if l.size > big && !bulletLine(l.text) {
					big = l.size
				}
				top = math.Min(top, l.top)
			}
		}
		for _, l := range b.lines {
			if l.page == p && l.top == top && !bulletLine(l.text) && !rePageNumber.MatchString(l.text) {
				big = math.Min(big, l.size) // the topmost line heads the slide
				break
			}
		}
		for i, l := range b.lines {
			if l.page != p || l.top >= 0.3*b.pages[p].height || l.size < 0.97*big || rePageNumber.MatchString(l.text) {
				continue
			}
			if bulletLine(l.text) {
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
	b.dividers()
	b.continuedTitles()
}

// continuedTitles drops the title of a slide that carries on the one
// before under the same title (「テキストに値を入力してみる」 over four
// slides): one section, headed once.
func (b *builder) continuedTitles() {
	title := func(p int) (string, []int) {
		var t []string
		var ls []int
		for i, l := range b.lines {
			if l.page == p && b.slideTitle[i] {
				t = append(t, l.text)
				ls = append(ls, i)
			}
		}
		return strings.Join(t, ""), ls
	}
	prev, _ := title(0)
	for p := 1; p < len(b.pages); p++ {
		t, ls := title(p)
		if t != "" && t == prev {
			for _, i := range ls {
				b.slideTitle[i] = false
				b.remove(i, "running-head")
			}
		}
		prev = t
	}
}

// reWordTag is a word in brackets that opens a slide's title, not a
// bullet's label: 「（参考）」「（別紙）」.
var reWordTag = regexp.MustCompile(`^[（(][\p{Han}\p{Katakana}ー]{1,4}[）)]`)

// bulletLine reports a slide's line that opens with an item's label.
func bulletLine(s string) bool {
	return reItemLabel.MatchString(s) && !reWordTag.MatchString(s)
}

// dividers reads section-divider slides: a slide that holds only the
// deck's numbered parts (「１　緊急承認制度について」「２　電子処方箋について」),
// shown again before each part with that part picked out. The k-th
// showing heads part k; the other parts' lines on it are the deck's
// contents, no text.
func (b *builder) dividers() {
	byPage := map[int][]int{}
	for i, l := range b.lines {
		if !rePageNumber.MatchString(l.text) {
			byPage[l.page] = append(byPage[l.page], i)
		}
	}
	shown := map[string][][]int{}
	for p := range b.pages {
		ls := byPage[p]
		if len(ls) < 2 || len(ls) > 8 {
			continue
		}
		var key []string
		for k, i := range ls {
			l := b.lines[i]
			if b.slideTitle[i] || leadingNumber(l.text) != k+1 || len([]rune(l.text)) > 40 || strings.HasSuffix(l.text, "。") {
				key = nil
				break
			}
			key = append(key, strings.Join(strings.Fields(l.text), ""))
		}
		if key != nil {
			k := strings.Join(key, "\n")
			shown[k] = append(shown[k], ls)
		}
	}
	for _, pages := range shown {
		if len(pages) < 2 || len(pages) > len(pages[0]) {
			continue
		}
		for k, ls := range pages {
			for j, i := range ls {
				if j == k {
					b.slideTitle[i] = true
				} else {
					b.remove(i, "contents")
				}
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
