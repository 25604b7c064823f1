package store

import (
	"context"
	"fmt"
	"time"
)

// CitationExport is a citation with everything an export of it as a Web
// Annotation states: its stance, topic and position, its document, and
// the quote with the text around it.
type CitationExport struct {
	CitationID      int64
	Ordinal         int
	StanceID        int64
	Topic           string // slug
	Position        string // slug
	PositionLabelJA string
	PositionLabelEN *string
	SummaryJA       string
	SummaryEN       *string
	Created         time.Time // the stance's
	Modified        time.Time
	DocumentID      int64
	DocumentSlug    string
	DocumentURL     *string
	DocumentTitle   string
	Language        string
	// Exact, Prefix and Suffix are the quote and up to the requested
	// context length of text on each side, cut from the document's text
	// when the citation is anchored, and as stored when it is not.
	Exact, Prefix, Suffix string
	// Start and End are code points into the document's text; nil when
	// the citation lost its anchor.
	Start, End *int
}

// citationExportList reads every citation with its stance, topic and
// document. For an anchored citation the quote and its context are cut
// from the body (substr counts code points, as the offsets do), so that
// they match the text exactly whatever was stored.
const citationExportList = `SELECT c.id, c.ordinal, st.id, t.slug, st.position, p.label_ja, p.label_en,
	st.summary_ja, st.summary_en, st.created_at, st.updated_at,
	d.id, d.slug, d.url, d.title, d.language,
	CASE WHEN c.anchored THEN substr(d.body, c.start_offset + 1, c.end_offset - c.start_offset) ELSE c.quote END,
	CASE WHEN c.anchored THEN substr(d.body, greatest(c.start_offset - $1, 0) + 1, c.start_offset - greatest(c.start_offset - $1, 0)) ELSE c.prefix END,
	CASE WHEN c.anchored THEN substr(d.body, c.end_offset + 1, $1) ELSE c.suffix END,
	c.start_offset, c.end_offset
FROM citations c
JOIN stances st ON st.id = c.stance_id
JOIN topics t ON t.id = st.topic_id
JOIN topic_positions p ON p.topic_id = st.topic_id AND p.slug = st.position
JOIN documents d ON d.id = st.document_id
ORDER BY d.published_on DESC NULLS LAST, d.slug, t.ordinal, c.ordinal`

// CitationExportList returns every citation in document order, then
// topic and citation order, with contextLen code points of text around
// each anchored quote.
func (s *Store) CitationExportList(ctx context.Context, contextLen int) ([]*CitationExport, error) {
	cs, err := collect(ctx, s.reads, citationExportList, func(c *CitationExport) []any {
		return []any{&c.CitationID, &c.Ordinal, &c.StanceID, &c.Topic, &c.Position, &c.PositionLabelJA, &c.PositionLabelEN,
			&c.SummaryJA, &c.SummaryEN, &c.Created, &c.Modified,
			&c.DocumentID, &c.DocumentSlug, &c.DocumentURL, &c.DocumentTitle, &c.Language,
			&c.Exact, &c.Prefix, &c.Suffix, &c.Start, &c.End}
	}, contextLen)
	if err != nil {
		return nil, fmt.Errorf("list citations for export: %w", err)
	}
	return cs, nil
}
