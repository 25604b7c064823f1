package scaletest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

func TestScaleOut(t *testing.T) {
	start := time.Now()
	r := newRig(t)
	rigReady := time.Since(start)
	a := r.serve("A", 0)
	aReady := time.Since(start)
	b := r.serve("B", 1) // on the database A prepared: its seeds are unchanged
	t.Logf("clusters, PgBouncer and the build ready in %.1f s, A (seeding) in %.1f s more, B in %.1f s more",
		rigReady.Seconds(), (aReady - rigReady).Seconds(), (time.Since(start) - aReady).Seconds())
	key := r.apiKey("writer")
	report := &strings.Builder{}
	logf := func(format string, args ...any) {
		t.Logf(format, args...)
		fmt.Fprintf(report, format+"\n", args...)
	}
	uptime, _ := os.ReadFile("/proc/loadavg")
	logf("load average at start: %s", strings.TrimSpace(string(uptime)))

	t.Run("StatementsPlannedWithTheirValues", func(t *testing.T) { plannedWithValues(t, r) })
	t.Run("Throughput", func(t *testing.T) { throughput(t, r, a, b, logf) })
	// The rate-limit run spends its key's budget: the key of its own
	// leaves the writer's unspent for what follows.
	t.Run("RateLimitAcrossServers", func(t *testing.T) { rateLimitAcross(t, a, b, r.apiKey("rate-limited"), logf) })
	t.Run("ReadYourWrites", func(t *testing.T) { readYourWrites(t, r, a, b, key) })
	t.Run("KillOneServer", func(t *testing.T) { killOne(t, a, b, logf) })
	t.Run("ReplicaStops", func(t *testing.T) { replicaStops(t, r, b, logf) })

	if dir := os.Getenv("SOURCECMP_ARTIFACTS"); dir != "" {
		os.MkdirAll(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "scale.txt"), []byte(report.String()), 0o644)
	}
}

