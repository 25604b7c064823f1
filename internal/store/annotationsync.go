package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// AnnotationSync is what the last sync of a document's annotation file
// stored, as it reports it.
type AnnotationSync struct {
	Stances int      // curated stances stored for the document
	Skipped []string // topics of the file whose stance was made through the API
}

// annotationSyncListFresh finds, among (slug, file hash) pairs, the
// documents whose last sync had that file, the document's present text
// and its present stances: a sync of them again would write nothing.
const annotationSyncListFresh = `SELECT f.i, s.stances, s.skipped
FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS f (slug, file_hash, i)
JOIN documents d ON d.slug = f.slug
JOIN annotation_syncs s ON s.document_id = d.id
WHERE s.file_hash = f.file_hash AND s.content_hash = d.content_hash
	AND s.stance_ids = ARRAY(SELECT st.id FROM stances st WHERE st.document_id = d.id ORDER BY st.id)`

// AnnotationSyncListFresh returns, for the annotation file of document
// slugs[i] hashing to fileHashes[i], the last sync of that document if it
// had the same file and the document's text and stances have not changed
// since; nil otherwise. It reads the primary: a sync writes there.
func (s *Store) AnnotationSyncListFresh(ctx context.Context, slugs []string, fileHashes [][]byte) ([]*AnnotationSync, error) {
	rows, err := s.pool.Query(ctx, annotationSyncListFresh, slugs, fileHashes)
	if err != nil {
		return nil, fmt.Errorf("list fresh annotation syncs: %w", err)
	}
	fresh := make([]*AnnotationSync, len(slugs))
	var i int
	var a AnnotationSync
	_, err = pgx.ForEachRow(rows, []any{&i, &a.Stances, &a.Skipped}, func() error {
		fresh[i-1] = &AnnotationSync{Stances: a.Stances, Skipped: a.Skipped}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list fresh annotation syncs: %w", err)
	}
	return fresh, nil
}

// annotationSyncUpsert records a document's sync with the stances it
// left, read in the sync's transaction.
const annotationSyncUpsert = `INSERT INTO annotation_syncs (document_id, file_hash, content_hash, stance_ids, stances, skipped)
VALUES ($1, $2, $3, ARRAY(SELECT id FROM stances WHERE document_id = $1 ORDER BY id), $4, $5)
ON CONFLICT (document_id) DO UPDATE SET file_hash = EXCLUDED.file_hash, content_hash = EXCLUDED.content_hash,
	stance_ids = EXCLUDED.stance_ids, stances = EXCLUDED.stances, skipped = EXCLUDED.skipped, synced_at = now()`

// AnnotationSyncRecordTx records, in the sync's transaction, that the
// annotation file hashing to fileHash was verified against the document's
// text of contentHash and left a.
func AnnotationSyncRecordTx(ctx context.Context, tx pgx.Tx, documentID int64, fileHash []byte, contentHash string, a AnnotationSync) error {
	skipped := a.Skipped
	if skipped == nil {
		skipped = []string{}
	}
	if _, err := tx.Exec(ctx, annotationSyncUpsert, documentID, fileHash, contentHash, a.Stances, skipped); err != nil {
		return fmt.Errorf("record annotation sync of document %d: %w", documentID, err)
	}
	return nil
}
