package bench

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/sourcecmp/sourcecmp/internal/gid"
)

// The canonical forms: what a client does with each shape's answer,
// whichever backend gave it. Comparing them shows that the three backends
// return the same data: the same authors, stances, quotes, paragraphs,
// footnotes, passages and hits, by database id.

// HeadlineAuthor is one author of the headline page.
type HeadlineAuthor struct {
	ID     int64
	Name   string
	Stance *HeadlineStance
}

// HeadlineStance is an author's latest stance on the topic.
type HeadlineStance struct {
	DocumentID int64
	Position   string
	Citations  []HeadlineCitation
}

// HeadlineCitation is a quote with where it stands and the footnotes
// inside it.
type HeadlineCitation struct {
	Quote                  string
	Start, End             *int
	ParagraphID, SectionID int64
	FootnoteIDs            []int64
}

// Comparison is the compare page.
type Comparison struct {
	Total int
	Rows  []CompareRow
}

// CompareRow is one document's row: its authors, stance, coverage and
// best passages (paragraph ids, best first).
type CompareRow struct {
	DocumentID int64
	AuthorIDs  []int64
	Position   string // empty: no stance
	Coverage   float64
	Evidence   []int64
}

// ReaderDocument is a document as the reader shows it.
type ReaderDocument struct {
	DocumentID  int64
	AuthorIDs   []int64
	Sections    []ReaderSection
	FootnoteIDs []int64
}

// ReaderSection is a section and its paragraphs.
type ReaderSection struct {
	ID         int64
	Heading    *string
	Paragraphs []ReaderParagraph
}

// ReaderParagraph is a paragraph and its footnote markers (footnote id,
// offset).
type ReaderParagraph struct {
	ID   int64
	Text string
	Refs [][2]int64
}

// SearchPage is a page of search hits and the number of matches: Total
// is -1 for an estimate (sourcecmp estimates some counts above
// SearchCountCap; the SQL bound counts every one).
type SearchPage struct {
	Total        int
	ParagraphIDs []int64
}

// SearchCountCap is the count up to which sourcecmp's totalCount is
// exact for every query (a query of one word is exact at any size).
const SearchCountCap = 10000

// SearchOverlap is the least share of the exhaustive page's hits a
// search page must hold: pages of several common words are the best of
// a bounded number of candidates (docs/search.md).
const SearchOverlap = 0.9

// sameSearch reports whether got matches the exhaustive page want: the
// same count (or an estimate of one above SearchCountCap) and at least
// SearchOverlap of its hits.
func sameSearch(want, got SearchPage) (bool, string) {
	both := 0
	for _, id := range got.ParagraphIDs {
		if slices.Contains(want.ParagraphIDs, id) {
			both++
		}
	}
	if !sameTotal(want, got) || float64(both) < SearchOverlap*float64(len(want.ParagraphIDs)) {
		return false, fmt.Sprintf("total %d vs %d, %d of %d hits in common", want.Total, got.Total, both, len(want.ParagraphIDs))
	}
	return true, ""
}

// sameTotal reports whether got's count is want's, or an estimate of a
// count above SearchCountCap.
func sameTotal(want, got SearchPage) bool {
	return want.Total == got.Total || got.Total == -1 && want.Total > SearchCountCap
}

// Backend names whose answer a canonical form is made from.
const (
	Sourcecmp    = "sourcecmp"
	PostGraphile = "postgraphile"
	SQLBound     = "sql"
	// Baseline is another build of sourcecmp, measured beside it
	// (Config.Baseline).
	Baseline = "baseline"
)

// backends are the backends in the order a shape measures and reports
// them.
var backends = []string{Sourcecmp, Baseline, PostGraphile, SQLBound}

