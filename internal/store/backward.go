package store

import (
	"context"
	"fmt"
)

// Backward pages (a connection's last and before) read the rows before a
// cursor, nearest first, with the order of their list reversed; the
// caller reverses the page. The rows before a cursor are those not after
// it, but for the cursor's own row: each order ends in a unique key.

// documentBefore is the keyset condition "before the cursor" in document
// order (named arguments, see afterArgs); documentAfter never yields NULL.
const documentBefore = `(NOT @has_cursor::boolean OR (NOT ` + documentAfter + ` AND d.slug <> @cursor_slug))`

const documentOrderBackward = `ORDER BY d.published_on ASC NULLS FIRST, d.slug DESC`

// DocumentListBackward is DocumentList before the cursor, nearest first.
const DocumentListBackward = `SELECT ` + documentColumns + ` FROM documents d
WHERE ` + documentFilterWhere + ` AND ` + documentBefore + `
` + documentOrderBackward + ` LIMIT @limit`

// DocumentListByAuthorIDsBackward is DocumentListByAuthorIDs before the
// cursor, nearest first per author.
const DocumentListByAuthorIDsBackward = `SELECT a.author_id, ` + documentColumns + `
FROM unnest(@author_ids::bigint[]) AS a(author_id)
CROSS JOIN LATERAL (
	SELECT ` + documentColumns + ` FROM documents d JOIN document_authors da ON da.document_id = d.id
	WHERE da.author_id = a.author_id AND ` + documentBefore + `
	` + documentOrderBackward + ` LIMIT @limit
) d
ORDER BY a.author_id, d.published_on ASC NULLS FIRST, d.slug DESC`

// AuthorListBackward is AuthorList before the cursor, nearest first.
const AuthorListBackward = `SELECT ` + authorColumns + ` FROM authors a
WHERE NOT $1::boolean OR (a.name, a.id) < ($2::text, $3::bigint)
ORDER BY a.name DESC, a.id DESC LIMIT $4`

// AuthorListBackward returns up to limit authors before the cursor (the
// last ones without a cursor), nearest first.
func (s *Store) AuthorListBackward(ctx context.Context, before AuthorCursor, limit int) ([]*Author, error) {
	authors, err := collect(ctx, s.reads, AuthorListBackward, authorFields, before != AuthorCursor{}, before.Name, before.ID, limit)
	if err != nil {
		return nil, fmt.Errorf("list authors backward: %w", err)
	}
	return authors, nil
}

// WorkListBackward is WorkList before the cursor, nearest first.
const WorkListBackward = `SELECT ` + workColumns + `, c.cited FROM (
	SELECT work_id, count(*) AS cited FROM footnote_works GROUP BY work_id
) c JOIN works w ON w.id = c.work_id
WHERE NOT @has_cursor::boolean OR c.cited > @cited OR (c.cited = @cited AND w.id < @id)
ORDER BY c.cited ASC, w.id DESC
LIMIT @limit`

// DocumentCountByTopicIDs counts, per topic, the documents whose score
// for it is above zero: the length of Topic.documents.
const DocumentCountByTopicIDs = `SELECT topic_id, count(*) FROM document_topics
WHERE topic_id = ANY($1) AND score > 0 GROUP BY topic_id`

// DocumentCountByTopicIDs returns the number of documents about each
// topic; topics without any are absent.
func (s *Store) DocumentCountByTopicIDs(ctx context.Context, topicIDs []int64) (map[int64]int, error) {
	out, err := s.countByKey(ctx, DocumentCountByTopicIDs, topicIDs)
	if err != nil {
		return nil, fmt.Errorf("count documents by topic: %w", err)
	}
	return out, nil
}

// countByKey runs a query of (key, count) rows for keys.
func (s *Store) countByKey(ctx context.Context, sql string, keys []int64) (map[int64]int, error) {
	rows, err := s.reads.Query(ctx, sql, keys)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[int64]int, len(keys))
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}
