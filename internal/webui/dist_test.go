package webui

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/npmtest"
)

// TestDistUpToDate rebuilds the pages from src/ and requires the result to
// equal the checked-in dist/, byte for byte: the build is deterministic, so
// a difference means someone changed src/ or package-lock.json without
// running `go generate ./internal/webui`. It installs the locked npm
// packages first when they are missing.
func TestDistUpToDate(t *testing.T) {
	t.Parallel()
	npmtest.Install(t, ".")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("no node on PATH: the web UI is built with Node.js (see the README)")
	}
	out := t.TempDir()
	cmd := exec.Command(node, "build.mjs", "--outdir", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, b)
	}
	want, got := readTree(t, "dist"), readTree(t, out)
	for name, b := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("dist/%s is not built from src/ any more", name)
		} else if !bytes.Equal(g, b) {
			t.Errorf("dist/%s differs from a fresh build", name)
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("a fresh build makes %s, which dist/ lacks", name)
		}
	}
	if t.Failed() {
		t.Log("run `go generate ./internal/webui` and commit dist/")
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
