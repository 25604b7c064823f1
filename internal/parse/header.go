package parse

import (
	"fmt"
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
	publishedAt            *string
	issueMonth             bool // publishedOn is the first of an issue month
	publisher, url         *string
	authors                []doc.Author
	categories, keywords   []string
	// profiled are the people a profile block at the end presents, and
	// profileLines its lines; interviewer says an interviewer signed the
	// text, so that those people are its subjects, not its authors.
	profiled     []doc.Author
	profileLines [2]int
	interviewer  bool
	// keywordsNext says the last header line was a keyword heading
	// (「キーワード」) standing over its list.
	keywordsNext bool
}

var (
	// 「NIDSコメンタリー 第396号 2025年9月9日 露朝軍事技術協力のゆくえ —— ロシア人識者の見方」
	reSeriesLine = regexp.MustCompile(`^(.{0,40}?)\s*第\s*([0-9０-９]{1,5}(?:\s*巻\s*(?:第\s*)?[0-9０-９]{1,4})?)\s*(号|回)\s*(.*)$`)
	// A doubled dash, or a single one set apart by spaces: 「…裏切られる―むしろ…」
	// with a single dash inside a headline stays one title.
	reTitleDash   = regexp.MustCompile(`^(.+?)(?:\s*(?:――|——|──|－－)\s*|\s+[—―]\s+|\s+-{2,3}\s*)(.+)$`)
	reSubtitle    = regexp.MustCompile(`^(?:――|——|──|－－|―|—|〜|～)\s*(.+?)\s*(?:――|——|―|—|〜|～)?$|^[‐-]\s+(.+?)\s+[‐-]$|^[‐-]([^\s0-9０-９‐-][^‐-]*[^\s‐-])[‐-]$|^--\s*([^-].*?[^-])\s*--$`)
	reDateLabel   = regexp.MustCompile(`^(?:ページ(?:番号|ID)\s*[:：]?\s*[0-9]+[\s\x{3000}]*)?(?:[【\[［](?:発表日|掲載日|公開日|更新日|最終更新日|配信日|投稿日|日付)[】\]］]|[ⓒ©]\s*\S.{0,40}|[^\s/／|｜。、][^/／|｜。、]{1,30}?\s*[/／|｜]|.{1,40}のロゴ.{0,30}?|「[^」]{2,24}」|時計|カレンダー|掲載日(?:時|付)?|公開日時?|発行日|投稿日時?|配信日時?|作成日|更新日(?:時|付)?|最終更新日時?|最終更新|更新|公開|掲載|発行|配信|投稿|登録日|発表日|Published|Updated|Date)?\s*[:：]?\s*$`)
	reTimeOfDay   = regexp.MustCompile(`^(?:[\s\x{3000}]*(?:[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[:：][0-9０-９]{2})?|[0-9０-９]{1,2}時(?:[0-9０-９]{1,2}分)?|[(（]?[月火水木金土日]曜日?[)）]?|[(（][月火水木金土日][)）]|JST|更新|公開|配信))*[\s\x{3000}]*$`)
	reLeadingTime = regexp.MustCompile(`^[\s\x{3000}]*(?:[0-9０-９]{1,2}[:：][0-9０-９]{2}(?:[:：][0-9０-９]{2})?|[0-9０-９]{1,2}時(?:[0-9０-９]{1,2}分)?|[(（][月火水木金土日][)）])+`)
	reSeriesName  = regexp.MustCompile(`(?:コメンタリー|レポート|リポート|ブリーフ|ペーパー|ニュースレター|Commentary|Report|Brief|Paper|Newsletter|Insight)$`)
	reByLabel     = regexp.MustCompile(`^(?:(?:インタビュー|取材|構成|撮影|写真|聞き手)[・/／])?(?:取材・文|文・写真|写真・文|聞き手・構成|文|筆者|執筆者|執筆|著者|著|記者|担当記者|構成|聞き手|投稿者|ライター|文責|Author|By|Writer|Text)\s*[:：＝=・/／]\s*(.+)$`)
	reListLabel   = regexp.MustCompile(`^(カテゴリー?|ジャンル|分類|テーマ|タグ|キーワード|Tags?|Keywords?|Categories|Category)\s*[:：]\s*(.+)$`)
	reCrumbs      = regexp.MustCompile(`\s*(?:>|＞|»|›|≫)\s*|\s+[/／]\s+`)
	reListSep     = regexp.MustCompile(`[、,，/／|｜]+|[\s\x{3000}]+`)
	reNameSep     = regexp.MustCompile(`[、，,／/]|\s+and\s+`)
)

// subtitleLine reads a subtitle set off by dashes or waves:
// 「――三つのシナリオ」「〜衛星画像で追う露朝の物流〜」「‐ 【訂正】 … ‐」
// 「--紙媒体史料の文字認識と課題--」.
func subtitleLine(line string) (string, bool) {
	if !strings.ContainsRune("―—─－〜～‐-", firstRune(line)) {
		return "", false
	}
	sm := reSubtitle.FindStringSubmatch(line)
	if sm == nil {
		return "", false
	}
	return sm[1] + sm[2] + sm[3] + sm[4], true
}

// datedAs is one date of a date line, the moment it states if any, and
// whether its label says it is the date of an update.
type datedAs struct {
	date, at string
	updated  bool
	month    bool // an issue month: the day is not stated
}

