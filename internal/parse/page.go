package parse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/recog/webchrome"
)

// page is the text being parsed: its trimmed lines, the kind of
// extraction they came from, and what was taken out of them. Lines are
// blanked, never deleted, so that an index is a source line number.
type page struct {
	lines    []string
	web      bool
	japanese bool // the text is Japanese: a line in Hangul is a Korean site's navigation
	// source holds the source line number of each line when lines were
	// split apart (see unflatten); nil when they are the source's lines.
	source []int
	// cutAt is the line of a paywall notice that counts the characters
	// left unshown (「残り2525文字(全文2738文字)」), -1 without one: the
	// article's text stops there.
	cutAt    int
	removed  []doc.RemovedLine
	captions []doc.Caption
	keywords []string     // from hashtag lines
	authors  []doc.Author // named in a writer's box among the furniture (「この記事を書いた人」)
	// printedTwice are lines printed twice in a row, an image's
	// alternative text and its caption: captions wherever they stand.
	printedTwice map[int]bool
}

// captionLine reports whether line i is a caption.
func (p *page) captionLine(i int, line string) bool {
	return p.printedTwice[i] || isCaption(line) || p.web && (portraitCaption(p.lines, i) || portraitRow(p.lines, i))
}

// portraitCaption reports a person's name with 「氏」 alone on line i
// (「洪秀煥氏」「後藤謙次 氏」): the caption of a portrait. A byline carries
// no honorific, and a speaker labelled so speaks again or is quoted below.
func portraitCaption(lines []string, i int) bool {
	stem, ok := strings.CutSuffix(lines[i], "氏")
	if !ok || longerThan(stem, 10) {
		return false
	}
	if _, _, isName := personName(strings.TrimSpace(stem)); !isName || speaksAgain(lines, i) {
		return false
	}
	n := nextNonBlank(lines, i+1)
	return n < 0 || !strings.HasPrefix(lines[n], "「")
}

// remove blanks line i and records why.
func (p *page) remove(i int, reason string) {
	if p.lines[i] == "" {
		return
	}
	p.removed = append(p.removed, doc.RemovedLine{Line: p.lineNo(i), Text: p.lines[i], Reason: reason})
	p.lines[i] = ""
}

// lineNo returns the source line number (from 1) of line i.
func (p *page) lineNo(i int) int {
	if p.source != nil && i >= 0 && i < len(p.source) {
		return p.source[i]
	}
	return i + 1
}

// addCaption records a caption once: a repeated caption is one figure.
func (p *page) addCaption(line string) {
	c := captionOf(line, p.web)
	if n := len(p.captions); c.Text == "" && c.Credit != nil && n > 0 && p.captions[n-1].Credit == nil {
		// 「写真提供：…」 under a caption without a credit: its credit.
		p.captions[n-1].Credit = c.Credit
		return
	}
	for _, have := range p.captions {
		if have.Text == c.Text && deref(have.Credit) == deref(c.Credit) {
			return
		}
	}
	p.captions = append(p.captions, c)
}

// creditLastCaption gives the last caption found its credit, when it has
// none; otherwise the credit is a caption of its own.
func (p *page) creditLastCaption(credit string) {
	if n := len(p.captions); n > 0 && p.captions[n-1].Credit == nil {
		p.captions[n-1].Credit = &credit
		return
	}
	p.captions = append(p.captions, doc.Caption{Credit: &credit})
}

// reCaptionLabel opens a caption: 「バナー写真：」「〔写真説明〕」「【写真】」
// 「(写真)」.
var reCaptionLabel = regexp.MustCompile(`^▲\s*|^(?:バナー写真|トップ写真|写真|画像|図版)\s*[:：＝=]\s*|^(?:〔写真説明〕|\[写真\]|【写真】|［写真］)\s*|^[(（](?:写真|画像|図版)[)）]\s*`)

// captionOf splits a caption line into its text and credit, without the
// label that announces it.
func captionOf(line string, web bool) doc.Caption {
	if isBracketedPhoto(line) {
		_, size := utf8.DecodeLastRuneInString(line)
		line = line[len("写真【") : len(line)-size] // 「写真【…】」
	}
	text, credit := splitCredit(reCaptionLabel.ReplaceAllString(enlargeOut(line), ""))
	return doc.Caption{Text: cleanText(text, web), Credit: ptrOrNil(credit)}
}

