package server_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/metrics"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Bounds every hostile request is held to (issue 10's targets): server
// CPU, bytes allocated, and the size of the answer.
const (
	maxRequestCPU      = 500 * time.Millisecond
	maxRequestAlloc    = 64 << 20
	maxResponseBytes   = 1 << 20
	maxSuiteHeapGrowth = 100 << 20
)

// work is what the server process spent on one request: CPU time, user
// and system, all threads (the collector's included), as the kernel
// counts it for the process (getrusage) — the Go runtime's own CPU
// classes are estimates that also count the time a thread waits for a
// core, which on a busy machine is most of it — and the bytes the
// program allocated, from the runtime's counter.
type work struct {
	cpu   time.Duration
	alloc uint64
}

func readWork(t *testing.T) work {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return work{cpu: time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), alloc: s[0].Value.Uint64()}
}

// measured sends a request and returns the answer with the work it cost.
func measured(t *testing.T, send func() reply) (reply, work) {
	t.Helper()
	runtime.GC() // the collection of what came before is not the request's
	before := readWork(t)
	r := send()
	after := readWork(t)
	return r, work{cpu: after.cpu - before.cpu, alloc: after.alloc - before.alloc}
}

// within checks a request's work and answer against the bounds.
func within(t *testing.T, r reply, w work) {
	t.Helper()
	if r.Status >= 500 {
		t.Errorf("HTTP %d: %.300s", r.Status, r.Body)
	}
	if w.cpu > maxRequestCPU {
		t.Errorf("the request cost %v of server CPU, more than %v", w.cpu, maxRequestCPU)
	}
	if w.alloc > maxRequestAlloc {
		t.Errorf("the request allocated %d MiB, more than %d MiB", w.alloc>>20, maxRequestAlloc>>20)
	}
	if len(r.Body) > maxResponseBytes {
		t.Errorf("the answer is %d bytes, more than %d", len(r.Body), maxResponseBytes)
	}
	t.Logf("%v CPU, %d KiB allocated, %d bytes answered", w.cpu.Round(time.Millisecond), w.alloc>>10, len(r.Body))
}

// refused checks that a request was refused with code, before it cost
// the database anything, and within the bounds.
func refused(t *testing.T, r reply, w work, code string) {
	t.Helper()
	onlyCode(t, r, code)
	if r.Statements != 0 {
		t.Errorf("the refusal ran %d SQL statements", r.Statements)
	}
	if len(r.Errors) > 0 && (r.Errors[0].Extensions["limit"] == nil || r.Errors[0].Extensions["actual"] == nil) {
		t.Errorf("the refusal does not say the limit and the measured value: %v", r.Errors[0].Extensions)
	}
	within(t, r, w)
}

// repeat joins n copies of format filled with their index.
func repeat(n int, format string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(format, i)
	}
	return strings.Join(parts, " ")
}

