// Package ratelimit limits requests per client with token buckets: each
// client (an API key's name, or an IP address) has a bucket per limit
// that holds up to Burst tokens and refills at Rate tokens per second, a
// token a request or, for a limit on work, a token a unit of cost. The
// buckets live in this process (Local) or in PostgreSQL (Shared), where
// every server on the database sees the same ones.
package ratelimit

import (
	"context"
	"math"
	"time"
)

// Bucket names one of a client's buckets and its limit.
type Bucket struct {
	Name  string  // "requests", "work"
	Rate  float64 // tokens per second, more than zero
	Burst float64 // at least one
}

// Take asks a bucket for N tokens: it admits when, refilled, it holds at
// least N, and then gives them; N = 0 admits a bucket that is not in
// debt and takes nothing. N is at most the burst (more than a full
// bucket is never admitted, and the wait is for a full bucket).
type Take struct {
	Bucket Bucket
	N      float64
}

// Verdict is a bucket's answer to a Take.
type Verdict struct {
	OK     bool
	Tokens float64 // what the bucket held after refilling, before the take; below zero, the debt
	Again  bool    // refused, and refused within the last second already: a client that does not wait as asked
}

// Wait is how long until the bucket holds the tokens t asked for.
func (v Verdict) Wait(t Take) time.Duration {
	if v.OK {
		return 0
	}
	t = clamp(t)
	return time.Duration((t.N - v.Tokens) / t.Bucket.Rate * float64(time.Second))
}

// Debt is how far below empty the bucket was.
func (v Verdict) Debt() float64 { return math.Max(0, -v.Tokens) }

// Store keeps every client's buckets.
type Store interface {
	// Take asks client's buckets for tokens, all in one step, and
	// answers each in order.
	Take(ctx context.Context, client string, takes ...Take) ([]Verdict, error)
	// Charge takes n tokens from client's bucket after the fact, for
	// work measured once done: the bucket may go into debt (down to
	// minus a full burst), which a Take of 0 then refuses. A store may
	// apply charges a little later, in batches.
	Charge(ctx context.Context, client string, b Bucket, n float64) error
}

// strikeWindow is how soon after a refusal another one counts as the
// client not waiting as asked.
const strikeWindow = time.Second

// clamp bounds what a take may ask of a bucket.
func clamp(t Take) Take {
	t.N = math.Min(math.Max(t.N, 0), t.Bucket.Burst)
	return t
}
