package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// IDAllocate takes ids for a document's sections, paragraphs and footnotes
// from their identity sequences, so that the rows referring to them can be
// sent in the same batch (a batch returns no ids to the next statement).
const IDAllocate = `SELECT
	ARRAY(SELECT nextval(pg_get_serial_sequence('sections', 'id')) FROM generate_series(1, $1)),
	ARRAY(SELECT nextval(pg_get_serial_sequence('paragraphs', 'id')) FROM generate_series(1, $2)),
	ARRAY(SELECT nextval(pg_get_serial_sequence('footnotes', 'id')) FROM generate_series(1, $3))`

// The statements below store everything under a document row, one
// statement per table with the rows as arrays (or a JSON array where a
// row holds an array itself). They go to PostgreSQL in one batch: one
// round trip for the whole content, where a COPY per table took two each,
// and a save's time is mostly round trips when the machine is busy. The
// search vectors travel in binary (tsvector[]).

// DocumentAuthorInsertMany links a document to its authors in byline order.
const DocumentAuthorInsertMany = `INSERT INTO document_authors (document_id, author_id, position)
SELECT $1, a, p - 1 FROM unnest($2::bigint[]) WITH ORDINALITY AS u(a, p)`

// SectionInsertMany stores a document's sections.
const SectionInsertMany = `INSERT INTO sections (id, document_id, ordinal, heading, level, start_offset, end_offset)
SELECT id, $1, ord - 1, heading, level, s, e
FROM unnest($2::bigint[], $3::text[], $4::int[], $5::int[], $6::int[]) WITH ORDINALITY AS u(id, heading, level, s, e, ord)`

// ParagraphInsertMany stores a document's paragraphs with their search
// vectors.
const ParagraphInsertMany = `INSERT INTO paragraphs (id, document_id, section_id, ordinal, text, start_offset, end_offset, search)
SELECT id, $1, section_id, ord - 1, text, s, e, search
FROM unnest($2::bigint[], $3::bigint[], $4::text[], $5::int[], $6::int[], $7::tsvector[])
	WITH ORDINALITY AS u(id, section_id, text, s, e, search, ord)`

// FootnoteInsertMany stores a document's footnotes.
const FootnoteInsertMany = `INSERT INTO footnotes (id, document_id, ordinal, label, body, urls)
SELECT id, $2, ordinal, label, body, urls
FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, ordinal int, label text, body text, urls text[])`

// FootnoteRefInsertMany stores where paragraphs refer to footnotes.
const FootnoteRefInsertMany = `INSERT INTO footnote_refs (paragraph_id, footnote_id, ordinal, "offset")
SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::int[])`

// CaptionInsertMany stores a document's captions.
const CaptionInsertMany = `INSERT INTO captions (document_id, ordinal, text, credit)
SELECT $1, ord - 1, text, credit FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS u(text, credit, ord)`

// ParagraphTopicInsertMany stores paragraph scores; topics the topics
// table does not hold drop out of the join.
const ParagraphTopicInsertMany = `INSERT INTO paragraph_topics (paragraph_id, topic_id, score, matched_terms, spans)
SELECT r.owner, t.id, r.score, r.terms, r.spans
FROM jsonb_to_recordset($1::jsonb) AS r(owner bigint, topic text, score real, terms text[], spans int[])
JOIN topics t ON t.slug = r.topic`

// SectionTopicInsertMany stores section scores.
const SectionTopicInsertMany = `INSERT INTO section_topics (section_id, topic_id, score, matched_terms)
SELECT r.owner, t.id, r.score, r.terms
FROM jsonb_to_recordset($1::jsonb) AS r(owner bigint, topic text, score real, terms text[])
JOIN topics t ON t.slug = r.topic`

// DocumentTopicInsertMany stores document scores and coverage.
const DocumentTopicInsertMany = `INSERT INTO document_topics (document_id, topic_id, score, matched_terms, coverage)
SELECT r.owner, t.id, r.score, r.terms, r.coverage
FROM jsonb_to_recordset($1::jsonb) AS r(owner bigint, topic text, score real, terms text[], coverage real)
JOIN topics t ON t.slug = r.topic`

