package graph

import (
	"context"
	"sync/atomic"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Bounds holds the list bounds the cost model prices lists with
// (Complexity), as last measured from the data. It is safe for
// concurrent use.
type Bounds struct {
	current atomic.Pointer[store.ListBounds]
}

// DefaultListBounds are the bounds of a server that has not measured its
// data: generous for corpora like the seeds (whose largest lists are a
// third to a half of these).
var DefaultListBounds = store.ListBounds{
	AuthorsPerDocument: 5, SectionsPerDocument: 30, FootnotesPerDocument: 100, StancesPerDocument: 20,
	ParagraphsPerSection: 40, RefsPerParagraph: 20, ParagraphsPerFootnote: 5, WorksPerFootnote: 5,
	CitationsPerStance: 10,
	Topics:             20, PositionsPerTopic: 8, DocumentChars: 20_000, SectionChars: 5_000,
}

// NewBounds returns bounds holding b.
func NewBounds(b store.ListBounds) *Bounds {
	bs := &Bounds{}
	bs.Set(b)
	return bs
}

// Get returns the current bounds.
func (b *Bounds) Get() store.ListBounds { return *b.current.Load() }

// Set replaces the current bounds.
func (b *Bounds) Set(l store.ListBounds) { b.current.Store(&l) }

// Refresh measures the data again.
func (b *Bounds) Refresh(ctx context.Context, st *store.Store) error {
	l, err := st.ListBoundsGet(ctx)
	if err != nil {
		return err
	}
	b.Set(l)
	return nil
}
