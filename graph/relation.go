package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/sourcecmp/sourcecmp/graph/loaders"
	"github.com/sourcecmp/sourcecmp/graph/model"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// A relation is an object field whose value is read from the database
// through a loader. Each is declared once, in the relation table
// (relations.go), and that one declaration drives the field's resolver
// (Resolver.Relation), the walk that prefetches it below a root field (prefetch.go),
// its argument parsing and defaults, and its cost (complexity.go).
type relation interface {
	// resolve answers the field for one parent, raw being the field's
	// arguments (gqlgen's parsed ones or the query's raw ones alike).
	resolve(ctx context.Context, parent any, raw map[string]any) (any, error)
	// prefetch reads the field for every parent with one batch per
	// loader, fills the loader's cache for resolve, and returns the
	// field's values (lists and connections included) for the walk below.
	prefetch(w *walker, parents []any, f graphql.CollectedField) []any
	// cost prices the field for the complexity limit.
	cost(b store.ListBounds, child int, raw map[string]any) int
}

// spec is what a relation's declaration says about its arguments and
// bound.
type spec struct {
	// first is the page size when neither first nor last is given; zero
	// for a field that does not page.
	first int
	// cursor is the kind of a list read by position (a window); "" with
	// first reads a keyset page of documents.
	cursor string
	topic  topicArgument
	// bound is a list's longest length in the data; text a text's.
	bound, text func(store.ListBounds) int
}

type topicArgument int

const (
	noTopic topicArgument = iota
	optionalTopic
	requiredTopic
)

// args are a relation field's parsed arguments.
type args struct {
	page  page
	after store.DocumentCursor // page's cursor
	win   window
	topic *store.Topic
	lang  *model.Lang
}

// args parses a field's arguments; an unknown topic is an error before
// anything is read.
func (s spec) args(ctx context.Context, raw map[string]any) (args, error) {
	var a args
	if slug := stringArg(raw["topic"]); s.topic != noTopic && slug != nil {
		t, err := topicArg(ctx, "topic", *slug)
		if err != nil {
			return a, err
		}
		a.topic = t
	}
	if s.first > 0 {
		pa := pageArgs{First: intArg(raw["first"]), Last: intArg(raw["last"]), After: stringArg(raw["after"]), Before: stringArg(raw["before"])}
		var err error
		if s.cursor == "" {
			if a.page, err = pa.page(s.first); err == nil {
				a.after, err = documentCursor(a.page)
			}
		} else {
			a.win, err = pa.window(s.first, s.cursor)
		}
		if err != nil {
			return a, err
		}
	}
	a.lang = langArg(raw["lang"])
	return a, nil
}

// cost is 1 plus, for a list, the most items it can hold times the cost of
// one: a page's size, else the longest such list in the data. A text costs
// a unit per textUnit code points of the longest one.
func (s spec) cost(b store.ListBounds, child int, raw map[string]any) int {
	switch {
	case s.first > 0:
		return 1 + pageLen(intArg(raw["first"]), intArg(raw["last"]), s.first)*child
	case s.bound != nil:
		return 1 + max(s.bound(b), 1)*child // an empty database does not make nesting free
	case s.text != nil:
		return 1 + s.text(b)/textUnit
	}
	return 1 + child
}

// rel is a relation of parents P read through one loader of K to V.
type rel[P any, K comparable, V any] struct {
	spec
	loader loaders.Kind[K, V]
	// key is a parent's key; false when the parent has no value (a
	// citation that lost its anchor has no paragraph).
	key func(P, args) (K, bool)
	// answer turns the loader's value into the field's (a page of it, a
	// connection); nil answers the value itself.
	answer func(P, args, V) any
	// target is the GraphQL type of the object a to-one field (an id)
	// leads to: one the walk has already met costs no read.
	target string
	// count, with countKey, is a connection's totalCount, prefetched when
	// selected.
	count    *loaders.Kind[int64, int]
	countKey func(P) int64
}

