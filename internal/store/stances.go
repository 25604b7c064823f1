package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Stance is one document's position on one topic.
type Stance struct {
	ID         int64
	DocumentID int64
	TopicID    int64
	Position   string
	SummaryJA  string
	SummaryEN  *string
	Origin     string // "seed" or "api"
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Stance origins.
const (
	OriginSeed = "seed"
	OriginAPI  = "api"
)

const stanceColumns = `st.id, st.document_id, st.topic_id, st.position, st.summary_ja, st.summary_en, st.origin, st.created_at, st.updated_at`

func stanceFields(s *Stance) []any {
	return []any{&s.ID, &s.DocumentID, &s.TopicID, &s.Position, &s.SummaryJA, &s.SummaryEN, &s.Origin, &s.CreatedAt, &s.UpdatedAt}
}

// Citation is a verbatim quote of a document anchored in its text: Start
// and End are code points into the document body, nil once a changed text
// lost the quote (Anchored false).
type Citation struct {
	ID          int64
	StanceID    int64
	DocumentID  int64 // the stance's document
	Ordinal     int
	Quote       string
	Prefix      string
	Suffix      string
	Start       *int
	End         *int
	ParagraphID *int64
	Anchored    bool
}

// citationColumns read a citation joined to its stance (st).
const citationColumns = `c.id, c.stance_id, st.document_id, c.ordinal, c.quote, c.prefix, c.suffix, c.start_offset, c.end_offset, c.paragraph_id, c.anchored`

func citationFields(c *Citation) []any {
	return []any{&c.ID, &c.StanceID, &c.DocumentID, &c.Ordinal, &c.Quote, &c.Prefix, &c.Suffix, &c.Start, &c.End, &c.ParagraphID, &c.Anchored}
}

// Stance reads.
const (
	stanceListByIDs = `SELECT ` + stanceColumns + ` FROM stances st WHERE st.id = ANY($1)`
	// Stances of documents, in taxonomy order.
	stanceListByDocumentIDs = `SELECT ` + stanceColumns + ` FROM stances st JOIN topics t ON t.id = st.topic_id
WHERE st.document_id = ANY($1) ORDER BY st.document_id, t.ordinal`
	// Stances on topics, newest document first: $3 per topic after the
	// first $2. LATERAL … LIMIT stops each topic after its page instead of
	// numbering every stance of the topic.
	stanceListByTopicIDs = `SELECT ` + stanceColumns + `
FROM (SELECT DISTINCT unnest($1::bigint[]) AS topic_id) k
CROSS JOIN LATERAL (
	SELECT st.id, d.published_on, d.slug
	FROM stances st JOIN documents d ON d.id = st.document_id
	WHERE st.topic_id = k.topic_id
	ORDER BY d.published_on DESC NULLS LAST, d.slug
	OFFSET $2 LIMIT $3
) x JOIN stances st ON st.id = x.id
ORDER BY st.topic_id, x.published_on DESC NULLS LAST, x.slug`
	// Stances of the documents of authors, newest document first, on one
	// topic when $2 is not null.
	stanceListByAuthorIDs = `SELECT da.author_id, ` + stanceColumns + `
FROM document_authors da
JOIN documents d ON d.id = da.document_id
JOIN stances st ON st.document_id = da.document_id
JOIN topics t ON t.id = st.topic_id
WHERE da.author_id = ANY($1) AND ($2::bigint IS NULL OR st.topic_id = $2)
ORDER BY da.author_id, d.published_on DESC NULLS LAST, d.slug, t.ordinal`
	// Each document's stance on one topic.
	stanceListByTopicAndDocumentIDs = `SELECT ` + stanceColumns + ` FROM stances st
WHERE st.topic_id = $1 AND st.document_id = ANY($2)`
)

// StanceListByIDs returns the stances with the given ids.
func (s *Store) StanceListByIDs(ctx context.Context, ids []int64) ([]*Stance, error) {
	return s.stances(ctx, "by id", stanceListByIDs, ids)
}

// StanceListByDocumentIDs returns the documents' stances in taxonomy order.
func (s *Store) StanceListByDocumentIDs(ctx context.Context, ids []int64) ([]*Stance, error) {
	return s.stances(ctx, "by document", stanceListByDocumentIDs, ids)
}

// StanceListByTopicIDs returns the stances on each topic, newest document
// first: limit of them after the first offset.
func (s *Store) StanceListByTopicIDs(ctx context.Context, ids []int64, offset, limit int) ([]*Stance, error) {
	return s.stances(ctx, "by topic", stanceListByTopicIDs, ids, offset, limit)
}

// StanceListByTopicAndDocumentIDs returns each document's stance on the topic.
func (s *Store) StanceListByTopicAndDocumentIDs(ctx context.Context, topicID int64, documentIDs []int64) ([]*Stance, error) {
	return s.stances(ctx, "by topic and document", stanceListByTopicAndDocumentIDs, topicID, documentIDs)
}

func (s *Store) stances(ctx context.Context, how, sql string, args ...any) ([]*Stance, error) {
	st, err := collect(ctx, s.reads, sql, stanceFields, args...)
	if err != nil {
		return nil, fmt.Errorf("list stances %s: %w", how, err)
	}
	return st, nil
}

// StanceListByAuthorIDs returns the stances of the authors' documents,
// keyed by author, newest document first; topicID nil means every topic.
func (s *Store) StanceListByAuthorIDs(ctx context.Context, authorIDs []int64, topicID *int64) ([]Keyed[Stance], error) {
	st, err := collectKeyed(ctx, s.reads, stanceListByAuthorIDs, stanceFields, authorIDs, topicID)
	if err != nil {
		return nil, fmt.Errorf("list stances by author: %w", err)
	}
	return st, nil
}

// Citation reads.
const (
	citationListByIDs = `SELECT ` + citationColumns + ` FROM citations c JOIN stances st ON st.id = c.stance_id
WHERE c.id = ANY($1)`
	citationListByStanceIDs = `SELECT ` + citationColumns + ` FROM citations c JOIN stances st ON st.id = c.stance_id
WHERE c.stance_id = ANY($1) ORDER BY c.stance_id, c.ordinal`
)

// CitationListByIDs returns the citations with the given ids.
func (s *Store) CitationListByIDs(ctx context.Context, ids []int64) ([]*Citation, error) {
	cs, err := collect(ctx, s.reads, citationListByIDs, citationFields, ids)
	if err != nil {
		return nil, fmt.Errorf("list citations by id: %w", err)
	}
	return cs, nil
}

// CitationListByStanceIDs returns the stances' citations in order.
func (s *Store) CitationListByStanceIDs(ctx context.Context, ids []int64) ([]*Citation, error) {
	cs, err := collect(ctx, s.reads, citationListByStanceIDs, citationFields, ids)
	if err != nil {
		return nil, fmt.Errorf("list citations by stance: %w", err)
	}
	return cs, nil
}

// footnoteListByCitationIDs fetches the footnotes whose markers fall
// inside each quoted span. A marker at the span's end stood right after
// the quoted words and belongs to them; one at its start belongs to the
// text before.
const footnoteListByCitationIDs = `SELECT DISTINCT ON (c.id, f.ordinal) c.id, ` + footnoteColumns + `
FROM citations c
JOIN paragraphs p ON p.id = c.paragraph_id
JOIN footnote_refs r ON r.paragraph_id = p.id
JOIN footnotes f ON f.id = r.footnote_id
WHERE c.id = ANY($1) AND c.anchored
	AND p.start_offset + r."offset" > c.start_offset AND p.start_offset + r."offset" <= c.end_offset
ORDER BY c.id, f.ordinal`

// FootnoteListByCitationIDs returns, per citation, the footnotes cited
// inside the quote, in note order.
func (s *Store) FootnoteListByCitationIDs(ctx context.Context, ids []int64) ([]Keyed[Footnote], error) {
	fs, err := collectKeyed(ctx, s.reads, footnoteListByCitationIDs, footnoteFields, ids)
	if err != nil {
		return nil, fmt.Errorf("list footnotes by citation: %w", err)
	}
	return fs, nil
}

// StanceWrite is a stance to store, with its citations already anchored.
type StanceWrite struct {
	DocumentID int64
	TopicID    int64
	Position   string
	SummaryJA  string
	SummaryEN  *string
	Origin     string
	Citations  []CitationWrite
}

// CitationWrite is an anchored citation to store.
type CitationWrite struct {
	Quote, Prefix, Suffix string
	Start, End            int
	ParagraphID           int64
}

// InTx runs fn in a transaction: committed when fn returns nil, rolled
// back otherwise.
func (s *Store) InTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}

