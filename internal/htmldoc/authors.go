package htmldoc

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/recog"
)

var (
	// reCreditMarks is what a credit sets before the name: 「文●」「文・」
	// 「取材・文：」.
	reCreditMarks = regexp.MustCompile(`^(?:取材・文|取材・執筆|文・写真|文と写真|写真・文|文|著|筆者|執筆|構成・文|構成)\s*[●・:：/／＝=]\s*`)
	// reBracketByline is a byline in square brackets, the names and then
	// the desk or company after a comma: 「[田中宏昌，ITmedia]」.
	reBracketByline = regexp.MustCompile(`^[\[［]([^\[\]［］]{2,60})[\]］]$`)
	// reDatelineName opens a news story with where it was filed and who
	// filed it: 「【ロンドン＝岡田浩幸】」「【ワシントン＝山田太郎、鈴木花子】」.
	reDatelineName = regexp.MustCompile(`^[\s　]*【([^】＝=]{1,12})[＝=]([^】]{2,24})】`)
	// reEnglishByline is a credit in English, which always says "by":
	// 「TEXT BY ARIELLE PARDES」「Written by Jane Roe」.
	reEnglishByline = regexp.MustCompile(`^(?i:text|words|written|reported|story)\s+(?i:by)\s+(\p{Lu}[\p{L}.'\- ]{1,40})$`)
)

// readByline reads a byline line: what the text parser's recogniser
// reads, with the shapes web pages add (a desk after a slash, a bracketed
// credit with the company after a comma).
func readByline(s string, sites []string) ([]doc.Author, bool) {
	s = strings.TrimSpace(s)
	if m := reBracketByline.FindStringSubmatch(s); m != nil {
		if authors := bracketed(m[1], sites); len(authors) > 0 {
			return authors, true
		}
	}
	if authors, ok := creditList(s); ok {
		return authors, true
	}
	stripped := reCreditMarks.ReplaceAllString(s, "")
	if stripped != s {
		if name, aff, ok := strings.Cut(stripped, "／"); ok {
			if n, ok := bareName(name); ok && aff != "" {
				aff = strings.TrimSpace(aff)
				return []doc.Author{{Name: n, Affiliation: &aff}}, true
			}
		}
		if n, ok := bareName(stripped); ok {
			return []doc.Author{{Name: n}}, true
		}
	}
	return recog.Byline(s)
}

// reCreditRole is a credit's role before the name it credits:
// 「取材・文／」「写真＝」「撮影：」.
var reCreditRole = regexp.MustCompile(`^(?:取材・文|取材・執筆|文・写真|文と写真|写真・文|取材|文|写真|撮影|構成・文|構成|編集|イラスト|図版|図|著|執筆|聞き手)\s*[●・:：/／＝=]\s*`)

// creditList reads a credit of several people, each with or without a
// role (「（取材・文／田中一郎、写真／佐藤花子）」「文・写真＝田中一郎、佐藤花子」):
// the people, writers and photographers alike, never the role words.
func creditList(s string) ([]doc.Author, bool) {
	inner := strings.TrimSpace(s)
	if strings.HasPrefix(inner, "（") && strings.HasSuffix(inner, "）") {
		inner = strings.TrimSuffix(strings.TrimPrefix(inner, "（"), "）")
	} else if strings.HasPrefix(inner, "(") && strings.HasSuffix(inner, ")") {
		inner = inner[1 : len(inner)-1]
	}
	if !reCreditRole.MatchString(inner) {
		return nil, false
	}
	var out []doc.Author
	for _, part := range strings.FieldsFunc(inner, func(r rune) bool { return r == '、' || r == '，' }) {
		name, ok := bareName(reCreditRole.ReplaceAllString(strings.TrimSpace(part), ""))
		if !ok || reCreditRole.MatchString(name+"／") || strings.ContainsAny(name, "／/＝=") {
			return nil, false
		}
		out = append(out, doc.Author{Name: name})
	}
	return out, len(out) > 1 // one name alone, and its desk, readByline reads below
}

// bracketed reads 「田中宏昌，ITmedia」: names, and a last part that is a
// company's or desk's name when it is in Latin letters, ends in a desk's
// word or begins the site's name.
func bracketed(inner string, sites []string) []doc.Author {
	parts := strings.FieldsFunc(inner, func(r rune) bool { return r == '，' || r == ',' || r == '、' })
	if len(parts) == 0 {
		return nil
	}
	var aff *string
	if last := strings.TrimSpace(parts[len(parts)-1]); len(parts) > 1 && isOrgName(last, sites) {
		aff = &last
		parts = parts[:len(parts)-1]
	}
	var out []doc.Author
	for _, p := range parts {
		n, ok := bareName(p)
		if !ok {
			return nil
		}
		out = append(out, doc.Author{Name: n, Affiliation: aff})
	}
	return out
}

// isOrgName tells a company or desk named after a person in a credit: a
// word in Latin letters (「ITmedia」), a desk (「…編集部」), or the site.
func isOrgName(s string, sites []string) bool {
	if strings.HasSuffix(s, "編集部") || strings.HasSuffix(s, "編集局") {
		return true
	}
	for _, site := range sites {
		if strings.HasPrefix(nameKey(site), nameKey(s)) {
			return true
		}
	}
	for _, r := range s {
		if r > 0x7f {
			return false
		}
	}
	return s != "" && !strings.Contains(s, " ")
}

