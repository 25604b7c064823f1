package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	if !errors.Is(err, errSilentFailure) || exitCode(err) != 1 {
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

	env, stdout, _ = testEnv()
	if err := run(ctx, []string{"ingest", "--database-url", url, "--topics", "../../seeds/topics.yaml", "../../seeds/documents"}, env); err != nil {
		t.Fatalf("second ingest: %v", err)
	}
	if n := strings.Count(stdout.String(), "unchanged"); n != len(seeds) {
		t.Errorf("second ingest: %d unchanged:\n%s", n, stdout)
	}

	env, _, _ = testEnv()
	if err := run(ctx, []string{"ingest", "--database-url", url}, env); exitCode(err) != 2 {
		t.Errorf("no files: %v, want a usage error", err)
	}
}
