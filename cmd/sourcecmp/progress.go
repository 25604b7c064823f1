package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
)

// ingestReport shows what `sourcecmp ingest` does while it does it: one
// line (or JSON object) per file on stdout as soon as the file is done, a
// progress bar on stderr when a person watches it, and a summary at the
// end. Its methods are safe for concurrent use.
type ingestReport struct {
	out, errOut io.Writer
	json        bool
	bar         bool // redraw a progress bar on errOut
	width       int  // of the terminal, for the bar
	now         func() time.Time

	mu         sync.Mutex
	start      time.Time
	totalFiles int
	totalBytes int64
	files      int
	bytes      int64
	last       string // the file done last
	byStatus   map[string]*statusCount
	drawn      bool
	stop       chan struct{}
	stopped    chan struct{}
}

type statusCount struct {
	files int
	bytes int64
}

// ingestStatuses are the outcomes in the order the summary lists them.
var ingestStatuses = []string{"added", "unchanged", "updated", "failed"}

// barInterval is how often the bar is redrawn while a file takes long:
// the rate and the estimate move even when no file finishes.
const barInterval = 200 * time.Millisecond

// newIngestReport prepares the report of ingesting files totalling
// totalBytes. With bar set it starts redrawing the bar every barInterval
// until finish.
func newIngestReport(out, errOut io.Writer, jsonLines, bar bool, width, totalFiles int, totalBytes int64, now func() time.Time) *ingestReport {
	r := &ingestReport{out: out, errOut: errOut, json: jsonLines, bar: bar, width: width, now: now,
		start: now(), totalFiles: totalFiles, totalBytes: totalBytes, byStatus: map[string]*statusCount{}}
	for _, s := range ingestStatuses {
		r.byStatus[s] = &statusCount{}
	}
	if bar {
		r.stop, r.stopped = make(chan struct{}), make(chan struct{})
		r.draw()
		go r.redraw()
	}
	return r
}

func (r *ingestReport) redraw() {
	defer close(r.stopped)
	t := time.NewTicker(barInterval)
	defer t.Stop()
	for {
		select {
		case <-r.stop:
			return
		case <-t.C:
			r.mu.Lock()
			r.drawLocked()
			r.mu.Unlock()
		}
	}
}

// status is the outcome of a result as the summary counts it.
func status(res ingest.Result) string {
	if res.Err != nil {
		return "failed"
	}
	return string(res.Status)
}

// result reports one finished file: ingest.Ingester.OnResult.
func (r *ingestReport) result(res ingest.Result) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files++
	r.bytes += res.Bytes
	r.last = filepath.Base(res.File)
	if c := r.byStatus[status(res)]; c != nil {
		c.files++
		c.bytes += res.Bytes
	}
	if r.bar {
		r.clearLocked() // the line goes where the bar was, and the bar below it
	}
	if r.json {
		writeJSONLine(r.out, fileLine(res))
	} else {
		fmt.Fprintln(r.out, res)
	}
	r.drawLocked()
}

// finish stops the bar and writes the summary; it returns how many files
// failed.
func (r *ingestReport) finish() int {
	if r.bar {
		close(r.stop)
		<-r.stopped
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.bar {
		r.clearLocked()
	}
	elapsed := r.now().Sub(r.start)
	if r.json {
		writeJSONLine(r.out, summaryJSON{Type: "summary", Files: r.files, Added: r.byStatus["added"].files,
			Unchanged: r.byStatus["unchanged"].files, Updated: r.byStatus["updated"].files,
			Failed: r.byStatus["failed"].files, Bytes: r.bytes, DurationMS: elapsed.Milliseconds()})
	} else {
		r.writeTable(elapsed)
	}
	return r.byStatus["failed"].files
}

// writeTable writes the summary table on stderr: stdout keeps one line
// per file, for scripts to read.
func (r *ingestReport) writeTable(elapsed time.Duration) {
	w := r.errOut
	fmt.Fprintf(w, "%-10s %6s %12s\n", "", "files", "size")
	for _, s := range ingestStatuses {
		c := r.byStatus[s]
		fmt.Fprintf(w, "%-10s %6d %12s\n", s, c.files, cli.HumanBytes(c.bytes))
	}
	fmt.Fprintf(w, "%-10s %6d %12s  in %s (%s/s)\n", "total", r.files, cli.HumanBytes(r.bytes),
		elapsed.Round(time.Millisecond), cli.HumanBytes(rate(r.bytes, elapsed)))
}

func (r *ingestReport) draw() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.drawLocked()
}

