package generated

// Written by hand, not by gqlgen: `go generate ./graph` runs gqlgen, then
// graph/internal/inline, which points the generated marshallers here
// instead of at graphql.MarshalSliceConcurrently and
// FieldSet.ResolveConcurrently, and at noDeferredGroup instead of
// graphql.NewDeferredGroup.
//
// Before gqlgen marshals a root field's value, the walk (graph.Prefetch)
// has read every relation below it into the loaders' caches, so no
// resolver below waits: a goroutine per list item or per resolver field
// buys no concurrency, and its start and stack growth cost a sixth of a
// reader request's CPU (docs/executor.md).

import (
	"context"
	"io"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"

	"github.com/sourcecmp/sourcecmp/internal/gqllimit"
)

// marshalSliceInline marshals a list's items one after the other, where
// gqlgen starts a goroutine per item. Its signature and its handling of
// panics are MarshalSliceConcurrently's.
func marshalSliceInline(ctx context.Context, length int, _ int64, omitPanicHandler bool,
	marshalItem func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	ret := make(graphql.Array, length)
	for i := range length {
		ctx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
		if omitPanicHandler {
			ret[i] = marshalItem(ctx, i)
			continue
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					graphql.AddError(ctx, graphql.Recover(ctx, r))
					ret[i] = graphql.Null
				}
			}()
			ret[i] = marshalItem(ctx, i)
		}()
	}
	return ret
}

// resolveFieldInline resolves field i of out now, where
// out.ResolveConcurrently would schedule it on a goroutine of its own
// (when the object has more than one resolver field). A deferred field
// (@defer) still goes to gqlgen, which sends it in a later payload. The
// panic handling and the count of invalid fields are ResolveConcurrently's.
func resolveFieldInline(ctx context.Context, out *graphql.FieldSet, field graphql.CollectedField, oc *graphql.OperationContext,
	deferred *graphql.DeferredGroup, i int, recoverFromPanic, nonNull bool, resolve func(ctx context.Context) graphql.Marshaler) {
	if field.IsDeferred() {
		if deferred.FieldSet == nil {
			*deferred = graphql.NewDeferredGroup(deferred.Context)
		}
		out.ResolveConcurrently(oc, deferred, i, recoverFromPanic, nonNull, resolve)
		return
	}
	func() {
		if recoverFromPanic {
			defer func() {
				if r := recover(); r != nil {
					oc.Error(ctx, oc.Recover(ctx, r))
					out.Values[i] = graphql.Null
				}
			}()
		}
		out.Values[i] = resolve(ctx)
	}()
	invalid := graphql.RequiredNull // what a nullable field's null child leaves
	if nonNull {
		invalid = graphql.Null
	}
	if out.Values[i] == invalid {
		atomic.AddUint32(&out.Invalids, 1)
	}
}

// noDeferredGroup is an object's group of deferred fields (@defer) before
// it has one: resolveFieldInline makes the group when it meets the first.
// graphql.NewDeferredGroup, which every object marshaller called, looks up
// the object's path (a walk up the whole context and a copy of the path)
// and makes a field set and a map, for the few objects that ever defer.
func noDeferredGroup(ctx context.Context) graphql.DeferredGroup {
	return graphql.DeferredGroup{Context: ctx}
}

// plainField counts a non-null scalar read from its object's struct,
// which graph/internal/inline has marshal at once, without gqlgen's field
// context and middleware: in the response's limits as the middleware
// would (size is the value's estimated bytes in the JSON).
func plainField(oc *graphql.OperationContext, field graphql.CollectedField, size int) {
	gqllimit.CountField(oc, size+len(field.Alias)+4) // "alias":…,
}

// stringSize and stringsSize are gqllimit's estimates of a nullable
// string and a list of strings in the JSON.
func stringSize(v *string) int {
	if v == nil {
		return 4
	}
	return len(*v) + 2
}

// ptrSize is gqllimit's estimate of a nullable number or date.
func ptrSize[T any](v *T) int {
	if v == nil {
		return 4
	}
	return 8
}

func stringsSize(v []string) int {
	n := 2
	for _, s := range v {
		n += len(s) + 3
	}
	return n
}

// quoted marshals a string as graphql.MarshalString does, looking at it a
// byte at a time instead of a character at a time: the characters JSON
// escapes are ASCII, and no byte of a longer UTF-8 sequence is one of
// them, so the output is the same, and Japanese text is three times fewer
// steps without a rune to decode in each.
type quoted string

// MarshalGQL implements graphql.Marshaler.
func (s quoted) MarshalGQL(w io.Writer) {
	io.WriteString(w, `"`)
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '\\' && c != '"' {
			continue
		}
		io.WriteString(w, string(s[start:i]))
		switch c {
		case '\t':
			io.WriteString(w, `\t`)
		case '\r':
			io.WriteString(w, `\r`)
		case '\n':
			io.WriteString(w, `\n`)
		case '\\':
			io.WriteString(w, `\\`)
		case '"':
			io.WriteString(w, `\"`)
		default:
			io.WriteString(w, `\u00`)
			w.Write([]byte{hex[c>>4], hex[c&0xf]})
		}
		start = i + 1
	}
	io.WriteString(w, string(s[start:]))
	io.WriteString(w, `"`)
}

const hex = "0123456789ABCDEF" // graphql.MarshalString's case

// quotedOrNull is quoted for a nullable string.
func quotedOrNull(s *string) graphql.Marshaler {
	if s == nil {
		return graphql.Null
	}
	return quoted(*s)
}