// reDateTrail is what may follow the last date of a date line: a weekday,
// a time zone, 「配信」「掲載」, the dateline's place, a tag list in brackets,
// the end of a time range (「22:41~22:52」: a press conference's).
var reDateTrail = regexp.MustCompile(`^(?:[\s\x{3000}]*(?:[(（]?[月火水木金土日]曜日?[)）]?|[(（][月火水木金土日][)）]|[(（]?(?:` + weekdays + `)[a-z]*\.?[)）]?|JST|更新|公開|配信|掲載|投稿|発行|発売|放送|号|付|[0-9０-９]{1,2}[:：][0-9０-９]{2}|無料記事|有料記事|会員限定|発信地\s*[:：]\s*\S+|[(（]最終更新[^()（）]{0,24}[)）]|から|より|ページ(?:番号|ID)\s*[:：]\s*[0-9A-Za-z\-]{1,20}|[(（][^()（）\s]{0,12}(?:新聞|通信|日報|新報|タイムス|放送|テレビ)[)）]|[A-Za-z][A-Za-z.]{1,11}|[0-9０-９,，]+\s*文字|判決|決定|言渡し?|\[[^\]]*\]|［[^］]*］|[|｜]|[~〜～\-–]\s*[0-9０-９]{1,2}\s*(?:[:：]\s*[0-9０-９]{2}|時(?:\s*[0-9０-９]{1,2}\s*分)?)))*[\s\x{3000}]*$`)

// dateLine reports a line that holds only dates, perhaps labelled
// (「掲載日：2024年7月12日」「公開日：令和7年5月10日　更新日：令和7年5月11日」
// 「2025年04月28日09時36分配信」).
func dateLine(line string) ([]datedAs, bool) {
	if len(line) > maxDateLine || !containsDigit(line) {
		return nil, false
	}
	if d, ok := compactDate(line); ok {
		return []datedAs{{date: d}}, true
	}
	line = unbracketed(line) // 「(2017/12/1)」「（2025年4月12日）」
	if strings.Contains(line, "印刷") {
		line = printButtonOut(line) // 「印刷用ページを表示する掲載日2017年10月26日」
	}
	var out []datedAs
	rest := line
	for {
		dm, found := findDateTime(rest)
		if !found {
			break
		}
		label := rest[:dm.start]
		if len(out) > 0 { // a time may follow the previous date
			label = reLeadingTime.ReplaceAllString(label, "")
		}
		if len(out) > 0 { // 「公開日 DATE | 更新日 DATE」: a bar between the two
			label = strings.TrimLeft(label, " \u3000|｜/／")
		}
		if label = strings.TrimFunc(label, isSpace); !reDateLabel.MatchString(label) && (len(out) > 0 || !outletLabel(label)) {
			return nil, false
		}
		if len(out) == 0 && strings.ContainsAny(label, "|｜/／") {
			if _, _, isName := personName(strings.TrimRight(label, " \u3000|｜/／")); isName {
				return nil, false // 「浜口直樹 | DATE」: a byline with its date, not an outlet's label
			}
		}
		updated := strings.Contains(label, "更新") || strings.Contains(label, "Updated")
		out = append(out, datedAs{date: dm.date, at: dm.at, updated: updated, month: dm.month})
		rest = rest[dm.end:]
	}
	rest = strings.TrimFunc(rest, isSpace)
	if sm := rePostedAt.FindStringSubmatch(rest); sm != nil && len(out) > 0 && out[len(out)-1].at == "" {
		// 「2024.07.04 Thu posted at 11:30 JST」: the time after a label.
		last := &out[len(out)-1]
		if h, m := atoi(sm[1]), atoi(sm[2]); h < 24 && m < 60 {
			last.at = fmt.Sprintf("%sT%02d:%02d:00+09:00", last.date, h, m)
			return out, true
		}
	}
	if len(out) == 0 {
		return nil, false
	}
	if reTimeOfDay.MatchString(rest) || reDateTrail.MatchString(rest) {
		return out, true
	}
	if out[len(out)-1].updated && reUpdatingDept.MatchString(rest) {
		return out, true // 「更新日付:2024年6月21日 広報広聴課」: the office that updated the page
	}
	// 「更新日:2022年4月19日更新 印刷ページ表示」「更新日:2023年12月14日 印刷ページ表示」:
	// the page's buttons after its date.
	if f := strings.Fields(rest); len(f) > 0 && controlLines[f[len(f)-1]] {
		k := len(f) - 1
		for k > 0 && controlLines[f[k-1]] {
			k--
		}
		rest = strings.Join(f[:k], " ")
		return out, reTimeOfDay.MatchString(rest) || reDateTrail.MatchString(rest)
	}
	return nil, false
}

// reUpdatingDept is an office of the body a page belongs to, named after
// the date the page was updated.
var reUpdatingDept = regexp.MustCompile(`^[^\s\x{3000}0-9０-９]{1,12}(?:課|部|室|局|係|センター|事務所)$`)

// printButtons are a page's print controls, which a copy may run into
// the date line after them.
var printButtons = []string{"印刷用ページを表示する", "印刷ページ表示", "このページを印刷する", "印刷する"}

// printButtonOut removes a print control that opens line.
func printButtonOut(line string) string {
	for _, b := range printButtons {
		if rest, ok := strings.CutPrefix(line, b); ok {
			return strings.TrimLeft(rest, " \u3000")
		}
	}
	return line
}

// compactDate reads a date written as eight digits alone on its line,
// as some blog templates print it: 「20251231」.
func compactDate(line string) (string, bool) {
	if len(line) != 8 || line[0] != '1' && line[0] != '2' {
		return "", false
	}
	for i := 0; i < 8; i++ {
		if line[i] < '0' || line[i] > '9' {
			return "", false
		}
	}
	y, m, d := atoi(line[:4]), atoi(line[4:6]), atoi(line[6:])
	if !validDate(y, m, d) {
		return "", false
	}
	return line[:4] + "-" + line[4:6] + "-" + line[6:], true
}

