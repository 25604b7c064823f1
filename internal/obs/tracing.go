package obs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	semconv "go.opentelemetry.io/otel/semconv/v1.40.0"
	"go.opentelemetry.io/otel/trace"
)

// instrumentation names the tracer of every span sourcecmp makes.
const instrumentation = "github.com/sourcecmp/sourcecmp"

// Tracing is the tracer provider SetupTracing made, or none.
type Tracing struct {
	// Provider makes the spans; nil when tracing is off.
	Provider trace.TracerProvider
	// Exporters names the exporters in use ("otlp", "console").
	Exporters []string
	shutdown  func(context.Context) error
}

// Shutdown sends the spans still buffered and stops the exporters.
func (t *Tracing) Shutdown(ctx context.Context) error {
	if t.shutdown == nil {
		return nil
	}
	return t.shutdown(ctx)
}

// SetupTracing configures OpenTelemetry tracing from the standard OTEL_*
// environment variables, read with getenv. Tracing is off unless
//
//   - OTEL_TRACES_EXPORTER lists exporters: otlp (OTLP over HTTP/protobuf,
//     configured by the OTEL_EXPORTER_OTLP_* variables) and console (spans
//     as JSON lines on console); "none" turns tracing off; or
//   - OTEL_TRACES_EXPORTER is unset and OTEL_EXPORTER_OTLP_ENDPOINT or
//     OTEL_EXPORTER_OTLP_TRACES_ENDPOINT names a collector;
//
// and OTEL_SDK_DISABLED is not true. OTEL_SERVICE_NAME (default
// sourcecmp) and OTEL_RESOURCE_ATTRIBUTES name the service. The OTLP
// exporter's settings (OTEL_EXPORTER_OTLP_HEADERS, …_TIMEOUT …) and
// OTEL_TRACES_SAMPLER with its argument apply as the specification says;
// the SDK reads those from the process environment. When tracing is on,
// the provider and the W3C trace-context propagator become
// OpenTelemetry's globals, and incoming traceparent headers continue the
// caller's trace.
func SetupTracing(ctx context.Context, getenv func(string) string, console io.Writer, version string) (*Tracing, error) {
	names, err := exporterNames(getenv)
	if err != nil || len(names) == 0 {
		return &Tracing{}, err
	}
	var opts []sdktrace.TracerProviderOption
	for _, name := range names {
		var exp sdktrace.SpanExporter
		switch name {
		case "otlp":
			exp, err = otlptracehttp.New(ctx)
		case "console":
			exp, err = stdouttrace.New(stdouttrace.WithWriter(console))
		}
		if err != nil {
			return nil, fmt.Errorf("tracing: %s exporter: %w", name, err)
		}
		opts = append(opts, sdktrace.WithBatcher(exp))
	}
	res, err := resource.New(ctx, resource.WithTelemetrySDK(), resource.WithAttributes(resourceAttrs(getenv, version)...))
	if err != nil {
		return nil, fmt.Errorf("tracing: resource: %w", err)
	}
	tp := sdktrace.NewTracerProvider(append(opts, sdktrace.WithResource(res))...)
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}))
	return &Tracing{Provider: tp, Exporters: names, shutdown: tp.Shutdown}, nil
}

// exporterNames returns the span exporters the environment asks for.
func exporterNames(getenv func(string) string) ([]string, error) {
	if strings.EqualFold(strings.TrimSpace(getenv("OTEL_SDK_DISABLED")), "true") {
		return nil, nil
	}
	list := strings.TrimSpace(getenv("OTEL_TRACES_EXPORTER"))
	if list == "" {
		if getenv("OTEL_EXPORTER_OTLP_ENDPOINT") == "" && getenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") == "" {
			return nil, nil
		}
		list = "otlp"
	}
	var names []string
	for n := range strings.SplitSeq(list, ",") {
		switch n = strings.ToLower(strings.TrimSpace(n)); n {
		case "none":
			return nil, nil
		case "otlp", "console":
			names = append(names, n)
		default:
			return nil, fmt.Errorf("tracing: OTEL_TRACES_EXPORTER %q: want otlp, console or none", n)
		}
	}
	if proto := otlpProtocol(getenv); slices.Contains(names, "otlp") && proto != "http/protobuf" {
		return nil, errors.New(`tracing: OTLP protocol "` + proto + `" is not supported: sourcecmp exports OTLP over HTTP (http/protobuf, port 4318)`)
	}
	return names, nil
}

// otlpProtocol returns the OTLP protocol the environment asks for traces.
func otlpProtocol(getenv func(string) string) string {
	for _, k := range []string{"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_EXPORTER_OTLP_PROTOCOL"} {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
	}
	return "http/protobuf"
}

// resourceAttrs describes the service: sourcecmp and its version, then
// OTEL_RESOURCE_ATTRIBUTES (key=value,… with %-escapes), then
// OTEL_SERVICE_NAME, each overriding the one before. They are read with
// getenv rather than by the SDK, like every other decision here.
func resourceAttrs(getenv func(string) string, version string) []attribute.KeyValue {
	attrs := map[attribute.Key]string{semconv.ServiceNameKey: "sourcecmp"}
	if version != "" {
		attrs[semconv.ServiceVersionKey] = version
	}
	for kv := range strings.SplitSeq(getenv("OTEL_RESOURCE_ATTRIBUTES"), ",") {
		k, v, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			continue
		}
		if u, err := url.PathUnescape(strings.TrimSpace(v)); err == nil {
			attrs[attribute.Key(k)] = u
		}
	}
	if name := strings.TrimSpace(getenv("OTEL_SERVICE_NAME")); name != "" {
		attrs[semconv.ServiceNameKey] = name
	}
	out := make([]attribute.KeyValue, 0, len(attrs))
	for k, v := range attrs {
		out = append(out, k.String(v))
	}
	return out
}
