package doc

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Layout is a document's body, its paragraphs joined by
// ParagraphSeparator, and the code-point spans of its parts in it, with
// every footnote marker resolved to its footnote. Offsets everywhere in
// the product (the API, anchors, stored spans) count in this body.
type Layout struct {
	Body       string
	Sections   []Span // per section
	Paragraphs []ParagraphSpan
	Refs       []RefAt
}

// Span is a half-open range of code points in the body.
type Span struct{ Start, End int }

// ParagraphSpan is where a paragraph lies, with its section's index.
type ParagraphSpan struct {
	Span
	Section int
	Text    string
}

// RefAt is a footnote marker resolved: the paragraph's ordinal, the
// footnote's index, the marker's place within the paragraph and its
// offset in the paragraph.
type RefAt struct {
	Paragraph int
	Footnote  int
	Ordinal   int
	Offset    int
}

// InvalidError says why a document cannot be laid out: a footnote marker
// without its footnote, a label used twice, a heading level out of range.
type InvalidError struct{ Msg string }

func (e *InvalidError) Error() string { return e.Msg }

func invalid(format string, args ...any) error {
	return &InvalidError{Msg: fmt.Sprintf(format, args...)}
}

// LayOut joins the paragraphs into the body and records where each
// section and paragraph lies in it. It fails with an *InvalidError when
// the document contradicts itself.
func LayOut(d *Document) (*Layout, error) {
	labels := make(map[string]int, len(d.Footnotes))
	for i, f := range d.Footnotes {
		if _, dup := labels[f.Label]; dup {
			return nil, invalid("%s: footnote %q appears twice", d.SourceFile, f.Label)
		}
		labels[f.Label] = i
	}
	lay := &Layout{Sections: make([]Span, len(d.Sections))}
	var body strings.Builder
	pos := 0
	sepLen := utf8.RuneCountInString(ParagraphSeparator)
	for si, s := range d.Sections {
		if s.Level < 1 || s.Level > 6 {
			return nil, invalid("%s: section %d: level %d is not 1..6", d.SourceFile, si, s.Level)
		}
		for pi, p := range s.Paragraphs {
			ordinal := len(lay.Paragraphs)
			if ordinal > 0 {
				body.WriteString(ParagraphSeparator)
				pos += sepLen
			}
			if pi == 0 {
				lay.Sections[si].Start = pos
			}
			n := utf8.RuneCountInString(p.Text)
			lay.Paragraphs = append(lay.Paragraphs, ParagraphSpan{Span: Span{pos, pos + n}, Section: si, Text: p.Text})
			body.WriteString(p.Text)
			for ri, r := range p.FootnoteRefs {
				fi, ok := labels[r.Label]
				if !ok {
					return nil, invalid("%s: paragraph %d: footnote marker %q has no footnote", d.SourceFile, ordinal, r.Label)
				}
				if r.Offset < 0 || r.Offset > n {
					return nil, invalid("%s: paragraph %d: footnote marker %q at %d is outside the paragraph", d.SourceFile, ordinal, r.Label, r.Offset)
				}
				lay.Refs = append(lay.Refs, RefAt{Paragraph: ordinal, Footnote: fi, Ordinal: ri, Offset: r.Offset})
			}
			pos += n
		}
		if len(s.Paragraphs) == 0 {
			lay.Sections[si].Start = pos
		}
		lay.Sections[si].End = pos
	}
	lay.Body = body.String()
	return lay, nil
}
