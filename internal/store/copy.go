package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// IDAllocate takes ids for a document's sections, paragraphs and footnotes
// from their identity sequences, so that the rows referring to them can be
// COPYed in the same pass (COPY returns no ids).
const IDAllocate = `SELECT
	ARRAY(SELECT nextval(pg_get_serial_sequence('sections', 'id')) FROM generate_series(1, $1)),
	ARRAY(SELECT nextval(pg_get_serial_sequence('paragraphs', 'id')) FROM generate_series(1, $2)),
	ARRAY(SELECT nextval(pg_get_serial_sequence('footnotes', 'id')) FROM generate_series(1, $3))`

// TopicIDList maps topic slugs to ids.
const TopicIDList = `SELECT slug, id FROM topics`

// copyContent COPYs everything under a document row.
func copyContent(ctx context.Context, tx pgx.Tx, docID int64, authorIDs []int64, w DocumentWrite, lay *doc.Layout) error {
	d := w.Doc
	var secIDs, paraIDs, noteIDs []int64
	if err := tx.QueryRow(ctx, IDAllocate, len(d.Sections), len(lay.Paragraphs), len(d.Footnotes)).
		Scan(&secIDs, &paraIDs, &noteIDs); err != nil {
		return fmt.Errorf("allocate ids: %w", err)
	}
	var authors, sections, paragraphs, footnotes, refs, captions [][]any
	for i, id := range authorIDs {
		authors = append(authors, []any{docID, id, i})
	}
	for i, s := range d.Sections {
		sp := lay.Sections[i]
		sections = append(sections, []any{secIDs[i], docID, i, s.Heading, s.Level, sp.Start, sp.End})
	}
	for i, p := range lay.Paragraphs {
		paragraphs = append(paragraphs, []any{paraIDs[i], docID, secIDs[p.Section], i, p.Text, p.Start, p.End, w.Vectors[i]})
	}
	for i, f := range d.Footnotes {
		footnotes = append(footnotes, []any{noteIDs[i], docID, i, f.Label, f.Body, nonNil(f.URLs)})
	}
	for _, r := range lay.Refs {
		refs = append(refs, []any{paraIDs[r.Paragraph], noteIDs[r.Footnote], r.Ordinal, r.Offset})
	}
	for i, c := range d.Captions {
		captions = append(captions, []any{docID, i, c.Text, c.Credit})
	}
	copies := []struct {
		table   string
		columns []string
		rows    [][]any
	}{
		{"document_authors", []string{"document_id", "author_id", "position"}, authors},
		{"sections", []string{"id", "document_id", "ordinal", "heading", "level", "start_offset", "end_offset"}, sections},
		{"paragraphs", []string{"id", "document_id", "section_id", "ordinal", "text", "start_offset", "end_offset", "search"}, paragraphs},
		{"footnotes", []string{"id", "document_id", "ordinal", "label", "body", "urls"}, footnotes},
		{"footnote_refs", []string{"paragraph_id", "footnote_id", "ordinal", "offset"}, refs},
		{"captions", []string{"document_id", "ordinal", "text", "credit"}, captions},
	}
	for _, c := range copies {
		if err := copyRows(ctx, tx, c.table, c.columns, c.rows); err != nil {
			return err
		}
	}
	if w.Scores != nil {
		return copyScores(ctx, tx, docID, secIDs, paraIDs, w.Scores)
	}
	return nil
}

func copyRows(ctx context.Context, tx pgx.Tx, table string, columns []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{table}, columns, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("copy %s: %w", table, err)
	}
	return nil
}

// copyScores stores the topic scores of every level, skipping topics the
// topics table does not hold.
func copyScores(ctx context.Context, tx pgx.Tx, docID int64, secIDs, paraIDs []int64, sc *tag.Scores) error {
	rows, err := tx.Query(ctx, TopicIDList)
	if err != nil {
		return fmt.Errorf("list topics: %w", err)
	}
	topics := map[string]int64{}
	var slug string
	var id int64
	if _, err := pgx.ForEachRow(rows, []any{&slug, &id}, func() error { topics[slug] = id; return nil }); err != nil {
		return fmt.Errorf("list topics: %w", err)
	}
	scoreRows := func(ownerID int64, scores []tag.Score, extra func(tag.Score) []any) [][]any {
		var out [][]any
		for _, s := range scores {
			if tid, ok := topics[s.Topic]; ok {
				row := []any{ownerID, tid, float32(s.Score), nonNil(s.MatchedTerms)}
				out = append(out, append(row, extra(s)...))
			}
		}
		return out
	}
	none := func(tag.Score) []any { return nil }
	spans := func(s tag.Score) []any {
		flat := make([]int32, 0, 2*len(s.Spans))
		for _, sp := range s.Spans {
			flat = append(flat, int32(sp[0]), int32(sp[1]))
		}
		return []any{flat}
	}
	var paras, secs [][]any
	for i, scores := range sc.Paragraphs {
		paras = append(paras, scoreRows(paraIDs[i], scores, spans)...)
	}
	for i, scores := range sc.Sections {
		secs = append(secs, scoreRows(secIDs[i], scores, none)...)
	}
	docs := scoreRows(docID, sc.Document, func(s tag.Score) []any {
		return []any{float32(min(max(sc.Coverage[s.Topic], 0), 1))}
	})
	scoreColumns := []string{"topic_id", "score", "matched_terms"}
	if err := copyRows(ctx, tx, "paragraph_topics", append([]string{"paragraph_id"}, append(scoreColumns, "spans")...), paras); err != nil {
		return err
	}
	if err := copyRows(ctx, tx, "section_topics", append([]string{"section_id"}, scoreColumns...), secs); err != nil {
		return err
	}
	return copyRows(ctx, tx, "document_topics", append([]string{"document_id"}, append(scoreColumns, "coverage")...), docs)
}
