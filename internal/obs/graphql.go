package obs

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// GraphQL is a gqlgen extension that tells the middleware each request's
// operation name and error codes (through the context's Request) and,
// when it has a tracer, makes a span per operation and per resolver.
type GraphQL struct {
	tracer trace.Tracer
}

// tracedGraphQL is GraphQL with spans per resolver. It is a type of its
// own because gqlgen runs a field interceptor around every field, scalars
// included: without a tracer, the extension is none.
type tracedGraphQL struct{ GraphQL }

var (
	_ graphql.HandlerExtension    = GraphQL{}
	_ graphql.ResponseInterceptor = GraphQL{}
	_ graphql.FieldInterceptor    = tracedGraphQL{}
)

// NewGraphQL returns the extension; tp makes its spans, and nil makes
// none.
func NewGraphQL(tp trace.TracerProvider) graphql.HandlerExtension {
	if tp == nil {
		return GraphQL{}
	}
	return tracedGraphQL{GraphQL{tracer: tp.Tracer(instrumentation)}}
}

// ExtensionName names the extension for gqlgen.
func (GraphQL) ExtensionName() string { return "Observe" }

// Validate accepts every schema.
func (GraphQL) Validate(graphql.ExecutableSchema) error { return nil }

// OperationName returns the label of the operation a GraphQL context
// runs: its name, OpAnonymous for an unnamed one, and OpInvalid when the
// request did not get as far as choosing an operation (a query that does
// not parse, an operation name the query does not hold).
func OperationName(oc *graphql.OperationContext) string {
	switch {
	case oc == nil || oc.Operation == nil:
		return OpInvalid
	case oc.Operation.Name != "":
		return oc.Operation.Name
	}
	return OpAnonymous
}

// InterceptResponse notes the operation name and the response's error
// codes, and spans the operation's execution, resolvers included.
func (g GraphQL) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	var oc *graphql.OperationContext
	if graphql.HasOperationContext(ctx) {
		oc = graphql.GetOperationContext(ctx)
	}
	name := OperationName(oc)
	req := RequestFrom(ctx)
	if req != nil {
		req.SetOperation(name)
	}
	var span trace.Span
	if g.tracer != nil {
		kind := "query"
		if oc != nil && oc.Operation != nil {
			kind = string(oc.Operation.Operation)
		}
		ctx, span = g.tracer.Start(ctx, kind+" "+name, trace.WithAttributes(
			attribute.String("graphql.operation.type", kind),
			attribute.String("graphql.operation.name", name)))
		defer span.End()
	}
	resp := next(ctx)
	if resp == nil {
		return nil
	}
	for _, e := range resp.Errors {
		code := fmt.Sprint(e.Extensions["code"])
		if e.Extensions["code"] == nil {
			code = "UNKNOWN"
		}
		if req != nil {
			req.AddErrorCode(code)
		}
		if span != nil {
			span.AddEvent("graphql.error", trace.WithAttributes(
				attribute.String("graphql.error.code", code), attribute.String("graphql.error.path", e.Path.String())))
		}
	}
	if span != nil && len(resp.Errors) > 0 {
		span.SetStatus(codes.Error, resp.Errors[0].Message)
	}
	return resp
}

// InterceptField spans the fields that run a resolver; fields read from
// a loaded struct cost nothing worth a span.
func (g tracedGraphQL) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !fc.IsResolver {
		return next(ctx)
	}
	ctx, span := g.tracer.Start(ctx, fc.Object+"."+fc.Field.Name, trace.WithAttributes(
		attribute.String("graphql.field.path", fc.Path().String())))
	defer span.End()
	res, err := next(ctx)
	if err != nil {
		span.RecordError(err)
		span.SetStatus(codes.Error, "resolver failed")
	}
	return res, err
}
