package obs

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

// StatementsHeader is the response header that tells how many SQL
// statements the request ran.
const StatementsHeader = "X-Sql-Statements"

// HTTPConfig is what the middleware reports through.
type HTTPConfig struct {
	Log     *slog.Logger
	Metrics *Metrics // nil: no metrics
	// RequestID returns the ID of the request a context belongs to.
	RequestID func(context.Context) string
	// Routes finds the pattern a request matches, for the route label
	// (an *http.ServeMux). Asking it up front works whatever the handlers
	// in between do to the request.
	Routes interface {
		Handler(*http.Request) (http.Handler, string)
	}
	// TracerProvider makes the request spans; nil makes none.
	TracerProvider trace.TracerProvider
}

// quiet are the routes logged at debug level: probes and scrapes come
// every few seconds and would drown the log.
var quiet = map[string]bool{"GET /healthz": true, "GET /readyz": true, "GET /metrics": true}

// Middleware observes every request: it counts the SQL statements the
// request runs and reports the count in StatementsHeader (written with the
// response's first byte, when a GraphQL response is complete), traces the
// request, and when it ends logs one line and records its metrics, with
// the GraphQL operation name and error codes the GraphQL extension noted
// in the request's Request.
func Middleware(cfg HTTPConfig, next http.Handler) http.Handler {
	if cfg.RequestID == nil {
		cfg.RequestID = func(context.Context) string { return "" }
	}
	var tracer trace.Tracer
	if cfg.TracerProvider != nil {
		tracer = cfg.TracerProvider.Tracer(instrumentation)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		route := ""
		if cfg.Routes != nil {
			_, route = cfg.Routes.Handler(r)
		}
		ctx, counter := store.WithStatementCounter(r.Context())
		req := &Request{}
		ctx = WithRequest(ctx, req)
		var span trace.Span
		if tracer != nil {
			ctx = otel.GetTextMapPropagator().Extract(ctx, propagation.HeaderCarrier(r.Header))
			name := r.Method
			if route != "" {
				name = route // "GET /healthz": the pattern starts with the method
			}
			ctx, span = tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(
				attribute.String("http.request.method", r.Method),
				attribute.String("url.path", r.URL.Path),
				attribute.String("http.route", route),
				attribute.String("sourcecmp.request_id", cfg.RequestID(ctx))))
			defer span.End()
		}
		rec := &recorder{ResponseWriter: w, counter: counter, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(ctx))

		o := RequestObservation{Route: route, Operation: req.Operation(), Status: rec.status,
			Duration: time.Since(start), Statements: counter.Count(), ErrorCodes: req.ErrorCodes()}
		if span != nil {
			span.SetAttributes(attribute.Int("http.response.status_code", o.Status),
				attribute.Int64("db.statements", o.Statements))
			if o.Operation != "" {
				span.SetAttributes(attribute.String("graphql.operation.name", o.Operation))
			}
			if o.Status >= 500 {
				span.SetStatus(codes.Error, http.StatusText(o.Status))
			}
		}
		if cfg.Metrics != nil {
			cfg.Metrics.ObserveRequest(o)
		}
		logRequest(ctx, cfg, r, rec, o)
	})
}

func logRequest(ctx context.Context, cfg HTTPConfig, r *http.Request, rec *recorder, o RequestObservation) {
	level := slog.LevelInfo
	switch {
	case o.Status >= 500:
		level = slog.LevelError
	case quiet[o.Route]:
		level = slog.LevelDebug
	}
	if !cfg.Log.Enabled(ctx, level) {
		return
	}
	attrs := []slog.Attr{
		slog.String("request_id", cfg.RequestID(ctx)),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.String("route", o.Route),
		slog.Int("status", o.Status),
		slog.Float64("duration_ms", float64(o.Duration.Microseconds())/1000),
		slog.Int64("sql_statements", o.Statements),
		slog.Int64("bytes", rec.bytes),
	}
	if o.Operation != "" {
		attrs = append(attrs, slog.String("operation", o.Operation))
	}
	if len(o.ErrorCodes) > 0 {
		attrs = append(attrs, slog.Any("errors", o.ErrorCodes))
	}
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		attrs = append(attrs, slog.String("trace_id", sc.TraceID().String()))
	}
	cfg.Log.LogAttrs(ctx, level, "request", attrs...)
}

// recorder notes a response's status and size and stamps the statement
// count.
type recorder struct {
	http.ResponseWriter
	counter     *store.StatementCounter
	status      int
	bytes       int64
	wroteHeader bool
}

func (rw *recorder) WriteHeader(status int) {
	if !rw.wroteHeader {
		rw.wroteHeader = true
		rw.status = status
		rw.Header().Set(StatementsHeader, strconv.FormatInt(rw.counter.Count(), 10))
	}
	rw.ResponseWriter.WriteHeader(status)
}

func (rw *recorder) Write(b []byte) (int, error) {
	if !rw.wroteHeader {
		rw.WriteHeader(http.StatusOK)
	}
	n, err := rw.ResponseWriter.Write(b)
	rw.bytes += int64(n)
	return n, err
}

// Flush sends what is buffered, for responses that stream.
func (rw *recorder) Flush() {
	if !rw.wroteHeader {
		rw.WriteHeader(http.StatusOK)
	}
	http.NewResponseController(rw.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (rw *recorder) Unwrap() http.ResponseWriter { return rw.ResponseWriter }