// Canonical decodes a backend's answer to a shape (the whole GraphQL
// response, or the SQL statement's JSON) into the shape's canonical form.
func Canonical(shape, backend string, body []byte) (any, error) {
	if backend != SQLBound {
		var env struct {
			Data   json.RawMessage
			Errors []struct{ Message string }
		}
		if err := json.Unmarshal(body, &env); err != nil {
			return nil, fmt.Errorf("%s %s: %w", backend, shape, err)
		}
		if len(env.Errors) > 0 {
			return nil, fmt.Errorf("%s %s: %s", backend, shape, env.Errors[0].Message)
		}
		body = env.Data
	}
	var decode func([]byte) (any, error)
	switch shape + "/" + backend {
	case "headline/" + Sourcecmp:
		decode = headlineSourcecmp
	case "headline/" + PostGraphile:
		decode = headlinePostGraphile
	case "headline/" + SQLBound:
		decode = headlineSQL
	case "compare/" + Sourcecmp:
		decode = compareSourcecmp
	case "compare/" + PostGraphile:
		decode = comparePostGraphile
	case "compare/" + SQLBound:
		decode = compareSQL
	case "reader/" + Sourcecmp:
		decode = readerSourcecmp
	case "reader/" + PostGraphile:
		decode = readerPostGraphile
	case "reader/" + SQLBound:
		decode = readerSQL
	default:
		switch {
		case strings.HasPrefix(shape, "search") && backend == Sourcecmp:
			decode = searchSourcecmp
		case strings.HasPrefix(shape, "search") && backend == SQLBound:
			decode = searchSQL
		}
	}
	if decode == nil {
		return nil, fmt.Errorf("no canonical form of %s from %s", shape, backend)
	}
	v, err := decode(body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", backend, shape, err)
	}
	return v, nil
}

// Same reports whether two canonical forms are equal and, when not, where
// their JSON first differs.
func Same(a, b any) (bool, string) {
	if reflect.DeepEqual(a, b) {
		return true, ""
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	i := 0
	for i < len(ja) && i < len(jb) && ja[i] == jb[i] {
		i++
	}
	from := max(0, i-80)
	return false, fmt.Sprintf("first difference at byte %d:\n  %s\n  %s", i, clip(ja[from:]), clip(jb[from:]))
}

func clip(b []byte) string {
	if len(b) > 240 {
		return string(b[:240]) + "…"
	}
	return string(b)
}

// gidOf is a sourcecmp global ID, decoded to the database id.
type gidOf int64

func (g *gidOf) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	_, id, err := gid.Decode(s)
	*g = gidOf(id)
	return err
}

// bigint is PostGraphile's BigInt: a JSON string (or a number from SQL).
type bigint int64

func (n *bigint) UnmarshalJSON(b []byte) error {
	s := string(bytes.Trim(b, `"`))
	v, err := strconv.ParseInt(s, 10, 64)
	*n = bigint(v)
	return err
}

type idObj struct{ ID gidOf }

type nodes[T any] struct{ Nodes []T }

