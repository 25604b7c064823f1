package pdftext

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// BenchmarkParse parses the fixture PDFs: long.pdf (Chromium, its text in
// Type 3 fonts) and long-brief.pdf (LibreOffice, embedded CID fonts) are
// the ten-page ones of the target (under 200 ms).
func BenchmarkParse(b *testing.B) {
	// What a process pays once goes before the clock: starting PDFium, and
	// the text parser's dictionary that bylines are read with.
	warm, err := os.ReadFile("testdata/pdfs/brief.pdf")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := Parse("brief.pdf", warm); err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"long.pdf", "long-brief.pdf", "commentary.pdf", "brief.pdf"} {
		raw, err := os.ReadFile("testdata/pdfs/" + name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			start := cpuTime(b)
			for b.Loop() {
				if _, err := Parse(name, raw); err != nil {
					b.Fatal(err)
				}
			}
			// On a shared machine the wall clock counts other processes'
			// time too; the process's own CPU time does not.
			b.ReportMetric(float64((cpuTime(b)-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
