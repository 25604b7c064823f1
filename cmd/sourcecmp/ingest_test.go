package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

func TestIngestCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.MissingURL(t) // ingest creates and migrates it
	seeds, err := filepath.Glob("../../seeds/documents/*.txt")
	if err != nil || len(seeds) == 0 {
		t.Fatal("no seeds")
	}
	bad := filepath.Join(t.TempDir(), "empty.txt")
	if err := os.WriteFile(bad, nil, 0o644); err != nil {
		t.Fatal(err)
	}

	env, stdout, stderr := testEnv()
	err = run(ctx, []string{"ingest", "--database-url", url, "--topics", "../../seeds/topics.yaml", "../../seeds/documents", bad}, env)
	if !errors.Is(err, cli.ErrSilentFailure) || cli.ExitCode(err) != 1 {
		t.Fatalf("a failed file: error %v, want a non-zero exit", err)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != len(seeds)+1 {
		t.Fatalf("%d lines for %d files:\n%s", len(lines), len(seeds)+1, stdout)
	}
	for i, seed := range seeds {
		if !strings.HasPrefix(lines[i], "added") || !strings.Contains(lines[i], filepath.Base(seed)) {
			t.Errorf("line %d: %q", i, lines[i])
		}
	}
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "failed") || !strings.Contains(last, "empty.txt") {
		t.Errorf("last line %q, want the failure naming empty.txt", last)
	}
	if !strings.Contains(stderr.String(), "1 of 6 files failed") {
		t.Errorf("stderr: %s", stderr)
	}
	// The summary table, on stderr: a buffer is no terminal, so no bar.
	var total int64
	for _, s := range seeds {
		info, err := os.Stat(s)
		if err != nil {
			t.Fatal(err)
		}
		total += info.Size()
	}
	for _, row := range []string{
		fmt.Sprintf("added %d %s", len(seeds), cli.HumanBytes(total)), "unchanged 0 0 B", "updated 0 0 B", "failed 1 0 B",
		fmt.Sprintf("total %d %s in", len(seeds)+1, cli.HumanBytes(total)),
	} {
		if !strings.Contains(strings.Join(strings.Fields(stderr.String()), " "), row) {
			t.Errorf("summary has no row %q:\n%s", row, stderr)
		}
	}
	if strings.ContainsAny(stderr.String(), "\r\x1b") {
		t.Errorf("a progress bar on a stderr that is no terminal: %q", stderr)
	}

	env, stdout, _ = testEnv()
	if err := run(ctx, []string{"ingest", "--database-url", url, "--topics", "../../seeds/topics.yaml", "../../seeds/documents"}, env); err != nil {
		t.Fatalf("second ingest: %v", err)
	}
	if n := strings.Count(stdout.String(), "unchanged"); n != len(seeds) {
		t.Errorf("second ingest: %d unchanged:\n%s", n, stdout)
	}

	env, _, _ = testEnv()
	if err := run(ctx, []string{"ingest", "--database-url", url}, env); cli.ExitCode(err) != 2 {
		t.Errorf("no files: %v, want a usage error", err)
	}
	for _, args := range [][]string{{"--progress", "sometimes", seeds[0]}, {"--log-level", "loud", seeds[0]}} {
		env, _, _ = testEnv()
		if err := run(ctx, append([]string{"ingest", "--database-url", url}, args...), env); cli.ExitCode(err) != 2 {
			t.Errorf("ingest %v: %v, want a usage error", args, err)
		}
	}
}

// TestIngestJSON reads --json output (set through its environment
// variable) as a program would: one object per file, then the summary.
func TestIngestJSON(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.MissingURL(t)
	seeds, _ := filepath.Glob("../../seeds/documents/*.txt")
	env, stdout, stderr := testEnv()
	env.Getenv = func(k string) string {
		return map[string]string{"SOURCECMP_INGEST_JSON": "true", "DATABASE_URL": url, "SOURCECMP_TOPICS": "../../seeds/topics.yaml"}[k]
	}
	if err := run(ctx, []string{"ingest", "../../seeds/documents", "../../seeds/documents/missing.txt"}, env); !errors.Is(err, cli.ErrSilentFailure) {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != len(seeds)+2 {
		t.Fatalf("%d JSON lines for %d files:\n%s", len(lines), len(seeds)+1, stdout)
	}
	var files []fileJSON
	for _, l := range lines[:len(lines)-1] {
		var f fileJSON
		if err := json.Unmarshal([]byte(l), &f); err != nil || f.Type != "file" {
			t.Fatalf("line %q: %v", l, err)
		}
		files = append(files, f)
	}
	for i, f := range files[:len(seeds)] {
		info, _ := os.Stat(seeds[i])
		if f.Status != "added" || f.DocumentID == 0 || f.Bytes != info.Size() || f.Slug != strings.TrimSuffix(filepath.Base(seeds[i]), ".txt") {
			t.Errorf("file %d: %+v", i, f)
		}
	}
	if last := files[len(files)-1]; last.Status != "failed" || !strings.Contains(last.Error, "missing.txt") {
		t.Errorf("the missing file: %+v", last)
	}
	var sum summaryJSON
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &sum); err != nil || sum.Type != "summary" ||
		sum.Files != len(seeds)+1 || sum.Added != len(seeds) || sum.Failed != 1 || sum.Bytes == 0 {
		t.Errorf("summary %q: %+v %v", lines[len(lines)-1], sum, err)
	}

	env.Getenv = func(k string) string { return map[string]string{"SOURCECMP_INGEST_JSON": "maybe"}[k] }
	if err := run(ctx, []string{"ingest", "--database-url", url, seeds[0]}, env); cli.ExitCode(err) != 2 {
		t.Errorf("SOURCECMP_INGEST_JSON=maybe: %v, want a usage error", err)
	}
}
