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
// writes the relation graph down: the schema marks these fields
// @relation, Resolver.Relation answers them, the walk and the cost model
// look fields up here, and TestEveryRelationIsBatched checks
// every field of the schema against the statement counts.

// Page sizes of the lists that page by default with other than
// defaultFirst.
const (
	authorEvidenceFirst = 5
	rowEvidenceFirst    = 3
)

// of reads a list (or a value) owned by the parent's id.
func of[P any, V any](loader loaders.Kind[int64, V], id func(P) int64, s spec) rel[P, int64, V] {
	return rel[P, int64, V]{spec: s, loader: loader, key: func(p P, _ args) (int64, bool) { return id(p), true }}
}

// to is a to-one field: the object of type target with the parent's id.
func to[P any, V any](target string, loader loaders.Kind[int64, V], id func(P) int64) rel[P, int64, V] {
	r := of(loader, id, spec{})
	r.target = target
	return r
}

var relations = map[fieldKey]relation{
	{"Document", "text"}:      of(loaders.DocumentText, documentID, spec{text: docChars}),
	{"Document", "authors"}:   of(loaders.AuthorsByDocument, documentID, spec{bound: authorsBound}),
	{"Document", "sections"}:  of(loaders.SectionsByDocument, documentID, spec{bound: func(b store.ListBounds) int { return b.SectionsPerDocument }}),
	{"Document", "footnotes"}: of(loaders.FootnotesByDocument, documentID, spec{bound: footnotesBound}),
	{"Document", "captions"}:  captions,
	{"Document", "topics"}:    of(loaders.ScoresByDocument, documentID, spec{bound: topicsBound}),
	{"Document", "stances"}:   of(loaders.StancesByDocument, documentID, spec{bound: func(b store.ListBounds) int { return b.StancesPerDocument }}),

	{"Author", "documents"}: authorDocuments,
	{"Author", "stances"}:   authorStances,
	{"Author", "stance"}:    authorStance,
	{"Author", "evidence"}:  authorEvidence,

	{"Section", "document"}:   to("Document", loaders.DocumentByID, func(s *store.Section) int64 { return s.DocumentID }),
	{"Section", "text"}:       of(loaders.SectionText, sectionID, spec{text: sectionChars}),
	{"Section", "paragraphs"}: of(loaders.ParagraphsBySection, sectionID, spec{bound: func(b store.ListBounds) int { return b.ParagraphsPerSection }}),
	{"Section", "topics"}:     of(loaders.ScoresBySection, sectionID, spec{bound: topicsBound}),

	{"Paragraph", "document"}:     to("Document", loaders.DocumentByID, func(p *store.Paragraph) int64 { return p.DocumentID }),
	{"Paragraph", "section"}:      paragraphSection,
	{"Paragraph", "footnoteRefs"}: of(loaders.FootnoteRefsByPara, paragraphID, spec{bound: refsBound}),
	{"Paragraph", "footnotes"}:    of(loaders.FootnotesByParagraph, paragraphID, spec{bound: refsBound}),
	{"Paragraph", "topics"}:       of(loaders.ScoresByParagraph, paragraphID, spec{bound: topicsBound}),

	{"Footnote", "document"}: to("Document", loaders.DocumentByID, func(f *store.Footnote) int64 { return f.DocumentID }),
	{"Footnote", "citedIn"}:  of(loaders.ParagraphsByFootnote, footnoteID, spec{bound: func(b store.ListBounds) int { return b.ParagraphsPerFootnote }}),
	{"Footnote", "works"}:    of(loaders.WorkCitationsByFootnote, footnoteID, spec{bound: func(b store.ListBounds) int { return b.WorksPerFootnote }}),

	{"Topic", "positions"}: of(loaders.PositionsByTopic, topicID, spec{bound: func(b store.ListBounds) int { return b.PositionsPerTopic }}),
	{"Topic", "stances"}:   topicStances,
	{"Topic", "documents"}: topicDocuments,

	{"TopicScore", "topic"}: to("Topic", loaders.TopicByID, func(s *store.TopicScore) int64 { return s.TopicID }),

	{"Stance", "document"}:      to("Document", loaders.DocumentByID, func(s *store.Stance) int64 { return s.DocumentID }),
	{"Stance", "authors"}:       of(loaders.AuthorsByDocument, func(s *store.Stance) int64 { return s.DocumentID }, spec{bound: authorsBound}),
	{"Stance", "topic"}:         to("Topic", loaders.TopicByID, func(s *store.Stance) int64 { return s.TopicID }),
	{"Stance", "positionLabel"}: positionLabel,
	{"Stance", "citations"}:     of(loaders.CitationsByStance, stanceID, spec{bound: func(b store.ListBounds) int { return b.CitationsPerStance }}),

	{"Citation", "paragraph"}: citationParagraph,
	{"Citation", "section"}:   via{citationParagraph, paragraphSection},
	{"Citation", "document"}:  to("Document", loaders.DocumentByID, func(c *store.Citation) int64 { return c.DocumentID }),
	// A quote may span paragraphs: the bound is the document's.
	{"Citation", "footnotes"}: of(loaders.FootnotesByCitation, citationID, spec{bound: footnotesBound}),

	{"ComparisonRow", "authors"}:  of(loaders.AuthorsByDocument, func(r *model.ComparisonRow) int64 { return r.Document.ID }, spec{bound: authorsBound}),
	{"ComparisonRow", "stance"}:   rowRelation(loaders.StanceByDocTopic),
	{"ComparisonRow", "coverage"}: rowRelation(loaders.CoverageByDocTopic),
	{"ComparisonRow", "evidence"}: rowEvidence,

	{"Work", "citedBy"}: workCitedBy,

	{"WorkCitation", "footnote"}: to("Footnote", loaders.FootnoteByID, func(c *store.WorkCitation) int64 { return c.FootnoteID }),
	{"WorkCitation", "work"}:     to("Work", loaders.WorkByID, func(c *store.WorkCitation) int64 { return c.WorkID }),
}