// detectExtraction tells web-page text from PDF text by the traces each
// leaves: page numbers and running headers between the text, sentences
// broken across lines or around page-bottom notes, hard wrapping, and
// spaces inside words (PDF); site chrome, photo credits and datelines
// (web). Without evidence of a PDF, text is taken as a web page's: its
// line breaks are kept as paragraph breaks, which loses nothing.
func detectExtraction(lines []string) (web bool) {
	score := 0
	if wrapWidth(lines) > 0 {
		score += 5
	}
	content := make([]int, 0, len(lines))
	for i, l := range lines {
		if l != "" {
			content = append(content, i)
		}
	}
	glued, spaced, unfinished := 0, 0, 0
	for k, i := range content {
		l := lines[i]
		if k+2 < len(content) && len(l) <= 16 && (rePageNumber.MatchString(l) || rePageMarker.MatchString(l)) {
			score += 2
		}
		g, s := extractionTraces(l)
		if s > 0 {
			if _, chrome := chromeReason(l); chrome {
				s = 0 // 「読者です 読者をやめる」: buttons set apart by the page, not a PDF's spaces
			}
		}
		glued, spaced = glued+g, spaced+s
		if len(l) >= 180 && flattenedWrap(l) {
			spaced += 3
		}
		last := lastRune(l)
		if k+1 == len(content) || isTerminal(last) || runeLen(l) < 4 {
			continue
		}
		if _, isNote := parseNoteStart(l); isNote || listItemStart(l) || listItem(l) {
			continue // an item of a list may stop mid-clause: the list goes on
		}
		next := lines[content[k+1]]
		switch ns, isNote := parseNoteStart(next); {
		case isNote && !ns.weak && runeLen(l) >= 15 && containsAny(l, "。", "、") && !strings.ContainsAny(l, "|｜") &&
			!strings.HasPrefix(next, "(") && !strings.HasPrefix(next, "（") && !isDateOnly(next) && !shortNumberedHeading(next):
			// A page-bottom note inside a sentence: the line above is prose
			// (a heading, a byline or a title over a numbered heading is no
			// broken sentence).
			score += 3
		case continuationStart(next):
			score += 3 // a word broken across lines
		case runeLen(l) < 15 || strings.ContainsRune(">＞", last) || runeLen(next) < 15 && lastRune(next) != '。' || isCaption(l),
			content[k+1] > i+1 && strings.ContainsRune(headingGlyphs, firstRune(l)):
			// (「■ 海底の坑道には…との差」 over a blank line is a web page's
			// heading, however long, no sentence broken.)
		case endsWithComma(l) && sameEnding(l, next):
			// 「…の性格とか、」「…感じとか、」: lines set out in parallel, as
			// an author lists, no column's edge cutting a clause.
		case endsWithComma(l):
			unfinished += brokenWeight(content[k+1] > i+1) // a clause broken across lines
		case content[k+1] > i+1 && (runeLen(l) < 30 || !containsAny(l, "。", "、")):
			// Across a blank line a phrase ending in a particle is as
			// often a heading (「条約とは」) or a title as a broken
			// sentence; a line of prose broken there is not.
		case content[k+1] > i+1 && (sentenceFinal(l) || strings.ContainsRune("るだい", last)):
			// A casual sentence without its full stop (「…とかも思ってた」,
			// 「…を指す専門用語である」) above a blank line ends a paragraph.
		case runeLen(l) >= 12 && politeEnding(l):
			// 「…にて放映されました」: a polite sentence ends there, stop or not.
		case strings.ContainsRune("をにがはでとへの", last) && (runeLen(l) >= 40 || containsAny(l, "。", "、")):
			// (A short phrase with neither stop nor comma is as often a
			// heading or a slogan: 「「支援」から「協働」へ」.)
			unfinished += brokenWeight(content[k+1] > i+1)
		case runeLen(l) >= 30 && isJPLetter(last) && !isHashtagLine(l) && !strings.ContainsAny(l, "|｜") &&
			!(sentenceFinal(l) || strings.ContainsRune("るい", last)) || continuationStart(next):
			// A long line stopping mid-sentence; an address, a tag list, a
			// line of fields set apart by bars or a teaser ending in a verb
			// (「…を逮捕した」, web text's sentences without a stop) is no
			// broken sentence.
			unfinished++
		}
	}
	if superscriptNotes(lines, content) {
		score += 3
	}
	if unfinished >= 3 {
		score += 3
	}
	if glued >= 3 {
		score += 3
	}
	if spaced >= 3 {
		score += 3
	}
	return score < 3
}

// brokenWeight is what a line stopping mid-clause says of a PDF: much
// when the next line follows it, half as much over a blank line, where
// only a page break splits a PDF's sentence but a web author may break a
// sentence into lines of its own (blank-separated, as blogs do).
func brokenWeight(overBlank bool) int {
	if overBlank {
		return 1
	}
	return 2
}

// sameEnding reports two lines that end alike in their last two
// characters (「…とか、」「…とか、」): phrases set out in parallel.
func sameEnding(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	return len(ra) >= 4 && len(rb) >= 4 && ra[len(ra)-1] == rb[len(rb)-1] && ra[len(ra)-2] == rb[len(rb)-2]
}

// shortNumberedHeading reports a web page's numbered heading such as
// 「1.話し手の感情を伝える」: short, an ASCII number glued to its text by a
// point, no full stop, where a page-bottom note (「1 防衛省「…」2024年。」)
// is a sentence or a reference (a PDF's headings number in full width,
// 「２．日米韓の対応」).
func shortNumberedHeading(l string) bool {
	if r := firstRune(l); r < '0' || r > '9' || runeLen(l) > 25 || strings.Contains(l, "。") || strings.Contains(l, "://") || !strings.Contains(l, ".") {
		return false
	}
	_, ok := numberedHeading(l)
	return ok
}

// superscriptNotes reports a note below the text numbered with a
// superscript digit (「¹ 防衛省『…』」) that a marker in the text points to
// (「…及ぼしている¹。」): a PDF's page-bottom note; a web page's note
// marks copy as plain digits or brackets.
func superscriptNotes(lines []string, content []int) bool {
	marked, noted := false, false
	for _, i := range content {
		l := lines[i]
		if isSuperscript(firstRune(l)) {
			noted = true
		} else if !marked && strings.ContainsFunc(l, isSuperscript) {
			marked = true
		}
		if marked && noted {
			return true
		}
	}
	return false
}

// reListItemStart opens an item of a numbered list: 「1  原告…に対し…を」.
var reListItemStart = regexp.MustCompile(`^(?:[0-9０-９]{1,2}[.．]?[ \x{3000}]+|[(（][0-9０-９一二三四五六七八九十]{1,3}[)）][ \x{3000}]*)\S`)

// listItemStart reports a line opening with a list's number; the
// expression runs only on lines that open with a digit or a bracket.
func listItemStart(l string) bool {
	r := firstRune(l)
	return (r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == '(' || r == '（') && reListItemStart.MatchString(l)
}

// flattenedWrap reports a long line whose spaces fall at a regular
// interval of at least 20 characters: a PDF's wrapped lines copied as one
// line, each line break turned into a space. A web page's spaces fall
// where its author sets words apart, at no such rhythm.
func flattenedWrap(line string) bool {
	var gaps []int
	pos, last := 0, -1
	for _, r := range line {
		if r == ' ' || r == '\u3000' {
			if last >= 0 && pos-last > 1 {
				gaps = append(gaps, pos-last)
			}
			last = pos
		}
		pos++
	}
	regular := 0
	for k := 1; k < len(gaps); k++ {
		if d := gaps[k] - gaps[k-1]; gaps[k] >= 20 && d >= -3 && d <= 3 {
			regular++
			if regular >= 3 {
				return true
			}
		} else {
			regular = 0
		}
	}
	return false
}

