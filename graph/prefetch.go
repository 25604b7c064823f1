package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/sourcecmp/sourcecmp/graph/loaders"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// A root resolver prefetches, before it returns, everything its field's
// selection asks for below the objects it found: level by level, one
// batch query per relation field, priming the loaders the nested
// resolvers then read from their cache. Waiting loaders alone would batch
// keys by time, and on a busy machine the keys of one level trickle in
// over more than any sensible window, so that the statement count would
// depend on the load and on the number of rows; prefetching makes it
// depend on the query alone, and nested fields never wait.
//
// Prefetching is an optimization: it stops at the first error and leaves
// the fields to their resolvers, which report errors where they belong.

// The GraphQL types each Go type satisfies, for collecting fields through
// fragments (`... on Node`), as the generated code does.
var (
	documentTypes   = []string{"Document", "Node"}
	authorTypes     = []string{"Author", "Node"}
	sectionTypes    = []string{"Section", "Node"}
	paragraphTypes  = []string{"Paragraph", "Node"}
	footnoteTypes   = []string{"Footnote", "Node"}
	footnoteRefType = []string{"FootnoteRef"}
)

// walker prefetches for one root field.
type walker struct {
	ctx context.Context
	op  *graphql.OperationContext
	l   *loaders.Loaders
	err error
	// Objects this walk has seen, so that a to-one field (a paragraph's
	// section) reads only what it has not.
	documents, sections, paragraphs, footnotes map[int64]bool
}

// prefetchFrom starts a walk below the current field.
func prefetchFrom(ctx context.Context) (*walker, ast.SelectionSet) {
	w := &walker{
		ctx: ctx, op: graphql.GetOperationContext(ctx), l: loaders.For(ctx),
		documents: map[int64]bool{}, sections: map[int64]bool{}, paragraphs: map[int64]bool{}, footnotes: map[int64]bool{},
	}
	return w, graphql.GetFieldContext(ctx).Field.Selections
}

// fields returns the fields selected on a type, or none once a prefetch
// failed.
func (w *walker) fields(sel ast.SelectionSet, types []string) []graphql.CollectedField {
	if w.err != nil || len(sel) == 0 {
		return nil
	}
	return graphql.CollectFields(w.op, sel, types)
}

// prefetch runs a loader's batch for keys and returns the values found.
func prefetch[K comparable, V any](w *walker, l *loaders.Loader[K, V], keys []K) []V {
	if w.err != nil || len(keys) == 0 {
		return nil
	}
	vals, err := l.Prefetch(w.ctx, keys)
	if err != nil {
		w.err = err
		return nil
	}
	return vals
}

// missing returns the ids the walk has not seen.
func missing(ids []int64, seen map[int64]bool) []int64 {
	var out []int64
	for _, id := range unique(ids) {
		if !seen[id] {
			out = append(out, id)
		}
	}
	return out
}

