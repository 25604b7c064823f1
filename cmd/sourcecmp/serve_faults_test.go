package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/cli/clitest"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/faultproxy"
	"github.com/sourcecmp/sourcecmp/internal/seedtest"
)

// serving is a `sourcecmp serve` run by a test.
type serving struct {
	base   string
	cancel context.CancelFunc
	done   chan error
	stderr *clitest.Buffer
}

func startServe(t *testing.T, dbURL string, flags ...string) *serving {
	t.Helper()
	addr := freeAddr(t)
	env, _, stderr := testEnv()
	ctx, cancel := context.WithCancel(context.Background())
	s := &serving{base: "http://" + addr, cancel: cancel, done: make(chan error, 1), stderr: stderr}
	args := append([]string{"serve", "--addr", addr, "--database-url", dbURL, "--seeds", "../../seeds", "--log-format", "text"}, flags...)
	go func() { s.done <- run(ctx, args, env) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			t.Error("serve did not stop")
		}
	})
	return s
}

// waitFor polls path until it answers status.
func (s *serving) waitFor(t *testing.T, path string, status int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		resp, err := http.Get(s.base + path)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == status {
				return
			}
		}
		select {
		case err := <-s.done:
			t.Fatalf("serve stopped: %v\n%s", err, s.stderr)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer %d within %v (last: %v)\n%s", path, status, within, err, s.stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitLog waits until serve's log says text: what serve has tried so
// far, not how long the test has waited, decides when the test goes on.
func (s *serving) waitLog(t *testing.T, text string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !strings.Contains(s.stderr.String(), text) {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not log %q within %v:\n%s", text, within, s.stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// post sends a GraphQL query and returns the status, body and time taken.
func (s *serving) post(t *testing.T, query string) (int, string, time.Duration) {
	t.Helper()
	start := time.Now()
	resp, err := http.Post(s.base+"/graphql", "application/json", strings.NewReader(fmt.Sprintf(`{"query":%q}`, query)))
	if err != nil {
		t.Fatalf("POST /graphql: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), time.Since(start)
}

// proxied returns url with its host:port replaced by the proxy's.
func proxied(t *testing.T, raw string, p *faultproxy.Proxy) string {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = p.Addr()
	return u.String()
}

func postgresAddr(t *testing.T, raw string) string {
	t.Helper()
	cfg, err := pgx.ParseConfig(raw)
	if err != nil {
		t.Fatal(err)
	}
	return net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port))
}

// TestServeWithoutItsDatabase starts serve while its database cannot be
// reached: it listens at once, says it is not ready, refuses queries
// fast; once the database is reachable it creates, migrates and seeds
// it and serves, without a restart. Losing the database later is
// survived the same way.
func TestServeWithoutItsDatabase(t *testing.T) {
	t.Parallel()
	direct := dbtest.MissingURL(t)
	proxy, err := faultproxy.Start(postgresAddr(t, direct))
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	proxy.Cut()
	s := startServe(t, proxied(t, direct, proxy))

	s.waitFor(t, "/healthz", http.StatusOK, 10*time.Second)
	resp, err := http.Get(s.base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "starting") {
		t.Errorf("/readyz while the database is away: %d %s", resp.StatusCode, body)
	}
	status, reply, took := s.post(t, `{ documents { totalCount } }`)
	if status != http.StatusServiceUnavailable || !strings.Contains(reply, `"code":"UNAVAILABLE"`) || took > time.Second {
		t.Errorf("query while the database is away: %d after %v: %s", status, took, reply)
	}

	// Restored before serve's first try, the database would be reached at
	// once and the outage never seen.
	s.waitLog(t, "cannot be reached", time.Minute)
	proxy.Restore()
	s.waitFor(t, "/readyz", http.StatusOK, 2*time.Minute)
	status, reply, _ = s.post(t, `{ documents { totalCount } }`)
	if status != http.StatusOK || !strings.Contains(reply, `"totalCount":5`) {
		t.Fatalf("after the database came back: %d %s", status, reply)
	}
	if log := s.stderr.String(); !strings.Contains(log, "cannot be reached") || !strings.Contains(log, "created the database") {
		t.Errorf("the log does not tell the story:\n%s", log)
	}

	proxy.Cut()
	status, reply, took = s.post(t, `{ documents { totalCount } }`)
	if status != http.StatusServiceUnavailable || !strings.Contains(reply, `"code":"UNAVAILABLE"`) || took > 5*time.Second {
		t.Errorf("query after losing the database: %d after %v: %s", status, took, reply)
	}
	s.waitFor(t, "/readyz", http.StatusServiceUnavailable, 10*time.Second)
	proxy.Restore()
	s.waitFor(t, "/readyz", http.StatusOK, 10*time.Second)
	if status, reply, _ = s.post(t, `{ documents { totalCount } }`); status != http.StatusOK || !strings.Contains(reply, `"totalCount":5`) {
		t.Errorf("after the database came back again: %d %s", status, reply)
	}
}

// lockDocuments makes queries on the documents table wait until the
// returned function is called.
func lockDocuments(t *testing.T, dbURL string) (unlock func()) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `LOCK TABLE documents IN ACCESS EXCLUSIVE MODE`); err != nil {
		t.Fatal(err)
	}
	done := false
	unlock = func() {
		if !done {
			done = true
			tx.Rollback(ctx)
			conn.Close(ctx)
		}
	}
	t.Cleanup(unlock)
	return unlock
}

// TestServeDrainsOnShutdown: a request in flight when serve is told to
// stop completes; new connections are refused meanwhile.
func TestServeDrainsOnShutdown(t *testing.T) {
	t.Parallel()
	dbURL := seedtest.URL(t)
	s := startServe(t, dbURL, "--shutdown-timeout", "20s")
	s.waitFor(t, "/readyz", http.StatusOK, 2*time.Minute)
	unlock := lockDocuments(t, dbURL)
	type answer struct {
		status int
		body   string
	}
	answered := make(chan answer, 1)
	go func() {
		status, body, _ := s.post(t, `{ documents { totalCount } }`)
		answered <- answer{status, body}
	}()
	dbtest.Eventually(t, 10*time.Second, "the query waits on the lock", func() bool { return dbtest.LockWaiters(t, dbURL) > 0 })
	s.cancel()
	dbtest.Eventually(t, 5*time.Second, "serve stops accepting connections", func() bool {
		c, err := net.DialTimeout("tcp", strings.TrimPrefix(s.base, "http://"), 100*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err != nil
	})
	select {
	case a := <-answered:
		t.Fatalf("the request ended before its query could: %d %s", a.status, a.body)
	case err := <-s.done:
		t.Fatalf("serve returned (%v) with a request in flight", err)
	case <-time.After(300 * time.Millisecond):
	}
	unlock()
	a := <-answered
	if a.status != http.StatusOK || !strings.Contains(a.body, `"totalCount":5`) {
		t.Errorf("the drained request: %d %s", a.status, a.body)
	}
	select {
	case err := <-s.done:
		s.done <- err // for the cleanup
		if err != nil {
			t.Errorf("serve after draining: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after draining")
	}
}

// TestServeCancelsWhatOutlivesTheDrain: requests still running when the
// shutdown deadline passes are cancelled, their statements with them,
// and serve says so.
func TestServeCancelsWhatOutlivesTheDrain(t *testing.T) {
	t.Parallel()
	dbURL := seedtest.URL(t)
	s := startServe(t, dbURL, "--shutdown-timeout", "300ms")
	s.waitFor(t, "/readyz", http.StatusOK, 2*time.Minute)
	lockDocuments(t, dbURL)
	go func() {
		resp, err := http.Post(s.base+"/graphql", "application/json", strings.NewReader(`{"query":"{ documents { totalCount } }"}`))
		if err == nil {
			resp.Body.Close()
		}
	}()
	dbtest.Eventually(t, 10*time.Second, "the query waits on the lock", func() bool { return dbtest.LockWaiters(t, dbURL) > 0 })
	start := time.Now()
	s.cancel()
	select {
	case err := <-s.done:
		s.done <- err
		if err == nil || !strings.Contains(err.Error(), "cancelled") {
			t.Errorf("serve returned %v, want the shutdown's failure", err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("shutting down took %v with a 300ms drain", took)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not return after its shutdown deadline")
	}
	dbtest.Eventually(t, 5*time.Second, "the cancelled statement leaves the database", func() bool { return dbtest.LockWaiters(t, dbURL) == 0 })
}
