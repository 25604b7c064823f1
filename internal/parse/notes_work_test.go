package parse

import (
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// manyNotes is a document whose one marker is followed by n footnote
// lines and then a numbered heading: the shape that made findEndList
// scan the rest of the document once per note.
func manyNotes(n int) []byte {
	var b strings.Builder
	b.WriteString("表題\n\n著者 山田 太郎\n\n本文です¹。\n\n")
	for i := range n {
		fmt.Fprintf(&b, "\n- %d 脚注の本文です。", i%999+1)
	}
	b.WriteString("\n\n第1章 結論\n\n結論の本文です。\n")
	return []byte(b.String())
}

// threadCPU is the CPU time the calling OS thread has used: the kernel's
// count, which other processes on the machine do not disturb.
func threadCPU(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		t.Skipf("no per-thread CPU time here: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestManyNotesParseInLinearWork: parsing 4,000 note lines 4 times costs
// about the CPU of parsing 1,000 lines 16 times when the parse is linear,
// and four times as much when it is quadratic. (Whole runs, many of them:
// the kernel counts a thread's CPU in ticks of a few milliseconds.)
func TestManyNotesParseInLinearWork(t *testing.T) {
	runtime.LockOSThread() // the parser runs on this goroutine: its thread's CPU is the parse's
	defer runtime.UnlockOSThread()
	if _, err := Parse("warm.txt", manyNotes(10)); err != nil {
		t.Fatal(err)
	}
	cost := func(n, times int) time.Duration {
		raw := manyNotes(n)
		start := threadCPU(t)
		for range times {
			if _, err := Parse("notes.txt", raw); err != nil {
				t.Fatal(err)
			}
		}
		return threadCPU(t) - start
	}
	small, large := cost(1000, 16), cost(4000, 4)
	if ratio := float64(large) / float64(max(small, time.Millisecond)); ratio > 2 {
		t.Errorf("1,000 note lines 16 times cost %v of CPU, 4,000 lines 4 times %v: %.1f times as much, want about the same", small, large, ratio)
	}
}

// BenchmarkParseManyNotes shows the parse time per note line staying flat
// as the note lines grow.
func BenchmarkParseManyNotes(b *testing.B) {
	if _, err := Parse("warm.txt", manyNotes(10)); err != nil { // load the dictionary outside the timer
		b.Fatal(err)
	}
	for _, n := range []int{1000, 4000} {
		raw := manyNotes(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if _, err := Parse("notes.txt", raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
