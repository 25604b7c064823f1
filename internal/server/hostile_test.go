package server_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// hostile is one request built to hurt, and the code it must be refused
// with.
type hostile struct {
	name        string
	method      string // POST when empty
	target      string // /graphql when empty
	contentType string // application/json when empty; "-" for none
	body        []byte
	code        string
	status      int    // 0: any below 500; request errors are 200 to JSON clients (GraphQL over HTTP)
	message     string // a part of the message, when set
}

func gqlBody(query string, vars map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return b
}

// nest returns a query that walks document → sections → document … n times.
func nest(n int) string {
	var b strings.Builder
	b.WriteString("{ documents { nodes { ")
	for range n {
		b.WriteString("sections { document { ")
	}
	b.WriteString("id")
	for range n {
		b.WriteString(" } }")
	}
	b.WriteString(" } } }")
	return b.String()
}

func hostileRequests() []hostile {
	var wide, aliased, bomb strings.Builder
	wide.WriteString("{ documents { nodes { ")
	for range 1200 {
		wide.WriteString("id ")
	}
	wide.WriteString("} } }")
	aliased.WriteString("{ ")
	for i := range 150 {
		fmt.Fprintf(&aliased, "a%d: documents(first: 1) { totalCount } ", i)
	}
	aliased.WriteString("}")
	bomb.WriteString("query { ...F0 }\n")
	for i := range 40 {
		fmt.Fprintf(&bomb, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	bomb.WriteString("fragment F40 on Query { documents { totalCount } }\n")
	bigBody := gqlBody("{ documents { totalCount } }", map[string]any{"pad": strings.Repeat("x", 2<<20)})
	longQuery := "{ documents { totalCount } }" + strings.Repeat(" ", 40<<10)
	deepJSON := []byte(`{"query":"{ documents { totalCount } }","variables":{"x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}}`)
	cycle := `{ documents(first: 100) { nodes { sections { paragraphs { document { sections { paragraphs { text } } } } } } } }`
	return []hostile{
		{name: "deep", body: gqlBody(nest(8), nil), code: "DEPTH_LIMIT_EXCEEDED", status: 200, message: "depth 18, which exceeds the limit of 12 by 6"},
		{name: "wide", body: gqlBody(wide.String(), nil), code: "FIELD_LIMIT_EXCEEDED", status: 200, message: "by 202"},
		{name: "aliased", body: gqlBody(aliased.String(), nil), code: "ALIAS_LIMIT_EXCEEDED", status: 200, message: "aliases 150, which exceeds the limit of 100 by 50"},
		{name: "fragment bomb", body: gqlBody(bomb.String(), nil), code: "FIELD_LIMIT_EXCEEDED", status: 200},
		{name: "complex", body: gqlBody(cycle, nil), code: "COMPLEXITY_LIMIT_EXCEEDED", status: 200, message: "exceeds the limit of 50000 by"},
		{name: "huge first", body: gqlBody(`{ documents(first: 1000000) { totalCount } }`, nil), code: "INVALID_ARGUMENT", message: "999900 over the limit"},
		{name: "huge nested first", body: gqlBody(`{ authors { nodes { documents(first: 5000) { totalCount } } } }`, nil), code: "INVALID_ARGUMENT", message: "at most 100"},
		{name: "huge first in a variable", body: gqlBody(`query($n: Int) { authors(first: $n) { totalCount } }`, map[string]any{"n": 101}), code: "INVALID_ARGUMENT"},
		{name: "first beyond 32 bits", body: gqlBody(`{ documents(first: 99999999999) { totalCount } }`, nil), code: "INVALID_ARGUMENT"},
		{name: "first beyond 64 bits", body: gqlBody(`{ documents(first: 99999999999999999999999) { totalCount } }`, nil), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "negative first", body: gqlBody(`{ documents(first: -5) { totalCount } }`, nil), code: "INVALID_ARGUMENT"},
		{name: "huge body", body: bigBody, code: "BODY_LIMIT_EXCEEDED", status: 413, message: "limit of 1048576 bytes"},
		{name: "long query", body: gqlBody(longQuery, nil), code: "QUERY_LIMIT_EXCEEDED", status: 413, message: "exceeds the limit of 32768 by"},
		{name: "long GET query", method: "GET", target: "/graphql?" + url.Values{"query": {longQuery}}.Encode(), contentType: "-", code: "QUERY_LIMIT_EXCEEDED", status: 413},
		{name: "truncated JSON", body: []byte(`{"query": "{ documents { totalCount } }"`), code: "BAD_REQUEST", status: 400, message: "not valid JSON"},
		{name: "not JSON", body: []byte(`query { documents { totalCount } }`), code: "BAD_REQUEST", status: 400},
		{name: "trailing garbage", body: []byte(`{"query": "{ documents { totalCount } }"} {"x": 1}`), code: "BAD_REQUEST", status: 400},
		{name: "batch", body: []byte(`[{"query": "{ documents { totalCount } }"}]`), code: "BAD_REQUEST", status: 400, message: "batched"},
		{name: "query not a string", body: []byte(`{"query": {"$ne": null}}`), code: "BAD_REQUEST", status: 400, message: `"query" must be a string`},
		{name: "variables not an object", body: []byte(`{"query": "{ documents { totalCount } }", "variables": "x"}`), code: "BAD_REQUEST", status: 400},
		{name: "deeply nested JSON", body: deepJSON, code: "BAD_REQUEST", status: 400},
		{name: "empty body", body: []byte{}, code: "BAD_REQUEST", status: 400},
		{name: "no query", body: []byte(`{}`), code: "BAD_REQUEST", status: 400},
		{name: "text/plain", contentType: "text/plain", body: gqlBody("{ documents { totalCount } }", nil), code: "UNSUPPORTED_MEDIA_TYPE", status: 415},
		{name: "form", contentType: "application/x-www-form-urlencoded", body: []byte("query=%7B%7D"), code: "UNSUPPORTED_MEDIA_TYPE", status: 415},
		{name: "multipart", contentType: "multipart/form-data; boundary=x", body: []byte("--x--"), code: "UNSUPPORTED_MEDIA_TYPE", status: 415},
		{name: "application/graphql", contentType: "application/graphql", body: []byte("{ documents { totalCount } }"), code: "UNSUPPORTED_MEDIA_TYPE", status: 415},
		{name: "no content type", contentType: "-", body: gqlBody("{ documents { totalCount } }", nil), code: "UNSUPPORTED_MEDIA_TYPE", status: 415},
		{name: "malformed content type", contentType: "application/json; charset", body: gqlBody("{ documents { totalCount } }", nil), code: "UNSUPPORTED_MEDIA_TYPE", status: 415},
		{name: "unknown field", body: gqlBody(`{ documents { nodes { password } } }`, nil), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "unknown argument", body: gqlBody(`{ documents(limit: 5) { totalCount } }`, nil), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "unknown type", body: gqlBody(`{ users { id } }`, nil), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "syntax error", body: gqlBody(`{ documents { totalCount `, nil), code: "GRAPHQL_PARSE_FAILED", status: 200},
		{name: "string for Int", body: gqlBody(`query($n: Int) { documents(first: $n) { totalCount } }`, map[string]any{"n": "ten"}), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "float for Int", body: gqlBody(`query($n: Int) { documents(first: $n) { totalCount } }`, map[string]any{"n": 2.5}), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "huge number for Int", body: []byte(`{"query":"query($n: Int) { documents(first: $n) { totalCount } }","variables":{"n":1e400}}`), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "object for String", body: gqlBody(`query($s: String) { document(slug: $s) { id } }`, map[string]any{"s": map[string]any{"$gt": ""}}), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "missing required variable", body: gqlBody(`query($id: ID!) { node(id: $id) { id } }`, nil), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "unknown enum", body: gqlBody(`query($l: Lang) { topics { name(lang: $l) } }`, map[string]any{"l": "FR"}), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "number for Date", body: gqlBody(`query($d: Date) { documents(filter: {publishedAfter: $d}) { totalCount } }`, map[string]any{"d": 20240101}), code: "INVALID_ARGUMENT"},
		{name: "unknown filter member", body: gqlBody(`query($f: DocumentFilter) { documents(filter: $f) { totalCount } }`, map[string]any{"f": map[string]any{"sql": "1=1"}}), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "repeated directive", body: gqlBody(`{ documents @skip(if: false) @skip(if: false) { totalCount } }`, nil), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "unknown operation", body: []byte(`{"query":"query A { documents { totalCount } }","operationName":"B"}`), code: "GRAPHQL_VALIDATION_FAILED", status: 200},
		{name: "bad APQ hash", body: []byte(`{"query":"{ documents { totalCount } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"00"}}}`), code: "BAD_REQUEST"},
		{name: "malformed URL query", method: "GET", target: "/graphql?query=%zz", contentType: "-", code: "BAD_REQUEST", status: 400},
		{name: "mutation over GET", method: "GET", target: "/graphql?" + url.Values{"query": {`mutation { deleteStance(id: "x") }`}}.Encode(), contentType: "-", status: 405},
		{name: "malformed Authorization", body: gqlBody("{ documents { totalCount } }", nil), code: "UNAUTHENTICATED", status: 400},
	}
}

// send sends h to f's handler.
func (h hostile) send(t testing.TB, f *fixture) reply {
	method, target, ct := h.method, h.target, h.contentType
	if method == "" {
		method = http.MethodPost
	}
	if target == "" {
		target = "/graphql"
	}
	switch ct {
	case "":
		ct = "application/json"
	case "-":
		ct = ""
	}
	header := http.Header{}
	if h.name == "malformed Authorization" {
		header.Set("Authorization", "Basic dXNlcjpwYXNz")
	}
	return f.send(t, method, target, ct, h.body, header)
}

// TestHostileRequests sends requests built to hurt to the real handler
// over the seeds: each gets a clear GraphQL error with a status below 500,
// costs the database nothing, and the database is the same afterwards.
// What each costs the server is bounded in TestHostileWorkIsBounded.
func TestHostileRequests(t *testing.T) {
	t.Parallel()
	f := guarded(t, newFixture(t), testPolicy())
	before := dbState(t, f.store)
	for _, h := range hostileRequests() {
		acquires := f.store.Pool().Stat().AcquireCount()
		r := h.send(t, f)
		t.Run(h.name, func(t *testing.T) {
			if h.code != "" {
				onlyCode(t, r, h.code)
			} else if len(r.Errors) == 0 || r.Status >= 500 {
				t.Errorf("HTTP %d, %s", r.Status, r.Body)
			}
			if h.status != 0 && r.Status != h.status {
				t.Errorf("HTTP %d, want %d: %.300s", r.Status, h.status, r.Body)
			}
			if h.message != "" && (len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, h.message)) {
				t.Errorf("message %q does not say %q", r.Errors, h.message)
			}
			if r.Statements != 0 || r.Header.Get("X-Sql-Statements") == "" {
				t.Errorf("X-Sql-Statements %q: the refusal cost the database", r.Header.Get("X-Sql-Statements"))
			}
			if n := f.store.Pool().Stat().AcquireCount() - acquires; n != 0 {
				t.Errorf("the pool handed out %d connections for a refused request", n)
			}
			if len(r.Errors) > 0 && len(r.Errors[0].Message) > 1000 {
				t.Errorf("message of %d bytes", len(r.Errors[0].Message))
			}
		})
	}
	// Unknown members of the request object are ignored, as the
	// GraphQL-over-HTTP spec allows.
	r := f.send(t, http.MethodPost, "/graphql", "application/json", []byte(`{"query":"{ documents { totalCount } }","id":"x","doc_id":1}`), nil)
	if r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Errorf("unknown request members: %d %s", r.Status, r.Body)
	}
	if after := dbState(t, f.store); after != before {
		t.Errorf("the database changed:\n%s\n%s", before, after)
	}
}

