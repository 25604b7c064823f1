package parse

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Footnote markers are replaced in the text by sentinel runes from a
// private-use plane, one per marker, so that later repairs (joining lines,
// removing stray spaces) move them along with the text; finish() turns
// them into offsets. Source text never legitimately contains this plane.
const (
	sentinelBase = 0xF0000
	sentinelMax  = 0xFFFFD
)

func isSentinel(r rune) bool { return r >= sentinelBase && r <= sentinelMax }

// markerScanner finds footnote markers in body lines, in reading order.
// Superscripts and bracketed markers ((※1), 【注1】, [1]) are unambiguous.
// Plain digits glued to a sentence (「である1。」) are not: years, counts
// and ordinals look the same. They are accepted only when their value is
// the next one the sequence of markers expects and their context is a
// marker's context, never by rules about particular sentences.
type markerScanner struct {
	labels []string // label of each sentinel, by sentinel index

	// known holds the numeric labels of footnote bodies found in the text;
	// when the document has such a list, plain-digit markers must be in it.
	known map[int]bool
	// plain enables plain-digit markers. Documents whose notes use another
	// family (※1, 注1) never use bare digits as markers.
	plain bool
	// parens are the labels cited as 「(1)」 without a prefix, when the
	// text closes with notes written so (see bodyParser.parenNotes).
	parens map[int]bool
	next   int // the numeric label the sequence expects next

	runes []rune // the line being scanned, reused from line to line
}

func newMarkerScanner(known map[int]bool, plain bool) *markerScanner {
	return &markerScanner{known: known, plain: plain, next: 1}
}

// counters are characters that turn a preceding number into a quantity,
// a date or an ordinal rather than a footnote marker.
const counters = "年月日時分秒号位つ人名個件条項章節頁回度倍割歳代国ヶケカか万億千百十兆円ドル台機隻発基両極対部周期次期枚本社校局点票席歩段品種冊巻行%％‰〜～~:：/／.．,，-−‐"

// markerFollowers may directly follow a plain-digit marker: punctuation
// that ends a clause or a particle that continues the sentence.
const (
	strongFollowers   = "。、，．」』）)】！？!?"
	particleFollowers = "はがをにでともへやのよりなけ"
)

// scan returns line with every marker replaced by a sentinel.
func (m *markerScanner) scan(line string) string {
	if !mayHaveMarker(line, m.plain) {
		return line // no marker can start in this line
	}
	rs := m.runes[:0]
	for _, r := range line {
		rs = append(rs, r)
	}
	m.runes = rs
	var out []rune // nil until the first marker
	for i := 0; i < len(rs); {
		label, n := m.markerAt(rs, i)
		if n == 0 {
			if out != nil {
				out = append(out, rs[i])
			}
			i++
			continue
		}
		if out == nil {
			out = make([]rune, i, len(rs))
			copy(out, rs[:i])
		}
		if len(m.labels) > sentinelMax-sentinelBase {
			out = append(out, rs[i:i+n]...) // absurd marker count: keep the text
		} else {
			out = append(out, rune(sentinelBase+len(m.labels)))
			m.labels = append(m.labels, label)
		}
		i += n
	}
	if out == nil {
		return line
	}
	return string(out)
}

// markerAt reports the marker starting at rs[i], if any: its label and its
// length in runes.
func (m *markerScanner) markerAt(rs []rune, i int) (string, int) {
	r := rs[i]
	switch {
	case isSuperscript(r):
		j := i
		for j < len(rs) && isSuperscript(rs[j]) {
			j++
		}
		// m², km³: an exponent after a Latin letter, not a marker.
		if i > 0 && rs[i-1] < 0x80 && unicode.IsLetter(rs[i-1]) && j-i == 1 && (r == '²' || r == '³') {
			return "", 0
		}
		label := superscriptDigits(rs[i:j])
		m.advance(label)
		return label, j - i
	case r == '(' || r == '（' || r == '【' || r == '[' || r == '［':
		return m.bracketedAt(rs, i)
	case r == '※':
		if d := digitsAt(rs, i+1); d > 0 {
			return "※" + string(rs[i+1:i+1+d]), 1 + d
		}
	case isDigit(r):
		return m.plainAt(rs, i)
	}
	return "", 0
}

// bracketedAt matches (※1) （※1） 【注1】 [注1] (注1) [1] ［1］.
func (m *markerScanner) bracketedAt(rs []rune, i int) (string, int) {
	open := rs[i]
	j := i + 1
	prefix := ""
	if j < len(rs) && (rs[j] == '※' || rs[j] == '注') {
		prefix = string(rs[j])
		j++
	}
	d := digitsAt(rs, j)
	if d == 0 || d > 3 || j+d >= len(rs) {
		return "", 0
	}
	closing := rs[j+d]
	paren := (open == '(' || open == '（') && (closing == ')' || closing == '）')
	if paren && prefix == "" && m.parens[atoi(string(rs[j:j+d]))] && i > 0 && (isJP(rs[i-1]) || isClosingBracket(rs[i-1])) {
		return halfWidth(string(rs[j : j+d])), j + d + 1 - i
	}
	ok := paren && prefix != "" ||
		open == '【' && closing == '】' && prefix == "注" ||
		(open == '[' || open == '［') && (closing == ']' || closing == '］')
	if !ok {
		return "", 0
	}
	label := prefix + halfWidth(string(rs[j:j+d]))
	if prefix == "" {
		m.advance(label)
	}
	return label, j + d + 1 - i
}

