package parse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// sidecar is the optional <name>.meta.yaml next to a source file: what the
// text does not state (publisher, URL, authors), and corrections. Set
// fields win over the parser.
type sidecar struct {
	Title        *string   `yaml:"title"`
	Subtitle     *string   `yaml:"subtitle"`
	Publisher    *string   `yaml:"publisher"`
	URL          *string   `yaml:"url"`
	Series       *string   `yaml:"series"`
	SeriesNumber *string   `yaml:"seriesNumber"`
	PublishedOn  *string   `yaml:"publishedOn"`
	UpdatedOn    *string   `yaml:"updatedOn"`
	Language     *string   `yaml:"language"`
	Categories   []string  `yaml:"categories"`
	Keywords     []string  `yaml:"keywords"`
	Authors      []sideAut `yaml:"authors"`
}

type sideAut struct {
	Name        string  `yaml:"name"`
	NameReading *string `yaml:"nameReading"`
	Affiliation *string `yaml:"affiliation"`
	Title       *string `yaml:"title"`
	Specialty   *string `yaml:"specialty"`
	Bio         *string `yaml:"bio"`
}

// readSidecar loads the sidecar at path; a missing file is an empty sidecar.
func readSidecar(path string) (*sidecar, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &sidecar{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read sidecar %s: %w", path, err)
	}
	var s sidecar
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("sidecar %s: %w", path, err)
	}
	for _, field := range []struct {
		name string
		v    *string
	}{{"publishedOn", s.PublishedOn}, {"updatedOn", s.UpdatedOn}} {
		if field.v == nil {
			continue
		}
		if d, _, _, ok := findDate(*field.v); !ok || d != *field.v {
			return nil, fmt.Errorf("sidecar %s: %s: %q is not a date in YYYY-MM-DD form", path, field.name, *field.v)
		}
	}
	for i, a := range s.Authors {
		if a.Name == "" {
			return nil, fmt.Errorf("sidecar %s: authors[%d]: name is required", path, i)
		}
	}
	return &s, nil
}

// apply overrides the parsed document with the sidecar's fields. Sidecar
// authors replace the parsed list; a parsed author of the same name lends
// the fields the sidecar leaves out.
func (s *sidecar) apply(d *doc.Document) {
	set := func(dst **string, v *string) {
		if v != nil {
			*dst = v
		}
	}
	if s.Title != nil {
		d.Title = s.Title
		d.Warnings = slices.DeleteFunc(d.Warnings, func(w string) bool { return w == warnNoTitle })
	}
	if s.Language != nil {
		d.Language = *s.Language
	}
	set(&d.Subtitle, s.Subtitle)
	set(&d.Publisher, s.Publisher)
	set(&d.URL, s.URL)
	set(&d.Series, s.Series)
	set(&d.SeriesNumber, s.SeriesNumber)
	set(&d.PublishedOn, s.PublishedOn)
	set(&d.UpdatedOn, s.UpdatedOn)
	if s.Categories != nil {
		d.Categories = s.Categories
	}
	if s.Keywords != nil {
		d.Keywords = s.Keywords
	}
	if s.Authors != nil {
		var authors []doc.Author
		for _, a := range s.Authors {
			authors = append(authors, doc.Author{Name: a.Name, NameReading: a.NameReading, Affiliation: a.Affiliation,
				Title: a.Title, Specialty: a.Specialty, Bio: a.Bio})
		}
		d.Authors = mergeAuthors(authors, d.Authors)[:len(authors)]
	}
}