// injections are strings that break code which builds SQL, paths or
// markup from input.
var injections = []string{
	`' OR '1'='1`, `'; DROP TABLE documents; --`, `" OR ""="`, `1; SELECT pg_sleep(10)`, `$1`, `%`, `_`, `\`, `\\'`,
	`') UNION SELECT key_hash FROM api_keys --`, `{"$gt": ""}`, `../../../../etc/passwd`, `<script>alert(1)</script>`,
	"\x00", "a\x00b", "\u202e\u0000", "😀", "\uFFFD", strings.Repeat("長", 10000), "", " ", "null", "-1", "0",
	"RG9jdW1lbnQ6MSBPUiAxPTE",                                        // Document:1 OR 1=1
	"RG9jdW1lbnQ6LTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk",                    // Document:-99999999999999999999
	"ZG9jdW1lbnRzOnsicCI6IjIwMjQtMDEtMDEnIE9SIDE9MSIsInMiOiJ4In0",    // documents:{"p":"2024-01-01' OR 1=1","s":"x"}
	"ZG9jdW1lbnRzOnsicyI6IngnOyBEUk9QIFRBQkxFIGRvY3VtZW50czsgLS0ifQ", // documents:{"s":"x'; DROP TABLE documents; --"}
	"YXV0aG9yczp7Im4iOiInIE9SIDE9MSIsImkiOjF9",                       // authors:{"n":"' OR 1=1","i":1}
}