// The relations that take arguments or answer more than the loader's
// value.
var (
	captions = rel[*store.Document, int64, []doc.Caption]{spec: spec{},
		loader: loaders.CaptionsByDocument,
		key:    func(d *store.Document, _ args) (int64, bool) { return d.ID, true },
		answer: func(_ *store.Document, _ args, cs []doc.Caption) any {
			out := make([]*doc.Caption, len(cs))
			for i := range cs {
				out[i] = &cs[i]
			}
			return out
		}}

	authorDocuments = rel[*store.Author, loaders.AuthorDocumentsKey, []*store.Document]{spec: spec{first: defaultFirst},
		loader: loaders.DocumentsByAuthor,
		key: func(au *store.Author, a args) (loaders.AuthorDocumentsKey, bool) {
			return loaders.AuthorDocumentsKey{AuthorID: au.ID, Limit: a.page.n + 1, After: a.after, Backward: a.page.backward}, true
		},
		answer: func(au *store.Author, a args, docs []*store.Document) any {
			return documentConnection(a.page, docs, func(ctx context.Context) (int, error) {
				return loaders.DocumentCountByAuthor.For(ctx).Load(ctx, au.ID)
			})
		},
		count:    &loaders.DocumentCountByAuthor,
		countKey: func(au *store.Author) int64 { return au.ID }}

	// An author's stances: all of them, read once, and paged here.
	authorStances = rel[*store.Author, loaders.TopicPairKey, []*store.Stance]{spec: spec{first: defaultFirst, cursor: authorStancesCursor, topic: optionalTopic},
		loader: loaders.StancesByAuthor, key: authorTopic,
		answer: func(_ *store.Author, a args, sts []*store.Stance) any {
			return stanceConnection(a.win, skip(a.win, sts))
		}}

	authorStance = rel[*store.Author, loaders.TopicPairKey, []*store.Stance]{spec: spec{topic: requiredTopic},
		loader: loaders.StancesByAuthor, key: authorTopic,
		answer: func(_ *store.Author, _ args, sts []*store.Stance) any {
			if len(sts) == 0 {
				return nil
			}
			return sts[0] // the newest document's
		}}

	authorEvidence = rel[*store.Author, loaders.EvidenceKey, []*store.Passage]{spec: spec{first: authorEvidenceFirst, cursor: evidenceCursor, topic: requiredTopic},
		loader: loaders.EvidenceByAuthor,
		key: func(au *store.Author, a args) (loaders.EvidenceKey, bool) {
			return loaders.EvidenceKey{OwnerID: au.ID, TopicID: a.topic.ID, Offset: a.win.start, Limit: a.win.read}, true
		},
		answer: func(_ *store.Author, a args, ps []*store.Passage) any {
			return evidenceConnection(a.win, passages(a.topic.ID, ps))
		}}

	paragraphSection = to("Section", loaders.SectionByID, func(p *store.Paragraph) int64 { return p.SectionID })

	citationParagraph = rel[*store.Citation, int64, *store.Paragraph]{target: "Paragraph",
		loader: loaders.ParagraphByID,
		key: func(c *store.Citation, _ args) (int64, bool) {
			if c.ParagraphID == nil {
				return 0, false
			}
			return *c.ParagraphID, true
		}}

	topicStances = rel[*store.Topic, loaders.LimitKey, []*store.Stance]{spec: spec{first: defaultFirst, cursor: topicStancesCursor},
		loader: loaders.StancesByTopic, key: topicWindow,
		answer: func(_ *store.Topic, a args, sts []*store.Stance) any { return stanceConnection(a.win, sts) }}

	topicDocuments = rel[*store.Topic, loaders.LimitKey, []*store.Document]{spec: spec{first: defaultFirst, cursor: topicDocumentsCursor},
		loader: loaders.DocumentsByTopic, key: topicWindow,
		answer: func(t *store.Topic, a args, docs []*store.Document) any {
			return positionedDocuments(a.win, docs, func(ctx context.Context) (int, error) {
				return loaders.DocumentCountByTopic.For(ctx).Load(ctx, t.ID)
			})
		},
		count:    &loaders.DocumentCountByTopic,
		countKey: topicID}

	positionLabel = rel[*store.Stance, int64, []*store.Position]{loader: loaders.PositionsByTopic,
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
		loader: loaders.EvidenceByDocument,
		key: func(r *model.ComparisonRow, a args) (loaders.EvidenceKey, bool) {
			return loaders.EvidenceKey{OwnerID: r.Document.ID, TopicID: r.TopicID, Offset: a.win.start, Limit: a.win.read}, true
		},
		answer: func(r *model.ComparisonRow, a args, ps []*store.Passage) any {
			return evidenceConnection(a.win, passages(r.TopicID, ps))
		}}

	workCitedBy = rel[*store.Work, int64, []*store.WorkCitation]{spec: spec{first: defaultFirst, cursor: citedByCursor},
		loader: loaders.WorkCitationsByWork,
		key:    func(w *store.Work, _ args) (int64, bool) { return w.ID, true },
		answer: func(_ *store.Work, a args, cs []*store.WorkCitation) any {
			return workCitationConnection(a.win, skip(a.win, cs))
		}}
)

// rowRelation is a comparison row's value on its topic.
func rowRelation[V any](loader loaders.Kind[loaders.TopicPairKey, V]) rel[*model.ComparisonRow, loaders.TopicPairKey, V] {
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
