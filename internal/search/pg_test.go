package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

// The store's layout, as in the migrations: a tsvector sent in binary, a
// GIN index.
const createParagraphs = `
CREATE TEMP TABLE paragraphs (
	id          bigint PRIMARY KEY,
	document_id bigint,
	body        text NOT NULL,
	search      tsvector NOT NULL
);
CREATE INDEX ON paragraphs USING gin (search);
CREATE TEMP TABLE paragraph_topics (paragraph_id bigint, topic_id bigint);`

const insertParagraph = `INSERT INTO paragraphs (id, body, search) VALUES ($1, $2, $3)`

const searchParagraphs = `
SELECT id FROM paragraphs
WHERE search @@ $1::tsquery
ORDER BY ts_rank(search, $1::tsquery) DESC, id`

// seedParagraphs returns every non-blank line of the seed documents: the
// five files hold one paragraph per line (or per blank-line-separated
// line), which is all a substring scan needs.
func seedParagraphs(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "seeds", "documents", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no seed documents: %v", err)
	}
	var out []string
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(raw), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

func loadParagraphs(t *testing.T, conn *pgx.Conn, paras []string) {
	t.Helper()
	ctx := context.Background()
	if _, err := conn.Exec(ctx, createParagraphs); err != nil {
		t.Fatal(err)
	}
	batch := &pgx.Batch{}
	for i, p := range paras {
		batch.Queue(insertParagraph, i, p, Vector(jatext.Tokenize(p)))
	}
	if err := conn.SendBatch(ctx, batch).Close(); err != nil {
		t.Fatalf("insert seed paragraphs: %v", err)
	}
}

func searchIDs(t *testing.T, conn *pgx.Conn, q string) []int {
	t.Helper()
	tsq, ok := Query(q)
	if !ok {
		return nil
	}
	rows, err := conn.Query(context.Background(), searchParagraphs, tsq)
	if err != nil {
		t.Fatalf("search %s (%s): %v", q, tsq, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		t.Fatalf("search %s (%s): %v", q, tsq, err)
	}
	return ids
}

// TestPrecisionRecall compares, term by term, the seed paragraphs
// PostgreSQL finds with Vector and Query against a brute-force substring
// scan of the same paragraphs (both sides width- and case-folded).
func TestPrecisionRecall(t *testing.T) {
	t.Parallel()
	conn := connect(t)
	paras := seedParagraphs(t)
	loadParagraphs(t, conn, paras)

	for _, c := range []struct {
		term string
		kind string
		// minRecall is 1: words inside kanji compounds are indexed too
		// (核 in 核兵器, 朝鮮 in 北朝鮮).
		minRecall float64
	}{
		{"中国", "common", 1}, {"北朝鮮", "common", 1}, {"ロシア", "common", 1}, {"制裁", "common", 1},
		{"外交部", "inner word", 1}, {"安保理", "inner word", 1}, {"条約", "inner word", 1},
		{"スターリン", "rare", 1}, {"クルクス", "rare", 1}, {"THAAD", "rare", 1},
		{"台風", "absent", 1}, {"新幹線", "absent", 1},
		{"中国人", "divergent", 1}, {"核", "inner word", 1}, {"朝鮮", "inner word", 1}, {"兵器", "inner word", 1},
	} {
		var relevant []int
		for i, p := range paras {
			if strings.Contains(jatext.Fold(p), jatext.Fold(c.term)) {
				relevant = append(relevant, i)
			}
		}
		found := searchIDs(t, conn, c.term)
		both := 0
		for _, id := range found {
			if slices.Contains(relevant, id) {
				both++
			}
		}
		precision, recall := ratio(both, len(found)), ratio(both, len(relevant))
		t.Logf("%-10s %-10s substring %3d  search %3d  precision %.2f  recall %.2f", c.term, c.kind, len(relevant), len(found), precision, recall)
		switch {
		case c.kind == "absent" && (len(found) > 0 || len(relevant) > 0):
			t.Errorf("%s: absent term found in %v (substring %v)", c.term, found, relevant)
		case c.kind != "absent" && len(relevant) == 0:
			t.Errorf("%s: not in the seeds; the test needs a term that is", c.term)
		case precision < 1:
			t.Errorf("%s: precision %.2f: search found paragraphs without the term", c.term, precision)
		case recall < c.minRecall:
			t.Errorf("%s: recall %.2f, want %.2f", c.term, recall, c.minRecall)
		}
		// Highlight marks exactly the paragraphs PostgreSQL matched.
		for i, p := range paras {
			marked := strings.Contains(Highlight(p, c.term), "【")
			if marked != slices.Contains(found, i) {
				t.Errorf("%s: paragraph %d: highlighted %v, matched by PostgreSQL %v", c.term, i, marked, !marked)
			}
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// TestSearchSemantics checks phrases, ANDed words and ranking against the
// seeds in PostgreSQL.
func TestSearchSemantics(t *testing.T) {
	t.Parallel()
	conn := connect(t)
	paras := seedParagraphs(t)
	loadParagraphs(t, conn, paras)

	// Two words: every result has both.
	for _, id := range searchIDs(t, conn, "中国 制裁") {
		if !strings.Contains(paras[id], "中国") || !strings.Contains(paras[id], "制裁") {
			t.Errorf("中国 制裁 found paragraph %d without both: %.60s", id, paras[id])
		}
	}
	if n := len(searchIDs(t, conn, "中国 制裁")); n == 0 || n >= len(searchIDs(t, conn, "制裁")) {
		t.Errorf("中国 制裁 found %d paragraphs; want some, fewer than 制裁 alone", n)
	}
	// A phrase needs its lexemes side by side: 軍事 and 技術 occur apart
	// more often than as 軍事技術.
	phrase, words := searchIDs(t, conn, "軍事技術"), searchIDs(t, conn, "軍事 技術")
	if len(phrase) == 0 || len(phrase) >= len(words) {
		t.Errorf("phrase 軍事技術 found %d, words 軍事 技術 %d: phrase not narrower", len(phrase), len(words))
	}
	for _, id := range phrase {
		if !strings.Contains(paras[id], "軍事技術") {
			t.Errorf("phrase 軍事技術 found paragraph %d without it", id)
		}
	}
	// A term in a present word and an absent one: nothing.
	if ids := searchIDs(t, conn, "中国 新幹線"); len(ids) != 0 {
		t.Errorf("中国 新幹線 found %v", ids)
	}
	// Ranking: the best paragraph for 中国 mentions it more than the
	// typical paragraph that matches at all.
	ids := searchIDs(t, conn, "中国")
	counts := make([]int, len(ids))
	for i, id := range ids {
		counts[i] = strings.Count(paras[id], "中国")
	}
	median := slices.Sorted(slices.Values(counts))[len(counts)/2]
	if counts[0] <= median {
		t.Errorf("top paragraph for 中国 mentions it %d times; median of matches %d", counts[0], median)
	}
}
