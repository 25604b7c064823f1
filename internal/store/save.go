package store

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// DocumentWrite is a parsed document ready to be stored under a slug.
type DocumentWrite struct {
	Slug string
	Doc  *doc.Document
	// Vectors are the search vectors of the paragraphs in reading order
	// (internal/search.Vector), sent to PostgreSQL in binary.
	Vectors []pgtype.TSVector
	// Scores are the document's topic scores; nil stores none. Scores for
	// topics the topics table does not hold are skipped.
	Scores *tag.Scores
	// Unchanged says the caller found the document stored with this
	// content hash and computed nothing: a save that still finds it so
	// writes nothing, and one that does not is refused rather than store
	// a document without its vectors and scores.
	Unchanged bool
	// UnchangedID is the stored document's id when Unchanged is set.
	UnchangedID int64
	// RefuseReplace refuses (CONFLICT) to replace a stored document whose
	// content differs: the caller must say it means to.
	RefuseReplace bool
	// AfterSave, when set, runs in the transaction of a document added or
	// replaced, before the commit (to record the write in the audit
	// log); an error rolls the document back.
	AfterSave func(ctx context.Context, tx pgx.Tx, res SaveResult) error
}

// SaveStatus says what DocumentSave did.
type SaveStatus string

// The outcomes of DocumentSave.
const (
	Added     SaveStatus = "added"
	Unchanged SaveStatus = "unchanged"
	Updated   SaveStatus = "updated"
)

// SaveResult is the outcome of storing one document.
type SaveResult struct {
	Status     SaveStatus
	DocumentID int64
	// Orphaned are the citations AfterReplace could not re-anchor.
	Orphaned []int64
}

// AfterReplaceFunc runs inside the transaction that replaced a document's
// content (status Updated), after the new sections, paragraphs and
// footnotes are in place and before the commit: the place to re-anchor the
// document's citations, whose paragraph_id the replacement set to NULL. It
// returns the citations it could not re-anchor. An error rolls the whole
// document back.
type AfterReplaceFunc func(ctx context.Context, tx pgx.Tx, documentID int64) (orphaned []int64, err error)

// DocumentSave stores a document whole or not at all, in one transaction.
// A document whose slug is stored with the same content hash is left
// untouched (Unchanged, nothing written); one with another hash has its
// content replaced in place and keeps its id (Updated). Two saves of the
// same slug run one after the other.
func (s *Store) DocumentSave(ctx context.Context, w DocumentWrite, afterReplace AfterReplaceFunc) (SaveResult, error) {
	p, err := DocumentPrepare(w)
	if err != nil {
		return SaveResult{}, err
	}
	return s.DocumentSavePrepared(ctx, p, afterReplace)
}

// DocumentSavePrepared is DocumentSave of a document DocumentPrepare made
// ready.
func (s *Store) DocumentSavePrepared(ctx context.Context, p *PreparedDocument, afterReplace AfterReplaceFunc) (SaveResult, error) {
	var res SaveResult
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		res, err = saveDocument(ctx, tx, p, afterReplace)
		if err == nil && res.Status == Unchanged {
			return errUnchanged // roll back: nothing to write
		}
		return err
	})
	if errors.Is(err, errUnchanged) {
		return res, nil
	}
	if err != nil {
		return SaveResult{}, fmt.Errorf("save %s: %w", p.w.Slug, err)
	}
	return res, nil
}

var errUnchanged = errors.New("unchanged")

// documentLock serializes the transactions that write one slug. The lock
// is taken before the document row exists, which a row lock cannot do.
const documentLock = `SELECT pg_advisory_xact_lock(hashtextextended('sourcecmp.document:' || $1, 0))`

// documentGetVersion finds the stored document a save replaces.
const documentGetVersion = `SELECT id, content_hash FROM documents WHERE slug = $1`

// documentGetSlugByHash finds another document with the same content.
const documentGetSlugByHash = `SELECT slug FROM documents WHERE content_hash = $1 AND slug <> $2`