func headlineSourcecmp(b []byte) (any, error) {
	var d struct {
		Authors nodes[struct {
			ID     gidOf
			Name   string
			Stance *struct {
				Position  string
				Document  idObj
				Citations []struct {
					Quote      string
					Start, End *int
					Paragraph  *idObj
					Section    *idObj
					Footnotes  []idObj
				}
			}
		}]
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	out := []HeadlineAuthor{}
	for _, a := range d.Authors.Nodes {
		h := HeadlineAuthor{ID: int64(a.ID), Name: a.Name}
		if s := a.Stance; s != nil {
			h.Stance = &HeadlineStance{DocumentID: int64(s.Document.ID), Position: s.Position, Citations: []HeadlineCitation{}}
			for _, c := range s.Citations {
				hc := HeadlineCitation{Quote: c.Quote, Start: c.Start, End: c.End, FootnoteIDs: []int64{}}
				if c.Paragraph != nil {
					hc.ParagraphID = int64(c.Paragraph.ID)
				}
				if c.Section != nil {
					hc.SectionID = int64(c.Section.ID)
				}
				for _, f := range c.Footnotes {
					hc.FootnoteIDs = append(hc.FootnoteIDs, int64(f.ID))
				}
				h.Stance.Citations = append(h.Stance.Citations, hc)
			}
		}
		out = append(out, h)
	}
	return out, nil
}

// headlinePostGraphile picks what the generated schema cannot: each
// author's stance in their latest document that has one, and the
// footnotes whose markers fall inside each quote.
func headlinePostGraphile(b []byte) (any, error) {
	type pgDoc struct {
		RowID       bigint
		Slug        string
		PublishedOn *string
		Stances     nodes[struct {
			Position  string
			Citations nodes[struct {
				Quote                  string
				StartOffset, EndOffset *int
				Paragraph              *struct {
					RowID       bigint
					StartOffset int
					Section     struct{ RowID bigint } `json:"sectionBySectionId"`
					Refs        nodes[struct {
						Offset   int
						Footnote struct {
							RowID   bigint
							Ordinal int
						} `json:"footnoteByFootnoteId"`
					}] `json:"footnoteRefsByParagraphId"`
				} `json:"paragraphByParagraphId"`
			}] `json:"citationsByStanceId"`
		}] `json:"stancesByDocumentId"`
	}
	var d struct {
		AllAuthors nodes[struct {
			RowID   bigint
			Name    string
			Authors nodes[struct {
				Document pgDoc `json:"documentByDocumentId"`
			}] `json:"documentAuthorsByAuthorId"`
		}]
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	out := []HeadlineAuthor{}
	for _, a := range d.AllAuthors.Nodes {
		h := HeadlineAuthor{ID: int64(a.RowID), Name: a.Name}
		var latest *pgDoc
		for i := range a.Authors.Nodes {
			doc := &a.Authors.Nodes[i].Document
			if len(doc.Stances.Nodes) > 0 && (latest == nil || newer(doc.PublishedOn, doc.Slug, latest.PublishedOn, latest.Slug)) {
				latest = doc
			}
		}
		if latest != nil {
			s := latest.Stances.Nodes[0]
			h.Stance = &HeadlineStance{DocumentID: int64(latest.RowID), Position: s.Position, Citations: []HeadlineCitation{}}
			for _, c := range s.Citations.Nodes {
				hc := HeadlineCitation{Quote: c.Quote, Start: c.StartOffset, End: c.EndOffset, FootnoteIDs: []int64{}}
				if p := c.Paragraph; p != nil {
					hc.ParagraphID, hc.SectionID = int64(p.RowID), int64(p.Section.RowID)
					type note struct {
						id      int64
						ordinal int
					}
					var inside []note
					for _, r := range p.Refs.Nodes {
						at := p.StartOffset + r.Offset
						if c.StartOffset != nil && at > *c.StartOffset && at <= *c.EndOffset {
							inside = append(inside, note{int64(r.Footnote.RowID), r.Footnote.Ordinal})
						}
					}
					slices.SortFunc(inside, func(x, y note) int { return cmp.Compare(x.ordinal, y.ordinal) })
					for i, n := range inside {
						if i == 0 || n.id != inside[i-1].id {
							hc.FootnoteIDs = append(hc.FootnoteIDs, n.id)
						}
					}
				}
				h.Stance.Citations = append(h.Stance.Citations, hc)
			}
		}
		out = append(out, h)
	}
	return out, nil
}

// newer orders documents as sourcecmp does: newest first (undated last),
// then by slug.
func newer(date *string, slug string, thanDate *string, thanSlug string) bool {
	switch {
	case date == nil && thanDate == nil, date != nil && thanDate != nil && *date == *thanDate:
		return slug < thanSlug
	case date == nil:
		return false
	case thanDate == nil:
		return true
	}
	return *date > *thanDate
}

func headlineSQL(b []byte) (any, error) {
	var d []struct {
		ID     int64
		Name   string
		Stance *struct {
			DocumentID int64 `json:"document_id"`
			Position   string
			Citations  []struct {
				Quote       string
				Start, End  *int
				ParagraphID *int64 `json:"paragraph_id"`
				SectionID   *int64 `json:"section_id"`
				Footnotes   []struct{ ID int64 }
			}
		}
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	out := []HeadlineAuthor{}
	for _, a := range d {
		h := HeadlineAuthor{ID: a.ID, Name: a.Name}
		if s := a.Stance; s != nil {
			h.Stance = &HeadlineStance{DocumentID: s.DocumentID, Position: s.Position, Citations: []HeadlineCitation{}}
			for _, c := range s.Citations {
				hc := HeadlineCitation{Quote: c.Quote, Start: c.Start, End: c.End, FootnoteIDs: []int64{}}
				if c.ParagraphID != nil {
					hc.ParagraphID, hc.SectionID = *c.ParagraphID, *c.SectionID
				}
				for _, f := range c.Footnotes {
					hc.FootnoteIDs = append(hc.FootnoteIDs, f.ID)
				}
				h.Stance.Citations = append(h.Stance.Citations, hc)
			}
		}
		out = append(out, h)
	}
	return out, nil
}

// coverage rounds a coverage to the precision PostgreSQL's real keeps.
func coverage(v float64) float64 { return math.Round(v*1e5) / 1e5 }

func compareSourcecmp(b []byte) (any, error) {
	var d struct {
		Compare struct {
			TotalCount int
			Rows       []struct {
				Document idObj
				Authors  []idObj
				Stance   *struct{ Position string }
				Coverage float64
				Evidence struct{ Nodes []struct{ Paragraph idObj } }
			}
		}
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	out := Comparison{Total: d.Compare.TotalCount, Rows: []CompareRow{}}
	for _, r := range d.Compare.Rows {
		row := CompareRow{DocumentID: int64(r.Document.ID), AuthorIDs: []int64{}, Coverage: coverage(r.Coverage), Evidence: []int64{}}
		for _, a := range r.Authors {
			row.AuthorIDs = append(row.AuthorIDs, int64(a.ID))
		}
		if r.Stance != nil {
			row.Position = r.Stance.Position
		}
		for _, e := range r.Evidence.Nodes {
			row.Evidence = append(row.Evidence, int64(e.Paragraph.ID))
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// comparePostGraphile picks each document's best passages from all its
// paragraphs' scores, as sourcecmp's evidence does: paragraphs where a
// term matched, highest score first, then in reading order.
func comparePostGraphile(b []byte) (any, error) {
	var d struct {
		AllDocuments struct {
			TotalCount int
			Nodes      []struct {
				RowID   bigint
				Authors nodes[struct {
					Author struct{ RowID bigint } `json:"authorByAuthorId"`
				}] `json:"documentAuthorsByDocumentId"`
				Stances    nodes[struct{ Position string }]  `json:"stancesByDocumentId"`
				Topics     nodes[struct{ Coverage float64 }] `json:"documentTopicsByDocumentId"`
				Paragraphs nodes[struct {
					RowID   bigint
					Ordinal int
					Scores  nodes[struct {
						Score float64
						Spans []int
					}] `json:"paragraphTopicsByParagraphId"`
				}] `json:"paragraphsByDocumentId"`
			}
		}
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	out := Comparison{Total: d.AllDocuments.TotalCount, Rows: []CompareRow{}}
	for _, n := range d.AllDocuments.Nodes {
		row := CompareRow{DocumentID: int64(n.RowID), AuthorIDs: []int64{}, Evidence: []int64{}}
		for _, a := range n.Authors.Nodes {
			row.AuthorIDs = append(row.AuthorIDs, int64(a.Author.RowID))
		}
		if len(n.Stances.Nodes) > 0 {
			row.Position = n.Stances.Nodes[0].Position
		}
		if len(n.Topics.Nodes) > 0 {
			row.Coverage = coverage(n.Topics.Nodes[0].Coverage)
		}
		type scored struct {
			id      int64
			ordinal int
			score   float64
		}
		var ps []scored
		for _, p := range n.Paragraphs.Nodes {
			if len(p.Scores.Nodes) > 0 && len(p.Scores.Nodes[0].Spans) > 0 {
				ps = append(ps, scored{int64(p.RowID), p.Ordinal, p.Scores.Nodes[0].Score})
			}
		}
		slices.SortFunc(ps, func(x, y scored) int {
			return cmp.Or(cmp.Compare(float32(y.score), float32(x.score)), cmp.Compare(x.ordinal, y.ordinal))
		})
		for _, p := range ps[:min(EvidenceSize, len(ps))] {
			row.Evidence = append(row.Evidence, p.id)
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

func compareSQL(b []byte) (any, error) {
	var d struct {
		Total int
		Rows  []struct {
			DocumentID int64 `json:"document_id"`
			Authors    []struct{ ID int64 }
			Stance     *struct{ Position string }
			Coverage   float64
			Evidence   []struct {
				ParagraphID int64 `json:"paragraph_id"`
			}
		}
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	out := Comparison{Total: d.Total, Rows: []CompareRow{}}
	for _, r := range d.Rows {
		row := CompareRow{DocumentID: r.DocumentID, AuthorIDs: []int64{}, Coverage: coverage(r.Coverage), Evidence: []int64{}}
		for _, a := range r.Authors {
			row.AuthorIDs = append(row.AuthorIDs, a.ID)
		}
		if r.Stance != nil {
			row.Position = r.Stance.Position
		}
		for _, e := range r.Evidence {
			row.Evidence = append(row.Evidence, e.ParagraphID)
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

func readerSourcecmp(b []byte) (any, error) {
	var d struct {
		Document *struct {
			ID       gidOf
			Authors  []idObj
			Sections []struct {
				ID         gidOf
				Heading    *string
				Paragraphs []struct {
					ID           gidOf
					Text         string
					FootnoteRefs []struct {
						Offset   int64
						Footnote idObj
					}
				}
			}
			Footnotes []idObj
		}
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	if d.Document == nil {
		return nil, fmt.Errorf("no document")
	}
	out := ReaderDocument{DocumentID: int64(d.Document.ID), AuthorIDs: []int64{}, Sections: []ReaderSection{}, FootnoteIDs: []int64{}}
	for _, a := range d.Document.Authors {
		out.AuthorIDs = append(out.AuthorIDs, int64(a.ID))
	}
	for _, s := range d.Document.Sections {
		sec := ReaderSection{ID: int64(s.ID), Heading: s.Heading, Paragraphs: []ReaderParagraph{}}
		for _, p := range s.Paragraphs {
			para := ReaderParagraph{ID: int64(p.ID), Text: p.Text, Refs: [][2]int64{}}
			for _, r := range p.FootnoteRefs {
				para.Refs = append(para.Refs, [2]int64{int64(r.Footnote.ID), r.Offset})
			}
			sec.Paragraphs = append(sec.Paragraphs, para)
		}
		out.Sections = append(out.Sections, sec)
	}
	for _, f := range d.Document.Footnotes {
		out.FootnoteIDs = append(out.FootnoteIDs, int64(f.ID))
	}
	return out, nil
}

func readerPostGraphile(b []byte) (any, error) {
	var d struct {
		Document *struct {
			RowID   bigint
			Authors nodes[struct {
				Author struct{ RowID bigint } `json:"authorByAuthorId"`
			}] `json:"documentAuthorsByDocumentId"`
			Sections nodes[struct {
				RowID      bigint
				Heading    *string
				Paragraphs nodes[struct {
					RowID bigint
					Text  string
					Refs  nodes[struct {
						Offset   int64
						Footnote struct{ RowID bigint } `json:"footnoteByFootnoteId"`
					}] `json:"footnoteRefsByParagraphId"`
				}] `json:"paragraphsBySectionId"`
			}] `json:"sectionsByDocumentId"`
			Footnotes nodes[struct{ RowID bigint }] `json:"footnotesByDocumentId"`
		} `json:"documentBySlug"`
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	if d.Document == nil {
		return nil, fmt.Errorf("no document")
	}
	out := ReaderDocument{DocumentID: int64(d.Document.RowID), AuthorIDs: []int64{}, Sections: []ReaderSection{}, FootnoteIDs: []int64{}}
	for _, a := range d.Document.Authors.Nodes {
		out.AuthorIDs = append(out.AuthorIDs, int64(a.Author.RowID))
	}
	for _, s := range d.Document.Sections.Nodes {
		sec := ReaderSection{ID: int64(s.RowID), Heading: s.Heading, Paragraphs: []ReaderParagraph{}}
		for _, p := range s.Paragraphs.Nodes {
			para := ReaderParagraph{ID: int64(p.RowID), Text: p.Text, Refs: [][2]int64{}}
			for _, r := range p.Refs.Nodes {
				para.Refs = append(para.Refs, [2]int64{int64(r.Footnote.RowID), r.Offset})
			}
			sec.Paragraphs = append(sec.Paragraphs, para)
		}
		out.Sections = append(out.Sections, sec)
	}
	for _, f := range d.Document.Footnotes.Nodes {
		out.FootnoteIDs = append(out.FootnoteIDs, int64(f.RowID))
	}
	return out, nil
}

func readerSQL(b []byte) (any, error) {
	var d *struct {
		DocumentID int64 `json:"document_id"`
		Authors    []struct{ ID int64 }
		Sections   []struct {
			ID         int64
			Heading    *string
			Paragraphs []struct {
				ID   int64
				Text string
				Refs []struct {
					Offset     int64
					FootnoteID int64 `json:"footnote_id"`
				}
			}
		}
		Footnotes []struct{ ID int64 }
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	if d == nil {
		return nil, fmt.Errorf("no document")
	}
	out := ReaderDocument{DocumentID: d.DocumentID, AuthorIDs: []int64{}, Sections: []ReaderSection{}, FootnoteIDs: []int64{}}
	for _, a := range d.Authors {
		out.AuthorIDs = append(out.AuthorIDs, a.ID)
	}
	for _, s := range d.Sections {
		sec := ReaderSection{ID: s.ID, Heading: s.Heading, Paragraphs: []ReaderParagraph{}}
		for _, p := range s.Paragraphs {
			para := ReaderParagraph{ID: p.ID, Text: p.Text, Refs: [][2]int64{}}
			for _, r := range p.Refs {
				para.Refs = append(para.Refs, [2]int64{r.FootnoteID, r.Offset})
			}
			sec.Paragraphs = append(sec.Paragraphs, para)
		}
		out.Sections = append(out.Sections, sec)
	}
	for _, f := range d.Footnotes {
		out.FootnoteIDs = append(out.FootnoteIDs, f.ID)
	}
	return out, nil
}

func searchSourcecmp(b []byte) (any, error) {
	var d struct {
		Search struct {
			TotalCount        int
			TotalCountIsExact bool
			Nodes             []struct{ Paragraph idObj }
		}
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	out := SearchPage{Total: d.Search.TotalCount, ParagraphIDs: []int64{}}
	if !d.Search.TotalCountIsExact {
		out.Total = -1
	}
	for _, n := range d.Search.Nodes {
		out.ParagraphIDs = append(out.ParagraphIDs, int64(n.Paragraph.ID))
	}
	return out, nil
}

func searchSQL(b []byte) (any, error) {
	var d struct {
		Total int
		Hits  []struct {
			ParagraphID int64 `json:"paragraph_id"`
		}
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return nil, err
	}
	out := SearchPage{Total: d.Total, ParagraphIDs: []int64{}}
	for _, h := range d.Hits {
		out.ParagraphIDs = append(out.ParagraphIDs, h.ParagraphID)
	}
	return out, nil
}
