package main

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/cli/clitest"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

func testEnv() (*cli.Env, *clitest.Buffer, *clitest.Buffer) { return clitest.Env() }

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitUp waits for serve, started with done, to be ready: it listens
// before its database is.
func waitUp(t *testing.T, base string, done chan error, stderr *clitest.Buffer) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		resp, err := http.Get(base + "/readyz") // serve listens before its database is ready
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\n%s", err, stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not up in time\n%s", stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServeOnAFreshDatabase runs `sourcecmp serve` against a database that
// does not exist yet, as on a fresh machine, and stops it with its context.
func TestServeOnAFreshDatabase(t *testing.T) {
	t.Parallel()
	url := dbtest.MissingURL(t)
	addr := freeAddr(t)
	env, _, stderr := testEnv()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--addr", addr, "--database-url", url, "--seeds", "../../seeds"}, env)
	}()

	base := "http://" + addr
	waitUp(t, base, done, stderr)
	if err := run(ctx, []string{"healthcheck", "--addr", addr}, env); err != nil {
		t.Errorf("healthcheck of a ready server: %v", err)
	}

	seeds, _ := filepath.Glob("../../seeds/documents/*.txt")
	body := `{"query":"{ documents(first: 10) { totalCount nodes { title sections { paragraphs { footnotes { label } } } } } }"}`
	resp, err := http.Post(base+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Data struct {
			Documents struct {
				TotalCount int
				Nodes      []struct{ Title string }
			}
		}
		Errors []any
	}
	err = json.NewDecoder(resp.Body).Decode(&out)
	resp.Body.Close()
	if err != nil || len(out.Errors) > 0 || out.Data.Documents.TotalCount != len(seeds) || out.Data.Documents.Nodes[0].Title == "" {
		t.Fatalf("query: %v %+v", err, out)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after shutdown: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if err := run(context.Background(), []string{"healthcheck", "--addr", addr}, env); err == nil {
		t.Error("healthcheck of a stopped server passed")
	}
	if log := stderr.String(); !strings.Contains(log, "created the database") || !strings.Contains(log, "seeded") {
		t.Errorf("log does not tell that it created and seeded the database:\n%s", log)
	}
}