func (r *ingestReport) drawLocked() {
	if !r.bar {
		return
	}
	line := renderBar(barState{Files: r.files, TotalFiles: r.totalFiles, Bytes: r.bytes, TotalBytes: r.totalBytes,
		Elapsed: r.now().Sub(r.start), Last: r.last}, r.width)
	fmt.Fprint(r.errOut, "\r"+line+"\x1b[K")
	r.drawn = true
}

func (r *ingestReport) clearLocked() {
	if r.drawn {
		fmt.Fprint(r.errOut, "\r\x1b[K")
		r.drawn = false
	}
}

// fileJSON is the --json line of one file.
type fileJSON struct {
	Type       string   `json:"type"` // "file"
	File       string   `json:"file"`
	Slug       string   `json:"slug"`
	Status     string   `json:"status"`
	DocumentID int64    `json:"document_id,omitempty"`
	Bytes      int64    `json:"bytes"`
	Orphaned   []int64  `json:"orphaned_citations,omitempty"` // citations that lost their anchor
	Warnings   []string `json:"warnings,omitempty"`           // metadata the parser could not find
	Error      string   `json:"error,omitempty"`
}

// summaryJSON is the last --json line: how many files had each outcome.
type summaryJSON struct {
	Type       string `json:"type"` // "summary"
	Files      int    `json:"files"`
	Added      int    `json:"added"`
	Unchanged  int    `json:"unchanged"`
	Updated    int    `json:"updated"`
	Failed     int    `json:"failed"`
	Bytes      int64  `json:"bytes"`
	DurationMS int64  `json:"duration_ms"`
}

func fileLine(res ingest.Result) fileJSON {
	l := fileJSON{Type: "file", File: res.File, Slug: res.Slug, Status: status(res),
		DocumentID: res.DocumentID, Bytes: res.Bytes, Orphaned: res.Orphaned, Warnings: res.Warnings}
	if res.Err != nil {
		l.Error = res.Err.Error()
	}
	return l
}

func writeJSONLine(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v) // a write error to stdout is nothing to recover from
}

// barState is what the progress bar shows.
type barState struct {
	Files, TotalFiles int
	Bytes, TotalBytes int64
	Elapsed           time.Duration
	Last              string // the file done last
}

// renderBar returns the progress bar line, at most width columns wide:
//
//	3/5 files ███████████░░░░░░░  60%  120.0 KiB/200.0 KiB  1.2 MiB/s  ETA 2s  003.txt
//
// Progress counts bytes (files when their size is unknown); the rate is
// the average since the start, and the estimate the rest at that rate.
func renderBar(s barState, width int) string {
	frac := 0.0
	switch {
	case s.TotalBytes > 0:
		frac = float64(s.Bytes) / float64(s.TotalBytes)
	case s.TotalFiles > 0:
		frac = float64(s.Files) / float64(s.TotalFiles)
	}
	frac = min(max(frac, 0), 1)
	r := rate(s.Bytes, s.Elapsed)
	eta := "ETA --"
	switch {
	case frac == 1:
		eta = "done"
	case r > 0:
		eta = "ETA " + shortDuration(time.Duration(float64(s.TotalBytes-s.Bytes)/float64(r)*float64(time.Second)))
	}
	head := fmt.Sprintf("%d/%d files ", s.Files, s.TotalFiles)
	tail := fmt.Sprintf(" %3.0f%%  %s/%s  %s/s  %s", frac*100, cli.HumanBytes(s.Bytes), cli.HumanBytes(s.TotalBytes), cli.HumanBytes(r), eta)
	cells := min(30, width-utf8.RuneCountInString(head+tail)-1)
	if cells < 5 { // a narrow terminal: no bar, and the counts cut to fit
		return cut(head+strings.TrimSpace(tail), width-1)
	}
	full := int(frac*float64(cells) + 0.5)
	line := head + strings.Repeat("█", full) + strings.Repeat("░", cells-full) + tail
	if room := width - 1 - utf8.RuneCountInString(line) - 2; s.Last != "" && room >= 8 {
		line += "  " + cut(s.Last, room)
	}
	return line
}

// cut shortens s to n runes, marking the cut with an ellipsis.
func cut(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return string(rs[:n-1]) + "…"
}

// rate returns bytes per second over elapsed.
func rate(bytes int64, elapsed time.Duration) int64 {
	if elapsed <= 0 {
		return 0
	}
	return int64(float64(bytes) / elapsed.Seconds())
}

// shortDuration writes an estimate as a person reads one: 2s, 1m05s, 2h03m.
func shortDuration(d time.Duration) string {
	switch {
	case d < time.Second:
		return "<1s"
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}
