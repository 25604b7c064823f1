package bench

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/sourcecmp/sourcecmp/internal/search"
)

// RelevanceQueries are searches of several words and phrases in the
// corpus's vocabulary (the seeds' sentences), common and less common
// words together, written for this check: their first pages are where
// sourcecmp may rank a bounded set of candidates instead of every match.
var RelevanceQueries = []string{
	"北朝鮮 中国", "北朝鮮 ロシア", "中国 ロシア", "北朝鮮 核", "中国 制裁", "北朝鮮 ミサイル",
	"米国 日本", "北朝鮮 中国 ロシア", "ロシア 軍事", "中国 経済", "北朝鮮 政権", "安全保障 日本",
	"朝鮮半島", "軍事技術", "外交部", "核兵器", "北朝鮮 朝鮮半島", "ロシア ショイグ",
}

// Relevance is one query's first page against the exhaustive ranking.
type Relevance struct {
	Query   string
	Matches int     // of the exhaustive ranking
	Overlap float64 // share of the exhaustive top SearchSize on sourcecmp's page
}

// CheckRelevance runs each query through sourcecmp and the exhaustive
// SQL (SearchSQL) and returns their overlap at SearchSize.
func CheckRelevance(ctx context.Context, cfg Config, queries []string) ([]Relevance, error) {
	var out []Relevance
	for _, q := range queries {
		tsq, ok := search.Query(q)
		if !ok {
			return nil, fmt.Errorf("relevance: %q has no searchable word", q)
		}
		raw, err := FetchSQL(ctx, cfg.DB, SQLRequest{SearchSQL, []any{tsq, SearchSize, nil, rankWords(q)}})
		if err != nil {
			return nil, fmt.Errorf("relevance %s: sql: %w", q, err)
		}
		want, err := searchSQL(raw)
		if err != nil {
			return nil, err
		}
		body, err := Fetch(ctx, cfg.Sourcecmp, Request{searchQuery, map[string]any{"q": q, "first": SearchSize}})
		if err != nil {
			return nil, fmt.Errorf("relevance %s: %w", q, err)
		}
		got, err := Canonical("search", Sourcecmp, body)
		if err != nil {
			return nil, err
		}
		w, g := want.(SearchPage), got.(SearchPage)
		r := Relevance{Query: q, Matches: w.Total, Overlap: 1}
		if len(w.ParagraphIDs) > 0 {
			both := 0
			for _, id := range g.ParagraphIDs {
				if slices.Contains(w.ParagraphIDs, id) {
					both++
				}
			}
			r.Overlap = float64(both) / float64(len(w.ParagraphIDs))
		}
		out = append(out, r)
	}
	return out, nil
}

// WriteRelevance writes the overlaps as a Markdown table with their mean.
func WriteRelevance(w io.Writer, rs []Relevance) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n| query | matches (exhaustive) | overlap@%d |\n|---|--:|--:|\n", SearchSize)
	sum := 0.0
	for _, r := range rs {
		fmt.Fprintf(w, "| %s | %d | %.1f |\n", r.Query, r.Matches, r.Overlap)
		sum += r.Overlap
	}
	fmt.Fprintf(w, "| mean | | %.3f |\n", sum/float64(len(rs)))
}

// rankWords returns the tsqueries of q's words, whose ts_rank a hit's
// rank sums (SearchSQL's $4).
func rankWords(q string) []string {
	p, _ := search.NewPlan(q)
	return p.RankWords()
}
