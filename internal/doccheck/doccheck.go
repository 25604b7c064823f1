// Package doccheck scores a parsed document against what a reviewer
// wrote down it must say (an expectation file), field by field, and
// verifies that every quoted passage anchors in the document's text as a
// citation would. The PDF and HTML front-ends' accuracy tests use it.
package doccheck

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sourcecmp/sourcecmp/internal/anchor"
	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// Expect is an expectation file: each field set is one or more checks;
// fields left out are not checked. Use "" for a field that must be empty.
type Expect struct {
	Title        *string  `yaml:"title"`
	Subtitle     *string  `yaml:"subtitle"`
	Publisher    *string  `yaml:"publisher"`
	Series       *string  `yaml:"series"`
	SeriesNumber *string  `yaml:"seriesNumber"`
	PublishedOn  *string  `yaml:"publishedOn"`
	UpdatedOn    *string  `yaml:"updatedOn"`
	PublishedAt  *string  `yaml:"publishedAt"`
	Authors      []Author `yaml:"authors"`
	Headings     []string `yaml:"headings"`
	Paragraphs   *int     `yaml:"paragraphs"`
	Quotes       []string `yaml:"quotes"`
	Footnotes    []Note   `yaml:"footnotes"`
	// FootnoteCount, when set, is how many footnotes there are, and the
	// list above checks only some of them.
	FootnoteCount *int      `yaml:"footnoteCount"`
	Markers       []Marker  `yaml:"markers"`
	Captions      []Caption `yaml:"captions"`
	NotInText     []string  `yaml:"notInText"`
	Removed       []string  `yaml:"removed"`
}

// Author is an expected author; names compare without their spaces.
type Author struct {
	Name        string  `yaml:"name"`
	Affiliation *string `yaml:"affiliation"`
	Title       *string `yaml:"title"`
	NameReading *string `yaml:"nameReading"`
	Bio         *string `yaml:"bio"` // a passage the bio contains
}

// Note is an expected footnote: its label, how its body begins, its URLs.
type Note struct {
	Label string   `yaml:"label"`
	Body  string   `yaml:"body"`
	URLs  []string `yaml:"urls"`
}

// Marker is an expected footnote marker: its label and the text it
// follows in its paragraph.
type Marker struct {
	Label string `yaml:"label"`
	After string `yaml:"after"`
}

// Caption is an expected caption and credit ("" for none).
type Caption struct {
	Text   string `yaml:"text"`
	Credit string `yaml:"credit"`
}

// Result is the score: how many checks ran and which failed.
type Result struct {
	Checks int
	Misses []string
}

// Right is the share of checks that passed.
func (r Result) Right() float64 {
	if r.Checks == 0 {
		return 0
	}
	return float64(r.Checks-len(r.Misses)) / float64(r.Checks)
}

// Load reads an expectation file; unknown fields are errors.
func Load(path string) (*Expect, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var e Expect
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&e); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &e, nil
}

// Text is the document's whole text as the store keeps it and citations
// count in: the paragraphs joined by doc.ParagraphSeparator.
func Text(d *doc.Document) string {
	var parts []string
	for _, p := range d.Paragraphs() {
		parts = append(parts, p.Text)
	}
	return strings.Join(parts, doc.ParagraphSeparator)
}

