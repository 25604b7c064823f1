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

// edgeOf is the edge type of a connection of T: every edge type is a
// cursor and a node (gqlgen generates them from the schema).
type edgeOf[T any] interface {
	~struct {
		Cursor string `json:"cursor"`
		Node   T      `json:"node"`
	}
}

// edges pairs each item of a page with its cursor as an edge of type E.
func edges[E edgeOf[T], T any](items []T, cursors []string) []*E {
	out := make([]*E, len(items))
	for i, it := range items {
		out[i] = &E{Cursor: cursors[i], Node: it}
	}
	return out
}

func stanceConnection(w window, rows []*store.Stance) *model.StanceConnection {
	sts, cursors, info := positioned(w, rows)
	return &model.StanceConnection{Nodes: sts, PageInfo: info, Edges: edges[model.StanceEdge](sts, cursors)}
}

func evidenceConnection(w window, rows []*model.Passage) *model.EvidenceConnection {
	ps, cursors, info := positioned(w, rows)
	return &model.EvidenceConnection{Nodes: ps, PageInfo: info, Edges: edges[model.PassageEdge](ps, cursors)}
}

func workCitationConnection(w window, rows []*store.WorkCitation) *model.WorkCitationConnection {
	cs, cursors, info := positioned(w, rows)
	return &model.WorkCitationConnection{Nodes: cs, PageInfo: info, Edges: edges[model.WorkCitationEdge](cs, cursors)}
}

// positionedDocuments is a DocumentConnection of a list read by position.
func positionedDocuments(w window, rows []*store.Document, count func(context.Context) (int, error)) *model.DocumentConnection {
	docs, cursors, info := positioned(w, rows)
	return &model.DocumentConnection{Nodes: docs, PageInfo: info, Count: count, Edges: edges[model.DocumentEdge](docs, cursors)}
}

// comparisonConnection makes compare's page of rows, one per document read.
func comparisonConnection(p page, t *store.Topic, rows []*store.Document, count func(context.Context) (int, error)) *model.TopicComparison {
	docs, cursors, info := keysetPage(p, rows, documentItemCursor)
	c := &model.TopicComparison{Topic: t, Nodes: make([]*model.ComparisonRow, len(docs)), PageInfo: info, Count: count}
	for i, d := range docs {
		c.Nodes[i] = &model.ComparisonRow{Document: d, TopicID: t.ID}
	}
	c.Edges = edges[model.ComparisonRowEdge](c.Nodes, cursors)
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
