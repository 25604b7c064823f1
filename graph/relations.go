package graph

import (
	"context"

	"github.com/sourcecmp/sourcecmp/graph/loaders"
	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// The relation table: every object field the database answers, with its
// loader, its key, its arguments and defaults, and its bound. Nothing else
// writes the relation graph down: resolvers call load, the walk and the
// cost model look fields up here, and TestEveryRelationIsBatched checks
// every field of the schema against the statement counts.

type (
	ls                      = loaders.Loaders
	ld[K comparable, V any] = loaders.Loader[K, V]
)

// Page sizes of the lists that page by default with other than
// defaultFirst.
const (
	authorEvidenceFirst = 5
	rowEvidenceFirst    = 3
)

// of reads a list (or a value) owned by the parent's id.
func of[P any, V any](loader func(*ls) *ld[int64, V], id func(P) int64, s spec) rel[P, int64, V] {
	return rel[P, int64, V]{spec: s, loader: loader, key: func(p P, _ args) (int64, bool) { return id(p), true }}
}

// to is a to-one field: the object of type target with the parent's id.
func to[P any, V any](target string, loader func(*ls) *ld[int64, V], id func(P) int64) rel[P, int64, V] {
	r := of(loader, id, spec{})
	r.target = target
	return r
}

var relations = map[fieldKey]relation{
	{"Document", "text"}:      of(func(l *ls) *ld[int64, string] { return l.DocumentText }, documentID, spec{text: docChars}),
	{"Document", "authors"}:   of(authorsByDocument, documentID, spec{bound: authorsBound}),
	{"Document", "sections"}:  of(func(l *ls) *ld[int64, []*store.Section] { return l.SectionsByDocument }, documentID, spec{bound: func(b store.ListBounds) int { return b.SectionsPerDocument }}),
	{"Document", "footnotes"}: of(func(l *ls) *ld[int64, []*store.Footnote] { return l.FootnotesByDocument }, documentID, spec{bound: footnotesBound}),
	{"Document", "captions"}:  captions,
	{"Document", "topics"}:    of(func(l *ls) *ld[int64, []*store.TopicScore] { return l.ScoresByDocument }, documentID, spec{bound: topicsBound}),
	{"Document", "stances"}:   of(func(l *ls) *ld[int64, []*store.Stance] { return l.StancesByDocument }, documentID, spec{bound: func(b store.ListBounds) int { return b.StancesPerDocument }}),

	{"Author", "documents"}: authorDocuments,
	{"Author", "stances"}:   authorStances,
	{"Author", "stance"}:    authorStance,
	{"Author", "evidence"}:  authorEvidence,

	{"Section", "document"}:   to("Document", documentByID, func(s *store.Section) int64 { return s.DocumentID }),
	{"Section", "text"}:       of(func(l *ls) *ld[int64, string] { return l.SectionText }, sectionID, spec{text: sectionChars}),
	{"Section", "paragraphs"}: of(func(l *ls) *ld[int64, []*store.Paragraph] { return l.ParagraphsBySection }, sectionID, spec{bound: func(b store.ListBounds) int { return b.ParagraphsPerSection }}),
	{"Section", "topics"}:     of(func(l *ls) *ld[int64, []*store.TopicScore] { return l.ScoresBySection }, sectionID, spec{bound: topicsBound}),

	{"Paragraph", "document"}:     to("Document", documentByID, func(p *store.Paragraph) int64 { return p.DocumentID }),
	{"Paragraph", "section"}:      paragraphSection,
	{"Paragraph", "footnoteRefs"}: of(func(l *ls) *ld[int64, []*store.FootnoteRef] { return l.FootnoteRefsByPara }, paragraphID, spec{bound: refsBound}),
	{"Paragraph", "footnotes"}:    of(func(l *ls) *ld[int64, []*store.Footnote] { return l.FootnotesByParagraph }, paragraphID, spec{bound: refsBound}),
	{"Paragraph", "topics"}:       of(func(l *ls) *ld[int64, []*store.TopicScore] { return l.ScoresByParagraph }, paragraphID, spec{bound: topicsBound}),

	{"Footnote", "document"}: to("Document", documentByID, func(f *store.Footnote) int64 { return f.DocumentID }),
	{"Footnote", "citedIn"}:  of(func(l *ls) *ld[int64, []*store.Paragraph] { return l.ParagraphsByFootnote }, footnoteID, spec{bound: func(b store.ListBounds) int { return b.ParagraphsPerFootnote }}),
	{"Footnote", "works"}:    of(func(l *ls) *ld[int64, []*store.WorkCitation] { return l.WorkCitationsByFootnote }, footnoteID, spec{bound: func(b store.ListBounds) int { return b.WorksPerFootnote }}),

	{"Topic", "positions"}: of(positionsByTopic, topicID, spec{bound: func(b store.ListBounds) int { return b.PositionsPerTopic }}),
	{"Topic", "stances"}:   topicStances,
	{"Topic", "documents"}: topicDocuments,

	{"TopicScore", "topic"}: to("Topic", topicByID, func(s *store.TopicScore) int64 { return s.TopicID }),

	{"Stance", "document"}:      to("Document", documentByID, func(s *store.Stance) int64 { return s.DocumentID }),
	{"Stance", "authors"}:       of(authorsByDocument, func(s *store.Stance) int64 { return s.DocumentID }, spec{bound: authorsBound}),
	{"Stance", "topic"}:         to("Topic", topicByID, func(s *store.Stance) int64 { return s.TopicID }),
	{"Stance", "positionLabel"}: positionLabel,
	{"Stance", "citations"}:     of(func(l *ls) *ld[int64, []*store.Citation] { return l.CitationsByStance }, stanceID, spec{bound: func(b store.ListBounds) int { return b.CitationsPerStance }}),

	{"Citation", "paragraph"}: citationParagraph,
	{"Citation", "section"}:   via{citationParagraph, paragraphSection},
	{"Citation", "document"}:  to("Document", documentByID, func(c *store.Citation) int64 { return c.DocumentID }),
	// A quote may span paragraphs: the bound is the document's.
	{"Citation", "footnotes"}: of(func(l *ls) *ld[int64, []*store.Footnote] { return l.FootnotesByCitation }, citationID, spec{bound: footnotesBound}),

	{"ComparisonRow", "authors"}:  of(authorsByDocument, func(r *model.ComparisonRow) int64 { return r.Document.ID }, spec{bound: authorsBound}),
	{"ComparisonRow", "stance"}:   rowRelation(func(l *ls) *ld[loaders.TopicPairKey, *store.Stance] { return l.StanceByDocTopic }),
	{"ComparisonRow", "coverage"}: rowRelation(func(l *ls) *ld[loaders.TopicPairKey, float64] { return l.CoverageByDocTopic }),
	{"ComparisonRow", "evidence"}: rowEvidence,

	{"Work", "citedBy"}: workCitedBy,

	{"WorkCitation", "footnote"}: to("Footnote", footnoteByID, func(c *store.WorkCitation) int64 { return c.FootnoteID }),
	{"WorkCitation", "work"}:     to("Work", func(l *ls) *ld[int64, *store.Work] { return l.WorkByID }, func(c *store.WorkCitation) int64 { return c.WorkID }),
}

// The relations that take arguments or answer more than the loader's
// value.
var (
	captions = rel[*store.Document, int64, []doc.Caption]{spec: spec{},
		loader: func(l *ls) *ld[int64, []doc.Caption] { return l.CaptionsByDocument },
		key:    func(d *store.Document, _ args) (int64, bool) { return d.ID, true },
		answer: func(_ *store.Document, _ args, cs []doc.Caption) any {
			out := make([]*doc.Caption, len(cs))
			for i := range cs {
				out[i] = &cs[i]
			}
			return out
		}}

	authorDocuments = rel[*store.Author, loaders.AuthorDocumentsKey, []*store.Document]{spec: spec{first: defaultFirst},
		loader: func(l *ls) *ld[loaders.AuthorDocumentsKey, []*store.Document] { return l.DocumentsByAuthor },
		key: func(au *store.Author, a args) (loaders.AuthorDocumentsKey, bool) {
			return loaders.AuthorDocumentsKey{AuthorID: au.ID, Limit: a.page.n + 1, After: a.after, Backward: a.page.backward}, true
		},
		answer: func(au *store.Author, a args, docs []*store.Document) any {
			return documentConnection(a.page, docs, func(ctx context.Context) (int, error) {
				return loaders.For(ctx).DocumentCountByAuthor.Load(ctx, au.ID)
			})
		},
		count:    func(l *ls) *ld[int64, int] { return l.DocumentCountByAuthor },
		countKey: func(au *store.Author) int64 { return au.ID }}

	// An author's stances: all of them, read once, and paged here.
	authorStances = rel[*store.Author, loaders.TopicPairKey, []*store.Stance]{spec: spec{first: defaultFirst, cursor: authorStancesCursor, topic: optionalTopic},
		loader: stancesByAuthor, key: authorTopic,
		answer: func(_ *store.Author, a args, sts []*store.Stance) any {
			return stanceConnection(a.win, skip(a.win, sts))
		}}

	authorStance = rel[*store.Author, loaders.TopicPairKey, []*store.Stance]{spec: spec{topic: requiredTopic},
		loader: stancesByAuthor, key: authorTopic,
		answer: func(_ *store.Author, _ args, sts []*store.Stance) any {
			if len(sts) == 0 {
				return nil
			}
			return sts[0] // the newest document's
		}}

	authorEvidence = rel[*store.Author, loaders.EvidenceKey, []*store.Passage]{spec: spec{first: authorEvidenceFirst, cursor: evidenceCursor, topic: requiredTopic},
		loader: func(l *ls) *ld[loaders.EvidenceKey, []*store.Passage] { return l.EvidenceByAuthor },
		key: func(au *store.Author, a args) (loaders.EvidenceKey, bool) {
			return loaders.EvidenceKey{OwnerID: au.ID, TopicID: a.topic.ID, Offset: a.win.start, Limit: a.win.read}, true
		},
		answer: func(_ *store.Author, a args, ps []*store.Passage) any {
			return evidenceConnection(a.win, passages(a.topic.ID, ps))
		}}

	paragraphSection = to("Section", func(l *ls) *ld[int64, *store.Section] { return l.SectionByID }, func(p *store.Paragraph) int64 { return p.SectionID })

	citationParagraph = rel[*store.Citation, int64, *store.Paragraph]{target: "Paragraph",
		loader: func(l *ls) *ld[int64, *store.Paragraph] { return l.ParagraphByID },
		key: func(c *store.Citation, _ args) (int64, bool) {
			if c.ParagraphID == nil {
				return 0, false
			}
			return *c.ParagraphID, true
		}}

	topicStances = rel[*store.Topic, loaders.LimitKey, []*store.Stance]{spec: spec{first: defaultFirst, cursor: topicStancesCursor},
		loader: func(l *ls) *ld[loaders.LimitKey, []*store.Stance] { return l.StancesByTopic }, key: topicWindow,
		answer: func(_ *store.Topic, a args, sts []*store.Stance) any { return stanceConnection(a.win, sts) }}

	topicDocuments = rel[*store.Topic, loaders.LimitKey, []*store.Document]{spec: spec{first: defaultFirst, cursor: topicDocumentsCursor},
		loader: func(l *ls) *ld[loaders.LimitKey, []*store.Document] { return l.DocumentsByTopic }, key: topicWindow,
		answer: func(t *store.Topic, a args, docs []*store.Document) any {
			return positionedDocuments(a.win, docs, func(ctx context.Context) (int, error) {
				return loaders.For(ctx).DocumentCountByTopic.Load(ctx, t.ID)
			})
		},
		count:    func(l *ls) *ld[int64, int] { return l.DocumentCountByTopic },
		countKey: topicID}

	positionLabel = rel[*store.Stance, int64, []*store.Position]{loader: positionsByTopic,
		key: func(s *store.Stance, _ args) (int64, bool) { return s.TopicID, true },
		answer: func(s *store.Stance, a args, ps []*store.Position) any {
			for _, p := range ps {
				if p.Slug == s.Position {
					return inLang(a.lang, p.LabelJA, p.LabelEN)
				}
			}
			return s.Position // the foreign key makes this unreachable
		}}

	rowEvidence = rel[*model.ComparisonRow, loaders.EvidenceKey, []*store.Passage]{spec: spec{first: rowEvidenceFirst, cursor: evidenceCursor},
		loader: func(l *ls) *ld[loaders.EvidenceKey, []*store.Passage] { return l.EvidenceByDocument },
		key: func(r *model.ComparisonRow, a args) (loaders.EvidenceKey, bool) {
			return loaders.EvidenceKey{OwnerID: r.Document.ID, TopicID: r.TopicID, Offset: a.win.start, Limit: a.win.read}, true
		},
		answer: func(r *model.ComparisonRow, a args, ps []*store.Passage) any {
			return evidenceConnection(a.win, passages(r.TopicID, ps))
		}}

	workCitedBy = rel[*store.Work, int64, []*store.WorkCitation]{spec: spec{first: defaultFirst, cursor: citedByCursor},
		loader: func(l *ls) *ld[int64, []*store.WorkCitation] { return l.WorkCitationsByWork },
		key:    func(w *store.Work, _ args) (int64, bool) { return w.ID, true },
		answer: func(_ *store.Work, a args, cs []*store.WorkCitation) any {
			return workCitationConnection(a.win, skip(a.win, cs))
		}}
)

// rowRelation is a comparison row's value on its topic.
func rowRelation[V any](loader func(*ls) *ld[loaders.TopicPairKey, V]) rel[*model.ComparisonRow, loaders.TopicPairKey, V] {
	return rel[*model.ComparisonRow, loaders.TopicPairKey, V]{loader: loader,
		key: func(r *model.ComparisonRow, _ args) (loaders.TopicPairKey, bool) {
			return loaders.TopicPairKey{OwnerID: r.Document.ID, TopicID: r.TopicID}, true
		}}
}

// authorTopic keys an author's stances on the topic argument (0: all).
func authorTopic(au *store.Author, a args) (loaders.TopicPairKey, bool) {
	k := loaders.TopicPairKey{OwnerID: au.ID}
	if a.topic != nil {
		k.TopicID = a.topic.ID
	}
	return k, true
}

func topicWindow(t *store.Topic, a args) (loaders.LimitKey, bool) {
	return loaders.LimitKey{OwnerID: t.ID, Offset: a.win.start, Limit: a.win.read}, true
}

func documentByID(l *ls) *ld[int64, *store.Document]                   { return l.DocumentByID }
func footnoteByID(l *ls) *ld[int64, *store.Footnote]                   { return l.FootnoteByID }
func topicByID(l *ls) *ld[int64, *store.Topic]                         { return l.TopicByID }
func authorsByDocument(l *ls) *ld[int64, []*store.Author]              { return l.AuthorsByDocument }
func positionsByTopic(l *ls) *ld[int64, []*store.Position]             { return l.PositionsByTopic }
func stancesByAuthor(l *ls) *ld[loaders.TopicPairKey, []*store.Stance] { return l.StancesByAuthor }

func documentID(d *store.Document) int64   { return d.ID }
func authorID(a *store.Author) int64       { return a.ID }
func workID(w *store.Work) int64           { return w.ID }
func sectionID(s *store.Section) int64     { return s.ID }
func paragraphID(p *store.Paragraph) int64 { return p.ID }
func footnoteID(f *store.Footnote) int64   { return f.ID }
func topicID(t *store.Topic) int64         { return t.ID }
func stanceID(s *store.Stance) int64       { return s.ID }
func citationID(c *store.Citation) int64   { return c.ID }

func authorsBound(b store.ListBounds) int   { return b.AuthorsPerDocument }
func footnotesBound(b store.ListBounds) int { return b.FootnotesPerDocument }
func refsBound(b store.ListBounds) int      { return b.RefsPerParagraph }
func topicsBound(b store.ListBounds) int    { return b.Topics }
func docChars(b store.ListBounds) int       { return b.DocumentChars }
func sectionChars(b store.ListBounds) int   { return b.SectionChars }
