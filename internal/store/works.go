package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/biblio"
)

// Work is a book, article or page that footnotes cite: what its citations
// state about it (see biblio.Work), under the biblio key that makes one
// work of many citations. Optional fields are nil when no citation states
// them.
type Work struct {
	ID          int64
	Key         string
	Type        string // a CSL item type
	Title       string // empty for a page known only by its URL
	Authors     []string
	Translators []string
	Editors     []string
	Container   *string
	Publisher   *string
	Place       *string
	Year        *int
	Issued      *string // YYYY, YYYY-MM or YYYY-MM-DD
	Volume      *string
	Issue       *string
	URL         *string
	// CitedBy is the number of footnotes that cite the work.
	CitedBy int
}

const workColumns = `w.id, w.key, w.type, w.title, w.authors, w.translators, w.editors,
	w.container, w.publisher, w.place, w.year, w.issued, w.volume, w.issue, w.url`

// workCited counts the footnotes citing w, for reads that do not group.
const workCited = `(SELECT count(*) FROM footnote_works c WHERE c.work_id = w.id)`

func workFields(w *Work) []any {
	return []any{&w.ID, &w.Key, &w.Type, &w.Title, &w.Authors, &w.Translators, &w.Editors,
		&w.Container, &w.Publisher, &w.Place, &w.Year, &w.Issued, &w.Volume, &w.Issue, &w.URL, &w.CitedBy}
}

// Biblio returns the work as package biblio describes it (for CSL-JSON),
// under id.
func (w *Work) Biblio(id string) biblio.Work {
	s := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	year := 0
	if w.Year != nil {
		year = *w.Year
	}
	return biblio.Work{
		ID: id, Type: w.Type, Title: w.Title,
		Authors: w.Authors, Translators: w.Translators, Editors: w.Editors,
		Container: s(w.Container), Publisher: s(w.Publisher), Place: s(w.Place),
		Year: year, Issued: s(w.Issued), Volume: s(w.Volume), Issue: s(w.Issue), URL: s(w.URL),
	}
}

// WorkCitation is one footnote's citation of a work.
type WorkCitation struct {
	FootnoteID int64
	WorkID     int64
	Ordinal    int     // the work's place among the footnote's works, from 0
	Pages      *string // the pages the footnote cites, as written; nil when it names none
}

// CitedWork is a work as one footnote cites it.
type CitedWork struct {
	WorkCitation
	Work *Work
}

// CitingFootnote is a footnote that cites a work.
type CitingFootnote struct {
	WorkCitation
	Footnote *Footnote
}

func workCitationFields(c *WorkCitation) []any {
	return []any{&c.FootnoteID, &c.WorkID, &c.Ordinal, &c.Pages}
}

// WorkCursor is the position after which a page of works starts, in the
// order most cited first, then by id. The zero value is the start.
type WorkCursor struct {
	CitedBy int
	ID      int64
}

// Cursor returns the work's position in WorkList order.
func (w *Work) Cursor() WorkCursor { return WorkCursor{CitedBy: w.CitedBy, ID: w.ID} }

// WorkListParams selects one page of works.
type WorkListParams struct {
	After WorkCursor // zero: from the most cited work
	Limit int
	// Backward reads the works before After instead, nearest first.
	Backward bool
}

// workList is one page of the works some footnote cites, most cited
// first, then by id. A work no footnote cites any more (its documents
// changed) is left out.
const workList = `SELECT ` + workColumns + `, c.cited FROM (
	SELECT work_id, count(*) AS cited FROM footnote_works GROUP BY work_id
) c JOIN works w ON w.id = c.work_id
WHERE NOT @has_cursor::boolean OR c.cited < @cited OR (c.cited = @cited AND w.id > @id)
ORDER BY c.cited DESC, w.id
LIMIT @limit`

// WorkList returns one page of cited works, most cited first.
func (s *Store) WorkList(ctx context.Context, p WorkListParams) ([]*Work, error) {
	args := pgx.NamedArgs{"has_cursor": p.After != WorkCursor{}, "cited": p.After.CitedBy, "id": p.After.ID, "limit": p.Limit}
	sql := workList
	if p.Backward {
		sql = workListBackward
	}
	ws, err := collect(ctx, s.reads, sql, workFields, args)
	if err != nil {
		return nil, fmt.Errorf("list works: %w", err)
	}
	return ws, nil
}

