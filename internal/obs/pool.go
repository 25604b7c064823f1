package obs

import (
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
)

// poolCollector reports the connection pool's statistics at each scrape:
// a pool keeps running counts, so nothing has to be observed in between.
type poolCollector struct {
	stat  func() *pgxpool.Stat
	descs []poolMetric
}

// poolMetric is one statistic of the pool.
type poolMetric struct {
	desc  *prometheus.Desc
	kind  prometheus.ValueType
	value func(*pgxpool.Stat) float64
}

func newPoolCollector(stat func() *pgxpool.Stat) *poolCollector {
	m := func(name, help string, kind prometheus.ValueType, value func(*pgxpool.Stat) float64) poolMetric {
		return poolMetric{prometheus.NewDesc("sourcecmp_db_pool_"+name, help, nil, nil), kind, value}
	}
	gauge, counter := prometheus.GaugeValue, prometheus.CounterValue
	return &poolCollector{stat: stat, descs: []poolMetric{
		m("connections_acquired", "Connections in use by a statement or transaction.", gauge,
			func(s *pgxpool.Stat) float64 { return float64(s.AcquiredConns()) }),
		m("connections_idle", "Open connections waiting for work.", gauge,
			func(s *pgxpool.Stat) float64 { return float64(s.IdleConns()) }),
		m("connections_constructing", "Connections being opened.", gauge,
			func(s *pgxpool.Stat) float64 { return float64(s.ConstructingConns()) }),
		m("connections_total", "Open connections: acquired, idle and being opened.", gauge,
			func(s *pgxpool.Stat) float64 { return float64(s.TotalConns()) }),
		m("connections_max", "The most connections the pool opens.", gauge,
			func(s *pgxpool.Stat) float64 { return float64(s.MaxConns()) }),
		m("acquires_total", "Connections handed out.", counter,
			func(s *pgxpool.Stat) float64 { return float64(s.AcquireCount()) }),
		m("acquire_seconds_total", "Time spent acquiring connections, waiting included.", counter,
			func(s *pgxpool.Stat) float64 { return s.AcquireDuration().Seconds() }),
		m("empty_acquires_total", "Acquires that found no idle connection and had to wait for one.", counter,
			func(s *pgxpool.Stat) float64 { return float64(s.EmptyAcquireCount()) }),
		m("empty_acquire_wait_seconds_total", "Time acquires spent waiting because no connection was idle.", counter,
			func(s *pgxpool.Stat) float64 { return s.EmptyAcquireWaitTime().Seconds() }),
		m("canceled_acquires_total", "Acquires given up because their context ended.", counter,
			func(s *pgxpool.Stat) float64 { return float64(s.CanceledAcquireCount()) }),
		m("connections_opened_total", "Connections opened.", counter,
			func(s *pgxpool.Stat) float64 { return float64(s.NewConnsCount()) }),
		m("max_lifetime_closes_total", "Connections closed for reaching their maximum lifetime.", counter,
			func(s *pgxpool.Stat) float64 { return float64(s.MaxLifetimeDestroyCount()) }),
		m("max_idle_closes_total", "Connections closed for idling too long.", counter,
			func(s *pgxpool.Stat) float64 { return float64(s.MaxIdleDestroyCount()) }),
	}}
}

// Describe sends the descriptions of the pool's metrics.
func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, m := range c.descs {
		ch <- m.desc
	}
}

// Collect sends the pool's current statistics.
func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.stat()
	for _, m := range c.descs {
		ch <- prometheus.MustNewConstMetric(m.desc, m.kind, m.value(s))
	}
}
