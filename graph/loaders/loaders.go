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
	"reflect"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// DefaultWait is how long a loader collects keys from Load before it
// queries. Fields the prefetch covers never wait (their keys are cached);
// for the others every level waits this long once, a latency cost, and a
// shorter wait lets keys of resolvers that run a little later miss the
// batch and cost another query.
const DefaultWait = 2 * time.Millisecond

// Loader is a dataloadgen loader that also keeps its batch function, so
// that a whole level of keys known in advance can be read in one query
// and put in the cache (Prefetch) instead of waiting for the keys to
// trickle in. The dataloadgen loader is made on first use: a request
// uses a few of the forty, and making them all cost a tenth of a small
// request's allocations.
type Loader[K comparable, V any] struct {
	fetch fetchFunc[K, V]
	opts  []dataloadgen.Option
	mu    sync.Mutex
	made  atomic.Pointer[dataloadgen.Loader[K, V]]
}

func newLoader[K comparable, V any](fetch fetchFunc[K, V], opts ...dataloadgen.Option) *Loader[K, V] {
	return &Loader[K, V]{fetch: fetch, opts: opts}
}

// loader returns the dataloadgen loader, making it on first use.
func (l *Loader[K, V]) loader() *dataloadgen.Loader[K, V] {
	if d := l.made.Load(); d != nil {
		return d
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if d := l.made.Load(); d != nil {
		return d
	}
	d := dataloadgen.NewLoader(l.fetch, l.opts...)
	l.made.Store(d)
	return d
}

// Load returns the value of key, batched with the keys other resolvers
// ask for within the wait.
func (l *Loader[K, V]) Load(ctx context.Context, key K) (V, error) { return l.loader().Load(ctx, key) }

// LoadAll returns the values of keys.
func (l *Loader[K, V]) LoadAll(ctx context.Context, keys []K) ([]V, error) {
	return l.loader().LoadAll(ctx, keys)
}

// Prime caches a value for key unless one is cached.
func (l *Loader[K, V]) Prime(key K, value V) bool { return l.loader().Prime(key, value) }

// Clear forgets key's cached value.
func (l *Loader[K, V]) Clear(key K) {
	if d := l.made.Load(); d != nil {
		d.Clear(key)
	}
}

// ClearAll forgets every cached value.
func (l *Loader[K, V]) ClearAll() {
	if d := l.made.Load(); d != nil {
		d.ClearAll()
	}
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

// Loaders are the per-request loaders, one per kind of read.
type Loaders struct {
	DocumentByID          *Loader[int64, *store.Document]
	DocumentText          *Loader[int64, string]
	DocumentsByAuthor     *Loader[AuthorDocumentsKey, []*store.Document]
	DocumentCountByAuthor *Loader[int64, int]
	DocumentCountByTopic  *Loader[int64, int]
	AuthorByID            *Loader[int64, *store.Author]
	AuthorsByDocument     *Loader[int64, []*store.Author]
	SectionByID           *Loader[int64, *store.Section]
	SectionsByDocument    *Loader[int64, []*store.Section]
	SectionText           *Loader[int64, string]
	ParagraphByID         *Loader[int64, *store.Paragraph]
	ParagraphsBySection   *Loader[int64, []*store.Paragraph]
	ParagraphsByFootnote  *Loader[int64, []*store.Paragraph]
	FootnoteByID          *Loader[int64, *store.Footnote]
	FootnotesByDocument   *Loader[int64, []*store.Footnote]
	FootnotesByParagraph  *Loader[int64, []*store.Footnote]
	FootnoteRefsByPara    *Loader[int64, []*store.FootnoteRef]
	CaptionsByDocument    *Loader[int64, []doc.Caption]

	TopicByID           *Loader[int64, *store.Topic]
	PositionsByTopic    *Loader[int64, []*store.Position]
	ScoresByDocument    *Loader[int64, []*store.TopicScore]
	ScoresBySection     *Loader[int64, []*store.TopicScore]
	ScoresByParagraph   *Loader[int64, []*store.TopicScore]
	DocumentsByTopic    *Loader[LimitKey, []*store.Document]
	StanceByID          *Loader[int64, *store.Stance]
	StancesByDocument   *Loader[int64, []*store.Stance]
	StancesByTopic      *Loader[LimitKey, []*store.Stance]
	StancesByAuthor     *Loader[TopicPairKey, []*store.Stance]
	StanceByDocTopic    *Loader[TopicPairKey, *store.Stance]
	CoverageByDocTopic  *Loader[TopicPairKey, float64]
	CitationByID        *Loader[int64, *store.Citation]
	CitationsByStance   *Loader[int64, []*store.Citation]
	FootnotesByCitation *Loader[int64, []*store.Footnote]
	EvidenceByDocument  *Loader[EvidenceKey, []*store.Passage]
	EvidenceByAuthor    *Loader[EvidenceKey, []*store.Passage]

	WorkByID                *Loader[int64, *store.Work]
	WorkCitationsByFootnote *Loader[int64, []*store.WorkCitation]
	WorkCitationsByWork     *Loader[int64, []*store.WorkCitation]

	// The taxonomy, read once per request (see Taxonomy).
	store        *store.Store
	taxonomyOnce sync.Once
	taxonomy     []*store.Topic
	taxonomyErr  error
}

// New returns fresh loaders reading from s, each waiting wait for keys.
func New(s *store.Store, wait time.Duration) *Loaders {
	opts := []dataloadgen.Option{dataloadgen.WithWait(wait)} // one slice, shared
	l := &Loaders{store: s}
	l.DocumentByID = byID(s.DocumentListByIDs, func(d *store.Document) int64 { return d.ID }, "document", opts...)
	l.DocumentText = newLoader(keyedOne(s.DocumentTextListByIDs, "document"), opts...)
	l.DocumentsByAuthor = newLoader(l.documentsByAuthor(s), opts...)
	l.DocumentCountByAuthor = newLoader(counts(s.DocumentCountByAuthorIDs), opts...)
	l.DocumentCountByTopic = newLoader(counts(s.DocumentCountByTopicIDs), opts...)
	l.AuthorByID = byID(s.AuthorListByIDs, func(a *store.Author) int64 { return a.ID }, "author", opts...)
	l.AuthorsByDocument = newLoader(keyedList(s.AuthorListByDocumentIDs, primer(l.AuthorByID, authorID)), opts...)
	l.SectionByID = byID(s.SectionListByIDs, sectionID, "section", opts...)
	l.SectionsByDocument = newLoader(list(s.SectionListByDocumentIDs,
		func(s *store.Section) int64 { return s.DocumentID }, primer(l.SectionByID, sectionID)), opts...)
	l.SectionText = newLoader(keyedOne(s.SectionTextListByIDs, "section"), opts...)
	l.ParagraphByID = byID(s.ParagraphListByIDs, paragraphID, "paragraph", opts...)
	l.ParagraphsBySection = newLoader(list(s.ParagraphListBySectionIDs,
		func(p *store.Paragraph) int64 { return p.SectionID }, primer(l.ParagraphByID, paragraphID)), opts...)
	l.ParagraphsByFootnote = newLoader(keyedList(s.ParagraphListByFootnoteIDs, primer(l.ParagraphByID, paragraphID)), opts...)
	l.FootnoteByID = byID(s.FootnoteListByIDs, footnoteID, "footnote", opts...)
	l.FootnotesByDocument = newLoader(list(s.FootnoteListByDocumentIDs,
		func(f *store.Footnote) int64 { return f.DocumentID }, primer(l.FootnoteByID, footnoteID)), opts...)
	l.FootnotesByParagraph = newLoader(keyedList(s.FootnoteListByParagraphIDs, primer(l.FootnoteByID, footnoteID)), opts...)
	l.FootnoteRefsByPara = newLoader(list(s.FootnoteRefListByParagraphIDs,
		func(r *store.FootnoteRef) int64 { return r.ParagraphID }, nil), opts...)
	l.CaptionsByDocument = newLoader(keyedValues(s.CaptionListByDocumentIDs), opts...)

	l.TopicByID = byID(l.topicsByID, topicID, "topic", opts...)
	l.PositionsByTopic = newLoader(list(s.PositionListByTopicIDs, func(p *store.Position) int64 { return p.TopicID }, nil), opts...)
	l.ScoresByDocument = newLoader(list(s.ScoreListByDocumentIDs, scoreOwner, nil), opts...)
	l.ScoresBySection = newLoader(list(s.ScoreListBySectionIDs, scoreOwner, nil), opts...)
	l.ScoresByParagraph = newLoader(list(s.ScoreListByParagraphIDs, scoreOwner, nil), opts...)
	l.DocumentsByTopic = newLoader(limited(s.DocumentListByTopicIDs, primer(l.DocumentByID, documentID)), opts...)
	l.StanceByID = byID(s.StanceListByIDs, stanceID, "stance", opts...)
	l.StancesByDocument = newLoader(list(s.StanceListByDocumentIDs, func(st *store.Stance) int64 { return st.DocumentID }, primer(l.StanceByID, stanceID)), opts...)
	l.StancesByTopic = newLoader(limited(stancesByTopic(s), primer(l.StanceByID, stanceID)), opts...)
	l.StancesByAuthor = newLoader(l.stancesByAuthor(s), opts...)
	l.StanceByDocTopic = newLoader(l.stanceByDocumentTopic(s), opts...)
	l.CoverageByDocTopic = newLoader(coverageByDocumentTopic(s), opts...)
	l.CitationByID = byID(s.CitationListByIDs, citationID, "citation", opts...)
	l.CitationsByStance = newLoader(list(s.CitationListByStanceIDs, func(c *store.Citation) int64 { return c.StanceID }, primer(l.CitationByID, citationID)), opts...)
	l.FootnotesByCitation = newLoader(keyedList(s.FootnoteListByCitationIDs, primer(l.FootnoteByID, footnoteID)), opts...)
	l.EvidenceByDocument = newLoader(l.evidence(s.EvidenceListByDocumentIDs), opts...)
	l.EvidenceByAuthor = newLoader(l.evidence(s.EvidenceListByAuthorIDs), opts...)

	l.WorkByID = byID(s.WorkListByIDs, workID, "work", opts...)
	l.WorkCitationsByFootnote = newLoader(workCitationsByFootnote(s, l.WorkByID), opts...)
	l.WorkCitationsByWork = newLoader(workCitationsByWork(s, l.FootnoteByID), opts...)
	return l
}

func documentID(d *store.Document) int64   { return d.ID }
func topicID(t *store.Topic) int64         { return t.ID }
func stanceID(s *store.Stance) int64       { return s.ID }
func citationID(c *store.Citation) int64   { return c.ID }
func scoreOwner(s *store.TopicScore) int64 { return s.OwnerID }

func authorID(a *store.Author) int64       { return a.ID }
func sectionID(s *store.Section) int64     { return s.ID }
func paragraphID(p *store.Paragraph) int64 { return p.ID }
func footnoteID(f *store.Footnote) int64   { return f.ID }

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
	v := reflect.ValueOf(l).Elem()
	for i := range v.NumField() {
		if !v.Type().Field(i).IsExported() {
			continue
		}
		if c, ok := v.Field(i).Interface().(interface{ ClearAll() }); ok {
			c.ClearAll()
		}
	}
}