// WorkListAll returns every cited work, most cited first: the export.
func (s *Store) WorkListAll(ctx context.Context) ([]*Work, error) {
	args := pgx.NamedArgs{"has_cursor": false, "cited": 0, "id": 0, "limit": nil}
	ws, err := collect(ctx, s.reads, workList, workFields, args)
	if err != nil {
		return nil, fmt.Errorf("list all works: %w", err)
	}
	return ws, nil
}

// workCount counts the works some footnote cites.
const workCount = `SELECT count(DISTINCT work_id) FROM footnote_works`

// WorkCount returns how many works WorkList pages through.
func (s *Store) WorkCount(ctx context.Context) (int, error) {
	var n int
	if err := s.reads.QueryRow(ctx, workCount).Scan(&n); err != nil {
		return 0, fmt.Errorf("count works: %w", err)
	}
	return n, nil
}

// workListByIDs fetches works by id.
const workListByIDs = `SELECT ` + workColumns + `, ` + workCited + ` FROM works w WHERE w.id = ANY($1)`

// WorkListByIDs returns the works with the given ids; missing ids are
// absent from the result.
func (s *Store) WorkListByIDs(ctx context.Context, ids []int64) ([]*Work, error) {
	ws, err := collect(ctx, s.reads, workListByIDs, workFields, ids)
	if err != nil {
		return nil, fmt.Errorf("list works by id: %w", err)
	}
	return ws, nil
}

// workListByFootnoteIDs fetches the works footnotes cite, in the order
// each footnote cites them.
const workListByFootnoteIDs = `SELECT fw.footnote_id, fw.work_id, fw.ordinal, fw.pages, ` + workColumns + `, ` + workCited + `
FROM footnote_works fw JOIN works w ON w.id = fw.work_id
WHERE fw.footnote_id = ANY($1)
ORDER BY fw.footnote_id, fw.ordinal`

// WorkListByFootnoteIDs returns the works each footnote cites, with the
// pages it cites, ordered by footnote id and then as the footnote cites
// them.
func (s *Store) WorkListByFootnoteIDs(ctx context.Context, footnoteIDs []int64) ([]*CitedWork, error) {
	ws, err := collect(ctx, s.reads, workListByFootnoteIDs, func(c *CitedWork) []any {
		c.Work = new(Work)
		return append(workCitationFields(&c.WorkCitation), workFields(c.Work)...)
	}, footnoteIDs)
	if err != nil {
		return nil, fmt.Errorf("list works by footnote: %w", err)
	}
	return ws, nil
}

// footnoteListByWorkIDs fetches the footnotes citing works, in document
// order and then footnote order.
const footnoteListByWorkIDs = `SELECT fw.footnote_id, fw.work_id, fw.ordinal, fw.pages, ` + footnoteColumns + `
FROM footnote_works fw
JOIN footnotes f ON f.id = fw.footnote_id
JOIN documents d ON d.id = f.document_id
WHERE fw.work_id = ANY($1)
ORDER BY fw.work_id, d.published_on DESC NULLS LAST, d.slug, f.ordinal`

// FootnoteListByWorkIDs returns the footnotes citing each work, with the
// pages each cites, ordered by work id and then by document (document
// order) and footnote.
func (s *Store) FootnoteListByWorkIDs(ctx context.Context, workIDs []int64) ([]*CitingFootnote, error) {
	fs, err := collect(ctx, s.reads, footnoteListByWorkIDs, func(c *CitingFootnote) []any {
		c.Footnote = new(Footnote)
		return append(workCitationFields(&c.WorkCitation), footnoteFields(c.Footnote)...)
	}, workIDs)
	if err != nil {
		return nil, fmt.Errorf("list footnotes by work: %w", err)
	}
	return fs, nil
}

