package pdftext

import (
	"os"
	"testing"
)

// BenchmarkParse parses the fixture PDFs: long.pdf is the ten-page one of
// the target (under 200 ms). PDFium is started before the clock runs: a
// process pays that once.
func BenchmarkParse(b *testing.B) {
	if _, err := instance(); err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"long.pdf", "commentary.pdf", "brief.pdf"} {
		raw, err := os.ReadFile("testdata/pdfs/" + name)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				if _, err := Parse(name, raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
