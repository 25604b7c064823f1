// Package replica sends the reads of read-only requests to a streaming
// replica and everything else to the primary. It watches how far the
// replica lags behind the primary; a replica that lags more than a bound,
// or cannot be reached, is left for the primary until it catches up,
// with a log line and a metric. A client's reads go to the replica only
// once it has replayed that client's last write (Fences), so a client
// reads its own writes on whichever server its next request lands.
package replica

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// LSN is a position in the primary's write-ahead log, in bytes.
type LSN int64

// Options tune a Router. The zero value is usable.
type Options struct {
	// MaxLag is how far behind the primary the replica may be and still
	// get reads (default 10s); it gets them again once it is within half.
	MaxLag time.Duration
	// Interval is how often the lag is measured (default 250ms).
	Interval time.Duration
	Log      *slog.Logger
}

// Router routes reads between a primary and a replica. It is safe for
// concurrent use; Close stops its watch.
type Router struct {
	primary, replica *pgxpool.Pool
	opts             Options
	metrics          *metrics

	state   atomic.Pointer[Status]
	mu      sync.Mutex // over samples and state changes
	samples []sample   // of the primary's position, oldest first

	stop chan struct{}
	done chan struct{}
}

type sample struct {
	at  time.Time
	lsn LSN
}

// Status is what the router last saw of the replica.
type Status struct {
	Usable   bool          // reads may go to it
	Reason   string        // why not: "starting", "unreachable" or "lagging"
	Lag      time.Duration // how stale its data may be
	LagBytes int64         // WAL the primary wrote that it has not replayed
	Replayed LSN           // how far it has replayed
	Err      error         // the last failure to reach it
	At       time.Time     // when it was measured
}

// Reasons a read goes to the primary (and the label values of metrics).
const (
	ReasonStarting    = "starting"
	ReasonUnreachable = "unreachable"
	ReasonLagging     = "lagging"
	ReasonOwnWrite    = "own-write"
	ReasonRetried     = "retried"
)

// WALPosition is the primary's current WAL write position. After a
// commit (synchronous_commit on, the default) it is at or past the
// commit's record.
const WALPosition = `SELECT (pg_current_wal_lsn() - '0/0')::int8`

// ReplayPosition is how far a replica has replayed the primary's WAL;
// NULL on a server that is not in recovery (then it is no replica, and as
// fresh as a primary).
const ReplayPosition = `SELECT CASE WHEN pg_is_in_recovery() THEN (pg_last_wal_replay_lsn() - '0/0')::int8 END`

