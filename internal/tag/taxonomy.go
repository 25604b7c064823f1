package tag

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

// Taxonomy is the list of topics documents are scored against, as declared
// in seeds/topics.yaml.
type Taxonomy struct {
	Topics []Topic `yaml:"topics"`
}

// Topic is one subject the sources discuss.
type Topic struct {
	Slug        string `yaml:"slug"`
	Name        Text   `yaml:"name"`
	Description Text   `yaml:"description"`
	// Terms are the words and phrases whose presence signals the topic.
	Terms []string `yaml:"terms"`
	// Positions are the labels a stance on this topic may take.
	Positions []Position `yaml:"positions"`
}

// Position is one of the positions a source may take on a topic.
type Position struct {
	Slug  string `yaml:"slug"`
	Label Text   `yaml:"label"`
}

// Text is a string in Japanese and English.
type Text struct {
	JA string `yaml:"ja"`
	EN string `yaml:"en"`
}

// In returns the text in lang ("en" or "ja", case-insensitive); any other
// language, or English that was not written, falls back to Japanese.
func (t Text) In(lang string) string {
	if strings.EqualFold(lang, "en") && t.EN != "" {
		return t.EN
	}
	return t.JA
}

// Topic returns the topic with the given slug.
func (x *Taxonomy) Topic(slug string) (*Topic, bool) {
	for i := range x.Topics {
		if x.Topics[i].Slug == slug {
			return &x.Topics[i], true
		}
	}
	return nil, false
}

// Position returns the topic's position with the given slug.
func (t *Topic) Position(slug string) (Position, bool) {
	for _, p := range t.Positions {
		if p.Slug == slug {
			return p, true
		}
	}
	return Position{}, false
}

// LoadTaxonomy reads and validates the taxonomy at path. Every problem
// found is reported, each naming the file, the line, the topic and the
// field, so that a curator can fix the file in one pass.
func LoadTaxonomy(path string) (*Taxonomy, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load taxonomy: %w", err)
	}
	return ParseTaxonomy(path, raw)
}

// ParseTaxonomy reads a taxonomy from raw YAML; name stands for its file
// in errors.
func ParseTaxonomy(name string, raw []byte) (*Taxonomy, error) {
	x, err := parseTaxonomy(name, raw)
	if err != nil {
		return nil, fmt.Errorf("load taxonomy %s: %w", name, err)
	}
	return x, nil
}

func parseTaxonomy(path string, raw []byte) (*Taxonomy, error) {
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	// A misspelt key ("term:" for "terms:") would otherwise be silently
	// ignored and leave a topic without its signal words.
	dec.KnownFields(true)
	var x Taxonomy
	if err := dec.Decode(&x); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("empty file")
		}
		return nil, err
	}
	// A second pass into a node tree only to learn each topic's line.
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, err
	}
	if err := x.validate(path, topicLines(&root)); err != nil {
		return nil, err
	}
	return &x, nil
}

// topicLines returns the line of each item of the top-level "topics" list.
func topicLines(root *yaml.Node) []int {
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "topics" {
			var lines []int
			for _, item := range m.Content[i+1].Content {
				lines = append(lines, item.Line)
			}
			return lines
		}
	}
	return nil
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// validate checks what the YAML decoder cannot: required values, slug
// syntax and uniqueness. lines[i] is the line of topic i (0 if unknown).
func (x *Taxonomy) validate(path string, lines []int) error {
	if len(x.Topics) == 0 {
		return errors.New("topics: no topics")
	}
	var errs []error
	bad := func(i int, t *Topic, field, format string, args ...any) {
		where := path
		if i < len(lines) && lines[i] > 0 {
			where = fmt.Sprintf("%s:%d", path, lines[i])
		}
		name := fmt.Sprintf("#%d", i+1)
		if t.Slug != "" {
			name = fmt.Sprintf("%q", t.Slug)
		}
		errs = append(errs, fmt.Errorf("%s: topic %s: %s: %s", where, name, field, fmt.Sprintf(format, args...)))
	}
	seen := map[string]int{}
	for i := range x.Topics {
		t := &x.Topics[i]
		switch {
		case t.Slug == "":
			bad(i, t, "slug", "missing")
		case !slugRE.MatchString(t.Slug):
			bad(i, t, "slug", "must be lowercase words joined by hyphens")
		default:
			if j, dup := seen[t.Slug]; dup {
				bad(i, t, "slug", "duplicate of topic #%d", j+1)
			}
			seen[t.Slug] = i
		}
		if strings.TrimSpace(t.Name.JA) == "" {
			bad(i, t, "name.ja", "missing")
		}
		if strings.TrimSpace(t.Name.EN) == "" {
			bad(i, t, "name.en", "missing")
		}
		t.validateTerms(func(field, format string, args ...any) { bad(i, t, field, format, args...) })
		t.validatePositions(func(field, format string, args ...any) { bad(i, t, field, format, args...) })
	}
	return errors.Join(errs...)
}

func (t *Topic) validateTerms(bad func(field, format string, args ...any)) {
	if len(t.Terms) == 0 {
		bad("terms", "empty")
	}
	seen := map[string]bool{}
	for k, term := range t.Terms {
		key := jatext.Fold(strings.TrimSpace(term))
		switch {
		case key == "":
			bad(fmt.Sprintf("terms[%d]", k), "blank")
		case seen[key]:
			bad(fmt.Sprintf("terms[%d]", k), "duplicate term %q", term)
		}
		seen[key] = true
	}
}

func (t *Topic) validatePositions(bad func(field, format string, args ...any)) {
	seen := map[string]bool{}
	for k, p := range t.Positions {
		field := fmt.Sprintf("positions[%d]", k)
		switch {
		case p.Slug == "":
			bad(field+".slug", "missing")
		case !slugRE.MatchString(p.Slug):
			bad(field+".slug", "%q must be lowercase words joined by hyphens", p.Slug)
		case seen[p.Slug]:
			bad(field+".slug", "duplicate position %q", p.Slug)
		}
		seen[p.Slug] = true
		if strings.TrimSpace(p.Label.JA) == "" {
			bad(field+".label.ja", "missing")
		}
		if strings.TrimSpace(p.Label.EN) == "" {
			bad(field+".label.en", "missing")
		}
	}
}
