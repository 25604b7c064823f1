package scaletest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// The readers' queries: a document list with its authors and sections,
// and a search, each a few statements that cost the database little
// beside the server's work of resolving and encoding the answer.
var readQueries = []string{
	`{"query":"{ documents(first: 5) { nodes { id title publishedOn authors { name affiliation } sections { heading paragraphs { ordinal } } } } }"}`,
	`{"query":"query($q: String!) { search(query: $q, first: 5) { totalCount nodes { snippet score paragraph { ordinal } } } }","variables":{"q":"北朝鮮"}}`,
}

// serverBound asks for the schema's types and fields: introspection is
// answered from memory, so the database's only part is the rate limit's
// statement, and the servers' CPU bounds the load.
const serverBound = `{"query":"{ __schema { types { name kind description fields { name description args { name } type { name kind ofType { name kind ofType { name kind } } } } } } }"}`

// counts are one server's answers under load.
type counts struct {
	ok, failed, limited atomic.Int64
	firstFailure        atomic.Value // string
	firstFailureAt      atomic.Int64 // Unix nanoseconds
	slowest             atomic.Int64 // the longest a request took, in nanoseconds
}

// took records how long one request took.
func (c *counts) took(d time.Duration) {
	for {
		old := c.slowest.Load()
		if int64(d) <= old || c.slowest.CompareAndSwap(old, int64(d)) {
			return
		}
	}
}

// loadSpec is a closed-loop load: each worker sends a request, waits for
// its answer, and sends the next.
type loadSpec struct {
	workers  int
	duration time.Duration // of load; startLoad runs until stopped
	// servers returns the servers worker i sends to, in turn; a server
	// that fails to answer (its connection refused or cut) is dropped
	// from the worker's turn, as a load balancer drops a dead backend.
	servers func(i int) []*server
	key     string // API key; "" is anonymous
	// ownAddress gives each worker source addresses of its own
	// (127.0.k.i, k = 1 … addressesPerWorker, in turn), so that it is
	// clients with their own rate limits, each well within its limit.
	ownAddress bool
	body       func(n int) string
}

// load runs spec for its duration and returns each server's counts and
// the time it took.
func load(spec loadSpec) (map[*server]*counts, time.Duration) {
	l := startLoad(spec)
	time.Sleep(spec.duration) // the load's length is what is measured
	return l.finish()
}

// loadRun is a load under way: its counts may be read while it runs, so
// that a test acts on what the load has done rather than on the time.
type loadRun struct {
	counts map[*server]*counts
	start  time.Time
	stop   chan struct{}
	wg     sync.WaitGroup
	once   sync.Once
	took   time.Duration
}

// startLoad starts spec's workers, which send until finish.
func startLoad(spec loadSpec) *loadRun {
	l := &loadRun{counts: map[*server]*counts{}, start: time.Now(), stop: make(chan struct{})}
	for i := range spec.workers {
		for _, s := range spec.servers(i) {
			if l.counts[s] == nil {
				l.counts[s] = &counts{}
			}
		}
	}
	for i := range spec.workers {
		l.wg.Go(func() {
			clients := newClients(i, spec.ownAddress)
			defer func() {
				for _, c := range clients {
					c.CloseIdleConnections()
				}
			}()
			turn := spec.servers(i)
			for n := 0; !l.stopped() && len(turn) > 0; n++ {
				s := turn[n%len(turn)]
				sent := time.Now()
				status, err := post(context.Background(), clients[n%len(clients)], s.addr, spec.key, spec.body(n))
				c := l.counts[s]
				c.took(time.Since(sent))
				switch {
				case err != nil:
					c.failed.Add(1)
					c.firstFailure.CompareAndSwap(nil, err.Error())
					c.firstFailureAt.CompareAndSwap(0, time.Now().UnixNano())
					turn = remove(turn, s)
				case status == http.StatusTooManyRequests:
					c.limited.Add(1)
				case status != http.StatusOK:
					c.failed.Add(1)
					c.firstFailure.CompareAndSwap(nil, fmt.Sprintf("status %d", status))
					c.firstFailureAt.CompareAndSwap(0, time.Now().UnixNano())
				default:
					c.ok.Add(1)
				}
			}
		})
	}
	return l
}

func (l *loadRun) stopped() bool {
	select {
	case <-l.stop:
		return true
	default:
		return false
	}
}

// finish stops sending and waits for the requests in flight, which are
// counted: a request the server admitted is never dropped from the
// counts. It returns each server's counts and the time the load took;
// calling it again returns the same.
func (l *loadRun) finish() (map[*server]*counts, time.Duration) {
	l.once.Do(func() {
		close(l.stop)
		l.wg.Wait()
		l.took = time.Since(l.start)
	})
	return l.counts, l.took
}

func remove(list []*server, s *server) []*server {
	var out []*server
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

// addressesPerWorker is how many clients (source addresses) one worker
// of a load with ownAddress is.
const addressesPerWorker = 4

// newClients returns the HTTP clients of worker i: one from 127.0.0.1, or
// one per address of its own.
func newClients(i int, ownAddress bool) []*http.Client {
	client := func(local net.Addr) *http.Client {
		d := &net.Dialer{Timeout: 5 * time.Second, LocalAddr: local}
		return &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{DialContext: d.DialContext, MaxIdleConnsPerHost: 4}}
	}
	if !ownAddress {
		return []*http.Client{client(nil)}
	}
	var out []*http.Client
	for k := range addressesPerWorker {
		out = append(out, client(&net.TCPAddr{IP: net.IPv4(127, 0, byte(1+k), byte(1+i%250))}))
	}
	return out
}

// post sends a GraphQL request and reads the whole answer; a GraphQL
// error in a 200 answer is a failure too.
func post(ctx context.Context, client *http.Client, addr, key, body string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, "POST", "http://"+addr+"/graphql", bytes.NewBufferString(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode == http.StatusOK && bytes.Contains(b, []byte(`"errors"`)) {
		return 0, fmt.Errorf("errors in the answer: %.300s", b)
	}
	return resp.StatusCode, nil
}

// get fetches a path and returns its status and body.
func get(addr, path string) (int, string) {
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// graphql sends one query and decodes its data into v.
func graphql(addr, key, query string, vars map[string]any, v any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest("POST", "http://"+addr+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var out struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return fmt.Errorf("status %d: %w", resp.StatusCode, err)
	}
	if len(out.Errors) > 0 {
		return fmt.Errorf("%s", out.Errors[0].Message)
	}
	return json.Unmarshal(out.Data, v)
}
