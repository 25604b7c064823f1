package pdftext

import (
	"encoding/json"
	"os"
	"sync"
	"testing"
)

// TestConcurrentParses: PDFs read at once (as ingest reads a directory)
// come out as they do one by one, however the instances are shared.
func TestConcurrentParses(t *testing.T) {
	names := []string{"brief.pdf", "commentary.pdf", "long-brief.pdf", "encrypted.pdf"}
	want := map[string]string{}
	raws := map[string][]byte{}
	for _, n := range names {
		raw, err := os.ReadFile("testdata/pdfs/" + n)
		if err != nil {
			t.Fatal(err)
		}
		raws[n] = raw
		want[n] = outcome(Parse(n, raw))
	}
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() {
			for k := range len(names) {
				n := names[(g+k)%len(names)]
				if got := outcome(Parse(n, raws[n])); got != want[n] {
					t.Errorf("%s read concurrently differs:\n%.300s\nwant\n%.300s", n, got, want[n])
				}
			}
		})
	}
	wg.Wait()
}

func outcome(v any, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	b, _ := json.Marshal(v)
	return string(b)
}
