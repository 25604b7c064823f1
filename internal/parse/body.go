package parse

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/recog/webchrome"
)

// unit is a heading or a paragraph of the body, in reading order.
// Paragraph text still holds marker sentinels.
type unit struct {
	heading bool
	level   int
	text    string
}

// bodyParser turns the body lines into headings, paragraphs, footnote
// bodies and captions. Lines broken inside a sentence (page breaks, hard
// wraps) are joined; footnote blocks interleaved at page bottoms are lifted
// out, and the sentence they split is rejoined.
type bodyParser struct {
	page   *page
	offset int // index of lines[0] in page.lines
	// cur is the line being handled, headingLine the line of the last
	// heading.
	cur, headingLine int
	lines            []string
	markers          *markerScanner
	authors          []doc.Author // participants listed in the body (a dialogue's speakers)
	// interviewer says the body closed with its interviewer's byline.
	interviewer bool
	speaker     string // a speaker label waiting for its speech
	paraLine    int    // the line the open paragraph started on
	// speakers are the names that open a dialogue's lines before their
	// speech, set apart by a space or a bracket (「小泉 昨年春の…」「飯田)…」).
	speakers map[string]bool

	units []unit
	para  *strings.Builder // the open paragraph, nil when none
	note  *noteItem        // the open footnote body, nil when none
	notes []noteItem

	// dates are the dates stated on lines of their own near the top of
	// the body, for a document whose header states none.
	dates []datedAs
	// listItems are numbered lines in a run 1., 2., 3. …: a list, not
	// headings (a heading has text under it).
	listItems map[int]bool

	strong    map[int]noteStart // lines that certainly start a footnote body
	endList   int               // lines from here on are an end-of-document note list
	wrapWidth int               // width of hard-wrapped lines, 0 when not wrapped
	// blocky says a web text sets its blocks apart by blank lines: a
	// line right under another belongs to its block.
	blocky     bool
	lastNumber int // numeric label of the last note in the end list
}

func parseBody(p *page, start, end int) *bodyParser {
	lines := p.lines[start:end]
	b := &bodyParser{page: p, offset: start, lines: lines, strong: map[int]noteStart{}, endList: len(lines)}
	b.prescan()
	b.listItems = numberedRuns(lines)
	if p.web {
		b.speakers = inlineSpeakers(lines, p.lines)
		b.blocky = blankSeparated(lines)
		gone := map[int]bool{}
		for _, r := range p.removed {
			gone[r.Line] = true
		}
		for _, i := range linkRun(lines, b.blocky, func(i int) bool { return gone[p.lineNo(start+i)] }) {
			p.remove(start+i, reasonRelated)
		}
	}
	for i, line := range lines {
		if p.cutAt >= 0 && start+i > p.cutAt {
			// Below 「残り2525文字(全文2738文字)」 the article is not shown:
			// what follows is the page's (a writer's profile, links), read
			// for metadata by the trailer, no paragraph.
			p.remove(start+i, reasonPaywall)
			continue
		}
		b.line(i, line)
	}
	b.closeNote()
	b.closePara()
	return b
}

// prescan finds what the main pass needs to know in advance: the lines
// that start footnote bodies, the labels they use, where an end-of-document
// note list begins, and whether lines are hard-wrapped.
func (b *bodyParser) prescan() {
	known := map[int]bool{}
	numeric, other := false, false
	var weak []int
	for i, line := range b.lines {
		ns, ok := parseNoteStart(line)
		if !ok {
			continue
		}
		if ns.weak {
			weak = append(weak, i)
			continue
		}
		b.strong[i] = ns
	}
	// Bare 「1 …」「2 …」 lines in sequence, after the text has cited them
	// all, are an end-of-document list.
	if chain := b.weakChain(weak); b.citedBefore(chain) {
		for _, i := range chain {
			ns, _ := parseNoteStart(b.lines[i])
			ns.weak = false
			b.strong[i] = ns
		}
	}
	parens := b.parenNotes(weak)
	for _, ns := range b.strong {
		if v := atoi(ns.label); v >= 0 {
			known[v], numeric = true, true
		} else {
			other = true
		}
	}
	unambiguous := map[string]bool{}
	lastMarkerLine := -1
	probe := newMarkerScanner(nil, false)
	probe.parens = parens
	for i, line := range b.lines {
		if _, isNote := b.strong[i]; isNote {
			continue
		}
		probe.labels, probe.next = probe.labels[:0], 1 // each line on its own
		probe.scan(line)
		for _, l := range probe.labels {
			unambiguous[familyOf(l)] = true
			lastMarkerLine = i
		}
	}
	plain := !other && !unambiguous["※"] && !unambiguous["注"] || numeric || unambiguous[""]
	b.markers = newMarkerScanner(known, plain)
	b.markers.parens = parens
	b.endList = b.findEndList(lastMarkerLine)
	b.wrapWidth = wrapWidth(b.lines)
}

