package model

import (
	"context"
	"sync"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Passage is a paragraph ranked for a topic or a search.
type Passage struct {
	ID        string // see PassageID
	Paragraph *store.Paragraph
	Snippet   string
	Score     float64
}

// PassageConnection is one page of search results. Its total count is
// computed only when a client asks for it, once for both its fields.
type PassageConnection struct {
	Edges    []*PassageEdge
	Nodes    []*Passage
	PageInfo *PageInfo
	// Count returns the number of matches and whether it is exact.
	Count func(ctx context.Context) (n int, exact bool, err error)

	once  sync.Once
	n     int
	exact bool
	err   error
}

func (c *PassageConnection) count(ctx context.Context) {
	c.once.Do(func() { c.n, c.exact, c.err = c.Count(ctx) })
}

// TotalCount is the number of matching paragraphs, all pages: exact up
// to a cap, estimated above it.
func (c *PassageConnection) TotalCount(ctx context.Context) (int, error) {
	c.count(ctx)
	return c.n, c.err
}

// TotalCountIsExact says whether TotalCount is exact.
func (c *PassageConnection) TotalCountIsExact(ctx context.Context) (bool, error) {
	c.count(ctx)
	return c.exact, c.err
}

// TopicComparison is one page of documents compared on a topic.
type TopicComparison struct {
	Topic    *store.Topic
	Edges    []*ComparisonRowEdge
	Nodes    []*ComparisonRow
	PageInfo *PageInfo
	Count
}

// ComparisonRow is one document's view of the compared topic; its stance,
// coverage and evidence are resolved through loaders.
type ComparisonRow struct {
	Document *store.Document
	TopicID  int64
}
