package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

// seedDocParagraphs returns the non-blank lines of the seed whose file
// name starts with prefix.
func seedDocParagraphs(b *testing.B, prefix string) []string {
	paths, err := filepath.Glob(filepath.Join("..", "..", "seeds", "documents", prefix+"_*.txt"))
	if err != nil || len(paths) != 1 {
		b.Fatalf("seed %s: %v %v", prefix, paths, err)
	}
	raw, err := os.ReadFile(paths[0])
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, line := range strings.Split(string(raw), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// BenchmarkVector indexes every paragraph of the longest seed document,
// from its analysis (the tagger's too), which it does not count.
func BenchmarkVector(b *testing.B) {
	paras := seedDocParagraphs(b, "002")
	var n int64
	for _, p := range paras {
		n += int64(len(p))
	}
	toks := make([][]jatext.Token, len(paras))
	for i, p := range paras {
		toks[i] = jatext.Tokenize(p)
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range toks {
			Vector(t)
		}
	}
}

func BenchmarkQuery(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Query("中国外交部 北朝鮮の核開発")
	}
}

// BenchmarkHighlight snippets every paragraph of a seed for a query.
func BenchmarkHighlight(b *testing.B) {
	paras := seedDocParagraphs(b, "000")
	var n int64
	for _, p := range paras {
		n += int64(len(p))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			Highlight(p, "中国 バック・パッシング")
		}
	}
}