func saveDocument(ctx context.Context, tx pgx.Tx, p *PreparedDocument, afterReplace AfterReplaceFunc) (SaveResult, error) {
	w := p.w
	// The setting, the lock and both lookups go in one round trip; the
	// lookups run after the lock is granted, as statements of the batch
	// in order.
	var b pgx.Batch
	b.Queue(toastCompression)
	b.Queue(documentLock, w.Slug)
	b.Queue(documentGetVersion, w.Slug)
	b.Queue(documentGetSlugByHash, w.Doc.ContentHash, w.Slug)
	br := tx.SendBatch(ctx, &b)
	var id int64
	var hash, other string
	_, toastErr := br.Exec()
	_, lockErr := br.Exec()
	versionErr := br.QueryRow().Scan(&id, &hash)
	otherErr := br.QueryRow().Scan(&other)
	closeErr := br.Close()
	switch {
	case toastErr != nil:
		return SaveResult{}, fmt.Errorf("set TOAST compression: %w", toastErr)
	case lockErr != nil:
		return SaveResult{}, fmt.Errorf("lock: %w", lockErr)
	case versionErr != nil && !errors.Is(versionErr, pgx.ErrNoRows):
		return SaveResult{}, fmt.Errorf("find stored version: %w", versionErr)
	case otherErr != nil && !errors.Is(otherErr, pgx.ErrNoRows):
		return SaveResult{}, fmt.Errorf("check content hash: %w", otherErr)
	case closeErr != nil:
		return SaveResult{}, fmt.Errorf("lock and find stored version: %w", closeErr)
	}
	exists := versionErr == nil
	if exists && hash == w.Doc.ContentHash {
		return SaveResult{Status: Unchanged, DocumentID: id}, nil
	}
	if w.Unchanged {
		return SaveResult{}, Errorf(EConflict, "%s changed while it was being ingested; ingest it again", w.Doc.SourceFile)
	}
	if exists && w.RefuseReplace {
		return SaveResult{}, Errorf(EConflict, "a document %q is stored already, with other content: say replace to replace it (its citations are then re-anchored, and those whose quotes are gone orphaned)", w.Slug)
	}
	if otherErr == nil {
		return SaveResult{}, Errorf(EConflict, "%s has the same content as document %q", w.Doc.SourceFile, other)
	}
	authorIDs, err := upsertAuthors(ctx, tx, w.Doc.Authors)
	if err != nil {
		return SaveResult{}, err
	}
	res := SaveResult{Status: Added}
	if exists {
		res = SaveResult{Status: Updated, DocumentID: id}
		if err := updateDocument(ctx, tx, id, w.Doc, p.lay.Body); err != nil {
			return SaveResult{}, err
		}
	} else if res.DocumentID, err = insertDocument(ctx, tx, w, p.lay.Body); err != nil {
		return SaveResult{}, err
	}
	if err := copyContent(ctx, tx, []*PreparedDocument{p}, []int64{res.DocumentID}, [][]int64{authorIDs}); err != nil {
		return SaveResult{}, err
	}
	if err := saveWorks(ctx, tx, res.DocumentID, p.works, res.Status == Updated); err != nil {
		return SaveResult{}, err
	}
	if res.Status == Updated && afterReplace != nil {
		if res.Orphaned, err = afterReplace(ctx, tx, res.DocumentID); err != nil {
			return SaveResult{}, fmt.Errorf("after replace: %w", err)
		}
	}
	if w.AfterSave != nil {
		if err := w.AfterSave(ctx, tx, res); err != nil {
			return SaveResult{}, err
		}
	}
	return res, nil
}

// authorUpsert inserts authors or, for a name key already stored, takes
// the newest name and every newly stated field.
const authorUpsert = `INSERT INTO authors (name, name_key, name_reading, affiliation, title, specialty, bio)
SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
ON CONFLICT (name_key) DO UPDATE SET
	name = EXCLUDED.name,
	name_reading = coalesce(EXCLUDED.name_reading, authors.name_reading),
	affiliation = coalesce(EXCLUDED.affiliation, authors.affiliation),
	title = coalesce(EXCLUDED.title, authors.title),
	specialty = coalesce(EXCLUDED.specialty, authors.specialty),
	bio = coalesce(EXCLUDED.bio, authors.bio),
	updated_at = now()
RETURNING name_key, id`

