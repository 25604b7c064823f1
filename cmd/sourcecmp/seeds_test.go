package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

// copySeeds copies the repository's seed documents and annotations (not
// its taxonomy) into a directory of their own, as a user would have them
// outside the repository, and returns it.
func copySeeds(t *testing.T, parts ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, part := range parts {
		files, err := filepath.Glob(filepath.Join("../../seeds", part, "*"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no seeds/%s: %v", part, err)
		}
		if err := os.MkdirAll(filepath.Join(dir, part), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, part, filepath.Base(f)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// TestServeLoadsItsSeedsWhateverTheDatabaseHolds: on a database that
// already holds another document, and with seeds that have no taxonomy
// file, serve loads every seed document and annotation, scoring against
// the built-in taxonomy, and says so.
func TestServeLoadsItsSeedsWhateverTheDatabaseHolds(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url := dbtest.MissingURL(t)
	other := filepath.Join(t.TempDir(), "other.txt")
	b, err := os.ReadFile("../../seeds/documents/002_e5952df28872fc73.txt")
	if err != nil {
		t.Fatal(err)
	}
	// Another document: the seed's text with a line more.
	if err := os.WriteFile(other, append(b, "\n別の文書。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	env, _, stderr := testEnv()
	// No --topics, and no seeds/ below this package's directory: the
	// built-in taxonomy.
	if err := run(ctx, []string{"ingest", "--database-url", url, other}, env); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	if !strings.Contains(stderr.String(), "using the built-in taxonomy") {
		t.Errorf("ingest without a taxonomy file does not say it uses the built-in one:\n%s", stderr)
	}

	seeds := copySeeds(t, "documents", "annotations")
	addr := freeAddr(t)
	env, _, stderr = testEnv()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--database-url", url, "--seeds", seeds}, env)
	}()
	waitUp(t, "http://"+addr, done, stderr)

	var out struct {
		Data struct {
			Documents struct{ TotalCount int }
			Topic     struct {
				Stances struct{ Nodes []struct{ Position string } }
			}
		}
		Errors []any
	}
	body := `{"query":"{ documents { totalCount } topic(slug: \"china-role\") { stances(first: 100) { nodes { position } } } }"}`
	resp, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	err = json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	seedDocs, _ := filepath.Glob(filepath.Join(seeds, "documents", "*.txt"))
	if err != nil || len(out.Errors) > 0 || out.Data.Documents.TotalCount != len(seedDocs)+1 || len(out.Data.Topic.Stances.Nodes) != 4 {
		t.Errorf("after start: %v %+v; want %d documents and the 4 curated stances on china-role", err, out, len(seedDocs)+1)
	}
	if log := stderr.String(); !strings.Contains(log, "using the built-in taxonomy") || strings.Contains(log, "not found") {
		t.Errorf("serve's log:\n%s", log)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

// TestServeRefusesSeedsItCannotLoad: a seed annotation that does not
// load (its document is not among the seeds) stops serve with the file's
// name and the reason, instead of a server that says it is ready.
func TestServeRefusesSeedsItCannotLoad(t *testing.T) {
	t.Parallel()
	seeds := copySeeds(t, "documents", "annotations")
	if err := os.Remove(filepath.Join(seeds, "documents", "000_44cdff5f3fd1670f.txt")); err != nil {
		t.Fatal(err)
	}
	env, _, stderr := testEnv()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	err := run(ctx, []string{"serve", "--addr", freeAddr(t), "--database-url", dbtest.MissingURL(t), "--seeds", seeds}, env)
	if err == nil || ctx.Err() != nil || !strings.Contains(err.Error(), "seed annotations") {
		t.Fatalf("serve with an annotation of a missing document: %v, want a start-up error\n%s", err, stderr)
	}
	if !strings.Contains(stderr.String(), "000_44cdff5f3fd1670f") {
		t.Errorf("the log does not name the failing annotation:\n%s", stderr)
	}
}
