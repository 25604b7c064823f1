package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isHan reports ideographs, including the iteration and abbreviation marks
// that behave like them.
func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r) || r == '々' || r == '〆' || r == '〇'
}

// isKana reports hiragana and katakana, full- and half-width, with the
// prolonged sound mark and the middle dot.
func isKana(r rune) bool {
	return unicode.In(r, unicode.Hiragana, unicode.Katakana) || r == 'ー' || r == '・' ||
		(r >= 0xFF66 && r <= 0xFF9F)
}

// hasHiragana reports hiragana in s: a phrase with its particles, not a
// bare name or label.
func hasHiragana(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r >= 'ぁ' && r <= 'ゖ' })
}

// isJP reports characters of Japanese text: ideographs, kana, Japanese
// punctuation and full-width forms. Hangul is not included: Korean separates
// words with spaces that must be kept.
func isJP(r rune) bool {
	switch {
	case isHan(r), isKana(r):
		return true
	case r >= 0x3000 && r <= 0x303F: // CJK symbols and punctuation
		return r != 0x3000 // the ideographic space is a space
	case r >= 0xFF01 && r <= 0xFF65: // full-width forms
		return true
	}
	return false
}

// isLatinWord reports letters and digits of scripts written with spaces.
func isLatinWord(r rune) bool {
	return r < 0x3000 && (unicode.IsLetter(r) || unicode.IsDigit(r)) || unicode.Is(unicode.Hangul, r)
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || unicode.IsSpace(r) }

// superscriptDigit maps a superscript digit to its ASCII digit, or 0.
func superscriptDigit(r rune) rune {
	switch {
	case r == '¹':
		return '1'
	case r == '²':
		return '2'
	case r == '³':
		return '3'
	case r >= '⁰' && r <= '⁹' && r != '\u2071' && r != '\u2072' && r != '\u2073':
		return '0' + (r - '⁰')
	}
	return 0
}

func isSuperscript(r rune) bool { return superscriptDigit(r) != 0 }

// isTerminal reports characters that can end a sentence or a paragraph.
func isTerminal(r rune) bool {
	return strings.ContainsRune("。．.！!？?」』）)】〕］]〉》”’…\"'", r)
}

// isClosingBracket reports brackets after which a footnote marker may stand.
func isClosingBracket(r rune) bool { return strings.ContainsRune("」』）)】〕］]〉》”", r) }

// continuationStart reports whether text cannot begin a sentence, so a line
// starting with it must continue the previous one: small kana, the prolonged
// sound mark, closing punctuation.
func continuationStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶーんン、。，．」』）)】〕", r)
}

// sentenceConnectives begin a new sentence when followed by a comma; a line
// starting with one does not continue an unfinished line before it.
var sentenceConnectives = []string{
	"また", "しかし", "なお", "さらに", "一方", "ただし", "ただ", "つまり", "そして", "だが",
	"ところが", "例えば", "たとえば", "特に", "実際", "従って", "したがって", "このため",
	"そのため", "これに対し", "同時に", "加えて", "他方", "まず", "次に", "最後に", "結局",
	"もっとも", "むしろ", "とはいえ", "それでも", "では", "すなわち", "要するに", "第一に", "第二に",
}

func startsSentence(s string) bool {
	for _, c := range sentenceConnectives {
		if rest, ok := strings.CutPrefix(s, c); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			if r == '、' || r == '，' || r == ',' {
				return true
			}
		}
	}
	return false
}

// lastRune returns the last rune of s that is not a space.
func lastRune(s string) rune {
	s = strings.TrimRightFunc(s, isSpace)
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// joinSeparator is what goes between two pieces of one line broken apart:
// nothing in Japanese text, a space between words of spaced scripts.
func joinSeparator(left, right string) string {
	l, r := lastRune(left), firstRune(right)
	if l == '-' || l == '/' {
		return ""
	}
	if (isLatinWord(l) || strings.ContainsRune(",.;:)", l)) && isLatinWord(r) {
		return " "
	}
	if unicode.Is(unicode.Hangul, l) || unicode.Is(unicode.Hangul, r) {
		return " "
	}
	return ""
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

// longerThan reports whether s has more than n code points, without
// counting them when its length in bytes decides.
func longerThan(s string, n int) bool {
	switch {
	case len(s) <= n:
		return false
	case len(s) > utf8.UTFMax*n:
		return true
	}
	return runeLen(s) > n
}

// trimLine removes surrounding spaces, including the ideographic space used
// to indent Japanese paragraphs.
func trimLine(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return isSpace(r) || r == '\r' })
}
