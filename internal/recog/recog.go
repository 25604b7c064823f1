// Package recog recognises what a single string of a source is: a date, a
// byline, a caption's credit, a line of site chrome. The PDF and HTML
// front-ends ask it about the strings their markup does not label.
//
// The text parser (internal/parse) owns these rules; until it exports
// them, this package keeps small equivalents, so that switching each
// function to parse's is a one-line change.
package recog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// Date forms seen in Japanese sources; spaces may stand between the parts.
var (
	reDateKanji = regexp.MustCompile(`([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日`)
	reDateEra   = regexp.MustCompile(`(令和|平成)\s*([0-9０-９]{1,2}|元)\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日`)
	reDateSep   = regexp.MustCompile(`(?:^|[^0-9０-９.])([0-9０-９]{4})\s*[/.\-．／]\s*([0-9０-９]{1,2})\s*[/.\-．／]\s*([0-9０-９]{1,2})(?:[^0-9０-９]|$)`)
	reDateEn    = regexp.MustCompile(`(?i)\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),?\s+(\d{4})\b`)
)

var eraStart = map[string]int{"令和": 2018, "平成": 1988}

// Date returns the first date in s as YYYY-MM-DD, and the byte span it
// takes in s.
func Date(s string) (date string, start, end int, ok bool) {
	best := -1
	set := func(y, m, d, from, to int) {
		if validDate(y, m, d) && (best < 0 || from < best) {
			best, date, start, end = from, fmt.Sprintf("%04d-%02d-%02d", y, m, d), from, to
		}
	}
	if l := reDateKanji.FindStringSubmatchIndex(s); l != nil {
		set(atoi(s[l[2]:l[3]]), atoi(s[l[4]:l[5]]), atoi(s[l[6]:l[7]]), l[0], l[1])
	}
	if l := reDateEra.FindStringSubmatchIndex(s); l != nil {
		y := 1
		if v := s[l[4]:l[5]]; v != "元" {
			y = atoi(v)
		}
		set(eraStart[s[l[2]:l[3]]]+y, atoi(s[l[6]:l[7]]), atoi(s[l[8]:l[9]]), l[0], l[1])
	}
	if l := reDateSep.FindStringSubmatchIndex(s); l != nil {
		set(atoi(s[l[2]:l[3]]), atoi(s[l[4]:l[5]]), atoi(s[l[6]:l[7]]), l[2], l[7])
	}
	if l := reDateEn.FindStringSubmatchIndex(s); l != nil {
		set(atoi(s[l[6]:l[7]]), month(s[l[2]:l[3]]), atoi(s[l[4]:l[5]]), l[0], l[1])
	}
	return date, start, end, best >= 0
}

func validDate(y, m, d int) bool {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

func atoi(s string) int {
	n, err := strconv.Atoi(strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + r - '０'
		}
		return r
	}, s))
	if err != nil {
		return -1
	}
	return n
}

func month(name string) int {
	for m := time.January; m <= time.December; m++ {
		if strings.EqualFold(m.String(), name) {
			return int(m)
		}
	}
	return 0
}

// titleWords end a job title: 「教授」「研究室長」「記者」.
var titleWords = []string{
	"名誉教授", "特任教授", "客員教授", "准教授", "教授", "専任講師", "講師", "助教",
	"主任研究官", "研究官", "主任研究員", "上席研究員", "客員研究員", "特別研究員", "研究員", "研究委員",
	"研究室長", "研究部長", "研究所長", "センター長", "室長", "部長", "課長", "局長", "所長", "院長", "学長", "社長",
	"理事長", "理事", "会長", "委員長", "委員", "代表", "顧問", "参与",
	"編集委員", "論説委員", "解説委員", "編集長", "編集者", "デスク", "特派員", "支局長", "記者",
	"フェロー", "アナリスト", "エコノミスト", "ジャーナリスト", "ライター", "コラムニスト",
	"専門官", "主任", "主幹", "参事官", "大使", "研究主幹", "学者",
}

