package pdftext

import (
	"math"
	"regexp"
	"strings"
	"unicode"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/recog"
)

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
	half := 0.5
	if b.deck {
		half = 0.8 // a title slide centres its title block
	}
	for _, i := range first {
		if b.lines[i].top >= half*b.pages[0].height {
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
	big, bigJP := 0.0, 0.0
	for _, i := range head {
		big = math.Max(big, b.lines[i].size)
		if !latin(b.lines[i].text) {
			bigJP = math.Max(bigJP, b.lines[i].size)
		}
	}
	// A Japanese document's title is its Japanese one, though the title
	// in English over or under it be set larger.
	if bigJP < big && bigJP >= 0.75*big && bigJP >= 1.25*b.body {
		big = bigJP
	}
	if big < 1.25*b.body {
		b.noticeFront(first)
		b.cover(first)
		return
	}
	defer b.cover(first)
	var title []string
	subtitle := ""
	end := 0
	for k, i := range head {
		l := b.lines[i]
		switch {
		case l.size == big && len(title) == 0 || len(title) > 0 && end == k && l.size <= big && l.size >= 0.97*big && !b.farBelow(head[k-1], i) ||
			// A title slide's title set over lines of sizes the slide
			// tool shrank to fit.
			b.deck && len(title) > 0 && end == k && l.size <= big && l.size >= 0.9*big && l.top-b.lines[head[k-1]].bottom < 1.5*l.em && !reItemLabel.MatchString(l.text):
			title = append(title, l.text)
			end = k + 1
			b.used[i] = true
		case len(title) > 0 && end == k && l.jpSize > 0 && l.jpSize == b.lines[head[k-1]].jpSize && l.size < big && subtitle == "" && !b.farBelow(head[k-1], i) && l.top-b.lines[head[k-1]].bottom < 0.5*l.em:
			// The title wrapping: its Japanese set as large as the line
			// above's, which Latin letters set a little larger made look
			// the larger (LuaTeX-ja's 「Hodgkin-Huxleyモデルの…を目」).
			title = append(title, l.text)
			end = k + 1
			b.used[i] = true
		case len(title) > 0 && end == k && l.size >= 0.9*big && subtitle == "" && !numberedHeading(l) && !(latin(l.text) && !latin(title[0])) && !b.farBelow(head[k-1], i):
			// A line right under the title a size smaller is its subtitle
			// (17 points over 16), not the title wrapping.
			subtitle = l.text
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
	if subtitle != "" && b.d.Subtitle == nil {
		b.d.Subtitle = &subtitle
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
	dated := -1 // the dateline under the title, once read
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
		// A line wholly in brackets right under the title, larger than
		// the body, is its subtitle: 「[2024年第2四半期（4月～6月）]」.
		if k == end && b.d.Subtitle == nil && l.size >= 1.1*b.body && reSquareBracketed.MatchString(strings.TrimSpace(l.text)) {
			s := strings.TrimSpace(l.text)
			b.d.Subtitle = &s
			b.used[i] = true
			continue
		}
		// The title in English right under it, set smaller, whatever its
		// size against the body's: no heading when the title is in
		// Japanese and it has no section's number.
		if k == end && latin(l.text) && (l.size < b.lines[first[end-1]].size || !latin(t) && l.size < 1.2*b.lines[first[end-1]].size) && (!b.isHeading(i) || !latin(t) && !numberedHeading(l)) {
			// and its next lines, centred under it
			for k+1 < len(first) && latin(b.lines[first[k+1]].text) && math.Abs(b.lines[first[k+1]].size-l.size) < 0.05*l.size && b.lines[first[k+1]].top-b.lines[first[k]].bottom < l.em {
				b.remove(first[k], "front-matter")
				k++
				end = k
			}
			i = first[k]
			b.remove(i, "front-matter")
			continue
		}
		// A student's byline: number, name and the name in Latin letters
		// (「1DS13174N　今岡 宏朗　IMAOKA Hiroaki」).
		if reStudentNumber.MatchString(l.text) && strings.ContainsAny(reStudentNumber.FindString(l.text), "0123456789") {
			if a, ok := coverAuthor(reLatinName.ReplaceAllString(l.text, "")); ok {
				b.d.Authors = append(b.d.Authors, a)
				b.used[i] = true
				continue
			}
			// After a student number, a name set with no space between
			// family and given name (「T5-17　末廣隼人」) is the name.
			if name := strings.TrimSpace(reStudentNumber.ReplaceAllString(reLatinName.ReplaceAllString(l.text, ""), "")); reUnspacedName.MatchString(name) && !reNotAName.MatchString(name) {
				b.d.Authors = append(b.d.Authors, doc.Author{Name: name})
				b.used[i] = true
				continue
			}
		}
		// The supervisor named under the student (「指導教員　…」) is no
		// author and no heading.
		if reSupervisor.MatchString(l.text) && len([]rune(l.text)) <= 24 {
			b.remove(i, "front-matter")
			continue
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
			if _, ok := dateLine(l.text); ok {
				dated = i
			}
			continue
		}
		if k+1 < len(first) && b.twoLineByline(i, first[k+1]) {
			k++
			continue
		}
		// The issuing body centred under the dateline in its size
		// (「…会議決定」) is front matter, no heading.
		if c := (l.x0 + l.x1) / 2; dated >= 0 && k > 0 && first[k-1] == dated && l.size == b.lines[dated].size &&
			math.Abs(c-(left+right)/2) < 2*l.em && !numberedHeading(l) && len([]rune(l.text)) <= 30 {
			b.remove(i, "front-matter")
			continue
		}
		if n := b.titleBlock(first, k, left, right); n > 0 {
			k += n - 1
			continue
		}
		if b.isHeading(i) && (numberedHeading(l) || !(l.size >= 1.1*b.body && b.d.Subtitle == nil && l.size > b.headingSize())) {
			break // a numbered heading opens the body: it is no subtitle
		}
		// The body issuing it, set under the title on a cover or title
		// slide (「厚生労働省 医薬・生活衛生局」), is its publisher.
		if b.d.Publisher == nil && reIssuer.MatchString(strings.TrimSpace(l.text)) && !numberedHeading(l) {
			s := strings.TrimSpace(l.text)
			b.d.Publisher = &s
			b.remove(i, "front-matter")
			continue
		}
		if hs := b.headingSize(); l.size >= 1.1*b.body && b.d.Subtitle == nil && (!b.isHeading(i) || hs > 0 && l.size > hs) && !(k > 0 && b.farBelow(first[k-1], i) && b.isHeading(i)) {
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
	b.footDate(first)
}

// reIssuer is a government body's name, a ministry and its bureau or
// division (「厚生労働省 医薬・生活衛生局」「国土交通省港湾局」): no subtitle.
var reIssuer = regexp.MustCompile(`^[\p{Han}\p{Katakana}ー・]{1,12}(?:省|庁|府)(?:[ 　]?[\p{Han}\p{Katakana}ー・]{1,14}(?:局|部|課|室|センター))*$`)

// reSquareBracketed is a line wholly in square or lenticular brackets.
var reSquareBracketed = regexp.MustCompile(`^(?:\[[^\[\]]+\]|［[^［］]+］|【[^【】]+】)$`)

// footDate reads the date set alone in the bottom half of the first page
// (a cover's foot, under the issuing body) when no date was read above
// the body: it dates the document and is no part of its text.
func (b *builder) footDate(first []int) {
	if b.d.PublishedOn != nil {
		return
	}
	for _, i := range first {
		l := b.lines[i]
		if b.used[i] || l.top < 0.5*b.pages[0].height || len([]rune(l.text)) > 16 {
			continue
		}
		if d, ok := dateLine(l.text); ok {
			b.d.PublishedOn = &d
			b.remove(i, "front-matter")
			return
		}
	}
}

// cover files the rest of a cover page once its title is read: a first
// page of a few short lines and no sentence (the date, the issuing body)
// holds front matter only, no headings.
func (b *builder) cover(first []int) {
	if b.d.Title == nil || len(b.pages) < 2 || len(first) > 12 && (len(b.pages) < 3 || len(first) > 16) {
		return
	}
	for _, i := range first {
		if l := b.lines[i]; strings.HasSuffix(l.text, "。") || len([]rune(l.text)) > 40 || b.deck && !b.used[i] && bulletLine(l.text) {
			return // a sentence, or a first slide of bullets under its title: no cover
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
	reCoverNameLabel = regexp.MustCompile(`^(?:氏[\s　]*名|著[\s　]*者|提出者|学生氏名|執筆者)[\s　]*[:：]?[\s　]*`)
	// reStudentNumber is a student number before the name: 「1Y15F148-5」.
	reStudentNumber = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z\-]{3,}[0-9A-Za-z][\s　]+`)
	// reUnspacedName is a Japanese name written without a space.
	reUnspacedName = regexp.MustCompile(`^[\p{Han}\p{Hiragana}\p{Katakana}ー]{2,8}$`)
	// reSupervisor opens the line naming a student's supervisor.
	reSupervisor = regexp.MustCompile(`^(?:指導教員|指導教官|研究指導|指導)\s*[:：]?`)
	// reLatinName is a name in Latin letters after the Japanese one.
	reLatinName = regexp.MustCompile(`[\s　]+[A-Z][A-Za-z\-]+(?:\s+[A-Z][A-Za-z\-]+)+$`)
	// reNotAName ends the lines of a cover that name a body, not a person,
	// or that name the supervisor.
	reNotAName = regexp.MustCompile(`(?:大学|学部|学科|研究科|研究室|専攻|コース|学院|学校|センター|研究所|会社|部|課|教授|准教授|助教|講師|教員|指導|年度|論文)`)
)

// reDateThenName is a dateline with a name after it.
var reDateThenName = regexp.MustCompile(`日(?:版|発行|現在|改訂)?[ 　]+(\S{1,6}[ 　]?\S{1,6})$`)

// reDepartment opens a cover's line naming the author's department
// before the name: 「電子情報工学科　白石 覚也」.
var reDepartment = regexp.MustCompile(`^\S{2,20}(?:学科|学部|専攻|コース|研究室|学類|学系)[ 　]+`)

// coverAuthor reads the author's name off a line of a thesis's cover.
func coverAuthor(s string) (doc.Author, bool) {
	s = strings.TrimSpace(s)
	s = reDepartment.ReplaceAllString(s, "")
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
		note := strings.TrimSpace(string(r[1:]))
		// 「Ken Nakano (<…>)：株式会社 アスキー 出版技術部」: the name in
		// Latin letters and an address before the affiliation.
		if k := strings.LastIndexAny(note, "：:"); k >= 0 && latin(note[:k]) {
			note = strings.TrimSpace(note[k+len(string([]rune(note[k:])[0])):])
		}
		if found, ok := recog.Byline(note + "　" + a.Name); ok && len(found) == 1 {
			if a.Affiliation == nil && a.Title == nil {
				a.Affiliation, a.Title = found[0].Affiliation, found[0].Title
			}
		} else if !b.markedName(a.Name, r[0]) {
			return
		}
		b.remove(i, "author-note")
		return
	}
}

// markedName reports whether a line of page 1 above the notes ends with
// the author's name and mark (「中野 賢∗」): the note the mark points to
// is the author's, whatever it says.
func (b *builder) markedName(name string, mark rune) bool {
	for i, l := range b.lines {
		if l.page != 0 {
			break
		}
		if t := strings.TrimRight(l.text, " 　"); b.used[i] && strings.HasSuffix(t, string(mark)) && squash(trimMarks(t)) == squash(name) {
			return true
		}
	}
	return false
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
		// 「2025年5月27日版　西井 淳」: the author's name after it.
		if m := reDateThenName.FindStringSubmatch(l.text); m != nil && len(b.d.Authors) == 0 {
			if a, ok := coverAuthor(m[1]); ok {
				b.d.Authors = append(b.d.Authors, a)
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
		if authors, ok := recog.Byline(trimMarks(l.text)); ok {
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
	if !ok && reEraAside.MatchString(s) {
		// 「2021年（令和3年）9月10日」: the Western year with its era year
		// in brackets, as official documents date themselves.
		return dateLine(reEraAside.ReplaceAllString(s, "${1}年"))
	}
	return d, ok
}

// reEraAside is a year followed by its era year in brackets.
var reEraAside = regexp.MustCompile(`([0-9０-９]{4})\s*年\s*[（(](?:令和|平成|昭和)\s*(?:[0-9０-９]{1,2}|元)\s*年[）)]`)

// twoLineByline reads a byline set over two lines, the affiliation over
// the post and the name (「財務総合政策研究所」 over 「研究員　椛田 大介」):
// lines i and j, close one over the other, read together name one author.
func (b *builder) twoLineByline(i, j int) bool {
	l, n := b.lines[i], b.lines[j]
	if b.used[j] || n.page != l.page || n.top-l.bottom > l.em || n.top < l.bottom-0.2*l.em ||
		len([]rune(l.text)) > 30 || len([]rune(n.text)) > 30 || n.x1 < l.x0 || n.x0 > l.x1 || numberedHeading(l) {
		return false
	}
	authors, ok := recog.Byline(l.text + "　" + trimMarks(n.text))
	if !ok || len(authors) != 1 || authors[0].Affiliation == nil || !strings.Contains(squash(n.text), squash(authors[0].Name)) {
		return false
	}
	b.d.Authors = append(b.d.Authors, authors...)
	b.used[i], b.used[j] = true, true
	return true
}

// trimMarks cuts the marks after a byline's name that point to a note:
// 「∗」「†」, or a symbol font's mark that comes through as a private-use
// character (U+F02A, Symbol's asterisk).
func trimMarks(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool {
		return r == ' ' || strings.ContainsRune(thanksMarks, r) || unicode.Is(unicode.Co, r)
	})
}

// farBelow reports a line set well below the one before it, further
// than a title's lines are set from each other: two ems and a half.
func (b *builder) farBelow(prev, i int) bool {
	p, l := b.lines[prev], b.lines[i]
	return l.page == p.page && l.top-p.bottom > 2.5*l.em
}
