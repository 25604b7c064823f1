package graph

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/sourcecmp/sourcecmp/graph/generated"
	"github.com/sourcecmp/sourcecmp/graph/loaders"
	"github.com/sourcecmp/sourcecmp/internal/stack"
)

// Prefetch is the gqlgen extension that, once a root field (of a query or
// a mutation) has its value, walks the field's selection level by level
// and reads every relation it meets with one batch per relation and
// level, filling the loaders' caches. gqlgen resolves each field of each
// object on its own, and loaders that only waited for keys would batch
// them by time: on a busy machine the keys of one level trickle in over
// more than any sensible window, and the statement count would depend on
// the load and the rows. After the walk it depends on the query alone,
// and the resolvers find their values cached.
//
// The walk knows no field by name: relation fields are looked up in the
// relation table, other object fields (a connection's nodes, a passage's
// paragraph) are read from the Go value gqlgen binds them to. It is an
// optimisation: it stops at the first error and leaves the fields to
// their resolvers, which report errors where they belong.
type Prefetch struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = Prefetch{}

// ExtensionName implements graphql.HandlerExtension.
func (Prefetch) ExtensionName() string { return "Prefetch" }

// Validate implements graphql.HandlerExtension.
func (Prefetch) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator: the
// walk joins the operation's field middleware, which a field interceptor
// would wrap in a closure made for every field.
func (Prefetch) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	next := oc.ResolverMiddleware
	oc.ResolverMiddleware = func(ctx context.Context, resolve graphql.Resolver) (any, error) {
		res, err := next(ctx, resolve)
		fc := graphql.GetFieldContext(ctx)
		if err != nil || res == nil || fc == nil || fc.Object != "Query" && fc.Object != "Mutation" || fc.Field.Definition == nil {
			return res, err
		}
		w := &walker{ctx: ctx, op: oc, l: loaders.For(ctx), walked: map[string]map[int64]any{}}
		w.walk(fc.Field.Definition.Type.Name(), []any{res}, fc.Field.Selections)
		return res, nil
	}
	return nil
}

// walker prefetches below one root field.
type walker struct {
	ctx context.Context
	op  *graphql.OperationContext
	l   *loaders.Loaders
	err error
	// The objects met, by type and id, so that a to-one field (a
	// paragraph's document) reads only those it has not.
	walked map[string]map[int64]any
}

// walk prefetches what sel asks for below objs, values of the GraphQL
// type typ (lists among them are walked item by item).
func (w *walker) walk(typ string, objs []any, sel ast.SelectionSet) {
	if w.err != nil || len(sel) == 0 {
		return
	}
	objs = items(objs)
	def := schema().Types[typ]
	if len(objs) == 0 || def == nil {
		return
	}
	if def.IsAbstractType() { // a Node: walk each concrete type's objects
		byType := map[string][]any{}
		var order []string
		for _, o := range objs {
			name := reflect.Indirect(reflect.ValueOf(o)).Type().Name() // Go types carry their GraphQL names
			if byType[name] == nil {
				order = append(order, name)
			}
			byType[name] = append(byType[name], o)
		}
		for _, name := range order {
			w.walk(name, byType[name], sel)
		}
		return
	}
	if targets[typ] {
		w.meet(typ, objs)
	}
	fields := graphql.CollectFields(w.op, sel, satisfies(def))
	read := w.readTogether(typ, objs, fields)
	for i, f := range fields {
		r := relations[fieldKey{typ, f.Name}]
		switch {
		case f.Definition == nil:
		case read[i] != nil:
			w.walk(f.Definition.Type.Name(), *read[i], f.Selections)
		case r != nil:
			w.walk(f.Definition.Type.Name(), r.prefetch(w, objs, f), f.Selections)
		case len(f.Selections) > 0:
			w.walk(f.Definition.Type.Name(), fieldValues(objs, f.Name), f.Selections)
		}
	}
}

// readTogether reads the relations of a level that do not depend on one
// another at once, in one round trip (a store.Pipeline), and returns their
// values by field. They are the lists, which read every key, and the
// to-one fields before the first field whose walk meets objects (one with
// a selection, a via): each reads what it would have read in field order.
func (w *walker) readTogether(typ string, objs []any, fields []graphql.CollectedField) []*[]any {
	var idx []int
	meets := false
	for i, f := range fields {
		r := relations[fieldKey{typ, f.Name}]
		if t, ok := r.(interface{ targetType() string }); ok && f.Definition != nil && (t.targetType() == "" || !meets) {
			idx = append(idx, i)
		}
		_, isVia := r.(via)
		meets = meets || len(f.Selections) > 0 || isVia
	}
	if len(idx) < 2 || w.err != nil {
		return make([]*[]any, len(fields))
	}
	out := make([]*[]any, len(fields))
	seats := make([]walker, len(idx))
	p := w.l.Pipeline(len(idx))
	var wg sync.WaitGroup
	for j, i := range idx {
		ctx, leave := p.Seat(w.ctx)
		seats[j] = *w
		seats[j].ctx = ctx
		wg.Go(func() {
			stack.Grow() // the read goes as deep as pgx
			defer leave()
			defer func() {
				if v := recover(); v != nil { // the resolver, in gqlgen's goroutine, reports it
					seats[j].err = fmt.Errorf("prefetch %s.%s: %v", typ, fields[i].Name, v)
				}
			}()
			vals := relations[fieldKey{typ, fields[i].Name}].prefetch(&seats[j], objs, fields[i])
			out[i] = &vals
		})
	}
	wg.Wait()
	for j := range seats {
		if w.err == nil {
			w.err = seats[j].err
		}
	}
	return out
}