// rePageMarker is a page's number in parentheses on a line of its own,
// as a PDF viewer that copies text page by page writes it: 「(1)」.
var rePageMarker = regexp.MustCompile(`^[(（][0-9０-９]{1,3}[)）]$`)

// isJPLetter reports a kanji or a kana: a letter of a Japanese word.
func isJPLetter(r rune) bool { return isHan(r) || isKana(r) }

// isDateOnly reports a line that states a date and nothing else.
func isDateOnly(line string) bool {
	_, ok := dateLine(line)
	return ok
}

// extractionTraces counts in a line what PDF extraction leaves: footnote
// numbers glued between a word and a comma or full stop (「整理する1。」,
// superscripts flattened), and spaces inside words: between two hiragana
// (「よ うに」) or before the counter of a date (「2025 年 11 月」). A web
// page's author types none of them.
func extractionTraces(line string) (glued, spaced int) {
	var prev rune
	inner := false
	quoted := 0 // depth of 「」【】“”: a quoted headline sets its phrases apart
	for i, r := range line {
		switch {
		case r == '「' || r == '【' || r == '“' || r == '『':
			quoted++
		case (r == '」' || r == '】' || r == '”' || r == '』') && quoted > 0:
			quoted--
		case r == ' ' || r == '\u3000':
			next, _ := utf8.DecodeRuneInString(line[i+utf8.RuneLen(r):])
			switch {
			case unicode.Is(unicode.Hiragana, prev) && unicode.Is(unicode.Hiragana, next) ||
				r == ' ' && prev >= '0' && prev <= '9' && strings.ContainsRune("年月日頁回章節条号", next):
				spaced++
			case !inner && quoted == 0 && i >= 24 && len(line) >= 90 && isJPLetter(prev) && isJPLetter(next) && proseLine(line):
				// A space inside a long line of prose, away from its
				// start (where a speaker's name or a label stands): the
				// line break of a PDF turned into a space when the text
				// was copied (「体制を 敷く北朝鮮は」). Once a line: an
				// author may set one word apart, and a headline sets its
				// phrases apart (「新型コロナ感染者 国内で累計…」: no comma,
				// no stop, or an item of a list of links).
				inner = true
				spaced++
			}
		case r >= '0' && r <= '9' && !(prev >= '0' && prev <= '9'):
			j := i
			for j < len(line) && j-i < 3 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			next, _ := utf8.DecodeRuneInString(line[j:])
			if j-i <= 2 && (next == '。' || next == '、') &&
				(isHan(prev) || unicode.In(prev, unicode.Hiragana, unicode.Katakana) || strings.ContainsRune("」』）", prev)) {
				glued++
			}
		}
		prev = r
	}
	return glued, spaced
}