// stanceInsert stores a new stance; a document holds one stance per topic.
const stanceInsert = `INSERT INTO stances (document_id, topic_id, position, summary_ja, summary_en, origin)
VALUES ($1, $2, $3, $4, $5, $6) RETURNING ` + `id`

// stanceUpsertSeed stores a curated stance by (document, topic), keeping
// its id, and writes nothing when nothing changed. A stance clients made
// through the API is never overwritten (the WHERE leaves it alone).
const stanceUpsertSeed = `INSERT INTO stances (document_id, topic_id, position, summary_ja, summary_en, origin)
VALUES ($1, $2, $3, $4, $5, 'seed')
ON CONFLICT (document_id, topic_id) DO UPDATE SET position = EXCLUDED.position,
	summary_ja = EXCLUDED.summary_ja, summary_en = EXCLUDED.summary_en, updated_at = now()
WHERE stances.origin = 'seed' AND (stances.position, stances.summary_ja, stances.summary_en)
	IS DISTINCT FROM (EXCLUDED.position, EXCLUDED.summary_ja, EXCLUDED.summary_en)
RETURNING id, xmax = 0`

// stanceGetID finds a document's stance on a topic.
const stanceGetID = `SELECT id, origin FROM stances WHERE document_id = $1 AND topic_id = $2`

