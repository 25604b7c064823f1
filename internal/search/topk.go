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
	Query  string
	words  []string // distinct lexemes, in query order
	counts Counts   // nil when unknown (WithCounts)
	// paragraphs is how many paragraphs there are (WithCounts).
	paragraphs float64
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
	// those of rest, which all rank alike (by id, read as once says); it
	// stops reading as soon as it has the page.
	Buckets(ctx context.Context, levels []string, rest string, once OnceRead, limit int) ([]Hit, error)
	// Levels reads the levels in turn, in page order within each (a
	// level that is not Ranked by id, from its Cut), at most perLevel
	// hits of each, and stops after total hits. A hit's rank is the sum
	// of ts_rank of each tsquery of words (RankSQL).
	Levels(ctx context.Context, words []string, levels []Level, perLevel, total int) ([]LevelHit, error)
}

// Level is one set of paragraphs TopK reads in a step: the paragraphs
// where each word of the plan occurs a number of times in a given range
// (a class). Index is what the GIN index answers: tier lexemes and the
// words, without positions, so the index needs no recheck on the heap.
// Filter, when set, is the full query (a phrase), tested on each row.
type Level struct {
	Index, Filter string
	// Ranked says the level's paragraphs may rank differently: they are
	// ranked, at most RankCap of them. Else they all rank alike and are
	// read by id, and only the page's are ranked.
	Ranked bool
	// Cut is set on a level that is not ranked and ranks as the cursor:
	// only ids after it (before it, backward) follow the cursor.
	Cut *int64
	// lo and hi bound the ranks of the level's paragraphs.
	lo, hi float64
	// With counts: size bounds the paragraphs the level holds (its
	// rarest class's count), postings the index entries it reads (its
	// classes' counts); 0 without counts.
	size, postings int64
}

// Hi is the upper bound of the ranks of the level's paragraphs: a
// forward read may stop before a level whose bound is below the page.
func (l Level) Hi() float64 { return l.hi }

// RankCap is the most paragraphs a Ranked level ranks; LevelHit.Full is
// false on the hits of a level that had more.
const RankCap = 1000

// LevelHit is a hit and the level that found it.
type LevelHit struct {
	Level int
	Hit
	// Full is false when the hit's level was ranked in part (RankCap).
	Full bool
}

// Result is a page of hits; Exact says it is the page an exhaustive
// ranking gives (else it is the best of the candidates within budget).
type Result struct {
	Hits  []Hit
	Exact bool
}

// TopK returns a page of the plan's hits in rank order (see Rank),
// reading a bounded number of paragraphs. A one-word query walks its
// tiers from the most frequent down and stops at the page: exact.
// Several words (and a backward page) read levels, one per combination
// of the words' count classes, from the highest rank bound down; the
// page is exact when its last rank beats the bound of every level not
// read whole. budget bounds the hits read in all (a multiple of the page).
func (p Plan) TopK(ctx context.Context, src Source, pg Page, budget int) (Result, error) {
	if len(p.words) == 1 && !pg.Backward {
		levels, rest := p.buckets(pg.After)
		hits, err := src.Buckets(ctx, levels, rest, p.onceRead(pg.Limit), pg.Limit)
		return Result{Hits: hits, Exact: true}, err
	}
	levels := p.levels(pg)
	total := max(pg.Limit, min(budget, pageReads*pg.Limit))
	rows, err := src.Levels(ctx, p.RankWords(), levels, pg.Limit, total)
	if err != nil {
		return Result{}, err
	}
	hits := make([]Hit, len(rows))
	full := true
	for i, r := range rows {
		hits[i] = r.Hit
		full = full && r.Full
	}
	page := merge(nil, hits, pg)
	return Result{Hits: page, Exact: full && proven(page, pg, levels, rows, total)}, nil
}

// pageReads is how many pages' worth of hits the levels are read for:
// more than one, so that the page's last rank can be proven above the
// levels left unread.
const pageReads = 3

// proven reports whether no paragraph left unread belongs on the page.
// When the reading stopped after total hits, inside the level of its
// last hit, the level's unread hits follow that hit, and the levels
// after it rank at most their bound: the page's last hit must come
// before both. Else every level was read to its end or to perLevel
// hits, whose unread ones follow a page's worth of the level's own.
func proven(page []Hit, pg Page, levels []Level, rows []LevelHit, total int) bool {
	if len(rows) < total {
		return true
	}
	if len(page) < pg.Limit {
		return false
	}
	last, read := page[pg.Limit-1], rows[len(rows)-1]
	if pageOrder(pg)(last, read.Hit) > 0 {
		return false // the page ends after the last hit read
	}
	next := read.Level + 1
	if next == len(levels) {
		return true
	}
	if pg.Backward {
		return float64(last.Rank) < levels[next].lo-rankEps
	}
	return float64(last.Rank) > levels[next].hi+rankEps
}

