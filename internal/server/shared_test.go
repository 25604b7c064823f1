package server_test

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/apq"
	"github.com/sourcecmp/sourcecmp/internal/ratelimit"
	"github.com/sourcecmp/sourcecmp/internal/server"
)

// twoServers returns two handlers on f's database with cfg's shared
// state, as two processes would run.
func twoServers(t *testing.T, f *fixture, p server.Policy, cfg func() server.Config) (*fixture, *fixture) {
	t.Helper()
	var out [2]*fixture
	for i := range out {
		c := cfg()
		c.Log, c.Store, c.Ingester, c.LoaderWait, c.Policy, c.Bounds = slog.New(slog.DiscardHandler), f.store, f.ingest, loaderWait, p, f.bounds
		g := *f
		g.handler = server.NewServer(c)
		out[i] = &g
	}
	return out[0], out[1]
}

func TestSharedRateLimitAcrossServers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := testPolicy()
	p.RateLimit, p.RateBurst = 0.01, 4
	a, b := twoServers(t, f, p, func() server.Config {
		rates := ratelimit.NewShared(f.store.Pool(), slog.New(slog.DiscardHandler))
		t.Cleanup(rates.Close)
		return server.Config{RateLimits: rates}
	})
	for i := range 4 {
		if r := []*fixture{a, b}[i%2].postAs(t, "", countQuery, nil); r.Status != http.StatusOK {
			t.Fatalf("request %d of the burst, through both servers: %d %s", i+1, r.Status, r.Body)
		}
	}
	for _, s := range []*fixture{a, b} {
		if r := s.postAs(t, "", countQuery, nil); r.Status != http.StatusTooManyRequests {
			t.Errorf("past the burst shared by both servers: %d %s", r.Status, r.Body)
		}
	}
}

// failingBuckets is a shared store that cannot be reached.
type failingBuckets struct{}

func (failingBuckets) Take(context.Context, string, ...ratelimit.Take) ([]ratelimit.Verdict, error) {
	return nil, errors.New("connection refused")
}
func (failingBuckets) Charge(context.Context, string, ratelimit.Bucket, float64) error {
	return errors.New("connection refused")
}

// While the shared buckets cannot be reached, each server limits on its own.
func TestSharedRateLimitDownLimitsPerServer(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := testPolicy()
	p.RateLimit, p.RateBurst = 0.01, 2
	a, _ := twoServers(t, f, p, func() server.Config { return server.Config{RateLimits: failingBuckets{}} })
	for i := range 2 {
		if r := a.postAs(t, "", countQuery, nil); r.Status != http.StatusOK {
			t.Fatalf("request %d: %d %s", i+1, r.Status, r.Body)
		}
	}
	if r := a.postAs(t, "", countQuery, nil); r.Status != http.StatusTooManyRequests {
		t.Errorf("past the burst with the shared buckets down: %d %s", r.Status, r.Body)
	}
}

// A query one server registered by APQ is found by hash on the other.
func TestPersistedQueriesAcrossServers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a, b := twoServers(t, f, testPolicy(), func() server.Config {
		return server.Config{APQ: apq.New(f.store.Pool(), 100, slog.New(slog.DiscardHandler))}
	})
	query := `{ topics { slug } }`
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": server.QueryHash(query)}}
	send := func(s *fixture, body map[string]any) reply {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		return s.send(t, http.MethodPost, "/graphql", "application/json", b, http.Header{})
	}
	if r := send(b, map[string]any{"extensions": ext}); !strings.Contains(r.Body, "PersistedQueryNotFound") {
		t.Fatalf("an unregistered hash: %s", r.Body)
	}
	if r := send(a, map[string]any{"query": query, "extensions": ext}); r.Status != http.StatusOK || len(r.Errors) > 0 {
		t.Fatalf("registering on A: %d %s", r.Status, r.Body)
	}
	if r := send(b, map[string]any{"extensions": ext}); r.Status != http.StatusOK || !strings.Contains(r.Body, `"slug"`) {
		t.Errorf("the hash alone on B: %d %s", r.Status, r.Body)
	}
}