// meet records objects of a type that to-one fields lead to.
func (w *walker) meet(typ string, objs []any) {
	m := w.walked[typ]
	if m == nil {
		m = map[int64]any{}
		w.walked[typ] = m
	}
	for _, o := range objs {
		if id, ok := idOf(o); ok {
			m[id] = o
		}
	}
}

// selects tells whether a field's selection asks for a field of its type.
func (w *walker) selects(f graphql.CollectedField, name string) bool {
	for _, c := range graphql.CollectFields(w.op, f.Selections, []string{f.Definition.Type.Name()}) {
		if c.Name == name {
			return true
		}
	}
	return false
}

// prefetchKeys reads keys with one batch of loader l and returns each
// key's value, and whether it has one. Keys of a to-one field whose
// target object the walk has met cost no read.
func prefetchKeys[K comparable, V any](w *walker, l *loaders.Loader[K, V], keys []K, target string) ([]V, []bool) {
	vals, ok := make([]V, len(keys)), make([]bool, len(keys))
	if w.err != nil || len(keys) == 0 {
		return vals, ok
	}
	met := w.walked[target]
	var missing []K
	for i, k := range keys {
		if id, isID := any(k).(int64); isID && met != nil {
			if v, found := met[id].(V); found {
				vals[i], ok[i] = v, true
				l.Prime(k, v)
				continue
			}
		}
		missing = append(missing, k)
	}
	got, err := l.Prefetch(w.ctx, missing)
	if err != nil {
		w.err = err
		return vals, ok
	}
	for i, k := range keys {
		if v, found := got[k]; found && !ok[i] {
			vals[i], ok[i] = v, true
		}
	}
	return vals, ok
}

// schema is the parsed schema the walk looks types up in.
var schema = sync.OnceValue(func() *ast.Schema { return generated.NewExecutableSchema(generated.Config{}).Schema() })

// targets are the types to-one relations lead to.
var targets = func() map[string]bool {
	out := map[string]bool{}
	for _, r := range relations {
		if t, ok := r.(interface{ targetType() string }); ok && t.targetType() != "" {
			out[t.targetType()] = true
		}
	}
	return out
}()

func (r rel[P, K, V]) targetType() string { return r.target }

// satisfies lists the type and its interfaces, for collecting fields
// through fragments (`... on Node`) as the generated code does.
func satisfies(def *ast.Definition) []string {
	return append([]string{def.Name}, def.Interfaces...)
}

// items flattens lists and drops nils.
func items(objs []any) []any {
	out := make([]any, 0, len(objs))
	for _, o := range objs {
		v := reflect.ValueOf(o)
		switch {
		case !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil():
		case v.Kind() == reflect.Slice: // of pointers or of values: the schema has no lists of lists
			for i := range v.Len() {
				if e := v.Index(i); e.Kind() != reflect.Pointer || !e.IsNil() {
					out = append(out, e.Interface())
				}
			}
		default:
			out = append(out, o)
		}
	}
	return out
}

// fieldValues reads the struct field gqlgen binds a GraphQL field to (by
// name, case aside) from each object.
func fieldValues(objs []any, name string) []any {
	var out []any
	for _, o := range objs {
		v := reflect.Indirect(reflect.ValueOf(o))
		if v.Kind() != reflect.Struct {
			continue
		}
		if i := fieldIndex(v.Type(), name); i >= 0 {
			out = append(out, v.Field(i).Interface())
		}
	}
	return out
}

// idOf reads an object's database id (its ID field).
func idOf(o any) (int64, bool) {
	v := reflect.Indirect(reflect.ValueOf(o))
	if v.Kind() != reflect.Struct {
		return 0, false
	}
	i := fieldIndex(v.Type(), "ID")
	if i < 0 || v.Field(i).Kind() != reflect.Int64 {
		return 0, false
	}
	return v.Field(i).Int(), true
}

type structField struct {
	t    reflect.Type
	name string
}

var fieldIndexes sync.Map // structField → int

func fieldIndex(t reflect.Type, name string) int {
	k := structField{t, name}
	if i, ok := fieldIndexes.Load(k); ok {
		return i.(int)
	}
	i := -1
	for j := range t.NumField() {
		if f := t.Field(j); f.IsExported() && strings.EqualFold(f.Name, name) {
			i = j
			break
		}
	}
	fieldIndexes.Store(k, i)
	return i
}
