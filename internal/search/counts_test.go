package search

import (
	"context"
	"testing"
)

// TestCounts checks what a plan derives from its lexemes' counts on the
// seeds: each class's count is the number of paragraphs that say the word
// that many times, one word's matches are its count, and a query of
// several words is bounded by its rarest word.
func TestCounts(t *testing.T) {
	t.Parallel()
	conn := connect(t)
	ctx := context.Background()
	loadParagraphs(t, conn, seedParagraphs(t))
	for _, q := range []string{"中国", "北朝鮮 中国", "北朝鮮 ロシア 中国", "軍事技術"} {
		plan, _ := NewPlan(q)
		plan = plan.WithCounts(tableCounts(t, conn, plan), 0)
		for _, w := range plan.words {
			for _, cs := range [][]class{classes, fineClasses} {
				for _, c := range cs {
					var want int64
					if err := conn.QueryRow(ctx, `SELECT count(*) FROM paragraphs p, unnest(p.search) u
						WHERE u.lexeme = $1 AND cardinality(u.positions) BETWEEN $2 AND $3`, w, c.floor, c.ceil).Scan(&want); err != nil {
						t.Fatal(err)
					}
					if got, ok := plan.classCount(w, c); !ok || got != want {
						t.Errorf("%s: %d–%d times: %d paragraphs (%v), want %d", w, c.floor, c.ceil, got, ok, want)
					}
				}
			}
		}
		var matches int64
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM paragraphs WHERE search @@ $1::tsquery`, plan.Query).Scan(&matches); err != nil {
			t.Fatal(err)
		}
		n, exact := plan.Matches()
		if exact != (len(plan.words) == 1 && plan.Query == quoted(plan.words[0])) || exact && n != matches {
			t.Errorf("%s: Matches %d, %v; %d match", q, n, exact, matches)
		}
		if b, ok := plan.Bound(); !ok || b < matches {
			t.Errorf("%s: Bound %d (%v) below the %d matches", q, b, ok, matches)
		}
		if _, ok := plan.Estimate(); ok {
			t.Errorf("%s: an estimate without the number of paragraphs", q)
		}
	}
	// Without counts nothing is told.
	plan, _ := NewPlan("中国")
	if _, ok := plan.Matches(); ok {
		t.Error("Matches without counts")
	}
	if _, ok := plan.Bound(); ok {
		t.Error("Bound without counts")
	}
	// The estimate of words that occur independently.
	plan, _ = NewPlan("中国 ロシア")
	plan = plan.WithCounts(Counts{"中国": 500, "ロシア": 200}, 1000)
	if n, ok := plan.Estimate(); !ok || n != 100 {
		t.Errorf("estimate %d (%v), want 1000 × 0.5 × 0.2 = 100", n, ok)
	}
}