// plainAt decides whether the digits at rs[i] are a footnote marker.
func (m *markerScanner) plainAt(rs []rune, i int) (string, int) {
	if !m.plain {
		return "", 0
	}
	d := digitsAt(rs, i)
	if d > 3 {
		return "", 0
	}
	j := i + d
	// What stands before: the marker may be glued to the text or spaced.
	p := i - 1
	for p >= 0 && isSpace(rs[p]) {
		p--
	}
	if p < 0 {
		return "", 0 // a line never starts with a marker
	}
	prev := rs[p]
	switch {
	case isDigit(prev), prev < 0x80 && unicode.IsLetter(prev), strings.ContainsRune(".,/:-_#%$+=&@'", prev):
		return "", 0
	case strings.ContainsRune("第約計全各同毎満築総延図表", prev), refersToItem(rs[:p+1]):
		return "", 0 // 「第3」「図表1が示すように」「写真2は」: an item's number
	case prev == 'の': // 3分の2, その1, 「(3回シリーズの1)」: a number, never a note's
		return "", 0
	case strings.ContainsRune("(（「『【[［〔・", prev):
		return "", 0
	case !(isJP(prev) || isClosingBracket(prev) || isSentinel(prev)):
		return "", 0
	}
	// What follows.
	k := j
	for k < len(rs) && isSpace(rs[k]) {
		k++
	}
	strong := false
	if k < len(rs) {
		next := rs[k]
		switch {
		case isDigit(next), next < 0x80 && unicode.IsLetter(next), strings.ContainsRune(counters, next):
			return "", 0
		case (next == '」' || next == '』') && shortQuoteBefore(rs, i):
			return "", 0 // 「『サハリン2』」「「火星17」」: the number ends a name in quotes
		case strings.ContainsRune(strongFollowers, next), isSentinel(next), isSuperscript(next):
			strong = true
		case strings.ContainsRune(particleFollowers, next):
		default:
			return "", 0
		}
	}
	v := atoi(string(rs[i:j]))
	if !m.expects(v, strong) {
		return "", 0
	}
	m.next = v + 1
	return strconv.Itoa(v), d
}

// itemWords are numbered in the text itself: 「写真1」「資料2」「事例3」.
var itemWords = []string{"写真", "資料", "事例", "グラフ", "ケース", "パターン", "ステップ", "フェーズ", "シナリオ", "ポイント"}

// refersToItem reports text ending in an item's name, before its number.
func refersToItem(before []rune) bool {
	for _, w := range itemWords {
		n := utf8.RuneCountInString(w)
		if len(before) >= n && string(before[len(before)-n:]) == w {
			return true
		}
	}
	return false
}

// shortQuoteBefore reports a quotation opened at most a dozen characters
// before i and not closed since: a name in quotes.
func shortQuoteBefore(rs []rune, i int) bool {
	for p := i - 1; p >= 0 && p >= i-12; p-- {
		switch rs[p] {
		case '「', '『':
			return true
		case '」', '』', '。':
			return false
		}
	}
	return false
}

// expects reports whether v can be the next plain-digit marker: exactly
// the expected number, or one or two past it (a marker the extraction
// lost) when the context is unmistakable.
func (m *markerScanner) expects(v int, strong bool) bool {
	if len(m.known) > 0 && !m.known[v] {
		return false
	}
	return v == m.next || strong && v > m.next && v <= m.next+2
}

// advance moves the expected sequence past an unambiguous numeric marker.
func (m *markerScanner) advance(label string) {
	if v := atoi(label); v >= m.next {
		m.next = v + 1
	}
}

// mayHaveMarker reports whether a footnote marker can start in line: a
// superscript, ※, a bracket opening on ※, 注 or a digit, or with plain
// digits a digit. It reads bytes, since every line of the text goes
// through it.
func mayHaveMarker(line string, plain bool) bool {
	if plain && strings.ContainsAny(line, "0123456789") {
		return true
	}
	// Every other start holds one of these bytes: ( [, the lead bytes of
	// （ ［ ０-９ (EF BC), 【 (E3 80 90), ※ (E2 80 BB), ¹ ² ³ (C2) and
	// ⁰-⁹ (E2 81). Searching for them is far cheaper than decoding the
	// line, and most lines hold none.
	if !strings.ContainsAny(line, "([") && strings.IndexByte(line, 0xc2) < 0 && !strings.Contains(line, "\xef\xbc") && !strings.Contains(line, "【") &&
		!strings.Contains(line, "※") && !strings.Contains(line, "\xe2\x81") {
		return false
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c >= '0' && c <= '9':
			if plain {
				return true
			}
		case c == '(' || c == '[':
			if bracketOpensMarker(line[i+1:]) {
				return true
			}
		case c >= utf8.RuneSelf && utf8.RuneStart(c):
			r, size := utf8.DecodeRuneInString(line[i:])
			switch {
			case isSuperscript(r) || r == '※' || plain && r >= '０' && r <= '９':
				return true
			case r == '（' || r == '【' || r == '［':
				if bracketOpensMarker(line[i+size:]) {
					return true
				}
			}
			i += size - 1
		}
	}
	return false
}

// bracketOpensMarker reports whether what follows an opening bracket can
// be a marker's label: ※, 注 or a digit.
func bracketOpensMarker(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return r == '※' || r == '注' || isDigit(r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func digitsAt(rs []rune, i int) int {
	n := 0
	for i+n < len(rs) && isDigit(rs[i+n]) {
		n++
	}
	return n
}

func superscriptDigits(rs []rune) string {
	b := make([]rune, len(rs))
	for i, r := range rs {
		b[i] = superscriptDigit(r)
	}
	return string(b)
}

func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + (r - '０')
		}
		return r
	}, s)
}
