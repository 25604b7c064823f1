package server

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/sourcecmp/sourcecmp/internal/auth"
	"github.com/sourcecmp/sourcecmp/internal/ratelimit"
)

// rateLimiter answers 429 with Retry-After to clients over their rate of
// requests, and over their rate of cost (the complexity of the GraphQL
// operations they send): a client sending few but expensive queries
// cannot take the server from the others.
type rateLimiter struct {
	l     *ratelimit.Limiter // nil: no limit
	rate  float64
	burst int

	cost      *ratelimit.Limiter // nil: no limit
	costRate  float64
	costBurst int
}

func newRateLimiter(p Policy) *rateLimiter {
	rl := &rateLimiter{}
	if p.RateLimit > 0 {
		rl.rate, rl.burst = p.RateLimit, max(p.RateBurst, 1)
		rl.l = ratelimit.New(rl.rate, rl.burst)
	}
	if p.CostRate > 0 {
		rl.costRate, rl.costBurst = p.CostRate, max(p.CostBurst, 1)
		rl.cost = ratelimit.New(rl.costRate, rl.costBurst)
	}
	return rl
}

// client is who a request counts against, kept in its context for the
// charge of its cost, with the wait a refusal of that charge asks for.
type client struct {
	who        string
	retryAfter atomic.Int64 // seconds; set when the cost was refused
}

type clientKeyType struct{}

// limitRate limits each API key by its name, and each anonymous client by
// its IP address; it runs after authenticate. A response whose cost was
// refused (chargeCost) gets 429 and Retry-After.
func limitRate(rl *rateLimiter, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		who := clientKey(r)
		if p := auth.FromContext(r.Context()); p.KeyName != "" {
			who = "key " + strconv.Quote(p.KeyName)
		}
		if !rl.allow(w, r, who) {
			return
		}
		c := &client{who: who}
		ctx := context.WithValue(r.Context(), clientKeyType{}, c)
		next.ServeHTTP(&costWriter{ResponseWriter: w, c: c}, r.WithContext(ctx))
	})
}

// chargeCost takes an operation's complexity from its client's budget of
// cost, refusing it when the budget holds less (gqllimit.Extension.Charge).
func (rl *rateLimiter) chargeCost(ctx context.Context, cost int) *gqlerror.Error {
	c, _ := ctx.Value(clientKeyType{}).(*client)
	if rl.cost == nil || c == nil {
		return nil
	}
	ok, wait := rl.cost.AllowN(c.who, float64(cost))
	if ok {
		return nil
	}
	secs := max(1, int(math.Ceil(wait.Seconds())))
	c.retryAfter.Store(int64(secs))
	err := gqlerror.Errorf("the queries of %s cost more than the limit of %g per second in bursts of %d: this one costs %d; retry after %d s",
		c.who, rl.costRate, rl.costBurst, cost, secs)
	errcode.Set(err, codeRateLimited)
	err.Extensions["limit"] = rl.costRate
	err.Extensions["actual"] = cost
	err.Extensions["retryAfter"] = secs
	return err
}

// costWriter turns the response of a request whose cost was refused into
// a 429 with Retry-After: gqlgen writes the status after the refusal.
type costWriter struct {
	http.ResponseWriter
	c           *client
	wroteHeader bool
}

func (cw *costWriter) WriteHeader(status int) {
	if !cw.wroteHeader {
		cw.wroteHeader = true
		if secs := cw.c.retryAfter.Load(); secs > 0 {
			cw.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
			status = http.StatusTooManyRequests
		}
	}
	cw.ResponseWriter.WriteHeader(status)
}

func (cw *costWriter) Write(b []byte) (int, error) {
	if !cw.wroteHeader {
		cw.WriteHeader(http.StatusOK)
	}
	return cw.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (cw *costWriter) Unwrap() http.ResponseWriter { return cw.ResponseWriter }

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
