package pdftext

import (
	"os"
	"testing"
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
			for b.Loop() {
				if _, err := Parse(name, raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
