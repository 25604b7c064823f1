package bench

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestLoadCountsAndChecks(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("X-Sql-Statements", "3")
		if r.URL.Path == "/bad" {
			w.Write([]byte(`{"errors":[{"message":"boom"}]}`))
			return
		}
		w.Write([]byte(`{"data":{}}`))
	}))
	defer srv.Close()
	check := func(body []byte) error {
		if strings.Contains(string(body), `"errors"`) {
			return errors.New("graphql errors")
		}
		return nil
	}
	reqs := []LoadRequest{{Name: "good", URL: srv.URL + "/good", Body: []byte("{}"), Check: check}, {Name: "bad", URL: srv.URL + "/bad", Body: []byte("{}"), Check: check}}
	byName, total, err := Load(context.Background(), reqs, LoadOptions{Concurrency: 4, MaxRequests: 100, StatementsHeader: "X-Sql-Statements"})
	if err != nil {
		t.Fatal(err)
	}
	if total.Requests != 100 || hits.Load() != 100 {
		t.Fatalf("total %d requests, server saw %d, want 100", total.Requests, hits.Load())
	}
	if byName["good"].Requests != 50 || byName["good"].Errors != 0 || byName["bad"].Errors != 50 {
		t.Errorf("good %+v bad %+v", byName["good"], byName["bad"])
	}
	if total.Statements != 3 || total.P50 <= 0 || total.P99 < total.P50 || total.Max < total.P99 {
		t.Errorf("statements %.1f p50 %v p99 %v max %v", total.Statements, total.P50, total.P99, total.Max)
	}
}

func TestLoadStopsAtDuration(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) }))
	defer srv.Close()
	t0 := time.Now()
	_, total, err := Load(context.Background(), []LoadRequest{{Name: "x", Method: "GET", URL: srv.URL}}, LoadOptions{Concurrency: 2, Duration: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(t0); d > 2*time.Second || total.Requests == 0 || total.Errors != 0 {
		t.Errorf("ran %v, %d requests, %d errors", d, total.Requests, total.Errors)
	}
}

func TestPercentile(t *testing.T) {
	var ls []time.Duration
	for i := 1; i <= 100; i++ {
		ls = append(ls, time.Duration(i))
	}
	if percentile(ls, 50) != 50 || percentile(ls, 99) != 99 || percentile(ls, 100) != 100 || percentile(nil, 50) != 0 {
		t.Errorf("percentiles wrong: %v %v", percentile(ls, 50), percentile(ls, 99))
	}
}
