package htmldoc

import (
	"regexp"
	"slices"
	"strings"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/recog"
)

// title is the article's headline: JSON-LD, Open Graph, citation_title,
// the page's <h1>, then <title> without the site's name. The first that
// the page's <title> bears out wins: a JSON-LD headline can be a
// description (「Wikimedia list article」), an <h1> the site's logo or a
// section's name; with none borne out, the head's own statement stands,
// and without one the <title>.
func (a *assembler) title(blocks []block) *string {
	t := a.headline(blocks)
	if t != nil {
		if head, label, ok := labelSetApart(*t, blocks); ok {
			// 「【コラム名】見出し」 in the head, where the page shows the
			// column's name on a line of its own over the headline.
			a.series(label)
			t = &head
		}
		// 「見出し (1/3)」: the page of an article split over pages, not its headline.
		trimmed := strings.TrimSpace(rePageNumber.ReplaceAllString(*t, ""))
		if trimmed != "" {
			t = &trimmed
		}
		if head, name, ok := titleWriter(*t); ok {
			// 「コラム名　見出し＝筆者名」: a column's headline credits its
			// writer after 「＝」; the page's <h1> still shows it whole.
			a.d.Authors = appendAuthor(a.d.Authors, doc.Author{Name: name})
			a.h1Key = squash(*t)
			t = &head
		}
	}
	return t
}

// labelSetApart splits a bracketed label off the front of a head's title
// when the page itself sets the two apart: the label is a line of its own
// and the rest a heading (「【河崎真澄の特派員】見出し」 over <div>河崎真澄の
// 特派員</div><h3>見出し</h3>).
func labelSetApart(t string, blocks []block) (head, label string, ok bool) {
	m := reBracketLabel.FindStringSubmatch(t)
	if m == nil {
		return "", "", false
	}
	label, head = squash(m[1]), squash(m[2])
	var labelSeen, headSeen bool
	for _, b := range blocks {
		switch squash(b.text) {
		case label:
			labelSeen = labelSeen || b.heading == 0
		case head:
			headSeen = headSeen || b.heading > 0
		}
	}
	if !labelSeen || !headSeen {
		return "", "", false
	}
	return strings.TrimSpace(m[2]), strings.TrimSpace(m[1]), true
}

// reBracketLabel is a title opening with a label in 【】 or ［］.
var reBracketLabel = regexp.MustCompile(`^[【［]([^】］]{2,30})[】］]\s*(\S.{3,})$`)

// reTitleWriter is a headline that closes with its writer's name after
// 「＝」: 「円安はどこまで続くか＝山田太郎」.
var reTitleWriter = regexp.MustCompile(`^(.{6,}?)[ 　]*[＝=][ 　]*([\p{Han}々ヶ]{1,4}[ 　]?[\p{Han}\p{Hiragana}\p{Katakana}々ヶー]{1,5})$`)

// notWriters end what follows 「＝」 in a headline when it is the news's
// source or place, not a writer: 「＝米報道」「＝北京市」「＝日銀総裁」.
var notWriters = []string{"報道", "発表", "社", "国", "県", "市", "都", "州", "省", "庁", "局", "軍", "党", "委", "政府", "首相", "大統領", "長官", "大臣", "知事", "社長", "会長", "議長", "委員長", "代表", "総裁", "調査", "関係者", "筋", "紙", "誌", "速報", "詳報", "写真", "動画", "更新", "追記", "解説", "図解", "一覧"}

// titleWriter splits a headline's closing writer off it: the name must
// have three letters or more, kanji first, and end in no word for a
// source, a place or a post.
func titleWriter(t string) (head, name string, ok bool) {
	m := reTitleWriter.FindStringSubmatch(t)
	if m == nil || runeLen(squash(m[2])) < 3 {
		return "", "", false
	}
	for _, w := range notWriters {
		if strings.HasSuffix(m[2], w) {
			return "", "", false
		}
	}
	return strings.TrimSpace(m[1]), strings.TrimSpace(m[2]), true
}