var (
	// 「（文・中村 由紀子）」「（文＝中村由紀子）」「筆者：山田 翔太」「文／山田翔太」.
	reBylineLabel = regexp.MustCompile(`^[(（]?\s*(?:文|筆者|執筆|著者|記者|取材・文|寄稿|By|by)\s*[・=＝:：/／]\s*(.+?)\s*[)）]?$`)
	// A person's name: two to four kanji or kana words of 1–5 characters,
	// or Latin words, at most 16 characters in all.
	reName = regexp.MustCompile(`^(?:[\p{Han}\p{Katakana}\p{Hiragana}ー々]{1,5}(?:[ 　・]?[\p{Han}\p{Katakana}\p{Hiragana}ー々]{1,6})?|[A-Z][a-z]+(?: [A-Z][a-z.]+){1,3})$`)
)

// Byline reads a credit line: 「ソウル支局長　佐藤 健一」, 「地域研究部
// 主任研究官　小林 直人」, 「（文・中村 由紀子）」, 「筆者：山田 翔太」. It
// returns nil when s does not read as one.
func Byline(s string) *doc.Author {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 60 || strings.ContainsAny(s, "。、「」") {
		return nil
	}
	labelled := false
	if m := reBylineLabel.FindStringSubmatch(s); m != nil {
		s, labelled = m[1], true
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "記者"), " ")
	fields := strings.FieldsFunc(s, unicode.IsSpace)
	// The name is the last one or two fields; what precedes is the position.
	for take := min(2, len(fields)); take >= 1; take-- {
		name := strings.Join(fields[len(fields)-take:], " ")
		if !reName.MatchString(name) || endsWithTitle(name) {
			continue
		}
		a := &doc.Author{Name: name}
		pos := strings.Join(fields[:len(fields)-take], " ")
		if pos != "" {
			if !endsWithTitle(pos) {
				continue
			}
			a.Affiliation, a.Title = splitPosition(pos)
		}
		// A bare word is a name only when it looks like one: a kanji
		// surname and a given name, or three to six kanji — not 「政治」
		// or 「スポーツ」 from a menu.
		if pos == "" && !labelled && !looksLikeName(fields[len(fields)-take:]) {
			continue
		}
		return a
	}
	return nil
}

func endsWithTitle(s string) bool { return titleAt(s) >= 0 }

func looksLikeName(fields []string) bool {
	han := func(s string) bool {
		for _, r := range s {
			if !unicode.Is(unicode.Han, r) && r != '々' {
				return false
			}
		}
		return true
	}
	switch n := utf8.RuneCountInString(fields[0]); {
	case len(fields) == 2:
		return han(fields[0]) || reName.MatchString(strings.Join(fields, " ")) && fields[0][0] < 0x80
	case han(fields[0]):
		return n >= 3 && n <= 6
	}
	return false
}

// reMetaLabel finds the labelled parts of a meta line.
var reMetaLabel = regexp.MustCompile(`(筆者|著者|執筆者|記者|文|カテゴリー|カテゴリ|分類|投稿日|公開日|掲載日|更新日|配信日)\s*[:：]\s*`)

// IsMetaLine reports a line with labelled parts: 「筆者：…」「投稿日：…」.
func IsMetaLine(s string) bool { return reMetaLabel.MatchString(s) }

// MetaLine reads the labelled parts of a line such as 「投稿日：2025年2月14日
// カテゴリー：朝鮮半島　筆者：山田 翔太」: the authors and categories it names.
func MetaLine(s string) (authors []doc.Author, categories []string) {
	locs := reMetaLabel.FindAllStringSubmatchIndex(s, -1)
	for i, l := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		v := strings.TrimSpace(s[l[1]:end])
		switch s[l[2]:l[3]] {
		case "筆者", "著者", "執筆者", "記者", "文":
			if au := Byline(s[l[2]:l[3]] + "：" + v); au != nil {
				authors = append(authors, *au)
			}
		case "カテゴリー", "カテゴリ", "分類":
			for _, c := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '、' || r == '，' }) {
				if c = strings.TrimSpace(c); c != "" {
					categories = append(categories, c)
				}
			}
		}
	}
	return authors, categories
}

func titleAt(s string) int {
	best := -1
	for _, w := range titleWords {
		if strings.HasSuffix(s, w) && (best < 0 || len(s)-len(w) < best) {
			best = len(s) - len(w)
		}
	}
	return best
}

