package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/graph"
	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/cli/clitest"
	"github.com/sourcecmp/sourcecmp/internal/seedtest"
	"github.com/sourcecmp/sourcecmp/internal/server"
)

func TestLoadtestRefusesOtherHostsAndUnboundedRuns(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"--url", "http://192.0.2.1:8080"}, {"--url", "http://example.com"}, {"--url", "ftp://127.0.0.1"}, {"--url", "127.0.0.1:8080"},
		{"--concurrency", "0"}, {"--concurrency", "1000"}, {"--duration", "11m"}, {"--duration", "0s"},
		{"--requests", "-1"}, {"--requests", "100000000"}, {"--pid", "1"}, {"extra"},
	} {
		env, _, _ := testEnv()
		if err := run(context.Background(), append([]string{"loadtest"}, args...), env); cli.ExitCode(err) != 2 {
			t.Errorf("loadtest %v: %v, want a usage error", args, err)
		}
	}
	env, _, _ := testEnv()
	env.Getenv = func(k string) string {
		if k == "SOURCECMP_LOADTEST_CONCURRENCY" {
			return "many"
		}
		return ""
	}
	if err := run(context.Background(), []string{"loadtest"}, env); cli.ExitCode(err) != 2 || !strings.Contains(err.Error(), "SOURCECMP_LOADTEST_CONCURRENCY") {
		t.Errorf("a bad environment variable: %v", err)
	}
}

// TestLoadtestAgainstARunningServer drives a server (in this process,
// whose memory it samples) on the seeds for a moment: every kind of query
// succeeds.
func TestLoadtestAgainstARunningServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	sd := seedtest.Load(t)
	st := seedtest.Store(t)
	bounds, err := st.ListBoundsGet(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := server.DefaultPolicy()
	p.RateLimit, p.CostRate = 0, 0
	srv := httptest.NewServer(server.NewServer(server.Config{Log: slog.New(slog.DiscardHandler), Store: st,
		Ingester: sd.Ingester(st), Policy: p, Bounds: graph.NewBounds(bounds)}))
	defer srv.Close()
	env, stdout, stderr := testEnv()
	err = run(ctx, []string{"loadtest", "--url", strings.Replace(srv.URL, "127.0.0.1", "localhost", 1),
		"--pid", fmt.Sprint(os.Getpid()), "--concurrency", "4", "--duration", "1s", "--warmup", "200ms"}, env)
	if err != nil {
		t.Fatalf("loadtest: %v\n%s\n%s", err, stdout, stderr)
	}
	out := stdout.String()
	for _, want := range []string{"documents", "authors", "node", "reader", "compare", "search", "throughput", "errors       0 of", "server RSS"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s\n%s", want, out, stderr)
		}
	}
}

func TestMain(m *testing.M) { os.Exit(seedtest.Main(m)) }

func testEnv() (*cli.Env, *clitest.Buffer, *clitest.Buffer) { return clitest.Env() }
