package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/biblio"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// idAllocate takes ids for sections, paragraphs and footnotes from their
// identity sequences, so that the rows referring to them can be COPYed in
// the same pass (COPY returns no ids). One call serves every document of
// a save, in order: each takes the next run of the arrays.
const idAllocate = `SELECT
	ARRAY(SELECT nextval(pg_get_serial_sequence('sections', 'id')) FROM generate_series(1, $1)),
	ARRAY(SELECT nextval(pg_get_serial_sequence('paragraphs', 'id')) FROM generate_series(1, $2)),
	ARRAY(SELECT nextval(pg_get_serial_sequence('footnotes', 'id')) FROM generate_series(1, $3))`

// topicIDList maps topic slugs to ids.
const topicIDList = `SELECT slug, id FROM topics`

// PreparedDocument is a DocumentWrite checked, laid out and turned into
// the rows its save COPYs, with only the ids left to fill: the work a save
// would otherwise do while its transaction is open, done before it
// (DocumentPrepare), on as many goroutines as the caller likes.
type PreparedDocument struct {
	w     DocumentWrite
	lay   *doc.Layout // nil when w.Unchanged
	rows  contentRows
	works *worksArgs // nil when the footnotes cite no work
}

// Write is the document the rows were made from.
func (p *PreparedDocument) Write() DocumentWrite { return p.w }

// contentRows are the rows under a document row. The ids a save allocates
// (the document's, its sections', paragraphs' and footnotes') are zero
// until fill sets them; the indexes they come from are kept beside.
type contentRows struct {
	sections   [][]any // id, document_id, ordinal, heading, level, start_offset, end_offset
	paragraphs [][]any // id, document_id, section_id, ordinal, text, start_offset, end_offset, search
	footnotes  [][]any // id, document_id, ordinal, label, body, urls
	refs       [][]any // paragraph_id, footnote_id, ordinal, offset
	captions   [][]any // document_id, ordinal, text, credit
	// The scores of each level; topic_id is filled from the topic's slug
	// when the topics table holds it, else the row is skipped.
	paraScores, secScores, docScores []scoreRow
}

// scoreRow is a topic score row: owner_id, topic_id, score, matched_terms,
// then its level's own columns.
type scoreRow struct {
	owner int // index of the paragraph or section; 0 for the document
	topic string
	row   []any
}

// worksArgs are the arguments of workUpsertLink but the document id.
type worksArgs struct {
	works             []byte // JSON, sorted by key
	footnote, ordinal []int
	key, pages        []string
}

// DocumentPrepare checks w and builds what its save sends. An error names
// the document and is what DocumentSave would return for it.
func DocumentPrepare(w DocumentWrite) (*PreparedDocument, error) {
	p := &PreparedDocument{w: w}
	if w.Unchanged { // an unchanged document is not laid out again
		return p, nil
	}
	lay, err := layOut(w)
	if err != nil {
		return nil, fmt.Errorf("save %s: %w", w.Slug, err)
	}
	p.lay = lay
	p.rows = buildRows(w, lay)
	if p.works, err = extractWorks(w.Doc); err != nil {
		return nil, fmt.Errorf("save %s: %w", w.Slug, err)
	}
	return p, nil
}

func buildRows(w DocumentWrite, lay *doc.Layout) contentRows {
	d := w.Doc
	var r contentRows
	r.sections = make([][]any, len(d.Sections))
	for i, s := range d.Sections {
		sp := lay.Sections[i]
		r.sections[i] = []any{int64(0), int64(0), i, s.Heading, s.Level, sp.Start, sp.End}
	}
	r.paragraphs = make([][]any, len(lay.Paragraphs))
	for i, p := range lay.Paragraphs {
		r.paragraphs[i] = []any{int64(0), int64(0), int64(0), i, p.Text, p.Start, p.End, w.Vectors[i]}
	}
	r.footnotes = make([][]any, len(d.Footnotes))
	for i, f := range d.Footnotes {
		r.footnotes[i] = []any{int64(0), int64(0), i, f.Label, f.Body, nonNil(f.URLs)}
	}
	r.refs = make([][]any, len(lay.Refs))
	for i, ref := range lay.Refs {
		r.refs[i] = []any{int64(0), int64(0), ref.Ordinal, ref.Offset}
	}
	r.captions = make([][]any, len(d.Captions))
	for i, c := range d.Captions {
		r.captions[i] = []any{int64(0), i, c.Text, c.Credit}
	}
	if sc := w.Scores; sc != nil {
		r.paraScores, r.secScores, r.docScores = buildScores(sc)
	}
	return r
}

