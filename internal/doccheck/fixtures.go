package doccheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// Target is the share of expected fields a front-end must get right on
// its fixtures.
const Target = 0.98

// Fixtures scores parse on every file in dir that has an expectation file
// in expectDir (same name, .yaml), logs each miss, and fails t when the
// share right over all of them is below Target or a file has no
// expectation.
func Fixtures(t *testing.T, dir, expectDir string, parse func(name string, raw []byte) (*doc.Document, error), skip func(name string) bool) {
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
			t.Errorf("%s: %v", name, err)
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
	if total.Right() < Target {
		t.Errorf("%.1f%% of expected fields right, want at least %.0f%%", 100*total.Right(), 100*Target)
	}
}
