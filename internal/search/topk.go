package search

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
)

// A Plan answers one user query from the tiered vectors: the tsquery to
// match and rank with, and the distinct words TopK walks the tiers of.
type Plan struct {
	// Query is the tsquery in text form (see Query).
	Query string
	words []string // distinct lexemes, in query order
}

// NewPlan returns the plan of a user's query; ok is false when the query
// has no searchable terms.
func NewPlan(q string) (p Plan, ok bool) {
	words := queryWords(q)
	if len(words) == 0 {
		return Plan{}, false
	}
	p.Query = tsquery(words)
	for _, w := range words {
		for _, l := range w {
			if !slices.Contains(p.words, l.word) {
				p.words = append(p.words, l.word)
			}
		}
	}
	return p, true
}

// Hit is a ranked paragraph.
type Hit struct {
	ID   int64
	Rank float32
}

// Page says which hits TopK returns: Limit of them, best first after the
// cursor After (rank descending, then id), or with Backward the Limit
// nearest before it, nearest first.
type Page struct {
	Limit    int
	After    *Hit
	Backward bool
}

// Source reads ranked paragraphs for TopK; each method is one statement,
// and both apply the search's filters and the page's cursor.
type Source interface {
	// Buckets returns the page of a one-word query: the hits of each
	// tier tsquery of levels in turn (best first within each), then
	// those of rest, which all rank alike (by id); it stops reading as
	// soon as it has the page.
	Buckets(ctx context.Context, levels []string, rest string, limit int) ([]Hit, error)
	// Levels ranks the candidates of each level in turn, and stops
	// after limit of them: the hits on the page's side of the cursor,
	// each with the index of its level.
	Levels(ctx context.Context, levels []Candidates, limit int) ([]LevelHit, error)
}

// Candidates are one level's paragraphs, found in two steps. Index is
// what the GIN index answers: tier lexemes, whose posting lists are
// short, and no positions, so the index's answer needs no recheck on
// the heap. Filter, when set, is the full query (phrases, words the
// tiers do not name), tested on each row Index found. PostgreSQL given
// the full query alone would read the long posting lists of common
// words at every level, and test a phrase against every row with
// the whole level's tsquery.
type Candidates struct {
	Index, Filter string
}

// LevelHit is a hit and the level that found it.
type LevelHit struct {
	Level int
	Hit
}

// Result is a page of hits; Exact says it is the page an exhaustive
// ranking gives (else it is the best of the candidates within budget).
type Result struct {
	Hits  []Hit
	Exact bool
}

// TopK returns a page of the plan's hits in ts_rank order, ranking a
// bounded number of paragraphs. A one-word query walks its tiers from
// the most frequent down and stops at the page: exact. Several words
// (and a backward page) rank candidate sets (bands) of falling
// thresholds on the product of their counts, in one statement, until
// budget paragraphs are ranked; the page is exact when every set was
// ranked, or when its last rank beats what the sets not wholly ranked
// could reach, and else the best of the candidates ranked.
func (p Plan) TopK(ctx context.Context, src Source, pg Page, budget int) (Result, error) {
	if len(p.words) == 1 && !pg.Backward {
		levels, rest := p.buckets()
		levels = levels[passedTiers(pg.After):]
		hits, err := src.Buckets(ctx, levels, rest, pg.Limit)
		return Result{Hits: hits, Exact: true}, err
	}
	levels := p.levels()
	cands := make([]Candidates, len(levels))
	for i, l := range levels {
		cands[i] = l.cand
	}
	rows, err := src.Levels(ctx, cands, budget+1)
	if err != nil {
		return Result{}, err
	}
	all := make([]Hit, len(rows))
	for i, r := range rows {
		all[i] = r.Hit
	}
	page := merge(nil, all, pg)
	if len(rows) <= budget {
		return Result{Hits: page, Exact: true}, nil // every level ranked whole
	}
	partial := rows[len(rows)-1].Level // levels before it were ranked whole
	if partial == 0 {
		return Result{Hits: page}, nil
	}
	whole := rows[:0:0]
	for _, r := range rows {
		if r.Level < partial {
			whole = append(whole, r)
		}
	}
	hits := make([]Hit, len(whole))
	for i, r := range whole {
		hits[i] = r.Hit
	}
	if top := merge(nil, hits, pg); beaten(top, pg, levels[partial-1].bound) {
		return Result{Hits: top, Exact: true}, nil
	}
	return Result{Hits: page}, nil
}