// parenNotes finds notes written 「(1) …」 closing the text, cited as
// 「…を読み上げた(1)。」 (old print pages): a run 1, 2, 3 … of such lines
// with nothing after them, every label cited before. It marks them as
// note starts and returns their labels, or nil.
func (b *bodyParser) parenNotes(weak []int) map[int]bool {
	var chain []int
	for _, i := range weak {
		if ns, _ := parseNoteStart(b.lines[i]); ns.parenthesized && atoi(ns.label) == len(chain)+1 {
			chain = append(chain, i)
		} else if len(chain) > 0 {
			chain = nil
		}
	}
	if len(chain) == 0 {
		return nil
	}
	for i := chain[0]; i < len(b.lines); i++ {
		if b.lines[i] != "" && !slices.Contains(chain, i) {
			return nil // the list does not close the text
		}
	}
	labels := map[int]bool{}
	for k := range chain {
		labels[k+1] = true
	}
	probe := newMarkerScanner(nil, false)
	probe.parens = labels
	for _, line := range b.lines[:chain[0]] {
		probe.scan(line)
	}
	for v := range labels {
		if !contains(probe.labels, strconv.Itoa(v)) {
			return nil
		}
	}
	for _, i := range chain {
		ns, _ := parseNoteStart(b.lines[i])
		ns.weak = false
		b.strong[i] = ns
	}
	return labels
}

// weakChain returns the bare-number lines that form a run 1, 2, 3 … (at
// least two long): an end-note list written without decoration.
func (b *bodyParser) weakChain(weak []int) []int {
	var best, cur []int
	want := 0
	for _, i := range weak {
		ns, _ := parseNoteStart(b.lines[i])
		dotted := strings.HasPrefix(strings.TrimLeft(b.lines[i], "0123456789０１２３４５６７８９"), ".")
		if ns.parenthesized || dotted || plainHeadingShape(ns.text) {
			continue // 「(1) 背景」「1. はじめに」: numbered headings, not notes
		}
		v := atoi(ns.label)
		if len(cur) > 0 && v == want {
			cur = append(cur, i)
		} else {
			cur = []int{i}
		}
		want = v + 1
		if len(cur) > len(best) {
			best = cur
		}
	}
	if len(best) < 2 {
		return nil
	}
	return best
}

// citedBefore reports whether the text before the first line of chain
// cites every label of the chain, as it does before an end-of-document list.
// (Page-bottom notes alternate with the text that cites them.)
func (b *bodyParser) citedBefore(chain []int) bool {
	if len(chain) == 0 {
		return false
	}
	known := map[int]bool{}
	for _, i := range chain {
		ns, _ := parseNoteStart(b.lines[i])
		known[atoi(ns.label)] = true
	}
	probe := newMarkerScanner(known, true)
	for i, line := range b.lines[:chain[0]] {
		if _, isNote := b.strong[i]; !isNote {
			probe.scan(line)
		}
	}
	for v := range known {
		if !contains(probe.labels, strconv.Itoa(v)) {
			return false
		}
	}
	return true
}

func familyOf(label string) string {
	if strings.HasPrefix(label, "※") {
		return "※"
	}
	if strings.HasPrefix(label, "注") {
		return "注"
	}
	return ""
}

