// Package annotation reads the curated stances in seeds/annotations: one
// YAML file per document, each stance a position on a topic with
// summaries and the verbatim passages that support it.
package annotation

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sourcecmp/sourcecmp/internal/anchor"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// MinCitations is how many passages every curated stance must cite.
const MinCitations = 2

// File is one annotation file: the stances of one document.
type File struct {
	Path     string   `yaml:"-"`
	Document string   `yaml:"document"` // the document's slug
	Stances  []Stance `yaml:"stances"`
}

// Stance is a document's position on a topic.
type Stance struct {
	Topic     string     `yaml:"topic"`
	Position  string     `yaml:"position"`
	Summary   tag.Text   `yaml:"summary"`
	Citations []Citation `yaml:"citations"`
	Line      int        `yaml:"-"`
}

// Citation is a verbatim passage; Prefix (text just before it) is needed
// only when the passage occurs more than once.
type Citation struct {
	Quote  string `yaml:"quote"`
	Prefix string `yaml:"prefix"`
	Line   int    `yaml:"-"`
}

// LoadDir reads every *.yaml file in dir, sorted by name, and validates
// each against the taxonomy. All problems are reported together, each
// naming the file, the line, the stance and the field.
func LoadDir(dir string, tax *tag.Taxonomy) ([]File, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("annotations %s: %w", dir, err)
	}
	sort.Strings(paths)
	var files []File
	var errs []error
	seen := map[string]string{}
	for _, p := range paths {
		f, err := Load(p, tax)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if other, dup := seen[f.Document]; dup {
			errs = append(errs, fmt.Errorf("%s: document %q is already annotated in %s", p, f.Document, other))
			continue
		}
		seen[f.Document] = p
		files = append(files, *f)
	}
	return files, errors.Join(errs...)
}

// Load reads and validates one annotation file.
func Load(path string, tax *tag.Taxonomy) (*File, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("annotations: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	f.Path = path
	recordLines(&root, &f)
	if err := f.validate(tax); err != nil {
		return nil, err
	}
	return &f, nil
}

// recordLines copies the YAML line of every stance and citation, so that
// errors found later (a quote missing from the text) can point at it.
func recordLines(root *yaml.Node, f *File) {
	if len(root.Content) == 0 {
		return
	}
	stances := mapValue(root.Content[0], "stances")
	if stances == nil {
		return
	}
	for i, sn := range stances.Content {
		if i >= len(f.Stances) {
			break
		}
		f.Stances[i].Line = sn.Line
		if cs := mapValue(sn, "citations"); cs != nil {
			for j, cn := range cs.Content {
				if j < len(f.Stances[i].Citations) {
					f.Stances[i].Citations[j].Line = cn.Line
				}
			}
		}
	}
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func (f *File) validate(tax *tag.Taxonomy) error {
	var errs []error
	bad := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", f.Path, line, fmt.Sprintf(format, args...)))
	}
	if strings.TrimSpace(f.Document) == "" {
		bad(1, "document: the document's slug is required")
	}
	topics := map[string]bool{}
	for _, s := range f.Stances {
		where := fmt.Sprintf("stance on %q", s.Topic)
		topic, ok := tax.Topic(s.Topic)
		switch {
		case s.Topic == "":
			bad(s.Line, "stance: topic is required")
		case !ok:
			bad(s.Line, "%s: unknown topic (not in the taxonomy)", where)
		case topics[s.Topic]:
			bad(s.Line, "%s: a document takes one stance per topic; this topic appears twice", where)
		default:
			if _, ok := topic.Position(s.Position); !ok {
				bad(s.Line, "%s: position %q is not declared for this topic in the taxonomy", where, s.Position)
			}
		}
		topics[s.Topic] = true
		if strings.TrimSpace(s.Summary.JA) == "" || strings.TrimSpace(s.Summary.EN) == "" {
			bad(s.Line, "%s: summary needs both ja and en", where)
		}
		if len(s.Citations) < MinCitations {
			bad(s.Line, "%s: %d citations, at least %d required", where, len(s.Citations), MinCitations)
		}
		for _, c := range s.Citations {
			if strings.TrimSpace(c.Quote) == "" {
				bad(c.Line, "%s: empty quote", where)
			}
		}
	}
	return errors.Join(errs...)
}

// Anchored is a citation located in its document's text.
type Anchored struct {
	Citation
	anchor.Match
}

// Anchor locates every citation of the stance in text. The error names the
// annotation file, the line, the stance and the quote that failed.
func (f *File) Anchor(s Stance, text *anchor.Text) ([]Anchored, error) {
	var out []Anchored
	var errs []error
	for _, c := range s.Citations {
		m, err := text.Locate(c.Quote, c.Prefix)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: stance on %q: quote %q: %w", f.Path, c.Line, s.Topic, c.Quote, err))
			continue
		}
		out = append(out, Anchored{Citation: c, Match: m})
	}
	return out, errors.Join(errs...)
}
