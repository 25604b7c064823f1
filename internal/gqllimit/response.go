package gqllimit

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Error codes of the response limits.
const (
	CodeResponseSize = "RESPONSE_LIMIT_EXCEEDED"
	CodeErrors       = "ERROR_LIMIT_EXCEEDED"
)

// ResponseLimit is a gqlgen extension that bounds what a response holds:
// its size as the resolvers produce it, and the number of errors it
// carries; it also counts the request's Work (fields, KiB, errors).
// Register it after the extensions that should see the final response
// (observers): it replaces a response that grew too large with one
// error. Use it by pointer.
type ResponseLimit struct {
	// MaxBytes returns the bound of the JSON of a response's data,
	// estimated field by field as the resolvers return; past it the
	// operation is cancelled and answered with CodeResponseSize alone.
	// Nil or zero: no bound.
	MaxBytes func() int
	// MaxErrors bounds the errors a response carries; the ones past it
	// are replaced by one error with CodeErrors that counts them.
	MaxErrors int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
	graphql.ResponseInterceptor
} = &ResponseLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (*ResponseLimit) ExtensionName() string { return extensionName }

const extensionName = "ResponseLimits"

// Validate implements graphql.HandlerExtension.
func (*ResponseLimit) Validate(graphql.ExecutableSchema) error { return nil }

// sizeBudget is one operation's running size (max zero: unbounded), and
// the request's Work. The operation's field middleware holds it: a
// context lookup from a field walks up every field and list item above
// it, and a field interceptor makes a closure per field.
type sizeBudget struct {
	max    int64
	used   atomic.Int64
	over   atomic.Bool
	cancel context.CancelCauseFunc
	work   *Work // nil: not counted
	// started: InterceptResponse has run once (a response with @defer
	// has several parts; the fields of all run in the first one's context).
	started bool
}

// errTooLarge is the cause of the cancellation of a response over its
// size; fields resolved after it fail with tooLarge errors, which nobody
// sees: the response is replaced.
var errTooLarge = errors.New("the response is over its size limit")

func tooLarge() error {
	return &gqlerror.Error{Message: errTooLarge.Error(), Extensions: map[string]any{"code": CodeResponseSize}}
}

// MutateOperationContext implements graphql.OperationContextMutator: it
// puts the operation's budget around every field's resolver, in the
// operation's field middleware.
func (l *ResponseLimit) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	b := &sizeBudget{}
	b.work, _ = ctx.Value(workKey{}).(*Work)
	oc.Stats.SetExtension(extensionName, b)
	next := oc.ResolverMiddleware
	oc.ResolverMiddleware = func(ctx context.Context, resolve graphql.Resolver) (any, error) {
		return b.field(ctx, next, resolve)
	}
	return nil
}

// InterceptResponse implements graphql.ResponseInterceptor.
func (l *ResponseLimit) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	var b *sizeBudget
	if graphql.HasOperationContext(ctx) {
		b, _ = graphql.GetOperationContext(ctx).Stats.GetExtension(extensionName).(*sizeBudget)
	}
	if b == nil { // refused before MutateOperationContext: no field resolves
		b = &sizeBudget{}
	}
	first := !b.started
	if first {
		b.started = true
		if l.MaxBytes != nil && l.MaxBytes() > 0 {
			b.max = int64(l.MaxBytes())
			// Cancelled only when over budget: deferred fragments (@defer)
			// go on resolving in this context after the first part
			// returns, and the request's end releases it.
			ctx, b.cancel = context.WithCancelCause(ctx)
		}
	}
	resp := next(ctx)
	if resp == nil {
		return nil
	}
	AddWork(ctx, errorWork*len(resp.Errors)+len(resp.Data)>>10)
	if first && b.over.Load() {
		used := int(b.used.Load())
		err := refuse(CodeResponseSize, fmt.Sprintf("the response reached %d bytes before it was complete, which exceeds the limit of %d: ask for fewer or smaller fields, or smaller pages",
			used, b.max), int(b.max), used)
		return &graphql.Response{Errors: gqlerror.List{err}, Extensions: resp.Extensions}
	}
	resp.Errors = capErrors(resp.Errors, l.MaxErrors)
	return resp
}

// field adds the size of a field's value to the budget, and once the
// budget is spent stops resolving.
func (b *sizeBudget) field(ctx context.Context, next graphql.FieldMiddleware, resolve graphql.Resolver) (any, error) {
	if b.work != nil {
		b.work.units.Add(1)
	}
	if b.max == 0 {
		return next(ctx, resolve)
	}
	if b.over.Load() {
		return nil, tooLarge()
	}
	res, err := next(ctx, resolve)
	n := valueSize(res)
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Field.Field != nil {
		n += len(fc.Field.Alias) + 4 // "alias":…,
	}
	b.add(n)
	return res, err
}

// add adds n bytes to the response's size.
func (b *sizeBudget) add(n int) {
	if b.used.Add(int64(n)) > b.max && !b.over.Swap(true) {
		b.cancel(errTooLarge) // the loaders' statements in flight stop too
	}
}

// CountField counts a field that resolves outside the field middleware
// (graph/generated reads a scalar from its object's struct without it)
// as the middleware would: a unit of work, and bytes in the response.
func CountField(oc *graphql.OperationContext, bytes int) {
	b, _ := oc.Stats.GetExtension(extensionName).(*sizeBudget)
	if b == nil {
		return
	}
	if b.work != nil {
		b.work.units.Add(1)
	}
	if b.max > 0 {
		b.add(bytes)
	}
}

// valueSize estimates the bytes of a resolved value in the JSON
// response; objects count only their braces (their fields count
// themselves).
func valueSize(v any) int {
	switch v := v.(type) {
	case nil:
		return 4
	case string:
		return len(v) + 2
	case *string:
		if v == nil {
			return 4
		}
		return len(*v) + 2
	case []string:
		n := 2
		for _, s := range v {
			n += len(s) + 3
		}
		return n
	case bool, int, int32, int64, float32, float64:
		return 8
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		return 2 + rv.Len()
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return 4
		}
	}
	return 8
}

// capErrors keeps the first max errors of a list and replaces the rest
// with one that counts them.
func capErrors(errs gqlerror.List, limit int) gqlerror.List {
	if limit <= 0 || len(errs) <= limit {
		return errs
	}
	more := refuse(CodeErrors, fmt.Sprintf("the response has %d errors, which exceeds the limit of %d: only the first %d are shown",
		len(errs), limit, limit-1), limit, len(errs))
	return append(errs[:limit-1:limit-1], more)
}