// findEndList returns the line where an end-of-document list of footnote
// bodies begins, or len(lines). A notes heading (注) or an end mark ((了))
// announces it; otherwise it is the first footnote body after which the
// text cites no more markers and opens no more sections, standing after a
// finished sentence (a page-bottom note splits an unfinished one).
func (b *bodyParser) findEndList(lastMarkerLine int) int {
	for i, line := range b.lines {
		if isNotesHeading(line) || isEndMark(line) {
			return i + 1
		}
	}
	starts := make([]int, 0, len(b.strong))
	for i := range b.strong {
		starts = append(starts, i)
	}
	sort.Ints(starts)
	// The last numbered heading, found once: asking each start whether a
	// heading follows it made thousands of note lines cost their square.
	lastHeading := -1
	for i := len(b.lines) - 1; i >= 0 && len(starts) > 0 && i >= starts[0]; i-- {
		if _, ok := numberedHeading(b.lines[i]); ok || isOpeningHeading(b.lines[i]) {
			lastHeading = i
			break
		}
	}
	for _, s := range starts {
		if s < lastMarkerLine {
			continue
		}
		prev := b.prevContentLine(s)
		if prev >= 0 && !isTerminal(lastRune(b.lines[prev])) && !endsWithMarker(b.lines[prev]) {
			continue
		}
		if lastHeading < s {
			return s
		}
	}
	return len(b.lines)
}

// prevContentLine returns the last line before i that is neither blank
// nor a caption, or -1.
func (b *bodyParser) prevContentLine(i int) int {
	for j := i - 1; j >= 0; j-- {
		if b.lines[j] != "" && !isCaption(b.lines[j]) {
			return j
		}
	}
	return -1
}

func endsWithMarker(line string) bool {
	probe := newMarkerScanner(nil, false)
	return isSentinel(lastRune(probe.scan(line)))
}

// wrapWidth detects hard-wrapped text: most lines stop mid-sentence at
// about the same length. It returns that length, or 0. Headings are short
// and few, so they never make a document look wrapped.
func wrapWidth(lines []string) int {
	// counts and prose count the lines of each length, all and those
	// with punctuation inside: a column of prose cut at its edge holds
	// commas and stops; a column of headlines and their outlets
	// (「北東日報 / 2025年2月10日 9時05分」) does not.
	var counts, prose [maxWrapWidth + 3]int
	nonBlank := 0
	for _, l := range lines {
		if l == "" {
			continue
		}
		nonBlank++
		if len(l) < minWrapWidth || isTerminal(lastRune(l)) {
			continue // (a line of fewer bytes has fewer code points)
		}
		if n := runeLen(l); n >= minWrapWidth && n <= maxWrapWidth {
			counts[n]++
			if containsAny(l, "、", "。", "，", "．") {
				prose[n]++
			}
		}
	}
	best, bestCount, bestProse := 0, 0, 0
	for n := minWrapWidth; n <= maxWrapWidth; n++ {
		if counts[n] == 0 {
			continue
		}
		c := counts[n-2] + counts[n-1] + counts[n] + counts[n+1] + counts[n+2]
		if c > bestCount || c == bestCount && n > best {
			best, bestCount = n, c
			bestProse = prose[n-2] + prose[n-1] + prose[n] + prose[n+1] + prose[n+2]
		}
	}
	if bestCount < 5 || bestCount*3 < nonBlank || bestProse*3 < bestCount {
		return 0
	}
	return best
}

// minWrapWidth is the narrowest column a hard-wrapped Japanese text
// uses, maxWrapWidth the widest: a longer line is a paragraph of its own.
const (
	minWrapWidth = 20
	maxWrapWidth = 400
)

