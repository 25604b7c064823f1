package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// taxonomyFingerprintGet reads the fingerprint the stored scores were
// computed with; "" when none was recorded.
const taxonomyFingerprintGet = `SELECT fingerprint FROM taxonomy_state`

// taxonomyFingerprintSet records it.
const taxonomyFingerprintSet = `INSERT INTO taxonomy_state (fingerprint) VALUES ($1)
ON CONFLICT (singleton) DO UPDATE SET fingerprint = EXCLUDED.fingerprint`

// TaxonomyFingerprint returns the recorded fingerprint, or "".
func (s *Store) TaxonomyFingerprint(ctx context.Context) (string, error) {
	var fp string
	err := s.reads.QueryRow(ctx, taxonomyFingerprintGet).Scan(&fp)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read taxonomy fingerprint: %w", err)
	}
	return fp, nil
}

// SetTaxonomyFingerprint records the fingerprint of the taxonomy every
// stored score now follows.
func (s *Store) SetTaxonomyFingerprint(ctx context.Context, fp string) error {
	if _, err := s.pool.Exec(ctx, taxonomyFingerprintSet, fp); err != nil {
		return fmt.Errorf("record taxonomy fingerprint: %w", err)
	}
	return nil
}

// documentIDList lists every document id, in id order.
const documentIDList = `SELECT id FROM documents ORDER BY id`

// DocumentIDs returns every document id.
func (s *Store) DocumentIDs(ctx context.Context) ([]int64, error) {
	rows, err := s.reads.Query(ctx, documentIDList)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return ids, nil
}

// Outline is a stored document's structure as the tagger reads it: its
// sections and paragraphs, with their ids in reading order.
type Outline struct {
	DocumentID   int64
	Doc          *doc.Document // sections and paragraph texts only
	SectionIDs   []int64
	ParagraphIDs []int64
}

// DocumentOutline reads a stored document's sections and paragraphs.
func (s *Store) DocumentOutline(ctx context.Context, id int64) (*Outline, error) {
	secs, err := s.SectionListByDocumentIDs(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	secIDs := make([]int64, len(secs))
	for i, sec := range secs {
		secIDs[i] = sec.ID
	}
	paras, err := s.ParagraphListBySectionIDs(ctx, secIDs)
	if err != nil {
		return nil, err
	}
	o := &Outline{DocumentID: id, Doc: &doc.Document{}, SectionIDs: secIDs}
	index := map[int64]int{}
	for i, sec := range secs {
		index[sec.ID] = i
		o.Doc.Sections = append(o.Doc.Sections, doc.Section{Heading: sec.Heading, Level: sec.Level})
	}
	// Paragraphs come section by section in reading order.
	for _, p := range paras {
		sec := &o.Doc.Sections[index[p.SectionID]]
		sec.Paragraphs = append(sec.Paragraphs, doc.Paragraph{Text: p.Text})
		o.ParagraphIDs = append(o.ParagraphIDs, p.ID)
	}
	return o, nil
}

// scoresDelete removes a document's scores at every level.
const scoresDelete = `WITH
	p AS (DELETE FROM paragraph_topics WHERE paragraph_id IN (SELECT id FROM paragraphs WHERE document_id = $1)),
	s AS (DELETE FROM section_topics WHERE section_id IN (SELECT id FROM sections WHERE document_id = $1))
DELETE FROM document_topics WHERE document_id = $1`

// DocumentScoresReplace stores new scores for a stored document, in one
// transaction.
func (s *Store) DocumentScoresReplace(ctx context.Context, o *Outline, sc *tag.Scores) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, scoresDelete, o.DocumentID); err != nil {
			return fmt.Errorf("delete scores: %w", err)
		}
		return copyScores(ctx, tx, o.DocumentID, o.SectionIDs, o.ParagraphIDs, sc)
	})
	if err != nil {
		return fmt.Errorf("replace scores of document %d: %w", o.DocumentID, err)
	}
	return nil
}
