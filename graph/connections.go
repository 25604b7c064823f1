package graph

import (
	"context"
	"crypto/sha256"
	"encoding/binary"

	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// The connections of nested lists, read by position (paging.go: window).

func stanceConnection(w window, rows []*store.Stance) *model.StanceConnection {
	sts, cursors, info := positioned(w, rows)
	c := &model.StanceConnection{Nodes: sts, Edges: make([]*model.StanceEdge, len(sts)), PageInfo: info}
	for i, s := range sts {
		c.Edges[i] = &model.StanceEdge{Cursor: cursors[i], Node: s}
	}
	return c
}

func evidenceConnection(w window, rows []*model.Passage) *model.EvidenceConnection {
	ps, cursors, info := positioned(w, rows)
	c := &model.EvidenceConnection{Nodes: ps, Edges: make([]*model.PassageEdge, len(ps)), PageInfo: info}
	for i, p := range ps {
		c.Edges[i] = &model.PassageEdge{Cursor: cursors[i], Node: p}
	}
	return c
}

func workCitationConnection(w window, rows []*store.WorkCitation) *model.WorkCitationConnection {
	cs, cursors, info := positioned(w, rows)
	c := &model.WorkCitationConnection{Nodes: cs, Edges: make([]*model.WorkCitationEdge, len(cs)), PageInfo: info}
	for i, wc := range cs {
		c.Edges[i] = &model.WorkCitationEdge{Cursor: cursors[i], Node: wc}
	}
	return c
}

// positionedDocuments is a DocumentConnection of a list read by position.
func positionedDocuments(w window, rows []*store.Document, count func(context.Context) (int, error)) *model.DocumentConnection {
	docs, cursors, info := positioned(w, rows)
	c := &model.DocumentConnection{Nodes: docs, Edges: make([]*model.DocumentEdge, len(docs)), PageInfo: info, Count: count}
	for i, d := range docs {
		c.Edges[i] = &model.DocumentEdge{Cursor: cursors[i], Node: d}
	}
	return c
}

// comparisonConnection makes compare's page of rows, one per document read.
func comparisonConnection(p page, t *store.Topic, rows []*store.Document, count func(context.Context) (int, error)) *model.TopicComparison {
	docs, next, prev := keyset(p, rows)
	c := &model.TopicComparison{Topic: t, Nodes: make([]*model.ComparisonRow, len(docs)), Edges: make([]*model.ComparisonRowEdge, len(docs)), Count: count}
	cursors := make([]string, len(docs))
	for i, d := range docs {
		cursors[i] = encodeDocumentCursor(d.Cursor())
		c.Nodes[i] = &model.ComparisonRow{Document: d, TopicID: t.ID}
		c.Edges[i] = &model.ComparisonRowEdge{Cursor: cursors[i], Node: c.Nodes[i]}
	}
	c.PageInfo = newPageInfo(cursors, next, prev)
	return c
}

// passageID is a passage's id: its paragraph and what ranked it (the
// search's query and filters, or the evidence's topic), hashed, so that a
// paragraph found by two searches is two passages with their own
// snippets and scores in a client's cache.
func passageID(paragraphID int64, context ...string) string {
	h := sha256.New()
	for _, s := range context {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return gid.EncodeCursor("Passage", struct {
		P int64  `json:"p"`
		C uint64 `json:"c"`
	}{paragraphID, binary.BigEndian.Uint64(h.Sum(nil))})
}