func (r rel[P, K, V]) value(p P, a args, v V) any {
	if r.answer == nil {
		return v
	}
	return r.answer(p, a, v)
}

func (r rel[P, K, V]) resolve(ctx context.Context, parent any, raw map[string]any) (any, error) {
	a, p, v, ok, err := r.read(ctx, parent, raw)
	if !ok || err != nil {
		return nil, err
	}
	return r.value(p, a, v), nil
}

// read reads a parent's value through the loader; ok is false for a
// parent without one.
func (r rel[P, K, V]) read(ctx context.Context, parent any, raw map[string]any) (a args, p P, v V, ok bool, err error) {
	if a, err = r.args(ctx, raw); err != nil {
		return a, p, v, false, err
	}
	p = parent.(P)
	k, ok := r.key(p, a)
	if !ok {
		return a, p, v, false, nil
	}
	v, err = r.loader.For(ctx).Load(ctx, k)
	return a, p, v, err == nil, err
}

func (r rel[P, K, V]) prefetch(w *walker, parents []any, f graphql.CollectedField) []any {
	a, err := r.args(w.ctx, f.ArgumentMap(w.op.Variables))
	if err != nil {
		return nil // the resolver reports it
	}
	ps := make([]P, 0, len(parents))
	keys := make([]K, 0, len(parents))
	for _, parent := range parents {
		p := parent.(P)
		if k, ok := r.key(p, a); ok {
			ps, keys = append(ps, p), append(keys, k)
		}
	}
	vals, ok := prefetchKeys(w, r.loader.In(w.l), keys, r.target)
	out := make([]any, 0, len(keys))
	for i := range keys {
		if ok[i] {
			out = append(out, r.value(ps[i], a, vals[i]))
		}
	}
	if r.count != nil && w.selects(f, "totalCount") {
		ids := make([]int64, len(ps))
		for i, p := range ps {
			ids[i] = r.countKey(p)
		}
		prefetchKeys(w, r.count.In(w.l), ids, "")
	}
	return out
}

// via is a relation reached through another: a citation's section is its
// paragraph's.
type via struct{ first, then relation }

func (v via) resolve(ctx context.Context, parent any, raw map[string]any) (any, error) {
	mid, err := v.first.resolve(ctx, parent, raw)
	if mid == nil || err != nil {
		return nil, err
	}
	return v.then.resolve(ctx, mid, raw)
}

func (v via) prefetch(w *walker, parents []any, f graphql.CollectedField) []any {
	mid := v.first.prefetch(w, parents, f)
	if t, ok := v.first.(interface{ targetType() string }); ok && t.targetType() != "" {
		w.meet(t.targetType(), items(mid)) // the citation's paragraph, if also asked for, costs no read again
	}
	return v.then.prefetch(w, mid, f)
}

func (v via) cost(_ store.ListBounds, child int, _ map[string]any) int { return 1 + child }

// fieldKey names a field of a type.
type fieldKey struct{ typ, field string }

// Relation answers the relation field being resolved: the one resolver
// of every field marked @relation in the schema (gqlgen's generated code
// calls it, see graph/internal/inline).
func (r *Resolver) Relation(ctx context.Context, parent any) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	return relations[fieldKey{fc.Object, fc.Field.Name}].resolve(ctx, parent, fc.Args)
}

// The arguments arrive parsed by gqlgen (*int, *string, *model.Lang) in a
// resolver and raw (int64, string) in the walk and the cost model.

func intArg(v any) *int {
	switch n := v.(type) {
	case *int:
		return n
	case int64:
		i := int(n)
		return &i
	case int:
		return &n
	}
	return nil
}

func stringArg(v any) *string {
	switch s := v.(type) {
	case *string:
		return s
	case string:
		return &s
	}
	return nil
}

func langArg(v any) *model.Lang {
	switch l := v.(type) {
	case *model.Lang:
		return l
	case model.Lang:
		return &l
	case string:
		lang := model.Lang(l)
		return &lang
	}
	return nil
}
