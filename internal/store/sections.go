package store

import (
	"context"
	"fmt"
)

// Section is a run of paragraphs under one heading. Start and End are
// code-point offsets of its text in the document body.
type Section struct {
	ID         int64
	DocumentID int64
	Ordinal    int
	Heading    *string
	Level      int
	Start      int
	End        int
}

const sectionColumns = `s.id, s.document_id, s.ordinal, s.heading, s.level, s.start_offset, s.end_offset`

func sectionFields(s *Section) []any {
	return []any{&s.ID, &s.DocumentID, &s.Ordinal, &s.Heading, &s.Level, &s.Start, &s.End}
}

// sectionListByIDs fetches sections by id.
const sectionListByIDs = `SELECT ` + sectionColumns + ` FROM sections s WHERE s.id = ANY($1)`

// SectionListByIDs returns the sections with the given ids; missing ids
// are absent from the result.
func (s *Store) SectionListByIDs(ctx context.Context, ids []int64) ([]*Section, error) {
	secs, err := collect(ctx, s.reads, sectionListByIDs, sectionFields, ids)
	if err != nil {
		return nil, fmt.Errorf("list sections by id: %w", err)
	}
	return secs, nil
}

// sectionListByDocumentIDs fetches the sections of documents in order.
const sectionListByDocumentIDs = `SELECT ` + sectionColumns + ` FROM sections s
WHERE s.document_id = ANY($1) ORDER BY s.document_id, s.ordinal`

// SectionListByDocumentIDs returns the sections of the documents, in
// document order per document.
func (s *Store) SectionListByDocumentIDs(ctx context.Context, documentIDs []int64) ([]*Section, error) {
	secs, err := collect(ctx, s.reads, sectionListByDocumentIDs, sectionFields, documentIDs)
	if err != nil {
		return nil, fmt.Errorf("list sections by document: %w", err)
	}
	return secs, nil
}

// sectionTextListByIDs cuts each section's text out of its document's
// body; substr counts characters, which are code points in UTF-8.
const sectionTextListByIDs = `SELECT s.id, substr(d.body, s.start_offset + 1, s.end_offset - s.start_offset)
FROM sections s JOIN documents d ON d.id = s.document_id
WHERE s.id = ANY($1)`

// SectionTextListByIDs returns the text of the sections, keyed by section id.
func (s *Store) SectionTextListByIDs(ctx context.Context, ids []int64) ([]Keyed[string], error) {
	texts, err := collectKeyed(ctx, s.reads, sectionTextListByIDs, func(t *string) []any { return []any{t} }, ids)
	if err != nil {
		return nil, fmt.Errorf("list section texts: %w", err)
	}
	return texts, nil
}
