package server

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"

	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/ratelimit"
)

// rateLimiter answers 429 with Retry-After to clients over their rate.
type rateLimiter struct {
	l     *ratelimit.Limiter // nil: no limit
	rate  float64
	burst int
}

func newRateLimiter(p Policy) *rateLimiter {
	if p.RateLimit <= 0 {
		return &rateLimiter{}
	}
	burst := max(p.RateBurst, 1)
	return &rateLimiter{l: ratelimit.New(p.RateLimit, burst), rate: p.RateLimit, burst: burst}
}

// limitRate limits each API key by its name, and each anonymous client by
// its IP address; it runs after authenticate.
func limitRate(rl *rateLimiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := clientKey(r)
		if p := auth.FromContext(r.Context()); p.KeyName != "" {
			who = "key " + strconv.Quote(p.KeyName)
		}
		if rl.allow(w, r, who) {
			next.ServeHTTP(w, r)
		}
	})
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
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	writeError(w, r, http.StatusTooManyRequests, codeRateLimited,
		fmt.Sprintf("too many requests from %s: the limit is %g per second in bursts of %d; retry after %d s", who, rl.rate, rl.burst, secs),
		map[string]any{"retryAfter": secs})
	return false
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
