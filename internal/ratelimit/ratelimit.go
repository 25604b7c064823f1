// Package ratelimit limits requests per client with token buckets: each
// key (an API key's name, or an IP address) may burst up to Burst tokens
// and then take Rate tokens per second, a token a request or, for a
// limit on work, a token a unit of cost.
package ratelimit

import (
	"math"
	"sync"
	"time"
)

// Limiter holds one token bucket per key. It is safe for concurrent use.
type Limiter struct {
	rate  float64 // tokens per second
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	calls   int
}

type bucket struct {
	tokens  float64
	at      time.Time
	refused time.Time // the last refusal
}

// New returns a limiter allowing rate requests per second per key, with
// bursts of up to burst. A rate of zero or less allows everything.
func New(rate float64, burst int) *Limiter {
	return &Limiter{rate: rate, burst: float64(max(burst, 1)), now: time.Now, buckets: map[string]*bucket{}}
}

// Allow takes a token for key. When none is left it reports how long
// until one is: the value of a Retry-After header.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	return l.AllowN(key, 1)
}

// AllowN takes n tokens for key, all or none. When fewer are left it
// reports how long until there are n; n is at most the burst (more than
// a full bucket is never allowed, and the wait is for a full bucket).
func (l *Limiter) AllowN(key string, n float64) (ok bool, retryAfter time.Duration) {
	if l == nil || l.rate <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key)
	n = math.Min(n, l.burst)
	if b.tokens >= n {
		b.tokens -= n
		return true, 0
	}
	return false, time.Duration((n - b.tokens) / l.rate * float64(time.Second))
}

// Charge takes n tokens for key after the fact, for work measured once
// done: the bucket may go into debt (down to minus a full burst), which
// Debt then reports.
func (l *Limiter) Charge(key string, n float64) {
	if l == nil || l.rate <= 0 || n <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key)
	b.tokens = math.Max(b.tokens-n, -l.burst)
}

// Debt reports how far key's bucket is below empty, and how long until
// it is not; zero when it holds tokens.
func (l *Limiter) Debt(key string) (debt float64, wait time.Duration) {
	if l == nil || l.rate <= 0 {
		return 0, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key)
	if b.tokens > 0 {
		return 0, 0
	}
	return -b.tokens, time.Duration(-b.tokens / l.rate * float64(time.Second))
}

// strikeWindow is how soon after a refusal another one counts as the
// client not waiting as asked.
const strikeWindow = time.Second

// Refused records that key was refused, and reports whether it had been
// refused within the last second already: a client that does not wait
// as asked.
func (l *Limiter) Refused(key string) (again bool) {
	if l == nil || l.rate <= 0 {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key)
	again = !b.refused.IsZero() && b.at.Sub(b.refused) < strikeWindow
	b.refused = b.at
	return again
}

// refill returns key's bucket with the tokens it gained since last seen.
func (l *Limiter) refill(key string) *bucket {
	now := l.now()
	l.sweep(now)
	b, found := l.buckets[key]
	if !found {
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = math.Min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	return b
}

// sweep forgets, every so often, the buckets that have refilled: a full
// bucket and a missing one behave the same, and keys (IP addresses) are
// unbounded.
func (l *Limiter) sweep(now time.Time) {
	l.calls++
	if l.calls%1024 != 0 {
		return
	}
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.at) > full {
			delete(l.buckets, k)
		}
	}
}
