package htmldoc

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doccheck"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func pages(t testing.TB) []string {
	t.Helper()
	m, err := filepath.Glob("testdata/pages/*.html")
	if err != nil || len(m) == 0 {
		t.Fatalf("no pages in testdata/pages: %v", err)
	}
	return m
}

// TestGolden compares the parse of every fixture page with its reviewed
// golden JSON. Regenerate with `go test ./internal/htmldoc -run TestGolden
// -update` and read the diff against the page before committing it.
func TestGolden(t *testing.T) {
	doccheck.Golden(t, pages(t), "testdata/golden", Parse, *update)
}
