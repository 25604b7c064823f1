package parse

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

// Numbered heading forms and their levels. A document's own numbering
// decides depth: 「1.」 and 「第1章」 open top-level sections, 「(1)」 and
// 「1.1」 sub-sections, 「①」 a third level.
var numberedHeadings = []struct {
	re    *regexp.Regexp
	level int
}{
	{regexp.MustCompile(`^[0-9０-９]{1,2}[.．][0-9０-９]{1,2}[.．][0-9０-９]{1,2}[.．]?\s*[^0-9０-９\s.．]`), 3},
	{regexp.MustCompile(`^[0-9０-９]{1,2}[.．][0-9０-９]{1,2}[.．]?\s*[^0-9０-９\s.．%％]`), 2},
	{regexp.MustCompile(`^[0-9０-９]{1,2}[.．、]\s*[^0-9０-９\s.．%％]`), 1},
	{regexp.MustCompile(`^第[0-9０-９一二三四五六七八九十]{1,3}[章部編](?:\s|$|[^0-9０-９])`), 1},
	{regexp.MustCompile(`^第[0-9０-９一二三四五六七八九十]{1,3}節(?:\s|$|[^0-9０-９])`), 2},
	{regexp.MustCompile(`^(?:[IVX]{1,4}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])[.．、\s]\s*\S`), 1},
	{regexp.MustCompile(`^[一二三四五六七八九十]{1,3}[、．.]\s*\S`), 1},
	{regexp.MustCompile(`^[(（][0-9０-９]{1,2}[)）]\s*\S`), 2},
	{regexp.MustCompile(`^[①-⑳]\s*\S`), 3},
	{regexp.MustCompile(`^[(（][a-zａ-ｚア-ンｱ-ﾝ][)）]\s*\S`), 3},
	{regexp.MustCompile(`^[■□◆◇●▼▽▶►]\s*\S`), 1},
}

// reCasualQuestion is a question asked in talk (「…ってことかな?」): a
// sentence of a post, not a heading.
var reCasualQuestion = regexp.MustCompile(`(?:かな|かね|よね|よな|だね|だよ|かしら|っけ|てる|でる)[?？]$`)

// reDayPlaceEnd is the day and the place in brackets that close a
// sports report's game line or a dateline.
var reDayPlaceEnd = regexp.MustCompile(`[(（][0-9０-９]{1,2}日[、,][^()（）]{1,24}[)）]$`)

// reTopicEnding closes a heading that names its topic: 「…の開催について」
// 「…の閉会に当たって」.
var reTopicEnding = regexp.MustCompile(`(?:について|に関して|に当たって|にあたって|をめぐって|に向けて)$`)

// sentenceWithoutStop reports a clause-long line ending in a predicate's
// plain form, as web text writes sentences without their full stops
// (「◆…北東FCは、首位を相手に逆転勝ちを収めた」): no heading.
func sentenceWithoutStop(line string) bool {
	return strings.Contains(line, "、") && strings.ContainsRune("るだたいす", lastRune(line)) && longerThan(line, 19)
}

// topicClause reports a line whose topic or subject is set off by a
// comma (「講師は、報道局…の高石憲一」): the opening of a sentence, which a
// heading's phrase does not have.
func topicClause(line string) bool {
	i := strings.Index(line, "は、")
	if i < 0 {
		i = strings.Index(line, "が、")
	}
	return i >= 3 && runeLen(line) >= 12
}

// headingGlyphs mark a web page's subheadings: 「■ 見出し」「◆見出し」.
const headingGlyphs = "■□◆◇▼"

// reQuoted is a quotation in corner brackets, whose full stops are the
// speaker's.
var reQuoted = regexp.MustCompile(`「[^「」]*」`)

