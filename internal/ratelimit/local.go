package ratelimit

import (
	"context"
	"math"
	"sync"
	"time"
)

// Local keeps the buckets in this process: right for one server, and N
// servers each with their own allow N times the rate. It is safe for
// concurrent use.
type Local struct {
	now func() time.Time

	mu      sync.Mutex
	buckets map[bucketKey]*bucket
	calls   int
}

type bucketKey struct{ bucket, client string }

type bucket struct {
	tokens  float64
	at      time.Time
	refused time.Time // the last refusal
	full    time.Duration
}

var _ Store = (*Local)(nil)

// NewLocal returns an empty Local store.
func NewLocal() *Local {
	return NewLocalClock(time.Now)
}

// NewLocalClock returns an empty Local store that reads the time from
// now: a test's clock makes refills independent of how fast it runs.
func NewLocalClock(now func() time.Time) *Local {
	return &Local{now: now, buckets: map[bucketKey]*bucket{}}
}

// Take implements Store.
func (l *Local) Take(_ context.Context, client string, takes ...Take) ([]Verdict, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]Verdict, len(takes))
	for i, t := range takes {
		t = clamp(t)
		b := l.refill(client, t.Bucket)
		v := Verdict{OK: b.tokens >= t.N, Tokens: b.tokens}
		if v.OK {
			b.tokens -= t.N
		} else {
			v.Again = !b.refused.IsZero() && b.at.Sub(b.refused) < strikeWindow
			b.refused = b.at
		}
		out[i] = v
	}
	return out, nil
}

// Charge implements Store.
func (l *Local) Charge(_ context.Context, client string, bk Bucket, n float64) error {
	if n <= 0 {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(client, bk)
	b.tokens = math.Max(b.tokens-n, -bk.Burst)
	return nil
}

// refill returns client's bucket with the tokens it gained since last seen.
func (l *Local) refill(client string, bk Bucket) *bucket {
	now := l.now()
	l.sweep(now)
	k := bucketKey{bk.Name, client}
	b, found := l.buckets[k]
	if !found {
		b = &bucket{tokens: bk.Burst, at: now}
		l.buckets[k] = b
	}
	b.tokens = math.Min(bk.Burst, b.tokens+now.Sub(b.at).Seconds()*bk.Rate)
	b.at = now
	// Refilled from the deepest debt to full, and past the strike window.
	b.full = max(time.Duration(2*bk.Burst/bk.Rate*float64(time.Second)), strikeWindow)
	return b
}

// sweep forgets, every so often, the buckets that have refilled: a full
// bucket and a missing one behave the same, and clients (IP addresses)
// are unbounded.
func (l *Local) sweep(now time.Time) {
	l.calls++
	if l.calls%1024 != 0 {
		return
	}
	for k, b := range l.buckets {
		if now.Sub(b.at) > b.full {
			delete(l.buckets, k)
		}
	}
}
