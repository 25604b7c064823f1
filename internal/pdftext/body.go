package pdftext

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/notes"
	"github.com/sourcecmp/sourcecmp/internal/recog"
)

var (
	reNotesHeading = regexp.MustCompile(`^[【\[［<＜■]?\s*(?:注|註|注釈|脚注|注記|原注|Notes?|NOTES|Endnotes)\s*[】\]］>＞]?$`)
	// reItemLabel opens a list item: (1) 1. 一、 ① ⑴, a bullet (・ ● ○ ◎ ■ …),
	// an iroha label (ア　), a letter (a. A)).
	reItemLabel   = regexp.MustCompile(`^(?:[（(][^）)]{1,4}[）)]|[0-9０-９]{1,2}[．.]|[一二三四五六七八九十]{1,3}[、．]|[①-⑳⑴-⒇]|[・●○◎■□◆◇▪▶◯〇※•◦∗]|[–—-][ 　]?|[ア-ン][　 ．.、]|[a-zA-Z][.)][ 　])`)
	reCodeLine    = regexp.MustCompile(`^[0-9]{1,3}:\s`) // a numbered line of an algorithm: 「7: end if」
	reDocKind     = regexp.MustCompile(`(?i)^(?:press\s*release|news\s*release|プレスリリース|ニュースリリース|報道発表(?:資料)?|報道資料)$`)
	reCaption     = regexp.MustCompile(`^[【［\[]?(?:図表|図|表|写真|グラフ|地図|Figure|Fig\.|Table|Chart)[\s　]*[0-9０-９]+`)
	reSeries      = regexp.MustCompile(`^(.{2,30}?)\s*(?:第\s*([0-9０-９]{1,5})\s*号|No\.\s*([0-9]{1,5}))`)
	reNameReading = regexp.MustCompile(`^(.{2,16}?)\s*[(（]\s*([\p{Hiragana}ー・ 　]{2,20})\s*[)）]$`)
	rePublisher   = regexp.MustCompile(`([^、。\s]{2,30}?)(?:を代表する|の公式見解|の見解を)`)
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
// one full-width space after a labelled heading's label:
// 「１.　１　背景と目的」 → 「１.１　背景と目的」, 「2)安全性」 → 「2)　安全性」.
func sectionNumber(h string) string {
	// 「1. はじめに」「3-1. 実験方法」: a number closed by a point, then a space.
	if m := reDottedNumber.FindStringSubmatchIndex(h); m != nil {
		return h[m[2]:m[3]] + "　" + h[m[4]:]
	}
	if m := reSectionNumber.FindString(h); m != "" {
		rest := h[len(m):]
		if t := strings.TrimLeft(rest, " 　"); t != rest && t != "" {
			rest = "　" + t // the gap after the number, whatever the producer set it as
		}
		return strings.NewReplacer(" ", "", "　", "").Replace(m) + rest
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

// numberedHeading reports a line that opens with a section's number:
// 「2.1　背景」「3. 方法」「４　結論」.
func numberedHeading(l line) bool {
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

// reDottedNumber is a heading's number closed by a point and the space
// after it: 「1. 」「3-1. 」.
var reDottedNumber = regexp.MustCompile(`^([0-9０-９]{1,2}(?:[.．\-－][0-9０-９]{1,2})*[.．])[ 　]+([^ 　0-9０-９]|$)`)

// headingText is a heading line's text, its number parted from its title
// where a gap stands between them (「1.1研究背景」 set 「1.1 研究背景」).
func headingText(l line) string {
	t := l.text
	if r := []rune(t); l.numberGap > 0 && l.numberGap < len(r) {
		t = string(r[:l.numberGap]) + "　" + string(r[l.numberGap:])
	}
	t = reTab.ReplaceAllString(t, " ")
	return sectionNumber(unspace(t))
}

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

// reCaptionSentence is a sentence that opens with a figure's label and
// goes on with a particle: 「図4.13より，…」「図 2 の箱ひげ図から…」.
var reCaptionSentence = regexp.MustCompile(`^(?:図表|図|表|写真|グラフ)[\s　]*[0-9０-９]+(?:[.．\-－][0-9０-９]+)*[\s　]*(?:より|から|まで|の|に|で|と|を|は|が|や|へ|，|、|,)`)

// reNextCaption is a second caption's label on a caption's line, after
// the blank between two figures set side by side.
var reNextCaption = regexp.MustCompile(`[ 　]+(?:図表|図|表|写真)[ 　]*[0-9０-９]+(?:[.．\-－][0-9０-９]+)*[ 　]*[:：．.]?`)

// sideBySide splits a line of captions set side by side:
// 「図4.1: greedy法で学習　図4.2: ε-greedy法で学習」 is two.
func sideBySide(s string) []string {
	var parts []string
	for {
		loc := reNextCaption.FindStringIndex(s)
		// A figure's label inside a caption's text (「図1と同じ条件」)
		// has no blank of an em before it.
		if loc == nil || loc[0] == 0 || !strings.Contains(s[loc[0]:loc[1]], "　") && !strings.Contains(s[loc[0]:loc[1]], "  ") {
			return append(parts, s)
		}
		parts = append(parts, strings.TrimSpace(s[:loc[0]]))
		s = strings.TrimSpace(s[loc[0]:])
	}
}

// isCaption reports a line that opens a caption: its label, and no
// sentence running on from it.
func isCaption(s string) bool {
	return reCaption.MatchString(s) && !reCaptionSentence.MatchString(s)
}

// unbracket takes off the lenticular brackets a caption is set in:
// 「【図表１　性別構成】」 → 「図表１　性別構成」.
func unbracket(s string) string {
	for _, p := range [][2]string{{"【", "】"}, {"［", "］"}, {"[", "]"}} {
		if strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			return strings.TrimSpace(s[len(p[0]) : len(s)-len(p[1])])
		}
	}
	return s
}

// isDisclaimer tells a publisher's disclaimer: 「本稿の見解は筆者個人のもの…」.
func isDisclaimer(s string) bool {
	return strings.Contains(s, "見解") && (strings.Contains(s, "ものではな") || strings.Contains(s, "公式見解") || strings.Contains(s, "代表する") || strings.Contains(s, "立場を示す"))
}

// front reads the first page's lines above the body: the series line, the
// title (the largest lines), the subtitle, the bylines and the dateline.
func (b *builder) front() {
	var first []int
	for i, l := range b.lines {
		if l.page == 0 && !b.used[i] {
			first = append(first, i)
		}
	}
	if len(first) == 0 {
		return
	}
	// The title is the run of the largest lines in the page's top half;
	// the lines above it are the series line and dateline, or the chrome
	// of a printed web page.
	var head []int
	for _, i := range first {
		if b.lines[i].top >= 0.5*b.pages[0].height {
			continue
		}
		// 「Press Release」 set largest names the kind of paper, not it;
		// so does 「卒業論文」 over a thesis's title, and the year over it.
		if t := strings.TrimSpace(b.lines[i].text); reDocKind.MatchString(t) || reTitleLabel.MatchString(t) && len(b.pages) > 2 || reYearLabel.MatchString(t) {
			b.remove(i, "front-matter")
			continue
		}
		head = append(head, i)
	}
	big := 0.0
	for _, i := range head {
		big = math.Max(big, b.lines[i].size)
	}
	if big < 1.25*b.body {
		b.noticeFront(first)
		b.cover(first)
		return
	}
	defer b.cover(first)
	var title []string
	end := 0
	for k, i := range head {
		l := b.lines[i]
		switch {
		case l.size == big && len(title) == 0 || len(title) > 0 && end == k && l.size <= big && l.size >= 0.9*big:
			title = append(title, l.text)
			end = k + 1
			b.used[i] = true
		case len(title) == 0:
			if !b.headerLine(i, false) {
				b.remove(i, "front-matter")
			}
		}
	}
	// 「付録」 over an appended paper's title labels it, it is no part of it.
	if len(title) > 1 && reTitleLabel.MatchString(strings.TrimSpace(title[0])) {
		b.d.Removed = append(b.d.Removed, doc.RemovedLine{Line: b.lines[head[0]].n, Text: title[0], Reason: "front-matter"})
		title = title[1:]
	}
	// A last line wholly in brackets says what kind of paper it is:
	// 「(ディスカッションペーパー)」 under the title.
	if n := len(title); n > 1 && (reBracketed.MatchString(strings.TrimSpace(title[n-1])) || reEnclosed.MatchString(strings.TrimSpace(title[n-1]))) {
		s := strings.TrimSpace(title[n-1])
		b.d.Subtitle = &s
		title = title[:n-1]
	}
	t := joinAll(title)
	// A printed page's header line: its date, the title and a label set
	// apart on one line (「令和３年５月14日　第６回「…」検討会　議事録」).
	if parts := strings.SplitN(t, "　", 2); len(parts) == 2 {
		if d, ok := dateLine(parts[0]); ok && strings.TrimSpace(parts[1]) != "" {
			t = strings.TrimSpace(parts[1])
			if b.d.PublishedOn == nil {
				b.d.PublishedOn = &d
			}
		}
	}
	b.d.Title = &t
	left, right := b.firstPageEdges()
	for k := end; k < len(first); k++ {
		i := first[k]
		l := b.lines[i]
		if b.used[i] {
			continue
		}
		// A dash opens the subtitle: 「――」, or 「⸺」 as LuaLaTeX sets it.
		dashed := strings.HasPrefix(l.text, "――") || strings.HasPrefix(l.text, "—") || strings.HasPrefix(l.text, "⸺")
		if b.d.Subtitle == nil && dashed {
			s := l.text
			b.d.Subtitle = &s
			b.used[i] = true
			continue
		}
		// The title in English right under it.
		if k == end && latin(l.text) && l.size < b.lines[first[end-1]].size && !b.isHeading(i) {
			b.remove(i, "front-matter")
			continue
		}
		// A student's byline: number, name and the name in Latin letters
		// (「1DS13174N　今岡 宏朗　IMAOKA Hiroaki」).
		if reStudentNumber.MatchString(l.text) {
			if a, ok := coverAuthor(reLatinName.ReplaceAllString(l.text, "")); ok {
				b.d.Authors = append(b.d.Authors, a)
				b.used[i] = true
				continue
			}
		}
		// A paper's byline, each name marked for its affiliation, and the
		// front page under it.
		if n := b.paperFront(first, k); n > 0 {
			k += n - 1
			continue
		}
		// A title block set large (LaTeX's \maketitle) has its byline and
		// date in larger type too: they are read before headings.
		if b.headerLine(i, true) {
			continue
		}
		if n := b.titleBlock(first, k, left, right); n > 0 {
			k += n - 1
			continue
		}
		if b.isHeading(i) && (numberedHeading(l) || !(l.size >= 1.1*b.body && b.d.Subtitle == nil && l.size > b.headingSize())) {
			break // a numbered heading opens the body: it is no subtitle
		}
		if hs := b.headingSize(); l.size >= 1.1*b.body && b.d.Subtitle == nil && (!b.isHeading(i) || hs > 0 && l.size > hs) {
			s := l.text
			b.d.Subtitle = &s
			b.used[i] = true
			continue
		}
		// A paper's author block: names, affiliations and addresses centred
		// under the title, before the body's first line.
		if c := (l.x0 + l.x1) / 2; l.x0 > left+2*l.em && l.x1 < right-2*l.em && math.Abs(c-(left+right)/2) < 2*l.em && !b.isHeading(i) {
			b.remove(i, "front-matter")
			continue
		}
		break
	}
	b.thanks()
}

// cover files the rest of a cover page once its title is read: a first
// page of a few short lines and no sentence (the date, the issuing body)
// holds front matter only, no headings.
func (b *builder) cover(first []int) {
	if b.d.Title == nil || len(b.pages) < 2 || len(first) > 8 && (len(b.pages) < 3 || len(first) > 16) {
		return
	}
	for _, i := range first {
		if l := b.lines[i]; strings.HasSuffix(l.text, "。") || len([]rune(l.text)) > 40 {
			return
		}
	}
	author := len(b.d.Authors) > 0
	for _, i := range first {
		if b.used[i] || b.headerLine(i, false) {
			continue
		}
		// A thesis's cover names its one author: 「氏名　新井 諒介」, the
		// student number and the name, or the name alone.
		if !author {
			if a, ok := coverAuthor(b.lines[i].text); ok {
				b.d.Authors = append(b.d.Authors, a)
				author = true
			}
		}
		b.remove(i, "cover")
	}
}

var (
	// reCoverNameLabel labels the author's name on a thesis's cover.
	reCoverNameLabel = regexp.MustCompile(`^(?:氏\s*名|著\s*者|提出者|学生氏名|執筆者)\s*[:：]?[\s　]*`)
	// reStudentNumber is a student number before the name: 「1Y15F148-5」.
	reStudentNumber = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z\-]{4,}[0-9A-Za-z][\s　]+`)
	// reLatinName is a name in Latin letters after the Japanese one.
	reLatinName = regexp.MustCompile(`[\s　]+[A-Z][A-Za-z\-]+(?:\s+[A-Z][A-Za-z\-]+)+$`)
	// reNotAName ends the lines of a cover that name a body, not a person,
	// or that name the supervisor.
	reNotAName = regexp.MustCompile(`(?:大学|学部|学科|研究科|研究室|専攻|コース|学院|学校|センター|研究所|会社|部|課|教授|准教授|助教|講師|教員|指導|年度|論文)`)
)

// coverAuthor reads the author's name off a line of a thesis's cover.
func coverAuthor(s string) (doc.Author, bool) {
	s = strings.TrimSpace(s)
	labelled := reCoverNameLabel.MatchString(s)
	s = reCoverNameLabel.ReplaceAllString(s, "")
	s = reStudentNumber.ReplaceAllString(s, "")
	if len([]rune(s)) > 12 || reNotAName.MatchString(s) || !labelled && strings.ContainsAny(s, "0123456789０１２３４５６７８９:：") {
		return doc.Author{}, false
	}
	found, ok := recog.Byline(s)
	if !ok || len(found) != 1 || found[0].Affiliation != nil || found[0].Title != nil || squash(found[0].Name) != squash(s) {
		return doc.Author{}, false
	}
	return found[0], true
}

// thanksMarks are the signs LaTeX's \thanks and similar author notes
// are marked with.
const thanksMarks = "∗*†‡"

// thanks reads the author's note that a byline's mark points to
// (「高橋 美咲∗」 and, at the page's foot, 「∗北陸国際問題研究所 研究員」): the
// author's affiliation and post. The note leaves the body.
func (b *builder) thanks() {
	if len(b.d.Authors) != 1 {
		return
	}
	for i, l := range b.lines {
		r := []rune(l.text)
		if b.used[i] || l.page != 0 || l.size >= 0.95*b.body || len(r) < 3 || !strings.ContainsRune(thanksMarks, r[0]) {
			continue
		}
		a := &b.d.Authors[0]
		if found, ok := recog.Byline(strings.TrimSpace(string(r[1:])) + "　" + a.Name); ok && len(found) == 1 {
			if a.Affiliation == nil && a.Title == nil {
				a.Affiliation, a.Title = found[0].Affiliation, found[0].Title
			}
			b.remove(i, "author-note")
		}
		return
	}
}

// headerLine files a front-matter line it recognises: a series line, a
// dateline, a meta line (「筆者：…」) or, below the title, a byline.
func (b *builder) headerLine(i int, bylines bool) bool {
	l := b.lines[i]
	if len([]rune(l.text)) > 70 {
		return false
	}
	recognised := false
	// 「環海発第４１２号」 numbers a notice, it names no series.
	if m := reSeries.FindStringSubmatch(l.text); m != nil && b.d.Series == nil && !strings.HasSuffix(strings.TrimSpace(m[1]), "発") {
		series, num := strings.TrimSpace(m[1]), m[2]+m[3]
		num, _ = label(num)
		b.d.Series, b.d.SeriesNumber = &series, &num
		recognised = true
	}
	if d, ok := dateLine(l.text); ok {
		if b.d.PublishedOn == nil {
			b.d.PublishedOn = &d
		}
		recognised = true
		// 「ソウル支局長　佐藤 健一　2025年6月18日」: a byline before the date.
		if before, ok := recog.BeforeDate(l.text); ok && bylines {
			if authors, ok := recog.Byline(before); ok {
				b.d.Authors = append(b.d.Authors, authors...)
			}
		}
	}
	if authors, categories := recog.MetaLine(l.text); len(authors)+len(categories) > 0 {
		b.d.Authors = append(b.d.Authors, authors...)
		b.d.Categories = append(b.d.Categories, categories...)
		recognised = true
	}
	if !recognised && bylines && latin(l.text) {
		// A paper's byline in Latin script; the Japanese byline patterns
		// would take 「New York University」 for a name.
		if authors, ok := recog.LatinNames(l.text); ok {
			b.d.Authors = append(b.d.Authors, authors...)
			recognised = true
		}
	} else if !recognised && bylines {
		if authors, ok := recog.Byline(strings.TrimRight(l.text, thanksMarks+" ")); ok {
			b.d.Authors = append(b.d.Authors, authors...)
			recognised = true
		}
	}
	if recognised {
		b.used[i] = true
	}
	return recognised
}

// dateLine reads the date a line states, or the date of a short line
// spaced out to a width: 「平 成25年10月　29　日」.
func dateLine(s string) (string, bool) {
	d, _, ok := recog.Date(s)
	if !ok && len([]rune(s)) <= 24 {
		d, _, ok = recog.Date(strings.NewReplacer(" ", "", "　", "").Replace(s))
	}
	return d, ok
}

// isHeading tells a heading line: larger than the body, or bold and short,
// and not a sentence.
func (b *builder) isHeading(i int) bool {
	l := b.lines[i]
	if b.plain[i] {
		return false
	}
	if strings.HasSuffix(l.text, "。") || strings.HasSuffix(l.text, "．") || len([]rune(l.text)) > 60 || reCodeLine.MatchString(l.text) || strings.ContainsRune("•◦‣∙・–∗", []rune(l.text + " ")[0]) {
		return false // a sentence, a line of code, a list's item
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
	if reBackMatter.MatchString(strings.TrimSpace(l.text)) && l.size >= 0.98*b.body {
		return true // a line of 「参考文献」 alone heads the references, whatever its size
	}
	return numbered && words >= 2 && l.size >= 1.03*b.body && l.x1 < b.rightOf(l)-room && !strings.HasSuffix(l.text, "、")
}

// reChapterNumber opens a chapter's heading: its number and a space, 「４　」.
// reBracketed is a line wholly in brackets.
var reBracketed = regexp.MustCompile(`^[(（][^()（）]+[)）]$`)

var reChapterNumber = regexp.MustCompile(`^[0-9０-９]{1,2}[ 　]+[^ 　0-9０-９]`)

// bodyText files the remaining lines: headings, paragraphs joined across
// lines and pages, captions, endnotes, the author's profile and the
// disclaimer.
func (b *builder) bodyText(list *notes.List) {
	var para *doc.Paragraph
	var prev *line
	inNotes, inProfile := false, false
	chromeSection := false          // under a heading such as 関連記事
	referenced := map[string]bool{} // the labels of the markers so far
	var headingSizes []float64
	sectionSize := map[int]float64{}
	var captionOpen *doc.Caption
	captionRaw := "" // the open caption as printed, credit and all
	closePara := func() { para = nil }
	for i := range b.lines {
		if b.used[i] {
			continue
		}
		l := b.lines[i]
		b.used[i] = true
		if captionOpen != nil && prev != nil && !reCaption.MatchString(l.text) && l.size == prev.size && prev.x1 >= b.rightOf(*prev)-2*prev.em && l.top-prev.bottom < 1.2*l.em {
			captionRaw = joinLines(captionRaw, l.text)
			captionOpen.Text, captionOpen.Credit = recog.Credit(captionRaw)
			prev = &b.lines[i]
			continue
		}
		captionOpen = nil
		switch {
		case isDisclaimer(l.text):
			b.remove(i, "disclaimer")
			if m := rePublisher.FindStringSubmatch(l.text); m != nil && b.d.Publisher == nil && !strings.Contains(m[1], "筆者") {
				p := m[1]
				b.d.Publisher = &p
			}
			closePara()
			prev = &b.lines[i]
			continue
		case b.profileLine(l):
			inProfile, inNotes = true, false
			b.remove(i, "profile")
			closePara()
			prev = &b.lines[i]
			continue
		case inProfile && l.size < 0.95*b.body:
			b.addBio(l.text)
			b.remove(i, "profile")
			prev = &b.lines[i]
			continue
		}
		inProfile = false
		if reNotesHeading.MatchString(l.text) {
			inNotes = true
			closePara()
			prev = &b.lines[i]
			continue
		}
		if inNotes && b.isHeading(i) && l.size >= 0.98*b.body {
			inNotes = false // a heading in the body's size ends the notes: 「7)　文書化」 on the next page
		}
		if inNotes {
			// Notes are set smaller than the body, or in the body's size
			// when each starts with its number.
			lbl, rest, starts := noteStart(l, nextLabel(list))
			near := prev != nil && l.page == prev.page && l.top-prev.bottom <= b.lead+0.3*l.em
			switch {
			case starts && !backwards(lbl, list):
				list.Start(lbl, rest)
				prev = &b.lines[i]
				continue
			case l.size < 0.98*b.body || near && !b.isHeading(i):
				list.Continue(l.text)
				prev = &b.lines[i]
				continue
			}
		}
		inNotes = false
		// Endnotes without a heading: a line smaller than the body that
		// starts with the number of the next marker still unexplained.
		if l.size < 0.95*b.body && !l.bold {
			if lbl, rest, ok := noteStart(l, nextLabel(list)); ok && referenced[lbl] && !list.Has(lbl) && strings.TrimLeft(lbl, "※注*") == strconv.Itoa(nextLabel(list)) {
				inNotes = true
				list.Start(lbl, rest)
				closePara()
				prev = &b.lines[i]
				continue
			}
		}
		if isCaption(l.text) && (l.size < 0.98*b.body || prev == nil || prev.x1 < b.rightOf(*prev)-2*prev.em || l.x0 > b.leftOf(l)+0.5*l.em || l.page != prev.page || l.top-prev.bottom > 0.8*l.em) {
			// Figures set side by side put their captions on one line.
			parts := sideBySide(l.text)
			for _, part := range parts {
				text, credit := recog.Credit(unbracket(part))
				b.d.Captions = append(b.d.Captions, doc.Caption{Text: text, Credit: credit})
			}
			captionOpen, captionRaw = &b.d.Captions[len(b.d.Captions)-1], parts[len(parts)-1]
			closePara()
			prev = &b.lines[i]
			continue
		}
		if reason, ok := recog.Chrome(l.text); ok && !(reason == "boilerplate" && b.runningText(l, prev, para != nil)) {
			b.remove(i, reason)
			chromeSection = b.isHeading(i) && (reason == "related" || reason == "tags" || reason == "share")
			closePara()
			prev = &b.lines[i]
			continue
		}
		if chromeSection && !b.isHeading(i) {
			b.remove(i, "related")
			prev = &b.lines[i]
			continue
		}
		chromeSection = false
		if b.isHeading(i) {
			if para == nil && prev != nil && len(b.d.Sections) > 0 && prev.size == l.size && b.d.Sections[len(b.d.Sections)-1].Heading != nil &&
				len(b.d.Sections[len(b.d.Sections)-1].Paragraphs) == 0 && (l.top-prev.bottom < 0.6*l.em || prev.x1 >= b.rightOf(*prev)-2*prev.em && l.top-prev.bottom < 1.5*l.em) {
				s := &b.d.Sections[len(b.d.Sections)-1]
				h := joinLines(*s.Heading, l.text) // a heading that wraps
				s.Heading = &h
			} else {
				h := headingText(l)
				b.d.Sections = append(b.d.Sections, doc.Section{Heading: &h, Paragraphs: []doc.Paragraph{}})
				sectionSize[len(b.d.Sections)-1] = l.size
				headingSizes = append(headingSizes, l.size)
			}
			closePara()
			prev = &b.lines[i]
			continue
		}
		if para == nil || b.breaksParagraph(*prev, l, b.nextLine(i)) {
			if len(b.d.Sections) == 0 {
				b.d.Sections = append(b.d.Sections, doc.Section{Level: 1, Paragraphs: []doc.Paragraph{}})
			}
			s := &b.d.Sections[len(b.d.Sections)-1]
			s.Paragraphs = append(s.Paragraphs, doc.Paragraph{FootnoteRefs: []doc.FootnoteRef{}})
			para = &s.Paragraphs[len(s.Paragraphs)-1]
		}
		appendLine(para, l)
		for _, m := range l.marks {
			referenced[m.label] = true
		}
		prev = &b.lines[i]
	}
	levels(b.d.Sections, sectionSize, headingSizes)
	list.Complete(b.d)
}

// runningText reports a line that a page's boilerplate pattern matches
// (「御意見」) but that is the document's own text: a full line that runs
// on, the line a full line runs on to, or a numbered heading (a call for
// public comments names 御意見 throughout).
func (b *builder) runningText(l line, prev *line, open bool) bool {
	return l.x1 >= b.rightOf(l)-1.5*l.em || open && prev != nil && prev.page == l.page && prev.x1 >= b.rightOf(*prev)-1.5*prev.em || numberedHeading(l) || reFullNumber.MatchString(l.text)
}

// reFullNumber opens an item numbered 「１．」.
var reFullNumber = regexp.MustCompile(`^[0-9０-９]{1,2}．`)

// kinsokuShort reports a line that ends a little short of the right edge
// in mid-sentence (after 「、」 or a letter) because line breaking would
// not start the next line with 「々」 or a small kana, with the next line
// set flush left: the paragraph runs on.
func kinsokuShort(prev, l line, right, left float64) bool {
	r := []rune(prev.text)
	if len(r) < 10 || prev.x1 < right-3*prev.em || prev.page != l.page || indentOf(l) > left+0.5*l.em {
		return false
	}
	last := r[len(r)-1]
	return last == '、' || last == '，' || unicode.In(last, unicode.Han, unicode.Hiragana, unicode.Katakana) && !strings.ContainsRune("。．", last)
}

// breaksParagraph reports whether l starts a new paragraph after prev: it
// is indented, prev ended short of the right edge, a gap or a change of
// size stands between them. Indented is against the line above as well
// as the column's edge, so a paragraph set in from the margin as a whole
// (an answer under its question) runs on; and a line set in under a full
// line above, with the line below starting where it does, is a hanging
// indent's next line (「（問１）今回の…」 and the lines aligned after the label).
func (b *builder) breaksParagraph(prev, l line, next *line) bool {
	right := b.rightOf(prev)
	if r := b.blockRight[prev.n-1]; r > 0 {
		right = r
	}
	switch {
	case prev.x1 < right-1.5*prev.em && !kinsokuShort(prev, l, right, b.leftOf(l)):
		return true
	case math.Abs(l.size-prev.size) > 0.1*l.size:
		return true
	case l.page == prev.page && l.top-prev.bottom > b.lead+0.6*l.em:
		return true
	case indentOf(l) <= b.leftOf(l)+0.5*l.em:
		return false
	case l.page == prev.page && indentOf(l) <= prev.x0+0.5*l.em:
		return false // as far in as the line above: the same block
	case l.page == prev.page && reItemLabel.MatchString(prev.text) && l.x0 < prev.x0+6*l.em:
		return false // under a full line that opens with its label: 「（問１）…」
	case next != nil && next.page == l.page && math.Abs(next.x0-l.x0) < 0.3*l.em && next.top-l.bottom < b.lead+0.6*l.em:
		return false // a hanging indent: the lines below start where this one does
	}
	return true
}

// narrowBlocks finds the blocks set narrower than their column (an
// abstract, a quotation set in): runs of three or more lines with the same
// left edge, most of them ending at one right edge well short of the
// column's. Their lines end a paragraph only short of that edge.
func (b *builder) narrowBlocks() {
	b.blockRight = make([]float64, len(b.lines))
	start := 0
	for i := 1; i <= len(b.lines); i++ {
		if i < len(b.lines) {
			p, l := b.lines[i-1], b.lines[i]
			if l.page == p.page && math.Abs(l.size-p.size) < 0.1*l.size && math.Abs(l.x0-p.x0) < 1.5*l.em &&
				l.top > p.bottom-0.2*l.em && l.top-p.bottom < b.lead+0.6*l.em {
				continue
			}
		}
		run := b.lines[start:i]
		right := 0.0
		for _, l := range run {
			right = max(right, l.x1)
		}
		full := 0
		for _, l := range run {
			if l.x1 >= right-l.em {
				full++
			}
		}
		l0 := run[0]
		if len(run) >= 3 && 2*full >= len(run) && right < b.rightOf(l0)-1.5*l0.em && (right < b.rightOf(l0)-2*l0.em || l0.x0 > b.leftOf(l0)+l0.em) {
			for k := start; k < i; k++ {
				b.blockRight[k] = right
			}
		}
		start = i
	}
}

// nextLine is the line after i on its page that is not filed yet, if any.
func (b *builder) nextLine(i int) *line {
	for j := i + 1; j < len(b.lines) && b.lines[j].page == b.lines[i].page; j++ {
		if !b.used[j] {
			return &b.lines[j]
		}
	}
	return nil
}

// leftOf and rightOf are the edges of the column l stands in.
func (b *builder) leftOf(l line) float64 {
	if l.colRight > 0 {
		return l.colLeft
	}
	if r := b.pageRight[l.page]; r > 0 {
		return b.pageLeft[l.page]
	}
	return b.left
}

func (b *builder) rightOf(l line) float64 {
	if l.colRight > 0 {
		return l.colRight
	}
	if r := b.pageRight[l.page]; r > 0 {
		return r
	}
	return b.right
}

// appendLine adds a line to a paragraph, moving its marks with it.
func appendLine(p *doc.Paragraph, l line) {
	joined := joinLines(p.Text, l.text)
	base := len([]rune(joined)) - len([]rune(l.text))
	p.Text = joined
	for _, m := range l.marks {
		p.FootnoteRefs = append(p.FootnoteRefs, doc.FootnoteRef{Label: m.label, Offset: base + m.at})
	}
}

// latin reports a line with no Japanese in it.
func latin(s string) bool {
	for _, r := range s {
		if isJP(r) || r >= 0xac00 && r <= 0xd7a3 {
			return false
		}
	}
	return true
}

// softHyphen stands for the hyphen of a word broken at a line's end until
// the line is joined to the next; one that stays is printed as "-".
const softHyphen = '\u00ad'

// unhyphenate prints the soft hyphens no join took away.
func unhyphenate(d *doc.Document) {
	fix := func(s *string) {
		if s != nil && strings.ContainsRune(*s, softHyphen) {
			*s = strings.ReplaceAll(*s, string(softHyphen), "-")
		}
	}
	fix(d.Title)
	fix(d.Subtitle)
	for i := range d.Sections {
		fix(d.Sections[i].Heading)
		for j := range d.Sections[i].Paragraphs {
			fix(&d.Sections[i].Paragraphs[j].Text)
		}
	}
	for i := range d.Footnotes {
		fix(d.Footnotes[i].Body)
	}
	for i := range d.Captions {
		fix(&d.Captions[i].Text)
	}
	for i := range d.Removed {
		fix(&d.Removed[i].Text)
	}
}

// joinLines joins a wrapped line to the text before it: directly in
// Japanese, with a space between two Latin words.
func joinLines(a, b string) string {
	if a == "" {
		return b
	}
	ra, rb := []rune(a), []rune(b)
	if len(rb) == 0 {
		return a
	}
	x, y := ra[len(ra)-1], rb[0]
	if x == softHyphen {
		if unicode.IsLower(y) {
			return string(ra[:len(ra)-1]) + b // 「Ex-」「isting」: one word
		}
		return string(ra[:len(ra)-1]) + "-" + b
	}
	// A URL broken at the line's end goes on without a space.
	lastWord := a[strings.LastIndexAny(a, " 　")+1:]
	if strings.Contains(lastWord, "://") || strings.HasPrefix(lastWord, "www.") {
		return a + b
	}
	if !isJP(x) && !isJP(y) && !unicode.IsSpace(x) && x != '-' && x != '/' {
		return a + " " + b
	}
	return a + b
}

func joinAll(parts []string) string {
	out := ""
	for _, p := range parts {
		out = joinLines(out, p)
	}
	return out
}

// profileLine tells the first line of an author's profile: the author's
// name, with its reading.
func (b *builder) profileLine(l line) bool {
	m := reNameReading.FindStringSubmatch(l.text)
	if m == nil {
		return false
	}
	name := strings.TrimSpace(m[1])
	for i := range b.d.Authors {
		if squash(b.d.Authors[i].Name) == squash(name) {
			r := strings.TrimSpace(m[2])
			b.d.Authors[i].NameReading = &r
			return true
		}
	}
	return false
}

// addBio adds a profile line to the bio of the last author named.
func (b *builder) addBio(s string) {
	for i := range b.d.Authors {
		if b.d.Authors[i].NameReading != nil {
			bio := s
			if old := b.d.Authors[i].Bio; old != nil {
				bio = joinLines(*old, s)
			}
			b.d.Authors[i].Bio = &bio
		}
	}
}

// levels ranks heading sizes: the largest is level 1. Headings all in one
// size (a word processor's, told apart by their face) are ranked by their
// numbers instead: 「１」 1, 「１.１」 2, and a labelled or unnumbered
// heading one below the numbered heading before it.
func levels(sections []doc.Section, size map[int]float64, sizes []float64) {
	sort.Sort(sort.Reverse(sort.Float64Slice(sizes)))
	var distinct []float64
	for _, s := range sizes {
		if len(distinct) == 0 || distinct[len(distinct)-1]-s > 0.5 {
			distinct = append(distinct, s)
		}
	}
	if len(distinct) == 1 {
		numbered := 0 // the level of the last numbered heading
		for i := range sections {
			sections[i].Level = 1
			h := sections[i].Heading
			switch {
			case h == nil:
			case reSectionNumber.MatchString(*h):
				numbered = 1 + strings.Count(strings.ReplaceAll(reSectionNumber.FindString(*h), "．", "."), ".")
				sections[i].Level = numbered
			case reChapterNumber.MatchString(*h):
				numbered = 1
				sections[i].Level = 1
			case numbered > 0:
				sections[i].Level = numbered + 1
			}
		}
		return
	}
	for i := range sections {
		sections[i].Level = 1
		if sections[i].Heading == nil {
			continue
		}
		for k, s := range distinct {
			if size[i] >= s-0.5 {
				sections[i].Level = k + 1
				break
			}
		}
	}
}

func squash(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "　", " ")), "")
}

// headingSize is the size of the body's largest headings: the size of the
// lines after the title that are larger than the body and come more than
// once (a subtitle comes once).
func (b *builder) headingSize() float64 {
	count := map[float64]int{}
	for _, l := range b.lines {
		if l.size >= 1.1*b.body && l.page >= 0 {
			count[math.Round(l.size*10)/10]++
		}
	}
	best := 0.0
	for s, c := range count {
		if c >= 2 && s > best {
			best = s
		}
	}
	return best
}

// indentOf is where a line's text begins: an opening bracket's ink stands
// in the right half of its box, so a line starting 「（」 starts half an em
// left of its ink.
func indentOf(l line) float64 {
	if r := []rune(l.text); len(r) > 0 && strings.ContainsRune(jpOpening, r[0]) {
		return l.x0 - 0.5*l.em
	}
	return l.x0
}