// outletLabel reports the outlet's name before the date: 「毎日新聞
// 2023/9/18 20:03」.
func outletLabel(label string) bool {
	return label != "" && !longerThan(label, 16) && !strings.ContainsAny(label, "。、") && (isSiteName(label) || outletName(label))
}

// dateBarLabels reads 「2012-10-06 | お知らせ・一般資料」: the date, then
// the sections.
func dateBarLabels(line string) (cats []string, dates []datedAs, ok bool) {
	sm := reDateBarLabels.FindStringSubmatch(line)
	if sm == nil {
		return nil, nil, false
	}
	if dates, ok = dateLine(sm[1]); !ok {
		return nil, nil, false
	}
	if _, _, isName := personName(strings.TrimSpace(sm[2])); isName {
		return nil, nil, false // 「2025年03月01日 | 浜口直樹」: the date and the byline
	}
	for _, c := range reListSep.Split(sm[2], -1) {
		if c = strings.TrimSpace(c); c != "" {
			cats = append(cats, c)
		}
	}
	return cats, dates, true
}

// reDateBarLabels is a date and, after a bar, short labels without a
// sentence: 「2012-10-06 | お知らせ・一般資料」.
var reDateBarLabels = regexp.MustCompile(`^([0-9０-９令平].{5,40}?)\s*[|｜]\s*([^|｜。]{1,60})$`)

// rePostedAt is an English label and a time after a date, as Japanese
// editions of foreign sites print them.
var rePostedAt = regexp.MustCompile(`^(?i:(?:` + weekdays + `)[a-z]*\.?\s+)?(?i:posted|updated|published)\s+(?i:at\s+)?([0-9]{1,2})[:：]([0-9]{2})\s*(?:JST)?$`)

// isDateLabel reports a date's label standing alone: 「Published」「公開日：」.
func isDateLabel(line string) bool {
	return line != "" && !longerThan(line, 12) && !strings.ContainsAny(line, "ⓒ©") && reDateLabel.MatchString(line)
}

// unbracketed removes the brackets around a whole line: 「(2017/12/1)」.
func unbracketed(line string) string {
	if r, l := firstRune(line), lastRune(line); (r == '[' || r == '［') && (l == ']' || l == '］') {
		// 「[ 2008 / 04 / 14 (月) ]」: a diary's date in square brackets.
		inner := strings.TrimSpace(line[len(string(r)) : len(line)-len(string(l))])
		if !strings.ContainsAny(inner, "[]［］") {
			return inner
		}
	}
	if r, l := firstRune(line), lastRune(line); (r == '(' || r == '（') && (l == ')' || l == '）') {
		inner := strings.TrimSpace(strings.TrimRightFunc(line[len(string(r)):], func(c rune) bool { return c == ')' || c == '）' || isSpace(c) }))
		if !strings.ContainsAny(inner, "()（）") {
			return inner
		}
	}
	return line
}

// leadingDate splits a date (and its time) off the start of a line that
// goes on with other text after a space: 「2019/06/29 朝鮮大学校…」「2023年02月25日
// 13:37 対外・国際アレクサンドル…」. ok is false when the line does not open
// with a date, or the date runs into the text.
func leadingDate(line string) (dm dateMatch, rest string, ok bool) {
	if !containsDigit(line) {
		return dateMatch{}, "", false
	}
	if r := firstRune(line); !isDigit(r) && r != '令' && r != '平' {
		return dateMatch{}, "", false
	}
	dm, found := findDateTime(line)
	if !found || dm.start > 0 || dm.month {
		return dateMatch{}, "", false
	}
	// The time's expression may have taken the space that follows it.
	end := len(strings.TrimRightFunc(line[:dm.end], isSpace))
	tail := line[end:]
	if loc := reDateTrailPrefix.FindStringIndex(tail); loc != nil {
		tail = tail[loc[1]:]
	}
	if tail == "" || !isSpace(firstRune(tail)) {
		return dateMatch{}, "", false // 「2024年6月19日、…」: the date is the sentence's
	}
	rest = strings.TrimLeftFunc(tail, isSpace)
	if rest == "" {
		return dateMatch{}, "", false
	}
	return dm, rest, true
}

// reDateTrailPrefix is a weekday or a publication word right after a date.
var reDateTrailPrefix = regexp.MustCompile(`^(?:[\s\x{3000}]*(?:[(（]?[月火水木金土日]曜日?[)）]?|[(（][月火水木金土日][)）]|配信|掲載|公開|更新|投稿))+`)

// maxDateLine bounds a date line in bytes: a longer line is prose.
const maxDateLine = 240

func containsDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' || c == 0xEF && i+2 < len(s) && s[i+1] == 0xBC && s[i+2] >= 0x90 && s[i+2] <= 0x99 {
			return true // an ASCII or a full-width (U+FF10–FF19) digit
		}
	}
	return strings.Contains(s, "元年")
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
			m.publishedAt = ptrOrNil(d.at)
			m.issueMonth = d.month
		case *m.publishedOn == d.date && (d.at == "" || m.publishedAt == nil):
			// The day printed twice (「2023年9月30日 土曜日」 over 「2023年9月30日
			// TITLE」) is no update.
			if m.publishedAt == nil {
				m.publishedAt = ptrOrNil(d.at)
			}
		case d.at != "" && m.publishedAt != nil && d.at < *m.publishedAt:
			// A second, earlier moment is no update: a repost dates itself
			// after the story it copies (「2014-08-07 13:54:03」 over the
			// story's 「2014年8月7日(木)08:05」). The story's is the text's.
			m.publishedOn, m.publishedAt = ptr(d.date), ptr(d.at)
		default:
			m.updatedOn = ptr(d.date)
		}
	}
}

