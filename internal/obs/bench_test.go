package obs

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

// BenchmarkMiddleware measures what observing a request costs: the
// statement counter, the request holder, the metrics and a JSON log line
// (to io.Discard), around a handler that does nothing; with tracing, one
// span more, recorded in memory.
func BenchmarkMiddleware(b *testing.B) {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /graphql", func(w http.ResponseWriter, r *http.Request) {
		if req := RequestFrom(r.Context()); req != nil {
			req.SetOperation("Docs")
		}
		w.Write([]byte(`{"data":{}}`))
	})
	cfg := HTTPConfig{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Metrics: NewMetrics(nil),
		RequestID: func(context.Context) string { return "id" }, Routes: mux}
	run := func(b *testing.B, h http.Handler) {
		req := httptest.NewRequest(http.MethodPost, "/graphql", nil)
		b.ReportAllocs()
		for b.Loop() {
			h.ServeHTTP(httptest.NewRecorder(), req)
		}
	}
	b.Run("bare", func(b *testing.B) { run(b, mux) })
	b.Run("observed", func(b *testing.B) { run(b, Middleware(cfg, mux)) })
	b.Run("traced", func(b *testing.B) {
		tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(tracetest.NewInMemoryExporter()))
		defer tp.Shutdown(context.Background())
		traced := cfg
		traced.TracerProvider = tp
		run(b, Middleware(traced, mux))
	})
}
