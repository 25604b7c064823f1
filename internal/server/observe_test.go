package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/sourcecmp/sourcecmp/internal/obs"
	"github.com/sourcecmp/sourcecmp/internal/server"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// observed is a server over the fixture's database whose log, metrics
// and (when traced) spans the test reads.
type observed struct {
	handler http.Handler
	log     *syncBuffer
	spans   *tracetest.InMemoryExporter
}

type syncBuffer struct {
	mu chan struct{}
	b  bytes.Buffer
}

func newSyncBuffer() *syncBuffer { return &syncBuffer{mu: make(chan struct{}, 1)} }

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu <- struct{}{}
	defer func() { <-s.mu }()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu <- struct{}{}
	defer func() { <-s.mu }()
	return s.b.String()
}

func newObserved(t *testing.T, f *fixture, traced bool) *observed {
	t.Helper()
	o := &observed{log: newSyncBuffer()}
	cfg := server.Config{Log: slog.New(slog.NewJSONHandler(o.log, nil)), Store: f.store, Ingester: f.ingest, LoaderWait: loaderWait}
	if traced {
		o.spans = tracetest.NewInMemoryExporter()
		tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(o.spans))
		t.Cleanup(func() { tp.Shutdown(context.Background()) })
		st, err := store.OpenWith(context.Background(), f.store.Pool().Config().ConnString(), store.Options{Tracer: obs.NewSQLTracer(tp)})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(st.Close)
		cfg.Store, cfg.Tracer = st, tp
	}
	o.handler = server.NewServer(cfg)
	return o
}

// send posts a GraphQL request with an operation name and returns the
// recorded response.
func (o *observed) send(t *testing.T, query, operation string, header http.Header) *httptest.ResponseRecorder {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "operationName": operation})
	req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	o.handler.ServeHTTP(rec, req)
	return rec
}

// scrape reads /metrics in the Prometheus text format.
func (o *observed) scrape(t *testing.T) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	o.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: %d", rec.Code)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("/metrics is not the Prometheus text format: %v", err)
	}
	return fams
}

// series returns the metrics of a family whose labels include want.
func series(fams map[string]*dto.MetricFamily, name string, want map[string]string) []*dto.Metric {
	var out []*dto.Metric
	fam := fams[name]
	if fam == nil {
		return nil
	}
next:
	for _, m := range fam.Metric {
		labels := map[string]string{}
		for _, l := range m.Label {
			labels[l.GetName()] = l.GetValue()
		}
		for k, v := range want {
			if labels[k] != v {
				continue next
			}
		}
		out = append(out, m)
	}
	return out
}

func counterValue(fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	sum := 0.0
	for _, m := range series(fams, name, labels) {
		sum += m.GetCounter().GetValue()
	}
	return sum
}

const docsQuery = `query Docs { documents(first: 2) { totalCount nodes { slug } } }`

func TestMetrics(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	o := newObserved(t, f, false)

	rec := o.send(t, docsQuery, "Docs", nil)
	statements, _ := strconv.Atoi(rec.Header().Get(server.StatementsHeader))
	if rec.Code != http.StatusOK || statements == 0 {
		t.Fatalf("Docs: %d, %d statements", rec.Code, statements)
	}
	o.send(t, docsQuery, "Docs", nil)
	o.send(t, `{ documents(first: 1) { totalCount } }`, "", nil)
	o.send(t, `{ documents(first: `, "", nil)                          // does not parse
	o.send(t, `query Bad { document { id } }`, "Bad", nil)             // INVALID_ARGUMENT
	o.send(t, `query Q { documents { totalCount } }`, "NotThere", nil) // names an operation it lacks
	for i := range obs.MaxOperations + 20 {                            // a client making up names
		o.send(t, fmt.Sprintf(`query Op%d { documents(first: 1) { totalCount } }`, i), fmt.Sprintf("Op%d", i), nil)
	}
	get(t, o.handler, "/healthz", nil)
	get(t, o.handler, "/export/references.json", nil)

	fams := o.scrape(t)
	const requests = "sourcecmp_http_requests_total"
	for _, c := range []struct {
		labels map[string]string
		want   float64
	}{
		{map[string]string{"route": "POST /graphql", "operation": "Docs", "code": "200"}, 2},
		{map[string]string{"route": "POST /graphql", "operation": obs.OpAnonymous}, 1},
		{map[string]string{"route": "POST /graphql", "operation": obs.OpInvalid}, 2},
		{map[string]string{"route": "POST /graphql", "operation": "Bad"}, 1},
		{map[string]string{"route": "GET /healthz", "code": "200"}, 1},
		{map[string]string{"route": "GET /export/references.json", "code": "200"}, 1},
	} {
		if got := counterValue(fams, requests, c.labels); got != c.want {
			t.Errorf("%s%v = %v, want %v", requests, c.labels, got, c.want)
		}
	}
	ops := map[string]bool{}
	for _, m := range fams[requests].Metric {
		for _, l := range m.Label {
			if l.GetName() == "operation" {
				ops[l.GetValue()] = true
			}
		}
	}
	if len(ops) > obs.MaxOperations+4 || !ops[obs.OpOther] {
		t.Errorf("%d operation label values (other: %v); want at most %d, the rest counted as %q",
			len(ops), ops[obs.OpOther], obs.MaxOperations+4, obs.OpOther)
	}

	errs := "sourcecmp_graphql_errors_total"
	if got := counterValue(fams, errs, map[string]string{"operation": "Bad", "code": store.EInvalid}); got != 1 {
		t.Errorf("%s{Bad, INVALID_ARGUMENT} = %v, want 1", errs, got)
	}
	if got := counterValue(fams, errs, map[string]string{"operation": obs.OpInvalid, "code": "GRAPHQL_PARSE_FAILED"}); got != 1 {
		t.Errorf("%s{invalid, GRAPHQL_PARSE_FAILED} = %v, want 1", errs, got)
	}

	hist := series(fams, "sourcecmp_http_request_sql_statements", map[string]string{"operation": "Docs"})
	if len(hist) != 1 || hist[0].GetHistogram().GetSampleCount() != 2 || hist[0].GetHistogram().GetSampleSum() != float64(2*statements) {
		t.Errorf("statements histogram for Docs: %v, want 2 requests of %d statements", hist, statements)
	}
	dur := series(fams, "sourcecmp_http_request_duration_seconds", map[string]string{"route": "POST /graphql", "operation": "Docs"})
	if len(dur) != 1 || dur[0].GetHistogram().GetSampleCount() != 2 || dur[0].GetHistogram().GetSampleSum() <= 0 {
		t.Errorf("duration histogram for Docs: %v", dur)
	}
	if m := series(fams, "sourcecmp_db_pool_connections_max", nil); len(m) != 1 || m[0].GetGauge().GetValue() < 1 {
		t.Errorf("pool max connections: %v", m)
	}
	if got := counterValue(fams, "sourcecmp_db_pool_acquires_total", nil); got < float64(statements) {
		t.Errorf("pool acquires %v after the requests", got)
	}
	if fams["go_goroutines"] == nil || fams["sourcecmp_ingest_files_total"] == nil {
		t.Errorf("runtime or ingest metrics missing")
	}
}