// argumentQueries put $s in every argument the API takes a string in.
var argumentQueries = []string{
	`query($s: ID!) { node(id: $s) { id } }`,
	`query($s: ID) { document(id: $s) { id } }`,
	`query($s: String) { document(slug: $s) { id } }`,
	`query($s: ID!) { author(id: $s) { id } }`,
	`query($s: String) { documents(after: $s) { totalCount } }`,
	`query($s: String) { authors(after: $s) { totalCount } }`,
	`query($s: String) { authors(first: 2) { nodes { documents(after: $s) { totalCount } } } }`,
	`query($s: ID) { documents(filter: {author: $s}) { totalCount } }`,
	`query($s: String) { documents(filter: {topic: $s}) { totalCount nodes { id } } }`,
	`query($s: String) { documents(filter: {titleContains: $s}) { totalCount nodes { id } } }`,
	`query($s: Date) { documents(filter: {publishedAfter: $s}) { totalCount } }`,
	`query($s: Date) { documents(filter: {publishedBefore: $s}) { totalCount } }`,
	`query($s: String!) { topic(slug: $s) { id } }`,
	`query($s: String!) { compare(topic: $s) { topic { slug } } }`,
	`query($s: String!) { search(query: $s) { totalCount nodes { snippet } } }`,
	`query($s: String!) { search(query: "中国", topic: $s) { totalCount } }`,
	`query($s: ID!) { search(query: "中国", document: $s) { totalCount } }`,
	`query($s: String!) { search(query: "中国", after: $s) { totalCount } }`,
	`query($s: String) { works(after: $s) { totalCount } }`,
	`query($s: String!) { authors(first: 2) { nodes { stance(topic: $s) { id } stances(topic: $s) { nodes { id } } evidence(topic: $s) { nodes { snippet } } } } }`,
}

