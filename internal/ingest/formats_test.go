package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/anchor"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
)

// copyInto copies src into dir under name.
func copyInto(t *testing.T, src, dir, name string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestIngestPDFAndHTML stores a PDF and a web page from one directory
// beside a broken PDF: the good ones are stored whole, under their names
// without extension, with their notes; the broken one fails with an error
// naming it and leaves no row.
func TestIngestPDFAndHTML(t *testing.T) {
	t.Parallel()
	st := dbtest.Store(t)
	dir := t.TempDir()
	copyInto(t, "../pdftext/testdata/pdfs/brief.pdf", dir, "brief.pdf")
	copyInto(t, "../htmldoc/testdata/pages/thinktank-commentary.html", dir, "commentary.html")
	copyInto(t, "../pdftext/testdata/pdfs/truncated.pdf", dir, "truncated.pdf")
	in := &ingest.Ingester{Store: st}
	results := in.Paths(context.Background(), []string{dir})
	if len(results) != 3 {
		t.Fatalf("want 3 results, got %d: %v", len(results), results)
	}
	bySlug := map[string]ingest.Result{}
	for _, r := range results {
		bySlug[r.Slug] = r
	}
	for _, slug := range []string{"brief", "commentary"} {
		if r := bySlug[slug]; r.Err != nil || r.Status != "added" {
			t.Errorf("%s: want added, got %v", slug, r)
		}
	}
	bad := bySlug["truncated"]
	if bad.Err == nil || !strings.Contains(bad.Err.Error(), "truncated.pdf") || !strings.Contains(bad.Err.Error(), "damaged or truncated") {
		t.Errorf("truncated.pdf: want an error naming the file and the problem, got %v", bad.Err)
	}
	if n := queryInt(t, st, `SELECT count(*) FROM documents WHERE slug = 'truncated'`); n != 0 {
		t.Errorf("the broken PDF left %d document rows", n)
	}
	for slug, notes := range map[string]int64{"brief": 5, "commentary": 4} {
		got := queryInt(t, st, `SELECT count(*) FROM footnotes f JOIN documents d ON d.id = f.document_id WHERE d.slug = $1`, slug)
		if got != notes {
			t.Errorf("%s: want %d footnotes stored, got %d", slug, notes, got)
		}
	}
	var format string
	if err := st.Pool().QueryRow(context.Background(), `SELECT format FROM documents WHERE slug = 'brief'`).Scan(&format); err != nil || format != "pdf" {
		t.Errorf("brief: stored format %q, %v", format, err)
	}
	// A citation anchors in the stored text of the PDF across its page break.
	var body string
	if err := st.Pool().QueryRow(context.Background(), `SELECT body FROM documents WHERE slug = 'brief'`).Scan(&body); err != nil {
		t.Fatal(err)
	}
	quote := "調査の手法と根拠を従来以上に丁寧に公開し"
	if _, err := anchor.NewText(body).Locate(quote, ""); err != nil {
		t.Errorf("quote across the page break: %v", err)
	}
}
