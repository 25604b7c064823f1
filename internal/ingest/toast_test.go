package ingest_test

import (
	"context"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/synth"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// Search vectors that are TOASTed are compressed with lz4 where the server
// has it, in a batch and one document at a time alike: pglz, the default,
// leaves nearly all of them as they are and costs the save its attempt.
func TestSearchVectorsAreCompressedWithLZ4(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	var lz4 bool
	if err := st.Pool().QueryRow(ctx, `SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'`).
		Scan(&lz4); err != nil {
		t.Fatal(err)
	}
	want := "pglz"
	if lz4 {
		want = "lz4"
	}
	vocab, err := synth.VocabularyFrom("../../seeds/documents")
	if err != nil {
		t.Fatal(err)
	}
	gen := synth.NewGenerator(vocab, &tag.Taxonomy{}, 1)
	in := &ingest.Ingester{Store: st}
	open := func(_ context.Context, i int) (ingest.Input, error) {
		g := gen.Document(i)
		return ingest.Input{File: g.Annotations.Document, Slug: g.Annotations.Document, Doc: g.Doc}, nil
	}
	for _, r := range in.Load(ctx, 3, open) { // one batch
		if r.Err != nil || r.Status != store.Added {
			t.Fatalf("%s: %v", r.File, r)
		}
	}
	g := gen.Document(3)
	if _, err := in.Document(ctx, g.Annotations.Document, g.Doc); err != nil { // alone
		t.Fatal(err)
	}
	rows, err := st.Pool().Query(ctx, `SELECT d.slug, coalesce(pg_column_compression(p.search), ''), count(*)
		FROM paragraphs p JOIN documents d ON d.id = p.document_id GROUP BY 1, 2 ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	compressed := map[string]int{}
	var slug, method string
	var n int
	for rows.Next() {
		if err := rows.Scan(&slug, &method, &n); err != nil {
			t.Fatal(err)
		}
		switch method {
		case want:
			compressed[slug] += n
		case "":
		default:
			t.Errorf("%s: %d vectors compressed with %s, want %s", slug, n, method, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(compressed) != 4 && lz4 {
		t.Errorf("documents with lz4-compressed vectors: %v, want all 4", compressed)
	}
}
