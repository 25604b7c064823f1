package obs

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestExporterNames(t *testing.T) {
	t.Parallel()
	cases := []struct {
		vars map[string]string
		want []string
		err  bool
	}{
		{nil, nil, false}, // off by default
		{map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, []string{"otlp"}, false},
		{map[string]string{"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}, []string{"otlp"}, false},
		{map[string]string{"OTEL_TRACES_EXPORTER": "console"}, []string{"console"}, false},
		{map[string]string{"OTEL_TRACES_EXPORTER": "otlp, console"}, []string{"otlp", "console"}, false},
		{map[string]string{"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4318"}, nil, false},
		{map[string]string{"OTEL_SDK_DISABLED": "true", "OTEL_TRACES_EXPORTER": "otlp"}, nil, false},
		{map[string]string{"OTEL_TRACES_EXPORTER": "zipkin"}, nil, true},
		{map[string]string{"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}, nil, true},
		{map[string]string{"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL": "http/protobuf",
			"OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}, []string{"otlp"}, false},
	}
	for _, c := range cases {
		got, err := exporterNames(env(c.vars))
		if (err != nil) != c.err || !slices.Equal(got, c.want) {
			t.Errorf("%v: %v, %v; want %v (error %v)", c.vars, got, err, c.want, c.err)
		}
	}
}

// TestConsoleTracing sets tracing up as the environment asks and sees a
// span reach the console exporter.
func TestConsoleTracing(t *testing.T) {
	ctx := context.Background()
	var out bytes.Buffer
	tr, err := SetupTracing(ctx, env(map[string]string{"OTEL_TRACES_EXPORTER": "console"}), &out, "v9")
	if err != nil || tr.Provider == nil {
		t.Fatalf("SetupTracing: %v, %v", tr, err)
	}
	_, span := tr.Provider.Tracer("test").Start(ctx, "hello")
	span.End()
	if err := tr.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Name     string
		Resource []struct {
			Key   string
			Value struct{ Value any }
		}
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || got.Name != "hello" {
		t.Fatalf("console output %q: %v", out.String(), err)
	}
	attrs := map[string]any{}
	for _, a := range got.Resource {
		attrs[a.Key] = a.Value.Value
	}
	if attrs["service.name"] != "sourcecmp" || attrs["service.version"] != "v9" {
		t.Errorf("resource %v", attrs)
	}

	off, err := SetupTracing(ctx, env(nil), &out, "")
	if err != nil || off.Provider != nil || off.Shutdown(ctx) != nil {
		t.Errorf("tracing without OTEL variables: %+v, %v; want off", off, err)
	}
}

func TestNewLogger(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log, err := NewLogger(&buf, FormatAuto, "info") // a buffer is not a terminal
	if err != nil {
		t.Fatal(err)
	}
	log.Debug("hidden")
	log.Info("shown", "k", 1)
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil || line["msg"] != "shown" || line["k"] != 1.0 {
		t.Errorf("auto format off a terminal: %q (%v), want one JSON line", buf.String(), err)
	}
	buf.Reset()
	log, _ = NewLogger(&buf, FormatText, "debug")
	log.Debug("hello")
	if !strings.HasPrefix(buf.String(), "time=") || !strings.Contains(buf.String(), "msg=hello") {
		t.Errorf("text format: %q", buf.String())
	}
	for _, bad := range [][2]string{{"xml", "info"}, {"json", "loud"}} {
		if _, err := NewLogger(&buf, bad[0], bad[1]); err == nil {
			t.Errorf("NewLogger(%q, %q) accepted", bad[0], bad[1])
		}
	}
}

func TestLabelSet(t *testing.T) {
	t.Parallel()
	l := newLabelSet(3)
	var got []string
	for _, n := range []string{"A", "B", "A", "C", "D", "B", "", "anonymous", "bad name", strings.Repeat("x", 65), "_ok9"} {
		got = append(got, l.bucket(n))
	}
	want := []string{"A", "B", "A", "C", OpOther, "B", "", OpAnonymous, OpOther, OpOther, OpOther}
	if !slices.Equal(got, want) {
		t.Errorf("buckets %q, want %q", got, want)
	}
}

func TestSQLOperation(t *testing.T) {
	t.Parallel()
	for sql, want := range map[string]string{
		"SELECT 1":                      "SELECT",
		"  with x AS (select 1) SELECT": "WITH",
		"-- note\nINSERT INTO t":        "INSERT",
		"select\n1":                     "SELECT",
		"":                              "SQL",
	} {
		if got := operation(sql); got != want {
			t.Errorf("operation(%q) = %q, want %q", sql, got, want)
		}
	}
	long := strings.Repeat("é", maxQueryText) // two bytes each
	if got := truncate(long); len(got) > maxQueryText+len("…") || !strings.HasSuffix(got, "…") || !strings.HasPrefix(got, "éé") {
		t.Errorf("truncate: %d bytes, %q…", len(got), fmt.Sprint(got[:4]))
	}
}

func TestResourceAttrs(t *testing.T) {
	t.Parallel()
	got := map[string]string{}
	for _, kv := range resourceAttrs(env(map[string]string{
		"OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=prod, service.name=ignored,team=a%2Cb,broken",
		"OTEL_SERVICE_NAME":        "api",
	}), "v1") {
		got[string(kv.Key)] = kv.Value.AsString()
	}
	want := map[string]string{"service.name": "api", "service.version": "v1", "deployment.environment": "prod", "team": "a,b"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("resource %v, want %v", got, want)
	}
}