// citationUpsert stores a citation by (stance, ordinal), keeping its id.
const citationUpsert = `INSERT INTO citations (stance_id, ordinal, quote, prefix, suffix, start_offset, end_offset, paragraph_id, anchored)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)
ON CONFLICT (stance_id, ordinal) DO UPDATE SET quote = EXCLUDED.quote, prefix = EXCLUDED.prefix,
	suffix = EXCLUDED.suffix, start_offset = EXCLUDED.start_offset, end_offset = EXCLUDED.end_offset,
	paragraph_id = EXCLUDED.paragraph_id, anchored = true
WHERE (citations.quote, citations.prefix, citations.suffix, citations.start_offset, citations.end_offset,
	citations.paragraph_id, citations.anchored) IS DISTINCT FROM
	(EXCLUDED.quote, EXCLUDED.prefix, EXCLUDED.suffix, EXCLUDED.start_offset, EXCLUDED.end_offset,
	EXCLUDED.paragraph_id, true)
RETURNING id`

// citationDeleteFrom removes a stance's citations from an ordinal on.
const citationDeleteFrom = `DELETE FROM citations WHERE stance_id = $1 AND ordinal >= $2`

// StanceCreate stores a stance made through the API. A document already
// holding a stance on the topic is a CONFLICT.
func StanceCreate(ctx context.Context, tx pgx.Tx, w StanceWrite) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, stanceInsert, w.DocumentID, w.TopicID, w.Position, w.SummaryJA, w.SummaryEN, OriginAPI).Scan(&id)
	if isUniqueViolation(err) {
		return 0, Errorf(EConflict, "the document already has a stance on this topic; update it instead")
	}
	if err != nil {
		return 0, fmt.Errorf("insert stance: %w", err)
	}
	for i, c := range w.Citations {
		if _, err := upsertCitation(ctx, tx, id, i, c); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// SeedChange is what storing one curated stance changed.
type SeedChange struct {
	ID int64
	// Skipped: the document's stance on the topic was made through the
	// API, and seeds never touch it.
	Skipped bool
	// Created or Updated the stance's own fields; Citations counts the
	// citations written or deleted.
	Created, Updated bool
	Citations        int
}

// Changed reports whether anything was written.
func (c SeedChange) Changed() bool { return c.Created || c.Updated || c.Citations > 0 }

// StanceUpsertSeedTx stores a curated stance and replaces its citations,
// keeping ids when nothing changed, and says what it changed.
func StanceUpsertSeedTx(ctx context.Context, tx pgx.Tx, w StanceWrite) (SeedChange, error) {
	var c SeedChange
	var inserted bool
	err := tx.QueryRow(ctx, stanceUpsertSeed, w.DocumentID, w.TopicID, w.Position, w.SummaryJA, w.SummaryEN).Scan(&c.ID, &inserted)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
		// Unchanged, or an API stance: find out which.
		var origin string
		if err := tx.QueryRow(ctx, stanceGetID, w.DocumentID, w.TopicID).Scan(&c.ID, &origin); err != nil {
			return SeedChange{}, fmt.Errorf("find stance: %w", err)
		}
		if origin != OriginSeed {
			c.Skipped = true
			return c, nil
		}
	case err != nil:
		return SeedChange{}, fmt.Errorf("upsert stance: %w", err)
	default:
		c.Created, c.Updated = inserted, !inserted
	}
	for i, cw := range w.Citations {
		id, err := upsertCitation(ctx, tx, c.ID, i, cw)
		if err != nil {
			return SeedChange{}, err
		}
		if id != 0 {
			c.Citations++
		}
	}
	tag, err := tx.Exec(ctx, citationDeleteFrom, c.ID, len(w.Citations))
	if err != nil {
		return SeedChange{}, fmt.Errorf("delete dropped citations: %w", err)
	}
	c.Citations += int(tag.RowsAffected())
	return c, nil
}