// New returns a router over two pools and starts watching the replica.
// Until the first measurement, reads go to the primary.
func New(primary, replica *pgxpool.Pool, opts Options) *Router {
	if opts.MaxLag <= 0 {
		opts.MaxLag = 10 * time.Second
	}
	if opts.Interval <= 0 {
		opts.Interval = 250 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	r := &Router{primary: primary, replica: replica, opts: opts, metrics: newMetrics(),
		stop: make(chan struct{}), done: make(chan struct{})}
	r.state.Store(&Status{Reason: ReasonStarting, At: time.Now()})
	go r.watch()
	return r
}

// Status returns what the router last saw of the replica.
func (r *Router) Status() Status { return *r.state.Load() }

// MaxLag is the lag beyond which the replica gets no reads.
func (r *Router) MaxLag() time.Duration { return r.opts.MaxLag }

// Close stops watching the replica (it does not close the pools).
func (r *Router) Close() {
	close(r.stop)
	<-r.done
}

func (r *Router) watch() {
	defer close(r.done)
	t := time.NewTicker(r.opts.Interval)
	defer t.Stop()
	for {
		r.measure()
		select {
		case <-r.stop:
			return
		case <-t.C:
		}
	}
}

// measure samples the primary's position, then the replica's, and
// updates the status.
func (r *Router) measure() {
	ctx, cancel := context.WithTimeout(context.Background(), max(r.opts.Interval, time.Second))
	defer cancel()
	var p LSN
	if err := r.primary.QueryRow(ctx, WALPosition).Scan(&p); err == nil {
		r.mu.Lock()
		r.samples = append(r.samples, sample{time.Now(), p})
		r.mu.Unlock()
	} // the primary down: the lag is measured against its last position
	var replayed *int64
	if err := r.replica.QueryRow(ctx, ReplayPosition).Scan(&replayed); err != nil {
		r.unreachable(fmt.Errorf("measure the replica: %w", err))
		return
	}
	r.observe(replayed)
}

// observe updates the status with the replica's replay position (nil: it
// is not in recovery).
func (r *Router) observe(replayed *int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	s := Status{At: now}
	if replayed != nil {
		s.Replayed = LSN(*replayed)
	}
	if len(r.samples) > 0 {
		latest := r.samples[len(r.samples)-1]
		if replayed == nil { // no replica: as fresh as the primary
			s.Replayed = latest.lsn
		}
		s.LagBytes = max(0, int64(latest.lsn-s.Replayed))
		s.Lag = r.lag(now, s.Replayed)
	}
	r.forget(now)
	old := r.state.Load()
	s.Usable = s.Lag <= r.opts.MaxLag
	if !old.Usable && old.Reason == ReasonLagging {
		s.Usable = s.Lag <= r.opts.MaxLag/2 // back once well within the bound, so that it does not flap
	}
	if !s.Usable {
		s.Reason = ReasonLagging
	}
	r.change(old, &s)
}

// lag is how stale a replica that has replayed up to lsn may be: the time
// since the primary was last seen at or before that position (zero once
// it has replayed all the primary had).
func (r *Router) lag(now time.Time, lsn LSN) time.Duration {
	if lsn >= r.samples[len(r.samples)-1].lsn {
		return 0
	}
	for i := len(r.samples) - 1; i >= 0; i-- {
		if r.samples[i].lsn <= lsn {
			return now.Sub(r.samples[i].at)
		}
	}
	return now.Sub(r.samples[0].at) // older than every sample: at least that
}

// forget drops the samples too old to matter: those before the newest
// that is older than twice the bound.
func (r *Router) forget(now time.Time) {
	keep := 0
	for i, s := range r.samples {
		if now.Sub(s.at) > 2*r.opts.MaxLag {
			keep = i
		}
	}
	r.samples = r.samples[keep:]
}

// unreachable records that the replica could not be reached: reads go to
// the primary until a measurement reaches it again.
func (r *Router) unreachable(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	old := r.state.Load()
	r.change(old, &Status{Reason: ReasonUnreachable, Err: err, At: time.Now(), Lag: old.Lag, LagBytes: old.LagBytes, Replayed: old.Replayed})
}

// change stores s, logging and counting the moves in and out of use.
func (r *Router) change(old, s *Status) {
	r.state.Store(s)
	r.metrics.observe(s)
	switch {
	case old.Usable && !s.Usable || !old.Usable && !s.Usable && old.Reason != s.Reason && old.Reason != ReasonStarting:
		r.metrics.fallbacks.WithLabelValues(s.Reason).Inc()
		r.opts.Log.Warn("replica "+s.Reason+": reads go to the primary", "lag", s.Lag.String(), "lag_bytes", s.LagBytes,
			"max_lag", r.opts.MaxLag.String(), "err", s.Err)
	case !old.Usable && s.Usable:
		r.opts.Log.Info("replica in use: reads go to it", "lag", s.Lag.String(), "was", old.Reason)
	case old.Reason == ReasonStarting && !s.Usable:
		r.metrics.fallbacks.WithLabelValues(s.Reason).Inc()
		r.opts.Log.Warn("replica "+s.Reason+" at start: reads go to the primary", "lag", s.Lag.String(), "err", s.Err)
	}
}