// beaten reports whether no paragraph ranked at most bound belongs on
// the page: it ends above bound, or (backward) the cursor is above it.
func beaten(hits []Hit, pg Page, bound float64) bool {
	bound = bound*(1+1e-5) + 1e-9 // ts_rank is float4
	if pg.Backward {
		return pg.After != nil && float64(pg.After.Rank) > bound
	}
	return len(hits) >= pg.Limit && float64(hits[pg.Limit-1].Rank) > bound
}

// merge returns the page among two lists of hits in page order.
func merge(a, b []Hit, pg Page) []Hit {
	out := slices.Concat(a, b)
	slices.SortFunc(out, func(x, y Hit) int {
		c := cmp.Or(-cmp.Compare(x.Rank, y.Rank), cmp.Compare(x.ID, y.ID))
		if pg.Backward {
			return -c
		}
		return c
	})
	out = slices.CompactFunc(out, func(x, y Hit) bool { return x.ID == y.ID })
	return out[:min(len(out), pg.Limit)]
}

// buckets returns a one-word plan's tier tsqueries, the most frequent
// first, and the tsquery of the paragraphs holding the word once.
func (p Plan) buckets() (levels []string, rest string) {
	w := p.words[0]
	for _, f := range slices.Backward(tierFloors) {
		levels = append(levels, quoted(tierLexeme(w, f)))
	}
	return levels, p.Query + " & !(" + strings.Join(levels, " | ") + ")"
}

// passedTiers is how many of a one-word plan's tiers, from the top, rank
// wholly before the cursor after: a deep page need not rank them to
// find that none of theirs come after it.
func passedTiers(after *Hit) int {
	n := 0
	for _, f := range slices.Backward(tierFloors) {
		if after == nil || rankOne(f) <= float64(after.Rank)*(1+1e-5)+1e-9 { // ts_rank is float4
			break
		}
		n++
	}
	return n
}

// A level is a candidate set: a match in none of a level and those
// before it ranks at most its bound (the last level, −1, holds every
// match left). A paragraph may be in more than one level (see levels).
type level struct {
	cand  Candidates
	bound float64
}

// pairThresholds are the products of two words' counts the levels of a
// query of several words require, highest first: fine where the best
// paragraphs of two common words are.
var pairThresholds = []int{256, 128, 64, 48, 32, 24, 20, 16, 14, 12, 10, 9, 8, 6, 5, 4, 3, 2}

// maxPairedWords bounds the words whose pairs levels constrain: more
// would make the candidate tsqueries large.
const maxPairedWords = 4

// levels returns the plan's candidate sets, the best first. With one
// word (a backward page) a level is one bucket of the word's count.
// With several, level t holds the paragraphs where some pair of words
// has counts whose buckets' floors multiply to at least t and less than
// the threshold before it (a band), so the paragraphs of the levels up
// to t are those where some pair reaches t; with more than two words a
// paragraph is in the band of each of its pairs (the hits are merged by
// id). What the levels up to t leave out ranks at most its bound: fewer
// pairs of positions (see rankPairs). Each level's Index is a small
// tsquery (no level repeats the ones before it), so the GIN index
// evaluates it cheaply on each row of the short tier lists it reads.
func (p Plan) levels() []level {
	var out []level
	if len(p.words) == 1 {
		levels, rest := p.buckets()
		for i, f := range slices.Backward(tierFloors) {
			out = append(out, level{Candidates{Index: levels[i]}, rankOne(f - 1)})
		}
		return append(out, level{Candidates{Index: rest}, -1})
	}
	words := p.words[:min(len(p.words), maxPairedWords)]
	pairs := len(p.words) * (len(p.words) - 1) / 2
	all := p.allWords()
	above := math.MaxInt
	for _, t := range pairThresholds {
		var bands []string
		for i, a := range words {
			for _, b := range words[i+1:] {
				if c := pairBand(a, b, t, above); c != "" {
					bands = append(bands, c)
				}
			}
		}
		above = t
		if len(bands) == 0 {
			continue
		}
		bound := 2.0 // above any rank: no proof when some pairs are not constrained
		if len(words) == len(p.words) {
			bound = rankPairs(pairs * maxPairOutside(t))
		}
		out = append(out, level{Candidates{Index: strings.Join(bands, " | "), Filter: p.Query}, bound})
	}
	// Left: every paired word held once.
	var tiers []string
	for _, w := range words {
		tiers = append(tiers, atLeast(w, 2))
	}
	return append(out, level{Candidates{Index: all + " & !(" + strings.Join(tiers, " | ") + ")", Filter: p.filter()}, -1})
}

