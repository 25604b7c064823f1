// Package anchor locates verbatim quotes in a document's text the way W3C
// Web Annotations do: by the quote itself (TextQuoteSelector) and by its
// code-point span (TextPositionSelector), with a little context on each
// side so that the quote can be found again after the text changes.
package anchor

import (
	"errors"
	"fmt"
	"unicode"
)

// ContextLen is how many code points of context a match keeps on each side.
const ContextLen = 32

// Errors returned when a quote cannot be anchored.
var (
	ErrEmptyQuote = errors.New("empty quote")
	ErrNotFound   = errors.New("quote not found in the document text")
	ErrAmbiguous  = errors.New("quote occurs more than once; add a prefix that tells the occurrences apart")
)

// Match is an anchored quote: text[Start:End] (code points) is the quote
// as the document writes it, with up to ContextLen code points around it.
type Match struct {
	Start, End     int
	Quote          string
	Prefix, Suffix string
}

// Text is a document text prepared for repeated anchoring: its runes and
// a whitespace-free copy with a map back to rune offsets, so that matching
// ignores differences in spacing and line breaks.
type Text struct {
	runes    []rune
	squeezed []rune
	orig     []int // orig[i] is the offset in runes of squeezed[i]
}

// NewText prepares text for anchoring.
func NewText(text string) *Text {
	runes := []rune(text)
	// Sized for the whole text: a body is tens of thousands of runes, few
	// of them spaces, and growing the copies by appending cost more than
	// the scan.
	t := &Text{runes: runes, squeezed: make([]rune, 0, len(runes)), orig: make([]int, 0, len(runes))}
	for i, r := range t.runes {
		if !unicode.IsSpace(r) {
			t.squeezed = append(t.squeezed, r)
			t.orig = append(t.orig, i)
		}
	}
	return t
}

func squeeze(s string) []rune {
	var out []rune
	for _, r := range s {
		if !unicode.IsSpace(r) {
			out = append(out, r)
		}
	}
	return out
}

// occurrences returns the squeezed offsets where q occurs.
func (t *Text) occurrences(q []rune) []int {
	var out []int
	if len(q) == 0 {
		return nil
	}
	for i := 0; i+len(q) <= len(t.squeezed); i++ {
		if t.squeezed[i] == q[0] && equal(t.squeezed[i:i+len(q)], q) {
			out = append(out, i)
		}
	}
	return out
}

func equal(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// match builds the Match for the squeezed occurrence at i of length n.
func (t *Text) match(i, n int) Match {
	start, end := t.orig[i], t.orig[i+n-1]+1
	m := Match{Start: start, End: end, Quote: string(t.runes[start:end])}
	m.Prefix = string(t.runes[max(0, start-ContextLen):start])
	m.Suffix = string(t.runes[end:min(len(t.runes), end+ContextLen)])
	return m
}

// Locate finds quote in the text. When it occurs more than once, prefix
// (text just before the quote, whitespace ignored) must pick exactly one.
func (t *Text) Locate(quote, prefix string) (Match, error) {
	q := squeeze(quote)
	if len(q) == 0 {
		return Match{}, ErrEmptyQuote
	}
	occ := t.occurrences(q)
	if p := squeeze(prefix); len(occ) > 1 && len(p) > 0 {
		var kept []int
		for _, i := range occ {
			if i >= len(p) && equal(t.squeezed[i-len(p):i], p) {
				kept = append(kept, i)
			}
		}
		occ = kept
	}
	switch len(occ) {
	case 0:
		return Match{}, ErrNotFound
	case 1:
		return t.match(occ[0], len(q)), nil
	}
	return Match{}, fmt.Errorf("%w (%d occurrences)", ErrAmbiguous, len(occ))
}

// Reanchor finds a quote again in changed text, choosing among several
// occurrences the one whose surroundings best agree with the prefix and
// suffix recorded when it was anchored. It fails with ErrNotFound when the
// quote is gone and ErrAmbiguous when the context cannot decide.
func (t *Text) Reanchor(quote, prefix, suffix string) (Match, error) {
	q := squeeze(quote)
	if len(q) == 0 {
		return Match{}, ErrEmptyQuote
	}
	occ := t.occurrences(q)
	if len(occ) == 0 {
		return Match{}, ErrNotFound
	}
	p, s := squeeze(prefix), squeeze(suffix)
	best, bestScore, tie := -1, -1, false
	for _, i := range occ {
		score := commonSuffix(t.squeezed[:i], p) + commonPrefix(t.squeezed[i+len(q):], s)
		switch {
		case score > bestScore:
			best, bestScore, tie = i, score, false
		case score == bestScore:
			tie = true
		}
	}
	if tie {
		return Match{}, fmt.Errorf("%w (%d occurrences)", ErrAmbiguous, len(occ))
	}
	return t.match(best, len(q)), nil
}

func commonSuffix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

func commonPrefix(a, b []rune) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// Len returns the text's length in code points.
func (t *Text) Len() int { return len(t.runes) }

// Slice returns text[start:end] in code points.
func (t *Text) Slice(start, end int) string { return string(t.runes[start:end]) }
