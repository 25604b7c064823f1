package tag

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// requiredTopics are the slugs the product's views are built around.
var requiredTopics = []string{
	"china-role", "russia-nk-treaty", "military-technology", "troop-deployment", "nuclear",
	"unsc-sanctions", "buck-passing", "multipolarity", "ukraine-war", "us-rok-japan", "korean-war-history",
}

func TestLoadTaxonomyFixture(t *testing.T) {
	x, err := LoadTaxonomy("testdata/topics.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, slug := range requiredTopics {
		if _, ok := x.Topic(slug); !ok {
			t.Errorf("topic %s missing", slug)
		}
	}
	china, _ := x.Topic("china-role")
	if got := china.Name.In("en"); got != "China's role" {
		t.Errorf("name in en = %q", got)
	}
	if got := china.Name.In("ja"); got != "中国の役割" {
		t.Errorf("name in ja = %q", got)
	}
	if got := (Text{JA: "日本語"}).In("EN"); got != "日本語" {
		t.Errorf("missing English should fall back to Japanese, got %q", got)
	}
	p, ok := china.Position("absorbs-us-pressure")
	if !ok || p.Label.EN == "" {
		t.Errorf("position absorbs-us-pressure = %+v, %v", p, ok)
	}
	if _, ok := china.Position("nope"); ok {
		t.Error("unknown position found")
	}
}

func TestLoadTaxonomyErrors(t *testing.T) {
	const good = `
  - slug: china-role
    name: {ja: 中国の役割, en: China's role}
    terms: [中国]
`
	for _, c := range []struct {
		name string
		yaml string
		want []string // every substring must appear in the error
	}{
		{"empty file", ``, []string{"empty file"}},
		{"no topics", "topics: []\n", []string{"no topics"}},
		{"missing slug", "topics:\n  - name: {ja: あ, en: a}\n    terms: [中国]\n", []string{":2: topic #1: slug: missing"}},
		{"bad slug", "topics:\n  - slug: China_Role\n    name: {ja: あ, en: a}\n    terms: [中国]\n", []string{`topic "China_Role": slug: must be lowercase`}},
		{"duplicate slug", "topics:" + good + good, []string{`:6: topic "china-role": slug: duplicate of topic #1`}},
		{"empty terms", "topics:\n  - slug: nuclear\n    name: {ja: 核, en: Nuclear}\n    terms: []\n", []string{`topic "nuclear": terms: empty`}},
		{"no terms key", "topics:\n  - slug: nuclear\n    name: {ja: 核, en: Nuclear}\n", []string{`topic "nuclear": terms: empty`}},
		{"blank and duplicate term", "topics:\n  - slug: nuclear\n    name: {ja: 核, en: Nuclear}\n    terms: [核, \" \", ＣＴＢＴ, ctbt]\n",
			[]string{`terms[1]: blank`, `terms[3]: duplicate term "ctbt"`}},
		{"missing names", "topics:\n  - slug: nuclear\n    name: {ja: \"\"}\n    terms: [核]\n",
			[]string{`topic "nuclear": name.ja: missing`, `topic "nuclear": name.en: missing`}},
		{"duplicate position", "topics:\n  - slug: nuclear\n    name: {ja: 核, en: Nuclear}\n    terms: [核]\n    positions:\n" +
			"      - {slug: accepts, label: {ja: 容認, en: Accepts}}\n      - {slug: accepts, label: {ja: 容認, en: Accepts}}\n",
			[]string{`topic "nuclear": positions[1].slug: duplicate position "accepts"`}},
		{"position without label", "topics:\n  - slug: nuclear\n    name: {ja: 核, en: Nuclear}\n    terms: [核]\n    positions:\n      - slug: accepts\n",
			[]string{`positions[0].label.ja: missing`, `positions[0].label.en: missing`}},
		{"unknown field", "topics:\n  - slug: nuclear\n    name: {ja: 核, en: Nuclear}\n    term: [核]\n", []string{"line 4", "field term not found"}},
		{"unknown language", "topics:\n  - slug: nuclear\n    name: {ja: 核, en: Nuclear, fr: Nucléaire}\n    terms: [核]\n", []string{"field fr not found"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "topics.yaml")
			if err := os.WriteFile(path, []byte(c.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := LoadTaxonomy(path)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error does not name the file: %v", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestLoadTaxonomyMissingFile(t *testing.T) {
	_, err := LoadTaxonomy(filepath.Join(t.TempDir(), "absent.yaml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err = %v, want a not-exist error", err)
	}
}

func TestNewTaggerRejectsWordlessTerm(t *testing.T) {
	x := &Taxonomy{Topics: []Topic{{Slug: "x", Name: Text{"x", "x"}, Terms: []string{"・、"}}}}
	if _, err := NewTagger(x); err == nil || !strings.Contains(err.Error(), `term "・、"`) {
		t.Errorf("err = %v, want one naming the term", err)
	}
}

// TestSeedTaxonomy checks the real taxonomy: it loads, has the required
// topics, and separates seed 003's institute-name mention of
// China from the discussions in seeds 000 and 001.
func TestSeedTaxonomy(t *testing.T) {
	x, err := LoadTaxonomy(filepath.Join("..", "..", "seeds", "topics.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, slug := range requiredTopics {
		if _, ok := x.Topic(slug); !ok {
			t.Errorf("seeds/topics.yaml lacks topic %s", slug)
		}
	}
	tg, err := NewTagger(x)
	if err != nil {
		t.Fatal(err)
	}
	assertChinaRoleSeparation(t, tg)
}
