package doc

import (
	"slices"
	"strings"
)

// MetadataOverride corrects a document's metadata: what an editor said
// through the API (updateDocumentMetadata) or a <name>.meta.yaml sidecar
// states. Set fields win over what the parser found; nil fields leave it.
// Stored with the document, it is applied again on every re-ingest.
type MetadataOverride struct {
	Title        *string  `json:"title,omitempty" yaml:"title"`
	Subtitle     *string  `json:"subtitle,omitempty" yaml:"subtitle"`
	Publisher    *string  `json:"publisher,omitempty" yaml:"publisher"`
	URL          *string  `json:"url,omitempty" yaml:"url"`
	Series       *string  `json:"series,omitempty" yaml:"series"`
	SeriesNumber *string  `json:"seriesNumber,omitempty" yaml:"seriesNumber"`
	PublishedOn  *string  `json:"publishedOn,omitempty" yaml:"publishedOn"` // YYYY-MM-DD
	UpdatedOn    *string  `json:"updatedOn,omitempty" yaml:"updatedOn"`     // YYYY-MM-DD
	Language     *string  `json:"language,omitempty" yaml:"language"`
	Categories   []string `json:"categories,omitempty" yaml:"categories"`
	Keywords     []string `json:"keywords,omitempty" yaml:"keywords"`
	// Authors replace the parsed list, in byline order; a parsed author of
	// the same name lends the fields left out.
	Authors []Author `json:"authors,omitempty" yaml:"authors"`
	// Clear names the fields an editor emptied ("title", "publishedOn",
	// "authors" …, as ClearableFields spells them): they stay empty
	// whatever the parser finds, until a later correction sets them.
	Clear []string `json:"clear,omitempty" yaml:"clear"`
}

// ClearableFields are the fields a correction can empty, by their API name.
var ClearableFields = []string{"title", "subtitle", "series", "seriesNumber", "publishedOn", "updatedOn", "authors"}

// Clears reports whether o empties the field named name.
func (o MetadataOverride) Clears(name string) bool { return slices.Contains(o.Clear, name) }

// stringFields pairs the clearable string fields with their API names.
func (o *MetadataOverride) stringFields() map[string]**string {
	return map[string]**string{"title": &o.Title, "subtitle": &o.Subtitle, "series": &o.Series,
		"seriesNumber": &o.SeriesNumber, "publishedOn": &o.PublishedOn, "updatedOn": &o.UpdatedOn}
}

// Merge returns o with the fields newer sets replaced: a later correction
// wins field by field.
func (o MetadataOverride) Merge(newer MetadataOverride) MetadataOverride {
	for _, f := range []struct{ dst, src **string }{
		{&o.Title, &newer.Title}, {&o.Subtitle, &newer.Subtitle}, {&o.Publisher, &newer.Publisher},
		{&o.URL, &newer.URL}, {&o.Series, &newer.Series}, {&o.SeriesNumber, &newer.SeriesNumber},
		{&o.PublishedOn, &newer.PublishedOn}, {&o.UpdatedOn, &newer.UpdatedOn}, {&o.Language, &newer.Language},
	} {
		if *f.src != nil {
			*f.dst = *f.src
		}
	}
	if newer.Categories != nil {
		o.Categories = newer.Categories
	}
	if newer.Keywords != nil {
		o.Keywords = newer.Keywords
	}
	if newer.Authors != nil {
		o.Authors = newer.Authors
	}
	// A field set again is no longer cleared; a field cleared now loses
	// the value an earlier correction gave it.
	o.Clear = slices.DeleteFunc(slices.Clone(o.Clear), func(name string) bool {
		return newer.Clears(name) || newer.sets(name)
	})
	for _, name := range newer.Clear {
		o.Clear = append(o.Clear, name)
		if f, ok := o.stringFields()[name]; ok {
			*f = nil
		}
		if name == "authors" {
			o.Authors = nil
		}
	}
	if len(o.Clear) == 0 {
		o.Clear = nil
	}
	return o
}

// sets reports whether o gives the field named name a value.
func (o MetadataOverride) sets(name string) bool {
	if name == "authors" {
		return o.Authors != nil
	}
	f, ok := o.stringFields()[name]
	return ok && *f != nil
}

// Warnings a correction answers, by the field that answers them.
const (
	WarnNoTitle   = "no title found"
	WarnNoAuthor  = "no author found"
	WarnNoDate    = "no publication date found"
	WarnDateMonth = "publication date is an issue month: the day is the first of the month"
)

// Apply writes the override's fields into d and drops the warnings they
// answer.
func (o MetadataOverride) Apply(d *Document) {
	set := func(dst **string, v *string) {
		if v != nil {
			*dst = v
		}
	}
	set(&d.Title, o.Title)
	set(&d.Subtitle, o.Subtitle)
	set(&d.Publisher, o.Publisher)
	set(&d.URL, o.URL)
	set(&d.Series, o.Series)
	set(&d.SeriesNumber, o.SeriesNumber)
	set(&d.UpdatedOn, o.UpdatedOn)
	if o.PublishedOn != nil {
		if deref(d.PublishedOn) != *o.PublishedOn {
			d.PublishedAt = nil // the parsed time belongs to the parsed date
		}
		d.PublishedOn = o.PublishedOn
	}
	if o.Language != nil {
		d.Language = *o.Language
	}
	if o.Categories != nil {
		d.Categories = o.Categories
	}
	if o.Keywords != nil {
		d.Keywords = o.Keywords
	}
	if o.Authors != nil {
		d.Authors = withParsedFields(o.Authors, d.Authors)
	}
	o.applyClears(d)
	d.Warnings = slices.DeleteFunc(slices.Clone(d.Warnings), func(w string) bool {
		return w == WarnNoTitle && d.Title != nil || w == WarnNoAuthor && len(d.Authors) > 0 ||
			(w == WarnNoDate || w == WarnDateMonth) && o.PublishedOn != nil
	})
}

// applyClears empties the fields o clears. An emptied date takes its
// parsed time with it.
func (o MetadataOverride) applyClears(d *Document) {
	for _, name := range o.Clear {
		switch name {
		case "title":
			d.Title = nil
		case "subtitle":
			d.Subtitle = nil
		case "series":
			d.Series = nil
		case "seriesNumber":
			d.SeriesNumber = nil
		case "publishedOn":
			d.PublishedOn, d.PublishedAt = nil, nil
		case "updatedOn":
			d.UpdatedOn = nil
		case "authors":
			d.Authors = []Author{}
		}
	}
}

// withParsedFields returns the authors given, each completed with the
// fields of the parsed author of the same name (spaces aside).
func withParsedFields(given, parsed []Author) []Author {
	out := make([]Author, len(given))
	for i, a := range given {
		for _, p := range parsed {
			if NameKey(p.Name) == NameKey(a.Name) {
				a.Complete(p)
			}
		}
		out[i] = a
	}
	return out
}

// NameKey compares names without their spaces: 「三村 光弘」 is 「三村光弘」.
func NameKey(s string) string { return strings.Join(strings.Fields(s), "") }

// Complete fills the fields a leaves empty with those of other, another
// sighting of the same person (a profile block after a byline, the parsed
// author behind a correction).
func (a *Author) Complete(other Author) {
	for _, f := range []struct{ dst, src **string }{
		{&a.NameReading, &other.NameReading}, {&a.Affiliation, &other.Affiliation},
		{&a.Title, &other.Title}, {&a.Specialty, &other.Specialty}, {&a.Bio, &other.Bio},
	} {
		if *f.dst == nil {
			*f.dst = *f.src
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
