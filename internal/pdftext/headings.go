package pdftext

import (
	"math"
	"regexp"
	"strings"
	"unicode"
)

// reSectionNumber is a heading's dotted number, spaces and all as a
// word processor's tab stops leave them: 「１.　１」.
var reSectionNumber = regexp.MustCompile(`^[0-9０-９]{1,2}(?:[.．][ 　]*[0-9０-９]{1,2})+`)

// lastRune is s's last character, as a string.
func lastRune(s string) string {
	r := []rune(s)
	return string(r[len(r)-1:])
}

// reItemNumber is a low heading's label, 「1)」 or 「a)」, and the space
// after it, which producers set as a space, a gap or nothing at all.
var reItemNumber = regexp.MustCompile(`^([0-9０-９]{1,2}|[a-zａ-ｚ])[)）][ 　]*`)

// sectionNumber closes up the spaces inside a heading's number and puts
// one space after a labelled heading's label: half-width where one
// half-width space was typed (「1.1 研究背景」, as word processors' authors
// write it), else full-width (a tab, a wide gap, an ideographic space):
// 「１.　１　背景と目的」 → 「１.１　背景と目的」, 「2)安全性」 → 「2)　安全性」.
func sectionNumber(h string) string {
	// 「1. はじめに」「3-1. 実験方法」: a number closed by a point, then a space.
	if m := reDottedNumber.FindStringSubmatchIndex(h); m != nil {
		return h[m[2]:m[3]] + separator(h[m[3]:m[4]]) + h[m[4]:]
	}
	if m := reSectionNumber.FindString(h); m != "" {
		rest := h[len(m):]
		if t := strings.TrimLeft(rest, " 　"); t != rest && t != "" {
			rest = separator(rest[:len(rest)-len(t)]) + t
		}
		return strings.NewReplacer(" ", "", "　", "").Replace(m) + rest
	}
	if m := reAppendixLabel.FindStringSubmatch(h); m != nil {
		return m[1] + "　" + h[len(m[0]):] // 「付録B huhuu」: the label, then its title
	}
	if m := reChapterNumber.FindString(h); m != "" {
		if t := strings.TrimLeft(h[len(m)-len(lastRune(m)):], " 　"); t != "" {
			return strings.TrimRight(m[:len(m)-len(lastRune(m))], " 　") + "　" + t
		}
	}
	if m := reItemNumber.FindStringSubmatch(h); m != nil && len(h) > len(m[0]) {
		return m[1] + ")　" + h[len(m[0]):]
	}
	return h
}

// separator is the space a heading's number is followed by: one typed
// half-width space stays one, any other blank is read as a full-width
// space.
func separator(blank string) string {
	if blank == " " {
		return " "
	}
	return "　"
}

// numberedHeading reports a line that opens with a section's number:
// 「2.1　背景」「3. 方法」「４　結論」.
func numberedHeading(l line) bool {
	if m := reSectionNumber.FindString(l.text); m != "" && len(m) < len(l.text) && unicode.IsDigit(rune(l.text[len(m)])) {
		return false // a longer number: 「10.1088/…」, a DOI
	}
	return reSectionNumber.MatchString(l.text) || reChapterNumber.MatchString(l.text) || reDottedNumber.MatchString(l.text) || l.numberGap > 0 || rePointedTitle.MatchString(l.text)
}

// rePointedTitle is a number closed by a point and a title set tight
// after it: 「7.考察」.
var rePointedTitle = regexp.MustCompile(`^[0-9０-９]{1,2}[.．]\p{Han}|^[0-9０-９]{1,2}[.．][\p{Hiragana}\p{Katakana}]`)

// listRun reports a numbered line that belongs to a numbered list: the
// line after it on its page that starts at its x is numbered too, or the
// one before it.
func (b *builder) listRun(i int) bool {
	l := b.lines[i]
	n := leadingNumber(l.text)
	for _, step := range []int{-1, 1} {
		j := i + step
		if j < 0 || j >= len(b.lines) {
			continue
		}
		m := b.lines[j]
		if m.page == l.page && math.Abs(m.x0-l.x0) < 0.5*l.em && math.Abs(m.top-l.top) < 3*l.em && (m.numberTab || reTabNumber.MatchString(m.text)) && leadingNumber(m.text) == n+step {
			return true // the item before or after it in the list
		}
	}
	return false
}

// leadingNumber is the number a line opens with (-9 for none).
func leadingNumber(s string) int {
	n, digits := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		default:
			if digits == 0 {
				return -9
			}
			return n
		}
		digits++
	}
	return n
}

// reTab is a tab and the spaces around it.
var reTab = regexp.MustCompile(`[ 　]*\t[ 　]*`)

// reTabNumber is a section's number and the tab after it.
var reTabNumber = regexp.MustCompile(`^[0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2})*[.．]?\t`)

