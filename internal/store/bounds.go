package store

import (
	"context"
	"fmt"
)

// ListBounds are the longest lists the data holds under one parent, and
// the longest texts: what a query can get back at most from a list that
// has no page size, for the cost model to price it before it runs.
type ListBounds struct {
	AuthorsPerDocument    int
	SectionsPerDocument   int
	FootnotesPerDocument  int
	StancesPerDocument    int
	ParagraphsPerSection  int
	RefsPerParagraph      int // footnote markers in one paragraph
	ParagraphsPerFootnote int // paragraphs citing one footnote
	WorksPerFootnote      int
	CitationsPerStance    int
	Topics                int
	PositionsPerTopic     int
	// Code points of the longest document and section text; a paragraph
	// is no longer than its section.
	DocumentChars, SectionChars int
}

// listBoundsGet measures ListBounds in one statement. Every part groups a
// table by its parent, once: about two seconds at 10,000 documents, so it
// runs at start-up, after an ingest and every few minutes, never for a
// request.
const listBoundsGet = `
SELECT
  (SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM document_authors GROUP BY document_id) x),
  (SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM sections GROUP BY document_id) x),
  (SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM footnotes GROUP BY document_id) x),
  (SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM stances GROUP BY document_id) x),
  (SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM paragraphs GROUP BY section_id) x),
  (SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM footnote_refs GROUP BY paragraph_id) x),
  (SELECT coalesce(max(n), 0) FROM (SELECT count(DISTINCT paragraph_id) n FROM footnote_refs GROUP BY footnote_id) x),
  (SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM footnote_works GROUP BY footnote_id) x),
  (SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM citations GROUP BY stance_id) x),
  (SELECT count(*) FROM topics),
  (SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM topic_positions GROUP BY topic_id) x),
  (SELECT coalesce(max(end_offset), 0) FROM sections),
  (SELECT coalesce(max(end_offset - start_offset), 0) FROM sections)`

// ListBoundsGet measures the list bounds of the data as it is now.
func (s *Store) ListBoundsGet(ctx context.Context) (ListBounds, error) {
	var b ListBounds
	err := s.pool.QueryRow(ctx, listBoundsGet).Scan(
		&b.AuthorsPerDocument, &b.SectionsPerDocument, &b.FootnotesPerDocument, &b.StancesPerDocument,
		&b.ParagraphsPerSection, &b.RefsPerParagraph, &b.ParagraphsPerFootnote, &b.WorksPerFootnote,
		&b.CitationsPerStance,
		&b.Topics, &b.PositionsPerTopic, &b.DocumentChars, &b.SectionChars)
	if err != nil {
		return ListBounds{}, fmt.Errorf("measure list bounds: %w", err)
	}
	return b, nil
}