// glyphHeading reports a web subheading marked by a glyph: a headline
// longer than a plain heading may be, with full stops only inside the
// quotation it opens with (「■ 「普通の家族に戻る。…」ダンサーが語る…」).
func glyphHeading(line string) bool {
	if !strings.ContainsRune(headingGlyphs, firstRune(line)) || longerThan(line, 100) {
		return false
	}
	rest := reQuoted.ReplaceAllString(line, "")
	return !strings.Contains(rest, "。") && !endsWithComma(rest) && !isTerminal(lastRune(line)) && !sentenceWithoutStop(rest)
}

// maxHeadingLen bounds headings in code points: longer lines are prose.
const (
	maxHeadingLen         = 40
	maxNumberedHeadingLen = 60
)

// numberedHeading reports whether line has the shape of a numbered heading.
func numberedHeading(line string) (level int, ok bool) {
	if longerThan(line, maxNumberedHeadingLen) || strings.Contains(line, "。") || endsWithComma(line) || sentenceWithoutStop(line) || runInList(line) {
		return 0, false
	}
	for _, h := range numberedHeadings {
		if h.re.MatchString(line) {
			if h.level == 1 && strings.ContainsAny(line, ":：") && glyphField(line) {
				return 0, false // 「●質問者: kk」: a field under a glyph, no heading
			}
			return h.level, true
		}
	}
	return 0, false
}

// glyphField reports a labelled field set after a bullet glyph
// (「●質問者: kk」「■会場：北東会館」).
func glyphField(line string) bool {
	r := firstRune(line)
	if !strings.ContainsRune("■□◆◇●▼▽▶►", r) {
		return false
	}
	return fieldLine(strings.TrimSpace(line[len(string(r)):]))
}

// reEnumerator is an item's number in brackets: 「(2)」「（３）」.
var reEnumerator = regexp.MustCompile(`[(（][0-9０-９]{1,2}[)）]`)

// runInList reports a line of several numbered items run together
// (「(1)運営の透明性(2)活動実績(3)…」): a list, not a heading.
func runInList(line string) bool {
	return strings.Count(line, "(")+strings.Count(line, "（") >= 2 && len(reEnumerator.FindAllStringIndex(line, 3)) >= 2
}

// politeEnding reports a line closing with one of politeEndings.
func politeEnding(line string) bool {
	for _, e := range politeEndings {
		if strings.HasSuffix(line, e) {
			return true
		}
	}
	return false
}

// politeEndings close a spoken sentence written without its full stop
// (「…もちさんの足元ですね」): a heading is a phrase, not a remark.
var politeEndings = []string{"です", "ます", "でした", "ました", "ですね", "ますね", "ですよ", "ますよ", "ません", "ですよね"}

