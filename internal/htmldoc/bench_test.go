package htmldoc

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParse parses each fixture page (the target: under 20 ms).
func BenchmarkParse(b *testing.B) {
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
