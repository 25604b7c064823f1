package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// SaveOutcome is what storing one document of a batch did.
type SaveOutcome struct {
	SaveResult
	Err error
}

// errNotNew rolls a batch back when one of its documents is stored
// already, or its content is: those are saved one by one.
var errNotNew = errors.New("a document of the batch is not new")

// documentsLock takes the locks of documentLock for many slugs, in the
// order given (sorted: two batches never wait on each other in a cycle).
const documentsLock = `SELECT count(pg_advisory_xact_lock(hashtextextended('sourcecmp.document:' || s, 0)))
FROM unnest($1::text[]) AS s`

// documentAnyStored tells whether a slug or a content hash is stored.
const documentAnyStored = `SELECT EXISTS (SELECT 1 FROM documents WHERE slug = ANY($1) OR content_hash = ANY($2))`

// toastCompression compresses what a save TOASTs with lz4 where the
// server has it: a search vector (about 2 kB) is rarely smaller by pglz,
// the default, which spends its time trying; lz4 tries faster (inserting
// SF10's paragraphs took half the time) and shrinks most of them below the
// TOAST threshold, so they stay in the row. set_config(…, true) ends with the transaction; a server without
// lz4 keeps its setting.
const toastCompression = `SELECT set_config('default_toast_compression',
	CASE WHEN 'lz4' = ANY(enumvals) THEN 'lz4' ELSE setting END, true)
FROM pg_settings WHERE name = 'default_toast_compression'`

// DocumentSaveBatch stores documents as DocumentSavePrepared does, each
// whole or not at all, and returns their outcomes in order. New
// documents (the bulk of a load) go in one transaction: one lock, one
// author upsert, one COPY per table and one commit for all of them, about
// as many round trips (25) as one document alone takes. A batch
// holding a document that is stored already, or whose content is, or
// that fails, is rolled back and saved one document at a time, so that
// each gets its own status or error and no other document pays for it.
// Ids are taken in the order of docs, as saving them one after the other
// takes them, but for new authors': one upsert numbers them in name key
// order.
func (s *Store) DocumentSaveBatch(ctx context.Context, docs []*PreparedDocument, afterReplace AfterReplaceFunc) []SaveOutcome {
	out := make([]SaveOutcome, len(docs))
	if len(docs) > 1 && batchable(docs) {
		var ids []int64
		err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			var err error
			ids, err = saveNew(ctx, tx, docs)
			return err
		})
		if err == nil {
			for i, id := range ids {
				out[i].SaveResult = SaveResult{Status: Added, DocumentID: id}
			}
			return out
		}
	}
	for i, p := range docs {
		out[i].SaveResult, out[i].Err = s.DocumentSavePrepared(ctx, p, afterReplace)
	}
	return out
}

// batchable tells whether docs may go in one transaction: none is known
// unchanged, and no two share a slug or a content hash.
func batchable(docs []*PreparedDocument) bool {
	slugs, hashes := map[string]bool{}, map[string]bool{}
	for _, p := range docs {
		if p.w.Unchanged || slugs[p.w.Slug] || hashes[p.w.Doc.ContentHash] {
			return false
		}
		slugs[p.w.Slug], hashes[p.w.Doc.ContentHash] = true, true
	}
	return true
}

// saveNew stores documents none of which is stored, and returns their
// ids; errNotNew when one is.
func saveNew(ctx context.Context, tx pgx.Tx, docs []*PreparedDocument) ([]int64, error) {
	slugs, hashes := make([]string, len(docs)), make([]string, len(docs))
	for i, p := range docs {
		slugs[i], hashes[i] = p.w.Slug, p.w.Doc.ContentHash
	}
	sorted := slices.Sorted(slices.Values(slugs))
	var stored bool
	var b pgx.Batch
	b.Queue(toastCompression)
	b.Queue(documentsLock, sorted)
	b.Queue(documentAnyStored, slugs, hashes).QueryRow(func(row pgx.Row) error { return row.Scan(&stored) })
	if err := tx.SendBatch(ctx, &b).Close(); err != nil {
		return nil, fmt.Errorf("lock and look up: %w", err)
	}
	if stored {
		return nil, errNotNew
	}
	authorIDs, err := upsertBatchAuthors(ctx, tx, docs)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(docs))
	b = pgx.Batch{}
	for i, p := range docs {
		b.Queue(documentInsert, documentArgs(p.w.Slug, p.w.Doc, p.lay.Body)).QueryRow(func(row pgx.Row) error {
			return row.Scan(&ids[i])
		})
	}
	if err := tx.SendBatch(ctx, &b).Close(); err != nil {
		return nil, fmt.Errorf("insert documents: %w", err)
	}
	if err := copyContent(ctx, tx, docs, ids, authorIDs); err != nil {
		return nil, err
	}
	b = pgx.Batch{}
	for i, p := range docs {
		if p.works != nil {
			b.Queue(workUpsertLink, p.works.args(ids[i])...)
		}
	}
	if err := tx.SendBatch(ctx, &b).Close(); err != nil {
		return nil, fmt.Errorf("save works: %w", err)
	}
	for i, p := range docs {
		if p.w.AfterSave != nil {
			if err := p.w.AfterSave(ctx, tx, SaveResult{Status: Added, DocumentID: ids[i]}); err != nil {
				return nil, err
			}
		}
	}
	return ids, nil
}

// upsertBatchAuthors stores the bylines of every document in one
// statement (upsertAuthors of them all: a later document's name and
// stated fields win, as they would saved after the earlier one) and
// returns each document's author ids in byline order.
func upsertBatchAuthors(ctx context.Context, tx pgx.Tx, docs []*PreparedDocument) ([][]int64, error) {
	merged := map[string]doc.Author{}
	for _, p := range docs {
		for k, a := range bylineAuthors(p.w.Doc.Authors) {
			if before, ok := merged[k]; ok {
				name := a.Name // the later byline's, as authorUpsert keeps it
				a = withStated(before, a)
				a.Name = name
			}
			merged[k] = a
		}
	}
	ids, err := upsertAuthorKeys(ctx, tx, merged)
	if err != nil {
		return nil, err
	}
	out := make([][]int64, len(docs))
	for i, p := range docs {
		out[i] = bylineIDs(p.w.Doc.Authors, ids)
	}
	return out, nil
}
