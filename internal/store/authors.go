package store

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Author is a person credited on one or more documents.
type Author struct {
	ID          int64
	Name        string
	NameReading *string
	Affiliation *string
	Title       *string
	Specialty   *string
	Bio         *string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

const authorColumns = `a.id, a.name, a.name_reading, a.affiliation, a.title, a.specialty, a.bio, a.created_at, a.updated_at`

func authorFields(a *Author) []any {
	return []any{&a.ID, &a.Name, &a.NameReading, &a.Affiliation, &a.Title, &a.Specialty, &a.Bio, &a.CreatedAt, &a.UpdatedAt}
}

// AuthorNameKey is the key that identifies an author across documents: the
// name without whitespace, because sources differ in spacing a Japanese
// name (渡邊 武, 渡邊武, 渡邊　武).
func AuthorNameKey(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, name)
}

// AuthorCursor is the position after which a page of authors starts; the
// zero value is the start of the list.
type AuthorCursor struct {
	Name string
	ID   int64
}

// Cursor returns the author's position in author order.
func (a *Author) Cursor() AuthorCursor { return AuthorCursor{Name: a.Name, ID: a.ID} }

// authorList is one page of authors ordered by name, then id.
const authorList = `SELECT ` + authorColumns + ` FROM authors a
WHERE NOT $1::boolean OR (a.name, a.id) > ($2::text, $3::bigint)
ORDER BY a.name, a.id LIMIT $4`

// AuthorList returns up to limit authors after the cursor in author order.
func (s *Store) AuthorList(ctx context.Context, after AuthorCursor, limit int) ([]*Author, error) {
	authors, err := collect(ctx, s.reads, authorList, authorFields, after != AuthorCursor{}, after.Name, after.ID, limit)
	if err != nil {
		return nil, fmt.Errorf("list authors: %w", err)
	}
	return authors, nil
}

// authorCount counts all authors.
const authorCount = `SELECT count(*) FROM authors`

// AuthorCount returns the number of authors.
func (s *Store) AuthorCount(ctx context.Context) (int, error) {
	var n int
	if err := s.reads.QueryRow(ctx, authorCount).Scan(&n); err != nil {
		return 0, fmt.Errorf("count authors: %w", err)
	}
	return n, nil
}

// authorListByIDs fetches authors by id.
const authorListByIDs = `SELECT ` + authorColumns + ` FROM authors a WHERE a.id = ANY($1)`

// AuthorListByIDs returns the authors with the given ids; missing ids are
// absent from the result.
func (s *Store) AuthorListByIDs(ctx context.Context, ids []int64) ([]*Author, error) {
	authors, err := collect(ctx, s.reads, authorListByIDs, authorFields, ids)
	if err != nil {
		return nil, fmt.Errorf("list authors by id: %w", err)
	}
	return authors, nil
}

// authorListByDocumentIDs fetches the authors of documents in byline order.
const authorListByDocumentIDs = `SELECT da.document_id, ` + authorColumns + `
FROM document_authors da JOIN authors a ON a.id = da.author_id
WHERE da.document_id = ANY($1)
ORDER BY da.document_id, da.position`

// AuthorListByDocumentIDs returns the authors of the documents, keyed by
// document id, in byline order per document.
func (s *Store) AuthorListByDocumentIDs(ctx context.Context, documentIDs []int64) ([]Keyed[Author], error) {
	authors, err := collectKeyed(ctx, s.reads, authorListByDocumentIDs, authorFields, documentIDs)
	if err != nil {
		return nil, fmt.Errorf("list authors by document: %w", err)
	}
	return authors, nil
}
