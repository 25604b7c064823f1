package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

// annotateVerified runs `annotate` on dir and returns the documents whose
// files it verified, from its log; it fails the test when annotate or a
// file fails.
func annotateVerified(t *testing.T, url, dir string) []string {
	t.Helper()
	env, _, stderr := testEnv()
	if err := run(context.Background(), []string{"annotate", "--database-url", url, "--topics", "../../seeds/topics.yaml", dir}, env); err != nil {
		t.Fatalf("annotate: %v\n%s", err, stderr)
	}
	var verified []string
	files := 0
	sc := bufio.NewScanner(strings.NewReader(stderr.String()))
	for sc.Scan() {
		var line struct {
			Msg       string `json:"msg"`
			Document  string `json:"document"`
			Unchanged bool   `json:"unchanged"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil || line.Msg != "annotations" {
			continue
		}
		files++
		if !line.Unchanged {
			verified = append(verified, line.Document)
		}
	}
	if want, _ := filepath.Glob(filepath.Join(dir, "*.yaml")); files != len(want) {
		t.Fatalf("annotate logged %d files of %d:\n%s", files, len(want), stderr)
	}
	return verified
}

// TestAnnotateVerifiesOnlyWhatChanged: `annotate` run again on the same
// files verifies none of them; after a document's text changed, it
// verifies that document's file alone.
func TestAnnotateVerifiesOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	url := dbtest.MissingURL(t)
	seeds := copySeeds(t, "documents", "annotations")
	ingest := func() {
		t.Helper()
		env, _, stderr := testEnv()
		if err := run(context.Background(), []string{"ingest", "--database-url", url, "--topics", "../../seeds/topics.yaml",
			filepath.Join(seeds, "documents")}, env); err != nil {
			t.Fatalf("ingest: %v\n%s", err, stderr)
		}
	}
	ingest()
	annotations := filepath.Join(seeds, "annotations")
	all, _ := filepath.Glob(filepath.Join(annotations, "*.yaml"))
	if got := annotateVerified(t, url, annotations); len(got) != len(all) {
		t.Fatalf("first annotate verified %v, want all %d files", got, len(all))
	}
	if got := annotateVerified(t, url, annotations); len(got) != 0 {
		t.Errorf("annotate again verified %v, want none", got)
	}
	const changed = "002_e5952df28872fc73"
	path := filepath.Join(seeds, "documents", changed+".txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, "\n末尾に加えた段落。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	ingest()
	if got := annotateVerified(t, url, annotations); len(got) != 1 || got[0] != changed {
		t.Errorf("after %s changed, annotate verified %v, want it alone", changed, got)
	}
}
