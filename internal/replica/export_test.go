package replica

import (
	"context"

	dto "github.com/prometheus/client_model/go"
)

// SetUsable makes the router take the replica as measured well a moment ago.
func (r *Router) SetUsable() { r.state.Store(&Status{Usable: true}) }

// Retries reports whether a read that failed with err is run again on the primary.
func (r *Router) Retries(err error) bool { return r.failed(context.Background(), nil, err) }

// Count reads a counter of the router's metrics.
func (r *Router) Count(name string, labels ...string) float64 {
	var m dto.Metric
	vec := r.metrics.reads
	if name == "fallbacks" {
		vec = r.metrics.fallbacks
	}
	vec.WithLabelValues(labels...).Write(&m)
	return m.GetCounter().GetValue()
}