// takeCaptionAbove takes back the line right above i when it was made a
// heading or a paragraph of its own though it is a short phrase without a
// full stop: the caption of the photograph an agency's name below credits.
func (b *bodyParser) takeCaptionAbove(i int) (string, bool) {
	prev := prevNonBlank(b.lines, i-1)
	if prev < 0 {
		return "", false
	}
	n := len(b.units)
	switch {
	case b.para != nil && b.paraLine == prev:
		text := b.para.String()
		if longerThan(text, 60) || strings.Contains(text, "。") || strings.ContainsFunc(text, isSentinel) {
			return "", false
		}
		b.para = nil
		return cleanText(text, b.page.web), true
	case b.para == nil && n > 0 && b.units[n-1].heading && b.headingLine == prev && !longerThan(b.units[n-1].text, 60):
		text := b.units[n-1].text
		b.units = b.units[:n-1]
		return text, true
	}
	return "", false
}

// line handles one line of the body.
func (b *bodyParser) line(i int, line string) {
	b.cur = i
	switch {
	case line == "":
		return
	case b.page.web && (i >= len(b.lines)-3 || len(line) <= 40 && nextNonBlank(b.lines, i+1) < 0) && agencyName(line):
		// 「Reuters」 closing a wire story (the links below it removed):
		// the agency it came from, no photo's credit.
		b.page.remove(b.offset+i, reasonMetadata)
		return
	case b.page.web && agencyName(line):
		// An agency's name alone between paragraphs: the credit of the
		// photograph above it, whose caption may have looked like a
		// heading or a short paragraph.
		credit := strings.Trim(strings.TrimSpace(line), "[]［］")
		if text, ok := b.takeCaptionAbove(i); ok {
			b.page.captions = append(b.page.captions, doc.Caption{Text: text, Credit: &credit})
		} else {
			b.page.creditLastCaption(credit)
		}
		b.page.remove(b.offset+i, reasonMetadata)
		return
	case b.page.web && len(line) <= 60 && (line[0] == '/' || strings.HasPrefix(line, "／") || line[0] == '|' || strings.HasPrefix(line, "｜")) &&
		webchrome.UIControl(strings.TrimLeft(line, "/／|｜ ")):
		// 「/ 3時間前更新」: what the header's date line left, a control.
		b.page.remove(b.offset+i, reasonChrome)
		return
	case b.page.web && len(line) <= 120 && containsAny(line, "つぶやく", "ツイート", "シェア", "共有") && webchrome.ReShare.MatchString(line):
		// 「この記事をTwitterでつぶやく」 left by the date line it followed.
		b.page.remove(b.offset+i, reasonShare)
		return
	case b.page.web && webchrome.Breadcrumb(line):
		// A trail of the site's sections below the header: furniture.
		b.page.remove(b.offset+i, reasonChrome)
		return
	case b.page.captionLine(b.offset+i, line):
		b.page.addCaption(line)
		return
	case isEndMark(line), isNotesHeading(line) && i+1 == b.endList:
		b.closeNote()
		b.page.remove(b.offset+i, reasonMark)
		return
	case len(b.units) <= 2 && b.takesDate(i, line):
		b.page.remove(b.offset+i, reasonMetadata)
		return
	case b.page.web && b.takesParenDate(line):
		b.page.remove(b.offset+i, reasonMetadata)
		return
	case len(line) < 240 && !strings.Contains(line, "。") && isBoilerplate(line) && !(b.page.web && isBareURL(line)):
		// A link between the paragraphs of a web text is the author's.
		b.closeNote()
		b.page.remove(b.offset+i, reasonBoilerplate)
		return
	}
	if b.page.web {
		if caption, rest, ok := gluedCaption(line); ok {
			b.page.addCaption(caption)
			line = rest
		} else if caption, rest, ok := b.leadCaption(line); ok {
			b.page.addCaption(caption)
			line = rest
		} else if caption, rest, ok := innerCaption(line); ok {
			b.page.addCaption(caption)
			line = rest
		}
		if b.webLine(i, line) {
			return
		}
	}
	inEndList := i >= b.endList
	if ns, ok := b.noteStartAt(i, inEndList); ok {
		b.closeNote()
		if inEndList {
			b.closePara()
		}
		b.note = &noteItem{label: ns.label}
		b.note.append(ns.text)
		return
	}
	if b.note != nil {
		if b.noteTakes(line, inEndList) {
			b.note.append(line)
			return
		}
		b.closeNote()
	}
	b.bodyLine(i, line)
}