// rankEps is how far apart two rank bounds must be to be told apart:
// ranks are float4 (7 digits), bounds are computed in float64.
const rankEps = 1e-6

// pageOrder compares hits in page order: rank descending, then id
// (backward, the reverse).
func pageOrder(pg Page) func(x, y Hit) int {
	return func(x, y Hit) int {
		c := cmp.Or(-cmp.Compare(x.Rank, y.Rank), cmp.Compare(x.ID, y.ID))
		if pg.Backward {
			return -c
		}
		return c
	}
}

// merge returns the page among two lists of hits in page order.
func merge(a, b []Hit, pg Page) []Hit {
	out := slices.Concat(a, b)
	slices.SortFunc(out, pageOrder(pg))
	out = slices.CompactFunc(out, func(x, y Hit) bool { return x.ID == y.ID })
	return out[:min(len(out), pg.Limit)]
}

// buckets returns a one-word plan's tier tsqueries, the most frequent
// first, and the tsquery of the paragraphs holding the word once. It
// leaves out the tiers that rank wholly before the cursor after (a deep
// page need not rank them to find that none of theirs come after it) and,
// with counts, those no paragraph holds. rest leaves out every tier: a
// paragraph written since the counts were read is missed by this page,
// not put in the wrong place.
func (p Plan) buckets(after *Hit) (levels []string, rest string) {
	w := p.words[0]
	held := p.tiersHeld(w)
	var all []string
	for _, f := range slices.Backward(tierFloors) {
		all = append(all, quoted(tierLexeme(w, f)))
		if after != nil && rankOne(f) > float64(after.Rank)*(1+1e-5)+1e-9 { // ts_rank is float4
			continue
		}
		if slices.Contains(held, f) {
			levels = append(levels, quoted(tierLexeme(w, f)))
		}
	}
	return levels, p.Query + " & !(" + strings.Join(all, " | ") + ")"
}

// OnceRead says how a one-word page reads the paragraphs that hold the
// word once, which all rank alike and follow each other by id.
type OnceRead int

const (
	// OncePlanned: the word's counts are unknown, the planner chooses.
	OncePlanned OnceRead = iota
	// OnceByIndex: few paragraphs hold it once; all their ids are read
	// from the index and sorted, and the page's are tested and ranked.
	OnceByIndex
	// OnceByKey: many do; the ids are walked in order, each paragraph's
	// vector tested, until the page is full.
	OnceByKey
)

// onceRead chooses how a one-word page of limit hits reads the held-once
// paragraphs, from the word's counts: the walk tests about limit ×
// paragraphs ÷ once of them, the index reads all once of them, and each
// costs about the same (a heap page, or a vector detoasted: at SF10 for
// テレビ, held once by 4,060 paragraphs, the index read 3,925 heap pages
// in 16–69 ms, the walk tested 747 vectors in 2.5–16 ms). So the read of
// fewer paragraphs. Without counts the planner chooses; it chose the walk
// for ショイグ at SF1 (381 held once: 1,332 vectors for 8 hits, 16 ms),
// counting no detoasting.
func (p Plan) onceRead(limit int) OnceRead {
	once, ok := p.classCount(p.words[0], class{1, 1})
	if !ok || p.paragraphs <= 0 {
		return OncePlanned
	}
	if float64(once)*float64(once) <= float64(limit)*p.paragraphs {
		return OnceByIndex
	}
	return OnceByKey
}

// A class is a range of how many times a paragraph says a word, as its
// tiers tell: once to five times exactly, then one tier or several.
type class struct{ floor, ceil int }

// Classes, most first: finer for one or two words, whose levels are
// few; coarser for more, so that the combinations stay few.
var (
	fineClasses = []class{{10, maxPositions}, {8, 9}, {6, 7}, {5, 5}, {4, 4}, {3, 3}, {2, 2}, {1, 1}}
	classes     = []class{{6, maxPositions}, {5, 5}, {4, 4}, {3, 3}, {2, 2}, {1, 1}}
)

// classesOf returns the classes of a plan of n words.
func classesOf(n int) []class {
	if n <= 2 {
		return fineClasses
	}
	return classes
}

