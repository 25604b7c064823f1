package parse

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// readSidecar loads the metadata sidecar at path (<name>.meta.yaml): what
// the text does not state (publisher, URL, authors) and corrections, the
// same doc.MetadataOverride an editor stores through the API. A missing
// file is an empty override.
func readSidecar(path string) (*doc.MetadataOverride, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &doc.MetadataOverride{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read sidecar %s: %w", path, err)
	}
	var o doc.MetadataOverride
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&o); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("sidecar %s: %w", path, err)
	}
	if err := ValidateOverride(o); err != nil {
		return nil, fmt.Errorf("sidecar %s: %w", path, err)
	}
	return &o, nil
}

// ValidateOverride checks a metadata correction: dates in YYYY-MM-DD
// form, every author named, no empty title. The error names the field.
func ValidateOverride(o doc.MetadataOverride) error {
	for _, field := range []struct {
		name string
		v    *string
	}{{"publishedOn", o.PublishedOn}, {"updatedOn", o.UpdatedOn}} {
		if field.v == nil {
			continue
		}
		if d, _, _, ok := findDate(*field.v); !ok || d != *field.v {
			return fmt.Errorf("%s: %q is not a date in YYYY-MM-DD form", field.name, *field.v)
		}
	}
	if o.Title != nil && trimLine(*o.Title) == "" {
		return errors.New("title: must not be empty (leave it out to keep the parsed one)")
	}
	for i, a := range o.Authors {
		if trimLine(a.Name) == "" {
			return fmt.Errorf("authors[%d]: name is required", i)
		}
	}
	for _, name := range o.Clear {
		if !slices.Contains(doc.ClearableFields, name) {
			return fmt.Errorf("clear: %q is not a field that can be emptied (%s)", name, strings.Join(doc.ClearableFields, ", "))
		}
	}
	return nil
}
