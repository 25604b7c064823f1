package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/faultproxy"
	"github.com/sourcecmp/sourcecmp/internal/server"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// storeVia opens another store on f's database, through addr (host:port)
// when it is not empty.
func storeVia(t *testing.T, f *fixture, addr string, opts store.Options) *store.Store {
	t.Helper()
	u, err := url.Parse(f.store.Pool().Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	if addr != "" {
		u.Host = addr
	}
	st, err := store.OpenWith(context.Background(), u.String(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

func handlerFor(t *testing.T, f *fixture, st *store.Store, p server.Policy) *fixture {
	t.Helper()
	g := *f
	g.store = st
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	g.handler = server.NewServer(server.Config{Log: log, Store: st, Ingester: f.ingest, LoaderWait: loaderWait, Policy: p, Bounds: f.bounds})
	return &g
}

// lockDocuments holds an exclusive lock on the documents table until the
// returned function is called: every query that reads it waits.
func lockDocuments(t *testing.T, st *store.Store) (unlock func()) {
	t.Helper()
	ctx := context.Background()
	tx, err := st.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE documents IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	unlock = func() { once.Do(func() { tx.Rollback(ctx) }) }
	t.Cleanup(unlock)
	return unlock
}

// TestSlowQueriesAreCancelled: a request's deadline, and the statement
// timeout of the pool's connections, each stop a query stuck on the
// database, which then stops running it.
func TestSlowQueriesAreCancelled(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, c := range []struct {
		name    string
		policy  time.Duration // request deadline
		options store.Options
	}{
		{"request deadline", 300 * time.Millisecond, store.Options{}},
		{"statement timeout", 30 * time.Second, store.Options{StatementTimeout: 300 * time.Millisecond}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := testPolicy()
			p.RequestTimeout = c.policy
			g := handlerFor(t, f, storeVia(t, f, "", c.options), p)
			unlock := lockDocuments(t, f.store)
			start := time.Now()
			r := g.postAs(t, "", countQuery, nil)
			took := time.Since(start)
			onlyCode(t, r, "TIMEOUT")
			if took > 5*time.Second || r.Errors[0].Extensions["requestId"] == "" {
				t.Errorf("answered after %v: %s", took, r.Body)
			}
			dbURL := f.store.Pool().Config().ConnString()
			dbtest.Eventually(t, 5*time.Second, "the query stops waiting on the database", func() bool { return dbtest.LockWaiters(t, dbURL) == 0 })
			unlock()
			// The same server answers again. On a loaded machine one try
			// may itself pass the 300 ms deadline (a TIMEOUT, as it should):
			// the check is that an answer comes, not how fast.
			dbtest.Eventually(t, 10*time.Second, "an answer after the lock", func() bool {
				r := g.postAs(t, "", countQuery, nil)
				if len(r.Errors) > 0 {
					t.Logf("after the lock: %s", r.Body)
				}
				return len(r.Errors) == 0
			})
		})
	}
}

// TestDatabaseLostUnderLoad cuts the connection to the database while
// clients keep sending queries: every request ends quickly with data or
// a 503 UNAVAILABLE (never a hang, a 500 or a Go error), and once the
// database is back the server answers again without a restart.
func TestDatabaseLostUnderLoad(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	target := f.store.Pool().Config().ConnConfig
	proxy, err := faultproxy.Start(net.JoinHostPort(target.Host, fmt.Sprint(target.Port)))
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	p := testPolicy()
	p.RequestTimeout = 5 * time.Second
	g := handlerFor(t, f, storeVia(t, f, proxy.Addr(), store.Options{ConnectTimeout: time.Second, StatementTimeout: 5 * time.Second}), p)
	srv := newHTTPServer(t, g.handler)

	type outcome struct {
		status int
		took   time.Duration
		body   string
	}
	var mu sync.Mutex
	var outcomes []outcome
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			client := &http.Client{Timeout: 20 * time.Second}
			for {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				resp, err := client.Post(srv+"/graphql", "application/json", strings.NewReader(`{"query":"{ documents(first: 5) { totalCount nodes { slug sections { heading paragraphs { text } } } } }"}`))
				o := outcome{took: time.Since(start)}
				if err != nil {
					o.body = err.Error()
				} else {
					b, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					o.status, o.body = resp.StatusCode, string(b)
				}
				mu.Lock()
				outcomes = append(outcomes, o)
				mu.Unlock()
			}
		})
	}
	count := func(status int) int {
		mu.Lock()
		defer mu.Unlock()
		n := 0
		for _, o := range outcomes {
			if o.status == status {
				n++
			}
		}
		return n
	}
	dbtest.Eventually(t, 10*time.Second, "load before the cut", func() bool { return count(http.StatusOK) >= 20 })
	proxy.Cut()
	okBefore := count(http.StatusOK)
	dbtest.Eventually(t, 10*time.Second, "503s during the cut", func() bool { return count(http.StatusServiceUnavailable) >= 20 })
	if rec := get(t, g.handler, "/readyz", nil); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz during the cut: %d", rec.Code)
	}
	// Keep the load on through many more refusals: any request that got
	// through the cut would show up as a success here.
	failedSoFar := count(http.StatusServiceUnavailable)
	dbtest.Eventually(t, 10*time.Second, "more 503s during the cut", func() bool { return count(http.StatusServiceUnavailable) >= failedSoFar+40 })
	if n := count(http.StatusOK) - okBefore; n > 8 {
		t.Errorf("%d requests succeeded with the database cut off", n) // at most those in flight at the cut
	}
	proxy.Restore()
	okAtRestore := count(http.StatusOK)
	dbtest.Eventually(t, 10*time.Second, "recovery after the database is back", func() bool { return count(http.StatusOK) >= okAtRestore+20 })
	close(stop)
	wg.Wait()
	if rec := get(t, g.handler, "/readyz", nil); rec.Code != http.StatusOK {
		t.Errorf("/readyz after the restore: %d", rec.Code)
	}

	failed := 0
	for _, o := range outcomes {
		switch {
		case o.status == http.StatusOK:
			if strings.Contains(o.body, `"errors"`) {
				t.Errorf("200 with errors: %.300s", o.body)
			}
		case o.status == http.StatusServiceUnavailable:
			failed++
			if !strings.Contains(o.body, `"code":"UNAVAILABLE"`) {
				t.Errorf("503 without UNAVAILABLE: %.300s", o.body)
			}
			noInternals(t, o.body)
		default:
			t.Errorf("HTTP %d: %.300s", o.status, o.body)
		}
		if o.took > 6*time.Second {
			t.Errorf("a request took %v", o.took)
		}
	}
	t.Logf("%d requests: %d failed cleanly while the database was cut off", len(outcomes), failed)
}

// newHTTPServer serves h on a loopback port for the test's duration.
func newHTTPServer(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}
