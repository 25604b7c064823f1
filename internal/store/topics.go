package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// Topic is a subject of the taxonomy.
type Topic struct {
	ID            int64
	Slug          string
	Ordinal       int
	NameJA        string
	NameEN        *string
	DescriptionJA string
	DescriptionEN *string
	Terms         []string
}

const topicColumns = `t.id, t.slug, t.ordinal, t.name_ja, t.name_en, t.description_ja, t.description_en, t.terms`

func topicFields(t *Topic) []any {
	return []any{&t.ID, &t.Slug, &t.Ordinal, &t.NameJA, &t.NameEN, &t.DescriptionJA, &t.DescriptionEN, &t.Terms}
}

// Position is one of the positions a stance on a topic may take.
type Position struct {
	TopicID int64
	Slug    string
	Ordinal int
	LabelJA string
	LabelEN *string
}

func positionFields(p *Position) []any {
	return []any{&p.TopicID, &p.Slug, &p.Ordinal, &p.LabelJA, &p.LabelEN}
}

// topicList fetches the taxonomy in declaration order.
const topicList = `SELECT ` + topicColumns + ` FROM topics t ORDER BY t.ordinal, t.id`

// TopicList returns every topic in declaration order.
func (s *Store) TopicList(ctx context.Context) ([]*Topic, error) {
	ts, err := collect(ctx, s.reads, topicList, topicFields)
	if err != nil {
		return nil, fmt.Errorf("list topics: %w", err)
	}
	return ts, nil
}

// topicGetBySlug fetches one topic.
const topicGetBySlug = `SELECT ` + topicColumns + ` FROM topics t WHERE t.slug = $1`

// TopicGetBySlug returns the topic with the slug, or a NOT_FOUND error
// that lists no internals.
func (s *Store) TopicGetBySlug(ctx context.Context, slug string) (*Topic, error) {
	return topicBySlug(ctx, s.reads, slug)
}

func topicBySlug(ctx context.Context, db DBTX, slug string) (*Topic, error) {
	t := &Topic{}
	if err := db.QueryRow(ctx, topicGetBySlug, slug).Scan(topicFields(t)...); err != nil {
		return nil, notFound(err, "topic", fmt.Sprintf("%q", slug))
	}
	return t, nil
}

// positionListByTopicIDs fetches the positions of topics in order.
const positionListByTopicIDs = `SELECT topic_id, slug, ordinal, label_ja, label_en FROM topic_positions
WHERE topic_id = ANY($1) ORDER BY topic_id, ordinal`

// PositionListByTopicIDs returns the positions of the topics in order.
func (s *Store) PositionListByTopicIDs(ctx context.Context, topicIDs []int64) ([]*Position, error) {
	ps, err := collect(ctx, s.reads, positionListByTopicIDs, positionFields, topicIDs)
	if err != nil {
		return nil, fmt.Errorf("list positions: %w", err)
	}
	return ps, nil
}

// topicUpsert stores a topic of the taxonomy by slug.
const topicUpsert = `INSERT INTO topics (slug, ordinal, name_ja, name_en, description_ja, description_en, terms)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (slug) DO UPDATE SET ordinal = EXCLUDED.ordinal, name_ja = EXCLUDED.name_ja,
	name_en = EXCLUDED.name_en, description_ja = EXCLUDED.description_ja,
	description_en = EXCLUDED.description_en, terms = EXCLUDED.terms
RETURNING id`

// positionUpsert stores a position of a topic by slug.
const positionUpsert = `INSERT INTO topic_positions (topic_id, slug, ordinal, label_ja, label_en)
VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (topic_id, slug) DO UPDATE SET ordinal = EXCLUDED.ordinal,
	label_ja = EXCLUDED.label_ja, label_en = EXCLUDED.label_en`

// positionDeleteMissing removes the positions the taxonomy no longer
// declares for a topic.
const positionDeleteMissing = `DELETE FROM topic_positions WHERE topic_id = $1 AND NOT slug = ANY($2)`

// topicDeleteMissing removes the topics the taxonomy no longer declares;
// their scores go with them.
const topicDeleteMissing = `DELETE FROM topics WHERE NOT slug = ANY($1)`

// TopicSync makes the topics table hold exactly the taxonomy, in one
// transaction. A topic or position that stances still use cannot be
// removed: the error says which.
func (s *Store) TopicSync(ctx context.Context, tax *tag.Taxonomy) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var slugs []string
		for i, t := range tax.Topics {
			slugs = append(slugs, t.Slug)
			var id int64
			err := tx.QueryRow(ctx, topicUpsert, t.Slug, i, t.Name.JA, nilIfEmpty(t.Name.EN),
				t.Description.JA, nilIfEmpty(t.Description.EN), nonNil(t.Terms)).Scan(&id)
			if err != nil {
				return fmt.Errorf("topic %q: %w", t.Slug, err)
			}
			var positions []string
			for j, p := range t.Positions {
				positions = append(positions, p.Slug)
				if _, err := tx.Exec(ctx, positionUpsert, id, p.Slug, j, p.Label.JA, nilIfEmpty(p.Label.EN)); err != nil {
					return fmt.Errorf("topic %q: position %q: %w", t.Slug, p.Slug, err)
				}
			}
			if _, err := tx.Exec(ctx, positionDeleteMissing, id, nonNil(positions)); err != nil {
				return fmt.Errorf("topic %q: %w", t.Slug, inUse(err, "a removed position"))
			}
		}
		if _, err := tx.Exec(ctx, topicDeleteMissing, nonNil(slugs)); err != nil {
			return inUse(err, "a removed topic")
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("sync topics: %w", err)
	}
	return nil
}