// dropFurniture removes what is no part of the text: page numbers and
// running headers, site chrome, share buttons, paywall notices, lists of
// related links, and in web text lines repeated from the page's top
// (a joined multi-page article repeats its title and byline).
func (p *page) dropFurniture() {
	count := map[string]int{}
	for _, l := range p.lines {
		if l != "" && len(l) <= 160 && runeLen(l) <= 40 && !strings.Contains(l, "。") {
			count[l]++
		}
	}
	p.galleryCaptions()
	seen := map[string]bool{}
	prev := -1 // the last non-blank line
	relatedFrom := -1
	relatedBullets := false // the list of links relatedFrom opens is bulleted
	paywallOpen := false    // the lines just above were a paywall's notice
	tocOpen := false        // the lines just above were a table of contents
	itemLabel := ""         // the line above was an item labelling the next (its reason)
	writerBox := false      // the lines above were a writer's box: its label, its name
	kept := 0               // the lines kept so far, but for bare addresses
	linkAt, above := -1, -1 // the last link's label removed; the line above i
	profileAt := len(p.lines)
	for i, l := range p.lines {
		if l == "" {
			continue
		}
		linkAbove := above >= 0 && above == linkAt
		above = i
		if linkAbove && p.web && isBareURL(l) {
			// 「この動画の記事を読む>」 over the address it links to.
			p.remove(i, reasonChrome)
			continue
		}
		if isProfileHeading(l) && i < profileAt {
			profileAt = i
		}
		if c := l[0]; (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') && strings.ContainsAny(l, "._") {
			l = p.cutGluedImageFile(i, l)
		}
		if p.web && (strings.HasSuffix(l, "を見る") || strings.HasSuffix(l, "拡大")) {
			l = p.cutViewButton(i, l)
		}
		if p.web && (strings.HasSuffix(l, " |") || strings.HasSuffix(l, " ｜")) {
			// 「…会談を行った(撮影:蘭紅光) |」: a caption and the bar set after it.
			if t := strings.TrimRight(l, " |｜"); isCaption(t) {
				p.lines[i], l = t, t
			}
		}
		if p.web && pointsUp(l) && i > 0 && (imageAbove(p.removed, p.lineNo(i-1)) || i > 1 && p.lines[i-1] == "" && imageAbove(p.removed, p.lineNo(i-2))) {
			// 「↑ラジオ収録後、…」 under an image's file name: its caption.
			p.markPrintedTwice(i)
		}
		if p.web && isHashtagLine(l) {
			for _, f := range strings.FieldsFunc(l, func(r rune) bool { return isSpace(r) || r == '#' || r == '＃' }) {
				p.keywords = append(p.keywords, f)
			}
			p.remove(i, reasonTags)
			continue
		}
		if reason, ok := chromeReason(l); ok && reason != reasonBoilerplate && !(p.web && quoteFollows(p.lines, i) && quoteLabel(l) && isSNSLink(l)) {
			if reason == reasonRelated && !webchrome.RelatedLink(l) || reason == reasonChrome && webchrome.Related(trimBullet(l)) && !proseBelow(p.lines, i) {
				// (「【関連記事】…」 is one link, no list's heading.)
				// 「最新記事」 at the top labels the page or heads a
				// sidebar; below the text's last sentence it heads a list
				// of links, like 「関連記事」.
				relatedFrom, relatedBullets = i, false
			} else if isBulleted(l) && isSNSLink(trimBullet(l)) {
				// 「• 開票速報はこちら」 opens a bulleted list of links, which
				// the first line without a bullet closes.
				relatedFrom, relatedBullets = i, true
			} else if relatedBullets {
				relatedFrom = -1
			}
			paywallOpen = reason == reasonPaywall
			writerBox = writerBoxLabels[l]
			tocOpen = p.web && isTOCHeading(l) || tocOpen && tocItem(l)
			if paywallOpen && p.web && p.cutAt < 0 && kept >= 3 && reMembersOnly.MatchString(l) {
				p.cutAt = i // 「この記事は会員限定です。」 below the text shown: the rest is the page's
			}
			if paywallOpen && p.web && p.cutAt < 0 && strings.Contains(l, "残り") && strings.Contains(l, "文字") {
				p.cutAt = i
			}
			if reason == reasonChrome && strings.ContainsAny(l, ">＞") {
				linkAt = i
			}
			p.remove(i, reason)
			continue
		}
		if tocOpen && tocItem(l) {
			// The items of 「この記事の目次」: the headings below, as links.
			p.remove(i, reasonChrome)
			continue
		}
		tocOpen = false
		if writerBox {
			if name, reading, ok := personName(l); ok && len(p.authors) == 0 {
				p.authors = append(p.authors, doc.Author{Name: name, NameReading: reading})
				p.remove(i, reasonMetadata)
				continue
			}
			if len(p.authors) > 0 && profileFields(l) {
				p.remove(i, reasonProfile) // 「年齢:33歳 性別:男性 職業:…」 under the name
				writerBox = false
				continue
			}
			writerBox = false
		}
		if p.web && itemLabel != "" && listItem(l) {
			// The cast under 「- 出演者」, the keywords under 「- キーワード」.
			if itemLabel == reasonTags {
				p.keywords = append(p.keywords, strings.Fields(trimBullet(l))...)
			}
			p.remove(i, itemLabel)
			itemLabel = ""
			continue
		}
		if itemLabel = ""; p.web && listItem(l) {
			switch bare := trimBullet(l); {
			case castLabels[bare]:
				itemLabel = reasonChrome
			case keywordLabels[bare]:
				itemLabel = reasonTags
			}
			if itemLabel != "" {
				p.remove(i, itemLabel)
				continue
			}
		}
		if p.web && (stockAlt(l) || slugAlt(l)) {
			p.remove(i, reasonImage)
			continue
		}
		if p.japanese && !longerThan(l, 40) && hangulLine(l) {
			p.remove(i, reasonChrome)
			continue
		}
		if (strings.Contains(l, "訳") || strings.Contains(l, "Transl")) && reTranslator.MatchString(l) {
			p.remove(i, reasonTranslator)
			continue
		}
		if relatedFrom >= 0 && (isRelatedLink(l) || relatedFrom == i-1 && !relatedBullets && linkCard(l)) && (!relatedBullets || isBulleted(l)) {
			p.remove(i, reasonRelated)
			continue
		}
		if paywallOpen && p.web && paywallPlanLine(l) {
			p.remove(i, reasonPaywall) // 「月額プラン」「2,200円/月」 under 「この続きが読めます」
			continue
		}
		paywallOpen = false
		relatedFrom = -1
		switch {
		case !p.web && len(l) <= 8 && rePageMarker.MatchString(l):
			p.remove(i, reasonPageNumber)
			continue
		case !p.web && count[l] >= 3 && !isCaption(l):
			if seen[l] {
				p.remove(i, reasonRunningHead)
			}
		case p.web && prev >= 0 && p.lines[prev] == l && kept > 1 && printedTwiceCaption(l):
			// (The first line of the text printed twice is the page's
			// title bar over its headline: the repeat is dropped below.)
			// An image's description printed twice, as its alternative
			// text and as its caption: the line is a caption.
			p.markPrintedTwice(prev)
			p.remove(i, reasonRepeated)
		case p.web && seen[l] && i < profileAt && runeLen(l) <= 80 && !isSpeakerLabel(l) && !fieldLine(l):
			p.remove(i, reasonRepeated)
		}
		seen[l] = true
		prev = i
		// The page's controls above the text (text size, colours, read
		// aloud) do not count: the first line after them may be the
		// title bar over its headline.
		if !isBareURL(l) && !(kept < 2 && controlLine(trimBullet(l))) && !(kept == 0 && latinWordLabel(l)) {
			kept++
		}
	}
	if p.web {
		p.dropTrail()
		p.dropMenuRuns()
		p.dropTrailingLinkList()
		p.dropContinuedTitles()
		p.repairHeader()
		p.dropMachineSummary()
	}
	p.dropSummaries()
}

// writerBoxLabels open a writer's box: the name, then a line of fields.
var writerBoxLabels = setOf("この記事を書いた人", "この記事を書いた人物", "この記事の執筆者")

// castLabels head a TV programme's cast, an item of a list: 「- 出演者」.
var castLabels = setOf("出演者", "出演", "キャスト", "声の出演", "出演者・スタッフ")

// keywordLabels head the keywords of a database's entry, an item of a
// list: 「- キーワード」 over 「- 北東港」.
var keywordLabels = setOf("キーワード", "関連キーワード", "タグ")

// reProfileField is a field of a writer's box: 「年齢:33歳」「職業:Webディレクター」.
var reProfileField = regexp.MustCompile(`(?:^|[ \x{3000}])[^\s:：]{1,8}[:：]\S`)

// profileFields reports a line of three or more such fields set apart by
// spaces.
func profileFields(l string) bool {
	return strings.Count(l, ":")+strings.Count(l, "：") >= 3 && strings.ContainsAny(l, " \u3000") && len(reProfileField.FindAllStringIndex(l, 3)) >= 3
}

// reTOCHeading heads a table of contents: 「目次」「この記事の目次」「目次 [非表示]」.
var reTOCHeading = regexp.MustCompile(`^(?:この記事の)?(?:目次|もくじ)(?:\s*[\[［(（](?:非表示|表示|開く|閉じる)[\]］)）])?$|^(?i:contents|table of contents)$`)