func unique(ids []int64) []int64 {
	seen := make(map[int64]bool, len(ids))
	out := make([]int64, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func ids[T any](objs []*T, id func(*T) int64) []int64 {
	out := make([]int64, len(objs))
	for i, o := range objs {
		out[i] = id(o)
	}
	return out
}

func flatten[T any](lists [][]*T) []*T {
	var out []*T
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func documentID(d *store.Document) int64   { return d.ID }
func sectionID(s *store.Section) int64     { return s.ID }
func paragraphID(p *store.Paragraph) int64 { return p.ID }
func footnoteID(f *store.Footnote) int64   { return f.ID }

// Walks below a single object, for the root fields that return one.
func (w *walker) document(d *store.Document, sel ast.SelectionSet) {
	w.documentList([]*store.Document{d}, sel)
}
func (w *walker) author(a *store.Author, sel ast.SelectionSet) { w.authorList([]*store.Author{a}, sel) }
func (w *walker) section(s *store.Section, sel ast.SelectionSet) {
	w.sectionList([]*store.Section{s}, sel)
}
func (w *walker) paragraph(p *store.Paragraph, sel ast.SelectionSet) {
	w.paragraphList([]*store.Paragraph{p}, sel)
}
func (w *walker) footnote(f *store.Footnote, sel ast.SelectionSet) {
	w.footnoteList([]*store.Footnote{f}, sel)
}

// connection walks the items of a connection's page with walk, once for
// what its nodes select and once for what its edges' nodes select.
func (w *walker) connection(sel ast.SelectionSet, connType, edgeType string, walk func(ast.SelectionSet)) {
	for _, f := range w.fields(sel, []string{connType}) {
		switch f.Name {
		case "nodes":
			walk(f.Selections)
		case "edges":
			for _, e := range w.fields(f.Selections, []string{edgeType}) {
				if e.Name == "node" {
					walk(e.Selections)
				}
			}
		}
	}
}

// documentConnection walks a DocumentConnection's nodes and edges.
func (w *walker) documentConnection(docs []*store.Document, sel ast.SelectionSet) {
	w.connection(sel, "DocumentConnection", "DocumentEdge", func(sel ast.SelectionSet) { w.documentList(docs, sel) })
}

func (w *walker) documentList(docs []*store.Document, sel ast.SelectionSet) {
	if len(docs) == 0 {
		return
	}
	keys := unique(ids(docs, documentID))
	for _, id := range keys {
		w.documents[id] = true
	}
	for _, f := range w.fields(sel, documentTypes) {
		switch f.Name {
		case "text":
			prefetch(w, w.l.DocumentText, keys)
		case "captions":
			prefetch(w, w.l.CaptionsByDocument, keys)
		case "authors":
			w.authorList(flatten(prefetch(w, w.l.AuthorsByDocument, keys)), f.Selections)
		case "sections":
			w.sectionList(flatten(prefetch(w, w.l.SectionsByDocument, keys)), f.Selections)
		case "footnotes":
			w.footnoteList(flatten(prefetch(w, w.l.FootnotesByDocument, keys)), f.Selections)
		case "topics":
			w.topicScores(flatten(prefetch(w, w.l.ScoresByDocument, keys)), f.Selections)
		case "stances":
			w.stanceList(flatten(prefetch(w, w.l.StancesByDocument, keys)), f.Selections)
		}
	}
}

// documentsByID walks documents reached by a to-one field.
func (w *walker) documentsByID(docIDs []int64, sel ast.SelectionSet) {
	prefetch(w, w.l.DocumentByID, missing(docIDs, w.documents))
	var docs []*store.Document
	for _, id := range unique(docIDs) {
		if d, err := w.l.DocumentByID.Load(w.ctx, id); err == nil { // cached: no query
			docs = append(docs, d)
		}
	}
	w.documentList(docs, sel)
}

// authorConnection walks an AuthorConnection's nodes and edges.
func (w *walker) authorConnection(authors []*store.Author, sel ast.SelectionSet) {
	w.connection(sel, "AuthorConnection", "AuthorEdge", func(sel ast.SelectionSet) { w.authorList(authors, sel) })
}

func (w *walker) authorList(authors []*store.Author, sel ast.SelectionSet) {
	if len(authors) == 0 {
		return
	}
	keys := unique(ids(authors, func(a *store.Author) int64 { return a.ID }))
	for _, f := range w.fields(sel, authorTypes) {
		if f.Name != "documents" {
			w.authorCuration(keys, f)
			continue
		}
		p, err := w.pageArgs(f).page(defaultFirst)
		if err != nil {
			continue
		}
		cur, err := documentCursor(p)
		if err != nil {
			continue
		}
		pageKeys := make([]loaders.AuthorDocumentsKey, len(keys))
		for i, id := range keys {
			pageKeys[i] = loaders.AuthorDocumentsKey{AuthorID: id, Limit: p.n + 1, After: cur, Backward: p.backward}
		}
		var docs []*store.Document
		for _, rows := range prefetch(w, w.l.DocumentsByAuthor, pageKeys) {
			page, _, _ := keyset(p, rows)
			docs = append(docs, page...)
		}
		for _, c := range w.fields(f.Selections, []string{"DocumentConnection"}) {
			if c.Name == "totalCount" {
				prefetch(w, w.l.DocumentCountByAuthor, keys)
			}
		}
		w.documentConnection(docs, f.Selections)
	}
}

func (w *walker) sectionList(secs []*store.Section, sel ast.SelectionSet) {
	if len(secs) == 0 {
		return
	}
	keys := unique(ids(secs, sectionID))
	for _, id := range keys {
		w.sections[id] = true
	}
	for _, f := range w.fields(sel, sectionTypes) {
		switch f.Name {
		case "document":
			w.documentsByID(ids(secs, func(s *store.Section) int64 { return s.DocumentID }), f.Selections)
		case "text":
			prefetch(w, w.l.SectionText, keys)
		case "paragraphs":
			w.paragraphList(flatten(prefetch(w, w.l.ParagraphsBySection, keys)), f.Selections)
		case "topics":
			w.topicScores(flatten(prefetch(w, w.l.ScoresBySection, keys)), f.Selections)
		}
	}
}

func (w *walker) paragraphList(paras []*store.Paragraph, sel ast.SelectionSet) {
	if len(paras) == 0 {
		return
	}
	keys := unique(ids(paras, paragraphID))
	for _, id := range keys {
		w.paragraphs[id] = true
	}
	for _, f := range w.fields(sel, paragraphTypes) {
		switch f.Name {
		case "document":
			w.documentsByID(ids(paras, func(p *store.Paragraph) int64 { return p.DocumentID }), f.Selections)
		case "section":
			secIDs := ids(paras, func(p *store.Paragraph) int64 { return p.SectionID })
			prefetch(w, w.l.SectionByID, missing(secIDs, w.sections))
			w.sectionList(cached(w, w.l.SectionByID, secIDs), f.Selections)
		case "footnoteRefs":
			refs := flatten(prefetch(w, w.l.FootnoteRefsByPara, keys))
			for _, r := range w.fields(f.Selections, footnoteRefType) {
				if r.Name == "footnote" {
					noteIDs := ids(refs, func(r *store.FootnoteRef) int64 { return r.FootnoteID })
					prefetch(w, w.l.FootnoteByID, missing(noteIDs, w.footnotes))
					w.footnoteList(cached(w, w.l.FootnoteByID, noteIDs), r.Selections)
				}
			}
		case "footnotes":
			w.footnoteList(flatten(prefetch(w, w.l.FootnotesByParagraph, keys)), f.Selections)
		case "topics":
			w.topicScores(flatten(prefetch(w, w.l.ScoresByParagraph, keys)), f.Selections)
		}
	}
}

func (w *walker) footnoteList(notes []*store.Footnote, sel ast.SelectionSet) {
	if len(notes) == 0 {
		return
	}
	keys := unique(ids(notes, footnoteID))
	for _, id := range keys {
		w.footnotes[id] = true
	}
	for _, f := range w.fields(sel, footnoteTypes) {
		switch f.Name {
		case "document":
			w.documentsByID(ids(notes, func(n *store.Footnote) int64 { return n.DocumentID }), f.Selections)
		case "citedIn":
			w.paragraphList(flatten(prefetch(w, w.l.ParagraphsByFootnote, keys)), f.Selections)
		}
	}
}

// cached returns the objects of the ids from a loader whose cache holds
// them (after a prefetch), without a query.
func cached[T any](w *walker, l *loaders.Loader[int64, *T], objIDs []int64) []*T {
	if w.err != nil {
		return nil
	}
	var out []*T
	for _, id := range unique(objIDs) {
		if v, err := l.Load(w.ctx, id); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// pageArgs reads a connection field's page arguments.
func (w *walker) pageArgs(f graphql.CollectedField) pageArgs {
	args := f.ArgumentMap(w.op.Variables)
	return pageArgs{First: intArg(args["first"]), Last: intArg(args["last"]), After: stringArg(args["after"]), Before: stringArg(args["before"])}
}

func intArg(v any) *int {
	switch n := v.(type) {
	case int64:
		i := int(n)
		return &i
	case int:
		return &n
	}
	return nil
}

func stringArg(v any) *string {
	if s, ok := v.(string); ok {
		return &s
	}
	return nil
}
