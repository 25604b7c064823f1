package store

import (
	"errors"
	"fmt"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// layOut checks what DocumentSave needs before it opens a transaction and
// lays the document out (doc.LayOut): the spans it stores.
func layOut(w DocumentWrite) (*doc.Layout, error) {
	d := w.Doc
	if w.Slug == "" {
		return nil, Errorf(EInvalid, "%s: empty slug", d.SourceFile)
	}
	for _, a := range d.Authors {
		if AuthorNameKey(a.Name) == "" {
			return nil, Errorf(EInvalid, "%s: an author has an empty name", d.SourceFile)
		}
	}
	lay, err := doc.LayOut(d)
	if inv := (*doc.InvalidError)(nil); errors.As(err, &inv) {
		return nil, Errorf(EInvalid, "%w", err)
	} else if err != nil {
		return nil, err
	}
	if len(w.Vectors) != len(lay.Paragraphs) {
		return nil, fmt.Errorf("%d search vectors for %d paragraphs", len(w.Vectors), len(lay.Paragraphs))
	}
	if sc := w.Scores; sc != nil && (len(sc.Paragraphs) != len(lay.Paragraphs) || len(sc.Sections) != len(d.Sections)) {
		return nil, fmt.Errorf("topic scores for %d sections and %d paragraphs, document has %d and %d",
			len(sc.Sections), len(sc.Paragraphs), len(d.Sections), len(lay.Paragraphs))
	}
	return lay, nil
}