// logLines returns the request lines of a JSON log.
func logLines(t *testing.T, log string) []map[string]any {
	t.Helper()
	var out []map[string]any
	sc := bufio.NewScanner(strings.NewReader(log))
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("log line is not JSON: %q", sc.Text())
		}
		if line["msg"] == "request" {
			out = append(out, line)
		}
	}
	return out
}

func TestRequestLog(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	o := newObserved(t, f, false)
	rec := o.send(t, docsQuery, "Docs", http.Header{"X-Request-Id": {"log-test-1"}})
	o.send(t, `query Bad { document { id } }`, "Bad", http.Header{"X-Request-Id": {"log-test-2"}})
	statements, _ := strconv.Atoi(rec.Header().Get(server.StatementsHeader))

	byID := map[string]map[string]any{}
	for _, l := range logLines(t, o.log.String()) {
		id, _ := l["request_id"].(string)
		byID[id] = l
	}
	l := byID["log-test-1"]
	if l == nil {
		t.Fatalf("no request line with request_id log-test-1 in:\n%s", o.log)
	}
	if l["operation"] != "Docs" || l["status"] != 200.0 || l["route"] != "POST /graphql" ||
		l["sql_statements"] != float64(statements) || statements == 0 {
		t.Errorf("request line %v; want operation Docs, status 200, %d SQL statements", l, statements)
	}
	if d, ok := l["duration_ms"].(float64); !ok || d <= 0 {
		t.Errorf("duration_ms %v", l["duration_ms"])
	}
	if l := byID["log-test-2"]; l == nil || l["operation"] != "Bad" || fmt.Sprint(l["errors"]) != "[INVALID_ARGUMENT]" {
		t.Errorf("request line of a failed query: %v", l)
	}
}

func TestTracing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	o := newObserved(t, f, true)
	otel.SetTextMapPropagator(propagation.TraceContext{})
	const traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	rec := o.send(t, `query Nested { documents(first: 2) { nodes { slug sections { heading } } } }`, "Nested",
		http.Header{"Traceparent": {"00-" + traceID + "-00f067aa0ba902b7-01"}})
	if rec.Code != http.StatusOK {
		t.Fatalf("query: %d %s", rec.Code, rec.Body)
	}
	spans := o.spans.GetSpans()
	byName := map[string][]tracetest.SpanStub{}
	for _, s := range spans {
		if s.SpanContext.TraceID().String() != traceID {
			t.Errorf("span %q is in trace %s, not the caller's", s.Name, s.SpanContext.TraceID())
		}
		byName[s.Name] = append(byName[s.Name], s)
	}
	root, op := byName["POST /graphql"], byName["query Nested"]
	if len(root) != 1 || len(op) != 1 || op[0].Parent.SpanID() != root[0].SpanContext.SpanID() {
		t.Fatalf("want a request span and an operation span inside it; spans: %v", names(spans))
	}
	if len(byName["Query.documents"]) != 1 || len(byName["Document.sections"]) != 2 {
		t.Errorf("want resolver spans Query.documents once and Document.sections per document; spans: %v", names(spans))
	}
	if len(byName["Document.slug"]) != 0 {
		t.Errorf("a span for a trivial field: %v", names(spans))
	}
	if len(byName["SELECT"]) < 2 {
		t.Errorf("want SQL spans; spans: %v", names(spans))
	}
	ids := map[string]bool{}
	for _, s := range spans {
		ids[s.SpanContext.SpanID().String()] = true
	}
	for _, s := range byName["SELECT"] {
		if !ids[s.Parent.SpanID().String()] {
			t.Errorf("SQL span %v has a parent outside the request", s.Attributes)
		}
	}
}

func names(spans tracetest.SpanStubs) []string {
	var out []string
	for _, s := range spans {
		out = append(out, s.Name)
	}
	return out
}