// upsertAuthors stores the byline's authors and returns their ids in
// byline order, without repeats.
func upsertAuthors(ctx context.Context, tx pgx.Tx, authors []doc.Author) ([]int64, error) {
	if len(authors) == 0 {
		return nil, nil
	}
	ids, err := upsertAuthorKeys(ctx, tx, bylineAuthors(authors))
	if err != nil {
		return nil, err
	}
	return bylineIDs(authors, ids), nil
}

// bylineAuthors are a byline's authors by name key: an author named twice
// in one byline is one author, under the first name, with every field
// stated.
func bylineAuthors(authors []doc.Author) map[string]doc.Author {
	byKey := map[string]doc.Author{}
	for _, a := range authors {
		k := AuthorNameKey(a.Name)
		first, dup := byKey[k]
		if !dup {
			byKey[k] = a
			continue
		}
		byKey[k] = withStated(first, a)
	}
	return byKey
}

// withStated is a with every field b states.
func withStated(a, b doc.Author) doc.Author {
	for _, f := range []struct{ into, from **string }{
		{&a.NameReading, &b.NameReading}, {&a.Affiliation, &b.Affiliation},
		{&a.Title, &b.Title}, {&a.Specialty, &b.Specialty}, {&a.Bio, &b.Bio},
	} {
		if *f.from != nil {
			*f.into = *f.from
		}
	}
	return a
}

// bylineIDs are the ids of a byline's authors in byline order, without
// repeats.
func bylineIDs(authors []doc.Author, ids map[string]int64) []int64 {
	var out []int64
	seen := map[string]bool{}
	for _, a := range authors {
		if k := AuthorNameKey(a.Name); !seen[k] {
			seen[k] = true
			out = append(out, ids[k])
		}
	}
	return out
}

// upsertAuthorKeys upserts the authors (authorUpsert) and returns their
// ids by name key.
func upsertAuthorKeys(ctx context.Context, tx pgx.Tx, byKey map[string]doc.Author) (map[string]int64, error) {
	ids := map[string]int64{}
	if len(byKey) == 0 {
		return ids, nil
	}
	// Sorted keys make concurrent ingests sharing authors lock their rows
	// in the same order, and one statement may not touch a key twice.
	sorted := slices.Sorted(maps.Keys(byKey))
	cols := make([][]*string, 6)
	for _, k := range sorted {
		a := byKey[k]
		for i, v := range []*string{&a.Name, a.NameReading, a.Affiliation, a.Title, a.Specialty, a.Bio} {
			cols[i] = append(cols[i], v)
		}
	}
	rows, err := tx.Query(ctx, authorUpsert, cols[0], sorted, cols[1], cols[2], cols[3], cols[4], cols[5])
	if err != nil {
		return nil, fmt.Errorf("upsert authors: %w", err)
	}
	var key string
	var id int64
	if _, err := pgx.ForEachRow(rows, []any{&key, &id}, func() error { ids[key] = id; return nil }); err != nil {
		return nil, fmt.Errorf("upsert authors: %w", err)
	}
	return ids, nil
}

// documentInsert stores a new document's row.
const documentInsert = `INSERT INTO documents (slug, source_file, content_hash, format, extraction, language,
	title, subtitle, publisher, url, series, series_number, published_on, updated_on, published_at,
	categories, keywords, warnings, removed, body)
VALUES (@slug, @source_file, @content_hash, @format, @extraction, @language,
	@title, @subtitle, @publisher, @url, @series, @series_number, @published_on::date, @updated_on::date, @published_at::timestamptz,
	@categories, @keywords, @warnings, @removed::jsonb, @body)
RETURNING id`

// documentUpdate replaces a stored document's row in place.
const documentUpdate = `UPDATE documents SET source_file = @source_file, content_hash = @content_hash,
	format = @format, extraction = @extraction, language = @language, title = @title, subtitle = @subtitle, publisher = @publisher, url = @url,
	series = @series, series_number = @series_number, published_on = @published_on::date,
	updated_on = @updated_on::date, published_at = @published_at::timestamptz,
	categories = @categories, keywords = @keywords, warnings = @warnings, removed = @removed::jsonb, body = @body,
	updated_at = now()
WHERE id = @id`

