package export

import (
	"net/url"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/anchor"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// AnnotationContext is the JSON-LD context of the Web Annotation
// vocabulary (https://www.w3.org/TR/annotation-vocab/).
const AnnotationContext = "http://www.w3.org/ns/anno.jsonld"

// Where the exports are served.
const (
	AnnotationsPath = "/export/annotations.jsonld"
	ReferencesPath  = "/export/references.json"
)

// ContextLen is how many code points of text the TextQuoteSelector keeps
// on each side of a quote: what the citations were anchored with.
const ContextLen = anchor.ContextLen

// AnnotationCollection is the Web Annotation Protocol's container: the
// collection with its one page embedded, the form annotation clients
// page through (https://www.w3.org/TR/annotation-model/#annotation-collection).
type AnnotationCollection struct {
	Context string         `json:"@context"`
	ID      string         `json:"id"`
	Type    string         `json:"type"`
	Label   string         `json:"label"`
	Total   int            `json:"total"`
	First   AnnotationPage `json:"first"`
}

// AnnotationPage is one page of a collection.
type AnnotationPage struct {
	ID         string       `json:"id"`
	Type       string       `json:"type"`
	StartIndex int          `json:"startIndex"`
	Items      []Annotation `json:"items"`
}

// Annotation is one citation: the passage of a document (Target) that
// supports a stance (Body).
type Annotation struct {
	ID         string        `json:"id"`
	Type       string        `json:"type"`
	Motivation string        `json:"motivation"`
	Created    time.Time     `json:"created"`
	Modified   time.Time     `json:"modified"`
	Generator  *Agent        `json:"generator,omitempty"`
	Body       []TextualBody `json:"body"`
	Target     Target        `json:"target"`
}

// Agent is the software that made an annotation.
type Agent struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Name string `json:"name"`
}

// TextualBody is a body given as text, with its purpose: the topic
// (tagging), the position (classifying) and the stance's summary in each
// language (describing).
type TextualBody struct {
	Type     string `json:"type"`
	Purpose  string `json:"purpose"`
	Value    string `json:"value"`
	Language string `json:"language,omitempty"`
	Format   string `json:"format,omitempty"`
}

// Target is the annotated passage: the document and the selectors that
// find the passage in its text.
type Target struct {
	Source   Source     `json:"source"`
	Selector []Selector `json:"selector"`
}

// Source is the annotated document. The Web Annotation context has no
// term for a title, so the document's title is not repeated here.
type Source struct {
	ID       string `json:"id"`
	Type     string `json:"type"`
	Language string `json:"language,omitempty"`
}

// Selector is a TextQuoteSelector (Exact, Prefix, Suffix) or a
// TextPositionSelector (Start, End: code points into the document's
// text, the text the API serves as Document.text).
type Selector struct {
	Type   string `json:"type"`
	Exact  string `json:"exact,omitempty"`
	Prefix string `json:"prefix,omitempty"`
	Suffix string `json:"suffix,omitempty"`
	Start  *int   `json:"start,omitempty"`
	End    *int   `json:"end,omitempty"`
}

// Collection returns the citations as a Web Annotation collection whose
// IRIs start with base (scheme and host). An annotation's id is the
// citation's global ID as a fragment of the collection's IRI. Its target
// is the document's own URL when it has one, else the document's page on
// this server (/documents/{slug}). A citation that lost its anchor has
// only the TextQuoteSelector: its position is unknown.
func Collection(base string, rows []*store.CitationExport) AnnotationCollection {
	id := base + AnnotationsPath
	gen := &Agent{ID: base + "/", Type: "Software", Name: "sourcecmp"}
	items := make([]Annotation, 0, len(rows))
	for _, c := range rows {
		a := Annotation{
			ID:         id + "#" + gid.Encode(gid.Citation, c.CitationID),
			Type:       "Annotation",
			Motivation: "describing",
			Created:    c.Created.UTC(),
			Modified:   c.Modified.UTC(),
			Generator:  gen,
			Body: []TextualBody{
				{Type: "TextualBody", Purpose: "tagging", Value: c.Topic},
				{Type: "TextualBody", Purpose: "classifying", Value: c.Position},
				{Type: "TextualBody", Purpose: "describing", Value: c.SummaryJA, Language: "ja", Format: "text/plain"},
			},
			Target: Target{
				Source:   Source{ID: documentIRI(base, c), Type: "Text", Language: c.Language},
				Selector: []Selector{{Type: "TextQuoteSelector", Exact: c.Exact, Prefix: c.Prefix, Suffix: c.Suffix}},
			},
		}
		if c.SummaryEN != nil && *c.SummaryEN != "" {
			a.Body = append(a.Body, TextualBody{Type: "TextualBody", Purpose: "describing", Value: *c.SummaryEN, Language: "en", Format: "text/plain"})
		}
		if c.Start != nil && c.End != nil {
			a.Target.Selector = append(a.Target.Selector, Selector{Type: "TextPositionSelector", Start: c.Start, End: c.End})
		}
		items = append(items, a)
	}
	return AnnotationCollection{
		Context: AnnotationContext,
		ID:      id,
		Type:    "AnnotationCollection",
		Label:   "sourcecmp: citations supporting each document's stance on each topic",
		Total:   len(items),
		First:   AnnotationPage{ID: id + "#page-1", Type: "AnnotationPage", StartIndex: 0, Items: items},
	}
}

// documentIRI names a citation's document: its URL, or its page here.
func documentIRI(base string, c *store.CitationExport) string {
	if c.DocumentURL != nil && *c.DocumentURL != "" {
		return *c.DocumentURL
	}
	return base + "/documents/" + url.PathEscape(c.DocumentSlug)
}
