package search

import (
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
)

// Impact tiers. ts_rank (normalization 0) ranks a one-word query by how
// often the word occurs in the paragraph, and bounds a query of several
// words by how often each occurs; so each paragraph's vector also names,
// for every word it holds at least twice, the bucket of that count: the
// lexeme word + tierMark + floor, without positions (中国\x1f4 for a
// paragraph that says 中国 four or five times). The GIN index then finds
// the few paragraphs where a word is frequent without reading the many
// where it occurs once, and TopK walks the buckets from the top until
// the rest cannot beat the page it has.

// tierMark separates a word from its bucket's floor. No indexed word
// holds it (cleanWord), so no query can match a tier lexeme by accident.
const tierMark = "\x1f"

// tierFloors are the lowest counts of the buckets, ascending: a word
// occurring n times (n ≥ 2) is in the bucket of the largest floor ≤ n.
// Exact at the bottom, where most paragraphs are, coarser above.
var tierFloors = []int{2, 3, 4, 5, 6, 8, 10, 12, 16, 24, 32, 64, 128}

// tierFloor returns the floor of count's bucket, 1 for a count of one.
func tierFloor(count int) int {
	f := 1
	for _, t := range tierFloors {
		if t <= count {
			f = t
		}
	}
	return f
}

// tierCeil returns the highest count in the bucket of floor f.
func tierCeil(f int) int {
	if f == 1 {
		return 1
	}
	i := slices.Index(tierFloors, f)
	if i == len(tierFloors)-1 {
		return maxPositions
	}
	return tierFloors[i+1] - 1
}

func tierLexeme(word string, floor int) string {
	return word + tierMark + strconv.Itoa(floor)
}

// tierBytes is what a word's tier lexeme adds to a vector, counted
// against maxVectorBytes before the words are chosen.
func tierBytes(word string, count int) int {
	if count < 2 {
		return 0
	}
	return len(word) + len(tierMark) + 3
}

// cleanWord takes tierMark out of an indexed word.
func cleanWord(w string) string {
	if strings.Contains(w, tierMark) {
		return strings.ReplaceAll(w, tierMark, "")
	}
	return w
}

// withTiers adds the tier lexemes of v's words and sorts the lexemes as
// PostgreSQL does (byte order, a prefix first). A word's tier lexeme goes
// right after the word: only a word extending it by a byte below tierMark
// (a control character, which no indexed word holds) could sort between,
// so the merged list is checked and sorted only if that ever fails.
func withTiers(v pgtype.TSVector) pgtype.TSVector {
	tiers := 0
	for _, l := range v.Lexemes {
		if len(l.Positions) >= 2 {
			tiers++
		}
	}
	if tiers == 0 {
		return v
	}
	out := make([]pgtype.TSVectorLexeme, 0, len(v.Lexemes)+tiers)
	for _, l := range v.Lexemes {
		out = append(out, l)
		if len(l.Positions) >= 2 {
			out = append(out, pgtype.TSVectorLexeme{Word: tierLexeme(l.Word, tierFloor(len(l.Positions)))})
		}
	}
	cmpWord := func(a, b pgtype.TSVectorLexeme) int { return strings.Compare(a.Word, b.Word) }
	if !slices.IsSortedFunc(out, cmpWord) {
		slices.SortFunc(out, cmpWord)
	}
	v.Lexemes = out
	return v
}

// Ranking constants of PostgreSQL's ts_rank (src/backend/utils/adt/tsrank.c)
// with the default weights: every position weighs 0.1 (weight D).
const (
	rankWeight = 0.1
	rankZeta2  = 1.64493406685 // sum of 1/i², i = 1…∞
)

// rankOne is ts_rank of a one-word query for a paragraph holding the
// word count times (calc_rank_or): increasing in count.
func rankOne(count int) float64 {
	s := 0.0
	for j := 1; j <= count; j++ {
		s += rankWeight / float64(j*j)
	}
	return s / rankZeta2
}