// allWords is the tsquery of every word of the plan, without positions:
// what the GIN index answers exactly.
func (p Plan) allWords() string {
	q := make([]string, len(p.words))
	for i, w := range p.words {
		q[i] = quoted(w)
	}
	return strings.Join(q, " & ")
}

// filter is what the candidates of several words must match beyond
// their levels' Index: the query, when it says more than every word
// (a phrase), else nothing.
func (p Plan) filter() string {
	if p.Query == p.allWords() {
		return ""
	}
	return p.Query
}

// pairBand matches the paragraphs where a's and b's bucket floors
// multiply to at least t and less than above ("" when none can): for
// each floor of a, the floors of b that make the product. It names tier
// lexemes only: a word held once has none, so a band that allows it
// matches on the other word's tier alone (the level's filter checks the
// words, and the rows where the word is held more often are in an
// earlier band as well). The words themselves would make the index
// read their long posting lists at every row it tests.
func pairBand(a, b string, t, above int) string {
	in := func(product int) bool { return product >= t && product < above }
	var or []string
	for _, fa := range append([]int{1}, tierFloors...) {
		if fa > 1 && in(fa) { // b once will do: a's tier, whatever b's count
			or = append(or, quoted(tierLexeme(a, fa)))
			continue
		}
		var fbs []string
		for _, fb := range tierFloors {
			if in(fa * fb) {
				fbs = append(fbs, quoted(tierLexeme(b, fb)))
			}
		}
		switch {
		case len(fbs) == 0:
		case fa == 1: // a once will do: b's tiers, whatever a's count
			or = append(or, fbs...)
		default:
			or = append(or, "("+quoted(tierLexeme(a, fa))+" & ("+strings.Join(fbs, " | ")+"))")
		}
	}
	return strings.Join(or, " | ")
}

// atLeast matches the paragraphs where word's bucket floor is at least
// n: its tier lexemes ORed ("" when there is none that high).
func atLeast(word string, n int) string {
	var or []string
	for _, f := range tierFloors {
		if f >= n {
			or = append(or, quoted(tierLexeme(word, f)))
		}
	}
	return strings.Join(or, " | ")
}

// maxPairOutside is the largest product of two counts whose buckets'
// floors multiply to less than t: the most pairs of positions one pair
// of words has in a paragraph the level of t leaves out.
func maxPairOutside(t int) int {
	floors := append([]int{1}, tierFloors...)
	best := 0
	for _, fa := range floors {
		for _, fb := range floors {
			if fa*fb < t {
				best = max(best, tierCeil(fa)*tierCeil(fb))
			}
		}
	}
	return best
}

func quoted(w string) string {
	var b strings.Builder
	writeQuoted(&b, w)
	return b.String()
}

// tsquery writes the words as Query describes.
func tsquery(words []queryWord) string {
	var b strings.Builder
	for i, w := range words {
		if i > 0 {
			b.WriteString(" & ")
		}
		phrase := len(w) > 1 && len(words) > 1
		if phrase {
			b.WriteByte('(')
		}
		for j, l := range w {
			if j > 0 {
				if d := l.pos - w[j-1].pos; d == 1 {
					b.WriteString(" <-> ")
				} else {
					b.WriteString(" <" + strconv.Itoa(d) + "> ")
				}
			}
			writeQuoted(&b, l.word)
		}
		if phrase {
			b.WriteByte(')')
		}
	}
	return b.String()
}