// copyContent stores everything under a document row, in one batch.
func copyContent(ctx context.Context, tx pgx.Tx, docID int64, authorIDs []int64, w DocumentWrite, lay *layout) error {
	d := w.Doc
	var secIDs, paraIDs, noteIDs []int64
	if err := tx.QueryRow(ctx, IDAllocate, len(d.Sections), len(lay.paragraphs), len(d.Footnotes)).
		Scan(&secIDs, &paraIDs, &noteIDs); err != nil {
		return fmt.Errorf("allocate ids: %w", err)
	}
	var b batch
	if len(authorIDs) > 0 {
		b.queue("document_authors", DocumentAuthorInsertMany, docID, authorIDs)
	}
	if n := len(d.Sections); n > 0 {
		headings, levels, starts, ends := make([]*string, n), make([]int32, n), make([]int32, n), make([]int32, n)
		for i, s := range d.Sections {
			sp := lay.sections[i]
			headings[i], levels[i], starts[i], ends[i] = s.Heading, int32(s.Level), int32(sp.start), int32(sp.end)
		}
		b.queue("sections", SectionInsertMany, docID, secIDs, headings, levels, starts, ends)
	}
	if n := len(lay.paragraphs); n > 0 {
		sections, texts, starts, ends := make([]int64, n), make([]string, n), make([]int32, n), make([]int32, n)
		for i, p := range lay.paragraphs {
			sections[i], texts[i], starts[i], ends[i] = secIDs[p.section], p.text, int32(p.start), int32(p.end)
		}
		b.queue("paragraphs", ParagraphInsertMany, docID, paraIDs, sections, texts, starts, ends, nonNilVectors(w.Vectors))
	}
	if len(d.Footnotes) > 0 {
		type row struct {
			ID      int64    `json:"id"`
			Ordinal int      `json:"ordinal"`
			Label   string   `json:"label"`
			Body    *string  `json:"body"`
			URLs    []string `json:"urls"`
		}
		rows := make([]row, len(d.Footnotes))
		for i, f := range d.Footnotes {
			rows[i] = row{noteIDs[i], i, f.Label, f.Body, nonNil(f.URLs)}
		}
		if err := b.queueJSON("footnotes", FootnoteInsertMany, rows, docID); err != nil {
			return err
		}
	}
	if n := len(lay.refs); n > 0 {
		paras, notes, ordinals, offsets := make([]int64, n), make([]int64, n), make([]int32, n), make([]int32, n)
		for i, r := range lay.refs {
			paras[i], notes[i], ordinals[i], offsets[i] = paraIDs[r.paragraph], noteIDs[r.footnote], int32(r.ordinal), int32(r.offset)
		}
		b.queue("footnote_refs", FootnoteRefInsertMany, paras, notes, ordinals, offsets)
	}
	if n := len(d.Captions); n > 0 {
		texts, credits := make([]string, n), make([]*string, n)
		for i, c := range d.Captions {
			texts[i], credits[i] = c.Text, c.Credit
		}
		b.queue("captions", CaptionInsertMany, docID, texts, credits)
	}
	if w.Scores != nil {
		if err := b.queueScores(docID, secIDs, paraIDs, w.Scores); err != nil {
			return err
		}
	}
	return b.send(ctx, tx)
}

// copyScores stores the topic scores of every level, skipping topics the
// topics table does not hold.
func copyScores(ctx context.Context, tx pgx.Tx, docID int64, secIDs, paraIDs []int64, sc *tag.Scores) error {
	var b batch
	if err := b.queueScores(docID, secIDs, paraIDs, sc); err != nil {
		return err
	}
	return b.send(ctx, tx)
}

// scoreRow is one topic score as the score statements read it.
type scoreRow struct {
	Owner    int64    `json:"owner"`
	Topic    string   `json:"topic"`
	Score    float32  `json:"score"`
	Terms    []string `json:"terms"`
	Spans    []int32  `json:"spans"` // paragraphs' only
	Coverage *float32 `json:"coverage,omitempty"`
}

func (b *batch) queueScores(docID int64, secIDs, paraIDs []int64, sc *tag.Scores) error {
	row := func(owner int64, s tag.Score) scoreRow {
		return scoreRow{Owner: owner, Topic: s.Topic, Score: float32(s.Score), Terms: nonNil(s.MatchedTerms)}
	}
	var paras, secs, docs []scoreRow
	for i, scores := range sc.Paragraphs {
		for _, s := range scores {
			r := row(paraIDs[i], s)
			r.Spans = make([]int32, 0, 2*len(s.Spans))
			for _, sp := range s.Spans {
				r.Spans = append(r.Spans, int32(sp[0]), int32(sp[1]))
			}
			paras = append(paras, r)
		}
	}
	for i, scores := range sc.Sections {
		for _, s := range scores {
			secs = append(secs, row(secIDs[i], s))
		}
	}
	for _, s := range sc.Document {
		r := row(docID, s)
		c := float32(min(max(sc.Coverage[s.Topic], 0), 1))
		r.Coverage = &c
		docs = append(docs, r)
	}
	for _, q := range []struct {
		table, sql string
		rows       []scoreRow
	}{
		{"paragraph_topics", ParagraphTopicInsertMany, paras},
		{"section_topics", SectionTopicInsertMany, secs},
		{"document_topics", DocumentTopicInsertMany, docs},
	} {
		if len(q.rows) == 0 {
			continue
		}
		if err := b.queueJSON(q.table, q.sql, q.rows); err != nil {
			return err
		}
	}
	return nil
}

// batch is statements sent to PostgreSQL at once, each named by the
// table it writes for its error.
type batch struct {
	b      pgx.Batch
	tables []string
}

func (b *batch) queue(table, sql string, args ...any) {
	b.b.Queue(sql, args...)
	b.tables = append(b.tables, table)
}

// queueJSON queues sql with rows as a JSON array for its first argument,
// before args.
func (b *batch) queueJSON(table, sql string, rows any, args ...any) error {
	js, err := json.Marshal(rows)
	if err != nil {
		return fmt.Errorf("insert %s: %w", table, err)
	}
	b.queue(table, sql, append([]any{js}, args...)...)
	return nil
}

func (b *batch) send(ctx context.Context, tx pgx.Tx) error {
	if len(b.tables) == 0 {
		return nil
	}
	res := tx.SendBatch(ctx, &b.b)
	for _, table := range b.tables {
		if _, err := res.Exec(); err != nil {
			res.Close()
			return fmt.Errorf("insert %s: %w", table, err)
		}
	}
	if err := res.Close(); err != nil {
		return fmt.Errorf("insert %s: %w", b.tables[len(b.tables)-1], err)
	}
	return nil
}

// nonNilVectors is vectors, or none for a document without paragraphs.
func nonNilVectors(v []pgtype.TSVector) []pgtype.TSVector {
	if v == nil {
		return []pgtype.TSVector{}
	}
	return v
}
