package search

import (
	"cmp"
	"context"
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
	// Candidates ranks at most budget+1 of the paragraphs cand matches,
	// and returns the page among them in page order and how many it
	// ranked.
	Candidates(ctx context.Context, cand string, limit, budget int) (hits []Hit, ranked int, err error)
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
// walk candidate sets of falling thresholds on the product of their
// counts, each ranked whole, until the page's last rank beats what the
// paragraphs left out could reach (exact) or budget paragraphs were
// ranked (the best found). A query expected to match at most half of
// budget (estimate, read only then) is ranked whole at once.
func (p Plan) TopK(ctx context.Context, src Source, pg Page, budget int, estimate func(context.Context) (int, error)) (Result, error) {
	if len(p.words) == 1 && !pg.Backward {
		levels, rest := p.buckets()
		hits, err := src.Buckets(ctx, levels, rest, pg.Limit)
		return Result{Hits: hits, Exact: true}, err
	}
	levels := p.levels()
	if n, err := estimate(ctx); err != nil {
		return Result{}, err
	} else if n <= budget/2 {
		levels = append(levels[len(levels)-1:], levels...)
	}
	var prev []Hit
	for _, l := range levels {
		hits, ranked, err := src.Candidates(ctx, l.cand, pg.Limit, budget)
		if err != nil {
			return Result{}, err
		}
		if ranked > budget {
			return Result{Hits: merge(prev, hits, pg)}, nil
		}
		if l.bound < 0 || beaten(hits, pg, l.bound) {
			return Result{Hits: hits, Exact: true}, nil
		}
		if ranked >= budget/2 && len(hits) >= pg.Limit {
			return Result{Hits: hits}, nil // the next set would not fit
		}
		prev = hits
	}
	return Result{Hits: prev, Exact: true}, nil // not reached: the last level is exhaustive
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

// A level is a candidate set: the paragraphs cand matches, which include
// every paragraph that ranks above bound (−1: every match).
type level struct {
	cand  string
	bound float64
}

// pairThresholds are the products of two words' counts the levels of a
// query of several words require, highest first.
var pairThresholds = []int{256, 128, 64, 32, 16, 8, 4, 2}

// maxPairedWords bounds the words whose pairs levels constrain: more
// would make the candidate tsqueries large.
const maxPairedWords = 4

// levels returns the plan's candidate sets from the smallest up, the
// last one every match. With one word (a backward page) a level holds
// the paragraphs where the word's bucket is at least a floor; with
// several, those where some pair of words has counts whose buckets'
// floors multiply to at least a threshold. What a level leaves out
// ranks at most its bound: a smaller count for one word; for several,
// fewer pairs of positions (see rankPairs).
func (p Plan) levels() []level {
	var out []level
	if len(p.words) == 1 {
		for _, f := range slices.Backward(tierFloors) {
			out = append(out, level{p.Query + " & (" + atLeast(p.words[0], f) + ")", rankOne(f - 1)})
		}
		return append(out, level{p.Query, -1})
	}
	words := p.words[:min(len(p.words), maxPairedWords)]
	pairs := len(p.words) * (len(p.words) - 1) / 2
	for _, t := range pairThresholds {
		var clauses []string
		for i, a := range words {
			for _, b := range words[i+1:] {
				if c := pairClause(a, b, t); c != "" {
					clauses = append(clauses, c)
				}
			}
		}
		if len(clauses) == 0 {
			continue
		}
		bound := 2.0 // above any rank: no proof when some pairs are not constrained
		if len(words) == len(p.words) {
			bound = rankPairs(pairs * maxPairOutside(t))
		}
		out = append(out, level{p.Query + " & (" + strings.Join(clauses, " | ") + ")", bound})
	}
	return append(out, level{p.Query, -1})
}

// pairClause matches the paragraphs where a's and b's bucket floors
// multiply to at least t ("" when none can).
func pairClause(a, b string, t int) string {
	var or []string
	if s := atLeast(b, t); s != "" { // a once or more
		or = append(or, "("+s+")")
	}
	if s := atLeast(a, t); s != "" { // b once or more
		or = append(or, "("+s+")")
	}
	for _, f := range tierFloors {
		if f >= t {
			break // covered by atLeast(a, t)
		}
		if s := atLeast(b, (t+f-1)/f); s != "" {
			or = append(or, "("+quoted(tierLexeme(a, f))+" & ("+s+"))")
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
