// Package loaders batches the reads of nested GraphQL fields: each loader
// reads many keys with one `= ANY($1)` query, so that a query's statement
// count depends on its shape, not on how many rows it returns. Keys reach
// a loader in two ways: Prefetch, with a whole level of keys at once (the
// graph package walks the query's selection and prefetches each level
// before its resolvers run), and Load, which collects the keys resolvers
// ask for during a short window (only keys the walk did not read: after
// an error). Loaders live in the request context and
// cache for one request only.
package loaders

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

// DefaultWait is how long a loader collects keys from Load before it
// queries. Fields the prefetch covers never wait (their keys are cached);
// for the others every level waits this long once, a latency cost, and a
// shorter wait lets keys of resolvers that run a little later miss the
// batch and cost another query.
const DefaultWait = 2 * time.Millisecond

// Loader is one request's loader of a Kind: a dataloadgen loader that
// also keeps its batch function, so that a whole level of keys known in
// advance can be read in one query and put in the cache (Prefetch)
// instead of waiting for the keys to trickle in. Values put in the cache
// (Prefetch, Prime) are kept in a map of the Loader's own: dataloadgen's
// cache would make a function for each.
type Loader[K comparable, V any] struct {
	fetch fetchFunc[K, V]
	d     *dataloadgen.Loader[K, V]

	mu     sync.RWMutex
	primed map[K]V
}

// cached returns key's value if it was put in the cache.
func (l *Loader[K, V]) cached(key K) (V, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	v, ok := l.primed[key]
	return v, ok
}

// Load returns the value of key, batched with the keys other resolvers
// ask for within the wait.
func (l *Loader[K, V]) Load(ctx context.Context, key K) (V, error) {
	if v, ok := l.cached(key); ok {
		return v, nil
	}
	return l.d.Load(ctx, key)
}

// LoadAll returns the values of keys.
func (l *Loader[K, V]) LoadAll(ctx context.Context, keys []K) ([]V, error) {
	out := make([]V, len(keys))
	var missing []K
	var at []int
	for i, k := range keys {
		if v, ok := l.cached(k); ok {
			out[i] = v
		} else {
			missing, at = append(missing, k), append(at, i)
		}
	}
	vals, err := l.d.LoadAll(ctx, missing)
	for j, i := range at {
		out[i] = vals[j]
	}
	return out, err
}

// Prime caches a value for key unless one is cached.
func (l *Loader[K, V]) Prime(key K, value V) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.primed[key]; ok {
		return false
	}
	if l.primed == nil {
		l.primed = map[K]V{}
	}
	l.primed[key] = value
	return true
}

// Clear forgets key's cached value.
func (l *Loader[K, V]) Clear(key K) {
	l.mu.Lock()
	delete(l.primed, key)
	l.mu.Unlock()
	l.d.Clear(key)
}

// ClearAll forgets every cached value.
func (l *Loader[K, V]) ClearAll() {
	l.mu.Lock()
	l.primed = nil
	l.mu.Unlock()
	l.d.ClearAll()
}

// Prefetch reads keys with one batch query and caches what it read. It
// returns the values of the keys that have one; keys that failed are left
// out (a later Load of them reports the error).
func (l *Loader[K, V]) Prefetch(ctx context.Context, keys []K) (map[K]V, error) {
	seen := make(map[K]bool, len(keys))
	unique := make([]K, 0, len(keys))
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			unique = append(unique, k)
		}
	}
	if len(unique) == 0 {
		return nil, nil
	}
	vals, errs := l.fetch(ctx, unique)
	if len(errs) == 1 && errs[0] != nil && len(vals) != len(unique) {
		return nil, errs[0]
	}
	out := make(map[K]V, len(unique))
	for i, k := range unique {
		if len(errs) == len(unique) && errs[i] != nil {
			continue
		}
		l.Prime(k, vals[i])
		out[k] = vals[i]
	}
	return out, nil
}

// A Kind is one kind of read (documents by id, a section's paragraphs),
// declared once, below, with its batch function. A request makes its
// loader of a kind on first use (In): a request uses a few of forty.
type Kind[K comparable, V any] struct {
	slot  int
	fetch func(*Loaders) fetchFunc[K, V]
}

