package store

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// layout is a document's body and the code-point spans of its parts, with
// every footnote marker resolved to its footnote: what DocumentSave checks
// and computes before it opens a transaction.
type layout struct {
	body       string
	sections   []span // per section
	paragraphs []paragraphSpan
	refs       []refRow
}

type span struct{ start, end int }

type paragraphSpan struct {
	span
	section int // section index
	text    string
}

type refRow struct {
	paragraph int // paragraph ordinal
	footnote  int // footnote index
	ordinal   int // within the paragraph
	offset    int
}

// layOut joins the paragraphs into the body (doc.ParagraphSeparator
// between them) and records where each section and paragraph lies in it.
func layOut(w DocumentWrite) (*layout, error) {
	d := w.Doc
	if w.Slug == "" {
		return nil, Errorf(EInvalid, "%s: empty slug", d.SourceFile)
	}
	labels := make(map[string]int, len(d.Footnotes))
	for i, f := range d.Footnotes {
		if _, dup := labels[f.Label]; dup {
			return nil, Errorf(EInvalid, "%s: footnote %q appears twice", d.SourceFile, f.Label)
		}
		labels[f.Label] = i
	}
	for _, a := range d.Authors {
		if AuthorNameKey(a.Name) == "" {
			return nil, Errorf(EInvalid, "%s: an author has an empty name", d.SourceFile)
		}
	}
	lay := &layout{sections: make([]span, len(d.Sections))}
	var body strings.Builder
	pos := 0
	sepLen := utf8.RuneCountInString(doc.ParagraphSeparator)
	for si, s := range d.Sections {
		if s.Level < 1 || s.Level > 6 {
			return nil, Errorf(EInvalid, "%s: section %d: level %d is not 1..6", d.SourceFile, si, s.Level)
		}
		for pi, p := range s.Paragraphs {
			ordinal := len(lay.paragraphs)
			if ordinal > 0 {
				body.WriteString(doc.ParagraphSeparator)
				pos += sepLen
			}
			if pi == 0 {
				lay.sections[si].start = pos
			}
			n := utf8.RuneCountInString(p.Text)
			lay.paragraphs = append(lay.paragraphs, paragraphSpan{span: span{pos, pos + n}, section: si, text: p.Text})
			body.WriteString(p.Text)
			for ri, r := range p.FootnoteRefs {
				fi, ok := labels[r.Label]
				if !ok {
					return nil, Errorf(EInvalid, "%s: paragraph %d: footnote marker %q has no footnote", d.SourceFile, ordinal, r.Label)
				}
				if r.Offset < 0 || r.Offset > n {
					return nil, Errorf(EInvalid, "%s: paragraph %d: footnote marker %q at %d is outside the paragraph", d.SourceFile, ordinal, r.Label, r.Offset)
				}
				lay.refs = append(lay.refs, refRow{paragraph: ordinal, footnote: fi, ordinal: ri, offset: r.Offset})
			}
			pos += n
		}
		if len(s.Paragraphs) == 0 {
			lay.sections[si].start = pos
		}
		lay.sections[si].end = pos
	}
	lay.body = body.String()
	if len(w.Vectors) != len(lay.paragraphs) {
		return nil, fmt.Errorf("%d search vectors for %d paragraphs", len(w.Vectors), len(lay.paragraphs))
	}
	if sc := w.Scores; sc != nil && (len(sc.Paragraphs) != len(lay.paragraphs) || len(sc.Sections) != len(d.Sections)) {
		return nil, fmt.Errorf("topic scores for %d sections and %d paragraphs, document has %d and %d",
			len(sc.Sections), len(sc.Paragraphs), len(d.Sections), len(lay.paragraphs))
	}
	return lay, nil
}
