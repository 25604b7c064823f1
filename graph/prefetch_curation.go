package graph

import (
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/sourcecmp/sourcecmp/graph/loaders"
	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Prefetch walks for topics, scores, stances, citations, comparisons and
// passages (see prefetch.go).

var (
	topicTypes    = []string{"Topic", "Node"}
	stanceTypes   = []string{"Stance", "Node"}
	citationTypes = []string{"Citation", "Node"}
)

func topicID(t *store.Topic) int64       { return t.ID }
func stanceID(s *store.Stance) int64     { return s.ID }
func citationID(c *store.Citation) int64 { return c.ID }

func (w *walker) topicList(ts []*store.Topic, sel ast.SelectionSet) {
	if len(ts) == 0 {
		return
	}
	keys := unique(ids(ts, topicID))
	for _, f := range w.fields(sel, topicTypes) {
		switch f.Name {
		case "positions":
			prefetch(w, w.l.PositionsByTopic, keys)
		case "stances":
			win, err := w.pageArgs(f).window(defaultFirst, topicStancesCursor)
			if err != nil {
				continue
			}
			lists := prefetch(w, w.l.StancesByTopic, limitKeys(keys, win))
			w.stanceConnection(windows(win, lists), f.Selections)
		case "documents":
			win, err := w.pageArgs(f).window(defaultFirst, topicDocumentsCursor)
			if err != nil {
				continue
			}
			lists := prefetch(w, w.l.DocumentsByTopic, limitKeys(keys, win))
			for _, c := range w.fields(f.Selections, []string{"DocumentConnection"}) {
				if c.Name == "totalCount" {
					prefetch(w, w.l.DocumentCountByTopic, keys)
				}
			}
			w.documentConnection(windows(win, lists), f.Selections)
		}
	}
}

// limitKeys asks for a window of each owner's list.
func limitKeys(owners []int64, win window) []loaders.LimitKey {
	out := make([]loaders.LimitKey, len(owners))
	for i, id := range owners {
		out[i] = loaders.LimitKey{OwnerID: id, Offset: win.start, Limit: win.read}
	}
	return out
}

// windows returns the items of each list's page, the lists read from the
// window's start.
func windows[T any](win window, lists [][]T) []T {
	var out []T
	for _, l := range lists {
		items, _, _ := positioned(win, l)
		out = append(out, items...)
	}
	return out
}

// stanceConnection walks a StanceConnection's nodes and edges.
func (w *walker) stanceConnection(sts []*store.Stance, sel ast.SelectionSet) {
	w.connection(sel, "StanceConnection", "StanceEdge", func(sel ast.SelectionSet) { w.stanceList(sts, sel) })
}

// evidenceConnection walks the paragraphs of an EvidenceConnection.
func (w *walker) evidenceConnection(ps []*store.Passage, sel ast.SelectionSet) {
	paras := passageParagraphs(ps)
	w.connection(sel, "EvidenceConnection", "PassageEdge", func(sel ast.SelectionSet) { w.passages(paras, sel) })
}

// topicsByID walks topics reached by a to-one field.
func (w *walker) topicsByID(topicIDs []int64, sel ast.SelectionSet) {
	prefetch(w, w.l.TopicByID, unique(topicIDs))
	w.topicList(cached(w, w.l.TopicByID, topicIDs), sel)
}

// topicScores walks the topic of each score.
func (w *walker) topicScores(scores []*store.TopicScore, sel ast.SelectionSet) {
	for _, f := range w.fields(sel, []string{"TopicScore"}) {
		if f.Name == "topic" {
			w.topicsByID(ids(scores, func(s *store.TopicScore) int64 { return s.TopicID }), f.Selections)
		}
	}
}

func (w *walker) stanceList(sts []*store.Stance, sel ast.SelectionSet) {
	if len(sts) == 0 {
		return
	}
	keys := unique(ids(sts, stanceID))
	docIDs := ids(sts, func(s *store.Stance) int64 { return s.DocumentID })
	topicIDs := ids(sts, func(s *store.Stance) int64 { return s.TopicID })
	for _, f := range w.fields(sel, stanceTypes) {
		switch f.Name {
		case "document":
			w.documentsByID(docIDs, f.Selections)
		case "authors":
			w.authorList(flatten(prefetch(w, w.l.AuthorsByDocument, unique(docIDs))), f.Selections)
		case "topic":
			w.topicsByID(topicIDs, f.Selections)
		case "positionLabel":
			prefetch(w, w.l.PositionsByTopic, unique(topicIDs))
		case "citations":
			w.citationList(flatten(prefetch(w, w.l.CitationsByStance, keys)), f.Selections)
		}
	}
}

func (w *walker) citationList(cs []*store.Citation, sel ast.SelectionSet) {
	if len(cs) == 0 {
		return
	}
	keys := unique(ids(cs, citationID))
	var paraIDs []int64
	for _, c := range cs {
		if c.ParagraphID != nil {
			paraIDs = append(paraIDs, *c.ParagraphID)
		}
	}
	// Both paragraph and section need the paragraphs: read them once.
	paragraphs := func() []*store.Paragraph {
		prefetch(w, w.l.ParagraphByID, missing(paraIDs, w.paragraphs))
		for _, id := range paraIDs {
			w.paragraphs[id] = true
		}
		return cached(w, w.l.ParagraphByID, paraIDs)
	}
	for _, f := range w.fields(sel, citationTypes) {
		switch f.Name {
		case "paragraph":
			w.paragraphList(paragraphs(), f.Selections)
		case "section":
			secIDs := ids(paragraphs(), func(p *store.Paragraph) int64 { return p.SectionID })
			prefetch(w, w.l.SectionByID, missing(secIDs, w.sections))
			w.sectionList(cached(w, w.l.SectionByID, secIDs), f.Selections)
		case "document":
			w.documentsByID(ids(cs, func(c *store.Citation) int64 { return c.DocumentID }), f.Selections)
		case "footnotes":
			w.footnoteList(flatten(prefetch(w, w.l.FootnotesByCitation, keys)), f.Selections)
		}
	}
}

// passages walks the paragraphs of a list of passages.
func (w *walker) passages(paras []*store.Paragraph, sel ast.SelectionSet) {
	for _, f := range w.fields(sel, []string{"Passage"}) {
		if f.Name == "paragraph" {
			w.paragraphList(paras, f.Selections)
		}
	}
}

func (w *walker) passageConnection(paras []*store.Paragraph, sel ast.SelectionSet) {
	w.connection(sel, "PassageConnection", "PassageEdge", func(sel ast.SelectionSet) { w.passages(paras, sel) })
}

func passageParagraphs(ps []*store.Passage) []*store.Paragraph {
	out := make([]*store.Paragraph, len(ps))
	for i, p := range ps {
		para := p.Paragraph
		out[i] = &para
	}
	return out
}

// topicOf resolves a field's topic argument (a slug) to its id; 0 when the
// argument is missing or unknown (the resolver reports that).
func (w *walker) topicOf(f graphql.CollectedField) int64 {
	slug, ok := f.ArgumentMap(w.op.Variables)["topic"].(string)
	if !ok {
		return 0
	}
	ts := prefetch(w, w.l.TopicBySlug, []string{slug})
	if len(ts) == 0 {
		return 0 // an unknown topic is the resolver's error to report
	}
	return ts[0].ID
}

// authorCuration walks an author's stances, stance and evidence.
func (w *walker) authorCuration(authorIDs []int64, f graphql.CollectedField) {
	switch f.Name {
	case "stances", "stance":
		topic := w.topicOf(f)
		if f.Name == "stance" && topic == 0 {
			return
		}
		keys := make([]loaders.TopicPairKey, len(authorIDs))
		for i, id := range authorIDs {
			keys[i] = loaders.TopicPairKey{OwnerID: id, TopicID: topic}
		}
		if f.Name == "stance" {
			var sts []*store.Stance
			for _, l := range prefetch(w, w.l.StancesByAuthor, keys) {
				if len(l) > 0 {
					sts = append(sts, l[0])
				}
			}
			w.stanceList(sts, f.Selections)
			return
		}
		win, err := w.pageArgs(f).window(defaultFirst, authorStancesCursor)
		if err != nil {
			return
		}
		var lists [][]*store.Stance
		for _, all := range prefetch(w, w.l.StancesByAuthor, keys) {
			lists = append(lists, skip(win, all))
		}
		w.stanceConnection(windows(win, lists), f.Selections)
	case "evidence":
		topic := w.topicOf(f)
		win, err := w.pageArgs(f).window(5, evidenceCursor)
		if topic == 0 || err != nil {
			return
		}
		w.evidenceConnection(windows(win, prefetch(w, w.l.EvidenceByAuthor, evidenceKeys(authorIDs, topic, win))), f.Selections)
	}
}

// evidenceKeys asks for a window of each owner's best passages on a topic.
func evidenceKeys(owners []int64, topic int64, win window) []loaders.EvidenceKey {
	out := make([]loaders.EvidenceKey, len(owners))
	for i, id := range owners {
		out[i] = loaders.EvidenceKey{OwnerID: id, TopicID: topic, Offset: win.start, Limit: win.read}
	}
	return out
}

// comparison walks a TopicComparison's topic and rows.
func (w *walker) comparison(c *model.TopicComparison, sel ast.SelectionSet) {
	docs := make([]*store.Document, len(c.Nodes))
	for i, r := range c.Nodes {
		docs[i] = r.Document
	}
	docIDs := unique(ids(docs, documentID))
	pairs := make([]loaders.TopicPairKey, len(docIDs))
	for i, id := range docIDs {
		pairs[i] = loaders.TopicPairKey{OwnerID: id, TopicID: c.Topic.ID}
	}
	for _, f := range w.fields(sel, []string{"TopicComparison"}) {
		switch f.Name {
		case "topic":
			w.topicList([]*store.Topic{c.Topic}, f.Selections)
		case "nodes":
			w.comparisonRows(c.Topic.ID, docs, docIDs, pairs, f.Selections)
		case "edges":
			for _, e := range w.fields(f.Selections, []string{"ComparisonRowEdge"}) {
				if e.Name == "node" {
					w.comparisonRows(c.Topic.ID, docs, docIDs, pairs, e.Selections)
				}
			}
		}
	}
}

// comparisonRows walks the fields of a comparison's rows.
func (w *walker) comparisonRows(topic int64, docs []*store.Document, docIDs []int64, pairs []loaders.TopicPairKey, sel ast.SelectionSet) {
	for _, f := range w.fields(sel, []string{"ComparisonRow"}) {
		switch f.Name {
		case "document":
			w.documentList(docs, f.Selections)
		case "authors":
			w.authorList(flatten(prefetch(w, w.l.AuthorsByDocument, docIDs)), f.Selections)
		case "stance":
			var sts []*store.Stance
			for _, s := range prefetch(w, w.l.StanceByDocTopic, pairs) {
				if s != nil {
					sts = append(sts, s)
				}
			}
			w.stanceList(sts, f.Selections)
		case "coverage":
			prefetch(w, w.l.CoverageByDocTopic, pairs)
		case "evidence":
			win, err := w.pageArgs(f).window(3, evidenceCursor)
			if err != nil {
				continue
			}
			w.evidenceConnection(windows(win, prefetch(w, w.l.EvidenceByDocument, evidenceKeys(docIDs, topic, win))), f.Selections)
		}
	}
}
