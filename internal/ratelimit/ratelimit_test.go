package ratelimit

import (
	"testing"
	"time"
)

func TestBurstThenRate(t *testing.T) {
	now := time.Unix(0, 0)
	l := New(2, 3) // 2 per second, bursts of 3
	l.now = func() time.Time { return now }
	for i := range 3 {
		if ok, _ := l.Allow("k"); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	ok, wait := l.Allow("k")
	if ok || wait != 500*time.Millisecond {
		t.Fatalf("4th request: ok=%v wait=%v, want refused with 500ms", ok, wait)
	}
	if ok, _ := l.Allow("other"); !ok {
		t.Fatal("another key shares the bucket")
	}
	now = now.Add(500 * time.Millisecond)
	if ok, _ := l.Allow("k"); !ok {
		t.Fatal("a token did not refill after 500ms")
	}
	if ok, _ := l.Allow("k"); ok {
		t.Fatal("more than one token refilled after 500ms")
	}
}

func TestZeroRateAllowsAll(t *testing.T) {
	l := New(0, 1)
	for range 100 {
		if ok, _ := l.Allow("k"); !ok {
			t.Fatal("a disabled limiter refused a request")
		}
	}
}

func TestSweepForgetsRefilledBuckets(t *testing.T) {
	now := time.Unix(0, 0)
	l := New(10, 1)
	l.now = func() time.Time { return now }
	for i := range 2000 {
		l.Allow(string(rune('a'+i%26)) + time.Duration(i).String())
	}
	now = now.Add(time.Minute)
	for range 1024 {
		l.Allow("late")
	}
	if n := len(l.buckets); n > 2 {
		t.Errorf("%d buckets kept after they all refilled", n)
	}
}

func TestAllowNChargesCost(t *testing.T) {
	now := time.Unix(0, 0)
	l := New(1000, 5000) // 1000 units per second, bursts of 5000
	l.now = func() time.Time { return now }
	if ok, _ := l.AllowN("k", 4000); !ok {
		t.Fatal("a cost within the burst refused")
	}
	ok, wait := l.AllowN("k", 3000)
	if ok || wait != 2*time.Second {
		t.Fatalf("3000 more with 1000 left: ok=%v wait=%v, want refused for 2s", ok, wait)
	}
	if ok, _ := l.AllowN("k", 1000); !ok {
		t.Fatal("a refused charge took tokens")
	}
	now = now.Add(10 * time.Second)
	if ok, _ := l.AllowN("k", 1e9); !ok {
		t.Fatal("a cost above the burst is refused even from a full bucket")
	}
}