// noteStartAt reports whether line i starts a footnote body. Decorated
// starts (「- ¹」「(※1)」「[1]」) always do; a bare number does inside an
// end-of-document list when it continues the list's sequence, and at a page
// bottom when it is the next cited note still without a body.
func (b *bodyParser) noteStartAt(i int, inEndList bool) (noteStart, bool) {
	if ns, ok := b.strong[i]; ok {
		if v := atoi(ns.label); v > 0 {
			b.lastNumber = v
		}
		return ns, true
	}
	ns, ok := parseNoteStart(b.lines[i])
	if !ok {
		return ns, false
	}
	v := atoi(ns.label)
	dotted := strings.HasPrefix(strings.TrimLeft(b.lines[i], "0123456789０１２３４５６７８９"), ".")
	switch {
	case inEndList && (v == b.lastNumber+1 || b.cited(ns.label) && !b.bodied(ns.label)):
	case !inEndList && !dotted && !ns.parenthesized && ns.label == b.nextUnbodied():
	default:
		return ns, false
	}
	if v > 0 {
		b.lastNumber = v
	}
	return ns, true
}

// nextUnbodied returns the first cited label that has no body yet: page
// bottoms give bodies in the order the text cites them.
func (b *bodyParser) nextUnbodied() string {
	for _, l := range b.markers.labels {
		if !b.bodied(l) {
			return l
		}
	}
	return ""
}

func (b *bodyParser) cited(label string) bool { return contains(b.markers.labels, label) }

func (b *bodyParser) bodied(label string) bool {
	for _, n := range b.notes {
		if n.label == label {
			return true
		}
	}
	return b.note != nil && b.note.label == label
}

// noteTakes decides whether a line after a footnote body continues it or
// resumes the body text.
func (b *bodyParser) noteTakes(line string, inEndList bool) bool {
	n := b.note
	switch {
	case inEndList:
		return true
	case endsWithURL(n.text) && isURLPiece(line):
		return true // the rest of a URL broken across lines
	case n.open():
		return true // the note stops after a particle or a comma
	case b.para != nil && !b.finished() && !b.page.web:
		// The sentence the note block interrupted resumes here, unless
		// this line opens a sentence of its own.
		return startsSentence(line)
	case !n.finished():
		return continuationStart(line) || isLatinWord(lastRune(n.text)) && isLatinWord(firstRune(line))
	}
	return false
}

// bodyLine adds a line of body text: it continues the open paragraph,
// is a heading, or starts a paragraph.
func (b *bodyParser) bodyLine(i int, line string) {
	if b.para != nil && (!b.finished() || b.midSentenceBracket(line)) && !startsSentence(line) && !isListItem(line) && !b.page.web {
		b.appendPara(line)
		return
	}
	if b.speaker == "" { // what a speaker says is no heading, even a short question
		if level, text, ok := markdownHeading(line); ok {
			b.heading(level, text)
			return
		}
		if level, ok := numberedHeading(line); ok && !b.listItems[i] {
			b.heading(level, line)
			return
		}
		if b.page.web && glyphHeading(line) && b.followedByText(i) {
			b.heading(1, line)
			return
		}
		if !b.wrapped(line) && !b.listItems[i] && (!longerThan(line, maxHeadingLen) && b.followedByText(i) && (plainHeadingShape(line) || b.page.web && placeHeading(line)) && b.standsApart(i, line) || b.page.web && sectionQuestion(line) && b.speakerNext(i)) && !b.hasMarker(line) {
			b.heading(1, line)
			return
		}
		if b.page.web && b.pullQuote(i, line) {
			b.heading(1, line)
			return
		}
	}
	b.closePara()
	b.para = &strings.Builder{}
	b.paraLine = i
	if b.speaker != "" {
		b.para.WriteString(b.speaker + "：")
		b.speaker = ""
	}
	b.para.WriteString(b.markers.scan(line))
}