func buildScores(sc *tag.Scores) (paras, secs, docs []scoreRow) {
	rows := func(owner int, scores []tag.Score, extra func(tag.Score) any) []scoreRow {
		out := make([]scoreRow, 0, len(scores))
		for _, s := range scores {
			row := []any{int64(0), int64(0), float32(s.Score), nonNil(s.MatchedTerms)}
			if extra != nil {
				row = append(row, extra(s))
			}
			out = append(out, scoreRow{owner: owner, topic: s.Topic, row: row})
		}
		return out
	}
	spans := func(s tag.Score) any {
		flat := make([]int32, 0, 2*len(s.Spans))
		for _, sp := range s.Spans {
			flat = append(flat, int32(sp[0]), int32(sp[1]))
		}
		return flat
	}
	for i, scores := range sc.Paragraphs {
		paras = append(paras, rows(i, scores, spans)...)
	}
	for i, scores := range sc.Sections {
		secs = append(secs, rows(i, scores, nil)...)
	}
	docs = rows(0, sc.Document, func(s tag.Score) any { return float32(min(max(sc.Coverage[s.Topic], 0), 1)) })
	return paras, secs, docs
}

// extractWorks finds the works the footnotes cite (biblio.FootnoteWorks:
// text only, well under a millisecond a document).
func extractWorks(d *doc.Document) (*worksArgs, error) {
	bodies := make([]*string, len(d.Footnotes))
	for i, f := range d.Footnotes {
		bodies[i] = f.Body
	}
	works, cites := biblio.FootnoteWorks(bodies)
	if len(works) == 0 {
		return nil, nil
	}
	js, err := json.Marshal(works) // sorted by key: the order their rows are locked in
	if err != nil {
		return nil, fmt.Errorf("save works: %w", err)
	}
	a := &worksArgs{works: js}
	for _, c := range cites {
		a.footnote = append(a.footnote, c.Footnote)
		a.key = append(a.key, c.Key)
		a.ordinal = append(a.ordinal, c.Ordinal)
		a.pages = append(a.pages, c.Pages)
	}
	return a, nil
}

// idCounts are how many ids of each kind the documents need.
func idCounts(docs []*PreparedDocument) (sections, paragraphs, footnotes int) {
	for _, p := range docs {
		sections += len(p.rows.sections)
		paragraphs += len(p.rows.paragraphs)
		footnotes += len(p.rows.footnotes)
	}
	return sections, paragraphs, footnotes
}

// fill sets the ids in the document's rows: its own, and those of its
// sections, paragraphs and footnotes, taken from the front of the
// allocated arrays, which it returns without them.
func (p *PreparedDocument) fill(docID int64, secIDs, paraIDs, noteIDs []int64) (restSec, restPara, restNote []int64) {
	r := &p.rows
	secIDs, restSec = secIDs[:len(r.sections)], secIDs[len(r.sections):]
	paraIDs, restPara = paraIDs[:len(r.paragraphs)], paraIDs[len(r.paragraphs):]
	noteIDs, restNote = noteIDs[:len(r.footnotes)], noteIDs[len(r.footnotes):]
	for i, row := range r.sections {
		row[0], row[1] = secIDs[i], docID
	}
	for i, row := range r.paragraphs {
		row[0], row[1], row[2] = paraIDs[i], docID, secIDs[p.lay.Paragraphs[i].Section]
	}
	for i, row := range r.footnotes {
		row[0], row[1] = noteIDs[i], docID
	}
	for i, row := range r.refs {
		ref := p.lay.Refs[i]
		row[0], row[1] = paraIDs[ref.Paragraph], noteIDs[ref.Footnote]
	}
	for _, row := range r.captions {
		row[0] = docID
	}
	for _, s := range r.paraScores {
		s.row[0] = paraIDs[s.owner]
	}
	for _, s := range r.secScores {
		s.row[0] = secIDs[s.owner]
	}
	for _, s := range r.docScores {
		s.row[0] = docID
	}
	return restSec, restPara, restNote
}