// index is the tsquery of the paragraphs that say w a number of times
// in c: tier lexemes (those held, with counts), or the word less all its
// tiers for once (all: a paragraph written since the counts were read is
// then missed, not ranked as once).
func (p Plan) index(c class, w string) string {
	switch {
	case c.floor == 1:
		return quoted(w) + " & !(" + atLeast(w, 2) + ")"
	case tierCeil(c.floor) >= c.ceil: // one tier
		return quoted(tierLexeme(w, c.floor))
	}
	var or []string
	for _, f := range p.tiersHeld(w) {
		if f >= c.floor && f <= c.ceil {
			or = append(or, quoted(tierLexeme(w, f)))
		}
	}
	if len(or) == 0 { // a class of no paragraph, which levels leaves out with counts
		return "(" + atLeast(w, c.floor) + ")"
	}
	return "(" + strings.Join(or, " | ") + ")"
}

// maxCombos bounds the combinations of classes a plan's levels name:
// all of them for up to three words (6³); and maxComboWords their
// words in all, so that a long query's levels stay a few kilobytes.
const (
	maxCombos     = 216
	maxComboWords = 864
)

// maxComboVisits bounds the combinations combos looks at, kept or not.
const maxComboVisits = 4096

// combos returns combinations of the words' classes (indexes into
// classesOf(words), one per word), best bound first, at most maxCombos
// (and maxComboWords / words) of them, leaving out those keep refuses
// (they hold no paragraph) without counting them; all says none that
// keep takes was left out.
func combos(words int, keep func([]int) bool) (out [][]int, all bool) {
	classes := classesOf(words)
	type entry struct {
		c  []int
		hi float64
	}
	// Best first over the lattice: a combination's successors lower one
	// word's class by one step.
	start := entry{c: make([]int, words), hi: float64(words) * rankOne(classes[0].ceil)}
	queue := []entry{start}
	seen := map[string]bool{string(make([]byte, words)): true}
	limit := min(maxCombos, max(1, maxComboWords/words))
	for visits := 0; len(queue) > 0 && len(out) < limit && visits < maxComboVisits; visits++ {
		best := 0
		for i, e := range queue {
			if e.hi > queue[best].hi {
				best = i
			}
		}
		e := queue[best]
		queue = slices.Delete(queue, best, best+1)
		if keep(e.c) {
			out = append(out, e.c)
		}
		for w, i := range e.c {
			if i+1 == len(classes) {
				continue
			}
			n := slices.Clone(e.c)
			n[w]++
			key := make([]byte, words)
			for j, k := range n {
				key[j] = byte(k)
			}
			if !seen[string(key)] {
				seen[string(key)] = true
				queue = append(queue, entry{n, e.hi - rankOne(classes[i].ceil) + rankOne(classes[i+1].ceil)})
			}
		}
	}
	return out, len(queue) == 0
}

