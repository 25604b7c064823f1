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

	"github.com/sourcecmp/sourcecmp/internal/npmtest"
	"github.com/sourcecmp/sourcecmp/internal/server"
)

// The stock clients and tools of testdata/clients (npm, locked; the tests
// install them with npmtest, as .ci/setup does) run against the real server over TCP, with the limits
// `serve` starts with.
const clientsDir = "testdata/clients"

// clientServer serves f with the default policy on a real port and
// returns its GraphQL URL. The rate limit is off: a client tool sends
// more requests in a second than one person would.
func clientServer(t *testing.T, f *fixture) string {
	t.Helper()
	npmtest.Install(t, clientsDir)
	srv := httptest.NewServer(guarded(t, f, testPolicy()).handler)
	t.Cleanup(srv.Close)
	return srv.URL + "/graphql"
}

// runNode runs a script of testdata/clients with args and returns its
// standard output; the test fails with its standard error when it fails.
func runNode(t *testing.T, script string, args ...string) []byte {
	t.Helper()
	npmtest.Install(t, clientsDir)
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

// copyDir copies the files below src into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// runIn runs a command in dir with the client packages on NODE_PATH (for
// CommonJS code outside their directory) and returns its output.
func runIn(t *testing.T, dir string, name string, args ...string) []byte {
	t.Helper()
	modules, err := filepath.Abs(filepath.Join(clientsDir, "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s\n%s", name, args, err, stderr.String(), stdout.String())
	}
	return stdout.Bytes()
}

// TestRelay compiles a small Relay project with the real relay-compiler
// against the schema the server introspects (@connection on every
// connection, @refetchable on Nodes), then runs it with relay-runtime
// against the server: pages merge in the store's connections, and a
// document refetches by node(id:).
func TestRelay(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	url := clientServer(t, f)
	sdl, _ := downloadSchema(t, url)
	project := t.TempDir()
	copyDir(t, filepath.Join(clientsDir, "relay"), project)
	b, err := os.ReadFile(sdl)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(project, "schema.graphql"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	compiler, err := filepath.Abs(filepath.Join(clientsDir, "node_modules", "relay-compiler", "cli.js"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("relay-compiler: %s", runIn(t, project, "node", compiler))

	var got struct {
		FirstPage, Documents, Stances []string
		Refetched                     struct{ ID, Slug, Title string }
		Counts                        map[string]int
	}
	slug := f.slugs[0]
	if err := json.Unmarshal(runIn(t, project, "node", "run.cjs", url, slug), &got); err != nil {
		t.Fatal(err)
	}
	var want struct {
		Documents struct{ Nodes []struct{ Slug string } }
		Topic     struct {
			Stances struct{ Nodes []struct{ ID string } }
		}
	}
	f.query(t, `{ documents(first: 4) { nodes { slug } } topic(slug: "china-role") { stances(first: 4) { nodes { id } } } }`, nil, &want)
	var wantDocs, wantStances []string
	for _, d := range want.Documents.Nodes {
		wantDocs = append(wantDocs, d.Slug)
	}
	for _, s := range want.Topic.Stances.Nodes {
		wantStances = append(wantStances, s.ID)
	}
	if len(got.FirstPage) != 2 || !slices.Equal(got.Documents, wantDocs) {
		t.Errorf("Relay's documents connection holds %v after two pages (first %v), want %v", got.Documents, got.FirstPage, wantDocs)
	}
	if !slices.Equal(got.Stances, wantStances) {
		t.Errorf("Relay's topic stances connection holds %v after two pages, want %v", got.Stances, wantStances)
	}
	if got.Refetched.Slug != slug || got.Refetched.Title == "" || got.Refetched.ID == "" {
		t.Errorf("the refetch of %s by node(id:) gave %+v", slug, got.Refetched)
	}
	for _, c := range []string{"authors", "works", "search", "compare", "topicDocuments"} {
		if got.Counts[c] != 2 {
			t.Errorf("Relay's %s connection holds %d edges, want the 2 asked for (%v)", c, got.Counts[c], got.Counts)
		}
	}
}

// TestApolloClient runs Apollo Client with the README's cache policies:
// relayStylePagination keeps every page fetchMore brings (not only the
// last), passages stay apart in the cache by id, and @defer arrives over
// multipart/mixed in two parts.
func TestApolloClient(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var got struct {
		Documents, Search, SearchParagraphs []string
		DeferredParts                       []struct{ Title, Text bool }
	}
	if err := json.Unmarshal(runNode(t, "apollo.mjs", clientServer(t, f)), &got); err != nil {
		t.Fatal(err)
	}
	var want struct {
		Documents struct{ Nodes []struct{ Slug string } }
		Search    struct {
			Nodes []struct {
				ID        string
				Paragraph struct{ ID string }
			}
		}
	}
	f.query(t, `{ documents(first: 4) { nodes { slug } } search(query: "北朝鮮", first: 6) { nodes { id paragraph { id } } } }`, nil, &want)
	var docs, passages []string
	for _, d := range want.Documents.Nodes {
		docs = append(docs, d.Slug)
	}
	for _, p := range want.Search.Nodes {
		passages = append(passages, p.ID)
	}
	if !slices.Equal(got.Documents, docs) {
		t.Errorf("Apollo's cache holds documents %v after two pages, want %v", got.Documents, docs)
	}
	if !slices.Equal(got.Search, passages) {
		t.Errorf("Apollo's cache holds passages %v after two pages, want %v", got.Search, passages)
	}
	parts := got.DeferredParts
	if len(parts) < 2 || !parts[0].Title || parts[0].Text || !parts[len(parts)-1].Text {
		t.Errorf("@defer: Apollo saw the parts %+v, want the title first and the text later", parts)
	}
}

// TestGraphQLOverHTTPAudit runs graphql-http's server audit (serverAudits:
// every MUST, SHOULD and MAY of the GraphQL-over-HTTP spec it checks)
// against the server with the default limits: no MUST and no SHOULD may
// fail.
func TestGraphQLOverHTTPAudit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var results []struct{ ID, Name, Status, Reason string }
	if err := json.Unmarshal(runNode(t, "audit.mjs", clientServer(t, f)), &results); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, r := range results {
		counts[strings.Fields(r.Name)[0]+" "+r.Status]++
		if r.Status != "ok" && !strings.HasPrefix(r.Name, "MAY") {
			t.Errorf("%s (%s): %s", r.Name, r.ID, r.Reason)
		}
		if r.Status != "ok" && strings.HasPrefix(r.Name, "MAY") {
			t.Logf("optional: %s: %s", r.Name, r.Reason)
		}
	}
	if counts["MUST ok"] == 0 || counts["SHOULD ok"] == 0 {
		t.Fatalf("the audit ran no MUST or no SHOULD: %v", counts)
	}
	t.Logf("audit: %v", counts)
}

// TestSchemaLint checks the schema the server introspects with the lint
// of testdata/clients/lint.mjs: descriptions everywhere, no unused scalar,
// @specifiedBy on custom scalars, the Relay connection shape.
func TestSchemaLint(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	sdl, _ := downloadSchema(t, clientServer(t, f))
	cmd := exec.Command("node", "lint.mjs", sdl)
	cmd.Dir = clientsDir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("schema lint: %v\n%s", err, out)
	}
	t.Logf("%s", out)

	// The lint finds what it is there for.
	bad := filepath.Join(t.TempDir(), "bad.graphql")
	err = os.WriteFile(bad, []byte(`"Q" type Query { "T" things(first: Int): ThingConnection! undocumented: Int }
scalar Unused @specifiedBy(url: "https://example.org")
"C" type ThingConnection { "E" edges: [String] }`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cmd = exec.Command("node", "lint.mjs", bad)
	cmd.Dir = clientsDir
	out, err = cmd.CombinedOutput()
	for _, want := range []string{"field Query.undocumented has no description", "scalar Unused is not used",
		"type Unused has no description", "Query.things has no last: Int", "ThingConnection.edges is not [XEdge!]!", "ThingConnection.pageInfo is not PageInfo!"} {
		if err == nil || !strings.Contains(string(out), want) {
			t.Errorf("the lint of a bad schema does not say %q: %v\n%s", want, err, out)
		}
	}
}

// TestCodegen runs GraphQL Code Generator with testdata/clients/codegen.yml
// (the README's configuration): it downloads the schema from the server's
// URL and writes TypeScript types for the operations of codegen/.
func TestCodegen(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	out := filepath.Join(t.TempDir(), "types.ts")
	cmd := exec.Command(filepath.Join("node_modules", ".bin", "graphql-codegen"), "--config", "codegen.yml")
	cmd.Dir = clientsDir
	cmd.Env = append(os.Environ(), "SCHEMA_URL="+clientServer(t, f), "CODEGEN_OUT="+out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("graphql-codegen: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"export type StancesOnTopicQuery", "export type StancesOnTopicQueryVariables", "export type StanceConnection",
		"publishedAt: string | null"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the generated types lack %q:\n%s", want, b[max(0, len(b)-1500):])
		}
	}
}
