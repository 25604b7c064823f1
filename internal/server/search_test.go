package server_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/search"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// searchPage is what the search tests ask for.
const searchPage = `query($q: String!, $topic: String, $document: ID, $after: String) {
  search(query: $q, first: 10, after: $after, topic: $topic, document: $document) {
    totalCount totalCountIsExact
    nodes { score snippet paragraph { id document { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`

type searchAnswer struct {
	Search struct {
		TotalCount        int
		TotalCountIsExact bool
		Nodes             []struct {
			Score     float64
			Snippet   string
			Paragraph struct {
				ID       string
				Document struct{ ID string }
			}
		}
		PageInfo struct {
			HasNextPage bool
			EndCursor   string
		}
	}
}

// searchPages is how many pages of ten TestSearchConsistent reads,
// following the cursors: hits 1–40.
const searchPages = 4

// exhaustiveSearch is the reference: every match ranked by the sum of
// its words' ts_rank (store.SearchRank), then id, with the filters the
// API takes.
var exhaustiveSearch = `SELECT p.id FROM paragraphs p
WHERE p.search @@ $1::tsquery
  AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM paragraph_topics pt JOIN topics t ON t.id = pt.topic_id
      WHERE pt.paragraph_id = p.id AND t.id = $2))
  AND ($3::bigint IS NULL OR p.document_id = $3)
ORDER BY ` + store.SearchRank("p.search", "$4") + ` DESC, p.id`