// splitPosition splits 「地域研究部 北東アジア研究室 主任研究官」 into the
// affiliation and the job title (its last field, or its title suffix).
func splitPosition(pos string) (affiliation, title *string) {
	fields := strings.Fields(pos)
	last := fields[len(fields)-1]
	if len(fields) > 1 || titleAt(last) == 0 {
		t := last
		if len(fields) == 1 {
			return nil, &t
		}
		a := strings.Join(fields[:len(fields)-1], " ")
		return &a, &t
	}
	i := titleAt(last)
	a, t := last[:i], last[i:]
	return &a, &t
}

// Credit forms at the end of a caption, tried in order: 「…＝AFP時事」,
// 「… 写真：共同」 and 「… 出所：各国の統計」, 「…（ロイター）」, 「… (Photo by X)」.
var reCredits = []*regexp.Regexp{
	regexp.MustCompile(`\s*[＝=]\s*([^\s=＝]{1,30})$`),
	regexp.MustCompile(`(?:^|[\s　]+|[、。])(?:写真|撮影|画像|提供|出所|出典|資料|Photo|Source)\s*[:：]\s*(.{1,60})$`),
	regexp.MustCompile(`[\s　]*[(（]\s*(?:(?:写真|撮影|提供)\s*[:：=＝]?\s*)?((?:AFP|AP|EPA|UPI|ロイター|共同|時事|Getty|ゲッティ|アフロ|聯合|新華社|タス|Bloomberg|ANP)[^)）]{0,20})[)）]$`),
	regexp.MustCompile(`(?i)[\s　]*[(（]\s*Photo(?:\s+by|\s+credit)?\s*:?\s*([^)）]{1,40})[)）]$`),
}

// Credit splits a caption into its text and its credit (nil when none is
// stated): 「両首脳（2024年6月）＝AFP時事」 → 「両首脳（2024年6月）」, 「AFP時事」.
func Credit(caption string) (text string, credit *string) {
	caption = strings.TrimSpace(caption)
	for _, re := range reCredits {
		l := re.FindStringSubmatchIndex(caption)
		if l == nil || l[0] == 0 {
			continue
		}
		c := strings.TrimSpace(caption[l[2]:l[3]])
		return strings.TrimSpace(caption[:l[0]]), &c
	}
	return caption, nil
}

// chrome lines: what a site repeats around every article.
var chrome = []struct {
	reason string
	re     *regexp.Regexp
}{
	{"share", regexp.MustCompile(`(?i)^(?:シェア|共有|ツイート|ポスト|いいね|ブックマーク|印刷|リンクをコピー|LINEで送る|はてなブックマーク|X|Facebook|Twitter|LINE|Pocket|Share|Tweet|Print)(?:[:：]|\s|$|で|する)|(?:でシェア|でポスト|で送る|に追加)$`)},
	{"related", regexp.MustCompile(`^(?:関連記事|関連ニュース|あわせて読みたい|おすすめ記事|こちらもおすすめ|人気の記事|アクセスランキング|ランキング|最近の投稿|Related(?: articles| posts)?|Read more)[:：]?$`)},
	{"tags", regexp.MustCompile(`^(?:タグ|キーワード|Tags?)(?:\s*[:：]|\s|$)|^#\S+(?:\s+#\S+)*$`)},
	{"copyright", regexp.MustCompile(`(?i)(?:©|\(c\)|copyright|all rights reserved|無断(?:転載|複製))`)},
	{"ad", regexp.MustCompile(`^(?:広告|PR|スポンサーリンク|Advertisement|AD)$`)},
	{"paywall", regexp.MustCompile(`(?:続きを読む|この記事は有料|会員限定|ログインして続きを読む|有料会員)`)},
}

// Chrome says whether a line is site chrome (share buttons, related
// links, tags, copyright, ads, paywall prompts) and which kind.
func Chrome(line string) (reason string, ok bool) {
	line = strings.TrimSpace(line)
	if line == "" || utf8.RuneCountInString(line) > 80 {
		return "", false
	}
	for _, c := range chrome {
		if c.re.MatchString(line) {
			return c.reason, true
		}
	}
	return "", false
}
