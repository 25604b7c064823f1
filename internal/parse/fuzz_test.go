package parse

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// FuzzParse shows the parser never panics and always returns either a
// document that keeps its promises or an error. The seed corpus (the five
// documents and the noise kinds) runs in the normal test suite.
func FuzzParse(f *testing.F) {
	for _, path := range seedFiles(f) {
		raw, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	for _, s := range []string{
		"", "表題\n", "表題\n\n本文である¹。\n\n- ¹ 注。\n", "表題\n\n言っていない(※1)\n\n(※1) ^ 出典\n",
		"表題\n\nだった 4 。12\n\n12 「조선」\n", "\xff\xfe表\x00", "表題\n\n【注1】【注1】[1][999]¹²³⁴⁵⁶⁷⁸⁹⁰\n",
		"表題\n\n1. 見出し\n(1)小見出し\n①項目\n■記号\n## md\n本文。\n", "PROFILE\n\n山田 太郎\n", "表題\n\n本文\n\nhttp://x.example/a-\n\n72809\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := Parse("fuzz.txt", raw)
		if err != nil {
			if d != nil {
				t.Fatalf("Parse returned both a document and an error: %v", err)
			}
			return
		}
		checkInvariants(t, "fuzz.txt", d)
	})
}

// BenchmarkParse reports parse throughput over the seed documents.
func BenchmarkParse(b *testing.B) {
	type file struct {
		name string
		raw  []byte
	}
	var files []file
	total := 0
	for _, path := range seedFiles(b) {
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, file{path, raw})
		total += len(raw)
	}
	if _, err := Parse(files[0].name, files[0].raw); err != nil { // load the dictionary outside the timer
		b.Fatal(err)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	start := cpuTime(b)
	for b.Loop() {
		for _, f := range files {
			if _, err := Parse(f.name, f.raw); err != nil {
				b.Fatal(err)
			}
		}
	}
	// Throughput per core from the CPU time the process used (GC
	// included): on a shared machine it moves far less than MB/s, which
	// counts the time other processes held the cores.
	if cpu := (cpuTime(b) - start).Seconds(); cpu > 0 {
		b.ReportMetric(float64(total)*float64(b.N)/cpu/1e6, "MB/cpu-s")
	}
}

// cpuTime returns the user and system CPU time the process has used.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