// levels returns the plan's levels in the page's order of their
// bounds (highest first, backward lowest first), leaving out those
// wholly on the other side of the cursor. A level is a combination of
// the words' classes: one tsquery of tier lexemes, its bounds the sums
// of rankOne over the classes' ends, and not Ranked when every class is
// one count, so that all its paragraphs rank alike. Combinations that
// rank alike (the same counts said by other words) are one level, read
// by id together. When combos leaves some out, a last level holds every
// match, ranked in part.
//
// With counts, a combination is left out when one of its words' classes
// holds no paragraph (the combination then holds none either).
func (p Plan) levels(pg Page) []Level {
	classes := classesOf(len(p.words))
	// Each word's classes, once: their tsqueries and counts (the
	// combinations name each many times).
	type wordClass struct {
		index   string
		count   int64
		counted bool
	}
	wc := make([][]wordClass, len(p.words))
	for w, word := range p.words {
		wc[w] = make([]wordClass, len(classes))
		for i, cl := range classes {
			n, ok := p.classCount(word, cl)
			wc[w][i] = wordClass{index: "(" + p.index(cl, word) + ")", count: n, counted: ok}
		}
	}
	cs, all := combos(len(p.words), func(c []int) bool {
		for w, i := range c {
			if x := wc[w][i]; x.counted && x.count <= 0 {
				return false
			}
		}
		return true
	})
	var out []Level
	var b strings.Builder
	for _, c := range cs {
		l := Level{}
		b.Reset()
		for w, i := range c {
			cl, x := classes[i], wc[w][i]
			if w > 0 {
				b.WriteString(" & ")
			}
			b.WriteString(x.index)
			l.lo += rankOne(cl.floor)
			l.hi += rankOne(cl.ceil)
			l.Ranked = l.Ranked || cl.floor != cl.ceil
			if x.counted {
				l.size = min(cmp.Or(l.size, x.count), x.count)
				l.postings += x.count
			}
		}
		l.Index = b.String()
		out = append(out, l)
	}
	// Highest bound first; of equal ones, those that rank alike first, so
	// that combinations ranking alike are next to each other.
	slices.SortStableFunc(out, func(a, b Level) int {
		return cmp.Or(-cmp.Compare(a.hi, b.hi), cmp.Compare(boolInt(a.Ranked), boolInt(b.Ranked)))
	})
	merged := out[:0]
	for _, l := range out {
		if n := len(merged) - 1; n >= 0 && !l.Ranked && !merged[n].Ranked && math.Abs(merged[n].lo-l.lo) < rankEps {
			merged[n].Index += " | " + l.Index
			merged[n].size += l.size
			merged[n].postings += l.postings
			continue
		}
		merged = append(merged, l)
	}
	out = merged
	if !all {
		out = append(out, Level{Index: p.allWords(), Ranked: true, hi: 2 * float64(len(p.words))})
	}
	filter := p.filter()
	if pg.Backward {
		slices.SortStableFunc(out, func(a, b Level) int { return cmp.Compare(a.lo, b.lo) })
	}
	kept := out[:0]
	for _, l := range out {
		l.Filter = filter
		if a := pg.After; a != nil {
			r := float64(a.Rank)
			switch {
			case !pg.Backward && l.lo > r+rankEps, pg.Backward && l.hi < r-rankEps:
				continue // wholly on the other side of the cursor
			case !l.Ranked && math.Abs(l.lo-r) <= rankEps:
				l.Cut = &a.ID
			}
		}
		kept = append(kept, l)
	}
	if p.counts != nil && !pg.Backward {
		kept = joinSmall(kept)
	}
	return kept
}

// Bounds on the levels joinSmall reads as one: the paragraphs they may
// hold in all (each is ranked) and the index entries read for them.
const (
	joinSize     = RankCap / 4
	joinPostings = 4000
)

// joinSmall reads runs of consecutive small levels (by their counts) as
// one Ranked level: one index probe instead of one each, where a page of
// several common words finds a few paragraphs in each of a dozen levels
// at the top. The joined level's bounds span its levels'; its paragraphs
// are ranked, at most joinSize of them, so its best are found as a
// level's are, and TopK's proof holds (it compares the page with the
// next level's upper bound). Without an entry every match must hold, the
// index reads each entry whole: postings bounds that.
func joinSmall(levels []Level) []Level {
	out := levels[:0]
	for _, l := range levels {
		n := len(out) - 1
		if n >= 0 && l.Cut == nil && out[n].Cut == nil && l.size > 0 && out[n].size > 0 &&
			out[n].size+l.size <= joinSize && out[n].postings+l.postings <= joinPostings {
			j := &out[n]
			j.Index = "(" + j.Index + ") | (" + l.Index + ")"
			j.Ranked = true
			j.lo, j.hi = min(j.lo, l.lo), max(j.hi, l.hi)
			j.size += l.size
			j.postings += l.postings
			continue
		}
		out = append(out, l)
	}
	return out
}

// RankWords returns the tsquery of each word of the plan: a hit's rank
// is the sum of their ts_rank (for one word, ts_rank of the query).
func (p Plan) RankWords() []string {
	out := make([]string, len(p.words))
	for i, w := range p.words {
		out[i] = quoted(w)
	}
	return out
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

// allWords is the tsquery of every word of the plan, without positions:
// what the GIN index answers exactly.
func (p Plan) allWords() string {
	q := make([]string, len(p.words))
	for i, w := range p.words {
		q[i] = quoted(w)
	}
	return strings.Join(q, " & ")
}

// CountQueries returns what a count of the plan's matches reads: the
// tsquery of its words, which the GIN index answers without a vector
// (the candidates), and what a match must say beyond them (a phrase), ""
// when the words are the whole query.
func (p Plan) CountQueries() (words, phrase string) { return p.allWords(), p.filter() }

// filter is what a level's paragraphs must match beyond its Index: the
// query, when it says more than every word (a phrase), else nothing.
func (p Plan) filter() string {
	if p.Query == p.allWords() {
		return ""
	}
	return p.Query
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

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