// TestHostileWorkIsBounded sends, for each class of request that could
// take the server down, the requests that did: each is refused before
// the work (its own code, a status below 500, no SQL) or answered within
// bounds of server CPU (the process's) and allocated bytes (the
// runtime's counter), and answer size; the heap over all of them must
// not grow by more than maxSuiteHeapGrowth. It runs alone in a process of
// its own, so that the counters count its requests alone while the
// package's other tests run in parallel.
func TestHostileWorkIsBounded(t *testing.T) {
	if os.Getenv(ownProcessEnv) == "" {
		t.Parallel()
		inOwnProcess(t)
		return
	}
	p := testPolicy()
	f := guarded(t, newFixture(t), p)
	post := func(query string, vars map[string]any) func() reply {
		return func() reply { return f.postAs(t, "", query, vars) }
	}
	heapBefore := heapInUse()

	t.Run("every hostile request", func(t *testing.T) {
		for _, h := range hostileRequests() {
			t.Run(h.name, func(t *testing.T) {
				r, w := measured(t, func() reply { return h.send(t, f) })
				within(t, r, w)
			})
		}
	})
	t.Run("validation cannot go quadratic", func(t *testing.T) {
		for _, c := range []struct {
			name, query, code string
		}{
			{"1500 conflicting selections", "{" + repeat(1500, `node(id:"%d"){id}`) + "}", "TOKEN_LIMIT_EXCEEDED"},
			{"16000 unknown fields", "{" + strings.Repeat(" a", 16000) + "}", "TOKEN_LIMIT_EXCEEDED"},
			{"500 conflicting selections", "{" + repeat(500, `node(id: "%d") { id }`) + "}", "DUPLICATE_FIELD_LIMIT_EXCEEDED"},
			{"450 fragments conflicting", "{" + repeat(450, "...F%d") + "} " + repeat(450, `fragment F%[1]d on Query { node(id: "%[1]d") { id } }`), "DUPLICATE_FIELD_LIMIT_EXCEEDED"},
			{"2000 fields", "{ documents { nodes {" + strings.Repeat(" id", 2000) + " } } }", "FIELD_LIMIT_EXCEEDED"},
		} {
			t.Run(c.name, func(t *testing.T) {
				r, w := measured(t, post(c.query, nil))
				refused(t, r, w, c.code)
			})
		}
		// The worst that passes the limits: groups of 20 conflicting
		// fields, and a thousand unknown ones. Validation fails, within
		// bounds, and the answer lists at most --max-errors errors.
		conflicts := "{" + repeat(45, "t%d: topics { "+strings.Repeat("name(lang: JA) name(lang: EN) ", 10)+"}") + "}"
		for name, q := range map[string]string{"45 sets of 20 conflicting fields": conflicts, "999 unknown fields": "{" + repeat(999, "a%d") + "}"} {
			t.Run(name, func(t *testing.T) {
				r, w := measured(t, post(q, nil))
				within(t, r, w)
				if len(r.Errors) != p.MaxErrors || r.Errors[len(r.Errors)-1].Extensions["code"] != "ERROR_LIMIT_EXCEEDED" {
					t.Errorf("HTTP %d, %d errors, want %d, the last counting the others: %.300s", r.Status, len(r.Errors), p.MaxErrors, r.Body)
				}
			})
		}
	})

	t.Run("error lists are capped", func(t *testing.T) {
		r, w := measured(t, post("{ __typename"+strings.Repeat("@a", 3000)+" }", nil))
		refused(t, r, w, "DIRECTIVE_LIMIT_EXCEEDED")
		r, w = measured(t, post("{ documents("+repeat(2000, "a%d: 1")+") { totalCount } }", nil))
		within(t, r, w)
		if len(r.Errors) != p.MaxErrors || !strings.Contains(r.Errors[len(r.Errors)-1].Message, "2000 errors") {
			t.Errorf("%d errors, want %d, the last counting all 2000", len(r.Errors), p.MaxErrors)
		}
	})

	t.Run("search text is bounded before the analyzer", func(t *testing.T) {
		long := strings.Repeat("中国と北朝鮮の関係 ", 400)
		r, w := measured(t, post(`query($q: String!) { search(query: $q) { totalCount } }`, map[string]any{"q": long}))
		refused(t, r, w, "SEARCH_LIMIT_EXCEEDED")
		r, w = measured(t, post(`query($q: String!) {`+repeat(10, "s%d: search(query: $q) { totalCount }")+`}`, map[string]any{"q": long}))
		refused(t, r, w, "SEARCH_LIMIT_EXCEEDED")
		words := strings.Repeat("中国 ", 40)
		r, w = measured(t, post(`query($q: String!) { search(query: $q) { totalCount } }`, map[string]any{"q": words}))
		refused(t, r, w, "SEARCH_LIMIT_EXCEEDED")
		// The longest search text a hundred times over costs too much;
		// as many as the cost limit lets through are answered in bounds.
		longest := string([]rune(strings.Repeat("北朝鮮の軍事技術協力とロシア ", 20))[:256])
		searches := func(n int) string {
			return `query($q: String!) {` + repeat(n, "s%d: search(query: $q) { totalCount nodes { snippet } }") + `}`
		}
		r, w = measured(t, post(searches(100), map[string]any{"q": longest}))
		refused(t, r, w, "COMPLEXITY_LIMIT_EXCEEDED")
		r, w = measured(t, post(searches(10), map[string]any{"q": longest}))
		within(t, r, w)
		if len(r.Errors) > 0 {
			t.Errorf("10 searches of 256 characters: %.300s", r.Body)
		}
	})

	t.Run("fan-out is priced by the data's longest lists", func(t *testing.T) {
		slug := f.slugs[0]
		for _, c := range []struct{ name, query string }{
			{"back and forth three times", `{ documents(first: 1) { nodes { footnotes { document { footnotes { document { footnotes { document { text } } } } } } } } }`},
			{"back and forth over every document", `{ documents(first: 5) { nodes { footnotes { document { footnotes { document { text } } } } } } }`},
			{"every paragraph's footnotes' paragraphs", `{ documents(first: 100) { nodes { sections { paragraphs { footnotes { citedIn { text } } } } } } }`},
		} {
			t.Run(c.name, func(t *testing.T) {
				r, w := measured(t, post(c.query, nil))
				refused(t, r, w, "COMPLEXITY_LIMIT_EXCEEDED")
			})
		}
		// Within the cost limit, but its answer would be megabytes: cut
		// off at the response limit.
		r, w := measured(t, post(`query($s: String) { document(slug: $s) { footnotes { document { footnotes { document { text } } } } } }`, map[string]any{"s": slug}))
		within(t, r, w)
		onlyCode(t, r, "RESPONSE_LIMIT_EXCEEDED")
		if string(r.Data) != "null" && len(r.Data) != 0 {
			t.Errorf("a response over its limit still carries data: %.200s", r.Data)
		}
		// The reader's query for the largest document is answered whole.
		r, w = measured(t, post(`query($s: String) { document(slug: $s) { text sections { heading paragraphs { text footnoteRefs { label offset } } } footnotes { label body citedIn { ordinal } } stances { summary citations { quote start end } } } }`, map[string]any{"s": slug}))
		within(t, r, w)
		if len(r.Errors) > 0 {
			t.Errorf("the reader's query: %.300s", r.Body)
		}
	})

	if grown := heapInUse() - heapBefore; grown > maxSuiteHeapGrowth {
		t.Errorf("the heap grew by %d MiB over the suite", grown>>20)
	}
}

