package server_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/server"
)

// The stock clients and tools of testdata/clients (npm, locked; .ci/setup
// installs them) run against the real server over TCP, with the limits
// `serve` starts with.
const clientsDir = "testdata/clients"

// clientServer serves f with the default policy on a real port and
// returns its GraphQL URL. The rate limit is off: a client tool sends
// more requests in a second than one person would.
func clientServer(t *testing.T, f *fixture) string {
	t.Helper()
	srv := httptest.NewServer(guarded(t, f, testPolicy()).handler)
	t.Cleanup(srv.Close)
	return srv.URL + "/graphql"
}

// runNode runs a script of testdata/clients with args and returns its
// standard output; the test fails with its standard error when it fails.
func runNode(t *testing.T, script string, args ...string) []byte {
	t.Helper()
	if _, err := os.Stat(filepath.Join(clientsDir, "node_modules", ".package-lock.json")); err != nil {
		t.Fatalf("the client packages are not installed: run `make test` (or .ci/setup clients): %v", err)
	}
	cmd := exec.Command("node", append([]string{script}, args...)...)
	cmd.Dir = clientsDir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node %s: %v\n%s\n%s", script, err, stderr.String(), stdout.String())
	}
	if stderr.Len() > 0 {
		t.Logf("node %s: %s", script, stderr.String())
	}
	return stdout.Bytes()
}

// downloadSchema introspects the server with graphql-js's stock query and
// writes the schema it builds to a file, whose path it returns.
func downloadSchema(t *testing.T, url string) (string, introspection) {
	t.Helper()
	sdl := filepath.Join(t.TempDir(), "schema.graphql")
	var got introspection
	if err := json.Unmarshal(runNode(t, "introspect.mjs", url, sdl), &got); err != nil {
		t.Fatal(err)
	}
	return sdl, got
}

type introspection struct {
	QueryBytes  int               `json:"queryBytes"`
	Types       int               `json:"types"`
	QueryFields []string          `json:"queryFields"`
	Directives  []string          `json:"directives"`
	SpecifiedBy map[string]string `json:"specifiedBy"`
}

// TestStockIntrospection: getIntrospectionQuery() with every option, as
// GraphiQL and code generators send it, passes the default limits, and
// buildClientSchema + assertValidSchema accept the answer.
func TestStockIntrospection(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	srv := httptest.NewServer(guarded(t, f, server.DefaultPolicy()).handler) // exactly serve's defaults
	t.Cleanup(srv.Close)
	sdl, got := downloadSchema(t, srv.URL+"/graphql")
	for _, field := range []string{"node", "documents", "compare", "search", "works"} {
		if !slices.Contains(got.QueryFields, field) {
			t.Errorf("the client schema's Query has no %s: %v", field, got.QueryFields)
		}
	}
	for _, scalar := range []string{"Date", "Time"} {
		if !strings.HasPrefix(got.SpecifiedBy[scalar], "https://") {
			t.Errorf("scalar %s has no @specifiedBy URL: %v", scalar, got.SpecifiedBy)
		}
	}
	b, err := os.ReadFile(sdl)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "type Document implements Node") {
		t.Errorf("printed schema lacks Document:\n%.2000s", b)
	}
	t.Logf("introspection query of %d bytes: %d types", got.QueryBytes, got.Types)
}
