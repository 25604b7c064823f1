package ingest_test

import (
	"context"
	"slices"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
)

// TestDocumentWithoutMetadataIsStoredWithWarnings uploads text that has no
// title, byline or date: it is stored with nulls, and the ingest result
// and the stored document say what is missing.
func TestDocumentWithoutMetadataIsStoredWithWarnings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	text := "ロシアと北朝鮮は軍事協力を深めている。両国は昨年、条約を結んだ。\n\n韓国政府は動向を注視している。\n"
	res, err := in.Bytes(ctx, "untitled.txt", []byte(text))
	if err != nil {
		t.Fatalf("a document without metadata was refused: %v", err)
	}
	want := []string{"no title found", "no author found", "no publication date found"}
	if !slices.Equal(res.Warnings, want) {
		t.Errorf("result warnings = %q, want %q", res.Warnings, want)
	}
	d, err := st.DocumentGetBySlug(ctx, "untitled")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != nil || d.PublishedOn != nil {
		t.Errorf("stored title %v, published %v: want nulls", d.Title, d.PublishedOn)
	}
	if !slices.Equal(d.Warnings, want) {
		t.Errorf("stored warnings = %q, want %q", d.Warnings, want)
	}
}
