package parse

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// meta is metadata found in the header or the trailer of a document.
type meta struct {
	title, subtitle        *string
	series, seriesNumber   *string
	publishedOn, updatedOn *string
	publisher              *string
	authors                []doc.Author
	categories, keywords   []string
}

var (
	// 「NIDSコメンタリー 第396号 2025年9月9日 露朝軍事技術協力のゆくえ —— ロシア人識者の見方」
	reSeriesLine  = regexp.MustCompile(`^(.{0,40}?)\s*第\s*([0-9０-９]{1,5})\s*号\s*(.*)$`)
	reTitleDash   = regexp.MustCompile(`^(.+?)\s*(?:――|——|──|－－|—|―)\s*(.+)$`)
	reSubtitle    = regexp.MustCompile(`^(?:――|——|──|－－|―|—|〜|～)\s*(.+?)\s*(?:――|——|〜|～)?$`)
	reDateLabel   = regexp.MustCompile(`^(?:掲載日時?|公開日時?|発行日|投稿日時?|配信日時?|作成日|更新日時?|最終更新日時?|更新|公開|掲載|発行|配信|投稿|Published|Updated|Date)?\s*[:：]?\s*$`)
	reTimeOfDay   = regexp.MustCompile(`^(?:[\s\x{3000}]*(?:[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[:：][0-9０-９]{2})?|[0-9０-９]{1,2}時(?:[0-9０-９]{1,2}分)?|[(（][月火水木金土日][)）]|JST|更新|公開|配信))*[\s\x{3000}]*$`)
	reLeadingTime = regexp.MustCompile(`^[\s\x{3000}]*(?:[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[:：][0-9０-９]{2})?|[0-9０-９]{1,2}時(?:[0-9０-９]{1,2}分)?|[(（][月火水木金土日][)）])+`)
	reSeriesName  = regexp.MustCompile(`(?:コメンタリー|レポート|リポート|ブリーフ|ペーパー|ニュースレター|Commentary|Report|Brief|Paper|Newsletter|Insight)$`)
	reByLabel     = regexp.MustCompile(`^(?:文|筆者|執筆者|執筆|著者|著|記者|取材・文|文・写真|Author|By)\s*[:：＝=・]\s*(.+)$`)
	reListLabel   = regexp.MustCompile(`^(カテゴリー?|ジャンル|分類|タグ|キーワード|Tags?|Keywords?|Categories|Category)\s*[:：]\s*(.+)$`)
	reCrumbs      = regexp.MustCompile(`\s*(?:>|＞|»|›)\s*`)
	reListSep     = regexp.MustCompile(`[、,，/／|｜]+|\s+`)
	reNameSep     = regexp.MustCompile(`[、，,／/]|\s+and\s+`)
)

// datedAs is one date of a date line and whether its label says it is
// the date of an update.
type datedAs struct {
	date    string
	updated bool
}

// dateLine reports a line that holds only dates, perhaps labelled
// (「掲載日：2024年7月12日」「公開日：令和7年5月10日　更新日：令和7年5月11日」).
func dateLine(line string) ([]datedAs, bool) {
	var out []datedAs
	rest := line
	for {
		d, start, end, found := findDate(rest)
		if !found {
			break
		}
		label := rest[:start]
		if len(out) > 0 { // a time may follow the previous date
			label = reLeadingTime.ReplaceAllString(label, "")
		}
		if label = strings.TrimFunc(label, isSpace); !reDateLabel.MatchString(label) {
			return nil, false
		}
		out = append(out, datedAs{d, strings.Contains(label, "更新") || strings.Contains(label, "Updated")})
		rest = rest[end:]
	}
	return out, len(out) > 0 && reTimeOfDay.MatchString(strings.TrimFunc(rest, isSpace))
}

// addDates records the dates of a date line: the first unlabelled or
// publication date is the publication date, the others updates.
func (m *meta) addDates(dates []datedAs) {
	for _, d := range dates {
		switch {
		case d.updated:
			m.updatedOn = ptr(d.date)
		case m.publishedOn == nil:
			m.publishedOn = ptr(d.date)
		default:
			m.updatedOn = ptr(d.date)
		}
	}
}

// seriesLine parses 「NIDSコメンタリー 第406号 2025年11月7日 Title —— Subtitle」.
// Any part after the number may be missing.
func seriesLine(line string) (series, number, date, rest string, ok bool) {
	m := reSeriesLine.FindStringSubmatch(line)
	if m == nil {
		return "", "", "", "", false
	}
	series, number, rest = strings.TrimSpace(m[1]), halfWidth(m[2]), strings.TrimSpace(m[3])
	if d, start, end, found := findDate(rest); found && strings.TrimSpace(rest[:start]) == "" {
		date, rest = d, strings.TrimSpace(rest[end:])
	}
	// 「第4位」 in prose is not a series line: the number must be followed by
	// nothing, a date, or a title, and the line must not be a sentence.
	if strings.ContainsAny(line, "。、") {
		return "", "", "", "", false
	}
	return series, number, date, rest, true
}

