package store

import (
	"context"
	"fmt"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// Footnote is a note of a document. Body is nil when the source cites the
// note without stating its text.
type Footnote struct {
	ID         int64
	DocumentID int64
	Ordinal    int
	Label      string
	Body       *string
	URLs       []string
}

const footnoteColumns = `f.id, f.document_id, f.ordinal, f.label, f.body, f.urls`

func footnoteFields(f *Footnote) []any {
	return []any{&f.ID, &f.DocumentID, &f.Ordinal, &f.Label, &f.Body, &f.URLs}
}

// FootnoteRef is a footnote marker in a paragraph: Offset counts code
// points into the paragraph's text. It is read with its footnote, which
// the join for the label reads anyway: a reader that follows the marker
// costs no second statement.
type FootnoteRef struct {
	ParagraphID int64
	Ordinal     int
	Offset      int
	Footnote    *Footnote
}

// Label is the marker's label, its footnote's.
func (r *FootnoteRef) Label() string { return r.Footnote.Label }

// footnoteListByIDs fetches footnotes by id.
const footnoteListByIDs = `SELECT ` + footnoteColumns + ` FROM footnotes f WHERE f.id = ANY($1)`

// FootnoteListByIDs returns the footnotes with the given ids; missing ids
// are absent from the result.
func (s *Store) FootnoteListByIDs(ctx context.Context, ids []int64) ([]*Footnote, error) {
	fs, err := collect(ctx, s.reads, footnoteListByIDs, footnoteFields, ids)
	if err != nil {
		return nil, fmt.Errorf("list footnotes by id: %w", err)
	}
	return fs, nil
}

// footnoteListByDocumentIDs fetches the footnotes of documents in order.
const footnoteListByDocumentIDs = `SELECT ` + footnoteColumns + ` FROM footnotes f
WHERE f.document_id = ANY($1) ORDER BY f.document_id, f.ordinal`

// FootnoteListByDocumentIDs returns the footnotes of the documents, in
// order per document.
func (s *Store) FootnoteListByDocumentIDs(ctx context.Context, documentIDs []int64) ([]*Footnote, error) {
	fs, err := collect(ctx, s.reads, footnoteListByDocumentIDs, footnoteFields, documentIDs)
	if err != nil {
		return nil, fmt.Errorf("list footnotes by document: %w", err)
	}
	return fs, nil
}

// footnoteListByParagraphIDs fetches the footnotes paragraphs cite, each
// once per paragraph, in the order of their first marker.
const footnoteListByParagraphIDs = `SELECT r.paragraph_id, ` + footnoteColumns + `
FROM (SELECT paragraph_id, footnote_id, min(ordinal) AS first FROM footnote_refs
      WHERE paragraph_id = ANY($1) GROUP BY paragraph_id, footnote_id) r
JOIN footnotes f ON f.id = r.footnote_id
ORDER BY r.paragraph_id, r.first`

// FootnoteListByParagraphIDs returns the footnotes each paragraph cites,
// keyed by paragraph id, in marker order without repeats.
func (s *Store) FootnoteListByParagraphIDs(ctx context.Context, paragraphIDs []int64) ([]Keyed[Footnote], error) {
	fs, err := collectKeyed(ctx, s.reads, footnoteListByParagraphIDs, footnoteFields, paragraphIDs)
	if err != nil {
		return nil, fmt.Errorf("list footnotes by paragraph: %w", err)
	}
	return fs, nil
}

// footnoteRefListByParagraphIDs fetches the footnote markers of paragraphs
// and their footnotes.
const footnoteRefListByParagraphIDs = `SELECT r.paragraph_id, r.ordinal, r."offset", ` + footnoteColumns + `
FROM footnote_refs r JOIN footnotes f ON f.id = r.footnote_id
WHERE r.paragraph_id = ANY($1)
ORDER BY r.paragraph_id, r.ordinal`

// FootnoteRefListByParagraphIDs returns the footnote markers of the
// paragraphs, in marker order per paragraph.
func (s *Store) FootnoteRefListByParagraphIDs(ctx context.Context, paragraphIDs []int64) ([]*FootnoteRef, error) {
	refs, err := collect(ctx, s.reads, footnoteRefListByParagraphIDs, func(r *FootnoteRef) []any {
		r.Footnote = new(Footnote)
		return append([]any{&r.ParagraphID, &r.Ordinal, &r.Offset}, footnoteFields(r.Footnote)...)
	}, paragraphIDs)
	if err != nil {
		return nil, fmt.Errorf("list footnote refs by paragraph: %w", err)
	}
	return refs, nil
}

// captionListByDocumentIDs fetches the captions of documents in order.
const captionListByDocumentIDs = `SELECT c.document_id, c.text, c.credit FROM captions c
WHERE c.document_id = ANY($1) ORDER BY c.document_id, c.ordinal`

// CaptionListByDocumentIDs returns the captions of the documents, keyed by
// document id, in order per document.
func (s *Store) CaptionListByDocumentIDs(ctx context.Context, documentIDs []int64) ([]Keyed[doc.Caption], error) {
	cs, err := collectKeyed(ctx, s.reads, captionListByDocumentIDs, func(c *doc.Caption) []any { return []any{&c.Text, &c.Credit} }, documentIDs)
	if err != nil {
		return nil, fmt.Errorf("list captions by document: %w", err)
	}
	return cs, nil
}