// takesDate records a date standing on a line of its own near the top of
// the body, or the label of the date on the next line (「Published」).
func (b *bodyParser) takesDate(i int, line string) bool {
	if !containsDigit(line) {
		// A date's label (「公開日:」) goes with the date below it; a short
		// quotation alone (「「港が見えない」」) is the text's.
		return isDateLabel(line) && (!strings.HasPrefix(line, "「") || b.dateBelow(i))
	}
	dates, ok := dateLine(line)
	if ok && postedBy(b.lines, i) {
		return false // 「2020-12-26 14:55:16」 under a post of 「NAME @handle」: the post's time
	}
	if ok {
		b.dates = append(b.dates, dates...)
	}
	return ok
}

// postedBy reports a social-media handle (「@maki87」) on one of the two
// lines above line i: a quoted post, whose time a date under it is.
func postedBy(lines []string, i int) bool {
	for j, seen := i-1, 0; j >= 0 && seen < 2; j-- {
		if lines[j] == "" {
			continue
		}
		if seen++; strings.Contains(lines[j], "@") && reHandle.MatchString(lines[j]) {
			return true
		}
	}
	return false
}

// dateBelow reports that the line after line i (in the body) states a date.
func (b *bodyParser) dateBelow(i int) bool {
	n := nextNonBlank(b.lines, i+1)
	if n < 0 {
		return false
	}
	_, ok := dateLine(b.lines[n])
	return ok
}

// takesParenDate records a date in brackets on a line of its own anywhere
// in a web text: 「(2022年9月22日放送「news every.」より)」.
func (b *bodyParser) takesParenDate(line string) bool {
	d, ok := parenDateLine(line)
	if ok {
		b.dates = append(b.dates, d)
	}
	return ok
}

// reListNumber is the number that opens a line of a numbered list.
var reListNumber = regexp.MustCompile(`^(?:([0-9０-９]{1,2})[.．、]|[(（]([0-9０-９]{1,2})[)）])`)

// numberedRuns returns the numbered lines that follow one another without
// text between them and with numbers in sequence (「1. はじめに」「2. 文献
// レビュー」…): the items of a list, such as a report's table of contents.
func numberedRuns(lines []string) map[int]bool {
	out := map[int]bool{}
	prev, prevNum := -1, -1
	for i, l := range lines {
		if l == "" {
			continue
		}
		num := -1
		if m := reListNumber.FindStringSubmatch(l); m != nil {
			if _, ok := numberedHeading(l); ok {
				num = atoi(m[1] + m[2])
			}
		}
		if num >= 0 && prevNum >= 0 && num == prevNum+1 {
			out[prev], out[i] = true, true
		}
		prev, prevNum = i, num
	}
	return out
}

func isListItem(line string) bool {
	return strings.HasPrefix(line, "・") || strings.HasPrefix(line, "●") || strings.HasPrefix(line, "- ") ||
		strings.HasPrefix(line, "○") || strings.HasPrefix(line, "◆") || strings.HasPrefix(line, "■")
}

// wrapped reports a line as long as the document's wrap width: a piece of
// a hard-wrapped paragraph, whatever its shape.
func (b *bodyParser) wrapped(line string) bool {
	return b.wrapWidth > 0 && runeLen(line) >= b.wrapWidth-2
}

// followedByText reports whether body text that can follow a heading comes
// after line i: a heading is never the last line, nor the first half of a
// word broken across lines.
func (b *bodyParser) followedByText(i int) bool {
	for j := i + 1; j < len(b.lines); j++ {
		l := b.lines[j]
		if _, isNote := b.strong[j]; l == "" || isCaption(l) || isNote {
			continue
		}
		return !continuationStart(l) && !isEndMark(l) && !isBareURL(l)
	}
	return false
}

// pullQuote reports a line that is only a quotation the text goes on to
// quote again (「「わざわざこういう画像使うから…」」 over the paragraphs, one of
// which reports it): a web article's subheading made of a pull quote. A
// quotation a paragraph does not repeat is speech.
func (b *bodyParser) pullQuote(i int, line string) bool {
	if !strings.HasPrefix(line, "「") || !strings.HasSuffix(line, "」") || longerThan(line, maxHeadingLen) ||
		strings.Count(line, "「") != 1 || b.para == nil || !isTerminal(lastRune(b.lines[prevNonBlank(b.lines, i-1)])) {
		return false
	}
	inner := line[len("「") : len(line)-len("」")]
	if runeLen(inner) < 6 {
		return false
	}
	for j := i + 1; j < len(b.lines) && j <= i+40; j++ {
		if l := b.lines[j]; l != line && strings.Contains(l, inner) {
			return true
		}
	}
	return false
}