// plainHeadingShape reports whether line could be an unnumbered heading:
// short, no sentence inside, not a fragment of a broken line. Whether it
// is one depends on its neighbours too (see body.go).
func plainHeadingShape(line string) bool {
	if longerThan(line, maxHeadingLen) {
		return false
	}
	n := runeLen(line)
	if n < 2 || n > maxHeadingLen || strings.Contains(line, "。") || continuationStart(line) || strings.ContainsRune("※★☆*＊", firstRune(line)) {
		return false // (「※雨天時は…」: a note)
	}
	if strings.Contains(line, "http") || strings.Contains(line, "www.") || strings.ContainsAny(line, ":：") && reFieldLine.MatchString(line) || legalParty(line) {
		return false // (a judgment's parties and counsel, line by line, are no headings)
	}
	last := lastRune(line)
	switch {
	case firstRune(line) == '「' && last == '」' && strings.Count(line, "「") == 1,
		firstRune(line) == '《' && last == '》' && strings.Count(line, "《") == 1:
		return false // 「子供がいるんだ!」, 《悪意しか感じない》: a line of speech, a post quoted
	case strings.ContainsRune("(（", firstRune(line)) && strings.ContainsRune(")）", last) && strings.Count(line, "(")+strings.Count(line, "（") == 1:
		return false // 「(日々の発信はツイッターでも)」: an aside in brackets
	case sentenceWithoutStop(line), topicClause(line), strings.ContainsRune(")）", last) && reDayPlaceEnd.MatchString(line):
		return false // 「「北東FC1-0南海」(8日、北東スタジアム)」: a game's line, dated and placed
	case listItem(line), runInList(line):
		return false // an item of a bulleted list, or numbered items run together
	case personIntroduced(line):
		return false // 「中村京子(きょうこ)さん」 over a profile: a person, no section
	case strings.Count(line, "「") > strings.Count(line, "」"):
		return false // 「…監督は「首位が負けないので」: a quotation the next line goes on with
	case endsWithComma(line), politeEnding(line), n >= 15 && (last == 'た' || strings.HasSuffix(line, "ている") || strings.HasSuffix(line, "でいる")), last == '♪':
		return false // 「…多めに載せてみた」: a remark, not a heading
	case last == '？' || last == '?':
		return n <= 25 && !endsMidSentence(line) && !reCasualQuestion.MatchString(line)
	case (last == '!' || last == '！') && n >= 15 && strings.Contains(line, "」") && !strings.Contains(line, "、"):
		// 「「ベトナムフェスタin神奈川2022」イベントプログラム決定!」: an
		// announcement's topic, not a remark.
	case isTerminal(last) && !isClosingBracket(last):
		return false
	}
	if _, s, e, ok := findDate(line); ok && n < 24 && runeLen(line[:s])+runeLen(line[e:]) <= 12 {
		return false // a date with a word or two is a date line (a phrase that names a year, 「広報表紙は2015年春から」, may head a section)
	}
	return !endsMidSentence(line) || reTopicEnding.MatchString(line) // a broken line is no title; 「…について」 names a topic
}

// reFieldLine is a labelled field 「日時：6月20日」「会場：北東会館」: a line
// of a list, not a heading.
var reFieldLine = regexp.MustCompile(`^[^：:]{0,7}[^：:0-9０-９\s][\s\x{3000}]*[：:]\s*\S`)

func endsWithComma(s string) bool { return strings.ContainsRune("、，,", lastRune(s)) }

var reMarkdownHeading = regexp.MustCompile(`^(#{1,6})\s+(\S.*?)\s*#*$`)

// markdownHeading reads 「## 見出し」 from text extracted as Markdown; the
// hashes are markup and leave the heading.
func markdownHeading(line string) (level int, text string, ok bool) {
	if !strings.HasPrefix(line, "#") {
		return 0, "", false
	}
	m := reMarkdownHeading.FindStringSubmatch(line)
	if m == nil {
		return 0, "", false
	}
	return min(len(m[1]), 3), m[2], true
}

// endContext is how many characters at a line's end lastWord analyses.
const endContext = 12

// lastWord is the analyzer's last word of line, with its part of speech:
// the last word decides how a line ends, and a dozen characters are
// context enough for the analyzer to find it.
func lastWord(line string) (jatext.Token, bool) {
	if rs := []rune(line); len(rs) > endContext {
		line = string(rs[len(rs)-endContext:])
	}
	toks := jatext.Tokenize(line)
	if len(toks) == 0 || len(toks[len(toks)-1].POS) == 0 {
		return jatext.Token{}, false
	}
	return toks[len(toks)-1], true
}

// openingHeadings end with a particle yet are the conventional first and
// last section titles; a press conference's transcript opens its parts
// with 「冒頭発言」 and 「質疑応答」.
var openingHeadings = []string{"はじめに", "始めに", "おわりに", "終わりに", "むすびに", "結びに", "冒頭発言", "質疑応答"}