// apiKey creates an editor's key on the primary.
func (r *rig) apiKey(name string) string {
	cmd := exec.Command(r.bin, "apikey", "create", "--role", "editor", "--name", name)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+r.directURL(r.primaryPort))
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("apikey create: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// Through PgBouncer the store prepares no statement by name, so that
// PostgreSQL plans every execution for its values (a custom plan, never
// a generic one that ignores the search terms), and a session keeps
// nothing another client's transaction could trip on. sourcecmp_single
// gives every transaction the same server connection, whose prepared
// statements are then all there is to see.
func plannedWithValues(t *testing.T, r *rig) {
	ctx := context.Background()
	st, err := store.OpenWith(ctx, r.bouncerURL("sourcecmp_single"), store.Options{PgBouncer: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, q := range []string{"北朝鮮", "ロシア", "中国", "制裁", "北朝鮮", "ロシア", "中国", "制裁", "北朝鮮", "ロシア"} {
		var n int
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM paragraphs WHERE text LIKE '%' || $1 || '%'`, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	var prepared int
	if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM pg_prepared_statements`).Scan(&prepared); err != nil {
		t.Fatal(err)
	}
	if prepared != 0 {
		t.Errorf("%d statements prepared by name in the pooled session, want none", prepared)
	}
	var timeout string
	if err := st.Pool().QueryRow(ctx, `SHOW statement_timeout`).Scan(&timeout); err != nil || timeout != "5s" {
		t.Errorf("statement_timeout of a pooled connection: %q (%v), want the 5s of the pooler's connect_query", timeout, err)
	}
}

// throughput measures the readers one server and two servers answer in
// the same run, each server pinned to a CPU of its own with one Go
// thread, for two loads: the readers' queries (readQueries), and a query
// that costs the database nothing but the rate limit (serverBound). The
// database, PgBouncer, this load and whatever else runs on the machine
// share its two CPUs with the servers, so the phases alternate (one
// server, two, one, two …, a second each) and the ratio is of the sums:
// a change in the machine's other load falls on both alike. The figures
// say how far two servers scale here, with the CPU each part used. The
// checks hold in every round, so a run makes one (SOURCECMP_SCALE_ROUNDS
// makes more, for steadier figures: docs/scale.md's are of four).
func throughput(t *testing.T, r *rig, a, b *server, logf func(string, ...any)) {
	const phase = time.Second
	rounds := 1
	if v := os.Getenv("SOURCECMP_SCALE_ROUNDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("SOURCECMP_SCALE_ROUNDS=%q: want a number of rounds, 1 or more", v)
		}
		rounds = n
	}
	logf("throughput over %d round(s) of four phases", rounds)
	for _, mix := range []struct {
		name    string
		queries []string
	}{{"readers", readQueries}, {"server-bound", []string{serverBound}}} {
		spec := loadSpec{workers: 32, duration: phase, ownAddress: true,
			body: func(n int) string { return mix.queries[n%len(mix.queries)] }}
		var ok [2]int64
		var took [2]time.Duration
		var used [2]cpuUse
		for range rounds {
			for k, servers := range []func(int) []*server{
				func(int) []*server { return []*server{a} },
				func(i int) []*server { return []*server{[]*server{a, b}[i%2]} },
			} {
				spec.servers = servers
				before := r.cpu(t, a, b)
				got, d := load(spec)
				used[k] = used[k].plus(r.cpu(t, a, b).minus(before))
				took[k] += d
				for s, c := range got {
					if n := c.failed.Load() + c.limited.Load(); n > 0 {
						t.Errorf("%s: server %s failed %d requests (first: %v), limited %d", mix.name, s.name, c.failed.Load(), c.firstFailure.Load(), c.limited.Load())
					}
					ok[k] += c.ok.Load()
				}
			}
		}
		for k, name := range []string{"one server", "two servers"} {
			u := used[k]
			logf("%-13s %-11s %5.0f requests/s; CPU s: A %.2f, B %.2f, primary %.2f, replica %.2f, PgBouncer %.2f, load %.2f, other work %.2f, idle %.2f of %.2f",
				mix.name, name, float64(ok[k])/took[k].Seconds(), u.a, u.b, u.primary, u.replica, u.bouncer, u.load, u.others(), u.idle, u.busy+u.idle)
		}
		rate := func(k int) float64 { return float64(ok[k]) / took[k].Seconds() }
		perRequest := func(k int) float64 { return 1000 * (used[k].a + used[k].b) / float64(ok[k]) }
		logf("%-13s two servers / one: %.2fx the requests; server CPU a request %.2f ms and %.2f ms",
			mix.name, rate(1)/rate(0), perRequest(0), perRequest(1))
	}
}

// rateLimitAcross sends one client's requests through both servers as
// fast as they answer: the two together admit what one limit allows.
func rateLimitAcross(t *testing.T, a, b *server, key string, logf func(string, ...any)) {
	const duration = 3 * time.Second
	got, took := load(loadSpec{workers: 8, duration: duration, key: key,
		servers: func(int) []*server { return []*server{a, b} },
		body:    func(int) string { return `{"query":"{ topics { slug } }"}` }})
	var ok, limited int64
	for s, c := range got {
		if c.failed.Load() > 0 {
			t.Errorf("server %s failed %d requests: %v", s.name, c.failed.Load(), c.firstFailure.Load())
		}
		ok, limited = ok+c.ok.Load(), limited+c.limited.Load()
	}
	want := rateLimit + rateLimit*duration.Seconds() // the burst, then the rate
	logf("rate limit across two servers: %d admitted of %d in %.2f s, %.0f allowed (%+.1f%%)", ok, ok+limited, took.Seconds(), want, 100*(float64(ok)-want)/want)
	if limited == 0 {
		t.Fatalf("no request refused: the client did not reach its limit (%d admitted)", ok)
	}
	// Servers keeping their own buckets would admit twice the limit: the
	// bound above is the check. Below it there is room for a loaded
	// machine, where the first requests reach the bucket late and the
	// refill of the last round trip goes unused.
	if float64(ok) > 1.1*want || float64(ok) < 0.75*want {
		t.Errorf("%d requests admitted, want %.0f (-25%% to +10%%)", ok, want)
	}
}

// readYourWrites pauses the replica's replay, writes through A and reads
// through B: the writer sees its write at once, an anonymous reader the
// replica's older data, until the replica lags past the bound and reads
// go to the primary.
func readYourWrites(t *testing.T, r *rig, a, b *server, key string) {
	var docs struct {
		Documents struct{ Nodes []struct{ ID, Title string } }
	}
	if err := graphql(b.addr, "", `{ documents(first: 1) { nodes { id title } } }`, nil, &docs); err != nil || len(docs.Documents.Nodes) == 0 {
		t.Fatalf("documents: %v %+v", err, docs)
	}
	doc := docs.Documents.Nodes[0]
	title := func(key string) string {
		var v struct{ Node struct{ Title string } }
		if err := graphql(b.addr, key, `query($id: ID!) { node(id: $id) { ... on Document { title } } }`, map[string]any{"id": doc.ID}, &v); err != nil {
			t.Fatal(err)
		}
		return v.Node.Title
	}
	r.sql(r.replicaPort, `SELECT pg_wal_replay_pause()`)
	defer r.sql(r.replicaPort, `SELECT pg_wal_replay_resume()`)
	dbtest.Eventually(t, 10*time.Second, "replay paused", func() bool { // a request to pause takes effect a little later
		return r.query(r.replicaPort, `SELECT pg_get_wal_replay_pause_state()`) == "paused"
	})
	newTitle := "scale test " + strconv.FormatInt(time.Now().UnixNano(), 36)
	var out any
	if err := graphql(a.addr, key, `mutation($id: ID!, $t: String!) { updateDocumentMetadata(id: $id, input: {title: $t}) { title } }`,
		map[string]any{"id": doc.ID, "t": newTitle}, &out); err != nil {
		t.Fatalf("update through A: %v", err)
	}
	if got := title(key); got != newTitle {
		t.Errorf("the writer reads %q through B right after its write through A, want %q", got, newTitle)
	}
	if got := title(""); got != doc.Title {
		t.Errorf("an anonymous reader reads %q through B, want the replica's %q (replay is paused)", got, doc.Title)
	}
	dbtest.Eventually(t, maxLag+5*time.Second, "B's replica lagging", func() bool {
		_, body := get(b.addr, "/readyz")
		return strings.Contains(body, "replica: lagging")
	})
	if got := title(""); got != newTitle {
		t.Errorf("with the replica lagging past %v, an anonymous reader reads %q, want the primary's %q", maxLag, got, newTitle)
	}
	if n := metric(t, b, `sourcecmp_replica_fallbacks_total{reason="lagging"}`); n < 1 {
		t.Errorf("fallbacks for lag: %v, want at least 1", n)
	}
	if !strings.Contains(b.log(), "replica lagging: reads go to the primary") {
		t.Error("B's log does not say the replica lags")
	}
	r.sql(r.replicaPort, `SELECT pg_wal_replay_resume()`)
	dbtest.Eventually(t, 10*time.Second, "B's replica back in use", func() bool {
		_, body := get(b.addr, "/readyz")
		return strings.Contains(body, "replica: in use")
	})
}

// killOne kills A under load through both: A fails nothing before it is
// killed, only the request each worker had on it then (and the worker
// leaves it, as a load balancer does), and B answers every request. A
// is killed once it has answered requests of this load, and the load
// goes on until B has answered many more after the kill: what the test
// waits for is what it checks, not a time.
func killOne(t *testing.T, a, b *server, logf func(string, ...any)) {
	const workers = 16
	l := startLoad(loadSpec{workers: workers, ownAddress: true,
		servers: func(i int) []*server { return []*server{[]*server{a, b}[i%2], []*server{b, a}[i%2]} },
		body:    func(n int) string { return readQueries[n%len(readQueries)] }})
	defer l.finish()
	dbtest.Eventually(t, loadWait, "A answering under load", func() bool { return l.counts[a].ok.Load() >= 100 })
	killed := time.Now().UnixNano()
	a.cmd.Process.Signal(syscall.SIGKILL)
	afterKill := l.counts[b].ok.Load()
	dbtest.Eventually(t, loadWait, "B answering after A was killed", func() bool { return l.counts[b].ok.Load() >= afterKill+20*workers })
	got, took := l.finish()
	logf("kill A under load: A answered %d and failed %d; B answered %d and failed %d; %.1f s, slowest answer %v",
		got[a].ok.Load(), got[a].failed.Load(), got[b].ok.Load(), got[b].failed.Load(), took.Seconds(), slowest(got).Round(time.Millisecond))
	if n := got[b].failed.Load() + got[b].limited.Load(); n > 0 {
		t.Errorf("B, the survivor, failed %d requests: %v", n, got[b].firstFailure.Load())
	}
	if at := got[a].firstFailureAt.Load(); at != 0 && at < killed {
		t.Errorf("A failed a request %v before it was killed: %v", time.Duration(killed-at), got[a].firstFailure.Load())
	}
	if got[a].ok.Load() == 0 || got[b].ok.Load() == 0 {
		t.Error("a server answered nothing")
	}
}

// loadWait bounds each wait on what a load has done; the waits end as
// soon as it is done, so the bound only stops a hung test.
const loadWait = 60 * time.Second

// slowest is the longest any request of a load took.
func slowest(got map[*server]*counts) time.Duration {
	var d int64
	for _, c := range got {
		d = max(d, c.slowest.Load())
	}
	return time.Duration(d)
}

// replicaStops stops the replica under load on B: no request fails, the
// reads move to the primary, and B says so in /readyz, its metrics and
// its log. The replica is stopped once B has read from it under this
// load, and the load goes on until B finds the replica unreachable and
// has answered many requests from the primary since; the requests in
// flight at the stop (some waiting in PgBouncer's queue for a replica
// connection, up to bouncerWait) are waited for and must all succeed.
func replicaStops(t *testing.T, r *rig, b *server, logf func(string, ...any)) {
	const workers = 8
	replicaReads := func() float64 {
		v, _ := metricValue(b, `sourcecmp_read_requests_total{database="replica",reason=""}`)
		return v
	}
	readsBefore := replicaReads()
	l := startLoad(loadSpec{workers: workers, ownAddress: true,
		servers: func(int) []*server { return []*server{b} },
		body:    func(n int) string { return readQueries[n%len(readQueries)] }})
	defer l.finish()
	dbtest.Eventually(t, loadWait, "B reading from the replica under load", func() bool {
		return l.counts[b].ok.Load() >= 50 && replicaReads() >= readsBefore+50
	})
	stopped := time.Now()
	r.run("pg_ctlcluster", r.version, r.name+"replica", "stop", "-m", "fast")
	dbtest.Eventually(t, loadWait, "B finding the replica unreachable", func() bool {
		_, body := get(b.addr, "/readyz")
		return strings.Contains(body, "replica: unreachable")
	})
	noticed := time.Since(stopped)
	since := l.counts[b].ok.Load()
	dbtest.Eventually(t, loadWait, "B answering from the primary", func() bool { return l.counts[b].ok.Load() >= since+20*workers })
	got, _ := l.finish()
	c := got[b]
	logf("replica stopped under load: B answered %d, failed %d; unreachable in /readyz %v after the stop began, the load ended %v after; slowest answer %v",
		c.ok.Load(), c.failed.Load(), noticed.Round(time.Millisecond), time.Since(stopped).Round(time.Millisecond), time.Duration(c.slowest.Load()).Round(time.Millisecond))
	if n := c.failed.Load() + c.limited.Load(); n > 0 {
		t.Errorf("B failed %d requests as the replica stopped: %v\nB's warnings:\n%s", n, c.firstFailure.Load(), b.warnings(10))
	}
	status, body := get(b.addr, "/readyz")
	if status != 200 || !strings.Contains(body, "replica: unreachable") {
		t.Errorf("/readyz with the replica down: %d %q, want 200 saying it is unreachable", status, body)
	}
	if n := metric(t, b, `sourcecmp_replica_fallbacks_total{reason="unreachable"}`); n < 1 {
		t.Errorf("fallbacks for an unreachable replica: %v", n)
	}
	if n := metric(t, b, `sourcecmp_read_requests_total{database="primary",reason="unreachable"}`); n < 1 {
		t.Errorf("reads sent to the primary for an unreachable replica: %v", n)
	}
	if !strings.Contains(b.log(), "replica unreachable: reads go to the primary") {
		t.Error("B's log does not say the replica is unreachable")
	}
}

// metric reads one sample of a server's /metrics.
func metric(t *testing.T, s *server, name string) float64 {
	v, ok := metricValue(s, name)
	if !ok {
		t.Errorf("no %s in /metrics", name)
	}
	return v
}

// metricValue reads one sample of a server's /metrics, if it is there.
func metricValue(s *server, name string) (float64, bool) {
	_, body := get(s.addr, "/metrics")
	for line := range strings.SplitSeq(body, "\n") {
		if v, ok := strings.CutPrefix(line, name+" "); ok {
			f, _ := strconv.ParseFloat(v, 64)
			return f, true
		}
	}
	return 0, false
}
