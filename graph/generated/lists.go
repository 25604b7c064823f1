package generated

// Written by hand, not by gqlgen: `go generate ./graph` runs gqlgen, then
// graph/internal/inlinelists, which points the generated list marshallers
// here instead of at graphql.MarshalSliceConcurrently.

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// marshalSliceInline marshals a list's items one after the other, where
// gqlgen starts a goroutine per item. Before any item is marshalled, the
// walk (graph.Prefetch) has read every relation below the root field into
// the loaders' caches, so no resolver waits and a goroutine per item
// buys no concurrency; its start and stack growth were a sixth of a
// reader request's CPU (docs/executor.md). Its signature and its
// handling of panics are MarshalSliceConcurrently's.
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
