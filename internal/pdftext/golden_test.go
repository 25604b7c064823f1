package pdftext

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
	for _, path := range fixturePDFs(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Parse(name, raw)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(d); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".pdf")+".json")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("parse of %s differs from %s; run `go test ./internal/pdftext -run TestGolden -update` and review the diff", name, golden)
			}
		})
	}
}