// headline is title's choice, before the page number is dropped.
func (a *assembler) headline(blocks []block) *string {
	var h1 string
	h1In := false
	for _, b := range blocks {
		if b.heading == 1 && b.role != roleChrome {
			h1, h1In = b.text, b.inArticle
			break
		}
	}
	page := stripSiteName(collapse(a.m.pageTitle), a.m.publishers)
	if m := reBracketSite.FindStringSubmatch(page); m != nil {
		page = m[1] // 「見出し　＜サイト名＞」
	}
	page = reSectionLabel.ReplaceAllString(page, "") // 「[News] 見出し」
	var cands []string
	for _, t := range append(slices.Clone(a.m.titles), h1) {
		if t = stripSiteName(collapse(t), a.m.publishers); t != "" {
			cands = append(cands, t)
		}
	}
	if t := a.blogTitle(blocks); t != "" {
		return &t
	}
	// With no head title but the <title> (og:title naming only the site),
	// the <title> itself: 「見出し | 区分 | サイト」.
	heads := cands
	if len(a.m.titles) == 0 {
		heads = append(slices.Clone(cands), collapse(a.m.pageTitle))
	}
	if h := headingBefore(blocks, heads); h != "" {
		return &h
	}
	if h1 != "" && a.headStates(h1) {
		// The <h1> as JSON-LD or Open Graph states it: two statements
		// agree, whatever edited variant the <title> carries (「…の森田
		// 社長が辞任…」 against the page's 「…社長が辞任…」).
		return &h1
	}
	for _, t := range cands {
		if page == "" || bornOut(t, a.m.pageTitle) {
			if h1 != "" && h1In && sameHeadline(h1, t) && 2*runeLen(squash(h1)) >= runeLen(squash(t)) {
				// The head's title is the headline with more (「| 筆者名」,
				// a site's name before it) or an edited variant of it:
				// the page shows its <h1>, less a byline it closes with.
				// An <h1> under half the title is a label of it (a
				// series' 「〈…の店〉」 set as the body's first heading).
				h := a.bylineOff(h1, t)
				return &h
			}
			return &t
		}
	}
	if len(a.m.titles) > 0 {
		return &cands[0]
	}
	if page != "" {
		return &page
	}
	return nil
}

// headStates reports whether one of the head's titles, with or without
// the site's name, is the headline h1, whatever the case and spacing.
func (a *assembler) headStates(h1 string) bool {
	key := strings.ToLower(squash(h1))
	if runeLen(key) < 6 {
		return false
	}
	for _, t := range a.m.titles {
		if strings.ToLower(squash(t)) == key || strings.ToLower(squash(stripSiteName(collapse(t), a.m.publishers))) == key {
			return true
		}
	}
	return false
}

// reSectionLabel is the section's label in square brackets that a
// company's site sets before the headline in its <title>: 「[News] 」.
var reSectionLabel = regexp.MustCompile(`^\[[A-Za-z][A-Za-z .&]{1,15}\][ 　]+`)

// headingBefore returns the page's heading that a head title states with
// the site's or the source's name after it: 「見出し|au Webポータル」,
// 「見出し（CNET Japan） - Yahoo!ニュース」, a blog entry's 「記事名 - ブログ名」
// whose <h1> is the blog's name and whose entry heading is the headline.
func headingBefore(blocks []block, cands []string) string {
	for _, t := range cands {
		for _, b := range blocks {
			if b.heading == 0 || b.heading > 4 || b.role == roleChrome || runeLen(b.text) < 6 {
				continue
			}
			if titleTail(t, b.text) != "" {
				return b.text
			}
		}
	}
	return ""
}

// bylineOff returns the headline h1 without the byline that closes it
// (「見出し　編集委員　中沢克二」, the name in a small span inside the
// <h1>), and files the byline's author: what the <h1> says after the
// part it shares with the head's title t, when that is a byline with a
// post.
func (a *assembler) bylineOff(h1, t string) string {
	hr := []rune(h1)
	common := commonPrefix(hr, []rune(t))
	tail := strings.TrimSpace(string(hr[common:]))
	if common < 6 || tail == "" || runeLen(tail) > 16 {
		return h1
	}
	authors, ok := recog.Byline(tail)
	if !ok || len(authors) != 1 || authors[0].Title == nil && authors[0].Affiliation == nil {
		return h1 // a bare name is too easily the headline's last word
	}
	a.d.Authors = appendAuthor(a.d.Authors, authors[0])
	a.h1Key = squash(h1)
	return strings.TrimSpace(string(hr[:common]))
}

