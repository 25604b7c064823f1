package server

import (
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/gqllimit"
	"github.com/sourcecmp/sourcecmp/internal/ratelimit"
)

// rateLimiter answers 429 with Retry-After to clients over their rate of
// requests, or over their rate of work (gqllimit.Work: fields resolved,
// response size, validation errors, search text analysed): a client
// sending few but costly queries cannot take the server from the others.
// Work is charged once a request is done, as it was measured; a client
// whose charges exceed its budget is refused until the budget refills.
type rateLimiter struct {
	store ratelimit.Store  // where the buckets live: this process, or shared by every server
	local *ratelimit.Local // while the shared store cannot be reached
	log   *slog.Logger

	requests *ratelimit.Bucket // nil: no limit
	work     *ratelimit.Bucket // nil: no limit

	failing atomic.Bool   // the shared store failed last time
	slowed  chan struct{} // a slot per refusal held back (slowDown)
}

func newRateLimiter(p Policy, shared ratelimit.Store, log *slog.Logger) *rateLimiter {
	rl := &rateLimiter{local: ratelimit.NewLocal(), log: log, slowed: make(chan struct{}, maxSlowed)}
	rl.store = rl.local
	if shared != nil {
		rl.store = shared
	}
	if p.RateLimit > 0 {
		rl.requests = &ratelimit.Bucket{Name: "requests", Rate: p.RateLimit, Burst: float64(max(p.RateBurst, 1))}
	}
	if p.CostRate > 0 {
		rl.work = &ratelimit.Bucket{Name: "work", Rate: p.CostRate, Burst: float64(max(p.CostBurst, 1))}
	}
	return rl
}

// limitRate limits each API key by its name, and each anonymous client by
// its IP address; it runs after authenticate. A client whose work is
// over its budget is refused before anything is parsed, and the work of
// each request it is allowed is charged when the request is done.
func limitRate(rl *rateLimiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := clientKey(r)
		if p := auth.FromContext(r.Context()); p.KeyName != "" {
			who = "key " + strconv.Quote(p.KeyName)
		}
		if !rl.admit(w, r, who, rl.requests, rl.work) {
			return
		}
		if rl.work == nil {
			next.ServeHTTP(w, r)
			return
		}
		ctx, work := gqllimit.WithWork(r.Context())
		next.ServeHTTP(w, r.WithContext(ctx))
		if err := rl.store.Charge(r.Context(), who, *rl.work, float64(work.Units())); err != nil {
			rl.log.WarnContext(r.Context(), "rate limit: charging work failed", "client", who, "err", err)
		}
	})
}

// allow takes a token from who's bucket of requests; when there is none
// it answers 429 and returns false.
func (rl *rateLimiter) allow(w http.ResponseWriter, r *http.Request, who string) bool {
	return rl.admit(w, r, who, rl.requests, nil)
}

// admit takes a token from who's bucket of requests and checks that its
// budget of work is not spent, in one step of the store; a refusal is
// answered 429 with Retry-After.
func (rl *rateLimiter) admit(w http.ResponseWriter, r *http.Request, who string, requests, work *ratelimit.Bucket) bool {
	var takes []ratelimit.Take
	if requests != nil {
		takes = append(takes, ratelimit.Take{Bucket: *requests, N: 1})
	}
	if work != nil {
		takes = append(takes, ratelimit.Take{Bucket: *work, N: 0})
	}
	if len(takes) == 0 {
		return true
	}
	verdicts := rl.take(r, who, takes)
	for i, v := range verdicts {
		if v.OK {
			continue
		}
		b, wait := takes[i].Bucket, v.Wait(takes[i])
		secs := max(1, int(math.Ceil(wait.Seconds())))
		rl.slowDown(r, v.Again, wait)
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		if work != nil && b == *work {
			writeError(w, r, http.StatusTooManyRequests, codeRateLimited,
				fmt.Sprintf("the queries of %s did %.0f units of work more than the limit of %g per second in bursts of %g allows; retry after %d s",
					who, v.Debt(), b.Rate, b.Burst, secs),
				map[string]any{"retryAfter": secs, "limit": b.Rate, "actual": math.Round(v.Debt())})
		} else {
			writeError(w, r, http.StatusTooManyRequests, codeRateLimited,
				fmt.Sprintf("too many requests from %s: the limit is %g per second in bursts of %g; retry after %d s", who, b.Rate, b.Burst, secs),
				map[string]any{"retryAfter": secs})
		}
		return false
	}
	return true
}

// take asks the store; while a shared store fails, this process's own
// buckets limit the client (each server then allows the whole rate),
// which the log says once per outage.
func (rl *rateLimiter) take(r *http.Request, who string, takes []ratelimit.Take) []ratelimit.Verdict {
	v, err := rl.store.Take(r.Context(), who, takes...)
	if err == nil {
		if rl.failing.Swap(false) {
			rl.log.Info("rate limit: the shared buckets answer again")
		}
		return v
	}
	if r.Context().Err() != nil { // the client left: no news about the store
		v, _ = rl.local.Take(r.Context(), who, takes...)
		return v
	}
	if !rl.failing.Swap(true) {
		rl.log.Warn("rate limit: the shared buckets cannot be reached; limiting per server", "err", err)
	}
	v, _ = rl.local.Take(r.Context(), who, takes...)
	return v
}

// Slowing down clients that do not wait: a refusal is cheap, but not
// free, and a client sending again at once after one would otherwise get
// thousands a second. The answer to a client refused again within a
// second waits as long as it was asked to (at most maxSlowDown); at most
// maxSlowed answers wait at once, the others go out at once.
const (
	maxSlowDown = time.Second
	maxSlowed   = 1000
)

// slowDown holds the refusal of a client that did not wait.
func (rl *rateLimiter) slowDown(r *http.Request, again bool, wait time.Duration) {
	if !again {
		return
	}
	select {
	case rl.slowed <- struct{}{}:
		defer func() { <-rl.slowed }()
	default:
		return
	}
	t := time.NewTimer(min(wait, maxSlowDown))
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
	}
}

// clientKey names an anonymous client for rate limiting: its IP address,
// or for IPv6 its /64, which one host usually holds whole.
func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return "address " + host
	}
	addr = addr.Unmap()
	if addr.Is6() {
		prefix, _ := addr.Prefix(64)
		return "network " + prefix.String()
	}
	return "address " + addr.String()
}
