// Package recog recognises what a single string of a source is: a date, a
// byline, a caption's credit, a line of site chrome. The PDF and HTML
// front-ends ask it about the strings their markup does not label.
//
// The text parser's recognisers (internal/parse's Date, Byline,
// SplitCredit, Chrome) decide first, so that all three formats read the
// same forms the same way; the few forms below, and webchrome.FrontEnd,
// are what the front-ends meet and the text parser does not recognise yet
// (labelled credits after a space, share buttons with a verb, tag lines).
// The lists of a web page's furniture themselves live in
// internal/recog/webchrome, which the text parser uses too.
package recog

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/parse"
	"github.com/sourcecmp/sourcecmp/internal/recog/webchrome"
)

// Date returns the first date s states as YYYY-MM-DD, and the moment in
// RFC 3339 when a time of day is stated with it ("" otherwise).
func Date(s string) (date, at string, ok bool) { return parse.Date(s) }

// BeforeDate returns the words of s before the first one that states a
// date: 「ソウル支局長　佐藤 健一」 of 「ソウル支局長　佐藤 健一　2025年6月18日 14:30」.
func BeforeDate(s string) (string, bool) {
	fields := strings.Fields(s)
	for i, f := range fields {
		if _, _, ok := parse.Date(f); ok {
			return strings.Join(fields[:i], " "), i > 0
		}
	}
	return "", false
}

// Byline returns the authors a credit line names: 「ソウル支局長　佐藤 健一」,
// 「（文・中村 由紀子）」, 「筆者：山田 翔太」. ok is false for any other line.
func Byline(s string) ([]doc.Author, bool) { return parse.Byline(s) }

// reLabelledCredit is a credit labelled after the caption's text, set off
// by a space: 「…　写真：ロイター／アフロ」, 「…　出所：各国の貿易統計」.
var reLabelledCredit = regexp.MustCompile(`(?:[\s　]+|[、。）)])(?:写真|撮影|画像|提供|出所|出典|資料|Photo|Source)\s*[:：]\s*(.{1,60})$`)

// Credit splits a caption into its text and its credit (nil when none is
// stated): 「両首脳（2024年6月）＝AFP時事」 → 「両首脳（2024年6月）」, 「AFP時事」.
func Credit(caption string) (text string, credit *string) {
	caption = strings.TrimSpace(caption)
	text, c := parse.SplitCredit(caption)
	if c != "" {
		return text, &c
	}
	if text, c, ok := widthFoldedCredit(caption); ok {
		return text, &c
	}
	if l := reLabelledCredit.FindStringSubmatchIndex(caption); l != nil && l[0] > 0 {
		c := strings.TrimSpace(caption[l[2]:l[3]])
		end := l[0]
		if r := caption[l[0]:]; strings.HasPrefix(r, "）") || strings.HasPrefix(r, ")") || strings.HasPrefix(r, "、") || strings.HasPrefix(r, "。") {
			_, size := utf8.DecodeRuneInString(r)
			if !strings.HasPrefix(r, "、") && !strings.HasPrefix(r, "。") {
				end += size // the bracket belongs to the text
			}
		}
		return strings.TrimSpace(caption[:end]), &c
	}
	return caption, nil
}

// widthFoldedCredit splits a credit written in full-width Latin letters
// (「港に入る貨物船＝ＡＰ」, as papers set agencies' names in body type) the way
// the text parser splits its half-width form (「＝AP」): it reads the
// folded caption and gives back the original's letters.
func widthFoldedCredit(caption string) (text, credit string, ok bool) {
	if !strings.ContainsFunc(caption, isFullwidthLatin) {
		return "", "", false
	}
	runes := []rune(caption)
	folded := make([]rune, len(runes))
	for i, r := range runes {
		if isFullwidthLatin(r) {
			r -= 0xFF21 - 'A'
		}
		folded[i] = r
	}
	ft, fc := parse.SplitCredit(string(folded))
	start := strings.LastIndex(string(folded), fc)
	if fc == "" || start < 0 || !strings.HasPrefix(string(folded), ft) {
		return "", "", false
	}
	at := utf8.RuneCountInString(string(folded)[:start])
	return string(runes[:utf8.RuneCountInString(ft)]), string(runes[at : at+utf8.RuneCountInString(fc)]), true
}

// isFullwidthLatin reports a full-width Latin capital or small letter.
func isFullwidthLatin(r rune) bool { return r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ' }

// Chrome says whether a line is site chrome (share buttons, navigation,
// related links, tags, boilerplate, ads, paywall prompts) and which kind.
func Chrome(line string) (reason string, ok bool) {
	if reason, ok := parse.Chrome(line); ok {
		return reason, true
	}
	return webchrome.FrontEnd(line)
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
			if found, ok := Byline(s[l[2]:l[3]] + "：" + v); ok {
				authors = append(authors, found...)
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
