package parse

import "strings"

// A headline names what its lead tells: the two share content words. A
// site's label, a section's name or a page's chrome above the headline
// (「社員紹介」「advertisements」) shares none of them. The words are
// compared as pairs of adjacent kanji or katakana, which needs no
// dictionary and survives the inflections kana carry.

// leadSpan bounds the lead's text compared, in bytes.
const leadSpan = 1200

// leadBigrams are the kanji and katakana pairs of a document's lead.
type leadBigrams map[string]bool

// leadWords collects the pairs of the first lines below the header zone.
func leadWords(lines []string, zone []zoneLine) leadBigrams {
	if len(zone) == 0 {
		return nil
	}
	var b strings.Builder
	for i := zone[len(zone)-1].i + 1; i < len(lines) && b.Len() < leadSpan; i++ {
		b.WriteString(lines[i])
		b.WriteByte('\n')
	}
	words := leadBigrams{}
	eachBigram(b.String(), func(bg string) { words[bg] = true })
	return words
}

// score is what the overlap of line with the lead adds to its score as a
// title: a bonus for a line that shares two pairs or more. A line that
// shares none costs nothing: a short headline may name its subject in
// other words than the lead (「港のベストショット」 over the photographs).
// A lead too short to judge by changes nothing.
func (w leadBigrams) score(line string) int {
	if w.retells(line) {
		return 3
	}
	return 0
}

// retells reports a line that shares two pairs or more with a lead long
// enough to judge by, or all it has (「港での取材」 has one).
func (w leadBigrams) retells(line string) bool {
	if len(w) < 8 {
		return false
	}
	pairs := 0
	eachBigram(line, func(string) { pairs++ })
	shared := w.shared(line)
	return shared >= 2 || pairs > 0 && shared == pairs
}

// shared counts the pairs of line that the lead has.
func (w leadBigrams) shared(line string) int {
	n := 0
	eachBigram(line, func(bg string) {
		if w[bg] {
			n++
		}
	})
	return n
}

// eachBigram calls f with each pair of adjacent kanji or katakana in s.
func eachBigram(s string, f func(string)) {
	var prev rune
	for _, r := range s {
		if !isHan(r) && !isKatakanaLetter(r) {
			prev = 0
			continue
		}
		if prev != 0 {
			f(string([]rune{prev, r}))
		}
		prev = r
	}
}

// isKatakanaLetter reports a katakana letter or the long-vowel mark.
func isKatakanaLetter(r rune) bool {
	return r >= 'ァ' && r <= 'ヺ' || r == 'ー'
}