// reBackMatter is the heading of a paper's back matter, unnumbered.
var reBackMatter = regexp.MustCompile(`^(?:参\s*考\s*文\s*献|引\s*用\s*文\s*献|文\s*献|謝\s*辞|付\s*録)$`)

// reYearLabel is an academic year set alone over a thesis's title.
var reYearLabel = regexp.MustCompile(`^(?:令和|平成)\s*[0-9０-９元]{1,2}\s*年度$|^[0-9０-９]{4}\s*年度$`)

// numberDepth is the depth a heading's number gives it: 「1.」 1, 「１.１」
// and 「2-1.」 2, 「3.2.1」 3; 0 for a heading with no such number.
func numberDepth(h string) int {
	var number string
	if m := reDottedNumber.FindStringSubmatch(h); m != nil {
		number = strings.TrimRight(m[1], ".．")
	} else if number = reSectionNumber.FindString(h); number == "" {
		return 0
	}
	return 1 + strings.Count(number, ".") + strings.Count(number, "．") + strings.Count(number, "-") + strings.Count(number, "－")
}

// reDottedNumber is a heading's number closed by a point and the space
// after it: 「1. 」「3-1. 」.
var reDottedNumber = regexp.MustCompile(`^([0-9０-９]{1,2}(?:[.．\-－][0-9０-９]{1,2})*[.．])[ 　]+([^ 　0-9０-９]|$)`)

// headingText is a heading line's text, its number parted from its title
// where a gap stands between them (「1.1研究背景」 set 「1.1 研究背景」).
func headingText(l line) string {
	t := l.text
	if r := []rune(t); l.numberGap > 0 && l.numberGap < len(r) {
		// A gap under an em is a half-width space's (Word leaves out the
		// space it sets, and writes the gap); a tab's is wider.
		sep := " "
		if l.numberTab {
			sep = "　"
		}
		t = string(r[:l.numberGap]) + sep + string(r[l.numberGap:])
	}
	t = reTab.ReplaceAllString(t, " ")
	// A short title spaced out after its number: 「第1章　序 論」.
	if m := reHeadingLabel.FindString(t); m != "" && m != t {
		if u := unspace(t[len(m):]); u != t[len(m):] {
			t = m + u
		}
	}
	return sectionNumber(unspace(t))
}

// reAppendixLabel is an appendix's label and the space after it.
var reAppendixLabel = regexp.MustCompile(`^(付録\s*[A-ZＡ-Ｚ0-9０-９])[ 　]+`)

// reHeadingLabel is a heading's number or chapter label and the space
// after it: 「第1章　」「2.1 」「付録A　」.
var reHeadingLabel = regexp.MustCompile(`^(?:第\s*[0-9０-９]{1,2}\s*[章節部]|付録\s*[A-ZＡ-Ｚ0-9]?|[0-9０-９]{1,2}(?:[.．][0-9０-９]{1,2})*[.．]?)[ 　]+`)

// unspace closes up a heading spaced out letter by letter: 「文 献」「謝　辞」.
func unspace(h string) string {
	parts := strings.Fields(strings.ReplaceAll(h, "　", " "))
	if len(parts) < 2 || len(parts) > 6 {
		return h
	}
	for _, p := range parts {
		if r := []rune(p); len(r) != 1 || !unicode.In(r[0], unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return h
		}
	}
	return strings.Join(parts, "")
}