func (b *bodyParser) hasMarker(line string) bool {
	probe := newMarkerScanner(nil, false)
	return probe.scan(line) != line
}

// heading records a heading; a leading bullet glyph (■●◆) is layout and
// leaves it.
func (b *bodyParser) heading(level int, line string) {
	b.closePara()
	b.headingLine = b.cur
	text := strings.TrimLeftFunc(strings.TrimLeft(line, "■□◆◇●▼▽▶►"), isSpace)
	b.units = append(b.units, unit{heading: true, level: level, text: cleanText(text, b.page.web)})
}

func (b *bodyParser) appendPara(line string) {
	scanned := b.markers.scan(line)
	b.para.WriteString(joinSeparator(b.para.String(), scanned))
	b.para.WriteString(scanned)
}

// finished reports whether the open paragraph ends a sentence (or ends
// with a footnote marker, which follows a sentence or a clause).
func (b *bodyParser) finished() bool {
	r := lastRune(b.para.String())
	return isTerminal(r) || isSentinel(r)
}

// midSentenceBracket reports an open paragraph of PDF text that ends with
// a bracket in mid-sentence, before a line that is no heading: a gloss
// such as 「…ウラジーミル・プーチン(Vladimir Putin)」 at the end of a
// wrapped line, not a sentence's end (「…である。（注）」) or a short
// line that is all bracket.
func (b *bodyParser) midSentenceBracket(next string) bool {
	s := strings.TrimRightFunc(b.para.String(), isSpace)
	if !strings.HasSuffix(s, ")") && !strings.HasSuffix(s, "）") {
		return false
	}
	open := strings.LastIndexAny(s, "(（")
	if open <= 0 {
		return false
	}
	before := s[:open]
	if r := lastRune(before); isTerminal(r) || isSpace(r) {
		return false
	}
	if i := strings.LastIndex(before, "。"); i >= 0 {
		before = before[i+len("。"):]
	}
	if _, heading := numberedHeading(next); heading || isOpeningHeading(next) {
		return false
	}
	return runeLen(before) >= 6
}

func (b *bodyParser) closePara() {
	if b.para == nil {
		return
	}
	text := strings.TrimSpace(b.para.String())
	b.para = nil
	if !b.page.web {
		if text != "" {
			b.units = append(b.units, unit{text: text})
		}
		return
	}
	// Web text copied from a page whose paragraphs were joined into one
	// line keeps their breaks as 「。 」: no Japanese sentence is followed
	// by a space.
	parts := []string{text}
	if !isListItem(text) { // a list item keeps its sentences together
		parts = splitSpacedSentences(text)
	}
	for k, part := range parts {
		if k > 0 && k == len(parts)-1 && datelineTail(part) {
			// 「…と述べた。 2022年7月30日, Sputnik 日本」: the page's date
			// and outlet after its summary.
			b.page.removed = append(b.page.removed, doc.RemovedLine{Line: b.page.lineNo(b.offset + b.paraLine), Text: part, Reason: reasonMetadata})
			continue
		}
		if k > 0 && (chromeRun(part) || k == len(parts)-1 && chromeButton(part)) {
			// 「もっと読む ツイート シェア 国際の記事一覧」「[全文を読む]」 run on
			// after the text.
			b.page.removed = append(b.page.removed, doc.RemovedLine{Line: b.page.lineNo(b.offset + b.paraLine), Text: part, Reason: reasonChrome})
			continue
		}
		if len(parts) > 1 {
			if m := reInlineHeadedPart.FindStringSubmatch(part); m != nil {
				// 「【第9位】山中で熊に遭遇 ナタで反撃(10月9日配信) ことし…」: a
				// digest flattened onto one line keeps each item's headline,
				// with its date in brackets, before the item's text.
				b.units = append(b.units, unit{heading: true, level: 1, text: m[1]}, unit{text: m[2]})
				continue
			}
		}
		if k > 0 {
			if link, rest, ok := leadingHeadline(part); ok {
				b.page.removed = append(b.page.removed, doc.RemovedLine{Line: b.page.lineNo(b.offset + b.paraLine), Text: link, Reason: reasonRelated})
				part = rest
			}
		}
		b.units = append(b.units, unit{text: part})
	}
}

