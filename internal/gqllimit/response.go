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
	graphql.ResponseInterceptor
	graphql.FieldInterceptor
} = &ResponseLimit{}

// ExtensionName implements graphql.HandlerExtension.
func (*ResponseLimit) ExtensionName() string { return "ResponseLimits" }

// Validate implements graphql.HandlerExtension.
func (*ResponseLimit) Validate(graphql.ExecutableSchema) error { return nil }

// sizeBudget is one response's running size (max zero: unbounded), and
// the request's Work, looked up once for the response's fields: a context
// lookup from a field walks up every field and list item above it.
type sizeBudget struct {
	max    int64
	used   atomic.Int64
	over   atomic.Bool
	cancel context.CancelCauseFunc
	work   *Work // nil: not counted
}

type budgetKey struct{}

// errTooLarge is the cause of the cancellation of a response over its
// size; fields resolved after it fail with tooLarge errors, which nobody
// sees: the response is replaced.
var errTooLarge = errors.New("the response is over its size limit")

func tooLarge() error {
	return &gqlerror.Error{Message: errTooLarge.Error(), Extensions: map[string]any{"code": CodeResponseSize}}
}

// InterceptResponse implements graphql.ResponseInterceptor.
func (l *ResponseLimit) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	b := &sizeBudget{}
	b.work, _ = ctx.Value(workKey{}).(*Work)
	if l.MaxBytes != nil && l.MaxBytes() > 0 {
		b.max = int64(l.MaxBytes())
		// Cancelled only when over budget: deferred fragments (@defer) go
		// on resolving in this context after the first part returns, and
		// the request's end releases it.
		ctx, b.cancel = context.WithCancelCause(ctx)
	}
	ctx = context.WithValue(ctx, budgetKey{}, b)
	resp := next(ctx)
	if resp == nil {
		return nil
	}
	AddWork(ctx, errorWork*len(resp.Errors)+len(resp.Data)>>10)
	if b.over.Load() {
		used := int(b.used.Load())
		err := refuse(CodeResponseSize, fmt.Sprintf("the response reached %d bytes before it was complete, which exceeds the limit of %d: ask for fewer or smaller fields, or smaller pages",
			used, b.max), int(b.max), used)
		return &graphql.Response{Errors: gqlerror.List{err}, Extensions: resp.Extensions}
	}
	resp.Errors = capErrors(resp.Errors, l.MaxErrors)
	return resp
}

// InterceptField implements graphql.FieldInterceptor: it adds the size of
// each field's value to the response's budget, and once the budget is
// spent stops resolving.
func (l *ResponseLimit) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	b, _ := ctx.Value(budgetKey{}).(*sizeBudget)
	if b == nil { // not below InterceptResponse
		AddWork(ctx, 1)
		return next(ctx)
	}
	if b.work != nil {
		b.work.units.Add(1)
	}
	if b.max == 0 {
		return next(ctx)
	}
	if b.over.Load() {
		return nil, tooLarge()
	}
	res, err := next(ctx)
	n := int64(valueSize(res))
	if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Field.Field != nil {
		n += int64(len(fc.Field.Alias) + 4) // "alias":…,
	}
	if b.used.Add(n) > b.max && !b.over.Swap(true) {
		b.cancel(errTooLarge) // the loaders' statements in flight stop too
	}
	return res, err
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
