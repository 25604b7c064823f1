package search

import (
	"math"
	"slices"
)

// Counts says how many paragraphs hold each lexeme of a plan
// (Plan.Lexemes): its words and their tier lexemes, from the table the
// paragraphs' triggers keep (migration 000018). A lexeme it does not name
// is held by no paragraph.
type Counts map[string]int64

// Lexemes returns what a plan's Counts must name: each word and each of
// its tier lexemes.
func (p Plan) Lexemes() []string {
	out := make([]string, 0, len(p.words)*(1+len(tierFloors)))
	for _, w := range p.words {
		out = append(out, w)
		for _, f := range tierFloors {
			out = append(out, tierLexeme(w, f))
		}
	}
	return out
}

// WithCounts returns the plan with the counts of its lexemes among all
// paragraphs, and their number (≤ 0 when unknown: for Estimate). TopK
// then leaves out the tiers and levels that hold no paragraph, without
// asking the index. The counts are of every paragraph, so a search with
// filters may use them too (its matches are fewer, never more).
func (p Plan) WithCounts(c Counts, paragraphs float64) Plan {
	p.counts, p.paragraphs = c, paragraphs
	return p
}

// Matches returns the number of paragraphs the plan's query matches when
// its counts tell it exactly: a query of one word (not a phrase), whose
// matches are the paragraphs holding it. ok is false otherwise.
func (p Plan) Matches() (n int64, ok bool) {
	if p.counts == nil || len(p.words) != 1 || p.Query != quoted(p.words[0]) {
		return 0, false
	}
	return p.counts[p.words[0]], true
}

// Bound returns an upper bound on the plan's matches from its counts
// (every word must occur, so the rarest word's count), ok false without
// counts.
func (p Plan) Bound() (n int64, ok bool) {
	if p.counts == nil {
		return 0, false
	}
	n = p.counts[p.words[0]]
	for _, w := range p.words[1:] {
		n = min(n, p.counts[w])
	}
	return n, true
}

// classCount returns how many paragraphs say w a number of times in c,
// from the counts: a tier's count is its lexeme's (each paragraph that
// says w twice or more holds exactly one of w's tier lexemes), and "once"
// is the word's count less all its tiers'. ok is false without counts.
func (p Plan) classCount(w string, c class) (n int64, ok bool) {
	if p.counts == nil {
		return 0, false
	}
	if c.floor == 1 {
		n = p.counts[w]
		for _, f := range tierFloors {
			n -= p.counts[tierLexeme(w, f)]
		}
		return n, true
	}
	for _, f := range tierFloors {
		if f >= c.floor && f <= c.ceil {
			n += p.counts[tierLexeme(w, f)]
		}
	}
	return n, true
}

// tiersHeld returns the floors of w's tiers that some paragraph holds,
// from the highest (all of them without counts).
func (p Plan) tiersHeld(w string) []int {
	floors := slices.Clone(tierFloors)
	slices.Reverse(floors)
	if p.counts == nil {
		return floors
	}
	return slices.DeleteFunc(floors, func(f int) bool { return p.counts[tierLexeme(w, f)] == 0 })
}

// Estimate returns an estimate of the plan's matches among all
// paragraphs from its counts, as if its words occurred independently (as
// PostgreSQL's planner estimates them, but from exact counts, for rare
// words too), at most Bound; a phrase is estimated as its words ANDed.
// ok is false without counts or the number of paragraphs.
func (p Plan) Estimate() (n int, ok bool) {
	bound, ok := p.Bound()
	if !ok || p.paragraphs <= 0 {
		return 0, false
	}
	e := p.paragraphs
	for _, w := range p.words {
		e *= float64(p.counts[w]) / p.paragraphs
	}
	return int(min(float64(bound), math.Round(e))), true
}