// copyContent COPYs everything under the documents' rows, one COPY per
// table for all of them: docIDs and authorIDs are theirs, in order.
func copyContent(ctx context.Context, tx pgx.Tx, docs []*PreparedDocument, docIDs []int64, authorIDs [][]int64) error {
	var secIDs, paraIDs, noteIDs []int64
	ns, np, nf := idCounts(docs)
	var b pgx.Batch
	b.Queue(idAllocate, ns, np, nf).QueryRow(func(row pgx.Row) error {
		return row.Scan(&secIDs, &paraIDs, &noteIDs)
	})
	var topics map[string]int64
	if hasScores(docs) {
		b.Queue(topicIDList).Query(func(rows pgx.Rows) (err error) {
			topics, err = scanTopicIDs(rows)
			return err
		})
	}
	if err := tx.SendBatch(ctx, &b).Close(); err != nil {
		return fmt.Errorf("allocate ids: %w", err)
	}
	var authors, sections, paragraphs, footnotes, refs, captions [][]any
	var paraScores, secScores, docScores [][]any
	for i, p := range docs {
		secIDs, paraIDs, noteIDs = p.fill(docIDs[i], secIDs, paraIDs, noteIDs)
		for pos, id := range authorIDs[i] {
			authors = append(authors, []any{docIDs[i], id, pos})
		}
		r := &p.rows
		sections = append(sections, r.sections...)
		paragraphs = append(paragraphs, r.paragraphs...)
		footnotes = append(footnotes, r.footnotes...)
		refs = append(refs, r.refs...)
		captions = append(captions, r.captions...)
		paraScores = knownTopics(paraScores, r.paraScores, topics)
		secScores = knownTopics(secScores, r.secScores, topics)
		docScores = knownTopics(docScores, r.docScores, topics)
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
		{"paragraph_topics", paragraphTopicColumns, paraScores},
		{"section_topics", sectionTopicColumns, secScores},
		{"document_topics", documentTopicColumns, docScores},
	}
	for _, c := range copies {
		if err := copyRows(ctx, tx, c.table, c.columns, c.rows); err != nil {
			return err
		}
	}
	return nil
}

func hasScores(docs []*PreparedDocument) bool {
	for _, p := range docs {
		if p.w.Scores != nil {
			return true
		}
	}
	return false
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

// The columns of the topic score tables, in scoreRow's order.
var (
	paragraphTopicColumns = []string{"paragraph_id", "topic_id", "score", "matched_terms", "spans"}
	sectionTopicColumns   = []string{"section_id", "topic_id", "score", "matched_terms"}
	documentTopicColumns  = []string{"document_id", "topic_id", "score", "matched_terms", "coverage"}
)

// scanTopicIDs reads topicIDList's rows: topic ids by slug.
func scanTopicIDs(rows pgx.Rows) (map[string]int64, error) {
	topics := map[string]int64{}
	var slug string
	var id int64
	if _, err := pgx.ForEachRow(rows, []any{&slug, &id}, func() error { topics[slug] = id; return nil }); err != nil {
		return nil, fmt.Errorf("list topics: %w", err)
	}
	return topics, nil
}

// knownTopics appends to out the rows whose topic the topics table holds,
// with its id filled in.
func knownTopics(out [][]any, rows []scoreRow, topics map[string]int64) [][]any {
	for _, s := range rows {
		if tid, ok := topics[s.topic]; ok {
			s.row[1] = tid
			out = append(out, s.row)
		}
	}
	return out
}

// copyScores stores the topic scores of a stored document's levels,
// skipping topics the topics table does not hold.
func copyScores(ctx context.Context, tx pgx.Tx, docID int64, secIDs, paraIDs []int64, sc *tag.Scores) error {
	rows, err := tx.Query(ctx, topicIDList)
	if err != nil {
		return fmt.Errorf("list topics: %w", err)
	}
	topics, err := scanTopicIDs(rows)
	if err != nil {
		return err
	}
	paras, secs, docs := buildScores(sc)
	for _, s := range paras {
		s.row[0] = paraIDs[s.owner]
	}
	for _, s := range secs {
		s.row[0] = secIDs[s.owner]
	}
	for _, s := range docs {
		s.row[0] = docID
	}
	if err := copyRows(ctx, tx, "paragraph_topics", paragraphTopicColumns, knownTopics(nil, paras, topics)); err != nil {
		return err
	}
	if err := copyRows(ctx, tx, "section_topics", sectionTopicColumns, knownTopics(nil, secs, topics)); err != nil {
		return err
	}
	return copyRows(ctx, tx, "document_topics", documentTopicColumns, knownTopics(nil, docs, topics))
}
