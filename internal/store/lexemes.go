package store

import (
	"context"
	"fmt"
)

// searchLexemeCounts reads how many paragraphs hold each lexeme of $1
// (0 for one no paragraph holds), in order; whether they may be trusted
// (not while a bulk load defers the count, migration 000018); and the
// planner's number of paragraphs (reltuples, -1 before the first
// ANALYZE). Its plan is the same for any lexemes (primary-key lookups),
// so it is a cached prepared statement.
const searchLexemeCounts = `SELECT NOT EXISTS (SELECT 1 FROM deferred_indexes WHERE name = 'search_lexemes'),
	ARRAY(SELECT coalesce(s.paragraphs, 0)::bigint FROM unnest($1::text[]) WITH ORDINALITY w(lexeme, n)
		LEFT JOIN search_lexemes s ON s.lexeme = w.lexeme ORDER BY w.n),
	(SELECT reltuples::float8 FROM pg_class WHERE oid = 'paragraphs'::regclass)`

// LexemeCounts is how many paragraphs hold each lexeme asked for, in the
// order asked, and the planner's number of paragraphs (≤ 0 when unknown).
type LexemeCounts struct {
	Counts     []int64
	Paragraphs float64
}

// SearchLexemeCounts returns how many paragraphs hold each of lexemes,
// from the counts the paragraphs' triggers keep (migration 000018); ok is
// false when those are not complete (a bulk load has yet to count them).
func (s *Store) SearchLexemeCounts(ctx context.Context, lexemes []string) (c LexemeCounts, ok bool, err error) {
	if err := s.reads.QueryRow(ctx, searchLexemeCounts, lexemes).Scan(&ok, &c.Counts, &c.Paragraphs); err != nil {
		return LexemeCounts{}, false, fmt.Errorf("search lexeme counts: %w", err)
	}
	if !ok {
		return LexemeCounts{}, false, nil
	}
	return c, true, nil
}
