package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// SearchParams is one page of a full-text search over paragraphs. Query
// is a tsquery in text form (internal/search.Query); TopicID and
// DocumentID narrow the search when set.
type SearchParams struct {
	Query      string
	TopicID    *int64
	DocumentID *int64
	After      *SearchCursor
	Limit      int
	// Backward reads the hits before After instead, nearest first.
	Backward bool
}

// SearchCursor is the last hit of a page: results are ordered by rank,
// highest first, then by paragraph id.
type SearchCursor struct {
	Rank        float32
	ParagraphID int64
}

// SearchHit is a paragraph that matched, with its rank.
type SearchHit struct {
	Paragraph Paragraph
	Rank      float32
}

// searchWhere is the filter both the page and the count use.
const searchWhere = `p.search @@ @q::tsquery
	AND (@document::bigint IS NULL OR p.document_id = @document)
	AND (@topic::bigint IS NULL OR EXISTS (
		SELECT 1 FROM paragraph_topics pt WHERE pt.paragraph_id = p.id AND pt.topic_id = @topic))`

// SearchList fetches a page of matching paragraphs, best first. ts_rank
// is computed once per match in the inner query, then the keyset cursor
// and the order apply to it.
const SearchList = `SELECT ` + paragraphColumns + `, h.rank FROM (
	SELECT p.id, ts_rank(p.search, @q::tsquery) AS rank
	FROM paragraphs p WHERE ` + searchWhere + `
) h JOIN paragraphs p ON p.id = h.id
WHERE @after_id::bigint IS NULL OR h.rank < @after_rank::real OR (h.rank = @after_rank::real AND h.id > @after_id)
ORDER BY h.rank DESC, h.id
LIMIT @limit`

// SearchCount counts every match.
const SearchCount = `SELECT count(*) FROM paragraphs p WHERE ` + searchWhere

func searchArgs(p SearchParams) pgx.NamedArgs {
	args := pgx.NamedArgs{"q": p.Query, "document": p.DocumentID, "topic": p.TopicID, "limit": p.Limit,
		"after_id": nil, "after_rank": nil}
	if p.After != nil {
		args["after_id"], args["after_rank"] = p.After.ParagraphID, p.After.Rank
	}
	return args
}

// SearchList returns a page of paragraphs matching the query.
func (s *Store) SearchList(ctx context.Context, p SearchParams) ([]*SearchHit, error) {
	sql := SearchList
	if p.Backward {
		sql = searchListBackward
	}
	hits, err := collect(ctx, s.reads, sql, func(h *SearchHit) []any {
		return append(paragraphFields(&h.Paragraph), &h.Rank)
	}, searchArgs(p))
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return hits, nil
}

// SearchCount returns how many paragraphs match the query.
func (s *Store) SearchCount(ctx context.Context, p SearchParams) (int, error) {
	var n int
	if err := s.reads.QueryRow(ctx, SearchCount, searchArgs(p)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count search hits: %w", err)
	}
	return n, nil
}