// datelineAuthors reads the reporters a news story opens with:
// 「【ロンドン＝岡田浩幸】１０日に…」.
func datelineAuthors(text string) []doc.Author {
	m := reDatelineName.FindStringSubmatch(text)
	if m == nil {
		return nil
	}
	var out []doc.Author
	for _, p := range strings.FieldsFunc(m[2], func(r rune) bool { return r == '、' || r == '・' }) {
		if n, ok := bareName(p); ok && runeLen(n) <= 8 {
			out = append(out, doc.Author{Name: n})
		}
	}
	return out
}

// reClosingCredit is the reporters' credit a paper's story closes with,
// after its last sentence: 「…直面しているとみている。【ナイロビ西田浩二、
// ジュネーブ森本彩】」, each a bureau's city in katakana and a name.
var reClosingCredit = regexp.MustCompile(`。\s*【([\p{Katakana}ー・\p{Han}、]{4,40})】$`)

// reCityName is one part of a closing credit: the city, then the name.
var reCityName = regexp.MustCompile(`^\p{Katakana}[\p{Katakana}ー・]*(\p{Han}{2,4})$`)

// closingAuthors reads the reporters a story's closing credit names;
// a part that reads as an office (「…大統領府」) is no one.
func closingAuthors(text string) []doc.Author {
	m := reClosingCredit.FindStringSubmatch(text)
	if m == nil {
		return nil
	}
	var out []doc.Author
	for _, part := range strings.Split(m[1], "、") {
		if n := reCityName.FindStringSubmatch(part); n != nil && !strings.ContainsRune("府省庁局部会社党軍院所団", []rune(n[1])[runeLen(n[1])-1]) {
			out = append(out, doc.Author{Name: n[1]})
		}
	}
	return out
}

// isPlaceholder reports a name credited as an author that is no person:
// the site (「ZDNet Japan Staff」「《ScanNetSecurity》」) or a staff credit.
func isPlaceholder(name string, sites []string) bool {
	key := strings.ToLower(nameKey(name))
	if key == "" || strings.HasPrefix(name, "《") || strings.HasPrefix(name, "〈") {
		return true
	}
	for _, w := range []string{"staff", "スタッフ", "editor", "編集部員", "admin", "管理人", "webmaster"} {
		if strings.Contains(key, w) {
			return true
		}
	}
	for _, s := range sites {
		s = strings.ToLower(nameKey(s))
		if s != "" && strings.Contains(key, s) {
			return true
		}
	}
	return false
}

// reEndCredit is the reporters' credit a story closes with, in brackets
// after its last sentence or as a line of its own: 「【田中一郎】」,
// 「〔ソウル＝朴美姫〕」, 「（ワシントン＝佐藤健、鈴木花子記者）」, 「（大野春香）」.
var reEndCredit = regexp.MustCompile(`(?:^|[。」』])[\s　]*[【〔［\[（(]\s*(?:[^＝=【】〔〕［］\[\]（）()]{1,12}[＝=])?([\p{Han}\p{Hiragana}\p{Katakana}ー々・、 　]{2,40}?)\s*(?:記者|特派員|通信員|編集委員|論説委員|撮影)?\s*[】〕］\]）)]$`)

// notNames are what closing brackets hold that is no reporter: an
// agency's credit, the end mark, a note on honorifics.
var notNames = map[string]bool{
	"共同": true, "時事": true, "共同通信": true, "時事通信": true, "ロイター": true, "写真": true, "撮影": true,
	"終わり": true, "おわり": true, "了": true, "完": true, "続く": true, "つづく": true, "以上": true,
	"敬称略": true, "一部敬称略": true, "文中敬称略": true, "肩書略": true, "年齢は当時": true, "写真も": true,
	"ニュースサイト編集部": true, "編集部": true, "編集局": true, "整理部": true,
}

// postWords are the posts a closing credit sets beside the name.
var postWords = map[string]bool{
	"編集委員": true, "論説委員": true, "特別編集委員": true, "客員編集委員": true, "解説委員": true, "記者": true,
	"特派員": true, "支局長": true, "総局長": true, "編集長": true, "カメラマン": true, "デスク": true, "通信員": true,
}

// endCredit reads the reporters' credit that closes text. Every part
// must read as a person's name, a city before it dropped (「ナイロビ西田浩二」):
// two to ten letters with a kanji among them, not an agency or a body.
func endCredit(text string) []doc.Author {
	m := reEndCredit.FindStringSubmatch(text)
	if m == nil {
		return nil
	}
	var out []doc.Author
	for _, part := range strings.FieldsFunc(m[1], func(r rune) bool { return r == '、' || r == '・' }) {
		name := strings.TrimSpace(strings.Trim(part, "　"))
		if n := reCityName.FindStringSubmatch(name); n != nil {
			name = n[1]
		}
		if postWords[name] || reDeskLine.MatchString(name) {
			continue // 「（編集委員・田中一郎）」: the post or desk beside the name
		}
		n := runeLen(name)
		if n < 2 || n > 10 || notNames[name] || !strings.ContainsFunc(name, func(r rune) bool { return unicode.Is(unicode.Han, r) }) || isOrganization(name, "") {
			return nil
		}
		out = append(out, doc.Author{Name: name})
	}
	return out
}
