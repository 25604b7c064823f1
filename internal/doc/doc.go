// Package doc holds the parsed form of a source document: the shape the
// parser produces, the store persists and `sourcecmp parse` prints as JSON.
// It depends on nothing else in the project.
package doc

// Document is one parsed source: its metadata, its body in sections and
// paragraphs, and the footnotes and captions lifted out of the body.
// Optional fields are nil when the source does not state them.
type Document struct {
	SourceFile  string `json:"sourceFile"`
	ContentHash string `json:"contentHash"`
	// Format is what the source file is: FormatText, FormatPDF or FormatHTML.
	Format string `json:"format"`
	// Extraction is the kind of page the text came from, which decides how
	// lines join into paragraphs: ExtractionPDF (lines broken by page width
	// and page ends) or ExtractionWeb (a blank line is a paragraph break).
	Extraction   string  `json:"extraction"`
	Language     string  `json:"language"`
	Title        *string `json:"title"`
	Subtitle     *string `json:"subtitle"`
	Publisher    *string `json:"publisher"`
	URL          *string `json:"url,omitempty"`
	Series       *string `json:"series"`
	SeriesNumber *string `json:"seriesNumber"`
	PublishedOn  *string `json:"publishedOn"` // YYYY-MM-DD
	UpdatedOn    *string `json:"updatedOn"`   // YYYY-MM-DD
	// PublishedAt is the publication time in RFC 3339 with its offset, when
	// the source states a time as well as a date.
	PublishedAt *string    `json:"publishedAt"`
	Authors     []Author   `json:"authors"`
	Categories  []string   `json:"categories"`
	Keywords    []string   `json:"keywords"`
	Sections    []Section  `json:"sections"`
	Footnotes   []Footnote `json:"footnotes"`
	// Captions are the figure captions lifted out of the body, once each.
	Captions []Caption `json:"captions"`
	// Removed lists the source lines left out of the document (site chrome,
	// share buttons, running headers…), so that nothing is dropped unseen.
	Removed []RemovedLine `json:"removed"`
	// Warnings say what the parser could not find or had to guess.
	Warnings []string `json:"warnings"`
}

// Source formats, in Document.Format.
const (
	FormatText = "text"
	FormatPDF  = "pdf"
	FormatHTML = "html"
)

// Kinds of extraction, in Document.Extraction.
const (
	ExtractionPDF = "pdf"
	ExtractionWeb = "web"
)

// Caption is a figure's caption with its credit (the photographer or
// agency: "AFP", "共同") split off. Credit is nil when none is stated.
type Caption struct {
	Text   string  `json:"text"`
	Credit *string `json:"credit"`
}

// RemovedLine is a source line kept out of the document and why. Line
// counts from 1 in the source text (for PDF and HTML, in the text the
// extractor produced); Reason is a short slug such as "chrome", "share",
// "related", "tags", "paywall", "running-header", "page-number".
type RemovedLine struct {
	Line   int    `json:"line"`
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Author is a person credited in a byline, a profile block or a reporter bio.
type Author struct {
	Name        string  `json:"name" yaml:"name"`
	NameReading *string `json:"nameReading" yaml:"nameReading"`
	Affiliation *string `json:"affiliation" yaml:"affiliation"`
	Title       *string `json:"title" yaml:"title"`
	Specialty   *string `json:"specialty" yaml:"specialty"`
	Bio         *string `json:"bio" yaml:"bio"`
}

// Section is a run of paragraphs under one heading. The text before the
// first heading is a section with a nil heading.
type Section struct {
	Heading    *string     `json:"heading"`
	Level      int         `json:"level"`
	Paragraphs []Paragraph `json:"paragraphs"`
}

// Paragraph is body text with its footnote markers removed; FootnoteRefs
// record where each marker stood.
type Paragraph struct {
	Text         string        `json:"text"`
	FootnoteRefs []FootnoteRef `json:"footnoteRefs"`
}

// FootnoteRef is a footnote marker: its label ("1", "※1", "注1") and its
// offset in code points into the paragraph text.
type FootnoteRef struct {
	Label  string `json:"label"`
	Offset int    `json:"offset"`
}

// Footnote is a note's label and body. Body is nil when the source cites
// the note but never states its text.
type Footnote struct {
	Label string   `json:"label"`
	Body  *string  `json:"body"`
	URLs  []string `json:"urls"`
}

// ParagraphSeparator joins paragraphs into a document's whole text.
const ParagraphSeparator = "\n\n"

// Paragraphs returns the document's paragraphs in reading order.
func (d *Document) Paragraphs() []Paragraph {
	var out []Paragraph
	for _, s := range d.Sections {
		out = append(out, s.Paragraphs...)
	}
	return out
}
