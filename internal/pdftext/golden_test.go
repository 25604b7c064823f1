package pdftext

import (
	"flag"
	"path/filepath"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doccheck"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// brokenFixtures are the PDFs the error tests read.
var brokenFixtures = map[string]bool{"encrypted.pdf": true, "truncated.pdf": true, "corrupt.pdf": true, "no-text.pdf": true}

func fixturePDFs(t testing.TB) []string {
	t.Helper()
	m, err := filepath.Glob("testdata/pdfs/*.pdf")
	if err != nil || len(m) == 0 {
		t.Fatalf("no PDFs in testdata/pdfs: %v", err)
	}
	var out []string
	for _, p := range m {
		if !brokenFixtures[filepath.Base(p)] {
			out = append(out, p)
		}
	}
	return out
}

// TestGolden compares the parse of every fixture PDF with its reviewed
// golden JSON. Regenerate with `go test ./internal/pdftext -run TestGolden
// -update` and read the diff against the PDF before committing it.
func TestGolden(t *testing.T) {
	doccheck.Golden(t, fixturePDFs(t), "testdata/golden", Parse, *update)
}