// tokenLine reports a line of short space-separated nouns: a category or
// keyword line such as 「国際・海外 政治・外交」.
func tokenLine(line string) ([]string, bool) {
	fields := strings.Fields(strings.ReplaceAll(line, "\u3000", " "))
	if len(fields) < 2 || runeLen(line) > 80 {
		return nil, false
	}
	if isBoilerplate(line) {
		return nil, false
	}
	for _, f := range fields {
		if runeLen(f) > 15 || strings.ContainsAny(f, "。、「」『』()（）:：©") || !strings.ContainsFunc(f, unicode.IsLetter) {
			return nil, false
		}
		for _, r := range f {
			if r >= 'ぁ' && r <= 'ゖ' { // particles: this is a phrase, not a list
				return nil, false
			}
		}
	}
	if _, _, isName := personName(line); isName {
		return nil, false
	}
	return fields, true
}

// labelledList parses 「タグ：北朝鮮、ロシア」; kind is "categories" or "keywords".
func labelledList(line string) (kind string, items []string, ok bool) {
	m := reListLabel.FindStringSubmatch(line)
	if m == nil {
		return "", nil, false
	}
	kind = "keywords"
	if strings.HasPrefix(m[1], "カテゴリ") || strings.HasPrefix(m[1], "Categor") || m[1] == "ジャンル" || m[1] == "分類" {
		kind = "categories"
	}
	for _, it := range reListSep.Split(m[2], -1) {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	return kind, items, len(items) > 0
}

// parseHeader reads the metadata lines at the top of the document (title,
// subtitle, dates, categories, bylines) and returns where the body starts.
func parseHeader(lines []string) (meta, int) {
	var m meta
	i := 0
	for i < len(lines) && lines[i] == "" {
		i++
	}
	if i == len(lines) {
		return m, i
	}
	// Metadata may come before the title: a series number, a date, a
	// breadcrumb trail. The first other line is the title.
	var pendingPosition string
	for ; i < len(lines); i++ {
		line := lines[i]
		if line == "" {
			continue
		}
		if crumbs, ok := breadcrumbs(line); ok {
			m.categories = append(m.categories, crumbs...)
			continue
		}
		if _, isDate := dateLine(line); isDate || isSeriesNumberLine(line) {
			m.headerLine(line, &pendingPosition)
			continue
		}
		break
	}
	if i == len(lines) {
		return m, i
	}
	first := lines[i]
	i++
	// 「日本国際問題研究所 研究レポート」 above the title names the series.
	if reSeriesName.MatchString(first) && !strings.ContainsAny(first, "。、") {
		if next := nextNonBlank(lines, i); next >= 0 && !reSeriesName.MatchString(lines[next]) {
			if _, isDate := dateLine(lines[next]); !isDate {
				m.series = ptr(first)
				first, i = lines[next], next+1
			}
		}
	}
	if series, number, date, rest, ok := seriesLine(first); ok && rest != "" {
		m.series, m.seriesNumber = ptrOrNil(series), ptr(number)
		if date != "" {
			m.publishedOn = ptr(date)
		}
		first = rest
	}
	if _, text, ok := markdownHeading(first); ok {
		first = text
	}
	if sm := reTitleDash.FindStringSubmatch(first); sm != nil {
		m.title, m.subtitle = ptr(sm[1]), ptr(sm[2])
	} else {
		m.title = ptr(first)
	}
	for ; i < len(lines); i++ {
		line := lines[i]
		if line == "" {
			continue
		}
		if !m.headerLine(line, &pendingPosition) {
			break
		}
	}
	if pendingPosition != "" && len(m.authors) > 0 && m.authors[len(m.authors)-1].Title == nil {
		a := &m.authors[len(m.authors)-1]
		a.Affiliation, a.Title = splitPosition(pendingPosition)
	}
	return m, i
}

// headerLine consumes one header line; it reports false at the first line
// that is not metadata.
func (m *meta) headerLine(line string, pendingPosition *string) bool {
	if sm := reSubtitle.FindStringSubmatch(line); sm != nil && m.subtitle == nil {
		m.subtitle = ptr(sm[1])
		return true
	}
	if dates, ok := dateLine(line); ok {
		m.addDates(dates)
		return true
	}
	if series, number, date, rest, ok := seriesLine(line); ok && rest == "" {
		m.series, m.seriesNumber = ptrOrNil(series), ptr(number)
		if date != "" && m.publishedOn == nil {
			m.publishedOn = ptr(date)
		}
		return true
	}
	if kind, items, ok := labelledList(line); ok {
		if kind == "categories" {
			m.categories = append(m.categories, items...)
		} else {
			m.keywords = append(m.keywords, items...)
		}
		return true
	}
	bare := strings.TrimSpace(reBullet.ReplaceAllString(line, ""))
	if bm := reByLabel.FindStringSubmatch(bare); bm != nil {
		for _, name := range reNameSep.Split(bm[1], -1) {
			if name = strings.TrimSpace(name); name != "" {
				m.addAuthor(nameWithPosition(name), pendingPosition)
			}
		}
		return true
	}
	if name, reading, ok := personName(bare); ok {
		m.addAuthor(doc.Author{Name: name, NameReading: reading}, pendingPosition)
		return true
	}
	if a, ok := bylineWithPosition(bare); ok {
		m.addAuthor(a, pendingPosition)
		return true
	}
	if hasTitleWord(bare) && !strings.ContainsAny(bare, "。") && runeLen(bare) <= 60 {
		if n := len(m.authors); n > 0 && m.authors[n-1].Title == nil && m.authors[n-1].Affiliation == nil && *pendingPosition == "" {
			m.authors[n-1].Affiliation, m.authors[n-1].Title = splitPosition(bare)
		} else {
			*pendingPosition = bare
		}
		return true
	}
	if fields, ok := tokenLine(line); ok && len(m.authors) == 0 {
		m.categories = append(m.categories, fields...)
		return true
	}
	return false
}

func (m *meta) addAuthor(a doc.Author, pendingPosition *string) {
	if *pendingPosition != "" && a.Title == nil && a.Affiliation == nil {
		a.Affiliation, a.Title = splitPosition(*pendingPosition)
		*pendingPosition = ""
	}
	m.authors = append(m.authors, a)
}

// bylineWithPosition parses a position and a name on one line, in either
// order: 「地域研究部アジア・アフリカ研究室長 渡邊 武」.
func bylineWithPosition(line string) (doc.Author, bool) {
	fields := strings.Fields(line)
	if len(fields) < 2 || strings.ContainsAny(line, "。") {
		return doc.Author{}, false
	}
	for _, n := range []int{2, 1} {
		if len(fields) <= n {
			continue
		}
		tail := strings.Join(fields[len(fields)-n:], " ")
		head := strings.Join(fields[:len(fields)-n], " ")
		if name, reading, ok := personName(tail); ok && hasTitleWord(head) {
			a := doc.Author{Name: name, NameReading: reading}
			a.Affiliation, a.Title = splitPosition(head)
			return a, true
		}
		head, tail = strings.Join(fields[:n], " "), strings.Join(fields[n:], " ")
		if name, reading, ok := personName(head); ok && hasTitleWord(tail) {
			a := doc.Author{Name: name, NameReading: reading}
			a.Affiliation, a.Title = splitPosition(tail)
			return a, true
		}
	}
	return doc.Author{}, false
}

// breadcrumbs parses a navigation trail 「ホーム > 国際 > 朝鮮半島」 into its
// parts, leaving out the home link.
func breadcrumbs(line string) ([]string, bool) {
	parts := reCrumbs.Split(line, -1)
	if len(parts) < 2 || strings.ContainsAny(line, "。、") {
		return nil, false
	}
	var out []string
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || runeLen(p) > 20 {
			return nil, false
		}
		if p != "ホーム" && p != "トップ" && !strings.EqualFold(p, "home") && !strings.EqualFold(p, "top") {
			out = append(out, p)
		}
	}
	return out, true
}

var reParenPosition = regexp.MustCompile(`^(.+?)\s*[(（]([^()（）]+)[)）]$`)

// nameWithPosition reads 「佐藤 花子（ジャーナリスト）」 and 「山田太郎（東京大学教授）」.
func nameWithPosition(s string) doc.Author {
	if name, reading, ok := personName(s); ok {
		return doc.Author{Name: name, NameReading: reading}
	}
	if m := reParenPosition.FindStringSubmatch(s); m != nil && hasTitleWord(m[2]) {
		a := doc.Author{Name: strings.TrimSpace(m[1])}
		a.Affiliation, a.Title = splitPosition(m[2])
		return a
	}
	return doc.Author{Name: s}
}

func nextNonBlank(lines []string, i int) int {
	for ; i < len(lines); i++ {
		if lines[i] != "" {
			return i
		}
	}
	return -1
}
