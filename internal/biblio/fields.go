package biblio

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// The field patterns are anchored: each recognises a field at the point
// the grammar has reached, never somewhere further on. Digits may be
// full-width and spaces ideographic, as in Japanese typesetting.
const (
	num    = `[0-9０-９]`
	sp     = `[\s\x{3000}]*`
	months = `(January|February|March|April|May|June|July|August|September|October|November|December|` +
		`Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?`
)

var (
	// 2023年9月16日, 2023 年 9 月 16 日, 2018年11月, 2001年, and a monthly's 2020年3月号.
	jaDateRe     = regexp.MustCompile(`^(` + num + `{4})` + sp + `年(?:` + sp + `(` + num + `{1,2})` + sp + `月(?:` + sp + `(` + num + `{1,2})` + sp + `日|` + sp + `号)?)?`)
	jaMonthDayRe = regexp.MustCompile(`^(` + num + `{1,2})` + sp + `月` + sp + `(` + num + `{1,2})` + sp + `日`)
	numDateRe    = regexp.MustCompile(`^([0-9]{4})[/\-]([0-9]{1,2})(?:[/\-]([0-9]{1,2}))?\b`)
	enMDYRe      = regexp.MustCompile(`^` + months + `\s+([0-9]{1,2}),?\s+([0-9]{4})\b`)
	enDMYRe      = regexp.MustCompile(`^([0-9]{1,2})\s+` + months + `,?\s+([0-9]{4})\b`)
	enMYRe       = regexp.MustCompile(`^` + months + `,?\s+([0-9]{4})\b`)
	yearRe       = regexp.MustCompile(`^([0-9]{4})\b`)
	timeRe       = regexp.MustCompile(`^` + sp + num + `{1,2}` + sp + `(?:時(?:` + sp + num + `{1,2}` + sp + `分)?|:[0-9]{2})`)

	// 175~177頁, 31頁, p.170 and pp.170-171 in Japanese notes.
	jaPagesRe = regexp.MustCompile(`^(?:pp?\.` + sp + `)?(` + num + `+(?:` + sp + `[~〜～\-–—‐]` + sp + num + `+)?)` + sp + `(?:頁|ページ)`)
	// p.170, pp.170-171, pp.2-3, and 5.
	// A bare number or range (170, 461–495) is read by the English grammar by position.
	numberRe  = regexp.MustCompile(`^[0-9]+(?:\s*[-–~]\s*[0-9]+)?`)
	enPagesRe = regexp.MustCompile(`^pp?\.\s*([0-9]+(?:\s*[-–~]\s*[0-9]+)?(?:\s*,\s*(?:and\s+)?[0-9]+(?:\s*[-–~]\s*[0-9]+)?)*)`)
	pageAndRe = regexp.MustCompile(`\s*,\s*(?:and\s+)?`)

	// 第51巻4号, 第51巻第4号, 51巻4号, 第617号, Vol. 3, No. 2.
	jaVolumeRe = regexp.MustCompile(`^第?` + sp + `(` + num + `+)` + sp + `巻(?:` + sp + `第?` + sp + `(` + num + `+)` + sp + `号)?`)
	jaIssueRe  = regexp.MustCompile(`^第` + sp + `(` + num + `+)` + sp + `号`)
	enVolumeRe = regexp.MustCompile(`^(?i:vol)\.?\s*([0-9]+)(?:\s*,?\s*(?i:no)\.?\s*([0-9]+))?`)
	enIssueRe  = regexp.MustCompile(`^(?i:no)\.\s*([0-9]+)`)
)

