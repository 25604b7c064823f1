package replica

import (
	"testing"
	"time"
)

func TestLagIsTimeSinceThePrimaryWasWhereTheReplicaIs(t *testing.T) {
	t.Parallel()
	now := time.Unix(1000, 0)
	r := &Router{opts: Options{MaxLag: time.Second}, samples: []sample{
		{now.Add(-3 * time.Second), 100}, {now.Add(-2 * time.Second), 100}, {now.Add(-time.Second), 200}, {now, 300},
	}}
	for _, c := range []struct {
		replayed LSN
		want     time.Duration
	}{{300, 0}, {400, 0}, {250, time.Second}, {200, time.Second}, {150, 2 * time.Second}, {50, 3 * time.Second}} {
		if got := r.lag(now, c.replayed); got != c.want {
			t.Errorf("replayed %d: lag %v, want %v", c.replayed, got, c.want)
		}
	}
	r.forget(now.Add(1500 * time.Millisecond))
	if len(r.samples) != 2 || r.samples[0].lsn != 200 {
		t.Errorf("after forgetting: %+v, want the samples from the newest older than twice the bound", r.samples)
	}
}
