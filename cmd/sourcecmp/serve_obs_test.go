package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

// TestServeObservability runs `sourcecmp serve` as production would, with
// tracing on through the OTEL_* variables and stderr to a log collector
// (no terminal), and reads its logs, metrics and spans.
func TestServeObservability(t *testing.T) {
	t.Parallel()
	addr := freeAddr(t)
	env, stdout, stderr := testEnv()
	vars := map[string]string{"DATABASE_URL": dbtest.MissingURL(t), "SOURCECMP_ADDR": addr, "SOURCECMP_SEEDS": "../../seeds",
		"OTEL_TRACES_EXPORTER": "console", "OTEL_SERVICE_NAME": "sourcecmp-test"}
	env.Getenv = func(k string) string { return vars[k] }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve"}, env) }()
	base := "http://" + addr
	waitUp(t, base, done, stderr)

	req, _ := http.NewRequest(http.MethodPost, base+"/graphql",
		strings.NewReader(`{"query":"query Docs { documents(first: 3) { totalCount } }","operationName":"Docs"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-ID", "serve-obs-1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("query: %v %v", resp, err)
	}
	resp.Body.Close()
	metrics := fetch(t, base+"/metrics")
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}

	seeds, _ := filepath.Glob("../../seeds/documents/*.txt")
	for _, want := range []string{
		`sourcecmp_ingest_files_total{status="added"} ` + itoa(len(seeds)),
		`sourcecmp_http_requests_total{code="200",operation="Docs",route="POST /graphql"} 1`,
		`sourcecmp_db_pool_connections_max `,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}

	var request map[string]any
	sc := bufio.NewScanner(strings.NewReader(stderr.String()))
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("stderr is no terminal, so the log is JSON; got %q", sc.Text())
		}
		if line["msg"] == "request" && line["request_id"] == "serve-obs-1" {
			request = line
		}
	}
	if request == nil || request["operation"] != "Docs" || request["sql_statements"] == 0.0 || request["trace_id"] == nil {
		t.Errorf("request log line %v", request)
	}

	// The console exporter writes one JSON object per span on stdout.
	spans := map[string]bool{}
	dec := json.NewDecoder(strings.NewReader(stdout.String()))
	for {
		var span struct {
			Name     string
			Resource []struct {
				Key   string
				Value struct{ Value any }
			}
		}
		if err := dec.Decode(&span); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("stdout holds no span JSON: %v\n%s", err, stdout)
		}
		spans[span.Name] = true
		for _, a := range span.Resource {
			if a.Key == "service.name" && a.Value.Value != "sourcecmp-test" {
				t.Errorf("span %s of service %v, want OTEL_SERVICE_NAME's", span.Name, a.Value.Value)
			}
		}
	}
	for _, want := range []string{"POST /graphql", "query Docs", "Query.documents", "SELECT"} {
		if !spans[want] {
			t.Errorf("no span %q among %v", want, spans)
		}
	}
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", url, resp.StatusCode, err)
	}
	return string(b)
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}
