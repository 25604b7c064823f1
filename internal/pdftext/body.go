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
	reCaption     = regexp.MustCompile(`^[【［\[]?(?:図表|図|表|写真|グラフ|地図|Figure|Fig\.|Table|Chart|Algorithm)[\s　]*[0-9０-９]+`)
	reSeries      = regexp.MustCompile(`^(.{2,30}?)\s*(?:第\s*([0-9０-９]{1,5})\s*号|No\.\s*([0-9]{1,5}))`)
	reNameReading = regexp.MustCompile(`^(.{2,16}?)\s*[(（]\s*([\p{Hiragana}ー・ 　]{2,20})\s*[)）]$`)
	rePublisher   = regexp.MustCompile(`([^、。\s]{2,30}?)(?:を代表する|の公式見解|の見解を)`)
)

// isDisclaimer tells a publisher's disclaimer: 「本稿の見解は筆者個人のもの…」.
func isDisclaimer(s string) bool {
	return strings.Contains(s, "見解") && (strings.Contains(s, "ものではな") || strings.Contains(s, "公式見解") || strings.Contains(s, "代表する") || strings.Contains(s, "立場を示す"))
}

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
	captionRaw := ""       // the open caption as printed, credit and all
	var capLine *line      // the open caption's last line
	captionBeside := false // the open caption stands beside the text
	closePara := func() { para = nil }
	for i := range b.lines {
		if b.used[i] {
			continue
		}
		l := b.lines[i]
		b.used[i] = true
		if c := capLine; captionOpen != nil && c != nil && !reCaption.MatchString(l.text) && l.size == c.size && c.x1 >= b.rightOf(*c)-2*c.em && l.top-c.bottom < 1.2*l.em &&
			l.x0 >= c.x0-l.em { // a caption set beside the text goes on under itself, not at the margin
			captionRaw = joinLines(captionRaw, l.text)
			captionOpen.Text, captionOpen.Credit = recog.Credit(captionRaw)
			capLine = &b.lines[i]
			if !captionBeside {
				prev = capLine
			}
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
			captionOpen, captionRaw, capLine = &b.d.Captions[len(b.d.Captions)-1], parts[len(parts)-1], &b.lines[i]
			// A caption beside the text a word processor wrapped around
			// its figure leaves the paragraph open.
			captionBeside = para != nil && prev != nil && prev.page == l.page && l.x0 > prev.x1+l.em && l.top < prev.bottom+0.5*l.em
			if !captionBeside {
				closePara()
				prev = &b.lines[i]
			}
			continue
		}
		if (numberRow(l.text) || tableRow(l.text)) && !(numberedHeading(l) && worded(l.text) && b.isHeading(i)) || tableHead(l, b.nextLine(i)) || b.deck && !b.slideTitle[i] && chartLabel(l.text) && !bulletMark(l.text) && !b.wrapsOn(para != nil, prev, l) {
			// A chart's axis or a table's row of figures: 「2012年　2013年　2014年」.
			b.remove(i, "figure")
			prev = &b.lines[i]
			continue
		}
		if reason, ok := recog.Chrome(l.text); ok && !(reason == "boilerplate" && b.runningText(l, prev, para != nil)) && !(b.deck && b.slideTitle[i]) {
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
			} else if n := len(b.d.Sections); para == nil && prev != nil && prev.page == l.page && n > 0 && b.d.Sections[n-1].Heading != nil &&
				len(b.d.Sections[n-1].Paragraphs) == 0 && reBareChapter.MatchString(*b.d.Sections[n-1].Heading) && !reBareChapter.MatchString(l.text) {
				// LaTeX's report and book classes set 「第1章」 over the
				// chapter's title: one heading, the label and its title.
				h := *b.d.Sections[n-1].Heading + "　" + headingText(l)
				b.d.Sections[n-1].Heading = &h
				sectionSize[n-1] = math.Max(sectionSize[n-1], l.size)
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
		// A reference list labelled 「[1]」 breaks at each label and
		// nowhere else in its size: an item's second line may stand at
		// the next column's top, or close under another's.
		refs := para != nil && len(b.d.Sections) > 0 && b.d.Sections[len(b.d.Sections)-1].Heading != nil &&
			reReferencesHeading.MatchString(strings.TrimSpace(*b.d.Sections[len(b.d.Sections)-1].Heading)) && reReferenceItem.MatchString(para.Text)
		if para == nil || refs && (reReferenceItem.MatchString(l.text) || l.size > 1.05*prev.size && b.breaksParagraph(*prev, l, b.nextLine(i))) || !refs && b.breaksParagraph(*prev, l, b.nextLine(i)) {
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

// reBareChapter is a chapter's label alone on its line: 「第1章」「第二部」
// 「Chapter 3」.
var reBareChapter = regexp.MustCompile(`^(?:第\s*[0-9０-９一二三四五六七八九十]{1,3}\s*[章部編]|(?:Chapter|CHAPTER|Part|PART)\s+[0-9IVX]{1,3})$`)

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

// wordWrapped reports a line that ends short of the right edge in
// mid-sentence because the Latin word that opens the next line would not
// fit after it (「…として知られる」 over 「TidalHarmonicsToolkitを…」), or
// was broken there with a hyphen (「…重力双対はJackiw-」). Half-width
// letters are about half an em.
func wordWrapped(prev, l line, right float64) bool {
	p, n := []rune(prev.text), []rune(l.text)
	if len(p) < 10 || len(n) == 0 || prev.page != l.page || math.Abs(l.size-prev.size) > 0.1*l.size {
		return false
	}
	last := p[len(p)-1]
	if last == softHyphen {
		return true
	}
	if strings.ContainsRune("。．！？.!?:：", last) || n[0] > unicode.MaxASCII || !unicode.IsLetter(n[0]) && !unicode.IsDigit(n[0]) {
		return false
	}
	word := 0
	for word < len(n) && n[word] <= unicode.MaxASCII && !unicode.IsSpace(n[word]) {
		word++
	}
	return right-prev.x1 < 0.6*float64(word)*prev.em+0.3*prev.em
}

// breaksParagraph reports whether l starts a new paragraph after prev: it
// is indented, prev ended short of the right edge, a gap or a change of
// size stands between them. Indented is against the line above as well
// as the column's edge, so a paragraph set in from the margin as a whole
// (an answer under its question) runs on; and a line set in under a full
// line above, with the line below starting where it does, is a hanging
// indent's next line (「（問１）今回の…」 and the lines aligned after the label).
func (b *builder) breaksParagraph(prev, l line, next *line) bool {
	if b.deck {
		return b.slideBreak(prev, l)
	}
	right := b.rightOf(prev)
	if r := b.blockRight[prev.n-1]; r > 0 {
		right = r
	}
	switch {
	case prev.x1 < right-1.5*prev.em && !kinsokuShort(prev, l, right, b.leftOf(l)) && !wordWrapped(prev, l, right):
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
	case l.page != prev.page && !strings.HasSuffix(prev.text, "。") && (reItemLabel.MatchString(prev.text) && l.x0 < prev.x0+3*l.em ||
		prev.x0 > b.leftOf(prev)+0.5*prev.em && math.Abs(indentOf(l)-prev.x0) < 0.5*l.em):
		return false // an item's lines set in run on over the page break
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
	b.wrappedLines()
}

// wrappedLines finds the lines a word processor wrapped around a figure
// at the column's side: three or more in a row ending at one right edge
// well short of the column's, though past its middle. They end a
// paragraph only short of that edge. The figure's caption, level with
// one of them and beside it, does not part them.
func (b *builder) wrappedLines() {
	var run []int
	flush := func() {
		if len(run) >= 3 {
			l := b.lines[run[0]]
			// Wide lines only: a list's short items may end level too.
			if l.x1 < b.rightOf(l)-2*l.em && l.x1-b.leftOf(l) > 0.45*(b.rightOf(l)-b.leftOf(l)) {
				for _, j := range run {
					if b.blockRight[j] == 0 {
						b.blockRight[j] = l.x1
					}
				}
			}
		}
		run = run[:0]
	}
	for i, l := range b.lines {
		if len(run) > 0 {
			p := b.lines[run[len(run)-1]]
			if l.page == p.page && l.top < p.bottom-0.2*l.em && l.x0 > p.x1+l.em {
				continue // beside the line before: a caption, a figure's label
			}
			if l.page != p.page || math.Abs(l.size-p.size) >= 0.1*l.size || math.Abs(l.x1-p.x1) >= l.em || l.top-p.bottom >= b.lead+0.6*l.em {
				flush()
			}
		}
		run = append(run, i)
	}
	flush()
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

// appendLine adds a line to a paragraph, moving its marks with it; the
// glossary's raised daggers stay out.
func appendLine(p *doc.Paragraph, l line) {
	text, marks := withoutDaggers(l)
	joined := joinLines(p.Text, text)
	base := len([]rune(joined)) - len([]rune(text))
	p.Text = joined
	for _, m := range marks {
		p.FootnoteRefs = append(p.FootnoteRefs, doc.FootnoteRef{Label: m.label, Offset: base + m.at})
	}
}

// withoutDaggers is l's text without its raised daggers, and its marks
// moved back over them.
func withoutDaggers(l line) (string, []mark) {
	if len(l.daggers) == 0 {
		return l.text, l.marks
	}
	drop := map[int]bool{}
	for _, k := range l.daggers {
		drop[k] = true
	}
	var out []rune
	for k, r := range []rune(l.text) {
		if !drop[k] || r != '†' && r != '‡' {
			out = append(out, r)
		}
	}
	marks := make([]mark, len(l.marks))
	for k, m := range l.marks {
		before := 0
		for _, d := range l.daggers {
			if d < m.at {
				before++
			}
		}
		marks[k] = mark{at: m.at - before, label: m.label}
	}
	return strings.TrimRightFunc(string(out), unicode.IsSpace), marks
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
	// A number broken after its thousands separator: 「2,」「367人」.
	if x == ',' && len(ra) > 1 && unicode.IsDigit(ra[len(ra)-2]) && unicode.IsDigit(y) {
		return a + b
	}
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
// numbers instead: 「１」 1, 「１.１」 and 「2-1.」 2, and a labelled or unnumbered
// heading one below the numbered heading before it.
func levels(sections []doc.Section, size map[int]float64, sizes []float64) {
	sort.Sort(sort.Reverse(sort.Float64Slice(sizes)))
	var distinct []float64
	for _, s := range sizes {
		if len(distinct) == 0 || distinct[len(distinct)-1]-s > 0.5 {
			distinct = append(distinct, s)
		}
	}
	depth := make([]int, len(sections)) // each heading's number depth (numberDepth)
	for i, sec := range sections {
		if sec.Heading != nil {
			depth[i] = numberDepth(*sec.Heading)
		}
	}
	if len(distinct) == 1 {
		numbered := 0 // the level of the last numbered heading
		for i := range sections {
			sections[i].Level = 1
			h := sections[i].Heading
			switch {
			case h == nil:
			case reBackMatter.MatchString(strings.TrimSpace(*h)):
				sections[i].Level = 1 // 「参考文献」 closes the whole text, not the last section
			case depth[i] > 0:
				numbered = depth[i]
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
	// Within one size, a deeper number is a lower heading: 「2-1.」 set
	// like 「2.」 is one level below it.
	shallowest := map[int]int{} // a size's level → its headings' least number depth
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
		if d := depth[i]; d > 0 {
			if m, ok := shallowest[sections[i].Level]; !ok || d < m {
				shallowest[sections[i].Level] = d
			}
		}
	}
	for i := range sections {
		h := sections[i].Heading
		switch {
		case h == nil:
		case reBackMatter.MatchString(strings.TrimSpace(*h)):
			sections[i].Level = 1
		case depth[i] > 0:
			sections[i].Level += depth[i] - shallowest[sections[i].Level]
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

// reFigure is one figure of a chart's axis or a table's row: a number,
// signed or not, with its unit.
var reFigure = regexp.MustCompile(`^[▲△+\-−－]?[0-9０-９][0-9０-９.,，．]*(?:年度|年|月|日|時|%|％|倍|pt|円|人|件|歳|回)?$`)

// reMeasure is a table cell's measurement: a number with its spread and
// unit (「1203062±21384」「-81.0±1.7mV」「15Hz」「70.36%」), a product
// (「×」), a cell's references (「[1][2]」).
var reMeasure = regexp.MustCompile(`^(?:[\[(（]?[+\-−－]?[0-9０-９][0-9０-９.,]*(?:±[0-9.,]+)?(?:%|％|ms|mV|Hz|kHz|nA|pA|kg|mg|g|mm|cm|km|m|s|min|h|V|A|W|℃|°C)?[\])）]?|×|±|(?:\[[0-9]+\])+)$`)

// tableRow reports a row of a table of measurements: two cells of
// figures or more, at least half of what it holds (or three beside a
// label of a few words), and no sentence
// (「線条体 (MSN) 10576 × 5000 1203062±21384 [1]」).
func tableRow(s string) bool {
	if strings.HasSuffix(s, "。") || strings.HasSuffix(s, "．") {
		return false
	}
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '　' })
	measures, words := 0, 0
	for _, f := range fields {
		if reMeasure.MatchString(f) {
			measures++
		} else {
			words += len([]rune(f))
		}
	}
	others := len(fields) - measures
	return measures >= 2 && 2*measures >= len(fields) && words < 20 || measures >= 3 && others <= 4 && words < 30
}

// tableHead reports the row of column names over a table of
// measurements: three short cells or more set apart by gaps, no
// sentence, right over a row tableRow tells.
func tableHead(l line, next *line) bool {
	if next == nil || next.page != l.page || next.top-l.bottom > 2*l.em || !tableRow(next.text) {
		return false
	}
	cells := strings.FieldsFunc(l.text, func(r rune) bool { return r == ' ' || r == '　' })
	if len(cells) < 3 {
		return false
	}
	for _, c := range cells {
		if len([]rune(c)) > 8 || strings.ContainsAny(c, "。、，．") {
			return false
		}
	}
	return true
}

// worded reports a line with words in it, not only figures and units: a
// numbered heading that names versions (「2　pTEX 2.1.5 β7での数式の前後」)
// is no table's row.
func worded(s string) bool {
	jp, latin := 0, 0
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
			jp++
		case r < 0x80 && unicode.IsLetter(r):
			latin++
		}
	}
	return jp >= 3 || latin >= 6
}

// numberRow reports a line of three or more figures and nothing else.
func numberRow(s string) bool {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '　' })
	if len(fields) < 3 {
		return false
	}
	for _, f := range fields {
		if !reFigure.MatchString(f) {
			return false
		}
	}
	return true
}

// wrapsOn reports a slide's short line that ends the paragraph open
// above it (「いる.」 under 「…研究が行われて」): set right under the
// paragraph's last line, in its size (or under a bullet's text, set in
// past its mark). A chart's labels stand apart from the bullets.
func (b *builder) wrapsOn(open bool, prev *line, l line) bool {
	return open && prev != nil && !b.slideBreak(*prev, l) &&
		!strings.HasSuffix(prev.text, ".") && !strings.HasSuffix(prev.text, "．")
}

// bulletMark reports a line that opens with a list's mark (「● JDK」): a
// bullet's text, however short, not a chart's label.
func bulletMark(s string) bool {
	r := []rune(s)
	return len(r) > 1 && strings.ContainsRune("・●○◎■□◆◇▪▶•◦", r[0])
}
