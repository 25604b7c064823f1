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

func TestChargeGoesIntoDebt(t *testing.T) {
	now := time.Unix(0, 0)
	l := New(1000, 5000) // 1000 units per second, bursts of 5000
	l.now = func() time.Time { return now }
	if debt, _ := l.Debt("k"); debt != 0 {
		t.Fatalf("a new client owes %v", debt)
	}
	l.Charge("k", 7000)
	debt, wait := l.Debt("k")
	if debt != 2000 || wait != 2*time.Second {
		t.Fatalf("after 7000 of 5000: debt %v, wait %v; want 2000 and 2s", debt, wait)
	}
	if d, _ := l.Debt("other"); d != 0 {
		t.Fatal("another key shares the debt")
	}
	now = now.Add(2500 * time.Millisecond)
	if debt, _ := l.Debt("k"); debt != 0 {
		t.Fatalf("still %v in debt once repaid", debt)
	}
	l.Charge("k", 1e9)
	if debt, _ := l.Debt("k"); debt != 5000 {
		t.Fatalf("debt %v, want it capped at one burst", debt)
	}
}

func TestRefusedCountsStrikes(t *testing.T) {
	now := time.Unix(0, 0)
	l := New(1, 1)
	l.now = func() time.Time { return now }
	if l.Refused("k") {
		t.Fatal("a first refusal counts as a repeat")
	}
	now = now.Add(500 * time.Millisecond)
	if !l.Refused("k") {
		t.Fatal("a refusal half a second after the last is not a repeat")
	}
	now = now.Add(2 * time.Second)
	if l.Refused("k") {
		t.Fatal("a refusal two seconds after the last counts as a repeat")
	}
}