// ownProcessEnv is set in the process inOwnProcess starts.
const ownProcessEnv = "SOURCECMP_TEST_OWN_PROCESS"

// inOwnProcess runs the test again, alone, in a new process of the test
// binary, and fails it as the run there failed.
func inOwnProcess(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v", "-test.timeout=10m")
	cmd.Env = append(os.Environ(), ownProcessEnv+"=1")
	out, err := cmd.CombinedOutput()
	if err != nil || testing.Verbose() {
		t.Logf("in a process of its own:\n%s", out)
	}
	if err != nil {
		t.Fatalf("%s in a process of its own: %v", t.Name(), err)
	}
	if !bytes.Contains(out, []byte("--- PASS: "+t.Name()+" ")) {
		t.Fatalf("%s did not run in its own process:\n%s", t.Name(), out)
	}
}

// heapInUse is the heap's live bytes after a collection.
func heapInUse() int64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

// TestPlainFieldsCountInTheResponseLimit: a paragraph's text is marshalled
// without gqlgen's field middleware (graph/internal/inline), and still
// counts in the response's size: an answer made of such texts is cut off
// at the limit, and passes under a larger one.
func TestPlainFieldsCountInTheResponseLimit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	const texts = `{ documents(first: 100) { nodes { sections { paragraphs { text } } } } }`
	var data map[string]any
	whole := f.query(t, texts, nil, &data)
	const limit = 32 << 10
	if len(whole.Data) < 2*limit {
		t.Fatalf("the seeds' paragraphs hold %d bytes of JSON, too few to test a limit of %d", len(whole.Data), limit)
	}
	p := testPolicy()
	p.Limits.MaxComplexity = 0 // priced by the longest lists, it is refused before it runs
	p.MaxResponseBytes = limit
	onlyCode(t, guarded(t, f, p).postAs(t, "", texts, nil), "RESPONSE_LIMIT_EXCEEDED")
	p.MaxResponseBytes = 4 * len(whole.Data)
	if r := guarded(t, f, p).postAs(t, "", texts, nil); len(r.Errors) > 0 {
		t.Errorf("under a limit of %d bytes: %+v", p.MaxResponseBytes, r.Errors)
	}
}
