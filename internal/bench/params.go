package bench

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sourcecmp/sourcecmp/internal/search"
)

// The benchmark's fixed choices. The corpus is written in the seeds'
// sentences, so every word of it occurs in at least about 1% of the
// paragraphs: ショイグ (a name from one seed sentence) is as rare as a word
// gets there, and 北朝鮮 occurs in nearly every paragraph.
const (
	DefaultTopic      = "china-role"
	DefaultCommonTerm = "北朝鮮"
	DefaultRareTerm   = "ショイグ"
	// DefaultAndTerms are two common words searched together, and
	// DefaultPhrase a compound the analyzer splits into a phrase of two
	// common words ('朝鮮' <-> '半島'); search-filtered is the common term
	// within DefaultTopic.
	DefaultAndTerms = "北朝鮮 中国"
	DefaultPhrase   = "朝鮮半島"
	// ReaderDocuments is how many documents the reader rotates over,
	// spread evenly over the corpus.
	ReaderDocuments = 64
)

// Param reads.
const (
	paramTopicID     = `SELECT id FROM topics WHERE slug = $1`
	paramReaderSlugs = `SELECT slug FROM (
	SELECT slug, row_number() OVER (ORDER BY slug) AS n, count(*) OVER () AS total FROM documents
) d WHERE (n - 1) % greatest(total / $1, 1) = 0 ORDER BY slug LIMIT $1`
	paramMatches = `SELECT count(*) FROM paragraphs WHERE search @@ $1::tsquery`
)

// LoadParams reads the shapes' parameters from the loaded database: the
// topic's id, the documents the reader rotates over and how many
// paragraphs each search term matches.
func LoadParams(ctx context.Context, db *pgxpool.Pool, topic, common, rare string) (Params, error) {
	p := Params{Topic: topic, CommonTerm: common, RareTerm: rare, AndTerms: DefaultAndTerms, Phrase: DefaultPhrase}
	if err := db.QueryRow(ctx, paramTopicID, topic).Scan(&p.TopicID); err != nil {
		return p, fmt.Errorf("bench: topic %q: %w", topic, err)
	}
	rows, err := db.Query(ctx, paramReaderSlugs, ReaderDocuments)
	if err != nil {
		return p, fmt.Errorf("bench: reader documents: %w", err)
	}
	for rows.Next() {
		var slug string
		if err := rows.Scan(&slug); err != nil {
			return p, fmt.Errorf("bench: reader documents: %w", err)
		}
		p.ReaderSlugs = append(p.ReaderSlugs, slug)
	}
	if err := rows.Err(); err != nil || len(p.ReaderSlugs) == 0 {
		return p, fmt.Errorf("bench: reader documents: none found (%v)", err)
	}
	for _, t := range []struct {
		term  string
		query *string
		n     *int
	}{{common, &p.CommonQuery, &p.CommonMatches}, {rare, &p.RareQuery, &p.RareMatches},
		{DefaultAndTerms, &p.AndQuery, &p.AndMatches}, {DefaultPhrase, &p.PhraseQuery, &p.PhraseMatches}} {
		q, ok := search.Query(t.term)
		if !ok {
			return p, fmt.Errorf("bench: search term %q has no searchable word", t.term)
		}
		*t.query = q
		if err := db.QueryRow(ctx, paramMatches, q).Scan(t.n); err != nil {
			return p, fmt.Errorf("bench: count matches of %q: %w", t.term, err)
		}
	}
	return p, nil
}