// documentDeleteContent removes everything ingest writes under a document,
// before its new content is copied in. Deleting sections cascades to
// paragraphs, their markers and topic scores; citations keep their row
// with paragraph_id set to NULL.
const documentDeleteContent = `WITH
	s AS (DELETE FROM sections WHERE document_id = $1),
	f AS (DELETE FROM footnotes WHERE document_id = $1),
	c AS (DELETE FROM captions WHERE document_id = $1),
	a AS (DELETE FROM document_authors WHERE document_id = $1),
	t AS (DELETE FROM document_topics WHERE document_id = $1)
SELECT 1`

func documentArgs(slug string, d *doc.Document, body string) pgx.NamedArgs {
	return pgx.NamedArgs{
		"slug": slug, "source_file": d.SourceFile, "content_hash": d.ContentHash,
		"format": d.Format, "extraction": nonEmpty(d.Extraction), "language": d.Language,
		"title": d.Title, "subtitle": d.Subtitle, "publisher": d.Publisher, "url": d.URL,
		"series": d.Series, "series_number": d.SeriesNumber,
		"published_on": d.PublishedOn, "updated_on": d.UpdatedOn, "published_at": d.PublishedAt,
		"categories": nonNil(d.Categories), "keywords": nonNil(d.Keywords), "warnings": nonNil(d.Warnings),
		"removed": removedLines(d.Removed),
		"body":    body,
	}
}

func insertDocument(ctx context.Context, tx pgx.Tx, w DocumentWrite, body string) (int64, error) {
	var id int64
	if err := tx.QueryRow(ctx, documentInsert, documentArgs(w.Slug, w.Doc, body)).Scan(&id); err != nil {
		return 0, fmt.Errorf("insert document: %w", err)
	}
	return id, nil
}

func updateDocument(ctx context.Context, tx pgx.Tx, id int64, d *doc.Document, body string) error {
	args := documentArgs("", d, body)
	args["id"] = id
	if _, err := tx.Exec(ctx, documentUpdate, args); err != nil {
		return fmt.Errorf("update document: %w", err)
	}
	if _, err := tx.Exec(ctx, documentDeleteContent, id); err != nil {
		return fmt.Errorf("delete old content: %w", err)
	}
	return nil
}

// removedLines is the JSON array stored for a document's removed lines.
func removedLines(r []doc.RemovedLine) []doc.RemovedLine {
	if r == nil {
		return []doc.RemovedLine{}
	}
	return r
}

// nonEmpty is nil for "", so that an unstated value is stored as NULL.
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// documentGetIDByHash finds the document stored under a slug with a
// content hash.
const documentGetIDByHash = `SELECT id FROM documents WHERE slug = $1 AND content_hash = $2`

// DocumentIDByHash returns the id of the document stored under slug with
// the content hash, or 0: ingest skips analysing and writing what it
// would not change. It asks the primary, never a replica that may lag
// behind a newer write.
func (s *Store) DocumentIDByHash(ctx context.Context, slug, hash string) (int64, error) {
	var id int64
	err := s.pool.QueryRow(ctx, documentGetIDByHash, slug, hash).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("check stored version of %s: %w", slug, err)
	}
	return id, nil
}

// DocumentKey is what decides that ingest leaves a stored document alone:
// its slug and the content hash it was stored with.
type DocumentKey struct{ Slug, ContentHash string }

// documentKeyList lists every stored document's key and id.
const documentKeyList = `SELECT slug, content_hash, id FROM documents`

// DocumentKeyList returns the id of every stored document by its key: for
// a large load, one query instead of a DocumentIDByHash per document. It
// reads the primary, as DocumentIDByHash does.
func (s *Store) DocumentKeyList(ctx context.Context) (map[DocumentKey]int64, error) {
	rows, err := s.pool.Query(ctx, documentKeyList)
	if err != nil {
		return nil, fmt.Errorf("list stored documents' hashes: %w", err)
	}
	ids := map[DocumentKey]int64{}
	var k DocumentKey
	var id int64
	if _, err := pgx.ForEachRow(rows, []any{&k.Slug, &k.ContentHash, &id}, func() error {
		ids[k] = id
		return nil
	}); err != nil {
		return nil, fmt.Errorf("list stored documents' hashes: %w", err)
	}
	return ids, nil
}
