package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

func TestRenderBar(t *testing.T) {
	t.Parallel()
	s := barState{Files: 3, TotalFiles: 5, Bytes: 600 * 1024, TotalBytes: 1000 * 1024, Elapsed: 2 * time.Second, Last: "003_102feb90fe83f811.txt"}
	line := renderBar(s, 120)
	for _, want := range []string{"3/5 files", " 60%", "600.0 KiB/1000.0 KiB", "300.0 KiB/s", "ETA 1s", "003_102feb90fe83f811.txt"} {
		if !strings.Contains(line, want) {
			t.Errorf("bar %q lacks %q", line, want)
		}
	}
	if full, empty := strings.Count(line, "█"), strings.Count(line, "░"); full != 18 || empty != 12 {
		t.Errorf("bar %q: %d of %d cells full, want 18 of 30", line, full, full+empty)
	}
	for _, width := range []int{120, 80, 60, 40, 20, 5} {
		if n := utf8.RuneCountInString(renderBar(s, width)); n >= width && width > 1 {
			t.Errorf("width %d: the line takes %d columns", width, n)
		}
	}
	if narrow := renderBar(s, 40); strings.Contains(narrow, "█") || !strings.HasPrefix(narrow, "3/5 files") {
		t.Errorf("a narrow terminal gets the counts without a bar: %q", narrow)
	}

	start := renderBar(barState{TotalFiles: 5, TotalBytes: 1000}, 100)
	if !strings.Contains(start, "0/5 files") || !strings.Contains(start, "ETA --") {
		t.Errorf("before the first file: %q", start)
	}
	done := renderBar(barState{Files: 5, TotalFiles: 5, Bytes: 1000, TotalBytes: 1000, Elapsed: time.Second}, 100)
	if !strings.Contains(done, "100%") || !strings.Contains(done, "done") || strings.Contains(done, "░") {
		t.Errorf("at the end: %q", done)
	}
}

func TestHumanUnits(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB", 5 << 20: "5.0 MiB", 3 << 30: "3.0 GiB"} {
		if got := cli.HumanBytes(n); got != want {
			t.Errorf("cli.HumanBytes(%d) = %q, want %q", n, got, want)
		}
	}
	for d, want := range map[time.Duration]string{time.Millisecond: "<1s", 42 * time.Second: "42s", 65 * time.Second: "1m05s", 2*time.Hour + 3*time.Minute: "2h03m"} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// fakeClock advances a second each time it is read.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time {
	c.t = c.t.Add(time.Second)
	return c.t
}

var reportResults = []ingest.Result{
	{File: "a/one.txt", Slug: "one", Status: store.Added, DocumentID: 1, Bytes: 2048},
	{File: "a/two.txt", Slug: "two", Status: store.Unchanged, DocumentID: 2, Bytes: 1024},
	{File: "a/bad.txt", Slug: "bad", Err: errors.New("line 1: no title"), Bytes: 512},
}

func TestIngestReportPlain(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	clock := &fakeClock{}
	r := newIngestReport(&out, &errOut, false, false, 80, 3, 3584, clock.now)
	for _, res := range reportResults {
		r.result(res)
	}
	if failed := r.finish(); failed != 1 {
		t.Errorf("finish: %d failed, want 1", failed)
	}
	want := "added     a/one.txt (document 1)\nunchanged a/two.txt (document 2)\nfailed    a/bad.txt: line 1: no title\n"
	if out.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", out.String(), want)
	}
	table := strings.Join(strings.Fields(errOut.String()), " ")
	for _, row := range []string{"files size", "added 1 2.0 KiB", "unchanged 1 1.0 KiB", "updated 0 0 B", "failed 1 512 B", "total 3 3.5 KiB in 1s (3.5 KiB/s)"} {
		if !strings.Contains(table, row) {
			t.Errorf("summary lacks %q:\n%s", row, errOut.String())
		}
	}
}

func TestIngestReportBar(t *testing.T) {
	t.Parallel()
	var out, errOut bytes.Buffer
	clock := &fakeClock{}
	r := newIngestReport(&out, &errOut, true, true, 100, 3, 3584, clock.now)
	r.result(reportResults[0])
	bar := errOut.String()
	// The first bar, cleared for the line, and the bar redrawn after it.
	if !strings.HasPrefix(bar, "\r0/3 files") || !strings.Contains(bar, "\r\x1b[K\r1/3 files") || !strings.Contains(bar, "one.txt\x1b[K") {
		t.Errorf("stderr after one file: %q", bar)
	}
	r.result(reportResults[1])
	r.result(reportResults[2])
	r.finish()
	final := errOut.String()
	if !strings.Contains(final, "3/3 files") || !strings.Contains(final, "100%") {
		t.Errorf("the bar never reached the end: %q", final)
	}
	// The bar leaves nothing behind: with --json the summary is on stdout.
	if !strings.HasSuffix(final, "done  bad.txt\x1b[K\r\x1b[K") {
		t.Errorf("the bar is not cleared at the end: %q", final)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], `{"type":"file","file":"a/one.txt","slug":"one","status":"added","document_id":1,"bytes":2048}`) ||
		!strings.Contains(lines[2], `"error":"line 1: no title"`) || !strings.HasPrefix(lines[3], `{"type":"summary","files":3,"added":1,"unchanged":1,"updated":0,"failed":1,"bytes":3584,`) {
		t.Errorf("JSON lines:\n%s", out.String())
	}
}
