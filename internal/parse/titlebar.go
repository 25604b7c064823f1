package parse

import (
	"strings"
)

// A headline may hold a full stop (「…写真とは。編集者が…ポイント」「…が
// 行われました。」), which would make it read as the first line of prose
// and end the header zone above it. Its place tells it apart from the
// lead: a page's title bar names the site after a bar, a headline stands
// right above its date, or a series label closes it.

// maxStopHeadline bounds, in characters, a headline with a full stop.
const maxStopHeadline = 90

// stopHeadline reports a line at i that holds a full stop and yet is a
// headline by its place or its form (see above).
func stopHeadline(lines []string, i int) bool {
	l := lines[i]
	if longerThan(l, maxStopHeadline) || strings.Count(l, "。") > 2 || hasNoteMarker(l) {
		return false
	}
	if _, ok := titleBar(l); ok {
		return true
	}
	if strings.HasSuffix(l, "】") && reSeriesAfterTitle.MatchString(l) {
		return true // 「…全員「できる人」。…編集長【編集者の時代 第5回】」
	}
	return aboveOwnDate(lines, i)
}

// aboveOwnDate reports a line right above a line that is only a date,
// with prose below the date: a release's headline and its date
// (「…特別講義が行われました。」「2018年12月21日」).
func aboveOwnDate(lines []string, i int) bool {
	next := nextNonBlank(lines, i+1)
	if next < 0 {
		return false
	}
	if _, ok := dateLine(lines[next]); !ok {
		if _, rest, ok := leadingDate(lines[next]); !ok || isProse(rest) {
			return false // 「2025-02-28 制作・開発」: the date and the post's section
		}
	}
	after := nextNonBlank(lines, next+1)
	return after >= 0 && isProse(lines[after])
}

// titleBar splits a browser's title bar, 「HEADLINE|SECTION|SITE」
// 「HEADLINE - SITE」「HEADLINE：北東日報」: the headline, then names after
// bars (or one name after a spaced dash or a colon), the last a site's or
// an organisation's. ok is false for a line that is no such bar.
func titleBar(line string) (head string, ok bool) {
	i := strings.IndexAny(line, "|｜")
	if i <= 0 {
		return dashedSite(line)
	}
	head = strings.TrimSpace(line[:i])
	if runeLen(head) < 6 || lastRune(head) == '。' {
		return "", false
	}
	parts := strings.FieldsFunc(line[i:], func(r rune) bool { return r == '|' || r == '｜' })
	if len(parts) == 0 {
		return "", false
	}
	for _, p := range parts {
		if p = strings.TrimSpace(p); p == "" || longerThan(p, 40) || strings.Contains(p, "。") {
			return "", false
		}
	}
	if !siteTail(strings.TrimSpace(parts[len(parts)-1])) {
		return "", false
	}
	return head, true
}

// dashedSite reads 「HEADLINE - 北東新聞デジタル」「HEADLINE：北東日報」: the
// name after the last spaced dash or colon must be an outlet's.
func dashedSite(line string) (head string, ok bool) {
	i, size := -1, 0
	for _, sep := range []string{" - ", " – ", " — ", "：", ":"} {
		if k := strings.LastIndex(line, sep); k > i {
			i, size = k, len(sep)
		}
	}
	if i <= 0 {
		return "", false
	}
	head, site := strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+size:])
	if runeLen(head) < 6 || lastRune(head) == '。' || site == "" || longerThan(site, 30) || strings.ContainsAny(site, ":：|｜。、") {
		return "", false
	}
	if hasHiragana(site) {
		return "", false // 「…:今週の制作ツールニュース」: a phrase, no outlet's name
	}
	if isSiteName(site) || outletName(site) {
		return head, true
	}
	return "", false
}

// siteTail reports the last name of a title bar: a site's, an outlet's
// or an organisation's.
func siteTail(site string) bool {
	return isSiteName(site) || reSiteName.MatchString(site) || reOrgName.MatchString(site) || reLatinBrand.MatchString(site) || outletName(site) || platformName(site)
}

// platformName reports a hosting service's name in small Latin letters
// at the end of a title bar: 「…｜はまぐち｜note」.
func platformName(s string) bool {
	if s == "" || len(s) > 12 {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '.' {
			return false
		}
	}
	return true
}

// siteHead reports a title bar's first part that is itself a name: the
// site's own bar (「PR TIMES MAGAZINE|…Webメディア」).
func siteHead(head string) bool {
	return reLatinBrand.MatchString(head) || isSiteName(head) || siteLike(head) && !longerThan(head, 8)
}

// zoneProse reports the line at i as the header zone's end: prose, and no
// headline that holds a full stop.
func zoneProse(lines []string, i int) bool {
	return isProse(lines[i]) && !stopHeadline(lines, i) && !quotedStopsOnly(lines[i]) && !labelledBio(lines[i])
}

// quotedStopsOnly reports a line whose full stops all stand inside the
// quotations it names, and which opens with none: a headline naming a
// feature and a remark (「「みたか座」インタビュー記事「小さくてもいい、
// 感動のあるお店でありたい。…」」), not a sentence of the text.
func quotedStopsOnly(l string) bool {
	if lastRune(l) == '。' {
		return false
	}
	opening := strings.ContainsRune("「『", firstRune(l)) // a remark quoted first is a sentence's, unless a name is
	depth, quoted, closed := 0, false, false
	for _, r := range l {
		switch r {
		case '「', '『':
			depth++
		case '」', '』':
			depth--
			closed = closed || depth == 0
		case '。':
			if depth <= 0 || opening && !closed {
				return false
			}
			quoted = true
		}
	}
	return quoted && depth == 0
}

// labelledBio reports a labelled byline with the writer's bio in
// brackets (「筆者・村田智子(東京都出身。…)」): its sentences are the
// bio's, not the text's.
func labelledBio(l string) bool {
	_, _, ok := bioInBrackets(l)
	return ok
}

// titleScoreAt scores the line at i as a title (see titleScore): a
// headline that holds a full stop scores as a headline of full length,
// and a title bar as its headline.
func titleScoreAt(lines []string, i int) (int, bool) {
	l := lines[i]
	score, ok := titleScore(l)
	if head, bar := titleBar(l); bar && !siteHead(head) {
		if s, hok := titleScore(head); hok && (!ok || s > score) {
			return s, true
		}
	}
	if ok {
		return score, true
	}
	if strings.Contains(l, "。") && stopHeadline(lines, i) {
		return 13, true
	}
	return score, false
}
