package parse

import (
	"regexp"
	"strings"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// parseTrailer reads the metadata at the end of the document, from the
// bottom up: a press release's contact block, keyword lines, the outlet
// and end bylines, publisher boilerplate, a profile block or a reporter's
// bio, the series number and date. It returns where the trailer starts;
// the body ends there.
func parseTrailer(p *page, bodyStart int) (meta, int) {
	lines := p.lines
	var m meta
	end := len(lines)
	for end > bodyStart && lines[end-1] == "" {
		end--
	}
	if c := contactHeading(lines, bodyStart, end); c >= 0 {
		for i := c; i < end; i++ {
			m.dropBoilerplate(p, i)
		}
		end = c
	}
	if a, ok := writerBelowCut(p, end); ok {
		m.authors = append(m.authors, a)
	}
	end = m.endLines(p, bodyStart, end)
	if p.web {
		if e := trailingFurniture(p, bodyStart, end); e < end {
			end = m.endLines(p, bodyStart, e)
		}
	}
	start := end
	pr, sidebar := profileStart(lines, bodyStart, end)
	if sidebar >= 0 {
		p.remove(sidebar, reasonChrome)
	}
	if pr >= 0 {
		block := lines[pr+1 : end]
		for k, line := range block {
			if isBoilerplate(line) {
				for i := pr + 1 + k; i < end; i++ {
					m.dropBoilerplate(p, i)
				}
				block = block[:k]
				break
			}
		}
		m.profiled, m.profileLines = profile(block), [2]int{pr + 1, pr + 1 + len(block)}
		p.remove(pr, reasonMark)
		start = pr
	} else if n := bioStart(lines, bodyStart, end); n >= 0 {
		m.profiled, m.profileLines = profile(lines[n:end]), [2]int{n, end}
		start = n
	}
	// Boilerplate, the series line and the date just before the block.
	for start > bodyStart {
		line := lines[start-1]
		source := sourceLabel(line)
		switch {
		case line == "":
		case isBoilerplate(line) && !(p.web && isBareURL(line) && !boilerplateAbove(lines, start-1, bodyStart)),
			contactOrganisation(lines, start-1, bodyStart):
			m.dropBoilerplate(p, start-1)
		case source != "":
			// 「source : 週刊文春」: the magazine the page comes from.
			if m.publisher == nil {
				m.publisher = ptr(source)
			}
			p.remove(start-1, reasonMetadata)
		case moreByAuthor(line) != "" && len(m.authors) == 0:
			// 「渋谷陽一の「社長はつらいよ」の最新記事」: the link to the
			// writer's other posts names the writer.
			m.authors = append(m.authors, doc.Author{Name: moreByAuthor(line)})
			p.remove(start-1, reasonMetadata)
		case isSeriesNumberLine(line):
			series, number, date, _, _ := seriesLine(line)
			m.seriesNumber = ptr(number)
			m.series = ptrOrNil(series)
			if date != "" {
				m.publishedOn = ptr(date)
			}
			if j := seriesNameBefore(lines, start-1, bodyStart); m.series == nil && j >= 0 {
				m.series = ptr(lines[j])
				start = j + 1 // the name line joins the trailer below
			}
		default:
			if dates, ok := dateLine(line); ok && !postedBy(lines, start-1) {
				m.addDates(dates)
				break
			}
			return m, start
		}
		start--
	}
	return m, start
}

// writerBelowCut returns the writer a paywalled page names below its
// paywall notice: a name alone on its line with the writer's career
// under it (「及川正也」「1988年入社。水戸支局を経て…」), among the links
// and rankings the page adds there.
func writerBelowCut(p *page, end int) (doc.Author, bool) {
	if p.cutAt < 0 {
		return doc.Author{}, false
	}
	for i := p.cutAt + 1; i < end; i++ {
		l := p.lines[i]
		if l == "" || longerThan(l, 20) {
			continue
		}
		next := nextNonBlank(p.lines, i+1)
		if next < 0 || next >= end || !bioLine(p.lines[next]) {
			continue
		}
		if name, reading, ok := personName(l); ok {
			return docAuthor(name, reading), true
		}
	}
	return doc.Author{}, false
}

// reSourceLabel names the publication a page comes from, without an issue.
var reSourceLabel = regexp.MustCompile(`^(?i:source)\s*[:：]\s*([^\s:：。].{0,30})$`)

// sourceLabel returns the publication a 「source : NAME」 line names, or "".
func sourceLabel(line string) string {
	if len(line) < 6 || !strings.EqualFold(line[:6], "source") {
		return ""
	}
	if sm := reSourceLabel.FindStringSubmatch(line); sm != nil {
		return strings.TrimSpace(sm[1])
	}
	return ""
}

// boilerplateAbove reports whether the line before i is boilerplate: a
// site's address closing a contact block is, a link closing a web text is
// the author's.
func boilerplateAbove(lines []string, i, from int) bool {
	j := nonBlankBefore(lines, from, i)
	return j >= 0 && isBoilerplate(lines[j])
}

// maxFurnitureLines bounds the run of lines trailingFurniture removes.
const maxFurnitureLines = 8

// trailingFurniture removes what a web page shows below an article's last
// sentence that is neither its text nor its metadata: an advertisement's
// headline, a magazine's promotion (「ニューズウィーク日本版 …」「※画像を
// クリックすると」), a widget's label. They are short lines with no
// sentence, after the sentence that closes the text. Bylines, dates, tag
// lists, captions, sources and profiles stop the run: they are the
// trailer's. It returns where the text now ends.
func trailingFurniture(p *page, from, end int) int {
	lines := p.lines
	var run []int
	i := end
	cut := false // the text above the run is a teaser cut short
	for {
		j := nonBlankBefore(lines, from, i)
		if j < 0 {
			return end
		}
		l := lines[j]
		if label := bracketedLabel(l) || angledButton(l) || isBareURL(l) && !longerThan(l, 200); !label && (isTerminal(lastRune(l)) || !furnitureShape(l)) || longerThan(l, 80) && !label {
			if len(run) == 0 || !isProse(l) && !strings.HasSuffix(l, "」") && !strings.HasSuffix(l, "…") {
				return end
			}
			cut = cutTeaser(l)
			break
		}
		if run = append(run, j); len(run) > maxFurnitureLines {
			return end
		}
		i = j
	}
	if len(run) < 2 && !cut && !backLink(lines[run[0]]) && (chromeBelow(p, run[0]) < 3 || isBareURL(lines[run[0]])) {
		// One short line after the last sentence is as often the
		// article's last subheading before a paywall as a widget's,
		// unless a page's navigation follows it (「野球スコア速報」 over
		// 「関連ニュース」「主要ニュース」…).
		return end
	}
	for _, j := range run {
		p.remove(j, reasonChrome)
	}
	return run[len(run)-1]
}

// backLink reports a link back to the site's section on the last line of
// a page: 「ロシア連邦へ戻る」「報道発表に戻る」.
func backLink(l string) bool {
	return !longerThan(l, 20) && !strings.ContainsAny(l, " 　、。") && (strings.HasSuffix(l, "へ戻る") || strings.HasSuffix(l, "に戻る"))
}

// cutTeaser reports a paragraph cut short by the page (「…新型コロナ...」):
// a sentence broken off before an ellipsis. The article ends there, and a
// short line below it is the page's, not the article's last subheading.
func cutTeaser(l string) bool {
	for _, mark := range []string{"...", "…"} {
		if rest, ok := strings.CutSuffix(l, mark); ok {
			return runeLen(rest) >= 40 && !isTerminal(lastRune(rest)) && !strings.HasSuffix(rest, "…")
		}
	}
	return false
}

// chromeBelow counts the chrome and related-link lines removed below
// line i.
func chromeBelow(p *page, i int) int {
	n, at := 0, p.lineNo(i)
	for _, r := range p.removed {
		if r.Line > at && (r.Reason == reasonChrome || r.Reason == reasonRelated || r.Reason == reasonShare) {
			n++
		}
	}
	return n
}

// tagShape reports a word that can be a tag: a noun, not a text cut off
// (「直通運転は…」), a link's verb (「時系列で見る」) or a bracketed label.
func tagShape(l string) bool {
	r := lastRune(l)
	return r != '…' && !strings.HasSuffix(l, "...") && !(r >= 'ぁ' && r <= 'ゖ') && !bracketedLabel(l)
}

// bracketedLabel reports a short label in brackets standing alone: a
// feature's name over its links (「【ウクライナ侵攻】」).
func bracketedLabel(l string) bool {
	return strings.HasPrefix(l, "【") && strings.HasSuffix(l, "】") && strings.Count(l, "【") == 1 && !longerThan(l, 24)
}

// angledButton reports a button's label in angle brackets, such as a
// survey's prompt below the text (「<この記事についてアンケートにご協力ください。>」).
func angledButton(l string) bool {
	return (strings.HasPrefix(l, "<") || strings.HasPrefix(l, "＜")) && (strings.HasSuffix(l, ">") || strings.HasSuffix(l, "＞")) &&
		!longerThan(l, 60) && strings.Count(l, "<")+strings.Count(l, "＜") == 1
}

// furnitureShape reports a short line that is none of what closes an
// article: not a byline, date, list, caption, source, name or position.
func furnitureShape(l string) bool {
	if isCaption(l) || isProfileHeading(l) || isEndMark(l) || hasTitleWord(l) || isProse(l) {
		return false // (a line holding a sentence, 「…クリックしてほしい。…(https://…」, is the text's)
	}
	if runeLen(l) >= 12 && (sentenceFinal(l) || politeEnding(l)) || endsWithComma(l) {
		return false // a casual sentence written without its full stop is text, and a clause going on (「…の性格とか、」) too
	}
	if _, ok := dateLine(l); ok {
		return false
	}
	if _, _, ok := labelledList(l); ok {
		return false
	}
	if _, ok := tokenLine(l); ok {
		return false
	}
	if reSourceLine.MatchString(l) || reSourceIssue.MatchString(l) || reKeywordHeading.MatchString(l) {
		return false
	}
	_, byline := bylineOf(l)
	return !byline
}

// dropBoilerplate removes a boilerplate line, keeping the publisher it
// names.
func (m *meta) dropBoilerplate(p *page, i int) {
	if p.lines[i] == "" {
		return
	}
	if pub, ok := publisherIn(p.lines[i]); ok && m.publisher == nil {
		m.publisher = ptr(pub)
	}
	p.remove(i, reasonBoilerplate)
}

var (
	// Headings of the publisher's contact or company block that closes a
	// press release: everything below is boilerplate.
	reContactHeading = regexp.MustCompile(`^[<＜【\[［■●◆]?\s*(?:会社概要|団体概要|法人概要|組織概要|本件に関する(?:お)?問い?合わせ(?:先)?|報道関係者(?:の|様)?(?:からの)?(?:お)?問い?合わせ(?:先)?|(?:お)?問い?合わせ(?:先)?|取材のお申し込み)\s*[>＞】\]］]?\s*[:：]?$`)
	// The outlet that distributed an article, alone on its last line:
	// 「(北東テレビ)」「（ニュース提供元:時事通信社）」「北東テレビ」.
	reSourceLine = regexp.MustCompile(`^[(（]\s*(?:(?:ニュース)?提供元?\s*[:：]\s*)?([^()（）。、]{2,24})\s*[)）]$|^([^\s()（）。、]{2,16}(?:テレビ|放送|新聞|通信|通信社|ニュース|NEWS|TV|ジャパン|日本版|日本語版))$`)
	// The magazine and issue an article first appeared in:
	// 「source : 週刊文春 2023年9月28日号」「（初出：月刊北東 2024年4月号）」.
	reSourceIssue = regexp.MustCompile(`^(?:※|[(（]?\s*(?:(?i:source)|出典|初出|掲載誌?)\s*[:：])\s*(.{2,30}?)\s*([0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月(?:\s*[0-9０-９]{1,2}\s*日)?\s*号)\s*(?:掲載)?\s*[)）]?$`)
	// A label over a list of keywords, one a line: 「関連キーワード」「タグ」.
	reKeywordHeading = regexp.MustCompile(`^(?:関連キーワード|キーワード|タグ|Tags?|関連タグ)\s*[:：]?$`)
)

// contactHeading returns the line of a contact or company block in the
// second half of the text, or -1.
func contactHeading(lines []string, from, to int) int {
	for i := max(from, (from+to)/2); i < to; i++ {
		if l := lines[i]; l != "" && len(l) <= 80 && reContactHeading.MatchString(l) {
			return i
		}
	}
	return -1
}

// endLines reads what closes an article below its text, from the bottom
// up: keyword lists (labelled, one a line, or on one line), the outlet that
// distributed it, and end bylines 「（文・NAME＝ROLE）」「（聞き手・構成：NAME）」.
// It returns where they start.
func (m *meta) endLines(p *page, from, end int) int {
	lines := p.lines
	for first := true; end > from; first = false {
		last := nonBlankBefore(lines, from, end)
		if last < 0 {
			return end
		}
		line := lines[last]
		if kind, items, ok := labelledList(line); ok {
			m.addList(kind, items)
		} else if d, ok := parenDateLine(line); ok {
			m.addDates([]datedAs{d})
			p.remove(last, reasonMetadata)
		} else if words := wordLines(lines, from, last+1); len(words) >= 2 {
			for _, i := range words {
				m.keywords = append(m.keywords, lines[i])
				p.remove(i, reasonTags)
			}
			last = words[0]
			if h := nonBlankBefore(lines, from, last); h >= 0 && reKeywordHeading.MatchString(lines[h]) {
				p.remove(h, reasonTags)
				last = h
			}
		} else if block := creditBlock(lines, from, last+1); len(block) >= 2 {
			// 「写真 NAME」「文 NAME」「編集 NAME(OUTLET)」 one a line: the
			// writer is the author; the others' credits leave the text.
			var writers []doc.Author
			for _, i := range block {
				if a, ok := writerCredit(lines[i]); ok {
					writers = append(writers, a)
				}
				p.remove(i, reasonMetadata)
			}
			m.authors = append(writers, m.authors...)
			last = block[0]
		} else if a, ok := endPost(line, p.web); ok {
			// 「編集長 古賀義章」: the writer's post and name closing the text.
			m.authors = append([]doc.Author{a}, m.authors...)
		} else if isBoilerplate(line) && !isBareURL(line) {
			m.dropBoilerplate(p, last) // 「Copyright (C) …」 below the outlet's name
		} else if fields, ok := tokenLine(line); ok && first {
			m.keywords = fields
		} else if dates, ok := dateLine(line); ok && len(m.authors) == 0 && !postedBy(lines, last) {
			m.addDates(dates) // 「2018年2月16日」 under the end byline
		} else if authors, ok := endByline(line); ok {
			m.authors = append(authors, m.authors...)
			m.interviewer = m.interviewer || isInterviewerLine(line)
		} else if reClosingDateline.MatchString(line) {
			// 「[ソウル/モスクワ 24日 ロイター]」: the wire's dateline, set last.
			p.remove(last, reasonMetadata)
		} else if sm := reSourceIssue.FindStringSubmatch(line); sm != nil {
			// 「source : 週刊文春 2023年9月28日号」: the magazine and its issue.
			if m.publisher == nil {
				m.publisher = ptr(strings.TrimSpace(sm[1]))
			}
			if dm, ok := findDateTime(sm[2]); ok && m.publishedOn == nil {
				m.addDates([]datedAs{{date: dm.date, month: dm.month}})
			}
		} else if sm := reSourceLine.FindStringSubmatch(line); sm != nil && !isCaption(line) && (!isSpeakerLabel(line) || isSiteName(line)) && !strings.Contains(line, "。") {
			if m.publisher == nil {
				m.publisher = ptr(sm[1] + sm[2])
			}
		} else {
			return end
		}
		end = last
	}
	return end
}

// reCreditRole is a role and a name as a page's closing credits give
// them, one a line: 「写真 NAME」「文＝NAME」「編集 NAME(OUTLET)」.
var reCreditRole = regexp.MustCompile(`^(取材・文|文・写真|写真・文|文|執筆|取材|構成|写真|撮影|編集|イラスト|デザイン|監修|Photo|Photos|Text|Edit|Illustration)(?:[\s\x{3000}]*[:：＝=/／][\s\x{3000}]*|[\s\x{3000}]+)(\S.{0,40})$`)

// creditBlock returns the lines of such credits that end at end, two or
// more in a row (blank lines between them allowed), or nil.
func creditBlock(lines []string, from, end int) []int {
	return runEndingAt(lines, from, end, func(l string) bool { return !longerThan(l, 50) && reCreditRole.MatchString(l) })
}

// writerCredit reads the writer's credit of such a block: 「文 大平一枝」
// (「写真 …」「編集 …」 credit no author).
func writerCredit(line string) (doc.Author, bool) {
	sm := reCreditRole.FindStringSubmatch(line)
	if sm == nil {
		return doc.Author{}, false
	}
	switch sm[1] {
	case "取材・文", "文・写真", "写真・文", "文", "執筆", "構成", "Text":
	default:
		return doc.Author{}, false
	}
	return oneAuthor(sm[2])
}

func (m *meta) addList(kind string, items []string) {
	if kind == "categories" {
		m.categories = append(m.categories, items...)
	} else {
		m.keywords = append(m.keywords, items...)
	}
}

// wordLines returns the run of one-word lines ending at the line before
// end: a tag list written one tag a line.
func wordLines(lines []string, from, end int) []int {
	return runEndingAt(lines, from, end, func(l string) bool { return isCategoryLabel(l) && !isSpeakerLabel(l) && tagShape(l) })
}

// runEndingAt returns the lines that fit, one after another (blank lines
// between them allowed), ending at the line before end.
func runEndingAt(lines []string, from, end int, fits func(string) bool) []int {
	var out []int
	for i := end - 1; i >= from; i-- {
		l := lines[i]
		if l == "" {
			continue
		}
		if !fits(l) {
			break
		}
		out = append([]int{i}, out...)
	}
	return out
}

// endPost reads the writer's post and name closing a web text:
// 「編集長 古賀義章」.
func endPost(line string, web bool) (doc.Author, bool) {
	if !web || longerThan(line, 30) || !strings.ContainsAny(line, " \u3000") {
		return doc.Author{}, false
	}
	return bylineWithPosition(line)
}

// reClosingDateline is a wire service's place, day and name in brackets
// after the text.
var reClosingDateline = regexp.MustCompile(`^[\[［][^\]］]{2,40}\s+[0-9０-９]{1,2}日\s+(?:ロイター|REUTERS|Reuters|AFP|AP|ブルームバーグ|Bloomberg)[\]］]$`)

// endByline reads a byline in brackets or after a label, as articles end
// with: 「（文・NAME＝ROLE）」「(取材・文/NAME)」「文・NAME」.
func endByline(line string) ([]doc.Author, bool) {
	if !reParenByline.MatchString(line) && !reByLabel.MatchString(line) && !closingDateline(line) && !reParenPositionName.MatchString(line) {
		// 「(古川泉)」: a regional paper signs the text with the name alone.
		if inner := unbracketed(line); inner != line {
			if name, reading, ok := personName(inner); ok {
				return []doc.Author{docAuthor(name, reading)}, true
			}
		}
		return nil, false
	}
	return bylineOf(line)
}

// closingDateline reports a reporter's dateline standing alone after the
// text, as some papers sign an article: 「【ソウル日下部元美】」「【北京＝林花子】」.
func closingDateline(line string) bool {
	m := reLeadBracket.FindString(line)
	return m != "" && len(m) == len(line)
}

// isInterviewerLine reports a byline that names an interviewer.
func isInterviewerLine(line string) bool {
	return containsAny(line, "聞き手", "インタビュアー", "取材・構成")
}

func nonBlankBefore(lines []string, from, end int) int {
	for i := end - 1; i >= from; i-- {
		if lines[i] != "" {
			return i
		}
	}
	return -1
}

// profileStart finds the last profile heading (PROFILE, <執筆者プロフィール>),
// or -1. A profile closes the text: a 「プロフィール」 label above more prose
// than a profile holds is a blog sidebar's, returned as sidebar.
func profileStart(lines []string, from, to int) (start, sidebar int) {
	for i := to - 1; i >= from; i-- {
		if !isProfileHeading(lines[i]) {
			continue
		}
		prose := 0
		for _, l := range lines[i+1 : to] {
			if isProse(l) {
				prose++
			}
		}
		if prose > maxProfileProse || proseAfterBoilerplate(lines[i+1:to]) {
			return -1, i
		}
		return i, -1
	}
	return -1, -1
}

// proseAfterBoilerplate reports prose below a boilerplate line (a feed's
// address, a copyright): the boilerplate closes a sidebar, not the text.
func proseAfterBoilerplate(block []string) bool {
	seen := false
	for _, l := range block {
		switch {
		case isBoilerplate(l):
			seen = true
		case seen && isProse(l):
			return true
		}
	}
	return false
}

// maxProfileProse bounds the lines of prose a closing profile block holds
// (a few authors, a paragraph each).
const maxProfileProse = 6

// bioStart finds a reporter's bio closing the document: a name line, then
// only lines about that person, the first stating a role (記者, 研究員 …).
func bioStart(lines []string, from, to int) int {
	for n := to - 2; n >= from && n >= to-8; n-- {
		if _, _, ok := personName(strings.TrimLeft(lines[n], bioGlyphs)); !ok {
			continue
		}
		first := ""
		for _, l := range lines[n+1 : to] {
			if l != "" {
				first = l
				break
			}
		}
		sentence, _, _ := strings.Cut(first, "。")
		if first != "" && (roleWords.MatchString(sentence) || reBorn.MatchString(sentence)) && runeLen(sentence) <= 40 && isTerminal(lastRune(first)) {
			return n // 「▼岸本勉(きしもと・つとむ)」 over 「1969年生まれ、東京都出身。」
		}
	}
	return -1
}

// bioGlyphs mark a bio's name line: 「▼岸本勉(きしもと・つとむ)」.
const bioGlyphs = "▼▽◆◇■□●○"

// reBorn opens a bio with the year or the place of birth: 「1969年生まれ」
// 「東京都出身」.
var reBorn = regexp.MustCompile(`^(?:[0-9０-９]{4}年|昭和|平成)\S{0,16}生まれ|^\S{2,10}(?:都|道|府|県|市)(?:生まれ|出身)`)

// isSeriesNumberLine reports 「第 406 号 2025 年 11 月 7 日」 or a line naming
// a series and its number.
func isSeriesNumberLine(line string) bool {
	_, _, _, rest, ok := seriesLine(line)
	return ok && rest == ""
}

// seriesNameBefore returns the index of the short line just before the
// number line at i, such as 「NIDSコメンタリー」, or -1.
func seriesNameBefore(lines []string, i, from int) int {
	for j := i - 1; j >= from; j-- {
		if lines[j] == "" {
			continue
		}
		l := lines[j]
		if runeLen(l) <= 30 && !isTerminal(lastRune(l)) && !containsAny(l, "。", "、") && !isBoilerplate(l) {
			return j
		}
		return -1
	}
	return -1
}

// contactOrganisation reports the department line of a contact block
// (「防衛研究所企画部企画調整課」): a short line right after a disclaimer.
func contactOrganisation(lines []string, i, from int) bool {
	l := lines[i]
	if runeLen(l) > 30 || isTerminal(lastRune(l)) || containsAny(l, "。", "、") {
		return false
	}
	for j := i - 1; j >= from; j-- {
		if lines[j] != "" {
			return reDisclaimer.MatchString(lines[j])
		}
	}
	return false
}

// reMoreBy is a link to a writer's other posts: 「NAMEの最新記事」
// 「NAMEの「BLOG」の記事一覧」.
var reMoreBy = regexp.MustCompile(`^(\S{2,12}?)の(?:[「『][^」』]{1,30}[」』]の)?(?:最新記事|記事一覧|新着記事|過去の記事|その他の記事)(?:一覧)?$`)

// moreByAuthor returns the writer such a link names, or "".
func moreByAuthor(line string) string {
	if !strings.Contains(line, "記事") {
		return ""
	}
	sm := reMoreBy.FindStringSubmatch(line)
	if sm == nil {
		return ""
	}
	if name, _, ok := personName(sm[1]); ok && !honoured(name) {
		return name
	}
	return ""
}