func upsertCitation(ctx context.Context, tx pgx.Tx, stanceID int64, ordinal int, c CitationWrite) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, citationUpsert, stanceID, ordinal, c.Quote, c.Prefix, c.Suffix, c.Start, c.End, c.ParagraphID).Scan(&id)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) { // no rows: unchanged
		return 0, fmt.Errorf("store citation %d: %w", ordinal, err)
	}
	return id, nil
}

// stanceDeleteSeedMissing removes the curated stances of a document on
// topics its annotation file no longer lists.
const stanceDeleteSeedMissing = `DELETE FROM stances WHERE document_id = $1 AND origin = 'seed' AND NOT topic_id = ANY($2)
RETURNING id`

// StanceDeleteSeedMissingTx applies StanceDeleteSeedMissing and returns
// the ids of the stances it removed.
func StanceDeleteSeedMissingTx(ctx context.Context, tx pgx.Tx, documentID int64, keep []int64) ([]int64, error) {
	rows, err := tx.Query(ctx, stanceDeleteSeedMissing, documentID, keep)
	if err != nil {
		return nil, fmt.Errorf("delete dropped stances: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("delete dropped stances: %w", err)
	}
	return ids, nil
}

// stanceUpdate changes a stance's position and summaries; nil leaves a
// field as it is.
const stanceUpdate = `UPDATE stances SET position = coalesce($2, position), summary_ja = coalesce($3, summary_ja),
	summary_en = coalesce($4, summary_en), updated_at = now()
WHERE id = $1`

// StanceUpdateTx applies StanceUpdate.
func StanceUpdateTx(ctx context.Context, tx pgx.Tx, id int64, position, summaryJA, summaryEN *string) error {
	tag, err := tx.Exec(ctx, stanceUpdate, id, position, summaryJA, summaryEN)
	if isForeignKeyViolation(err) {
		return Errorf(EInvalid, "position %q is not declared for the stance's topic", deref(position))
	}
	if err != nil {
		return fmt.Errorf("update stance: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return Errorf(ENotFound, "stance not found")
	}
	return nil
}

// stanceDelete removes a stance and, by cascade, its citations.
const stanceDelete = `DELETE FROM stances WHERE id = $1`

// StanceDeleteTx applies StanceDelete; false when there was none.
func StanceDeleteTx(ctx context.Context, tx pgx.Tx, id int64) (bool, error) {
	tag, err := tx.Exec(ctx, stanceDelete, id)
	if err != nil {
		return false, fmt.Errorf("delete stance: %w", err)
	}
	return tag.RowsAffected() > 0, nil
}

// citationAppend adds a citation after a stance's last one.
const citationAppend = `INSERT INTO citations (stance_id, ordinal, quote, prefix, suffix, start_offset, end_offset, paragraph_id, anchored)
SELECT $1, coalesce(max(ordinal) + 1, 0), $2, $3, $4, $5, $6, $7, true FROM citations WHERE stance_id = $1
RETURNING id`

// CitationAppendTx applies CitationAppend after locking the stance, so
// that two appends do not pick the same ordinal.
func CitationAppendTx(ctx context.Context, tx pgx.Tx, stanceID int64, c CitationWrite) (int64, error) {
	if _, err := tx.Exec(ctx, `SELECT 1 FROM stances WHERE id = $1 FOR UPDATE`, stanceID); err != nil {
		return 0, fmt.Errorf("lock stance: %w", err)
	}
	var id int64
	if err := tx.QueryRow(ctx, citationAppend, stanceID, c.Quote, c.Prefix, c.Suffix, c.Start, c.End, c.ParagraphID).Scan(&id); err != nil {
		return 0, fmt.Errorf("add citation: %w", err)
	}
	return id, nil
}

// CitationCount counts a stance's citations.
const CitationCount = `SELECT count(*) FROM citations WHERE stance_id = $1`

// citationDelete removes one citation.
const citationDelete = `DELETE FROM citations WHERE id = $1`

// CitationDeleteTx applies CitationDelete; false when there was none.
func CitationDeleteTx(ctx context.Context, tx pgx.Tx, id int64) (bool, error) {
	tag, err := tx.Exec(ctx, citationDelete, id)
	if err != nil {
		return false, fmt.Errorf("remove citation: %w", err)
	}
	return tag.RowsAffected() > 0, nil
}

// citationListByDocument fetches every citation of a document's stances,
// for re-anchoring after its text changed.
const citationListByDocument = `SELECT ` + citationColumns + ` FROM citations c
JOIN stances st ON st.id = c.stance_id WHERE st.document_id = $1 ORDER BY c.id FOR UPDATE OF c`

// CitationListByDocumentTx applies CitationListByDocument.
func CitationListByDocumentTx(ctx context.Context, tx pgx.Tx, documentID int64) ([]*Citation, error) {
	cs, err := collect(ctx, tx, citationListByDocument, citationFields, documentID)
	if err != nil {
		return nil, fmt.Errorf("list citations of document: %w", err)
	}
	return cs, nil
}

// citationReanchor records where a citation's quote now stands, or that
// it is lost (start NULL, anchored false); the quote itself never changes.
const citationReanchor = `UPDATE citations SET start_offset = $2::int, end_offset = $3::int, paragraph_id = $4::bigint,
	prefix = coalesce($5::text, prefix), suffix = coalesce($6::text, suffix), anchored = $2::int IS NOT NULL
WHERE id = $1`

// CitationReanchorTx applies CitationReanchor; a nil start marks the
// citation unanchored and keeps its old context for a later attempt.
func CitationReanchorTx(ctx context.Context, tx pgx.Tx, id int64, start, end *int, paragraphID *int64, prefix, suffix *string) error {
	if _, err := tx.Exec(ctx, citationReanchor, id, start, end, paragraphID, prefix, suffix); err != nil {
		return fmt.Errorf("re-anchor citation %d: %w", id, err)
	}
	return nil
}

// ParagraphSpan is where a paragraph stands in its document's body.
type ParagraphSpan struct {
	ID         int64
	SectionID  int64
	Start, End int
}

// paragraphSpanListByDocument fetches a document's paragraph offsets.
const paragraphSpanListByDocument = `SELECT id, section_id, start_offset, end_offset FROM paragraphs
WHERE document_id = $1 ORDER BY ordinal`

// ParagraphSpanList returns a document's paragraph offsets in reading order.
func ParagraphSpanList(ctx context.Context, db DBTX, documentID int64) ([]*ParagraphSpan, error) {
	ps, err := collect(ctx, db, paragraphSpanListByDocument, func(p *ParagraphSpan) []any {
		return []any{&p.ID, &p.SectionID, &p.Start, &p.End}
	}, documentID)
	if err != nil {
		return nil, fmt.Errorf("list paragraph offsets: %w", err)
	}
	return ps, nil
}

// DocumentTextTx reads a document's body inside a transaction, with the
// content hash it was written with (in one statement, so the two agree).
func DocumentTextTx(ctx context.Context, tx pgx.Tx, documentID int64) (body, contentHash string, err error) {
	err = tx.QueryRow(ctx, `SELECT body, content_hash FROM documents WHERE id = $1`, documentID).Scan(&body, &contentHash)
	if err != nil {
		return "", "", notFound(err, "document", documentID)
	}
	return body, contentHash, nil
}

// Stance and document locks for curation: a mutation locks the stance row
// it changes, so that concurrent edits apply one after the other.
const stanceLock = `SELECT ` + stanceColumns + ` FROM stances st WHERE st.id = $1 FOR UPDATE`

// StanceLockTx locks and returns a stance.
func StanceLockTx(ctx context.Context, tx pgx.Tx, id int64) (*Stance, error) {
	st := &Stance{}
	if err := tx.QueryRow(ctx, stanceLock, id).Scan(stanceFields(st)...); err != nil {
		return nil, notFound(err, "stance", "")
	}
	return st, nil
}

// citationStanceLock locks the stance a citation belongs to and counts
// the stance's citations.
const citationStanceLock = `SELECT ` + stanceColumns + `, (SELECT count(*) FROM citations n WHERE n.stance_id = st.id)
FROM stances st JOIN citations c ON c.stance_id = st.id WHERE c.id = $1 FOR UPDATE OF st`

// CitationStanceLockTx locks and returns the stance of a citation, with
// how many citations it has.
func CitationStanceLockTx(ctx context.Context, tx pgx.Tx, citationID int64) (*Stance, int, error) {
	st := &Stance{}
	var n int
	if err := tx.QueryRow(ctx, citationStanceLock, citationID).Scan(append(stanceFields(st), &n)...); err != nil {
		return nil, 0, notFound(err, "citation", citationID)
	}
	return st, n, nil
}

func isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505"
}

func isForeignKeyViolation(err error) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23503"
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
