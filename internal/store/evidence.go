package store

import (
	"context"
	"fmt"
)

// Passage is a paragraph ranked for a topic or a search, with where its
// terms matched (code points into its text, start/end pairs).
type Passage struct {
	Paragraph Paragraph
	Score     float64
	Spans     []int32
}

func passageFields(p *Passage) []any {
	return append(paragraphFields(&p.Paragraph), &p.Score, &p.Spans)
}

// evidenceListByDocumentIDs fetches, per document, its paragraphs with the
// highest scores for a topic; ties go to the earlier paragraph.
const evidenceListByDocumentIDs = `SELECT x.document_id, ` + paragraphColumns + `, x.score, x.spans
FROM (
	SELECT p.id, p.document_id, pt.score::float8 AS score, pt.spans,
		row_number() OVER (PARTITION BY p.document_id ORDER BY pt.score DESC, p.ordinal) AS rank
	FROM paragraph_topics pt JOIN paragraphs p ON p.id = pt.paragraph_id
	WHERE pt.topic_id = $1 AND p.document_id = ANY($2) AND cardinality(pt.spans) > 0
) x JOIN paragraphs p ON p.id = x.id
WHERE x.rank > $3 AND x.rank <= $3 + $4
ORDER BY x.document_id, x.rank`

// EvidenceListByDocumentIDs returns, keyed by document, each document's
// paragraphs most about the topic, best first: limit of them after the
// first offset.
func (s *Store) EvidenceListByDocumentIDs(ctx context.Context, topicID int64, documentIDs []int64, offset, limit int) ([]Keyed[Passage], error) {
	ps, err := collectKeyed(ctx, s.reads, evidenceListByDocumentIDs, passageFields, topicID, documentIDs, offset, limit)
	if err != nil {
		return nil, fmt.Errorf("list evidence by document: %w", err)
	}
	return ps, nil
}

// evidenceListByAuthorIDs fetches, per author, the paragraphs of the
// author's documents with the highest scores for a topic.
const evidenceListByAuthorIDs = `SELECT x.author_id, ` + paragraphColumns + `, x.score, x.spans
FROM (
	SELECT p.id, da.author_id, pt.score::float8 AS score, pt.spans,
		row_number() OVER (PARTITION BY da.author_id ORDER BY pt.score DESC, p.document_id, p.ordinal) AS rank
	FROM document_authors da
	JOIN paragraphs p ON p.document_id = da.document_id
	JOIN paragraph_topics pt ON pt.paragraph_id = p.id AND pt.topic_id = $1 AND cardinality(pt.spans) > 0
	WHERE da.author_id = ANY($2)
) x JOIN paragraphs p ON p.id = x.id
WHERE x.rank > $3 AND x.rank <= $3 + $4
ORDER BY x.author_id, x.rank`

// EvidenceListByAuthorIDs returns, keyed by author, the paragraphs of the
// author's documents most about the topic, best first: limit of them
// after the first offset.
func (s *Store) EvidenceListByAuthorIDs(ctx context.Context, topicID int64, authorIDs []int64, offset, limit int) ([]Keyed[Passage], error) {
	ps, err := collectKeyed(ctx, s.reads, evidenceListByAuthorIDs, passageFields, topicID, authorIDs, offset, limit)
	if err != nil {
		return nil, fmt.Errorf("list evidence by author: %w", err)
	}
	return ps, nil
}