// workUpsertLink stores a document's works and links its footnotes to
// them in one statement. A work already stored keeps what it states and
// takes only what it lacks, as biblio.Work.Merge does: a work cited in
// full once and in short form elsewhere keeps its fullest description. DO
// UPDATE (rather than DO NOTHING) returns the ids of stored works too, and
// locks them against WorkDeleteOrphans until the links are committed.
const workUpsertLink = `WITH w AS (
	INSERT INTO works AS o (key, type, title, authors, translators, editors,
		container, publisher, place, year, issued, volume, issue, url)
	SELECT key, type, coalesce(title, ''), coalesce(authors, '{}'), coalesce(translators, '{}'), coalesce(editors, '{}'),
		container, publisher, place, year, issued, volume, issue, url
	FROM jsonb_to_recordset($1::jsonb) AS r(key text, type text, title text, authors text[], translators text[],
		editors text[], container text, publisher text, place text, year int, issued text, volume text, issue text, url text)
	ORDER BY key -- every save locks shared works in one order: no deadlock
	ON CONFLICT (key) DO UPDATE SET
		title = CASE WHEN o.title = '' THEN EXCLUDED.title ELSE o.title END,
		authors = CASE WHEN cardinality(o.authors) = 0 THEN EXCLUDED.authors ELSE o.authors END,
		translators = CASE WHEN cardinality(o.translators) = 0 THEN EXCLUDED.translators ELSE o.translators END,
		editors = CASE WHEN cardinality(o.editors) = 0 THEN EXCLUDED.editors ELSE o.editors END,
		container = coalesce(o.container, EXCLUDED.container),
		publisher = coalesce(o.publisher, EXCLUDED.publisher),
		place = coalesce(o.place, EXCLUDED.place),
		volume = coalesce(o.volume, EXCLUDED.volume),
		issue = coalesce(o.issue, EXCLUDED.issue),
		url = coalesce(o.url, EXCLUDED.url),
		issued = CASE WHEN length(EXCLUDED.issued) > length(coalesce(o.issued, '')) AND (o.year IS NULL OR o.year = EXCLUDED.year)
			THEN EXCLUDED.issued ELSE o.issued END,
		year = CASE WHEN length(EXCLUDED.issued) > length(coalesce(o.issued, '')) AND (o.year IS NULL OR o.year = EXCLUDED.year)
			THEN EXCLUDED.year ELSE o.year END
	RETURNING o.id, o.key
)
INSERT INTO footnote_works (footnote_id, work_id, ordinal, pages)
SELECT f.id, w.id, l.ordinal, nullif(l.pages, '')
FROM unnest($3::int[], $4::text[], $5::int[], $6::text[]) AS l(footnote, key, ordinal, pages)
JOIN footnotes f ON f.document_id = $2 AND f.ordinal = l.footnote
JOIN w ON w.key = l.key`

// workLockOrphans locks the works no footnote cites. It skips the works
// another transaction has locked: that one is linking them right now.
const workLockOrphans = `SELECT w.id FROM works w
WHERE NOT EXISTS (SELECT 1 FROM footnote_works fw WHERE fw.work_id = w.id)
FOR UPDATE SKIP LOCKED`

// workDeleteOrphans deletes the locked works that are still uncited. It
// is a statement of its own so that it sees links committed while
// WorkLockOrphans waited for a row.
const workDeleteOrphans = `DELETE FROM works w WHERE w.id = ANY($1)
AND NOT EXISTS (SELECT 1 FROM footnote_works fw WHERE fw.work_id = w.id)`

// args are workUpsertLink's arguments for the document.
func (a *worksArgs) args(documentID int64) []any {
	return []any{a.works, documentID, a.footnote, a.key, a.ordinal, a.pages}
}

// saveWorks stores the works a document's footnotes cite and links the
// footnotes to them; it runs in the document's transaction, after its
// footnotes are in place. Re-ingesting a document deletes its footnotes,
// whose links go with them; when the document was replaced, the works no
// footnote cites any more are deleted too.
func saveWorks(ctx context.Context, tx pgx.Tx, documentID int64, works *worksArgs, replaced bool) error {
	if works != nil {
		if _, err := tx.Exec(ctx, workUpsertLink, works.args(documentID)...); err != nil {
			return fmt.Errorf("save works: %w", err)
		}
	}
	if !replaced {
		return nil // a new document cites more works, never fewer
	}
	rows, err := tx.Query(ctx, workLockOrphans)
	if err != nil {
		return fmt.Errorf("lock uncited works: %w", err)
	}
	orphans, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("lock uncited works: %w", err)
	}
	if len(orphans) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, workDeleteOrphans, orphans); err != nil {
		return fmt.Errorf("delete uncited works: %w", err)
	}
	return nil
}