// sameHeadline reports whether t is the headline h1 with something added
// before or after it, or a variant sharing its first half.
func sameHeadline(h1, t string) bool {
	h, k := []rune(strings.ToLower(squash(h1))), []rune(strings.ToLower(squash(t)))
	if len(h) < 6 || len(k) <= len(h) && string(h) == string(k) {
		return false
	}
	if strings.Contains(string(k), string(h)) {
		return true
	}
	common := commonPrefix(h, k)
	return common >= 10 && 2*common >= len(h)
}

// commonPrefix is how many runes a and b share at their start.
func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// blogTitle reads a diary's or blog's title: the <h1> is the blog's name,
// the <title> is 「ブログ名 - 記事名」, and the entry's own heading below
// states the rest (after a mark such as ■).
func (a *assembler) blogTitle(blocks []block) string {
	for _, sep := range []string{" - ", " | ", "｜", " – ", " : ", "："} {
		i := strings.Index(a.m.pageTitle, sep)
		if i <= 0 {
			continue
		}
		site, rest := squash(a.m.pageTitle[:i]), squash(a.m.pageTitle[i+len(sep):])
		if runeLen(rest) < 6 {
			continue
		}
		named := false
		for _, b := range blocks {
			if b.heading > 0 && squash(b.text) == site {
				named = true
			}
			if named && b.heading > 1 && b.role != roleChrome {
				text := strings.TrimLeft(b.text, titleMarks)
				if squash(text) == rest {
					a.blogSite = strings.TrimSpace(a.m.pageTitle[:i])
					return text
				}
			}
		}
	}
	return ""
}

// bornOut reports whether the page's <title> states t (or t the <title>),
// whatever the case and spacing.
func bornOut(t, page string) bool {
	t, page = strings.ToLower(squash(t)), strings.ToLower(squash(page))
	return t != "" && page != "" && (strings.Contains(page, t) || strings.Contains(t, page))
}

// stripSiteName drops a site name and separator from a title:
// 「見出し | 東亜デイリー」 → 「見出し」.
func stripSiteName(t string, sites []string) string {
	for _, sep := range []string{" | ", "｜", " - ", " – ", " — ", " :: ", "|"} {
		i := strings.LastIndex(t, sep)
		if i <= 0 {
			continue
		}
		tail := strings.TrimSpace(t[i+len(sep):])
		for _, s := range sites {
			if tail == s {
				return strings.TrimSpace(t[:i])
			}
		}
		if len(sites) == 0 && runeLen(tail) <= 20 && runeLen(t[:i]) > runeLen(tail) {
			return strings.TrimSpace(t[:i])
		}
	}
	return t
}

// isTitle reports a line that is the article's title, whatever mark
// (■, ●) the template sets before it.
func (a *assembler) isTitle(text string) bool {
	// A headline set over two lines keeps the colon before its second
	// line: 「Intel NUCで最新SSDを比較してみた：」.
	key := strings.TrimRight(squash(rePageNumber.ReplaceAllString(strings.TrimLeft(text, titleMarks), "")), ":：")
	if a.titleKey != "" && key == a.titleKey || a.h1Key != "" && key == a.h1Key {
		return true
	}
	// A series' name before the headline in the same <h1>
	// (「連載名：見出し」, the name in a <small>).
	if a.titleKey == "" || !strings.HasSuffix(key, a.titleKey) {
		return false
	}
	label := strings.TrimSuffix(key, a.titleKey)
	// Or the part's number a serial sets before it (「第5回」 in a <span>).
	return runeLen(label) <= 30 && (strings.HasSuffix(label, "：") || strings.HasSuffix(label, ":")) || rePartNumber.MatchString(label)
}

// rePartNumber is the number of a serial's part: 「第5回」「第12話」「Vol.3」.
var rePartNumber = regexp.MustCompile(`^(?:第[0-9０-９一二三四五六七八九十百]{1,4}[回話部章]|(?i:vol|part)\.?[0-9]{1,3})$`)

// rePageNumber is the page number an article split over pages sets
// after its headline: 「（1/2 ページ）」, and in ASCII after a space
// 「 (1/3)」; 「（5/10）」 alone is as likely a date.
var rePageNumber = regexp.MustCompile(`(?:[（(]\s*[0-9]+\s*/\s*[0-9]+\s*ページ\s*[）)]|\s\([1-9]/[1-9][0-9]?\))\s*$`)

const titleMarks = "■□●○◆◇▲△★☆◎・ 　"
