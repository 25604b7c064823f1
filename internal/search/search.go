// Package search turns Japanese text into PostgreSQL full-text search
// vectors and queries built from the same morphological analyzer, so that
// search needs no PostgreSQL extension: the store keeps Vector's output in
// a tsvector column with a GIN index and matches it with
// `search @@ $1::tsquery` using Query's output.
package search

import (
	"slices"
	"strings"
	"unicode"

	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

// PostgreSQL limits (src/include/tsearch/ts_type.h).
const (
	maxLexemeBytes = 2046      // a longer word fails the cast ("word is too long")
	maxPosition    = 16383     // larger positions are clamped
	maxPositions   = 256       // per lexeme; more are dropped
	maxVectorBytes = 1<<20 - 1 // lexeme bytes per tsvector
)

// Query size limits: a query box does not need more, and a bound keeps a
// hostile query from producing a huge tsquery.
const (
	maxQueryLexemes = 64
	maxJoinGap      = 8 // tokens; PostgreSQL allows phrase distances up to 16384
)

// lexeme is one indexed word of a text.
type lexeme struct {
	word string // folded dictionary form
	// pos counts every token except whitespace, from 1, so that words a
	// query phrase expects side by side are side by side here too, even
	// when a particle or punctuation between them is not indexed.
	pos int
	// start and end are code-point offsets of the token in the text.
	start, end int
}

// lexemes turns tokens (analyze's, which split long compounds: 中国外交部
// → 中国 外交 部) into the words a text is found by. Indexed are the folded dictionary forms of words (押し付けた is
// found as 押し付ける, ＴＨＡＡＤ as thaad). Not indexed:
//   - whitespace, which does not even take a position: PDF extraction
//     leaves stray spaces inside Japanese words;
//   - punctuation and symbols;
//   - particles and auxiliary verbs (助詞, 助動詞: の, は, を, た, ない …),
//     which occur in every paragraph: a query for の would match the whole
//     corpus, and a query like 中国の役割 would be dominated by them. They
//     keep their positions, so phrases stay exact.
//
// The part of speech is not used to find punctuation, because kagome tags
// Hangul words 記号 (symbol) and an ASCII parenthesis 名詞 (noun).
func lexemes(toks []jatext.Token) []lexeme {
	out := make([]lexeme, 0, len(toks))
	pos := 0
	for _, t := range toks {
		if strings.TrimSpace(t.Surface) == "" {
			continue
		}
		pos++
		if !indexed(t) {
			continue
		}
		w := cleanWord(jatext.Fold(t.Base))
		if w == "" || len(w) > maxLexemeBytes {
			continue
		}
		out = append(out, lexeme{word: w, pos: pos, start: t.Start, end: t.End})
		out = appendInnerWords(out, t, pos)
	}
	return out
}

// maxCompound bounds the kanji compounds whose inner words are indexed;
// longer runs are names and codes, not words to search inside.
const maxCompound = 8

// appendInnerWords indexes the parts of a word the analyzer keeps whole,
// at the word's position: each run of one script in a mixed word (核 and
// ミサイル in 核ミサイル), and every shorter run of kanji inside a kanji
// compound (核 and 兵器 in 核兵器, 朝鮮 in 北朝鮮). Readers search for the
// parts of compounds, and the analyzer's search mode splits only long ones.
func appendInnerWords(out []lexeme, t jatext.Token, pos int) []lexeme {
	rs := []rune(t.Surface)
	if len(rs) < 2 || t.Base != t.Surface {
		return out
	}
	runs := scriptRuns(rs)
	for _, run := range runs {
		if len(runs) > 1 {
			if w := cleanWord(jatext.Fold(string(rs[run.Start:run.End]))); hasWordRune(w) {
				out = append(out, lexeme{word: w, pos: pos, start: t.Start + run.Start, end: t.Start + run.End})
			}
		}
		n := run.End - run.Start
		if n < 2 || n > maxCompound || !unicode.Is(unicode.Han, rs[run.Start]) {
			continue
		}
		for size := 1; size < n; size++ {
			for i := run.Start; i+size <= run.End; i++ {
				out = append(out, lexeme{word: string(rs[i : i+size]), pos: pos, start: t.Start + i, end: t.Start + i + size})
			}
		}
	}
	return out
}

// scriptRuns splits a word into maximal runs of one script: kanji, kana,
// or anything else.
func scriptRuns(rs []rune) []Span {
	script := func(r rune) int {
		switch {
		case unicode.Is(unicode.Han, r):
			return 1
		case unicode.In(r, unicode.Katakana, unicode.Hiragana) || r == 'ー':
			return 2
		}
		return 3
	}
	var runs []Span
	for i := range rs {
		if i == 0 || script(rs[i]) != script(rs[i-1]) {
			runs = append(runs, Span{Start: i, End: i + 1})
		} else {
			runs[len(runs)-1].End = i + 1
		}
	}
	return runs
}

func indexed(t jatext.Token) bool {
	if len(t.POS) > 0 && (t.POS[0] == "助詞" || t.POS[0] == "助動詞") {
		return false
	}
	return hasWordRune(t.Surface)
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// writeQuoted writes a lexeme in the quoted form both tsvector and tsquery
// input accept: inside single quotes, a quote is doubled and a backslash
// escaped, and nothing else is special.
func writeQuoted(b *strings.Builder, w string) {
	b.WriteByte('\'')
	for _, r := range w {
		switch r {
		case '\'':
			b.WriteString("''")
		case '\\':
			b.WriteString(`\\`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
}

// A queryWord is what the user typed as one word, as lexemes with their
// positions relative to each other: 外交部 is 外交 at 1 and 部 at 2.
type queryWord []lexeme

// queryWords splits a query into words. Whitespace, particles, auxiliary
// verbs and punctuation separate words; what lies between is one word,
// even when the analyzer splits it into several lexemes. Middle dots,
// hyphens and the like join rather than separate (バック・パッシング, Su-35):
// they take a position, as in Vector, but do not end the word.
func queryWords(q string) []queryWord {
	var words []queryWord
	n := 0
	for _, chunk := range strings.Fields(q) {
		var cur queryWord
		flush := func() {
			if len(cur) > maxQueryLexemes-n {
				cur = cur[:maxQueryLexemes-n]
			}
			if len(cur) > 0 && !containsWord(words, cur) {
				words = append(words, cur)
				n += len(cur)
			}
			cur = nil
		}
		pos := 0
		for _, t := range analyze(chunk) {
			if strings.TrimSpace(t.Surface) == "" {
				continue
			}
			pos++
			if indexed(t) {
				if w := cleanWord(jatext.Fold(t.Base)); w != "" && len(w) <= maxLexemeBytes {
					if len(cur) > 0 && pos-cur[len(cur)-1].pos > maxJoinGap {
						flush() // too far apart to be one word
					}
					cur = append(cur, lexeme{word: w, pos: pos, start: t.Start, end: t.End})
					continue
				}
			}
			if !isJoiner(t.Surface) {
				flush()
			}
		}
		flush()
	}
	return words
}

func isJoiner(s string) bool {
	return strings.Trim(s, "・･-‐‑‒–—_.'’") == ""
}

func containsWord(words []queryWord, w queryWord) bool {
	return slices.ContainsFunc(words, func(x queryWord) bool {
		return slices.EqualFunc(x, w, func(a, b lexeme) bool { return a.word == b.word && a.pos-x[0].pos == b.pos-w[0].pos })
	})
}

// Query returns the text form of a tsquery for a user's query; ok is false
// when the query has no searchable terms. Every word must occur
// (words are ANDed); a word the analyzer splits into several lexemes must
// occur as a phrase (外交部 → '外交' <-> '部'). Operators the user types
// (& | ! < > : * parentheses) are punctuation here, never tsquery syntax,
// so any input gives a valid tsquery.
func Query(q string) (tsquery string, ok bool) {
	p, ok := NewPlan(q)
	return p.Query, ok
}
