package tag

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// fixtureTagger is a tagger over testdata/topics.yaml.
func fixtureTagger(t testing.TB) *Tagger {
	t.Helper()
	x, err := LoadTaxonomy("testdata/topics.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tg, err := NewTagger(x)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// seedRaw reads the seed document whose file name starts with prefix.
func seedRaw(t testing.TB, prefix string) []byte {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "seeds", "documents", prefix+"_*.txt"))
	if err != nil || len(paths) != 1 {
		t.Fatalf("seed %s: found %v (%v)", prefix, paths, err)
	}
	raw, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// seedDoc builds a document from a seed's raw text, one paragraph per
// non-blank line, in one section. It does not use the parser, whose exact
// output is not this package's concern: the tagger only needs paragraphs.
func seedDoc(t testing.TB, prefix string) *doc.Document {
	t.Helper()
	var sec doc.Section
	for _, line := range strings.Split(string(seedRaw(t, prefix)), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			sec.Paragraphs = append(sec.Paragraphs, doc.Paragraph{Text: line})
		}
	}
	return &doc.Document{SourceFile: prefix, Sections: []doc.Section{sec}}
}

// scoreOf returns the topic's score in list, 0 when absent.
func scoreOf(list []Score, topic string) float64 {
	for _, s := range list {
		if s.Topic == topic {
			return s.Score
		}
	}
	return 0
}

func termsOf(list []Score, topic string) []string {
	for _, s := range list {
		if s.Topic == topic {
			return s.MatchedTerms
		}
	}
	return nil
}
