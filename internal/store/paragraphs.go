package store

import (
	"context"
	"fmt"
)

// Paragraph is body text without its footnote markers. Start and End are
// code-point offsets into the document body: body[Start:End] == Text.
type Paragraph struct {
	ID         int64
	DocumentID int64
	SectionID  int64
	Ordinal    int
	Text       string
	Start      int
	End        int
}

const paragraphColumns = `p.id, p.document_id, p.section_id, p.ordinal, p.text, p.start_offset, p.end_offset`

func paragraphFields(p *Paragraph) []any {
	return []any{&p.ID, &p.DocumentID, &p.SectionID, &p.Ordinal, &p.Text, &p.Start, &p.End}
}

// paragraphListByIDs fetches paragraphs by id.
const paragraphListByIDs = `SELECT ` + paragraphColumns + ` FROM paragraphs p WHERE p.id = ANY($1)`

// ParagraphListByIDs returns the paragraphs with the given ids; missing
// ids are absent from the result.
func (s *Store) ParagraphListByIDs(ctx context.Context, ids []int64) ([]*Paragraph, error) {
	ps, err := collect(ctx, s.reads, paragraphListByIDs, paragraphFields, ids)
	if err != nil {
		return nil, fmt.Errorf("list paragraphs by id: %w", err)
	}
	return ps, nil
}

// paragraphListBySectionIDs fetches the paragraphs of sections in order.
const paragraphListBySectionIDs = `SELECT ` + paragraphColumns + ` FROM paragraphs p
WHERE p.section_id = ANY($1) ORDER BY p.section_id, p.ordinal`

// ParagraphListBySectionIDs returns the paragraphs of the sections, in
// reading order per section.
func (s *Store) ParagraphListBySectionIDs(ctx context.Context, sectionIDs []int64) ([]*Paragraph, error) {
	ps, err := collect(ctx, s.reads, paragraphListBySectionIDs, paragraphFields, sectionIDs)
	if err != nil {
		return nil, fmt.Errorf("list paragraphs by section: %w", err)
	}
	return ps, nil
}

// paragraphListByFootnoteIDs fetches the paragraphs that cite footnotes,
// each once per footnote, in reading order.
const paragraphListByFootnoteIDs = `SELECT r.footnote_id, ` + paragraphColumns + `
FROM (SELECT DISTINCT footnote_id, paragraph_id FROM footnote_refs WHERE footnote_id = ANY($1)) r
JOIN paragraphs p ON p.id = r.paragraph_id
ORDER BY r.footnote_id, p.ordinal`

// ParagraphListByFootnoteIDs returns the paragraphs citing each footnote,
// keyed by footnote id, in reading order per footnote.
func (s *Store) ParagraphListByFootnoteIDs(ctx context.Context, footnoteIDs []int64) ([]Keyed[Paragraph], error) {
	ps, err := collectKeyed(ctx, s.reads, paragraphListByFootnoteIDs, paragraphFields, footnoteIDs)
	if err != nil {
		return nil, fmt.Errorf("list paragraphs by footnote: %w", err)
	}
	return ps, nil
}
