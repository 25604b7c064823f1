package obs

import (
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Label values for operations that have no name of their own.
const (
	OpAnonymous = "anonymous" // a GraphQL operation without a name
	OpInvalid   = "invalid"   // a GraphQL request that names no operation it holds (unparsable, unknown name)
	OpOther     = "other"     // a name past MaxOperations, or not a GraphQL name
)

// MaxOperations and MaxErrorCodes bound the distinct label values metrics
// take from clients: operation names are whatever a client sends, and
// every distinct value is a time series Prometheus keeps. Names beyond
// the bound are counted as OpOther.
const (
	MaxOperations = 100
	MaxErrorCodes = 30
)

// Metrics are the Prometheus metrics of one server, in a registry of
// their own (so that tests can run several servers in one process).
type Metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	duration   *prometheus.HistogramVec
	statements *prometheus.HistogramVec
	errors     *prometheus.CounterVec
	ingested   *prometheus.CounterVec
	ingestSize *prometheus.CounterVec
	operations *labelSet
	codes      *labelSet
}

// NewMetrics registers the server's metrics, the Go runtime's and the
// process's, and, when pool is not nil, the connection pool's.
func NewMetrics(pool *pgxpool.Pool) *Metrics {
	reg := prometheus.NewRegistry()
	m := &Metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sourcecmp_http_requests_total",
			Help: "HTTP requests by route, GraphQL operation name and status code.",
		}, []string{"route", "operation", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "sourcecmp_http_request_duration_seconds",
			Help:    "Time from a request's arrival to its response's end, by route and GraphQL operation name.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "operation"}),
		statements: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "sourcecmp_http_request_sql_statements",
			Help:    "SQL statements one request ran, by route and GraphQL operation name.",
			Buckets: []float64{0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144},
		}, []string{"route", "operation"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sourcecmp_graphql_errors_total",
			Help: "Errors in GraphQL responses by operation name and extensions.code.",
		}, []string{"operation", "code"}),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sourcecmp_ingest_files_total",
			Help: "Source files ingested, by outcome: added, unchanged, updated or failed.",
		}, []string{"status"}),
		ingestSize: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sourcecmp_ingest_bytes_total",
			Help: "Bytes of source files ingested, by outcome.",
		}, []string{"status"}),
		operations: newLabelSet(MaxOperations),
		codes:      newLabelSet(MaxErrorCodes),
	}
	reg.MustRegister(m.requests, m.duration, m.statements, m.errors, m.ingested, m.ingestSize,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Every outcome is a series from the start, so that rate() sees the
	// first file of each kind.
	for _, s := range []string{"added", "unchanged", "updated", "failed"} {
		m.ingested.WithLabelValues(s)
		m.ingestSize.WithLabelValues(s)
	}
	if pool != nil {
		reg.MustRegister(newPoolCollector(pool.Stat))
	}
	return m
}

// Handler serves the metrics in the Prometheus exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registry returns the registry the metrics are in, for adding more.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// RequestObservation is what the middleware observed of one request.
type RequestObservation struct {
	Route      string // the pattern that matched, "" for none
	Operation  string // the GraphQL operation name, "" for other requests
	Status     int
	Duration   time.Duration
	Statements int64
	ErrorCodes []string
}

// ObserveRequest records one finished request.
func (m *Metrics) ObserveRequest(o RequestObservation) {
	route := o.Route
	if route == "" {
		route = "unmatched"
	}
	op := m.operations.bucket(o.Operation)
	m.requests.WithLabelValues(route, op, strconv.Itoa(o.Status)).Inc()
	m.duration.WithLabelValues(route, op).Observe(o.Duration.Seconds())
	m.statements.WithLabelValues(route, op).Observe(float64(o.Statements))
	for _, c := range o.ErrorCodes {
		m.errors.WithLabelValues(op, m.codes.bucket(c)).Inc()
	}
}

// Ingested records one ingested file: its status ("added", "unchanged",
// "updated" or "failed") and size.
func (m *Metrics) Ingested(status string, bytes int64) {
	m.ingested.WithLabelValues(status).Inc()
	m.ingestSize.WithLabelValues(status).Add(float64(bytes))
}

// labelSet admits the first max distinct names it sees as label values
// and maps every later one to OpOther, so that clients cannot grow the
// number of series without bound.
type labelSet struct {
	mu   sync.RWMutex
	seen map[string]bool
	max  int
}

func newLabelSet(max int) *labelSet { return &labelSet{seen: map[string]bool{}, max: max} }

func (l *labelSet) bucket(name string) string {
	if name == "" || name == OpAnonymous || name == OpInvalid || name == OpOther {
		return name
	}
	if !labelName(name) {
		return OpOther
	}
	l.mu.RLock()
	ok := l.seen[name]
	l.mu.RUnlock()
	if ok {
		return name
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen[name] || len(l.seen) < l.max {
		l.seen[name] = true
		return name
	}
	return OpOther
}

// labelName reports whether s is a GraphQL name ([_A-Za-z][_0-9A-Za-z]*)
// of at most 64 characters: what an operation name or an error code is.
func labelName(s string) bool {
	if len(s) > 64 {
		return false
	}
	for i, c := range s {
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
