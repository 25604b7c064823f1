package search

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

// Vector returns a paragraph's search vector from its tokens in normal
// mode: jatext.Tokenize of the text, the tokens the tagger scores too, so
// that ingest analyses each paragraph once. Lexemes are sorted and their
// positions ascending, as PostgreSQL stores a tsvector, and the result
// keeps PostgreSQL's limits whatever the text; the store sends it in
// tsvector's binary form, so nothing is parsed or cast on the server.
// Each word occurring twice or more also gets its impact tier (see
// withTiers), which TopK reads.
func Vector(toks []jatext.Token) pgtype.TSVector {
	type entry struct {
		word     string
		pos, seq int
	}
	lex := lexemes(splitLong(toks))
	entries := make([]entry, len(lex))
	for i, l := range lex {
		entries[i] = entry{l.word, min(l.pos, maxPosition), i}
	}
	// By word, then in text order (seq), so each word's positions stay
	// ascending: a stable sort by word, without its cost.
	slices.SortFunc(entries, func(a, b entry) int {
		if c := strings.Compare(a.word, b.word); c != 0 {
			return c
		}
		return cmp.Compare(a.seq, b.seq)
	})

	type group struct{ from, to int } // entries[from:to] hold one word
	var groups []group
	for i := range entries {
		if i == 0 || entries[i].word != entries[i-1].word {
			groups = append(groups, group{i, i + 1})
		} else {
			groups[len(groups)-1].to = i + 1
		}
	}
	// A word's size counts its tier lexeme too (by its entries, at least
	// its positions), so that the vector with its tiers keeps the limit.
	groupSize := func(g group) int { return len(entries[g.from].word) + tierBytes(entries[g.from].word, g.to-g.from) }
	size := 0
	for _, g := range groups {
		size += groupSize(g)
	}
	if size > maxVectorBytes {
		groups = fitVector(groups, func(g group) (int, int) { return groupSize(g), entries[g.from].seq })
	}
	v := pgtype.TSVector{Valid: true, Lexemes: make([]pgtype.TSVectorLexeme, len(groups))}
	positions := make([]pgtype.TSVectorPosition, 0, len(entries))
	for i, g := range groups {
		from := len(positions)
		for _, e := range entries[g.from:g.to] {
			n := len(positions) - from
			if n < maxPositions && (n == 0 || positions[len(positions)-1].Position != uint16(e.pos)) {
				positions = append(positions, pgtype.TSVectorPosition{Position: uint16(e.pos)})
			}
		}
		v.Lexemes[i] = pgtype.TSVectorLexeme{Word: entries[g.from].word, Positions: positions[from:len(positions):len(positions)]}
	}
	return withTiers(v)
}

// fitVector keeps the words that fit in maxVectorBytes, taking them in the
// order the text first uses them (a word that does not fit is skipped, a
// shorter later one may still fit), and returns them in their sorted order.
func fitVector[G any](groups []G, key func(G) (size, first int)) []G {
	order := make([]int, len(groups))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		_, fa := key(groups[a])
		_, fb := key(groups[b])
		return cmp.Compare(fa, fb)
	})
	keep := make([]bool, len(groups))
	size := 0
	for _, i := range order {
		if n, _ := key(groups[i]); size+n <= maxVectorBytes {
			keep[i] = true
			size += n
		}
	}
	out := groups[:0:0]
	for i, g := range groups {
		if keep[i] {
			out = append(out, g)
		}
	}
	return out
}

// analyze is the one analysis search does, of paragraphs and of queries
// alike, so that what a query asks for is what the index holds.
func analyze(text string) []jatext.Token { return splitLong(jatext.Tokenize(text)) }

// splitLong replaces each long word of a normal-mode analysis by the
// words kagome's search mode finds inside it (朝鮮半島 → 朝鮮 半島,
// エポックタイムズ → エポック タイムズ), so that those words can be searched for
// and a phrase across them matches. Search mode is normal mode with a
// penalty on long words (see isLong); re-analysing just the long words,
// rather than the whole text a second time, gives the same words almost
// everywhere for a fraction of the cost. Each part takes a position of
// its own, as it would in search mode.
func splitLong(toks []jatext.Token) []jatext.Token {
	var out []jatext.Token // nil until a word splits: most paragraphs' tokens are used as they are
	for i, t := range toks {
		parts := searchParts(t.Surface)
		if parts == nil {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = make([]jatext.Token, i, len(toks)+8)
			copy(out, toks[:i])
		}
		for _, p := range parts {
			p.Start += t.Start
			p.End += t.Start
			out = append(out, p)
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// isLong reports whether kagome's search mode penalises a word of this
// surface (lattice.additionalCost): a kanji compound of more than two
// characters, or any word of more than seven.
func isLong(s string) bool {
	n := utf8.RuneCountInString(s)
	if n > 7 {
		return true
	}
	if n <= 2 {
		return false
	}
	for _, r := range s {
		if !unicode.In(r, unicode.Ideographic) {
			return false
		}
	}
	return true
}

// partsCache remembers the search-mode parts of long words: a corpus uses
// the same few thousand compounds over and over. It stops growing at
// maxCachedParts words, so hostile text cannot make it unbounded.
var (
	partsCache  sync.Map // surface → []jatext.Token (nil: the word does not split)
	cachedParts atomic.Int64
)

const maxCachedParts = 1 << 16

// searchParts returns the words search mode splits a long word into, with
// offsets relative to the word, or nil when it keeps the word whole.
func searchParts(surface string) []jatext.Token {
	if !isLong(surface) {
		return nil
	}
	if v, ok := partsCache.Load(surface); ok {
		return v.([]jatext.Token)
	}
	parts := jatext.TokenizeSearch(surface)
	if len(parts) < 2 {
		parts = nil
	}
	if cachedParts.Load() < maxCachedParts {
		if _, loaded := partsCache.LoadOrStore(surface, parts); !loaded {
			cachedParts.Add(1)
		}
	}
	return parts
}
