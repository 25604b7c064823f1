package ratelimit

import (
	"context"
	"log/slog"
	"math"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

// A bucket that refills too slowly to matter within a test: the shared
// store's clock is the database's, which a test cannot stop.
var (
	requests = Bucket{Name: "requests", Rate: 1e-6, Burst: 3}
	work     = Bucket{Name: "work", Rate: 1e-6, Burst: 5000}
)

// stores returns a Local and a Shared store (on a database of its own),
// for the behaviour both must have.
func stores(t *testing.T) map[string]func() Store {
	return map[string]func() Store{
		"local": func() Store { return NewLocal() },
		"shared": func() Store {
			s := NewShared(sharedPool(t), slog.New(slog.DiscardHandler))
			t.Cleanup(s.Close)
			return s
		},
	}
}

func sharedPool(t *testing.T) *pgxpool.Pool {
	pool, err := pgxpool.New(context.Background(), dbtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

func take(t *testing.T, s Store, client string, takes ...Take) []Verdict {
	t.Helper()
	v, err := s.Take(context.Background(), client, takes...)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// sent waits until a Shared store's charges are in the database.
func sent(s Store) {
	if sh, ok := s.(*Shared); ok {
		sh.flush()
	}
}

func TestBurstThenRefused(t *testing.T) {
	t.Parallel()
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := open()
			for i := range 3 {
				if v := take(t, s, "k", Take{requests, 1}); !v[0].OK {
					t.Fatalf("request %d of the burst refused: %+v", i+1, v[0])
				}
			}
			v := take(t, s, "k", Take{requests, 1})[0]
			if v.OK || v.Again || math.Abs(v.Tokens) > 1e-3 {
				t.Fatalf("4th request: %+v, want refused with no tokens, a first refusal", v)
			}
			if w := v.Wait(Take{requests, 1}); w < 999_000*time.Second {
				t.Errorf("wait %v, want a token's time at a millionth a second", w)
			}
			if v := take(t, s, "k", Take{requests, 1})[0]; v.OK || !v.Again {
				t.Fatalf("5th request at once: %+v, want refused again", v)
			}
			if v := take(t, s, "other", Take{requests, 1})[0]; !v.OK {
				t.Fatal("another client shares the bucket")
			}
		})
	}
}

func TestChargeGoesIntoDebt(t *testing.T) {
	t.Parallel()
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := open()
			ctx := context.Background()
			if v := take(t, s, "k", Take{work, 0})[0]; !v.OK || v.Debt() != 0 {
				t.Fatalf("a new client: %+v", v)
			}
			s.Charge(ctx, "k", work, 4000)
			s.Charge(ctx, "k", work, 3000)
			sent(s)
			v := take(t, s, "k", Take{requests, 1}, Take{work, 0})
			if !v[0].OK || v[1].OK || math.Abs(v[1].Debt()-2000) > 1 {
				t.Fatalf("after 7000 of 5000: %+v, want the request bucket to admit and a debt of 2000 in the work bucket", v)
			}
			if v := take(t, s, "other", Take{work, 0})[0]; !v.OK {
				t.Fatal("another client shares the debt")
			}
			s.Charge(ctx, "k", work, 1e9)
			sent(s)
			if v := take(t, s, "k", Take{work, 0})[0]; math.Abs(v.Debt()-5000) > 1 {
				t.Fatalf("debt %v, want it capped at one burst", v.Debt())
			}
		})
	}
}

// Two servers' stores on one database limit a client as one: of many
// requests sent at once through both, exactly a burst is admitted.
func TestSharedAcrossServers(t *testing.T) {
	t.Parallel()
	pool := sharedPool(t)
	a, b := NewShared(pool, slog.New(slog.DiscardHandler)), NewShared(pool, slog.New(slog.DiscardHandler))
	defer a.Close()
	defer b.Close()
	bucket := Bucket{Name: "requests", Rate: 1e-6, Burst: 50}
	var admitted atomic.Int64
	var wg sync.WaitGroup
	for i := range 16 {
		s := Store(a)
		if i%2 == 1 {
			s = b
		}
		wg.Go(func() {
			for range 10 {
				if take(t, s, "crowd", Take{bucket, 1})[0].OK {
					admitted.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if n := admitted.Load(); n != 50 {
		t.Fatalf("%d of 160 requests admitted through two servers, want the burst of 50", n)
	}
}

func TestLocalRefills(t *testing.T) {
	now := time.Unix(0, 0)
	l := NewLocal()
	l.now = func() time.Time { return now }
	b := Bucket{Name: "requests", Rate: 2, Burst: 3}
	for range 3 {
		take(t, l, "k", Take{b, 1})
	}
	v := take(t, l, "k", Take{b, 1})[0]
	if v.OK || v.Wait(Take{b, 1}) != 500*time.Millisecond {
		t.Fatalf("4th request: %+v, want refused with 500ms to wait", v)
	}
	now = now.Add(500 * time.Millisecond)
	if v := take(t, l, "k", Take{b, 1})[0]; !v.OK {
		t.Fatal("a token did not refill after 500ms")
	}
	if v := take(t, l, "k", Take{b, 1})[0]; v.OK || !v.Again {
		t.Fatalf("more than one token refilled after 500ms, or a refusal 500ms after the last is not a repeat: %+v", v)
	}
	now = now.Add(1600 * time.Millisecond)
	take(t, l, "k", Take{b, 3})
	if v := take(t, l, "k", Take{b, 1})[0]; v.OK || v.Again {
		t.Fatalf("a refusal over a second after the last: %+v, want a first refusal", v)
	}
	if v := take(t, l, "k", Take{b, 10})[0]; v.Wait(Take{b, 10}) > 1500*time.Millisecond {
		t.Fatalf("asking for more than a burst waits %v, want at most a full bucket's time", v.Wait(Take{b, 10}))
	}
}

func TestLocalSweepForgetsRefilledBuckets(t *testing.T) {
	now := time.Unix(0, 0)
	l := NewLocal()
	l.now = func() time.Time { return now }
	b := Bucket{Name: "requests", Rate: 10, Burst: 1}
	for i := range 2000 {
		take(t, l, string(rune('a'+i%26))+time.Duration(i).String(), Take{b, 1})
	}
	now = now.Add(time.Minute)
	for range 1024 {
		take(t, l, "late", Take{b, 1})
	}
	if n := len(l.buckets); n > 2 {
		t.Errorf("%d buckets kept after they all refilled", n)
	}
}