func isTOCHeading(l string) bool { return len(l) <= 40 && reTOCHeading.MatchString(l) }

// tocItem reports an item of a table of contents: numbered (「1. …」
// 「2-1 …」) or bulleted, and no sentence.
func tocItem(l string) bool {
	return !strings.Contains(l, "。") && !longerThan(l, 60) && (listItem(l) || isBulleted(l) || reTOCNumber.MatchString(l))
}

var reTOCNumber = regexp.MustCompile(`^[0-9]{1,2}(?:[.\-－][0-9]{1,2})*[.．]?[ \x{3000}]+\S`)

// reMembersOnly is a paywall's notice that the rest of the article is for
// members: 「この記事は会員限定です。」「この記事は有料記事です。」.
var reMembersOnly = regexp.MustCompile(`^この記事は(?:有料|会員|プレミアム|購読者)\S{0,8}(?:です|となります)[。.]?$`)

// cutGluedImageFile removes an image's file name left before the text
// that followed the image (「photo0727.jpg 6日ぶりの…」「023_061018_01_1世界各国が…」)
// and returns the line without it.
func (p *page) cutGluedImageFile(i int, l string) string {
	m := webchrome.ReGluedImageFile.FindStringSubmatchIndex(l)
	if m == nil {
		return l
	}
	name, rest := m[2:4], m[4]
	switch {
	case m[2] < 0: // a file name with no extension
		name, rest = m[8:10], m[10]
	case rest < 0: // no space before the text
		rest = m[6]
	}
	p.removed = append(p.removed, doc.RemovedLine{Line: p.lineNo(i), Text: l[name[0]:name[1]], Reason: reasonImage})
	p.lines[i] = l[rest:]
	return p.lines[i]
}