var monthNumber = map[string]int{
	"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
	"Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}

// date is a stated date; a zero part was not stated. A Japanese note may
// give a month and day without the year ("6月22日07時05分").
type date struct{ y, m, d int }

// iso returns the date as YYYY, YYYY-MM or YYYY-MM-DD, or "" without a year.
func (d date) iso() string {
	switch {
	case d.y == 0:
		return ""
	case d.m == 0:
		return fmt.Sprintf("%04d", d.y)
	case d.d == 0:
		return fmt.Sprintf("%04d-%02d", d.y, d.m)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d)
}

func (d date) stated() bool { return d.y != 0 || d.m != 0 }

// dateAt recognises a date at the start of s and returns it with its
// length. A bare year ("2008") counts only where bare is true: in English
// fields and in a publisher's parenthesis, not in running Japanese.
func dateAt(s string, bare bool) (date, int, bool) {
	try := func(re *regexp.Regexp, y, m, d int) (date, int, bool) {
		g := re.FindStringSubmatchIndex(s)
		if g == nil {
			return date{}, 0, false
		}
		// part returns group k as a number and whether it lies in [lo, hi];
		// an unused or unmatched group is 0 and always fits.
		part := func(k, lo, hi int) (int, bool) {
			if k == 0 || g[2*k] < 0 {
				return 0, true
			}
			t := s[g[2*k]:g[2*k+1]]
			v, ok := monthNumber[t[:min(3, len(t))]]
			if !ok {
				v = atoi(t)
			}
			return v, lo <= v && v <= hi
		}
		yy, okY := part(y, 1000, 2999)
		mm, okM := part(m, 1, 12)
		dd, okD := part(d, 1, 31)
		if !okY || !okM || !okD {
			return date{}, 0, false
		}
		return date{yy, mm, dd}, g[1], true
	}
	for _, p := range []struct {
		re      *regexp.Regexp
		y, m, d int
	}{
		{jaDateRe, 1, 2, 3}, {jaMonthDayRe, 0, 1, 2}, {numDateRe, 1, 2, 3},
		{enMDYRe, 3, 1, 2}, {enDMYRe, 3, 2, 1}, {enMYRe, 2, 1, 0},
	} {
		if dt, n, ok := try(p.re, p.y, p.m, p.d); ok {
			return dt, n, true
		}
	}
	if bare {
		return try(yearRe, 1, 0, 0)
	}
	return date{}, 0, false
}

// pagesAt recognises the pages a note cites at the start of s. Japanese
// ranges keep their tilde as written; an English list loses its "and".
func pagesAt(s string) (string, int, bool) {
	if g := jaPagesRe.FindStringSubmatchIndex(s); g != nil {
		return s[g[2]:g[3]], g[1], true
	}
	if g := enPagesRe.FindStringSubmatchIndex(s); g != nil {
		return pageAndRe.ReplaceAllString(s[g[2]:g[3]], ", "), g[1], true
	}
	return "", 0, false
}

// volumeAt recognises a volume and/or issue number at the start of s.
func volumeAt(s string) (volume, issue string, n int, ok bool) {
	if g := jaVolumeRe.FindStringSubmatchIndex(s); g != nil {
		return s[g[2]:g[3]], sub(s, g, 2), g[1], true
	}
	if g := jaIssueRe.FindStringSubmatchIndex(s); g != nil {
		return "", s[g[2]:g[3]], g[1], true
	}
	if g := enVolumeRe.FindStringSubmatchIndex(s); g != nil {
		return s[g[2]:g[3]], sub(s, g, 2), g[1], true
	}
	if g := enIssueRe.FindStringSubmatchIndex(s); g != nil {
		return "", s[g[2]:g[3]], g[1], true
	}
	return "", "", 0, false
}

func sub(s string, g []int, k int) string {
	if g[2*k] < 0 {
		return ""
	}
	return s[g[2*k]:g[2*k+1]]
}

// pubInfo reads a publisher's parenthesis: "草思社、2001年",
// "New York: McGraw-Hill, Inc, 1979", or a date alone ("2018年11月"). It
// must end in a date, which is what tells it from a parenthesis of prose.
func pubInfo(s string) (publisher, place string, d date, ok bool) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "."))
	head, last := "", s
	if i := strings.LastIndexAny(s, "、,，"); i >= 0 {
		head, last = s[:i], s[i:]
		last = strings.TrimLeft(last, "、,，")
	}
	last = strings.TrimSpace(last)
	d, n, ok := dateAt(last, true)
	if !ok || n != len(last) || d.y == 0 {
		return "", "", date{}, false
	}
	head = strings.TrimSpace(head)
	if i := strings.IndexAny(head, ":："); i >= 0 {
		place, head = strings.TrimSpace(head[:i]), head[i:]
		head = strings.TrimSpace(strings.TrimLeft(head, ":："))
	}
	if hasAny(head+place, isHiragana) || strings.ContainsAny(head, "「」『』()（）") {
		return "", "", date{}, false
	}
	return head, place, d, true
}

func atoi(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case '0' <= r && r <= '9':
			n = n*10 + int(r-'0')
		case '０' <= r && r <= '９':
			n = n*10 + int(r-'０')
		}
		if n > 1e6 {
			return n
		}
	}
	return n
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' || '０' <= r && r <= '９' }

func isHiragana(r rune) bool { return unicode.Is(unicode.Hiragana, r) }

// isCJK reports whether r is Japanese, Chinese or Korean text or
// punctuation, the runes that never occur in an English reference.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		0x3000 < r && r < 0x3040 || r == 'ー'
}

func hasAny(s string, f func(rune) bool) bool { return strings.IndexFunc(s, f) >= 0 }

// skipSpace returns the offset of the first non-space rune of s at or after i.
func skipSpace(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ' || s[i] == '\t' || s[i] == '\n':
			i++
		case strings.HasPrefix(s[i:], "\u3000"):
			i += len("\u3000")
		default:
			return i
		}
	}
	return i
}