// inUse explains a foreign-key violation: stances still use what the
// taxonomy dropped.
func inUse(err error, what string) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23503" {
		return Errorf(EConflict, "%s is still used by stances; keep it in the taxonomy or delete the stances first (%s)", what, pgErr.Detail)
	}
	return err
}

func nilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// TopicScore is how strongly a document, section or paragraph (the owner)
// is about a topic.
type TopicScore struct {
	OwnerID      int64
	TopicID      int64
	Score        float64
	MatchedTerms []string
}

func scoreFields(s *TopicScore) []any {
	return []any{&s.OwnerID, &s.TopicID, &s.Score, &s.MatchedTerms}
}

// Score lists by owner, highest first; each query reads one level.
const (
	scoreListByDocumentIDs = `SELECT document_id, topic_id, score::float8, matched_terms FROM document_topics
WHERE document_id = ANY($1) ORDER BY document_id, score DESC, topic_id`
	scoreListBySectionIDs = `SELECT section_id, topic_id, score::float8, matched_terms FROM section_topics
WHERE section_id = ANY($1) ORDER BY section_id, score DESC, topic_id`
	scoreListByParagraphIDs = `SELECT paragraph_id, topic_id, score::float8, matched_terms FROM paragraph_topics
WHERE paragraph_id = ANY($1) ORDER BY paragraph_id, score DESC, topic_id`
)

// ScoreListByDocumentIDs returns the documents' topic scores, highest first.
func (s *Store) ScoreListByDocumentIDs(ctx context.Context, ids []int64) ([]*TopicScore, error) {
	return s.scores(ctx, scoreListByDocumentIDs, "document", ids)
}

// ScoreListBySectionIDs returns the sections' topic scores, highest first.
func (s *Store) ScoreListBySectionIDs(ctx context.Context, ids []int64) ([]*TopicScore, error) {
	return s.scores(ctx, scoreListBySectionIDs, "section", ids)
}

// ScoreListByParagraphIDs returns the paragraphs' topic scores, highest first.
func (s *Store) ScoreListByParagraphIDs(ctx context.Context, ids []int64) ([]*TopicScore, error) {
	return s.scores(ctx, scoreListByParagraphIDs, "paragraph", ids)
}

func (s *Store) scores(ctx context.Context, sql, level string, ids []int64) ([]*TopicScore, error) {
	sc, err := collect(ctx, s.reads, sql, scoreFields, ids)
	if err != nil {
		return nil, fmt.Errorf("list %s topic scores: %w", level, err)
	}
	return sc, nil
}

// Coverage is the share of a document's text about a topic.
type Coverage struct {
	DocumentID int64
	TopicID    int64
	Coverage   float64
}

// coverageList fetches the coverage of documents for one topic.
const coverageList = `SELECT document_id, topic_id, coverage::float8 FROM document_topics
WHERE topic_id = $1 AND document_id = ANY($2)`

// CoverageList returns the coverage of the documents for the topic; a
// document without a row there does not touch the topic.
func (s *Store) CoverageList(ctx context.Context, topicID int64, documentIDs []int64) ([]*Coverage, error) {
	cs, err := collect(ctx, s.reads, coverageList, func(c *Coverage) []any {
		return []any{&c.DocumentID, &c.TopicID, &c.Coverage}
	}, topicID, documentIDs)
	if err != nil {
		return nil, fmt.Errorf("list coverage: %w", err)
	}
	return cs, nil
}

// documentListByTopic fetches, per topic, the documents most about it:
// each topic's page read in order from document_topics_topic_id_score_idx
// and cut by LIMIT, not every row of the topic numbered.
const documentListByTopic = `SELECT x.topic_id, ` + documentColumns + `
FROM (SELECT DISTINCT unnest($1::bigint[]) AS topic_id) k
CROSS JOIN LATERAL (
	SELECT dt.topic_id, dt.document_id, dt.score
	FROM document_topics dt
	WHERE dt.topic_id = k.topic_id AND dt.score > 0
	ORDER BY dt.score DESC, dt.document_id
	OFFSET $2 LIMIT $3
) x JOIN documents d ON d.id = x.document_id
ORDER BY x.topic_id, x.score DESC, x.document_id`

// DocumentListByTopicIDs returns, per topic, the documents most about it,
// highest score first: limit of them after the first offset.
func (s *Store) DocumentListByTopicIDs(ctx context.Context, topicIDs []int64, offset, limit int) ([]Keyed[Document], error) {
	ds, err := collectKeyed(ctx, s.reads, documentListByTopic, documentFields, topicIDs, offset, limit)
	if err != nil {
		return nil, fmt.Errorf("list documents by topic: %w", err)
	}
	return ds, nil
}

// topicPositionList fetches a topic's id and its position slugs.
const topicPositionList = `SELECT t.id, p.slug FROM topics t
LEFT JOIN topic_positions p ON p.topic_id = t.id WHERE t.slug = $1 ORDER BY p.ordinal`

// TopicPositionsTx returns the topic's id and position slugs; an unknown
// topic is INVALID_ARGUMENT, as clients name topics by slug.
func TopicPositionsTx(ctx context.Context, tx pgx.Tx, slug string) (int64, []string, error) {
	rows, err := tx.Query(ctx, topicPositionList, slug)
	if err != nil {
		return 0, nil, fmt.Errorf("look up topic: %w", err)
	}
	var topicID int64
	var positions []string
	var position *string
	if _, err := pgx.ForEachRow(rows, []any{&topicID, &position}, func() error {
		if position != nil {
			positions = append(positions, *position)
		}
		return nil
	}); err != nil {
		return 0, nil, fmt.Errorf("look up topic: %w", err)
	}
	if topicID == 0 {
		return 0, nil, Errorf(EInvalid, "unknown topic %q", slug)
	}
	return topicID, positions, nil
}