// Score checks d against e.
func Score(d *doc.Document, e *Expect) Result {
	var r Result
	check := func(ok bool, format string, args ...any) {
		r.Checks++
		if !ok {
			r.Misses = append(r.Misses, fmt.Sprintf(format, args...))
		}
	}
	field := func(name string, want, got *string) {
		if want != nil {
			check(deref(got) == *want, "%s: want %q, got %q", name, *want, deref(got))
		}
	}
	field("title", e.Title, d.Title)
	field("subtitle", e.Subtitle, d.Subtitle)
	field("publisher", e.Publisher, d.Publisher)
	field("series", e.Series, d.Series)
	field("seriesNumber", e.SeriesNumber, d.SeriesNumber)
	field("publishedOn", e.PublishedOn, d.PublishedOn)
	field("updatedOn", e.UpdatedOn, d.UpdatedOn)
	field("publishedAt", e.PublishedAt, d.PublishedAt)
	scoreAuthors(d, e, check, field)
	var headings []string
	for _, s := range d.Sections {
		if s.Heading != nil {
			headings = append(headings, *s.Heading)
		}
	}
	if e.Headings != nil {
		check(len(headings) == len(e.Headings), "headings: want %d, got %d %q", len(e.Headings), len(headings), headings)
		for i, h := range e.Headings {
			check(i < len(headings) && headings[i] == h, "heading %d: want %q, got %q", i+1, h, at(headings, i))
		}
	}
	if e.Paragraphs != nil {
		check(len(d.Paragraphs()) == *e.Paragraphs, "paragraphs: want %d, got %d", *e.Paragraphs, len(d.Paragraphs()))
	}
	text := Text(d)
	t := anchor.NewText(text)
	for _, q := range e.Quotes {
		m, err := t.Locate(q, "")
		check(err == nil && m.Quote == q, "quote %q: %v (anchored %q)", q, err, m.Quote)
	}
	scoreNotes(d, e, check)
	for _, c := range e.Captions {
		got := find(d.Captions, func(g doc.Caption) bool { return g.Text == c.Text })
		check(got != nil, "caption %q: missing (have %+v)", c.Text, d.Captions)
		if got != nil {
			check(deref(got.Credit) == c.Credit, "caption %q: credit want %q, got %q", c.Text, c.Credit, deref(got.Credit))
		}
	}
	for _, s := range e.NotInText {
		check(!strings.Contains(text, s), "text contains %q", s)
	}
	for _, s := range e.Removed {
		check(find(d.Removed, func(l doc.RemovedLine) bool { return strings.Contains(l.Text, s) }) != nil, "removed: no line with %q", s)
	}
	return r
}

func scoreAuthors(d *doc.Document, e *Expect, check func(bool, string, ...any), field func(string, *string, *string)) {
	if e.Authors == nil {
		return
	}
	check(len(d.Authors) == len(e.Authors), "authors: want %d, got %d", len(e.Authors), len(d.Authors))
	for _, want := range e.Authors {
		got := find(d.Authors, func(a doc.Author) bool { return squash(a.Name) == squash(want.Name) })
		check(got != nil, "author %q: missing", want.Name)
		if got == nil {
			continue
		}
		field("author "+want.Name+" affiliation", want.Affiliation, got.Affiliation)
		field("author "+want.Name+" title", want.Title, got.Title)
		if want.NameReading != nil {
			check(squash(deref(got.NameReading)) == squash(*want.NameReading), "author %s reading: want %q, got %q", want.Name, *want.NameReading, deref(got.NameReading))
		}
		if want.Bio != nil {
			check(strings.Contains(deref(got.Bio), *want.Bio), "author %s bio: want %q in %q", want.Name, *want.Bio, deref(got.Bio))
		}
	}
}

func scoreNotes(d *doc.Document, e *Expect, check func(bool, string, ...any)) {
	switch {
	case e.FootnoteCount != nil:
		check(len(d.Footnotes) == *e.FootnoteCount, "footnotes: want %d, got %d", *e.FootnoteCount, len(d.Footnotes))
	case e.Footnotes != nil:
		check(len(d.Footnotes) == len(e.Footnotes), "footnotes: want %d, got %d", len(e.Footnotes), len(d.Footnotes))
	}
	for _, n := range e.Footnotes {
		got := find(d.Footnotes, func(f doc.Footnote) bool { return f.Label == n.Label })
		check(got != nil && strings.HasPrefix(deref(got.Body), n.Body), "footnote %s: want a body starting %q, got %v", n.Label, n.Body, bodyOf(got))
		if n.URLs != nil {
			check(got != nil && slices.Equal(got.URLs, n.URLs), "footnote %s: want URLs %q", n.Label, n.URLs)
		}
	}
	for _, m := range e.Markers {
		found := false
		for _, p := range d.Paragraphs() {
			runes := []rune(p.Text)
			for _, ref := range p.FootnoteRefs {
				if ref.Label == m.Label && ref.Offset <= len(runes) && strings.HasSuffix(string(runes[:ref.Offset]), m.After) {
					found = true
				}
			}
		}
		check(found, "marker %s: not found after %q", m.Label, m.After)
	}
}

func bodyOf(f *doc.Footnote) string {
	if f == nil {
		return "no such footnote"
	}
	return fmt.Sprintf("%q", deref(f.Body))
}

func find[T any](list []T, ok func(T) bool) *T {
	for i := range list {
		if ok(list[i]) {
			return &list[i]
		}
	}
	return nil
}

func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return "(none)"
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func squash(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '　' }), "")
}
