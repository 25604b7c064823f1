package annotation

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/anchor"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

var taxonomy = &tag.Taxonomy{Topics: []tag.Topic{{
	Slug: "china-role", Name: tag.Text{JA: "中国の役割", EN: "China's role"}, Terms: []string{"中国"},
	Positions: []tag.Position{{Slug: "wary-rival", Label: tag.Text{JA: "警戒", EN: "wary rival"}}},
}}}

func write(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const good = `document: doc1
stances:
  - topic: china-role
    position: wary-rival
    summary:
      ja: 中国は警戒している。
      en: China is wary.
    citations:
      - quote: 中国は参戦した
        prefix: その後、
      - quote: 米軍プレゼンス
`

func TestLoadAndAnchor(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "doc1.yaml", good)
	f, err := Load(p, taxonomy)
	if err != nil {
		t.Fatal(err)
	}
	text := anchor.NewText("中国は参戦した。米軍プレゼンスが増した。その後、中国は参戦した。")
	got, err := f.Anchor(f.Stances[0], text)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Start != 24 || text.Slice(got[1].Start, got[1].End) != "米軍プレゼンス" {
		t.Errorf("anchored = %+v", got)
	}

	missing := anchor.NewText("中国は参戦した。その後、中国は参戦した。")
	_, err = f.Anchor(f.Stances[0], missing)
	if !errors.Is(err, anchor.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	for _, want := range []string{"doc1.yaml:11", `stance on "china-role"`, `"米軍プレゼンス"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

func TestValidationNamesFileLineAndField(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.yaml", strings.Replace(good, "wary-rival", "cheerleader", 1))
	write(t, dir, "b.yaml", "document: doc2\nstances:\n  - topic: weather\n    position: x\n    summary: {ja: 雨}\n    citations: [{quote: 雨}]\n")
	write(t, dir, "c.yaml", "document: doc3\nstances: []\nextra: 1\n")
	_, err := LoadDir(dir, taxonomy)
	if err == nil {
		t.Fatal("invalid annotations loaded without error")
	}
	for _, want := range []string{
		`a.yaml:3: stance on "china-role": position "cheerleader" is not declared`,
		`b.yaml:3: stance on "weather": unknown topic`,
		`b.yaml:3: stance on "weather": summary needs both ja and en`,
		`b.yaml:3: stance on "weather": 1 citations, at least 2 required`,
		`c.yaml`, `extra`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not contain %q:\n%v", want, err)
		}
	}
}
