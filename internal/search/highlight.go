package search

import (
	"slices"
	"sort"
	"strings"
	"unicode"
)

// SnippetLength is the most code points of source text a snippet shows,
// besides the 【】 marks and the … at cut ends (a match that starts inside
// the window is shown whole, so a snippet can run a few over).
const SnippetLength = 120

// Span is a matched stretch of text in code points, End exclusive.
type Span struct{ Start, End int }

// Highlight returns a snippet of text around its best match for the query
// q, with the matched words wrapped in 【】. It finds exactly what Query
// and Vector match: the same lexemes, with words of several lexemes marked
// as one phrase (【外交部】). With no match it returns the text's opening.
func Highlight(text, q string) string {
	return Snippet(text, findWords(lexemes(analyze(text)), queryWords(q)))
}

// findWords returns the spans where each query word occurs in lex.
func findWords(lex []lexeme, words []queryWord) []Span {
	if len(lex) == 0 || len(words) == 0 {
		return nil
	}
	// Several lexemes share a position: a compound and the words inside it.
	byPos := make([][]int, lex[len(lex)-1].pos+1)
	for i, l := range lex {
		byPos[l.pos] = append(byPos[l.pos], i)
	}
	at := func(p int, word string) (lexeme, bool) {
		if p < len(byPos) {
			for _, i := range byPos[p] {
				if lex[i].word == word {
					return lex[i], true
				}
			}
		}
		return lexeme{}, false
	}
	var spans []Span
	for _, w := range words {
		for _, l := range lex {
			if l.word != w[0].word {
				continue
			}
			end, ok := l.end, true
			for _, item := range w[1:] {
				next, found := at(l.pos+item.pos-w[0].pos, item.word)
				if !found {
					ok = false
					break
				}
				end = next.end
			}
			if ok {
				spans = append(spans, Span{l.start, end})
			}
		}
	}
	return spans
}

// Snippet returns up to about SnippetLength code points of text around
// the densest cluster of spans, with each span wrapped in 【】 and … where
// the text was cut. The window opens at a sentence start when one is near,
// so the snippet reads as prose. Callers with their own matches (a topic's
// terms from the tagger) use it directly.
func Snippet(text string, spans []Span) string {
	return snippet([]rune(text), spans)
}

// snippet is Snippet over the text's code points.
func snippet(runes []rune, spans []Span) string {
	spans = normalize(spans, len(runes))
	if len(spans) == 0 {
		return cut(runes, 0, min(len(runes), SnippetLength), nil)
	}
	first, last := densest(spans)
	lo, hi := spans[first].Start, spans[last].End
	room := max(SnippetLength-(hi-lo), 0)
	start := max(lo-room/3, 0)
	// Prefer the start of the sentence holding the first match when it is
	// within the room left, rather than a cut mid-word.
	for i := lo - 1; i >= 0 && i >= lo-room; i-- {
		if i == 0 || isSentenceEnd(runes[i-1]) {
			start = i
			break
		}
	}
	end := min(start+SnippetLength, len(runes))
	if end < hi {
		end = hi
	}
	if end == len(runes) {
		start = max(min(end-SnippetLength, start), 0)
	}
	// A match starting inside the window is shown whole.
	for _, s := range spans {
		if s.Start < end && s.End > end {
			end = s.End
		}
	}
	return cut(runes, start, end, spans)
}

// normalize clips spans to the text, drops empty ones and merges overlaps.
func normalize(spans []Span, n int) []Span {
	var out []Span
	for _, s := range spans {
		s.Start, s.End = max(s.Start, 0), min(s.End, n)
		if s.Start < s.End {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	merged := out[:0]
	for _, s := range out {
		if k := len(merged) - 1; k >= 0 && s.Start <= merged[k].End {
			merged[k].End = max(merged[k].End, s.End)
			continue
		}
		merged = append(merged, s)
	}
	return merged
}

// densest returns the first and last index of the run of sorted spans
// that fits in SnippetLength and holds the most spans, earliest on ties.
func densest(spans []Span) (first, last int) {
	best := 0
	for i := range spans {
		j := i
		for j+1 < len(spans) && spans[j+1].End-spans[i].Start <= SnippetLength {
			j++
		}
		if j-i+1 > best {
			best, first, last = j-i+1, i, j
		}
	}
	return first, last
}

func isSentenceEnd(r rune) bool {
	return strings.ContainsRune("。！？!?\n", r)
}

// cut renders runes[start:end] with the spans inside it marked.
func cut(runes []rune, start, end int, spans []Span) string {
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	for _, s := range spans {
		if s.Start < start || s.End > end {
			continue
		}
		b.WriteString(string(runes[pos:s.Start]))
		b.WriteString("【")
		b.WriteString(string(runes[s.Start:s.End]))
		b.WriteString("】")
		pos = s.End
	}
	b.WriteString(string(runes[pos:end]))
	if end < len(runes) {
		b.WriteString("…")
	}
	return strings.TrimFunc(b.String(), unicode.IsSpace)
}

// QuickHighlight is Highlight for serving search results: it marks the
// query's words where they occur verbatim in text, which for the kanji and
// kana words that make up most queries is exactly where the index matched
// (words inside compounds are indexed as they are written). Only when a
// word does not occur verbatim (an inflected verb, different width) does
// it fall back to Highlight, which analyses the text.
func QuickHighlight(text, q string) string {
	runes := []rune(text)
	var spans []Span
	for _, w := range strings.Fields(q) {
		found := false
		wr := []rune(w)
		for i := 0; i+len(wr) <= len(runes); i++ {
			if runes[i] == wr[0] && slices.Equal(runes[i:i+len(wr)], wr) {
				spans = append(spans, Span{i, i + len(wr)})
				found = true
			}
		}
		if !found {
			return Highlight(text, q)
		}
	}
	return snippet(runes, spans)
}
