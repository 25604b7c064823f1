package htmldoc

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParse parses each fixture page (the target: under 20 ms).
func BenchmarkParse(b *testing.B) {
	// The text parser's dictionary, which bylines are read with, loads
	// once per process: before the clock.
	if _, err := Parse("warm.html", []byte(`<html><body><article><h1>見出し</h1><p class="byline">政策研究部 主任研究官　山田 太郎</p><p>本文の段落です。本文の段落です。本文の段落です。本文の段落です。</p></article></body></html>`)); err != nil {
		b.Fatal(err)
	}
	for _, path := range pages(b) {
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		name := filepath.Base(path)
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
