package jatext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Fold maps s to the form used to compare words: full-width Latin letters
// and digits become ASCII, half-width katakana become full-width, and
// letters are lowercased, so that "ＴＨＡＡＤ", "THAAD" and "thaad" (or ｶﾀｶﾅ
// and カタカナ) compare equal. Invalid UTF-8 and control characters are
// dropped, because the folded form ends up in PostgreSQL text values.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "")
	// Folding half-width katakana leaves voicing marks as combining
	// characters (ﾊﾞ → ハ + U+3099); NFC composes them back (バ).
	s = strings.ToLower(norm.NFC.String(width.Fold.String(s)))
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// isFolded reports whether Fold would return s unchanged for the common
// case: hiragana, katakana, kanji and lowercase ASCII. It keeps Fold from
// allocating for the bulk of Japanese text.
func isFolded(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f || ('A' <= c && c <= 'Z') {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return false
		case 0x3040 <= r && r < 0x3099, 0x309c < r && r <= 0x30ff, // kana without lone voicing marks
			0x4e00 <= r && r <= 0x9fff, // CJK unified ideographs
			0x3000 < r && r < 0x3040:   // CJK punctuation
		default:
			return false
		}
		i += n
	}
	return true
}