// reInlineHeadedPart is an item of a flattened digest: its label in
// lenticular brackets, its headline closed by a bracket (the date it
// ran), a space, then its text.
var reInlineHeadedPart = regexp.MustCompile(`^(【[^】]{1,12}】[^。！？!?【】]{2,60}?[(（][^()（）]{1,16}[)）])[ \x{3000}]+(\S.{19,})$`)

// chromeRun reports a run of buttons and links without a sentence: every
// word is furniture on its own.
func chromeRun(part string) bool {
	if strings.Contains(part, "。") || longerThan(part, 200) {
		return false
	}
	fields := strings.Fields(part)
	for _, f := range fields {
		if _, ok := chromeReason(f); !ok {
			return false
		}
	}
	return len(fields) > 1
}

// datelineTail reports a date and an outlet's name run on after a text's
// last sentence: 「2022年7月30日, Sputnik 日本」.
func datelineTail(part string) bool {
	if longerThan(part, 40) || strings.Contains(part, "。") || !containsDigit(part) {
		return false
	}
	dm, found := findDateTime(part)
	if !found || dm.start > 0 || dm.month {
		return false
	}
	rest := strings.TrimLeft(part[dm.end:], " ,，、\u3000")
	return rest != "" && !longerThan(rest, 20) && !strings.ContainsAny(rest, "「」")
}

// chromeButton reports one button or link run on after the text's last
// sentence: 「[全文を読む]」.
func chromeButton(part string) bool {
	if longerThan(part, 20) || strings.ContainsAny(part, " 　。") {
		return false
	}
	_, ok := chromeReason(part)
	return ok
}

// leadingHeadline cuts a link to another article off the start of a
// paragraph that a page run together with it: 「ロシア軍、クルスク州を
// 「完全解放」 北朝鮮参戦、初めて認める 金正恩総書記が…」. The headline is
// the telegraphic text before the last space ahead of the first sentence.
func leadingHeadline(part string) (link, rest string, ok bool) {
	end := strings.Index(part, "。")
	if end < 0 {
		return "", "", false
	}
	cut := strings.LastIndexAny(part[:end], " \u3000")
	if cut <= 0 {
		return "", "", false
	}
	link = strings.TrimSpace(part[:cut])
	rest = strings.TrimSpace(part[cut:])
	if !strings.ContainsAny(link, "、，") || !reHeadline.MatchString(link) || !longerThan(rest, 10) {
		return "", "", false
	}
	return link, rest, true
}

func (b *bodyParser) closeNote() {
	if b.note == nil {
		return
	}
	b.notes = append(b.notes, *b.note)
	b.note = nil
}

// agencyNames are news agencies a wire story ends with, alone on a line.
var agencyNames = setOf("Reuters", "REUTERS", "ロイター", "AFP", "AP", "共同", "共同通信", "共同通信社", "時事", "時事通信", "時事通信社", "Bloomberg", "ブルームバーグ", "Yonhap", "聯合ニュース", "新華社", "Xinhua")

// agencyName reports a line that is only an agency's name, perhaps in
// brackets: 「Reuters」「[時事通信社]」.
func agencyName(line string) bool {
	line = strings.TrimSpace(line)
	if inner, ok := strings.CutPrefix(line, "["); ok {
		line, _ = strings.CutSuffix(inner, "]")
	} else if inner, ok := strings.CutPrefix(line, "［"); ok {
		line, _ = strings.CutSuffix(inner, "］")
	}
	return agencyNames[line]
}