// reCaseKind is the kind of a court case in brackets before its number:
// 「令和5年(ワ)」「平成30年(行ウ)」.
var reCaseKind = regexp.MustCompile(`[0-9０-９元]+年\s*[(（][\p{Katakana}\p{Hiragana}]{1,3}[)）]$`)

// reParenIssueMonth is the month of an issue in brackets after its
// number: 「第16巻1号(2018年3月)」.
var reParenIssueMonth = regexp.MustCompile(`^[(（]\s*([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*[)）]$`)

// seriesLine parses 「NIDSコメンタリー 第406号 2025年11月7日 Title —— Subtitle」.
// Any part after the number may be missing.
func seriesLine(line string) (series, number, date, rest string, ok bool) {
	if !strings.Contains(line, "第") || !strings.Contains(line, "号") && !strings.Contains(line, "回") {
		return "", "", "", "", false
	}
	m := reSeriesLine.FindStringSubmatch(line)
	if m == nil {
		return "", "", "", "", false
	}
	series, number, rest = strings.TrimSpace(m[1]), halfWidth(m[2]), strings.TrimSpace(m[4])
	if strings.Contains(number, "巻") {
		// 「第16巻1号」: a bulletin's volume and issue, both the number.
		number = strings.Join(strings.Fields(strings.ReplaceAll(number, "第", "")), "") + "号"
		if im := reParenIssueMonth.FindStringSubmatch(rest); im != nil {
			date, rest = fmt.Sprintf("%04d-%02d-01", atoi(im[1]), atoi(im[2])), ""
		}
	}
	if reCaseKind.MatchString(series) {
		return "", "", "", "", false // 「令和5年(ワ)第120号」 numbers a court case, not an issue
	}
	if d, start, end, found := findDate(rest); found && strings.TrimSpace(rest[:start]) == "" {
		date, rest = d, strings.TrimSpace(rest[end:])
	}
	// 「第34回 2021/05/24」: an instalment is a series line only with its
	// date and nothing else (「第3回 …」 opens many headlines).
	if m[3] == "回" && (date == "" || rest != "") {
		return "", "", "", "", false
	}
	// 「第4位」 in prose is not a series line: the number must be followed by
	// nothing, a date, or a title, and the line must not be a sentence.
	if containsAny(line, "。", "、") {
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
	if isBoilerplate(line) || latinPhrase(fields) || reInterviewDeck.MatchString(line) {
		return nil, false
	}
	if _, isHeading := numberedHeading(line); isHeading {
		return nil, false
	}
	for _, f := range fields {
		if runeLen(f) > 15 || strings.ContainsAny(f, "。、「」『』()（）:：©") || !strings.ContainsFunc(f, unicode.IsLetter) {
			return nil, false
		}
		if runeLen(f) >= 4 && containsDigit(f) {
			return nil, false // 「令和3年度 6月定例記者会見」: a dated headline, no tags (「G7」「5G」 are short)
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

// latinPhrase reports words of an English sentence (「North Korea Warns
// to ‘Pull’ the ‘Trigger’ on U.S.」): a lowercase word among capitalised
// ones is a function word, which a list of tags does not have, and so is
// a capitalised one (「Toward Trilateral Trust」).
func latinPhrase(fields []string) bool {
	lower, latin := false, 0
	for _, f := range fields {
		c := f[0]
		switch {
		case 'a' <= c && c <= 'z':
			lower = true
			latin++
		case 'A' <= c && c <= 'Z':
			lower = lower || latinFunctionWords[f] || latinFunctionWords[capitalised(f)] // 「THE PORT OF NORTHEAST」
			latin++
		}
	}
	return lower && latin == len(fields) && len(fields) >= 3
}

// capitalised returns an ASCII word with only its first letter capital.
func capitalised(w string) string {
	if len(w) < 2 {
		return w
	}
	return w[:1] + strings.ToLower(w[1:])
}

// labelledList parses 「タグ：北朝鮮、ロシア」; kind is "categories" or "keywords".
func labelledList(line string) (kind string, items []string, ok bool) {
	m := reListLabel.FindStringSubmatch(line)
	if m == nil {
		return "", nil, false
	}
	kind = "keywords"
	if strings.HasPrefix(m[1], "カテゴリ") || strings.HasPrefix(m[1], "Categor") || m[1] == "ジャンル" || m[1] == "分類" || m[1] == "テーマ" {
		kind = "categories"
	}
	for _, it := range reListSep.Split(m[2], -1) {
		if it = strings.TrimSpace(it); it != "" {
			items = append(items, it)
		}
	}
	return kind, items, len(items) > 0
}

// headerLine consumes one header line; it reports false at the first line
// that is not metadata.
func (m *meta) headerLine(line string, pendingPosition *string) bool {
	if m.keywordsNext {
		m.keywordsNext = false
		if items := splitKeywords(line); len(items) >= 2 {
			m.keywords = append(m.keywords, items...)
			return true
		}
	}
	if keywordHeading(line) {
		m.keywordsNext = true
		return true
	}
	if sub, ok := subtitleLine(line); ok && m.subtitle == nil {
		m.subtitle = ptr(sub)
		return true
	}
	if dates, ok := dateLine(line); ok {
		m.addDates(dates)
		return true
	}
	if m.meetingTime(trimBullet(line)) {
		return true
	}
	if bare := trimBullet(line); bare != line {
		if dates, ok := dateLine(bare); ok {
			m.addDates(dates) // 「- 日時/令和4年7月1日(金)18:00~18:39」
			return true
		}
	}
	if at, ok := timeRangeLine(line); ok {
		if m.publishedOn != nil && m.publishedAt == nil {
			m.publishedAt = ptr(*m.publishedOn + at)
		}
		return true
	}
	if d, ok := coverDate(line); ok {
		m.addDates([]datedAs{d})
		return true
	}
	if isDateLabel(line) {
		return true
	}
	if cats, dates, ok := categoryDateLine(line); ok {
		m.categories = append(m.categories, cats...)
		m.addDates(dates)
		return true
	}
	if series, number, date, rest, ok := seriesLine(line); ok && rest == "" {
		m.seriesNumber = ptr(number)
		if series != "" || m.series == nil {
			m.series = ptrOrNil(series)
		}
		if date != "" && m.publishedOn == nil {
			m.publishedOn = ptr(date)
		}
		return true
	}
	if sm := reNumberLine.FindStringSubmatch(line); sm != nil && m.seriesNumber == nil {
		m.seriesNumber = ptr(halfWidth(sm[1] + sm[2])) // 「Vol.12」「第12回」 alone under the title
		return true
	}
	if sm := reSeriesHash.FindStringSubmatch(line); sm != nil {
		m.series, m.seriesNumber = ptr(sm[1]), ptr(sm[2])
		return true
	}
	if reSeriesName.MatchString(line) && m.series == nil && runeLen(line) <= 40 && !containsAny(line, "。", "、") {
		m.series = ptr(line)
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
	if sm := rePublisherLine.FindStringSubmatch(line); sm != nil {
		if m.publisher == nil {
			m.publisher = ptr(strings.TrimSpace(sm[1]))
		}
		return true
	}
	if reURLLine.MatchString(line) {
		if m.url == nil {
			m.url = ptr(line)
		}
		return true
	}
	if as, ok := participants(line); ok {
		for _, a := range as {
			m.addAuthor(a, pendingPosition)
		}
		return true
	}
	bare := strings.TrimSpace(reBullet.ReplaceAllString(line, ""))
	if contactField(bare) {
		if rest, ok := strings.CutPrefix(bare, "会社名"); ok && m.publisher == nil && strings.TrimLeft(rest, " \u3000:：") != "" {
			m.publisher = ptr(strings.TrimLeft(rest, " \u3000:："))
		}
		return true // 「代表者名 …」「問合せ先 …」: the issuer's fields
	}
	if legalParty(bare) {
		return false // a party of a court case, no byline
	}
	if m.bylineWithDate(bare, pendingPosition) {
		return true
	}
	if hasTitleWord(bare) && isPositionText(bare) && !reInterviewDeck.MatchString(bare) {
		if n := len(m.authors); n > 0 && m.authors[n-1].Title == nil && m.authors[n-1].Affiliation == nil && *pendingPosition == "" {
			m.authors[n-1].Affiliation, m.authors[n-1].Title = splitPosition(bare)
		} else {
			*pendingPosition = bare
		}
		return true
	}
	if *pendingPosition == "" && orgLine(bare) {
		*pendingPosition = bare // 「株式会社SmartHR ニュービジネスマーケティング部」 above a profile's name
		return true
	}
	if a, ok := nameWithSpecialty(bare); ok {
		m.addAuthor(a, pendingPosition)
		return true
	}
	if fields, ok := nounList(line); ok {
		m.categories = append(m.categories, fields...)
		return true
	}
	if fields, ok := tokenLine(line); ok && len(m.authors) == 0 {
		m.categories = append(m.categories, fields...)
		return true
	}
	return false
}

var (
	// An instalment's or an issue's number alone: 「Vol.12」「No.3」「第12回」.
	reNumberLine = regexp.MustCompile(`^(?:(?i:vol|no)\.?[\s\x{3000}]*([0-9０-９]{1,4})|第[\s\x{3000}]*([0-9０-９]{1,4})[\s\x{3000}]*回)$`)
	// A numbered episode of a series: 「ROLESCast #006」「北東アジアCast #012」.
	reSeriesHash = regexp.MustCompile(`^(\S.{0,40}?)\s*#\s*([0-9０-９]{1,4})$`)
	reURLLine    = regexp.MustCompile(`^(?:https?://|www\.)\S+$`)
	// The organisation that issued a document: 「リリース発行企業:株式会社…」「発行：…」.
	rePublisherLine = regexp.MustCompile(`^(?:リリース発行企業|発行企業|発行元|発行者|発行|出版社|出版|配信元|提供元|Publisher)\s*[:：]\s*(\S.{1,40})$`)
)

// isPositionText reports text that can be a position 「北東大学教授」: short,
// with no sentence, quotation or clause in it (「…2国間は… ロシア人ジャー
// ナリスト」 is a headline that ends with a job).
func isPositionText(s string) bool {
	return runeLen(s) <= 60 && !containsAny(s, "。", "「", "『", "“", "…", "、", "が", "を", "は")
}

// orgLine reports a line that names an organisation, perhaps with its
// department, and no post: 「株式会社SmartHR ニュービジネスマーケティング部」.
// Above a name it is the person's affiliation.
func orgLine(s string) bool {
	if longerThan(s, 40) || !isPositionText(s) || !strings.ContainsAny(s, " \u3000") {
		return false
	}
	return reOrgName.MatchString(strings.Fields(s)[0])
}

// meetingTime reads 「日時：令和6年4月1日（月曜日）午後1時30分から」「- 日時
// 令和3年6月28日(月曜日)午前11時~11時50分」 in the header: when the meeting
// a record reports took place, its date. The label vouches for the date
// whatever follows it; a time on the date already found completes it.
func (m *meta) meetingTime(line string) bool {
	rest, ok := strings.CutPrefix(line, "日時")
	if !ok || rest == "" || !strings.ContainsAny(string(firstRune(rest)), " \u3000:：") {
		return false
	}
	rest = strings.TrimLeft(rest, " \u3000:：")
	dm, found := findDateTime(rest)
	if !found || dm.start != 0 || dm.month {
		return false
	}
	switch {
	case m.publishedOn == nil:
		m.addDates([]datedAs{{date: dm.date, at: dm.at}})
	case *m.publishedOn == dm.date && m.publishedAt == nil && dm.at != "":
		m.publishedAt = ptr(dm.at)
	}
	return true
}

// bylineWithDate records a byline, which may carry the date it was
// published: 「By NAME – OUTLET – 13 Jul 2025」「極東通信 国際部　2025年5月2日配信」.
func (m *meta) bylineWithDate(line string, pendingPosition *string) bool {
	if authors, ok := bylineOf(line); ok {
		for _, a := range authors {
			m.addAuthor(a, pendingPosition)
		}
		if dm, found := findDateTime(line); found && m.publishedOn == nil {
			m.addDates([]datedAs{{date: dm.date, at: dm.at, month: dm.month}})
		}
		return true
	}
	if dm, rest, ok := leadingDate(line); ok && isDigit(firstRune(line)) && !longerThan(rest, 40) && !containsDigit(rest) && !strings.ContainsAny(rest, "。、") {
		// 「2025年3月1日 浜口直樹（北東新聞）」「2025年03月01日 | 浜口直樹」:
		// the date, then the byline.
		if authors, ok := bylineOf(strings.TrimLeft(rest, " \u3000|｜")); ok {
			for _, a := range authors {
				m.addAuthor(a, pendingPosition)
			}
			m.addDates([]datedAs{{date: dm.date, at: dm.at}})
			return true
		}
	}
	dm, found := findDateTime(line)
	if !found || dm.start == 0 {
		return false
	}
	if !reDateTrail.MatchString(line[dm.end:]) {
		return false
	}
	authors, ok := bylineOf(strings.TrimFunc(line[:dm.start], func(r rune) bool { return isSpace(r) || r == '|' || r == '｜' }))
	if !ok {
		return false
	}
	for _, a := range authors {
		m.addAuthor(a, pendingPosition)
	}
	m.addDates([]datedAs{{date: dm.date, at: dm.at, month: dm.month}})
	return true
}

func (m *meta) addAuthor(a doc.Author, pendingPosition *string) {
	if *pendingPosition != "" && a.Title == nil && a.Affiliation == nil {
		a.Affiliation, a.Title = splitPosition(*pendingPosition)
		*pendingPosition = ""
	}
	m.authors = append(m.authors, a)
}

// bylineWithPosition parses a position and a name on one line, in either
// order: 「地域研究部アジア・アフリカ研究室長 渡邊 武」「山田 太郎 | 北東新聞 記者」.
func bylineWithPosition(line string) (doc.Author, bool) {
	fields := strings.FieldsFunc(line, func(r rune) bool { return isSpace(r) || r == '|' || r == '｜' })
	if len(fields) < 2 || strings.Contains(line, "。") {
		return doc.Author{}, false
	}
	for _, n := range []int{2, 1} {
		if len(fields) <= n {
			continue
		}
		// The position is tested first: it is cheap, the name is not.
		name := strings.Join(fields[len(fields)-n:], " ")
		if a, ok := namedWithPosition(name, strings.Join(fields[:len(fields)-n], " ")); ok {
			return a, true
		}
		if a, ok := namedWithPosition(strings.Join(fields[:n], " "), strings.Join(fields[n:], " ")); ok {
			return a, true
		}
	}
	return doc.Author{}, false
}

// namedWithPosition reads an author from a name and a position.
func namedWithPosition(name, position string) (doc.Author, bool) {
	if !hasTitleWord(position) {
		return doc.Author{}, false
	}
	n, reading, ok := personName(name)
	if !ok {
		return doc.Author{}, false
	}
	a := doc.Author{Name: n, NameReading: reading}
	a.Affiliation, a.Title = splitPosition(strings.TrimLeft(position, " \u3000/／|｜")) // 「森川 一郎 / 北東経済新聞 編集委員」
	return a, true
}

// breadcrumbs parses a navigation trail 「ホーム > 国際 > 朝鮮半島」 into its
// parts, leaving out the home link.
func breadcrumbs(line string) ([]string, bool) {
	parts := reCrumbs.Split(line, -1)
	if len(parts) < 2 || containsAny(line, "。", "、") {
		return nil, false
	}
	if _, isDate := dateLine(line); isDate {
		return nil, false // 「[ 2008 / 04 / 14 (月) ]」: a date with spaced slashes
	}
	if strings.ContainsAny(line, "/／") {
		if _, isName := nameWithSpecialties(line); isName {
			return nil, false // 「NAME 経済学 / 経済政策論」: a writer and the fields
		}
	}
	var out []string
	for k, p := range parts {
		p = strings.TrimSpace(p)
		if k == 0 {
			p = cutTrailLabel(p) // 「現在地 トップページ > …」
		}
		// The last part may be the page's own title, as long as titles are.
		if p == "" || runeLen(p) > 20 && (k < len(parts)-1 || k < 2 || runeLen(p) > 60) {
			return nil, false
		}
		if _, isDate := dateLine(p); isDate {
			return nil, false // 「OUTLET / 2025年1月13日 9時47分」 dates the page
		}
		if p != "ホーム" && p != "トップ" && p != "トップページ" && !strings.EqualFold(p, "home") && !strings.EqualFold(p, "top") {
			out = append(out, homeGlued(p))
		}
	}
	return out, true
}

// cutTrailLabel cuts the label a trail opens with: 「現在地 トップページ」
// 「現在の位置：ホーム」.
func cutTrailLabel(part string) string {
	for _, l := range []string{"現在地", "現在の位置", "現在のページ", "現在位置"} {
		if rest, ok := strings.CutPrefix(part, l); ok {
			return strings.TrimLeft(rest, " \u3000:：")
		}
	}
	return part
}

// homeGlued removes the home link run into the first section of a
// trail: 「HOME研究所紹介 ≫ 所長挨拶」.
func homeGlued(part string) string {
	for _, h := range []string{"HOME", "Home", "TOP"} {
		if rest, ok := strings.CutPrefix(part, h); ok && rest != "" && !isLatinWord(firstRune(rest)) {
			return rest
		}
	}
	return part
}

var reParenPosition = regexp.MustCompile(`^(.+?)\s*[(（]([^()（）]+)[)）]$`)

func nextNonBlank(lines []string, i int) int {
	for ; i < len(lines); i++ {
		if lines[i] != "" {
			return i
		}
	}
	return -1
}

// reParenDateRest is what may follow the date in a date line in brackets:
// how the text went out and the programme or paper it came from
// (「(2022年9月22日放送「news every.」より)」).
var reParenDateRest = regexp.MustCompile(`^[\s\x{3000}]*(放送|配信|掲載|公開|更新|発行)?[\s\x{3000}]*(?:「[^」]{1,40}」|『[^』]{1,40}』)?[\s\x{3000}]*(?:より|から)?[\s\x{3000}]*$`)

// parenDateLine reads a line that is only a date in brackets, as pages put
// below the text (「(2026年1月10日)」) or as a broadcast's source line.
func parenDateLine(line string) (datedAs, bool) {
	r, l := firstRune(line), lastRune(line)
	if r != '(' && r != '（' || l != ')' && l != '）' || len(line) > 160 || !containsDigit(line) {
		return datedAs{}, false
	}
	inner := strings.TrimSpace(line[len(string(r)) : len(line)-len(string(l))])
	dm, ok := findDateTime(inner)
	if !ok || dm.start != 0 || dm.month {
		return datedAs{}, false
	}
	sm := reParenDateRest.FindStringSubmatch(inner[dm.end:])
	if sm == nil {
		return datedAs{}, false
	}
	return datedAs{date: dm.date, at: dm.at, updated: sm[1] == "更新"}, true
}

// categoryDateLine reads a section's name before the date: 「国際・海外
// 2024.04.26」「WORLD 2025/06/03 18:30」. Every word before the date must
// be a one-word label.
func categoryDateLine(line string) (cats []string, dates []datedAs, ok bool) {
	if len(line) > maxDateLine || !containsDigit(line) {
		return nil, nil, false
	}
	if strings.ContainsAny(line, "|｜") {
		return dateBarLabels(line)
	}
	if !strings.ContainsAny(line, " \u3000") || isDigit(firstRune(line)) {
		return nil, nil, false
	}
	fields := strings.Fields(line)
	for i := 1; i < len(fields) && i <= 3; i++ {
		if !isCategoryLabel(fields[i-1]) || containsDigit(fields[i-1]) {
			return nil, nil, false
		}
		if !isDigit(firstRune(fields[i])) && firstRune(fields[i]) != '令' {
			continue
		}
		if _, byline := bylineOf(strings.Join(fields[:i], " ")); byline {
			return nil, nil, false // 「極東通信 国際部 DATE」: a desk's byline
		}
		if dates, ok := dateLine(strings.Join(fields[i:], " ")); ok {
			return fields[:i], dates, true
		}
		return nil, nil, false
	}
	return nil, nil, false
}

// reSpecialty ends the name of a field of study, as a site prints it
// after an author's name: 「現代ロシア研究」「国際政治学」「中国外交史」.
var reSpecialty = regexp.MustCompile(`(?:研究|政治学|経済学|国際関係論|社会学|歴史学|法学|史|安全保障論?|地域研究|外交論?|政策論|理論|[^大]学)$`)

// nameWithSpecialty reads an author followed by a field of study on one
// line: 「吉岡明子 現代ロシア研究」. The field is no position, and no tag.
func nameWithSpecialty(line string) (doc.Author, bool) {
	if !strings.ContainsAny(line, " \u3000") || longerThan(line, 40) {
		return doc.Author{}, false
	}
	if strings.ContainsAny(line, "/／") {
		return nameWithSpecialties(line)
	}
	fields := strings.Fields(line)
	if len(fields) < 2 || len(fields) > 3 || !reSpecialty.MatchString(line) {
		return doc.Author{}, false
	}
	field := fields[len(fields)-1]
	if runeLen(field) > 16 || strings.ContainsFunc(field, func(r rune) bool { return r >= 'ぁ' && r <= 'ゖ' && r != 'の' }) || hasTitleWord(field) {
		return doc.Author{}, false
	}
	name, reading, ok := personName(strings.Join(fields[:len(fields)-1], " "))
	if !ok {
		return doc.Author{}, false
	}
	return docAuthor(name, reading), true
}

// nameWithSpecialties reads an author and fields of study set apart by
// slashes: 「片岡剛士 応用計量経済学 / マクロ経済学 / 経済政策論」.
func nameWithSpecialties(line string) (doc.Author, bool) {
	fields := strings.FieldsFunc(line, func(r rune) bool { return r == '/' || r == '／' })
	if len(fields) < 2 || len(fields) > 5 {
		return doc.Author{}, false
	}
	// The name and the first field share the part before the first slash:
	// 「森田 健一 国際経済学 / …」.
	head := strings.Fields(fields[0])
	if len(head) < 2 || len(head) > 3 {
		return doc.Author{}, false
	}
	name := strings.Join(head[:len(head)-1], " ")
	fields[0] = head[len(head)-1]
	for _, f := range fields {
		if f = strings.TrimSpace(f); f == "" || runeLen(f) > 16 || !reSpecialty.MatchString(f) || strings.ContainsAny(f, " \u3000") || hasTitleWord(f) {
			return doc.Author{}, false
		}
	}
	n, reading, ok := personName(name)
	if !ok {
		return doc.Author{}, false
	}
	return docAuthor(n, reading), true
}

// participants reads the people of a talk joined by a cross, each with
// the post in brackets: 「鈴木一郎(北東研究所研究員)×山田花子(北東大学教授)」.
func participants(line string) ([]doc.Author, bool) {
	if !strings.ContainsAny(line, "×✕") || longerThan(line, 160) {
		return nil, false
	}
	var out []doc.Author
	for _, part := range strings.FieldsFunc(line, func(r rune) bool { return r == '×' || r == '✕' }) {
		sm := reParenPosition.FindStringSubmatch(strings.TrimSpace(part))
		if sm == nil {
			return nil, false
		}
		// The post vouches for the name, which may be too rare for the
		// dictionary: a short run of kanji and kana.
		name, pos := strings.TrimSpace(sm[1]), strings.TrimSpace(sm[2])
		if _, _, ok := personName(name); !ok && (!hasTitleWord(pos) || !shortJapaneseName(name)) {
			return nil, false
		}
		a := doc.Author{Name: name}
		if !strings.HasPrefix(pos, "元") {
			a.Affiliation, a.Title = splitPosition(pos)
		}
		out = append(out, a)
	}
	return out, len(out) >= 2
}

// shortJapaneseName reports two to six kanji or katakana: the shape of a
// Japanese person's name written without a space.
func shortJapaneseName(s string) bool {
	n := runeLen(s)
	return n >= 2 && n <= 6 && !strings.ContainsFunc(s, func(r rune) bool { return !isHan(r) && !isKana(r) })
}

// reCoverDate is the date on a repository's cover page: 「Issue Date
// 2020-2」「発行年 2011-08」, the month only, often.
var reCoverDate = regexp.MustCompile(`^(?i:Issue Date|Date Issued|発行年月日|発行年月|発行年|発行日|出版年)\s*[:：]?\s*([0-9]{4})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{1,2}))?$`)

// coverDate reads such a date; a month without its day is an issue month.
func coverDate(line string) (datedAs, bool) {
	if !containsAny(line, "Date", "発行", "出版") {
		return datedAs{}, false
	}
	sm := reCoverDate.FindStringSubmatch(line)
	if sm == nil {
		return datedAs{}, false
	}
	month, day := atoi(sm[2]), 1
	if sm[3] != "" {
		day = atoi(sm[3])
	}
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return datedAs{}, false
	}
	return datedAs{date: fmt.Sprintf("%s-%02d-%02d", sm[1], month, day), month: sm[3] == ""}, true
}

// reTimeRangeLine is the time a conference began and ended, on a line of
// its own under its date: 「16時26分~17時5分」「18:00~18:39」.
var reTimeRangeLine = regexp.MustCompile(`^([0-9０-９]{1,2})\s*(?:時\s*([0-9０-９]{1,2})\s*分|[:：]\s*([0-9０-９]{2}))\s*[~〜～\-–]\s*[0-9０-９]{1,2}\s*(?:時\s*[0-9０-９]{1,2}\s*分|[:：]\s*[0-9０-９]{2})$`)

// timeRangeLine returns the start of such a range as the time part of an
// RFC 3339 moment (「T16:26:00+09:00」).
func timeRangeLine(line string) (string, bool) {
	if !strings.ContainsAny(line, "~〜～-–") {
		return "", false
	}
	sm := reTimeRangeLine.FindStringSubmatch(halfWidth(line))
	if sm == nil {
		return "", false
	}
	h, mi := atoi(sm[1]), atoi(sm[2]+sm[3])
	if h > 23 || mi > 59 {
		return "", false
	}
	return fmt.Sprintf("T%02d:%02d:00+09:00", h, mi), true
}

// splitKeywords splits a list of keywords set apart by commas or slashes;
// nil for a line that is a sentence or has an item too long for a keyword.
func splitKeywords(line string) []string {
	if strings.Contains(line, "。") || longerThan(line, 120) {
		return nil
	}
	var out []string
	for _, k := range strings.FieldsFunc(line, func(r rune) bool { return strings.ContainsRune("、,，/／", r) }) {
		if k = strings.TrimSpace(k); k == "" || longerThan(k, 24) {
			return nil
		} else {
			out = append(out, k)
		}
	}
	return out
}

// nounList reads a line of three or more short nouns set apart by commas
// (「科学技術・学術、スポーツ、文化」): the fields a page is filed under. A
// word with a kana particle or a number makes it a headline instead.
func nounList(line string) ([]string, bool) {
	if strings.Count(line, "、") < 2 || longerThan(line, 60) || strings.ContainsAny(line, "。「」『』!！?？0123456789") {
		return nil, false
	}
	items := strings.Split(line, "、")
	for _, it := range items {
		if it == "" || longerThan(it, 8) || strings.ContainsFunc(it, func(r rune) bool { return r >= 'ぁ' && r <= 'ゖ' || isSpace(r) }) {
			return nil, false
		}
	}
	return items, true
}

// keywordHeading reports a keyword heading standing alone (see
// reKeywordHeading); the expression runs only on short lines.
func keywordHeading(line string) bool {
	return !longerThan(line, 10) && reKeywordHeading.MatchString(line)
}
