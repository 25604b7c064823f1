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
func stancesByAuthor() Kind[TopicPairKey, []*store.Stance] {
	return perArgument(pairTopic, pairOwner, func(l *Loaders, ctx context.Context, topic int64, ids []int64) ([]store.Keyed[store.Stance], error) {
		if topic == 0 {
			return l.store.StanceListByAuthorIDs(ctx, ids, nil)
		}
		return l.store.StanceListByAuthorIDs(ctx, ids, &topic)
	}, primer(StanceByID, stanceID))
}

func pairTopic(k TopicPairKey) int64 { return k.TopicID }
func pairOwner(k TopicPairKey) int64 { return k.OwnerID }

// primedStance is a document's stance on a topic (StanceByDocTopic),
// cached by id too; a document without one gets nil.
func primedStance(l *Loaders, st *store.Stance) *store.Stance {
	StanceByID.In(l).Prime(st.ID, st)
	return st
}

// perTopic reads at most one row per document and topic, one query per
// topic; a pair without a row gets V's zero value.
func perTopic[T, V any](read func(*store.Store, context.Context, int64, []int64) ([]*T, error), doc func(*T) int64, value func(*Loaders, *T) V) Kind[TopicPairKey, V] {
	return kind(func(l *Loaders) fetchFunc[TopicPairKey, V] {
		return func(ctx context.Context, keys []TopicPairKey) ([]V, []error) {
			order, groups := groupBy(keys, pairTopic, pairOwner)
			found := map[TopicPairKey]V{}
			for _, topic := range order {
				rows, err := read(l.store, ctx, topic, groups[topic])
				if err != nil {
					return nil, []error{err}
				}
				for _, r := range rows {
					found[TopicPairKey{OwnerID: doc(r), TopicID: topic}] = value(l, r)
				}
			}
			out := make([]V, len(keys))
			for i, k := range keys {
				out[i] = found[k]
			}
			return out, nil
		}
	})
}

// evidence reads the best passages per owner with read (by document or by
// author), one query per distinct topic and page.
func evidence(read func(*store.Store, context.Context, int64, []int64, int, int) ([]store.Keyed[store.Passage], error)) Kind[EvidenceKey, []*store.Passage] {
	return perArgument(func(k EvidenceKey) EvidenceKey { k.OwnerID = 0; return k }, func(k EvidenceKey) int64 { return k.OwnerID },
		func(l *Loaders, ctx context.Context, a EvidenceKey, ids []int64) ([]store.Keyed[store.Passage], error) {
			return read(l.store, ctx, a.TopicID, ids, a.Offset, a.Limit)
		}, func(l *Loaders, p *store.Passage) { ParagraphByID.In(l).Prime(p.Paragraph.ID, &p.Paragraph) })
}

// perArgument is a kind of keys that carry a field argument (a topic, a
// page) besides their owner: one read per distinct argument, of the rows
// of its owners, keyed by owner. prime, if not nil, sees every row.
func perArgument[K, A comparable, T any](arg func(K) A, owner func(K) int64,
	read func(*Loaders, context.Context, A, []int64) ([]store.Keyed[T], error), prime primeFunc[T]) Kind[K, []*T] {
	return kind(func(l *Loaders) fetchFunc[K, []*T] { return byArgument(l, arg, owner, read, prime) })
}

func byArgument[K, A comparable, T any](l *Loaders, arg func(K) A, owner func(K) int64,
	read func(*Loaders, context.Context, A, []int64) ([]store.Keyed[T], error), prime primeFunc[T]) fetchFunc[K, []*T] {
	return func(ctx context.Context, keys []K) ([][]*T, []error) {
		type found struct {
			arg   A
			owner int64
		}
		order, groups := groupBy(keys, arg, owner)
		rows := map[found][]*T{}
		for _, a := range order {
			read, err := read(l, ctx, a, groups[a])
			if err != nil {
				return nil, []error{err}
			}
			for _, r := range read {
				rows[found{a, r.Key}] = append(rows[found{a, r.Key}], r.Value)
				if prime != nil {
					prime(l, r.Value)
				}
			}
		}
		out := make([][]*T, len(keys))
		for i, k := range keys {
			if out[i] = rows[found{arg(k), owner(k)}]; out[i] == nil {
				out[i] = []*T{}
			}
		}
		return out, nil
	}
}

// Taxonomy returns every topic, read once per request however many
// fields and walkers ask: resolving a topic argument is frequent (every
// field with a topic: argument, in each root field) and the taxonomy is a
// few rows, so one read serves slugs and ids alike, and the statement
// count does not depend on which of them runs first.
func (l *Loaders) Taxonomy(ctx context.Context) ([]*store.Topic, error) {
	l.taxonomyOnce.Do(func() {
		// Alone: other reads of a pipeline may wait here for it.
		l.taxonomy, l.taxonomyErr = l.store.TopicList(store.Alone(ctx))
	})
	return l.taxonomy, l.taxonomyErr
}

// topicsByID picks topics by id out of the taxonomy.
func (l *Loaders) taxonomyByID(ctx context.Context, ids []int64) ([]*store.Topic, error) {
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
func limited[T any](read func(*store.Store, context.Context, []int64, int, int) ([]store.Keyed[T], error), prime primeFunc[T]) Kind[LimitKey, []*T] {
	return perArgument(func(k LimitKey) LimitKey { k.OwnerID = 0; return k }, func(k LimitKey) int64 { return k.OwnerID },
		func(l *Loaders, ctx context.Context, w LimitKey, ids []int64) ([]store.Keyed[T], error) {
			return read(l.store, ctx, ids, w.Offset, w.Limit)
		}, prime)
}

// stancesByTopic adapts the store's list of stances (which carry their
// topic) to limited.
func stancesByTopic(s *store.Store, ctx context.Context, ids []int64, offset, limit int) ([]store.Keyed[store.Stance], error) {
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