// printedTwiceCaption reports a line that may describe an image: not a
// name, a date or a sentence.
// latinWordLabel reports a line of one lower-case Latin word
// (「advertisements」「menu」): a slot or a control of the page's
// template, above its title bar, which counts as no line of the text.
func latinWordLabel(l string) bool {
	if l == "" || longerThan(l, 20) || l[0] < 'a' || l[0] > 'z' {
		return false
	}
	for _, r := range l {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func printedTwiceCaption(l string) bool {
	n := runeLen(l)
	if n < 8 || n > 80 || strings.Contains(l, "。") {
		return false
	}
	if _, ok := dateLine(l); ok {
		return false
	}
	_, _, isName := personName(l)
	return !isName
}

// sentenceFinal reports a line ending in a form that closes a spoken
// sentence: 「…思ってた」「…足元ですね」「…ちょろちょろっと」.
func sentenceFinal(l string) bool {
	return strings.ContainsRune("たすねよなわぞさ", lastRune(l)) || strings.HasSuffix(l, "っと")
}

// isHashtagLine reports a line of two or more hashtags: 「#円安 #日銀 #金融政策」.
func isHashtagLine(l string) bool {
	fields := strings.Fields(l)
	if len(fields) == 0 || len(l) > 400 {
		return false
	}
	tags := 0
	for k, f := range fields {
		if !strings.HasPrefix(f, "#") && !strings.HasPrefix(f, "＃") {
			// 「国際 #安全保障をみるプリズム」: a section's name may lead the tags.
			if tags > 0 || k > 1 || !isCategoryLabel(f) || strings.ContainsAny(f, "【】[]［］「」#＃") {
				return false
			}
			continue
		}
		if tags == 0 && k > 0 && strings.ContainsAny(f, "】]］」") {
			return false // 「【北東Cast #006】…」 numbers an episode
		}
		// 「#安全保障#北朝鮮」: tags may be run together.
		for _, t := range strings.FieldsFunc(f, func(r rune) bool { return r == '#' || r == '＃' }) {
			if runeLen(t) < 1 || runeLen(t) > 30 {
				return false
			}
			tags++
		}
	}
	return tags >= 2 || tags == 1 && len(fields) >= 2
}

// Summaries: a document site opens its page with the document's first
// words run together as a description (「第 5 章対北朝鮮政策 第 5 章対北朝
// 鮮政策 下平幸二 -63- はじめに朝鮮半島における 分断国家 の一翼を…」).
const (
	minSummaryLen   = 60 // code points: shorter lines are titles, labels
	summaryShingle  = 6  // code points compared at a time
	summaryOverlap  = 70 // percent of the line found again below it
	maxSummaryLines = 12 // non-blank lines from the top where one stands
)

// dropSummaries removes a line near the top, with no sentence end, whose
// words the text below repeats: it is a description of the document, not
// part of it. Spaces and punctuation are left out of the comparison, which
// the description drops.
func (p *page) dropSummaries() {
	var norm []string // each line's letters and digits, built at the first candidate
	seen := 0
	for i, l := range p.lines {
		if l == "" {
			continue
		}
		if seen++; seen > maxSummaryLines || isProse(l) {
			return // a description stands above the document's first sentence
		}
		if !longerThan(l, minSummaryLen) || strings.Contains(l, "。") || isCaption(l) {
			continue
		}
		if norm == nil {
			norm = make([]string, len(p.lines))
			for k, line := range p.lines {
				norm[k] = normalisedText([]string{line})
			}
		}
		if repeatedBelow(norm[i], strings.Join(norm[i+1:], "")) {
			p.remove(i, reasonRepeated)
		}
	}
}

// normalisedText joins lines keeping only letters and digits.
func normalisedText(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		for _, r := range l {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// repeatedBelow reports whether most shingles of line occur in below.
func repeatedBelow(line, below string) bool {
	rs := []rune(line)
	if len(rs) < 2*summaryShingle {
		return false
	}
	found, total := 0, 0
	for k := 0; k+summaryShingle <= len(rs); k += summaryShingle {
		total++
		if strings.Contains(below, string(rs[k:k+summaryShingle])) {
			found++
		}
	}
	return found*100 >= summaryOverlap*total
}

// isRelatedLink reports a line in a list of related articles: a headline
// (no full stop), perhaps with the outlet and time it was published.
func isRelatedLink(l string) bool {
	n := runeLen(l)
	// A teaser is cut short of its last full stop: 「…演習を実施した。これに対し、…強く反発」.
	return n <= 80 && !strings.Contains(l, "。") || n <= 200 && !isTerminal(lastRune(l))
}

var rePageSuffix = regexp.MustCompile(`^\s*[(（]?\s*[0-9０-９]+\s*(?:ページ目|頁目|/\s*[0-9]+)\s*[)）]?\s*$`)

// dropContinuedTitles removes 「Title（2ページ目）」: the title line of a
// later page of the same article.
func (p *page) dropContinuedTitles() {
	var first []string
	for i, l := range p.lines {
		if l == "" {
			continue
		}
		for _, t := range first {
			if rest, ok := strings.CutPrefix(l, t); ok && rePageSuffix.MatchString(rest) {
				p.remove(i, reasonRepeated)
				break
			}
		}
		if p.lines[i] != "" && len(first) < 12 && len(l) >= 8 && !longerThan(l, 80) && runeLen(l) >= 8 && !strings.Contains(l, "。") {
			first = append(first, l)
		}
	}
}

// isSpeakerLabel reports a dialogue's speaker label on a line of its own:
// a person's name, or the question and answer labels of a press
// conference's transcript (「Question」「Answer」「質問」「回答」).
func isSpeakerLabel(l string) bool {
	_, _, ok := speakerLabel(l)
	return ok
}

// speakerLabel reads a speaker's label once: the name or role it gives
// (the label without its marks), whether its marks name a role
// (「【知事】」「記者)」: a transcript's speaker even when speaking once),
// and whether l is a speaker's label at all.
func speakerLabel(l string) (name string, role, ok bool) {
	name = l
	inner, marked := labelMarks(l)
	if marked {
		name = inner
		role = roleLabels[inner] || qaLabels[inner]
	}
	if qaLabels[l] {
		return name, role, true
	}
	if marked {
		// 「記者)」「【知事】」: a transcript's speaker, by role or name.
		if role || honorificName(inner) {
			return name, role, true
		}
	}
	_, _, ok = personName(name)
	return name, role, ok
}

// roleLabels name a transcript's speakers by their role.
var roleLabels = setOf("記者", "大臣", "副大臣", "知事", "副知事", "市長", "町長", "村長", "区長", "長官", "官房長官", "総理", "首相", "司会", "司会者", "幹事社", "質問者", "議長", "委員長", "会長", "社長", "理事長", "学長")

// labelMarks returns the name or role in a speaker's label closed by a
// bracket or set in lenticular brackets: 「記者)」「【知事】」.
func labelMarks(l string) (string, bool) {
	if longerThan(l, 14) {
		return "", false
	}
	for _, colon := range []string{":", "："} {
		if inner, ok := strings.CutSuffix(l, colon); ok && inner != "" && !strings.ContainsAny(inner, ":：") {
			inner = strings.TrimSpace(inner)
			if honorificName(inner) {
				return inner, true // 「小鳥居先生:」 over the answer
			}
			return inner, roleLabels[inner] || qaLabels[inner]
		}
	}
	if inner, ok := strings.CutSuffix(l, ")"); ok && !strings.ContainsAny(inner, "()（）") {
		return strings.TrimSpace(inner), inner != ""
	}
	if inner, ok := strings.CutSuffix(l, "）"); ok && !strings.ContainsAny(inner, "()（）") {
		return strings.TrimSpace(inner), inner != ""
	}
	if strings.HasPrefix(l, "【") && strings.HasSuffix(l, "】") && strings.Count(l, "【") == 1 {
		return strings.TrimSpace(l[len("【") : len(l)-len("】")]), true
	}
	return "", false
}

var qaLabels = setOf("Question", "Answer", "QUESTION", "ANSWER", "Q", "A", "Q.", "A.", "質問", "回答", "問", "答")

// repairHeader mends two shapes of a copied page's top, above its first
// sentence: a navigation trail fused to the headline it leads to
// (「ホームニュース「…」」 above 「「…」」), and an image's credit on a line
// of its own below the image's short caption (「ヘルソン州」 /
// 「WOLFGANG SCHWAN-ANADOLU AGENCY/GETTY IMAGES」), which joins it.
func (p *page) repairHeader() {
	prev := -1
	for i, l := range p.lines {
		if l == "" {
			continue
		}
		if isProse(l) {
			return
		}
		if n := nextNonBlank(p.lines, i+1); n >= 0 && len(l) > len(p.lines[n]) && runeLen(p.lines[n]) >= 8 &&
			strings.HasSuffix(l, p.lines[n]) && trailPrefix(strings.TrimSuffix(l, p.lines[n])) && titleSite(l) != p.lines[n] {
			// (「POST | BLOG」 above 「BLOG」 is the title bar, not a trail.)
			p.remove(i, reasonChrome)
			continue
		}
		if prev >= 0 && creditOnly(l) && !longerThan(p.lines[prev], 30) && !strings.Contains(p.lines[prev], "。") && !isCaption(p.lines[prev]) && !creditOnly(p.lines[prev]) {
			if _, isDate := dateLine(p.lines[prev]); !isDate {
				if _, byline := bylineOf(p.lines[prev]); !byline {
					p.lines[prev] += " " + l
					p.lines[i] = ""
					continue
				}
			}
		}
		prev = i
	}
}

// creditOnly reports a line that is nothing but a photo credit in Latin
// capitals: 「WOLFGANG SCHWANーANADOLU AGENCY/GETTY IMAGES」.
func creditOnly(l string) bool {
	if l == "" || l[0] < 'A' || l[0] > 'Z' {
		return false
	}
	m := reLatinCredit.FindStringSubmatch(l)
	return m != nil && strings.TrimSpace(m[1]) == l
}

// summaryLabels head a machine-written summary an aggregator puts above
// the article (「AI要約」): its lines repeat the text in short.
var summaryLabels = setOf("AI要約", "AIによる要約", "AI要約（β）", "AI要約(β)", "3行要約", "三行要約", "この記事の要約")

// maxSummaryItems bounds the sentences of such a summary.
const maxSummaryItems = 5

// dropMachineSummary removes a summary label in the top lines and the
// one-sentence lines under it, which are no part of the article.
func (p *page) dropMachineSummary() {
	for i, l := range p.lines {
		if i > maxZoneLines*2 {
			return
		}
		if !summaryLabels[l] {
			continue
		}
		p.remove(i, reasonSummary)
		for j, n := i+1, 0; j < len(p.lines) && n < maxSummaryItems; j++ {
			s := p.lines[j]
			if s == "" {
				continue
			}
			if longerThan(s, 80) || strings.Count(s, "。") != 1 || lastRune(s) != '。' {
				return
			}
			p.remove(j, reasonSummary)
			n++
		}
		return
	}
}

// dropRepeatedTitle removes the title printed again below the header, as
// the post's own headline under a title bar (「POST | BLOG」 … 「POST」).
func (p *page) dropRepeatedTitle(title string, from int) {
	for i := from; i < len(p.lines); i++ {
		if p.lines[i] == title {
			p.remove(i, reasonRepeated)
		}
	}
}

// paywallPlanLine reports a short line of a paywall's offer below its
// notice: a plan's name, a price, a term, a separator. A source, a date,
// a sentence or a name (the writer's, over a bio) ends the offer.
func paywallPlanLine(l string) bool {
	if longerThan(l, 30) || strings.Contains(l, "。") || reSourceIssue.MatchString(l) || reSourceLine.MatchString(l) {
		return false
	}
	if _, dated := dateLine(l); dated {
		return false
	}
	return containsDigit(l) || containsAny(l, "プラン", "コース", "円", "会員", "登録", "購読") || strings.Trim(l, "-–—―ー ") == ""
}

// reGalleryCount is a photo gallery's count under its captions: 「3枚」.
var reGalleryCount = regexp.MustCompile(`^(?:全\s*)?[0-9０-９]{1,3}\s*枚$`)

// markPrintedTwice records line i as a caption printed twice (or one
// that counts as such: see printedTwice).
func (p *page) markPrintedTwice(i int) {
	if p.printedTwice == nil {
		p.printedTwice = map[int]bool{}
	}
	p.printedTwice[i] = true
}

// galleryCaptions marks the captions of a photo gallery and the captions
// printed twice on one line. A gallery's captions stand one a line right
// above its count (「4回、先制2ランを…」「5回、…」「3枚」); an image's
// description printed as its alternative text and as its caption may be
// copied onto one line (「日本銀行本店=東京都中央区  日本銀行本店=東京都中央区」).
func (p *page) galleryCaptions() {
	if !p.web {
		return
	}
	for i, l := range p.lines {
		if l == "" {
			continue
		}
		if half, ok := doubled(l); ok && printedTwiceCaption(half) {
			p.lines[i] = half
			p.markPrintedTwice(i)
			continue
		}
		if !strings.HasSuffix(l, "枚") || !reGalleryCount.MatchString(l) {
			continue
		}
		for j := i - 1; j >= 0 && j >= i-8; j-- {
			c := p.lines[j]
			if c == "" || strings.Contains(c, "。") || longerThan(c, 80) {
				break
			}
			p.markPrintedTwice(j)
		}
	}
}

// doubled returns the half of a line made of one text twice, set apart
// by spaces.
func doubled(l string) (string, bool) {
	if len(l) > 600 || !strings.Contains(l, "  ") {
		return "", false
	}
	fields := strings.Fields(l)
	if len(fields)%2 != 0 {
		return "", false
	}
	a, b := strings.Join(fields[:len(fields)/2], " "), strings.Join(fields[len(fields)/2:], " ")
	if a != b || runeLen(a) < 4 {
		return "", false
	}
	return a, true
}

// dropTagRun takes the tags a page lists one a line right below its date
// lines (「2022-07-30T10:29+0900」 over 「ロシア」「クリル諸島」「露日関係」):
// three or more single words with no blank line between them.
func (p *page) dropTagRun() {
	for i := 0; i+1 < len(p.lines) && i < 40; i++ {
		if p.lines[i] == "" || !tagWord(p.lines[i+1]) || !isDateOnlyLine(p.lines[i]) {
			continue
		}
		end := i + 1
		for end < len(p.lines) && end-i <= 12 && tagWord(p.lines[end]) {
			end++
		}
		if end-i-1 < 3 {
			continue
		}
		for k := i + 1; k < end; k++ {
			p.keywords = append(p.keywords, p.lines[k])
			p.remove(k, reasonTags)
		}
		return
	}
}

// tagWord reports a line that can be one tag of such a list: a word or a
// name, no phrase, date or heading number.
func tagWord(l string) bool {
	if l == "" || longerThan(l, 16) || strings.ContainsAny(l, " 　。、，,「」『』()（）:：!！?？") || containsDigit(l) {
		return false
	}
	return strings.ContainsFunc(l, unicode.IsLetter)
}

// proseBelow reports a line of prose below line i.
func proseBelow(lines []string, i int) bool {
	for _, l := range lines[i+1:] {
		if l != "" && isProse(l) {
			return true
		}
	}
	return false
}

// listItem reports an item of a list set off by a dash or a bullet and a
// space: 「- 記者数/15名」「• 開票速報はこちら」.
func listItem(l string) bool { return strings.HasPrefix(l, "- ") || strings.HasPrefix(l, "• ") }

// isBulleted reports a line of a bulleted list: 「• 開票速報はこちら」.
func isBulleted(l string) bool { return strings.HasPrefix(l, "• ") || strings.HasPrefix(l, "・") }

// trailPrefix reports the navigation before a headline it leads to: a
// short one (「ホームニュース」), or a longer trail closed by its separator
// (「トップアジア諸国の情報をさがす刊行物>」).
func trailPrefix(s string) bool {
	return !longerThan(s, 12) || !longerThan(s, 60) && strings.ContainsRune(">＞›»", lastRune(s))
}

// pointsUp reports a short line that opens with an arrow pointing at the
// image above it: 「↑記念写真」「▲会見する市長」.
func pointsUp(l string) bool {
	return (strings.HasPrefix(l, "↑") || strings.HasPrefix(l, "▲")) && !longerThan(l, 80)
}

// imageAbove reports whether the last line removed at or before source
// line n was an image's file name.
func imageAbove(removed []doc.RemovedLine, n int) bool {
	for k := len(removed) - 1; k >= 0; k-- {
		if removed[k].Line <= n {
			return removed[k].Line == n && removed[k].Reason == reasonImage
		}
	}
	return false
}

// honorificName reports a name with an honorific: 「小鳥居先生」「森田さん」.
func honorificName(s string) bool {
	for _, h := range []string{"先生", "さん", "氏", "教授", "記者"} {
		if stem, ok := strings.CutSuffix(s, h); ok && shortJapaneseName(stem) {
			return true
		}
	}
	return false
}

// dropTrailingLinkList removes a bulleted list of links closing a page
// below its last sentence, without a heading of its own: 「• 首相「…」」
// 「• 首脳共同声明「…」」, teasers of other articles (only the publisher's
// lines may follow them).
func (p *page) dropTrailingLinkList() {
	end := len(p.lines)
	for end > 0 {
		l := p.lines[end-1]
		if l == "" || isBoilerplate(l) || reDisclaimer.MatchString(l) {
			end--
			continue
		}
		break
	}
	start := end
	for start > 0 {
		l := p.lines[start-1]
		if l == "" && start < end {
			start--
			continue
		}
		if l == "" || !isBulleted(l) || !isRelatedLink(trimBullet(l)) {
			break
		}
		start--
	}
	for start < end && p.lines[start] == "" {
		start++
	}
	items := 0
	for i := start; i < end; i++ {
		if p.lines[i] != "" {
			items++
		}
	}
	prose := prevNonBlank(p.lines, start-1)
	if items < 2 || prose < 0 || isBulleted(p.lines[prose]) || !isTerminal(lastRune(p.lines[prose])) {
		return
	}
	for i := start; i < end; i++ {
		p.remove(i, reasonRelated)
	}
}

// prevNonBlank returns the index of the last non-blank line at or before i,
// or -1.
func prevNonBlank(lines []string, i int) int {
	for ; i >= 0; i-- {
		if lines[i] != "" {
			return i
		}
	}
	return -1
}

// minMenuItems is how many short bulleted items in a row make a menu.
const minMenuItems = 4

// dropMenuRuns removes a site's menus above the text: runs of bulleted
// items, each a word or two without punctuation (「• 音声読み上げ・文字拡大」
// 「• English」「• くらし・手続き」), before the first paragraph of prose.
// A list the author writes comes with the text, or reads as sentences.
func (p *page) dropMenuRuns() {
	var run []int
	flush := func() {
		if len(run) >= minMenuItems {
			for _, i := range run {
				p.remove(i, reasonChrome)
			}
		}
		run = run[:0]
	}
	for i, l := range p.lines {
		if l == "" {
			continue
		}
		if isProse(l) && runeLen(l) >= 40 {
			break
		}
		if item := trimBullet(l); item != l && !longerThan(item, 20) && !strings.ContainsAny(item, "。、") {
			run = append(run, i)
			continue
		}
		flush()
	}
	flush()
}

// reTrailItem is an item of a numbered or bulleted list: its text.
var reTrailItem = regexp.MustCompile(`^(?:[0-9]{1,2}[.．]|[•・>＞])\s*(\S.*)$`)

// dropTrail removes a trail of the site's pages copied as a list above
// the headline (「1. 協会トップページ」「2. すべてのヘッドライン」「3. HEADLINE」
// over HEADLINE): its last item repeats the line below it.
func (p *page) dropTrail() {
	var run []int
	for i, l := range p.lines {
		if l == "" {
			continue
		}
		m := reTrailItem.FindStringSubmatch(l)
		if m == nil {
			if len(run) >= 2 && reTrailItem.FindStringSubmatch(p.lines[run[len(run)-1]])[1] == l {
				for _, j := range run {
					p.remove(j, reasonChrome)
				}
			}
			return
		}
		if run = append(run, i); len(run) > 6 {
			return
		}
	}
}

// linkCard reports the card a related-articles label sits on, the
// linked page's headline and its opening run on after a space
// (「ChatGPTとは?わかりやすく簡単に解説!… 近年、ビジネスシーンでも…」):
// a headline with no full stop, then the teaser.
func linkCard(l string) bool {
	k := strings.IndexAny(l, " \u3000")
	if k <= 0 {
		return false
	}
	head := l[:k]
	return runeLen(head) >= 8 && !longerThan(head, 60) && !strings.Contains(head, "。") && !strings.Contains(head, "、") && longerThan(l[k:], 20)
}

// proseLine reports a line that reads as prose: it holds a comma or a
// full stop and is no item of a list.
func proseLine(line string) bool {
	return containsAny(line, "、", "。") && !listItem(line)
}

// reViewButton is a button the page sets after a caption, which the copy
// runs onto its line: 「…演説を行う菅首相(写真:時事通信) 画像を見る」.
var reViewButton = regexp.MustCompile(`[ \x{3000}]+((?:画像|写真|動画)を(?:見る|拡大|すべて見る)|拡大)$`)

// cutViewButton takes the button off the end of line i and lists it,
// leaving the caption before it; a line that is no caption keeps it.
func (p *page) cutViewButton(i int, l string) string {
	m := reViewButton.FindStringSubmatchIndex(l)
	if m == nil || m[0] == 0 || !isCaption(l[:m[0]]) {
		return l // (「文字サイズ 標準 拡大」 is the page's controls, no caption's)
	}
	p.removed = append(p.removed, doc.RemovedLine{Line: p.lineNo(i), Text: l[m[2]:m[3]], Reason: reasonChrome})
	p.lines[i] = l[:m[0]]
	return p.lines[i]
}
