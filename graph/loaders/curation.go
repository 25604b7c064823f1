package loaders

import (
	"context"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

// The loaders of topics, scores, stances, citations and evidence. Keys
// that carry a field argument (a topic, a page size) are batched per
// distinct argument, one query each: their number is bound by the
// query's shape, never by the rows.

// TopicPairKey names a document (or an author) and a topic.
type TopicPairKey struct {
	OwnerID int64
	TopicID int64 // 0: every topic, where a field allows that
}

// EvidenceKey asks for the Limit paragraphs of a document (or an
// author's documents) most about a topic after the first Offset.
type EvidenceKey struct {
	OwnerID       int64
	TopicID       int64
	Offset, Limit int
}

// groupBy splits keys by the argument they carry, keeping first-seen order.
func groupBy[K comparable, A comparable](keys []K, arg func(K) A, owner func(K) int64) ([]A, map[A][]int64) {
	groups := map[A][]int64{}
	var order []A
	for _, k := range keys {
		a := arg(k)
		if _, seen := groups[a]; !seen {
			order = append(order, a)
		}
		groups[a] = append(groups[a], owner(k))
	}
	return order, groups
}

// stancesByAuthor reads each author's stances (newest document first) on
// one topic, or on all when TopicID is 0.
func (l *Loaders) stancesByAuthor(s *store.Store) fetchFunc[TopicPairKey, []*store.Stance] {
	return func(ctx context.Context, keys []TopicPairKey) ([][]*store.Stance, []error) {
		order, groups := groupBy(keys, func(k TopicPairKey) int64 { return k.TopicID }, func(k TopicPairKey) int64 { return k.OwnerID })
		found := map[TopicPairKey][]*store.Stance{}
		for _, topic := range order {
			var t *int64
			if topic != 0 {
				t = &topic
			}
			rows, err := s.StanceListByAuthorIDs(ctx, groups[topic], t)
			if err != nil {
				return nil, []error{err}
			}
			for _, r := range rows {
				k := TopicPairKey{OwnerID: r.Key, TopicID: topic}
				found[k] = append(found[k], r.Value)
				l.StanceByID.Prime(r.Value.ID, r.Value)
			}
		}
		return inOrder(keys, found), nil
	}
}

// stanceByDocumentTopic reads each document's stance on a topic; a
// document without one gets nil.
func (l *Loaders) stanceByDocumentTopic(s *store.Store) fetchFunc[TopicPairKey, *store.Stance] {
	return func(ctx context.Context, keys []TopicPairKey) ([]*store.Stance, []error) {
		order, groups := groupBy(keys, func(k TopicPairKey) int64 { return k.TopicID }, func(k TopicPairKey) int64 { return k.OwnerID })
		found := map[TopicPairKey]*store.Stance{}
		for _, topic := range order {
			rows, err := s.StanceListByTopicAndDocumentIDs(ctx, topic, groups[topic])
			if err != nil {
				return nil, []error{err}
			}
			for _, st := range rows {
				found[TopicPairKey{OwnerID: st.DocumentID, TopicID: topic}] = st
				l.StanceByID.Prime(st.ID, st)
			}
		}
		out := make([]*store.Stance, len(keys))
		for i, k := range keys {
			out[i] = found[k]
		}
		return out, nil
	}
}

// coverageByDocumentTopic reads each document's coverage of a topic; a
// document that never touches the topic covers 0 of it.
func coverageByDocumentTopic(s *store.Store) fetchFunc[TopicPairKey, float64] {
	return func(ctx context.Context, keys []TopicPairKey) ([]float64, []error) {
		order, groups := groupBy(keys, func(k TopicPairKey) int64 { return k.TopicID }, func(k TopicPairKey) int64 { return k.OwnerID })
		found := map[TopicPairKey]float64{}
		for _, topic := range order {
			rows, err := s.CoverageList(ctx, topic, groups[topic])
			if err != nil {
				return nil, []error{err}
			}
			for _, c := range rows {
				found[TopicPairKey{OwnerID: c.DocumentID, TopicID: topic}] = c.Coverage
			}
		}
		out := make([]float64, len(keys))
		for i, k := range keys {
			out[i] = found[k]
		}
		return out, nil
	}
}

// evidence reads the best passages per owner with read (by document or by
// author), one query per distinct topic and page.
func (l *Loaders) evidence(read func(context.Context, int64, []int64, int, int) ([]store.Keyed[store.Passage], error)) fetchFunc[EvidenceKey, []*store.Passage] {
	return func(ctx context.Context, keys []EvidenceKey) ([][]*store.Passage, []error) {
		type arg struct {
			topic         int64
			offset, limit int
		}
		order, groups := groupBy(keys, func(k EvidenceKey) arg { return arg{k.TopicID, k.Offset, k.Limit} }, func(k EvidenceKey) int64 { return k.OwnerID })
		found := map[EvidenceKey][]*store.Passage{}
		for _, a := range order {
			rows, err := read(ctx, a.topic, groups[a], a.offset, a.limit)
			if err != nil {
				return nil, []error{err}
			}
			for _, r := range rows {
				k := EvidenceKey{OwnerID: r.Key, TopicID: a.topic, Offset: a.offset, Limit: a.limit}
				found[k] = append(found[k], r.Value)
				p := r.Value.Paragraph
				l.ParagraphByID.Prime(p.ID, &p)
			}
		}
		return inOrder(keys, found), nil
	}
}

// inOrder returns the lists found in the order of keys, empty (not nil)
// for keys without rows.
func inOrder[K comparable, T any](keys []K, found map[K][]T) [][]T {
	out := make([][]T, len(keys))
	for i, k := range keys {
		if out[i] = found[k]; out[i] == nil {
			out[i] = []T{}
		}
	}
	return out
}

// Taxonomy returns every topic, read once per request however many
// fields and walkers ask: resolving a topic argument is frequent (every
// field with a topic: argument, in each root field) and the taxonomy is a
// few rows, so one read serves slugs and ids alike, and the statement
// count does not depend on which of them runs first.
func (l *Loaders) Taxonomy(ctx context.Context) ([]*store.Topic, error) {
	l.taxonomyOnce.Do(func() {
		l.taxonomy, l.taxonomyErr = l.store.TopicList(ctx)
	})
	return l.taxonomy, l.taxonomyErr
}

// topicsBySlug reads topics by slug; an unknown slug is NOT_FOUND.
func (l *Loaders) topicsBySlug(ctx context.Context, slugs []string) ([]*store.Topic, []error) {
	all, err := l.Taxonomy(ctx)
	if err != nil {
		return nil, []error{err}
	}
	bySlug := make(map[string]*store.Topic, len(all))
	for _, t := range all {
		bySlug[t.Slug] = t
	}
	out := make([]*store.Topic, len(slugs))
	var errs []error
	for i, slug := range slugs {
		if out[i] = bySlug[slug]; out[i] == nil {
			if errs == nil {
				errs = make([]error, len(slugs))
			}
			errs[i] = store.Errorf(store.ENotFound, "topic %q not found", slug)
		}
	}
	return out, errs
}

// topicsByID picks topics by id out of the taxonomy.
func (l *Loaders) topicsByID(ctx context.Context, ids []int64) ([]*store.Topic, error) {
	all, err := l.Taxonomy(ctx)
	if err != nil {
		return nil, err
	}
	want := make(map[int64]bool, len(ids))
	for _, id := range ids {
		want[id] = true
	}
	var out []*store.Topic
	for _, t := range all {
		if want[t.ID] {
			out = append(out, t)
		}
	}
	return out, nil
}

// LimitKey asks for Limit items of an owner's list after the first Offset.
type LimitKey struct {
	OwnerID       int64
	Offset, Limit int
}

// limited reads windows of per-owner lists, one query per distinct window.
func limited[T any](read func(context.Context, []int64, int, int) ([]store.Keyed[T], error), prime func(*T)) fetchFunc[LimitKey, []*T] {
	return func(ctx context.Context, keys []LimitKey) ([][]*T, []error) {
		type window struct{ offset, limit int }
		order, groups := groupBy(keys, func(k LimitKey) window { return window{k.Offset, k.Limit} }, func(k LimitKey) int64 { return k.OwnerID })
		found := map[LimitKey][]*T{}
		for _, w := range order {
			rows, err := read(ctx, groups[w], w.offset, w.limit)
			if err != nil {
				return nil, []error{err}
			}
			for _, r := range rows {
				k := LimitKey{OwnerID: r.Key, Offset: w.offset, Limit: w.limit}
				found[k] = append(found[k], r.Value)
				if prime != nil {
					prime(r.Value)
				}
			}
		}
		return inOrder(keys, found), nil
	}
}

// stancesByTopic adapts the store's list of stances (which carry their
// topic) to limited.
func stancesByTopic(s *store.Store) func(context.Context, []int64, int, int) ([]store.Keyed[store.Stance], error) {
	return func(ctx context.Context, ids []int64, offset, limit int) ([]store.Keyed[store.Stance], error) {
		sts, err := s.StanceListByTopicIDs(ctx, ids, offset, limit)
		if err != nil {
			return nil, err
		}
		out := make([]store.Keyed[store.Stance], len(sts))
		for i, st := range sts {
			out[i] = store.Keyed[store.Stance]{Key: st.TopicID, Value: st}
		}
		return out, nil
	}
}