// endsMidSentence reports whether line stops where a sentence cannot: after
// a case or conjunctive particle (「…の密輸を」「…しており、」) or a verb in
// its continuative form (「指摘してき」). Headings end in a noun, a final
// form, or a binding particle (「温度差も」).
func endsMidSentence(line string) bool {
	for _, h := range openingHeadings {
		if strings.HasSuffix(line, h) {
			return false
		}
	}
	// A particle or a verb's continuative form ends in kana; a line ending
	// in a kanji, a katakana word, a digit or a bracket ends in a noun or
	// a symbol, and needs no analysis.
	if r := lastRune(line); !unicode.Is(unicode.Hiragana, r) {
		return false
	}
	last, ok := lastWord(line)
	if !ok {
		return false
	}
	switch last.POS[0] {
	case "助詞":
		return len(last.POS) > 1 && (last.POS[1] == "格助詞" || last.POS[1] == "接続助詞")
	case "動詞", "形容詞", "助動詞":
		return strings.HasPrefix(last.Form, "連用") || strings.HasPrefix(last.Form, "未然")
	}
	return false
}

// personIntroduced reports a line that is a person's name with an
// honorific, perhaps with its reading: 「中村京子(きょうこ)さん」.
func personIntroduced(line string) bool {
	for _, h := range []string{"さん", "氏", "先生"} {
		if stem, ok := strings.CutSuffix(line, h); ok && stem != "" {
			_, _, isName := personName(stem)
			return isName
		}
	}
	return false
}

// blankSeparated reports a text whose lines mostly stand between blank
// lines, as a page copied block by block is: then a line right below
// another is part of its block, not a heading over it.
func blankSeparated(lines []string) bool {
	content, apart := 0, 0
	for i, l := range lines {
		if l == "" {
			continue
		}
		content++
		if i+1 == len(lines) || lines[i+1] == "" {
			apart++
		}
	}
	return content >= 6 && apart*10 >= content*6
}

// standsApart reports whether line i of a web text sits where a heading
// does: at the head of its block in a text set out in blocks (not right
// under a line of prose), not over a short line that carries no sentence
// (a post's lines of verse), and not right over another lone line shaped
// like a heading (a list of links, each a headline). A heading opens the
// text under it; headings may stack, and fields or a list may follow.
func (b *bodyParser) standsApart(i int, line string) bool {
	if !b.page.web {
		return true
	}
	if topicLeft(line) || politeQuestion(line) {
		// 「市場の人たちは」: a topic the next line speaks of, no section's
		// name; 「…嗅ぎ付けるのでしょう?」: a question put to the reader.
		return false
	}
	if b.blocky && i > 0 && b.lines[i-1] != "" && b.para != nil && b.paraLine == i-1 {
		if prev := b.lines[i-1]; !listItem(prev) && !isListItem(prev) && !isDateOnly(prev) {
			return false
		}
	}
	if prev := prevNonBlank(b.lines, i-1); prev >= 0 && b.para != nil && b.paraLine == prev && !listItem(b.lines[prev]) && (endsWithComma(b.lines[prev]) || topicLeft(b.lines[prev]) || endsMidSentence(b.lines[prev])) {
		return false // 「…への取材で」 over it: the sentence goes on, in lines of its own
	}
	if i+1 < len(b.lines) && b.lines[i+1] != "" {
		next := b.lines[i+1]
		return runeLen(next) >= 40 || isTerminal(lastRune(next)) || listItem(next) || isListItem(next) || isCaption(next) ||
			fieldLine(next) || headingShaped(next) || personIntroduced(next)
	}
	if !b.blocky {
		return true
	}
	n := nextNonBlank(b.lines, i+1)
	if n < 0 {
		return true
	}
	alone := n+1 == len(b.lines) || b.lines[n+1] == ""
	_, numbered := numberedHeading(b.lines[n])
	return !(alone && !numbered && !glyphHeading(b.lines[n]) && plainHeadingShape(b.lines[n]) && !topicLeft(b.lines[n]) && !politeQuestion(b.lines[n]))
}

// headingShaped reports a line shaped like a heading of any kind.
func headingShaped(line string) bool {
	_, numbered := numberedHeading(line)
	return numbered || glyphHeading(line) || plainHeadingShape(line)
}

