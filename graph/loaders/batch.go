package loaders

import (
	"context"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

// fetchFunc is a loader's batch function: one value (or error) per key,
// in key order, or a single error for the whole batch.
type fetchFunc[K comparable, V any] func(ctx context.Context, keys []K) ([]V, []error)

// A read of one kind's rows for a batch of ids, from the request's store
// (a store method: (*store.Store).SectionListByDocumentIDs).
type read[R any] func(*store.Store, context.Context, []int64) (R, error)

// byID is a kind of rows by their id; an id without a row is a
// NOT_FOUND error.
func byID[T any](read read[[]*T], id func(*T) int64, what string) Kind[int64, *T] {
	return kind(func(l *Loaders) fetchFunc[int64, *T] {
		return rowsByID(func(ctx context.Context, ids []int64) ([]*T, error) { return read(l.store, ctx, ids) }, id, what)
	})
}

func rowsByID[T any](read func(context.Context, []int64) ([]*T, error), id func(*T) int64, what string) fetchFunc[int64, *T] {
	return func(ctx context.Context, ids []int64) ([]*T, []error) {
		rows, err := read(ctx, ids)
		if err != nil {
			return nil, []error{err}
		}
		found := make(map[int64]*T, len(rows))
		for _, r := range rows {
			found[id(r)] = r
		}
		return oneEach(ids, found, what)
	}
}

// primeFunc sees every row a batch function reads, to fill a by-id
// loader's cache.
type primeFunc[T any] func(*Loaders, *T)

// primer returns a primeFunc that puts a row into the request's loader of
// kind k, so that a later lookup of the same row by id costs no query.
func primer[T any](k Kind[int64, *T], id func(*T) int64) primeFunc[T] {
	return func(l *Loaders, v *T) { k.In(l).Prime(id(v), v) }
}

// list is a kind of rows that carry their key (a section's document id):
// the rows are grouped by key in the order read returned them, and a key
// without rows gets an empty list. prime, if not nil, sees every row.
func list[T any](read read[[]*T], key func(*T) int64, prime primeFunc[T]) Kind[int64, []*T] {
	return kind(func(l *Loaders) fetchFunc[int64, []*T] {
		return func(ctx context.Context, keys []int64) ([][]*T, []error) {
			rows, err := read(l.store, ctx, keys)
			if err != nil {
				return nil, []error{err}
			}
			groups := make(map[int64][]*T, len(keys))
			for _, r := range rows {
				groups[key(r)] = append(groups[key(r)], r)
				if prime != nil {
					prime(l, r)
				}
			}
			return inKeyOrder(keys, groups), nil
		}
	})
}

// keyedList is list for rows read together with their key.
func keyedList[T any](read read[[]store.Keyed[T]], prime primeFunc[T]) Kind[int64, []*T] {
	return perArgument(func(int64) struct{} { return struct{}{} }, func(k int64) int64 { return k },
		func(l *Loaders, ctx context.Context, _ struct{}, ids []int64) ([]store.Keyed[T], error) {
			return read(l.store, ctx, ids)
		}, prime)
}

// keyedValues is keyedList for plain values (captions).
func keyedValues[T any](read read[[]store.Keyed[T]]) Kind[int64, []T] {
	return kind(func(l *Loaders) fetchFunc[int64, []T] {
		return func(ctx context.Context, keys []int64) ([][]T, []error) {
			rows, err := read(l.store, ctx, keys)
			if err != nil {
				return nil, []error{err}
			}
			groups := make(map[int64][]T, len(keys))
			for _, r := range rows {
				groups[r.Key] = append(groups[r.Key], *r.Value)
			}
			return inKeyOrder(keys, groups), nil
		}
	})
}

// keyedOne is a kind of exactly one value per key (a document's text); a
// key without one is a NOT_FOUND error.
func keyedOne[T any](read read[[]store.Keyed[T]], what string) Kind[int64, T] {
	return kind(func(l *Loaders) fetchFunc[int64, T] {
		return func(ctx context.Context, keys []int64) ([]T, []error) {
			rows, err := read(l.store, ctx, keys)
			if err != nil {
				return nil, []error{err}
			}
			found := make(map[int64]T, len(rows))
			for _, r := range rows {
				found[r.Key] = *r.Value
			}
			return oneEach(keys, found, what)
		}
	})
}

// oneEach returns the value found for each key, in key order, and a
// NOT_FOUND error for a key without one.
func oneEach[V any](keys []int64, found map[int64]V, what string) ([]V, []error) {
	out := make([]V, len(keys))
	var errs []error
	for i, k := range keys {
		v, ok := found[k]
		if !ok {
			if errs == nil {
				errs = make([]error, len(keys))
			}
			errs[i] = store.Errorf(store.ENotFound, "%s not found", what)
		}
		out[i] = v
	}
	return out, errs
}

// inKeyOrder returns the groups in the order of keys, with an empty (not
// nil) list for a key without rows: the GraphQL lists are non-null.
func inKeyOrder[T any](keys []int64, groups map[int64][]T) [][]T {
	out := make([][]T, len(keys))
	for i, k := range keys {
		if out[i] = groups[k]; out[i] == nil {
			out[i] = []T{}
		}
	}
	return out
}
