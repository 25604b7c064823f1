package replica

import "github.com/prometheus/client_golang/prometheus"

type metrics struct {
	lag       prometheus.Gauge
	lagBytes  prometheus.Gauge
	usable    prometheus.Gauge
	fallbacks *prometheus.CounterVec
	reads     *prometheus.CounterVec
}

func newMetrics() *metrics {
	m := &metrics{
		lag: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sourcecmp_replica_lag_seconds",
			Help: "How stale the read replica's data may be: the time since the primary was last at the position it has replayed.",
		}),
		lagBytes: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sourcecmp_replica_lag_bytes",
			Help: "WAL the primary has written that the read replica has not replayed.",
		}),
		usable: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sourcecmp_replica_in_use",
			Help: "1 while reads go to the replica, 0 while they fall back to the primary.",
		}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sourcecmp_replica_fallbacks_total",
			Help: "Times reads left the replica for the primary, by reason: unreachable or lagging.",
		}, []string{"reason"}),
		reads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sourcecmp_read_requests_total",
			Help: "Read-only requests by the database their reads went to, and why the primary when it was: unreachable, lagging, starting, own-write (the client's last write not yet replayed) or retried (failed on the replica).",
		}, []string{"database", "reason"}),
	}
	for _, reason := range []string{ReasonUnreachable, ReasonLagging} {
		m.fallbacks.WithLabelValues(reason)
	}
	m.reads.WithLabelValues("replica", "")
	return m
}

func (m *metrics) observe(s *Status) {
	m.lag.Set(s.Lag.Seconds())
	m.lagBytes.Set(float64(s.LagBytes))
	if s.Usable {
		m.usable.Set(1)
	} else {
		m.usable.Set(0)
	}
}

// Collectors returns the router's metrics, for a registry.
func (r *Router) Collectors() []prometheus.Collector {
	m := r.metrics
	return []prometheus.Collector{m.lag, m.lagBytes, m.usable, m.fallbacks, m.reads}
}
