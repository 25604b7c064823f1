// Package notes gathers a document's footnote bodies by label as a
// front-end finds them, and completes the document's footnotes: bodies in
// the order found, a note without a body for every marker never
// explained, and the URLs each body cites.
package notes

import (
	"regexp"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// List gathers note bodies. Join joins a note's lines or paragraphs (nil:
// with a space).
type List struct {
	Join  func(a, b string) string
	notes []doc.Footnote
	index map[string]int
}

// Start begins the note labelled label; a label seen before continues its
// note (a note in several paragraphs).
func (l *List) Start(label, body string) {
	if l.index == nil {
		l.index = map[string]int{}
	}
	if i, ok := l.index[label]; ok {
		l.append(i, body)
		return
	}
	l.index[label] = len(l.notes)
	l.notes = append(l.notes, doc.Footnote{Label: label, Body: &body})
}

// Continue adds text to the last note begun; with none, it is dropped.
func (l *List) Continue(text string) {
	if len(l.notes) > 0 {
		l.append(len(l.notes)-1, text)
	}
}

// Last is the label of the last note begun ("" before the first).
func (l *List) Last() string {
	if len(l.notes) == 0 {
		return ""
	}
	return l.notes[len(l.notes)-1].Label
}

// Has reports whether the note labelled label has begun.
func (l *List) Has(label string) bool {
	_, ok := l.index[label]
	return ok
}

// Len is how many notes have begun.
func (l *List) Len() int { return len(l.notes) }

func (l *List) append(i int, text string) {
	joined := *l.notes[i].Body + " " + text
	if l.Join != nil {
		joined = l.Join(*l.notes[i].Body, text)
	}
	l.notes[i].Body = &joined
}

// Complete sets d's footnotes: the notes gathered, then a note without a
// body for each marker in d's paragraphs that has none, each with the
// URLs its body cites.
func (l *List) Complete(d *doc.Document) {
	if l.index == nil {
		l.index = map[string]int{}
	}
	for _, p := range d.Paragraphs() {
		for _, r := range p.FootnoteRefs {
			if _, ok := l.index[r.Label]; !ok {
				l.index[r.Label] = len(l.notes)
				l.notes = append(l.notes, doc.Footnote{Label: r.Label})
			}
		}
	}
	d.Footnotes = make([]doc.Footnote, 0, len(l.notes))
	for _, n := range l.notes {
		n.URLs = []string{}
		if n.Body != nil {
			n.URLs = append(n.URLs, URLs(*n.Body)...)
		}
		d.Footnotes = append(d.Footnotes, n)
	}
}

var reURL = regexp.MustCompile(`https?://[^\s<>"'（）「」、。]+[^\s<>"'（）「」、。.,;:)]`)

// URLs returns the web addresses a note body cites, without the
// punctuation that ends its sentence.
func URLs(s string) []string { return reURL.FindAllString(s, -1) }
