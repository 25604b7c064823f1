package server

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
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
	l     *ratelimit.Limiter // nil: no limit
	rate  float64
	burst int

	work      *ratelimit.Limiter // nil: no limit
	workRate  float64
	workBurst int

	slowed chan struct{} // a slot per refusal held back (slowDown)
}

func newRateLimiter(p Policy) *rateLimiter {
	rl := &rateLimiter{slowed: make(chan struct{}, maxSlowed)}
	if p.RateLimit > 0 {
		rl.rate, rl.burst = p.RateLimit, max(p.RateBurst, 1)
		rl.l = ratelimit.New(rl.rate, rl.burst)
	}
	if p.CostRate > 0 {
		rl.workRate, rl.workBurst = p.CostRate, max(p.CostBurst, 1)
		rl.work = ratelimit.New(rl.workRate, rl.workBurst)
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
		if !rl.allow(w, r, who) || !rl.admitWork(w, r, who) {
			return
		}
		if rl.work == nil {
			next.ServeHTTP(w, r)
			return
		}
		ctx, work := gqllimit.WithWork(r.Context())
		next.ServeHTTP(w, r.WithContext(ctx))
		rl.work.Charge(who, float64(work.Units()))
	})
}

// admitWork refuses a client whose budget of work is spent, with 429.
func (rl *rateLimiter) admitWork(w http.ResponseWriter, r *http.Request, who string) bool {
	if rl.work == nil {
		return true
	}
	debt, wait := rl.work.Debt(who)
	if debt <= 0 {
		return true
	}
	secs := max(1, int(math.Ceil(wait.Seconds())))
	rl.slowDown(r, rl.work.Refused(who), wait)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeError(w, r, http.StatusTooManyRequests, codeRateLimited,
		fmt.Sprintf("the queries of %s did %.0f units of work more than the limit of %g per second in bursts of %d allows; retry after %d s",
			who, debt, rl.workRate, rl.workBurst, secs),
		map[string]any{"retryAfter": secs, "limit": rl.workRate, "actual": math.Round(debt)})
	return false
}

// allow takes a token from who's bucket; when there is none it answers
// 429 and returns false.
func (rl *rateLimiter) allow(w http.ResponseWriter, r *http.Request, who string) bool {
	if rl.l == nil {
		return true
	}
	ok, wait := rl.l.Allow(who)
	if ok {
		return true
	}
	secs := max(1, int(math.Ceil(wait.Seconds())))
	rl.slowDown(r, rl.l.Refused(who), wait)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeError(w, r, http.StatusTooManyRequests, codeRateLimited,
		fmt.Sprintf("too many requests from %s: the limit is %g per second in bursts of %d; retry after %d s", who, rl.rate, rl.burst, secs),
		map[string]any{"retryAfter": secs})
	return false
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
