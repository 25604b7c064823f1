package parse

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

// seedFiles returns the project's source documents and the documents in
// testdata/conventions, written to combine the seeds' conventions in other
// ways (bare-number page-bottom notes, 【注】 lists, full-width numbering …).
func seedFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../../seeds/documents/*.txt", "testdata/conventions/*.txt"} {
		m, err := filepath.Glob(pattern)
		if err != nil || len(m) == 0 {
			t.Fatalf("no documents match %s: %v", pattern, err)
		}
		files = append(files, m...)
	}
	return files
}

// TestGolden compares the parse of every seed with its reviewed golden
// JSON. Regenerate with `go test ./internal/parse -run TestGolden -update`
// and read the diff against the source before committing it.
func TestGolden(t *testing.T) {
	for _, path := range seedFiles(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			d, err := File(path)
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
			golden := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".txt")+".json")
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
				t.Errorf("parse of %s differs from %s; run `go test ./internal/parse -run TestGolden -update` and review the diff", name, golden)
			}
		})
	}
}

// TestSeedInvariants checks what must hold for any faithful parse: every
// marker resolves to a footnote, offsets fall inside the text, no marker
// residue or stray space between Japanese characters is left.
func TestSeedInvariants(t *testing.T) {
	for _, path := range seedFiles(t) {
		d, err := File(path)
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, filepath.Base(path), d)
	}
}