// TestInjectionLookingArguments sends injection-looking strings in every
// argument: each answer is data or a client error (never INTERNAL, never
// a 5xx), and the database is unchanged.
func TestInjectionLookingArguments(t *testing.T) {
	t.Parallel()
	f := guarded(t, newFixture(t), testPolicy())
	editor := "Bearer " + newKey(t, f.store, "curator", "editor")
	before := dbState(t, f.store)
	check := func(t *testing.T, r reply) {
		t.Helper()
		if r.Status >= 500 {
			t.Errorf("HTTP %d: %.300s", r.Status, r.Body)
		}
		for _, e := range r.Errors {
			switch e.Extensions["code"] {
			case "INVALID_ARGUMENT", "NOT_FOUND", "GRAPHQL_VALIDATION_FAILED", "NOT_IMPLEMENTED", "SEARCH_LIMIT_EXCEEDED":
			default:
				t.Errorf("error %q with code %v", e.Message, e.Extensions["code"])
			}
		}
		noInternals(t, r.Body)
		for _, e := range r.Errors {
			if len(e.Message) > 1000 {
				t.Errorf("message of %d bytes", len(e.Message))
			}
		}
	}
	for qi, q := range argumentQueries {
		t.Run(fmt.Sprint(strings.Fields(q)[3]), func(t *testing.T) {
			for _, s := range injections {
				r := f.postAs(t, "", q, map[string]any{"s": s})
				if t.Failed() {
					t.Logf("query %d with %q", qi, s)
					return
				}
				check(t, r)
				if t.Failed() {
					t.Logf("query %d with %.40q", qi, s)
					return
				}
			}
		})
	}
	// Writes, with a key allowed to make them: the ids are refused.
	for _, s := range injections {
		for _, q := range []string{
			`mutation($s: ID!) { deleteStance(id: $s) }`,
			`mutation($s: ID!) { removeCitation(id: $s) }`,
			`mutation($s: ID!) { updateStance(input: {id: $s, summary: "x"}) { id } }`,
			`mutation($s: ID!) { addCitation(stanceId: $s, citation: {quote: "x"}) { id } }`,
		} {
			r := f.postAs(t, editor, q, map[string]any{"s": s})
			check(t, r)
			if len(r.Errors) == 0 {
				t.Errorf("%s with %.40q succeeded", q, s)
			}
		}
	}
	if after := dbState(t, f.store); after != before {
		t.Errorf("the database changed:\n%s\n%s", before, after)
	}
	// Inline in the query text instead of variables: the same.
	for _, s := range injections[:12] {
		lit, _ := json.Marshal(s)
		r := f.postAs(t, "", fmt.Sprintf(`{ documents(filter: {titleContains: %s}) { totalCount } document(slug: %s) { id } }`, lit, lit), nil)
		check(t, r)
	}
}
