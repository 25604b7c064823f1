package pdftext

import (
	"strings"
	"unicode"
)

// ruby removes furigana (ルビ): kana set small just above the kanji they
// read, in a line of their own over the line they belong to. Left in,
// each would read as a line of its own and break its paragraph (「じ し
// ん」 between the lines of 「大きな地震が…」).
func (b *builder) ruby() {
	for i, r := range b.lines {
		if b.used[i] || !kanaOnly(r.text) {
			continue
		}
		// The base line is one of the lines read next to the furigana.
		for j := max(i-8, 0); j < min(i+9, len(b.lines)); j++ {
			base := b.lines[j]
			if j == i || base.page != r.page || b.used[j] {
				continue
			}
			// Furigana are about half the base's size, their foot at the
			// base line's head, within its width.
			if r.size <= 0.65*base.size && r.bottom <= base.top+0.5*base.em && r.bottom >= base.top-0.6*r.em &&
				r.x0 >= base.x0-r.em && r.x1 <= base.x1+r.em && hasHan(base.text) {
				b.remove(i, "ruby")
				break
			}
		}
	}
}

// kanaOnly reports a line of kana and spaces only.
func kanaOnly(s string) bool {
	n := 0
	for _, c := range s {
		switch {
		case unicode.In(c, unicode.Hiragana, unicode.Katakana) || c == 'ー':
			n++
		case c != ' ' && c != '　':
			return false
		}
	}
	return n > 0
}

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(c rune) bool { return unicode.Is(unicode.Han, c) }) >= 0
}