// kinds counts the kinds declared: a request's loaders have a slot each.
var kinds int

func kind[K comparable, V any](fetch func(*Loaders) fetchFunc[K, V]) Kind[K, V] {
	kinds++
	return Kind[K, V]{slot: kinds - 1, fetch: fetch}
}

// In returns the kind's loader among the request's loaders l, made on
// first use.
func (k Kind[K, V]) In(l *Loaders) *Loader[K, V] {
	if v := l.slots[k.slot].Load(); v != nil {
		return v.(*Loader[K, V])
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if v := l.slots[k.slot].Load(); v != nil {
		return v.(*Loader[K, V])
	}
	ld := &Loader[K, V]{fetch: k.fetch(l)}
	ld.d = dataloadgen.NewLoader(ld.fetch, dataloadgen.WithWait(l.wait))
	l.slots[k.slot].Store(ld)
	return ld
}

// For returns the kind's loader of the request in ctx.
func (k Kind[K, V]) For(ctx context.Context) *Loader[K, V] { return k.In(For(ctx)) }

// The kinds of reads.
var (
	DocumentByID          = byID((*store.Store).DocumentListByIDs, documentID, "document")
	DocumentText          = keyedOne((*store.Store).DocumentTextListByIDs, "document")
	DocumentsByAuthor     = documentsByAuthor()
	DocumentCountByAuthor = counts((*store.Store).DocumentCountByAuthorIDs)
	DocumentCountByTopic  = counts((*store.Store).DocumentCountByTopicIDs)
	AuthorByID            = byID((*store.Store).AuthorListByIDs, authorID, "author")
	AuthorsByDocument     = keyedList((*store.Store).AuthorListByDocumentIDs, primer(AuthorByID, authorID))
	SectionByID           = byID((*store.Store).SectionListByIDs, sectionID, "section")
	SectionsByDocument    = list((*store.Store).SectionListByDocumentIDs, func(s *store.Section) int64 { return s.DocumentID }, primer(SectionByID, sectionID))
	SectionText           = keyedOne((*store.Store).SectionTextListByIDs, "section")
	ParagraphByID         = byID((*store.Store).ParagraphListByIDs, paragraphID, "paragraph")
	ParagraphsBySection   = list((*store.Store).ParagraphListBySectionIDs, func(p *store.Paragraph) int64 { return p.SectionID }, primer(ParagraphByID, paragraphID))
	ParagraphsByFootnote  = keyedList((*store.Store).ParagraphListByFootnoteIDs, primer(ParagraphByID, paragraphID))
	FootnoteByID          = byID((*store.Store).FootnoteListByIDs, footnoteID, "footnote")
	FootnotesByDocument   = list((*store.Store).FootnoteListByDocumentIDs, func(f *store.Footnote) int64 { return f.DocumentID }, primer(FootnoteByID, footnoteID))
	FootnotesByParagraph  = keyedList((*store.Store).FootnoteListByParagraphIDs, primer(FootnoteByID, footnoteID))
	FootnoteRefsByPara    = list((*store.Store).FootnoteRefListByParagraphIDs, func(r *store.FootnoteRef) int64 { return r.ParagraphID }, nil)
	CaptionsByDocument    = keyedValues((*store.Store).CaptionListByDocumentIDs)

	TopicByID           = kind(func(l *Loaders) fetchFunc[int64, *store.Topic] { return rowsByID(l.taxonomyByID, topicID, "topic") })
	PositionsByTopic    = list((*store.Store).PositionListByTopicIDs, func(p *store.Position) int64 { return p.TopicID }, nil)
	ScoresByDocument    = list((*store.Store).ScoreListByDocumentIDs, scoreOwner, nil)
	ScoresBySection     = list((*store.Store).ScoreListBySectionIDs, scoreOwner, nil)
	ScoresByParagraph   = list((*store.Store).ScoreListByParagraphIDs, scoreOwner, nil)
	DocumentsByTopic    = limited((*store.Store).DocumentListByTopicIDs, primer(DocumentByID, documentID))
	StanceByID          = byID((*store.Store).StanceListByIDs, stanceID, "stance")
	StancesByDocument   = list((*store.Store).StanceListByDocumentIDs, func(st *store.Stance) int64 { return st.DocumentID }, primer(StanceByID, stanceID))
	StancesByTopic      = limited(stancesByTopic, primer(StanceByID, stanceID))
	StancesByAuthor     = stancesByAuthor()
	StanceByDocTopic    = perTopic((*store.Store).StanceListByTopicAndDocumentIDs, func(st *store.Stance) int64 { return st.DocumentID }, primedStance)
	CoverageByDocTopic  = perTopic((*store.Store).CoverageList, func(c *store.Coverage) int64 { return c.DocumentID }, func(_ *Loaders, c *store.Coverage) float64 { return c.Coverage })
	CitationByID        = byID((*store.Store).CitationListByIDs, citationID, "citation")
	CitationsByStance   = list((*store.Store).CitationListByStanceIDs, func(c *store.Citation) int64 { return c.StanceID }, primer(CitationByID, citationID))
	FootnotesByCitation = keyedList((*store.Store).FootnoteListByCitationIDs, primer(FootnoteByID, footnoteID))
	EvidenceByDocument  = evidence((*store.Store).EvidenceListByDocumentIDs)
	EvidenceByAuthor    = evidence((*store.Store).EvidenceListByAuthorIDs)

	WorkByID                = byID((*store.Store).WorkListByIDs, workID, "work")
	WorkCitationsByFootnote = workCitationsByFootnote()
	WorkCitationsByWork     = workCitationsByWork()
)

// Loaders are one request's loaders, one per Kind, made on first use.
type Loaders struct {
	store *store.Store
	wait  time.Duration
	mu    sync.Mutex
	slots []atomic.Value // *Loader[K, V] by Kind.slot

	// The taxonomy, read once per request (see Taxonomy).
	taxonomyOnce sync.Once
	taxonomy     []*store.Topic
	taxonomyErr  error
}

// New returns fresh loaders reading from s, each waiting wait for keys.
func New(s *store.Store, wait time.Duration) *Loaders {
	return &Loaders{store: s, wait: wait, slots: make([]atomic.Value, kinds)}
}

func documentID(d *store.Document) int64   { return d.ID }
func authorID(a *store.Author) int64       { return a.ID }
func sectionID(s *store.Section) int64     { return s.ID }
func paragraphID(p *store.Paragraph) int64 { return p.ID }
func footnoteID(f *store.Footnote) int64   { return f.ID }
func topicID(t *store.Topic) int64         { return t.ID }
func stanceID(s *store.Stance) int64       { return s.ID }
func citationID(c *store.Citation) int64   { return c.ID }
func workID(w *store.Work) int64           { return w.ID }
func scoreOwner(s *store.TopicScore) int64 { return s.OwnerID }

// Pipeline returns a pipeline for n reads that may share a round trip.
func (l *Loaders) Pipeline(n int) *store.Pipeline { return l.store.Pipeline(n) }

type loadersKey struct{}

// Middleware gives every request its own loaders.
func Middleware(s *store.Store, wait time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(With(r.Context(), New(s, wait))))
	})
}

// With returns a context carrying the loaders.
func With(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

// For returns the request's loaders. A context without loaders is a wiring
// defect, not a runtime condition.
func For(ctx context.Context) *Loaders {
	l, ok := ctx.Value(loadersKey{}).(*Loaders)
	if !ok {
		panic("loaders: no loaders in the context (is loaders.Middleware installed?)")
	}
	return l
}

// ClearAll empties every loader's cache. A write calls it once committed:
// an object read earlier in the request (by the first of two mutations on
// one stance, say) must not be served again as it was. The taxonomy stays:
// no mutation changes it.
func (l *Loaders) ClearAll() {
	for i := range l.slots {
		if c, ok := l.slots[i].Load().(interface{ ClearAll() }); ok {
			c.ClearAll()
		}
	}
}