// isHeading tells a heading line: larger than the body, or bold and short,
// and not a sentence.
func (b *builder) isHeading(i int) bool {
	l := b.lines[i]
	if b.plain[i] {
		return false
	}
	if b.deck {
		return b.slideTitle[i] // a slide's text is set large throughout: only its title heads it
	}
	if reEnclosed.MatchString(strings.TrimSpace(l.text)) && !numberedHeading(l) {
		return false // 「～…～」 under a heading is an aside, not one
	}
	if strings.HasSuffix(l.text, "。") || strings.HasSuffix(l.text, "．") || len([]rune(l.text)) > 60 || reCodeLine.MatchString(l.text) || strings.ContainsRune("•◦‣∙・–∗", []rune(l.text + " ")[0]) {
		return false // a sentence, a line of code, a list's item
	}
	if reCodeKeyword.MatchString(l.text) || formula(l.text) {
		return false // an algorithm's lines, its keywords in bold: 「end for」「Ensure:」
	}
	numbered := numberedHeading(l)
	if !l.bold && len([]rune(l.text)) > 20 && l.x1 >= b.rightOf(l)-l.em && !(numbered && l.size >= 1.2*b.body) {
		return false // a full line in a larger size: a cover letter's paragraph, not a heading
	}
	// A numbered heading in bold may run nearly to the margin: 「４.２　シス
	// テムのクラウド化徹底と…の最小化」.
	room := 2 * l.em
	if reSectionNumber.MatchString(l.text) || reItemNumber.MatchString(l.text) || reChapterNumber.MatchString(l.text) {
		room = 0.5 * l.em
	}
	if l.size >= 1.1*b.body || l.bold && l.size >= 0.98*b.body && l.x1 < b.rightOf(l)-room && !strings.HasSuffix(l.text, "、") {
		return true
	}
	// A numbered heading a point larger than the body, in the body's face:
	// 「2. 振動スピーカー駆動装置の回路」 in 11 over a body in 10.5.
	words := len([]rune(strings.TrimLeft(l.text, "0123456789０１２３４５６７８９.．-－ 　")))
	// Word's list numbering parts the number from the title by a tab:
	// 「1<tab>背景」, set in the body's size or a little smaller.
	if (reTabNumber.MatchString(l.text) || l.numberTab) && words >= 2 && l.size >= 0.95*b.body && l.x1 < b.rightOf(l)-3*l.em && !strings.HasSuffix(l.text, "、") &&
		l.x0 <= b.leftOf(l)+l.em && !b.listRun(i) {
		return true
	}
	// A numbered line in the body's size set out to the left of the
	// body's edge heads what follows: a ruled form's section titles
	// (「１　規制の必要性・有効性」 over its boxed text).
	if numbered && words >= 2 && l.size >= 0.98*b.body && l.x1 < b.rightOf(l)-3*l.em && !strings.HasSuffix(l.text, "、") && b.outdented(i) {
		return true
	}
	// A short numbered line in the body's size at the margin, its
	// paragraph's lines set in under it: a summary sheet's or notice's
	// section title (「１．制定の趣旨」 over 「　大麻取締法…」).
	if numbered && words >= 2 && words <= 20 && l.size >= 0.98*b.body && l.x0 <= b.leftOf(l)+0.5*l.em &&
		l.x1 < b.rightOf(l)-8*l.em && !strings.ContainsAny(l.text, "、。，") && b.setInUnder(i) && !b.listRun(i) {
		return true
	}
	if reBackMatter.MatchString(strings.TrimSpace(l.text)) && l.size >= 0.98*b.body {
		return true // a line of 「参考文献」 alone heads the references, whatever its size
	}
	return numbered && words >= 2 && l.size >= 1.03*b.body && l.x1 < b.rightOf(l)-room && !strings.HasSuffix(l.text, "、")
}

// formula reports a line of a displayed equation: a third of its
// characters or more from the mathematical alphanumerics (Word's
// equations in Cambria Math: 「𝑈T~ (Δ𝜌𝑔」), which no heading is set in.
func formula(s string) bool {
	n, math := 0, 0
	for _, r := range s {
		if r == ' ' || r == '　' {
			continue
		}
		n++
		if r >= 0x1D400 && r <= 0x1D7FF {
			math++
		}
	}
	return math >= 2 && 3*math >= n
}

// reCodeKeyword is a line of Latin letters that no heading is: one that
// opens in lower case (「end while」「return x」) or a label closed by a
// colon (「Require:」).
var reCodeKeyword = regexp.MustCompile(`^[a-z][\x20-\x7e]*$|^[A-Za-z]+:$`)

// reChapterNumber opens a chapter's heading: its number and a space, 「４　」.
// reBracketed is a line wholly in brackets.
var reBracketed = regexp.MustCompile(`^[(（][^()（）]+[)）]$`)

var reChapterNumber = regexp.MustCompile(`^[0-9０-９]{1,2}[ 　]+[^ 　0-9０-９]`)

// outdented reports a line set out to the left of the text: of the
// body's edge, or, at that edge, of the lines under it by an em and a
// half (a box's text under its title).
func (b *builder) outdented(i int) bool {
	l := b.lines[i]
	if l.x0 < b.leftOf(l)-l.em {
		return true
	}
	// Only a number parted from its title by a space: 「１．御意見の…」
	// over text set in is a numbered item's label, its paragraph under it.
	if l.x0 > b.leftOf(l)+0.5*l.em || i+1 >= len(b.lines) || !reChapterNumber.MatchString(l.text) {
		return false
	}
	n := b.lines[i+1]
	if i+2 < len(b.lines) && b.lines[i+2].page == l.page && b.lines[i+2].x0 < l.x0+1.5*l.em {
		return false
	}
	return n.page == l.page && math.Abs(n.size-l.size) < 0.05*l.size && n.x0 >= l.x0+1.5*l.em && n.top-l.bottom < 4*l.em
}

// setInUnder reports the line right under line i, in its size, set in
// from its start or opening with an item's mark (「○」): the first line
// of its paragraph, under a section title at the margin.
func (b *builder) setInUnder(i int) bool {
	l := b.lines[i]
	if i+1 >= len(b.lines) {
		return false
	}
	n := b.lines[i+1]
	if n.page != l.page || math.Abs(n.size-l.size) > 0.05*l.size || n.top-l.bottom > 3*l.em || numberedHeading(n) {
		return false
	}
	return n.x0 >= l.x0+0.4*l.em || strings.ContainsRune("○◯●・■□◆◇", []rune(n.text)[0])
}