// TestSearchConsistent checks search against an exhaustive ranking of
// the stored vectors for queries of every shape and filter, the first
// four pages read by cursor (hits 1–40), that every
// vector ingest writes holds the tiers migration 000013 derives, that
// search_lexemes counts the vectors' lexemes (migration 000018), and
// that all stay true when a document is re-ingested with new text and
// when it is deleted.
func TestSearchConsistent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	db := f.store.Pool()
	var topicID int64
	if err := db.QueryRow(ctx, `SELECT id FROM topics WHERE slug = 'china-role'`).Scan(&topicID); err != nil {
		t.Fatal(err)
	}

	// check reads the first pages of q by cursor and compares them with
	// the exhaustive ranking; it returns the first.
	check := func(stage, q string, topic *int64, document *int64) searchAnswer {
		t.Helper()
		plan, _ := search.NewPlan(q)
		rows, err := db.Query(ctx, exhaustiveSearch, plan.Query, topic, document, plan.RankWords())
		if err != nil {
			t.Fatal(err)
		}
		var want []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			want = append(want, id)
		}
		name := fmt.Sprintf("%s: %s (topic %v, document %v)", stage, q, topic != nil, document != nil)
		var first searchAnswer
		var after *string
		for page := range searchPages {
			vars := map[string]any{"q": q, "after": after}
			if topic != nil {
				vars["topic"] = "china-role"
			}
			if document != nil {
				vars["document"] = gid.Encode(gid.Document, *document)
			}
			var got searchAnswer
			f.query(t, searchPage, vars, &got)
			if page == 0 {
				first = got
			}
			var ids []int64
			for _, n := range got.Search.Nodes {
				id, err := gid.DecodeAs(gid.Paragraph, n.Paragraph.ID)
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, id)
			}
			ref := want[min(10*page, len(want)):min(10*page+10, len(want))]
			if !slices.Equal(ids, ref) {
				t.Errorf("%s: hits %d–%d %v, exhaustive %v", name, 10*page+1, 10*page+10, ids, ref)
			}
			if got.Search.TotalCount != len(want) || !got.Search.TotalCountIsExact {
				t.Errorf("%s: totalCount %d (exact %v), want %d exact", name, got.Search.TotalCount, got.Search.TotalCountIsExact, len(want))
			}
			if more := len(want) > 10*page+10; got.Search.PageInfo.HasNextPage != more {
				t.Errorf("%s: page %d hasNextPage %v, want %v", name, page+1, got.Search.PageInfo.HasNextPage, more)
			}
			if !got.Search.PageInfo.HasNextPage {
				break
			}
			after = &got.Search.PageInfo.EndCursor
		}
		return first
	}
	queries := []string{"北朝鮮", "中国", "スターリン", "中国 制裁", "北朝鮮 中国 ロシア", "軍事技術", "中国 外交部"}
	checkAll := func(stage string) {
		t.Helper()
		for _, q := range queries {
			a := check(stage, q, nil, nil)
			check(stage, q, &topicID, nil)
			if len(a.Search.Nodes) == 0 {
				if stage == "ingest" {
					t.Fatalf("%s: %s finds nothing: the test checks nothing", stage, q)
				}
				continue
			}
			doc, err := gid.DecodeAs(gid.Document, a.Search.Nodes[0].Paragraph.Document.ID)
			if err != nil {
				t.Fatal(err)
			}
			check(stage, q, nil, &doc)
		}
		// The tiers are the ones the migration computes from positions.
		var stale int
		if err := db.QueryRow(ctx, `SELECT count(*) FROM paragraphs p
			WHERE ARRAY(SELECT lexeme FROM unnest(p.search) WHERE strpos(lexeme, chr(31)) > 0 ORDER BY 1) IS DISTINCT FROM ARRAY(
				SELECT u.lexeme || chr(31) || (SELECT max(f) FROM unnest('{2,3,4,5,6,8,10,12,16,24,32,64,128}'::int[]) f
					WHERE f <= cardinality(u.positions))
				FROM unnest(p.search) u WHERE cardinality(u.positions) >= 2 AND strpos(u.lexeme, chr(31)) = 0 ORDER BY 1)`).Scan(&stale); err != nil {
			t.Fatal(err)
		}
		if stale > 0 {
			t.Errorf("%s: %d paragraphs whose tiers are not migration 000013's", stage, stale)
		}
		// The lexeme counts the triggers keep are those of the vectors.
		if n := lexemeCountsStale(t, db); n > 0 {
			t.Errorf("%s: %d lexemes counted otherwise in search_lexemes than in the vectors", stage, n)
		}
	}
	checkAll("ingest")

	// Re-ingest a seed with a paragraph that says a new word nine times.
	path := filepath.Join(seedDir, f.slugs[0]+".txt")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const word = "イグアナ"
	// In the middle of the body: the parser takes the end for back matter.
	text := string(raw)
	mid := len(text)/2 + strings.Index(text[len(text)/2:], "。\n") + len("。\n")
	text = text[:mid] + "\n" + strings.Repeat(word+"と北朝鮮と中国。", 9) + "\n\n" + text[mid:]
	if _, err := f.ingest.Bytes(ctx, filepath.Base(path), []byte(text)); err != nil {
		t.Fatal(err)
	}
	queries = append(queries, word, word+" 北朝鮮")
	checkAll("re-ingest")
	if a := check("re-ingest", word, nil, nil); len(a.Search.Nodes) != 1 || !strings.Contains(a.Search.Nodes[0].Snippet, "【"+word+"】") {
		t.Errorf("re-ingest: %s finds %+v, want the new paragraph highlighted", word, a.Search.Nodes)
	}

	// Delete it: its paragraphs leave every search.
	if _, err := db.Exec(ctx, `DELETE FROM documents WHERE slug = $1`, f.slugs[0]); err != nil {
		t.Fatal(err)
	}
	checkAll("delete")
	if a := check("delete", word, nil, nil); a.Search.TotalCount != 0 {
		t.Errorf("delete: %s still counts %d", word, a.Search.TotalCount)
	}
}

// lexemeCountsStale returns how many lexemes search_lexemes counts
// otherwise than the stored vectors hold them (missing or extra rows
// included).
func lexemeCountsStale(t *testing.T, db interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT count(*) FROM (
		SELECT u.lexeme, count(*) AS n FROM paragraphs p, unnest(p.search) u GROUP BY u.lexeme) v
		FULL JOIN search_lexemes s ON s.lexeme = v.lexeme
		WHERE v.n IS DISTINCT FROM s.paragraphs`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
