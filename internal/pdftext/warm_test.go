package pdftext

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCacheDirUnwritable: where the cache directory cannot be written (a
// read-only container, a user with no home), PDFium compiles in memory
// rather than failing.
func TestCacheDirUnwritable(t *testing.T) {
	if os.Geteuid() == 0 {
		// root writes through permission bits: a file where the
		// directory should be stops it all the same.
		blocker := filepath.Join(t.TempDir(), "file")
		if err := os.WriteFile(blocker, nil, 0o444); err != nil {
			t.Fatal(err)
		}
		t.Setenv("SOURCECMP_CACHE_DIR", blocker)
	} else {
		dir := t.TempDir()
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Setenv("SOURCECMP_CACHE_DIR", dir)
	}
	if got := cacheDir(); got != "" {
		t.Errorf("cacheDir() = %q for an unwritable directory, want \"\" (compile in memory)", got)
	}
	writable := t.TempDir()
	t.Setenv("SOURCECMP_CACHE_DIR", writable)
	if got, want := cacheDir(), filepath.Join(writable, "wazero"); got != want {
		t.Errorf("cacheDir() = %q, want %q", got, want)
	}
	t.Setenv("SOURCECMP_CACHE_DIR", "")
	t.Setenv("HOME", "")
	t.Setenv("XDG_CACHE_HOME", "")
	if got := cacheDir(); got != "" {
		t.Errorf("cacheDir() = %q with no home, want \"\"", got)
	}
}

// TestWarm: warming starts the reader that Parse then uses.
func TestWarm(t *testing.T) {
	if err := Warm(); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/pdfs/brief.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse("brief.pdf", raw); err != nil {
		t.Fatal(err)
	}
}
