package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// Document is a stored document's metadata. Its body is read on its own
// (DocumentTextListByIDs) because most queries do not ask for it.
type Document struct {
	ID           int64
	Slug         string
	SourceFile   string
	ContentHash  string
	Format       string // doc.FormatText, FormatPDF or FormatHTML
	Extraction   *string
	Language     string
	Title        *string
	Subtitle     *string
	Publisher    *string
	URL          *string
	Series       *string
	SeriesNumber *string
	PublishedOn  *time.Time
	UpdatedOn    *time.Time
	PublishedAt  *time.Time
	Categories   []string
	Warnings     []string
	// Removed are the source lines the parser left out, with the reason.
	Removed   []doc.RemovedLine
	Keywords  []string
	CreatedAt time.Time
	UpdatedAt time.Time
}

const documentColumns = `d.id, d.slug, d.source_file, d.content_hash, d.format, d.extraction, d.language,
	d.title, d.subtitle, d.publisher, d.url, d.series, d.series_number, d.published_on, d.updated_on,
	d.published_at, d.categories, d.keywords, d.warnings, d.removed, d.created_at, d.updated_at`

func documentFields(d *Document) []any {
	return []any{&d.ID, &d.Slug, &d.SourceFile, &d.ContentHash, &d.Format, &d.Extraction, &d.Language,
		&d.Title, &d.Subtitle, &d.Publisher, &d.URL, &d.Series, &d.SeriesNumber, &d.PublishedOn, &d.UpdatedOn,
		&d.PublishedAt, &d.Categories, &d.Keywords, &d.Warnings, &d.Removed, &d.CreatedAt, &d.UpdatedAt}
}

// DocumentCursor is the position after which a page of documents starts:
// the sort key of the last document of the previous page. The zero value
// is the start of the list. It is comparable, to serve as a loader key.
type DocumentCursor struct {
	PublishedOn string // YYYY-MM-DD, or "" for a document without a date
	Slug        string
}

// Cursor returns the document's position in document order.
func (d *Document) Cursor() DocumentCursor {
	c := DocumentCursor{Slug: d.Slug}
	if d.PublishedOn != nil {
		c.PublishedOn = d.PublishedOn.Format(time.DateOnly)
	}
	return c
}

// DocumentFilter narrows a document list; nil fields do not filter.
type DocumentFilter struct {
	AuthorID        *int64
	Topic           *string // topic slug; documents whose score for it is above zero
	PublishedAfter  *time.Time
	PublishedBefore *time.Time
	TitleContains   *string // case-insensitive substring
}

// DocumentListParams selects one page of documents.
type DocumentListParams struct {
	Filter DocumentFilter
	After  DocumentCursor // zero: from the first document
	Limit  int
	// Backward reads the rows before After instead (the last ones when
	// After is zero), nearest first (backward.go).
	Backward bool
}

// documentFilterWhere is the filter of DocumentList and DocumentCount
// (named arguments, see filterArgs).
const documentFilterWhere = `
	(@author_id::bigint IS NULL OR EXISTS (
		SELECT 1 FROM document_authors da WHERE da.document_id = d.id AND da.author_id = @author_id))
	AND (@topic::text IS NULL OR EXISTS (
		SELECT 1 FROM document_topics dt JOIN topics t ON t.id = dt.topic_id
		WHERE dt.document_id = d.id AND t.slug = @topic AND dt.score > 0))
	AND (@published_after::date IS NULL OR d.published_on >= @published_after)
	AND (@published_before::date IS NULL OR d.published_on <= @published_before)
	AND (@title_contains::text IS NULL OR strpos(lower(d.title), lower(@title_contains)) > 0)`

// documentAfter is the keyset condition "after the cursor" in the order
// published_on DESC NULLS LAST, slug (named arguments, see afterArgs).
const documentAfter = `
	(NOT @has_cursor::boolean
	 OR (@cursor_date::date IS NOT NULL
	     AND (d.published_on < @cursor_date OR (d.published_on = @cursor_date AND d.slug > @cursor_slug) OR d.published_on IS NULL))
	 OR (@cursor_date::date IS NULL AND d.published_on IS NULL AND d.slug > @cursor_slug))`

const documentOrder = `ORDER BY d.published_on DESC NULLS LAST, d.slug`

// documentList is one page of documents, newest first, then by slug.
const documentList = `SELECT ` + documentColumns + ` FROM documents d
WHERE ` + documentFilterWhere + ` AND ` + documentAfter + `
` + documentOrder + ` LIMIT @limit`

// documentCount counts the documents a filter selects.
const documentCount = `SELECT count(*) FROM documents d WHERE ` + documentFilterWhere

func filterArgs(f DocumentFilter) pgx.NamedArgs {
	return pgx.NamedArgs{
		"author_id":        f.AuthorID,
		"topic":            f.Topic,
		"published_after":  f.PublishedAfter,
		"published_before": f.PublishedBefore,
		"title_contains":   f.TitleContains,
	}
}

// afterArgs adds the cursor's arguments to args and returns it.
func afterArgs(args pgx.NamedArgs, c DocumentCursor) pgx.NamedArgs {
	var date *string
	if c.PublishedOn != "" {
		date = &c.PublishedOn
	}
	args["has_cursor"], args["cursor_date"], args["cursor_slug"] = c != DocumentCursor{}, date, c.Slug
	return args
}