// Link runs: how many headlines in a row make a list of links, in a text
// set out in blocks and in one whose lines follow one another.
const (
	minLinkRun      = 4
	minLinkRunTight = 5
)

// plainPredicateEnds end a sentence in its plain form (「…寒かった」
// 「…頑張る」「…そうだ」): a casual post's line without its full stop, where
// a headline ends in a noun, a question or a quotation.
const plainPredicateEnds = "たるだいすうくぐぶむぬつよねわ"

// headlineShaped reports a line that reads as another page's headline: a
// phrase of some length with no sentence inside (no full stop, no
// comma), not ending as a remark or a sentence does.
func headlineShaped(l string) bool {
	if len(l) < 15 || strings.ContainsAny(l, "。、") {
		return false // (most lines of a text hold a stop or a comma)
	}
	n := runeLen(l)
	return n >= 15 && n <= 80 && !isTerminal(lastRune(l)) &&
		!politeEnding(l) && !sentenceFinal(l) && !strings.ContainsRune(plainPredicateEnds, lastRune(l)) &&
		!strings.HasPrefix(l, "「") && !listItem(l) && !isListItem(l)
}

// linkRun returns the lines of the body's lists of links: runs of
// headlines one after the other, each a block of its own in a text set
// out in blocks (or line after line in one that is not), with no
// sentence between them — a blog's 「related posts」 set among its
// paragraphs. A text's headings each open text; a list of them does not.
// The last headline of a run over a paragraph may be the heading of that
// paragraph, and stays; so does a headline set apart from the run by a
// wider gap (lines removed as chrome count as none).
func linkRun(lines []string, blocky bool, removed func(i int) bool) []int {
	var out, run []int
	flush := func(next int) {
		if len(run) > 0 && next >= 0 && !headlineShaped(lines[next]) && (runeLen(lines[next]) >= 40 || isTerminal(lastRune(lines[next]))) {
			run = run[:len(run)-1]
		}
		if min := minLinkRun; len(run) >= min && blocky || len(run) >= minLinkRunTight {
			out = append(out, run...)
		}
		run = run[:0]
	}
	blanks := 0 // blank lines since the last line, not counting lines removed
	for i, l := range lines {
		if l == "" {
			if !removed(i) {
				blanks++
			}
			continue
		}
		if blanks >= maxLinkGap {
			flush(i) // a wider gap closes the list: what follows is the page's next part
		}
		blanks = 0
		alone := (i == 0 || lines[i-1] == "") && (i+1 == len(lines) || lines[i+1] == "")
		if headlineShaped(l) && (alone || !blocky) {
			run = append(run, i)
			continue
		}
		flush(i)
	}
	flush(-1)
	return out
}

// maxLinkGap is how many blank lines close a list of links.
const maxLinkGap = 3

// topicLeft reports a line that stops on its topic (「…新聞になるのは」):
// the predicate comes on the next line. 「…とは」 names a topic to define.
func topicLeft(line string) bool {
	return strings.HasSuffix(line, "は") && !strings.HasSuffix(line, "とは")
}

// politeQuestion reports a question in the polite form (「…のでしょうか?」
// 「…ありませんか?」): asked of the reader, in a sentence of the text.
func politeQuestion(line string) bool {
	q := strings.TrimRight(line, "?？")
	if len(q) == len(line) {
		return false
	}
	for _, e := range []string{"でしょうか", "でしょう", "ますか", "ですか", "ませんか"} {
		if strings.HasSuffix(q, e) {
			return true
		}
	}
	return false
}

// placeHeading reports a heading naming where its section comes from
// (「関東大震災100年の4枚組写真から」「被災地の現場から」): a noun and
// 「から」, where a clause broken off after 「…してから」 ends in a verb.
func placeHeading(line string) bool {
	stem, ok := strings.CutSuffix(line, "から")
	if !ok || runeLen(stem) < 4 || !plainHeadingShape(stem) {
		return false
	}
	last, ok := lastWord(stem)
	return ok && last.POS[0] == "名詞"
}
