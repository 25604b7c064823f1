package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// DocumentOverrideGetBySlug reads the stored metadata correction of the
// document under a slug.
const DocumentOverrideGetBySlug = `SELECT o.metadata FROM document_metadata_overrides o
JOIN documents d ON d.id = o.document_id WHERE d.slug = $1`

// DocumentOverrideBySlug returns the metadata correction stored for the
// document under slug, or nil when there is none: ingest applies it over
// the parse, so an editor's correction survives a re-ingest.
func (s *Store) DocumentOverrideBySlug(ctx context.Context, slug string) (*doc.MetadataOverride, error) {
	var raw []byte
	err := s.reads.QueryRow(ctx, DocumentOverrideGetBySlug, slug).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read metadata correction of %s: %w", slug, err)
	}
	var o doc.MetadataOverride
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, fmt.Errorf("read metadata correction of %s: %w", slug, err)
	}
	return &o, nil
}

// DocumentOverrideLock reads a document's correction for update; the
// document row is locked too, so that an ingest of it waits.
const DocumentOverrideLock = `SELECT d.slug, d.title, d.published_on::text, d.warnings, o.metadata
FROM documents d LEFT JOIN document_metadata_overrides o ON o.document_id = d.id
WHERE d.id = $1 FOR UPDATE OF d`

// DocumentOverrideUpsert stores a document's merged correction.
const DocumentOverrideUpsert = `INSERT INTO document_metadata_overrides (document_id, metadata, updated_by)
VALUES ($1, $2, $3)
ON CONFLICT (document_id) DO UPDATE SET metadata = EXCLUDED.metadata,
	updated_by = EXCLUDED.updated_by, updated_at = now()`

// DocumentMetadataSet writes the corrected fields into the document row;
// a NULL parameter keeps the stored value, a field named in $11 (the
// fields the correction clears) becomes NULL.
const DocumentMetadataSet = `UPDATE documents SET
	title = CASE WHEN 'title' = ANY($11) THEN NULL ELSE coalesce($2, title) END,
	subtitle = CASE WHEN 'subtitle' = ANY($11) THEN NULL ELSE coalesce($3, subtitle) END,
	series = CASE WHEN 'series' = ANY($11) THEN NULL ELSE coalesce($4, series) END,
	series_number = CASE WHEN 'seriesNumber' = ANY($11) THEN NULL ELSE coalesce($5, series_number) END,
	published_on = CASE WHEN 'publishedOn' = ANY($11) THEN NULL ELSE coalesce($6::date, published_on) END,
	published_at = CASE WHEN 'publishedOn' = ANY($11)
		OR $6::date IS NOT NULL AND $6::date IS DISTINCT FROM published_on THEN NULL ELSE published_at END,
	updated_on = CASE WHEN 'updatedOn' = ANY($11) THEN NULL ELSE coalesce($7::date, updated_on) END,
	publisher = coalesce($8, publisher), url = coalesce($9, url),
	warnings = $10, updated_at = now()
WHERE id = $1`

// DocumentAuthorsDelete clears a document's byline before it is rewritten.
const DocumentAuthorsDelete = `DELETE FROM document_authors WHERE document_id = $1`

// DocumentAuthorsInsert writes a document's byline in order.
const DocumentAuthorsInsert = `INSERT INTO document_authors (document_id, author_id, position)
SELECT $1, a, p - 1 FROM unnest($2::bigint[]) WITH ORDINALITY AS t(a, p)`

// DocumentMetadataUpdateTx corrects the metadata of document id in tx: it
// merges o into the stored correction (recorded as set by who), writes
// the fields into the document row (emptying those o clears) and, when o
// names or clears authors, replaces the byline. The stored correction is applied again on every re-ingest.
func DocumentMetadataUpdateTx(ctx context.Context, tx pgx.Tx, id int64, o doc.MetadataOverride, who string) error {
	var slug string
	var title, published *string
	var warnings []string
	var raw []byte
	err := tx.QueryRow(ctx, DocumentOverrideLock, id).Scan(&slug, &title, &published, &warnings, &raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return Errorf(ENotFound, "document %d not found", id)
	}
	if err != nil {
		return fmt.Errorf("correct metadata of document %d: %w", id, err)
	}
	var stored doc.MetadataOverride
	if raw != nil {
		if err := json.Unmarshal(raw, &stored); err != nil {
			return fmt.Errorf("correct metadata of %s: stored correction: %w", slug, err)
		}
	}
	merged, err := json.Marshal(stored.Merge(o))
	if err != nil {
		return fmt.Errorf("correct metadata of %s: %w", slug, err)
	}
	if _, err := tx.Exec(ctx, DocumentOverrideUpsert, id, merged, who); err != nil {
		return fmt.Errorf("correct metadata of %s: store correction: %w", slug, err)
	}
	// The warnings the correction answers go, as they do on re-ingest.
	answered := doc.Document{Title: title, PublishedOn: published, Warnings: warnings}
	o.Apply(&answered)
	if _, err := tx.Exec(ctx, DocumentMetadataSet, id, o.Title, o.Subtitle, o.Series, o.SeriesNumber,
		o.PublishedOn, o.UpdatedOn, o.Publisher, o.URL, nonNil(answered.Warnings), nonNil(o.Clear)); err != nil {
		return fmt.Errorf("correct metadata of %s: %w", slug, err)
	}
	if o.Clears("authors") {
		if _, err := tx.Exec(ctx, DocumentAuthorsDelete, id); err != nil {
			return fmt.Errorf("correct metadata of %s: clear authors: %w", slug, err)
		}
		return nil
	}
	if o.Authors == nil {
		return nil
	}
	ids, err := upsertAuthors(ctx, tx, o.Authors)
	if err != nil {
		return fmt.Errorf("correct metadata of %s: %w", slug, err)
	}
	if _, err := tx.Exec(ctx, DocumentAuthorsDelete, id); err != nil {
		return fmt.Errorf("correct metadata of %s: clear authors: %w", slug, err)
	}
	if _, err := tx.Exec(ctx, DocumentAuthorsInsert, id, ids); err != nil {
		return fmt.Errorf("correct metadata of %s: write authors: %w", slug, err)
	}
	return nil
}
