package doccheck

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// Target is the share of expected fields a front-end must get right on
// a set of documents it was not written against.
const Target = 0.98

// Fixtures scores parse on every file in dir that has an expectation file
// in expectDir (same name, .yaml), logs each miss, and fails t when the
// share right over all of them is below Target or a file has no
// expectation.
func Fixtures(t *testing.T, dir, expectDir string, parse func(name string, raw []byte) (*doc.Document, error), skip func(name string) bool) {
	t.Helper()
	FixturesAtLeast(t, Target, dir, expectDir, parse, skip)
}

// FixturesAtLeast is Fixtures with the share right it requires: 1 for a
// project's own fixtures, whose every check must hold.
func FixturesAtLeast(t *testing.T, target float64, dir, expectDir string, parse func(name string, raw []byte) (*doc.Document, error), skip func(name string) bool) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var total Result
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || skip != nil && skip(name) {
			continue
		}
		want, err := Load(filepath.Join(expectDir, strings.TrimSuffix(name, filepath.Ext(name))+".yaml"))
		if err != nil {
			t.Errorf("%s: no expectation: %v", name, err)
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		d, err := parse(name, raw)
		if err != nil {
			// A file that does not parse fails every check it has.
			t.Errorf("%s: %v", name, err)
			n := Score(&doc.Document{}, want).Checks
			total.Checks += n
			for range n {
				total.Misses = append(total.Misses, name+": "+err.Error())
			}
			continue
		}
		r := Score(d, want)
		t.Logf("%s: %d/%d checks right (%.1f%%)", name, r.Checks-len(r.Misses), r.Checks, 100*r.Right())
		for _, m := range r.Misses {
			t.Logf("  %s: %s", name, m)
		}
		total.Checks += r.Checks
		total.Misses = append(total.Misses, r.Misses...)
	}
	t.Logf("all: %d/%d checks right (%.1f%%)", total.Checks-len(total.Misses), total.Checks, 100*total.Right())
	if total.Right() < target {
		t.Errorf("%.1f%% of expected fields right, want at least %.0f%%", 100*total.Right(), 100*target)
	}
}

// Golden compares the parse of every file in paths with its reviewed
// golden JSON in goldenDir (the file's name without its extension, .json),
// or rewrites the golden files when update is set; then the diff is to be
// read against the source before it is committed.
func Golden(t *testing.T, paths []string, goldenDir string, parse func(name string, raw []byte) (*doc.Document, error), update bool) {
	t.Helper()
	for _, path := range paths {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			d, err := parse(name, raw)
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
			golden := filepath.Join(goldenDir, strings.TrimSuffix(name, filepath.Ext(name))+".json")
			if update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run the test with -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("parse of %s differs from %s; run the test with -update and review the diff", name, golden)
			}
		})
	}
}