// DocumentList returns one page of documents in document order.
func (s *Store) DocumentList(ctx context.Context, p DocumentListParams) ([]*Document, error) {
	args := afterArgs(filterArgs(p.Filter), p.After)
	args["limit"] = p.Limit
	sql := documentList
	if p.Backward {
		sql = documentListBackward
	}
	docs, err := collect(ctx, s.reads, sql, documentFields, args)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return docs, nil
}

// DocumentCount returns how many documents the filter selects.
func (s *Store) DocumentCount(ctx context.Context, f DocumentFilter) (int, error) {
	var n int
	if err := s.reads.QueryRow(ctx, documentCount, filterArgs(f)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return n, nil
}

// documentListByIDs fetches documents by id, in no particular order.
const documentListByIDs = `SELECT ` + documentColumns + ` FROM documents d WHERE d.id = ANY($1)`

// DocumentListByIDs returns the documents with the given ids; missing ids
// are absent from the result.
func (s *Store) DocumentListByIDs(ctx context.Context, ids []int64) ([]*Document, error) {
	docs, err := collect(ctx, s.reads, documentListByIDs, documentFields, ids)
	if err != nil {
		return nil, fmt.Errorf("list documents by id: %w", err)
	}
	return docs, nil
}

// documentGetBySlug fetches one document by slug.
const documentGetBySlug = `SELECT ` + documentColumns + ` FROM documents d WHERE d.slug = $1`

// DocumentGetBySlug returns the document with the slug, or a NOT_FOUND error.
func (s *Store) DocumentGetBySlug(ctx context.Context, slug string) (*Document, error) {
	var d Document
	if err := s.reads.QueryRow(ctx, documentGetBySlug, slug).Scan(documentFields(&d)...); err != nil {
		return nil, fmt.Errorf("get document by slug: %w", notFound(err, "document", fmt.Sprintf("%q", slug)))
	}
	return &d, nil
}

// documentTextListByIDs fetches document bodies.
const documentTextListByIDs = `SELECT d.id, d.body FROM documents d WHERE d.id = ANY($1)`

// DocumentTextListByIDs returns the bodies of the documents with the given
// ids, keyed by document id.
func (s *Store) DocumentTextListByIDs(ctx context.Context, ids []int64) ([]Keyed[string], error) {
	texts, err := collectKeyed(ctx, s.reads, documentTextListByIDs, func(t *string) []any { return []any{t} }, ids)
	if err != nil {
		return nil, fmt.Errorf("list document texts: %w", err)
	}
	return texts, nil
}

// documentListByAuthorIDs is one page of each author's documents in
// document order: the page limit applies per author.
const documentListByAuthorIDs = `SELECT a.author_id, ` + documentColumns + `
FROM unnest(@author_ids::bigint[]) AS a(author_id)
CROSS JOIN LATERAL (
	SELECT ` + documentColumns + ` FROM documents d JOIN document_authors da ON da.document_id = d.id
	WHERE da.author_id = a.author_id AND ` + documentAfter + `
	` + documentOrder + ` LIMIT @limit
) d
ORDER BY a.author_id, d.published_on DESC NULLS LAST, d.slug`

// DocumentListByAuthorIDs returns up to limit documents of each author
// after the cursor, keyed by author id, in document order per author; or,
// backward, those before it (the last ones without a cursor), nearest
// first.
func (s *Store) DocumentListByAuthorIDs(ctx context.Context, authorIDs []int64, cursor DocumentCursor, limit int, backward bool) ([]Keyed[Document], error) {
	sql := documentListByAuthorIDs
	if backward {
		sql = documentListByAuthorIDsBackward
	}
	args := afterArgs(pgx.NamedArgs{"author_ids": authorIDs, "limit": limit}, cursor)
	docs, err := collectKeyed(ctx, s.reads, sql, documentFields, args)
	if err != nil {
		return nil, fmt.Errorf("list documents by author: %w", err)
	}
	return docs, nil
}

// documentCountByAuthorIDs counts each author's documents.
const documentCountByAuthorIDs = `SELECT author_id, count(*) FROM document_authors
WHERE author_id = ANY($1) GROUP BY author_id`

// DocumentCountByAuthorIDs returns the number of documents of each author;
// authors without documents are absent.
func (s *Store) DocumentCountByAuthorIDs(ctx context.Context, authorIDs []int64) (map[int64]int, error) {
	out, err := s.countByKey(ctx, documentCountByAuthorIDs, authorIDs)
	if err != nil {
		return nil, fmt.Errorf("count documents by author: %w", err)
	}
	return out, nil
}

// documentExists tells whether any document is stored.
const documentExists = `SELECT EXISTS (SELECT 1 FROM documents)`

// DocumentExists reports whether the database holds any document.
func (s *Store) DocumentExists(ctx context.Context) (bool, error) {
	var ok bool
	if err := s.reads.QueryRow(ctx, documentExists).Scan(&ok); err != nil {
		return false, fmt.Errorf("check for documents: %w", err)
	}
	return ok, nil
}
