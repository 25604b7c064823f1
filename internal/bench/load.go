package bench

// The load generator: a mix of requests at a fixed concurrency, for a
// fixed time or number of requests, with throughput, latency percentiles
// and errors per request kind. The benchmark and the load test both
// drive servers with it; it only talks to the URLs it is given.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"
)

// LoadRequest is one kind of request in the mix.
type LoadRequest struct {
	Name   string
	Method string // POST when empty
	URL    string
	Body   []byte
	Header http.Header
	// Check inspects a response with status 200; an error counts the
	// request as failed (a GraphQL response with "errors", say).
	Check func(body []byte) error
}

// LoadOptions bound a run.
type LoadOptions struct {
	Concurrency int
	Duration    time.Duration // stop after this long (0: no time bound)
	MaxRequests int           // stop after this many requests (0: no count bound)
	Timeout     time.Duration // per request; 30s when zero
	// StatementsHeader, when set, names a response header that reports
	// the SQL statements the request ran; its mean is reported.
	StatementsHeader string
	// Pace, when set, is the least time between the starts of one
	// client's requests: a client that keeps to a rate, not one that
	// sends as fast as the server answers.
	Pace time.Duration
}

// LoadResult is what a run measured for one kind of request (or all).
type LoadResult struct {
	Name          string
	Requests      int
	Errors        int
	Elapsed       time.Duration
	P50, P95, P99 time.Duration
	Max           time.Duration
	Statements    float64 // mean per request, when reported
	FirstErrors   []string
	// Statuses counts the responses by HTTP status (0: no response).
	Statuses      map[int]int
	latencies     []time.Duration
	statementSum  int
	statementSeen int
}

// Throughput is requests per second.
func (r *LoadResult) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// Load sends the requests round-robin from Concurrency workers until a
// bound is reached or ctx ends. It returns one result per request name
// and one for all requests together.
func Load(ctx context.Context, reqs []LoadRequest, opts LoadOptions) (byName map[string]*LoadResult, total *LoadResult, err error) {
	if len(reqs) == 0 || opts.Concurrency <= 0 {
		return nil, nil, fmt.Errorf("load: need requests and a positive concurrency")
	}
	if opts.Duration <= 0 && opts.MaxRequests <= 0 {
		return nil, nil, fmt.Errorf("load: need a duration or a request count")
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.Duration > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, opts.Duration)
		defer cancel()
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: opts.Concurrency, MaxConnsPerHost: opts.Concurrency}}
	defer client.CloseIdleConnections()

	var (
		mu   sync.Mutex
		next int
	)
	byName = map[string]*LoadResult{}
	for _, r := range reqs {
		byName[r.Name] = &LoadResult{Name: r.Name, Statuses: map[int]int{}}
	}
	take := func() (LoadRequest, bool) {
		mu.Lock()
		defer mu.Unlock()
		if ctx.Err() != nil || opts.MaxRequests > 0 && next >= opts.MaxRequests {
			return LoadRequest{}, false
		}
		r := reqs[next%len(reqs)]
		next++
		return r, true
	}
	start := time.Now()
	var wg sync.WaitGroup
	for range opts.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				r, ok := take()
				if !ok {
					return
				}
				began := time.Now()
				lat, status, stmts, err := send(ctx, client, r, opts)
				if ctx.Err() != nil && err != nil {
					return // the run ended while this request was in flight
				}
				mu.Lock()
				res := byName[r.Name]
				res.Requests++
				res.Statuses[status]++
				res.latencies = append(res.latencies, lat)
				if stmts >= 0 {
					res.statementSum += stmts
					res.statementSeen++
				}
				if err != nil {
					res.Errors++
					if len(res.FirstErrors) < 5 {
						res.FirstErrors = append(res.FirstErrors, err.Error())
					}
				}
				mu.Unlock()
				if wait := opts.Pace - time.Since(began); wait > 0 {
					select {
					case <-ctx.Done():
						return
					case <-time.After(wait):
					}
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	total = &LoadResult{Name: "all", Statuses: map[int]int{}}
	for _, r := range byName {
		r.Elapsed = elapsed
		r.finish()
		for s, n := range r.Statuses {
			total.Statuses[s] += n
		}
		total.Requests += r.Requests
		total.Errors += r.Errors
		total.latencies = append(total.latencies, r.latencies...)
		total.statementSum += r.statementSum
		total.statementSeen += r.statementSeen
		total.FirstErrors = append(total.FirstErrors, r.FirstErrors...)
	}
	total.Elapsed = elapsed
	total.finish()
	return byName, total, nil
}

func (r *LoadResult) finish() {
	sort.Slice(r.latencies, func(i, j int) bool { return r.latencies[i] < r.latencies[j] })
	r.P50, r.P95, r.P99 = percentile(r.latencies, 50), percentile(r.latencies, 95), percentile(r.latencies, 99)
	if n := len(r.latencies); n > 0 {
		r.Max = r.latencies[n-1]
	}
	if r.statementSeen > 0 {
		r.Statements = float64(r.statementSum) / float64(r.statementSeen)
	}
}

// percentile returns the p-th percentile of sorted latencies (nearest rank).
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p+99)/100 - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

// send makes one request and returns its latency, its status (0 without
// a response) and its statements (-1 when the server did not say).
func send(ctx context.Context, client *http.Client, r LoadRequest, opts LoadOptions) (time.Duration, int, int, error) {
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	method := r.Method
	if method == "" {
		method = http.MethodPost
	}
	req, err := http.NewRequestWithContext(ctx, method, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return 0, 0, -1, err
	}
	for k, vs := range r.Header {
		req.Header[k] = vs
	}
	if req.Header.Get("Content-Type") == "" && len(r.Body) > 0 {
		req.Header.Set("Content-Type", "application/json")
	}
	t0 := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return time.Since(t0), 0, -1, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	lat := time.Since(t0)
	stmts := -1
	if opts.StatementsHeader != "" {
		if n, err := strconv.Atoi(resp.Header.Get(opts.StatementsHeader)); err == nil {
			stmts = n
		}
	}
	switch {
	case err != nil:
		return lat, resp.StatusCode, stmts, err
	case resp.StatusCode != http.StatusOK:
		return lat, resp.StatusCode, stmts, fmt.Errorf("%s: HTTP %d: %.200s", r.Name, resp.StatusCode, body)
	case r.Check != nil:
		if err := r.Check(body); err != nil {
			return lat, resp.StatusCode, stmts, fmt.Errorf("%s: %w", r.Name, err)
		}
	}
	return lat, resp.StatusCode, stmts, nil
}

// PeakSampler polls a gauge (a server's resident memory, say) while a run
// lasts and keeps the highest value and the first and last samples.
type PeakSampler struct {
	mu                sync.Mutex
	Peak, First, Last float64
	Samples           int
}

// Sample polls read every interval until ctx ends.
func (s *PeakSampler) Sample(ctx context.Context, interval time.Duration, read func(context.Context) (float64, error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if v, err := read(ctx); err == nil {
			s.mu.Lock()
			if s.Samples == 0 {
				s.First = v
			}
			s.Samples++
			s.Last = v
			s.Peak = max(s.Peak, v)
			s.mu.Unlock()
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
