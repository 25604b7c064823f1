package scaletest

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

// rig is the primary, the replica, PgBouncer and the sourcecmp binary of
// one test run. Everything it starts is stopped, and every cluster it
// makes dropped, when the test ends, failed or not.
type rig struct {
	t       *testing.T
	dir     string // readable by the postgres user, who runs PgBouncer
	version string // of PostgreSQL
	name    string // prefix of the clusters' names
	bin     string // sourcecmp

	primaryPort, replicaPort, bouncerPort int
	bouncer                               *exec.Cmd
}

// clusterPrefix names the clusters a run makes, with its process ID, so
// that a later run can drop those a killed run left behind.
const clusterPrefix = "sourcecmp_scale_"

func newRig(t *testing.T) *rig {
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("the scale test makes PostgreSQL clusters (pg_createcluster) and needs root")
		}
		t.Skip("the scale test makes PostgreSQL clusters (pg_createcluster) and needs root; make test runs it in CI")
	}
	for _, tool := range []string{"pg_createcluster", "pg_ctlcluster", "pg_dropcluster", "pg_lsclusters", "pgbouncer", "runuser", "taskset"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: run .ci/setup (it installs postgresql and pgbouncer)", tool)
		}
	}
	dir, err := os.MkdirTemp("", "sourcecmp-scale-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	r := &rig{t: t, dir: dir, version: newestPostgres(t), name: fmt.Sprintf("%s%d_", clusterPrefix, os.Getpid())}
	r.dropLeftovers()
	ports := freePorts(t, 3)
	r.primaryPort, r.replicaPort, r.bouncerPort = ports[0], ports[1], ports[2]
	var wg sync.WaitGroup
	start := time.Now()
	var built time.Duration
	wg.Go(func() { // while the clusters are made
		r.build()
		built = time.Since(start)
	})
	r.makeClusters()
	made := time.Since(start)
	wg.Wait()
	t.Logf("clusters made in %.1f s, sourcecmp built in %.1f s", made.Seconds(), built.Seconds())
	r.startBouncer()
	return r
}

// run runs a command, failing the test with its output when it fails.
func (r *rig) run(name string, args ...string) string {
	r.t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		r.t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func newestPostgres(t *testing.T) string {
	entries, err := os.ReadDir("/usr/lib/postgresql")
	if err != nil || len(entries) == 0 {
		t.Fatalf("no PostgreSQL in /usr/lib/postgresql: run .ci/setup (%v)", err)
	}
	var versions []int
	for _, e := range entries {
		if v, err := strconv.Atoi(e.Name()); err == nil {
			versions = append(versions, v)
		}
	}
	sort.Ints(versions)
	return strconv.Itoa(versions[len(versions)-1])
}

// dropLeftovers drops the clusters of earlier runs whose process is gone.
func (r *rig) dropLeftovers() {
	out := r.run("pg_lsclusters", "--no-header")
	re := regexp.MustCompile(`^(\S+)\s+(` + clusterPrefix + `(\d+)_\w+)\s`)
	for line := range strings.SplitSeq(out, "\n") {
		m := re.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		pid, _ := strconv.Atoi(m[3])
		if syscall.Kill(pid, 0) == nil && pid != os.Getpid() {
			continue // another run, still going
		}
		r.t.Logf("dropping cluster %s %s left by process %d", m[1], m[2], pid)
		exec.Command("pg_dropcluster", "--stop", m[1], m[2]).Run()
	}
}

// makeClusters makes the primary and, from its base backup, the replica,
// both started; their removal is registered first, so that a failure
// half-way leaves nothing. The replica's data directory is the backup
// with configuration files of its own, which pg_createcluster takes in
// as they are instead of running initdb.
func (r *rig) makeClusters() {
	primary, replica := r.name+"primary", r.name+"replica"
	r.t.Cleanup(func() {
		var wg sync.WaitGroup
		for _, c := range []string{replica, primary} {
			wg.Go(func() { r.dropCluster(c) })
		}
		wg.Wait()
	})
	// fsync off: a test cluster need not survive a power cut.
	r.run("pg_createcluster", r.version, primary, "-p", strconv.Itoa(r.primaryPort), "--start-conf", "manual",
		"-o", "fsync=off", "-o", "max_connections=200", "--", "--auth=trust", "--no-sync")
	r.run("pg_ctlcluster", r.version, primary, "start")
	data := filepath.Join("/var/lib/postgresql", r.version, replica)
	r.run("install", "-d", "-o", "postgres", "-g", "postgres", "-m", "0700", data)
	r.run("runuser", "-u", "postgres", "--", "pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(r.primaryPort),
		"-U", "postgres", "-D", data, "--write-recovery-conf", "--wal-method=stream", "--checkpoint=fast", "--no-sync")
	for name, body := range map[string]string{
		// A hot standby needs max_connections as high as the primary's.
		"postgresql.conf": "fsync = off\nmax_connections = 200\n",
		"pg_hba.conf":     "local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n",
		"pg_ident.conf":   "",
	} {
		path := filepath.Join(data, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			r.t.Fatal(err)
		}
		r.run("chown", "postgres:postgres", path)
	}
	r.run("pg_createcluster", r.version, replica, "-p", strconv.Itoa(r.replicaPort), "--start-conf", "manual")
	r.run("pg_ctlcluster", r.version, replica, "start")
}

// dropCluster stops a cluster of the run at once (nothing in it need
// survive: no shutdown checkpoint) and drops it.
func (r *rig) dropCluster(name string) {
	exec.Command("pg_ctlcluster", r.version, name, "stop", "-m", "immediate").Run() // may be stopped already
	if out, err := exec.Command("pg_dropcluster", "--stop", r.version, name).CombinedOutput(); err != nil && !bytes.Contains(out, []byte("does not exist")) {
		r.t.Errorf("pg_dropcluster %s: %v\n%s", name, err, out)
	}
}

// startBouncer starts PgBouncer in transaction mode: database sourcecmp
// is the primary, sourcecmp_replica the replica, and sourcecmp_single
// the primary through one server connection, for looking at what a
// session holds. The settings pgx may not send (PgBouncer refuses them
// in the start-up packet) are the pooler's connect_query.
func (r *rig) startBouncer() {
	settings := `connect_query='SET statement_timeout = 5000; SET idle_in_transaction_session_timeout = 60000'`
	ini := fmt.Sprintf(`[databases]
sourcecmp = host=127.0.0.1 port=%[1]d dbname=sourcecmp %[3]s
sourcecmp_replica = host=127.0.0.1 port=%[2]d dbname=sourcecmp %[3]s
sourcecmp_single = host=127.0.0.1 port=%[1]d dbname=sourcecmp pool_size=1 %[3]s
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = %[4]d
unix_socket_dir =
auth_type = trust
auth_file = %[5]s/users.txt
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 20
server_login_retry = 1
query_wait_timeout = %[6]d
logfile = %[5]s/pgbouncer.log
`, r.primaryPort, r.replicaPort, settings, r.bouncerPort, r.dir, int(bouncerWait.Seconds()))
	for name, body := range map[string]string{"pgbouncer.ini": ini, "users.txt": `"postgres" ""` + "\n"} {
		if err := os.WriteFile(filepath.Join(r.dir, name), []byte(body), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	if err := os.Chmod(r.dir, 0o777); err != nil { // PgBouncer runs as postgres and writes its log here
		r.t.Fatal(err)
	}
	cmd := exec.Command("pgbouncer", "-u", "postgres", filepath.Join(r.dir, "pgbouncer.ini"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	r.bouncer = cmd
	r.t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	dbtest.Eventually(r.t, 10*time.Second, "PgBouncer listening", func() bool {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", r.bouncerPort))
		if err == nil {
			c.Close()
		}
		return err == nil
	})
}

// bouncerWait is how long PgBouncer keeps a query waiting for a server
// connection before it fails it. A replica that stops leaves the reads
// that picked it just before waiting that long for a connection it
// cannot make; they then go to the primary (replica.Router), well
// within the servers' request deadline (15 s), however loaded the
// machine. Nothing else waits in the queue: the servers' pools (pgxpool's
// default, 4 connections each on this machine) stay below each
// database's pool of 20.
const bouncerWait = 3 * time.Second

// build compiles sourcecmp for the servers, without the DWARF tables
// no one reads here (writing them is a good part of the link).
func (r *rig) build() {
	r.bin = filepath.Join(r.dir, "sourcecmp")
	out, err := exec.Command("go", "build", "-ldflags=-w", "-o", r.bin, "../../cmd/sourcecmp").CombinedOutput()
	if err != nil {
		r.t.Errorf("go build: %v\n%s", err, out)
	}
}

// URLs of the databases.
func (r *rig) bouncerURL(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", r.bouncerPort, db)
}
func (r *rig) directURL(port int) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/sourcecmp?sslmode=disable", port)
}

// sql runs one statement on a database directly.
func (r *rig) sql(port int, query string) { r.query(port, query) }

// query runs one statement on a database directly and returns its one
// value as text.
func (r *rig) query(port int, query string) string {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, r.directURL(port))
	if err != nil {
		r.t.Fatal(err)
	}
	defer conn.Close(ctx)
	var v any
	if err := conn.QueryRow(ctx, query).Scan(&v); err != nil {
		r.t.Fatalf("%s: %v", query, err)
	}
	return fmt.Sprint(v)
}

// server is one `sourcecmp serve` process.
type server struct {
	name    string
	addr    string
	cmd     *exec.Cmd
	logPath string // its stderr and stdout
}

// log returns what the server has logged so far.
func (s *server) log() string {
	b, _ := os.ReadFile(s.logPath)
	return string(b)
}

// warnings returns the first n lines the server logged above info, other
// than its request log: what went wrong first.
func (s *server) warnings(n int) string {
	var lines []string
	for line := range strings.SplitSeq(s.log(), "\n") {
		if line != "" && !strings.Contains(line, `"level":"INFO"`) && !strings.Contains(line, `"msg":"request"`) && len(lines) < n {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// notices returns the last n lines the server logged above info.
func (s *server) notices(n int) string {
	var lines []string
	for line := range strings.SplitSeq(s.log(), "\n") {
		if line != "" && !strings.Contains(line, `"level":"INFO"`) {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// Flags every server of the test runs with.
const (
	rateLimit = 50 // requests per second per client, in bursts of as many
	maxLag    = 3 * time.Second
)

// serve starts a server pinned to one CPU with one Go thread of
// execution, and waits until it is ready.
func (r *rig) serve(name string, cpu int) *server {
	r.t.Helper()
	addr := fmt.Sprintf("127.0.0.1:%d", freePorts(r.t, 1)[0])
	cmd := exec.Command("taskset", "-c", strconv.Itoa(cpu), r.bin, "serve", "--addr", addr,
		"--seeds", "../../seeds", "--pgbouncer", "--shared-state", "postgres",
		"--rate-limit", strconv.Itoa(rateLimit), "--rate-burst", strconv.Itoa(rateLimit),
		"--replica-max-lag", maxLag.String(), "--log-format", "json")
	cmd.Env = append(os.Environ(), "GOMAXPROCS=1",
		"DATABASE_URL="+r.bouncerURL("sourcecmp"),
		"DATABASE_READ_URL="+r.bouncerURL("sourcecmp_replica"),
		"DATABASE_DIRECT_URL="+r.directURL(r.primaryPort))
	s := &server{name: name, addr: addr, cmd: cmd, logPath: filepath.Join(r.dir, "server-"+name+".log")}
	logFile, err := os.Create(s.logPath)
	if err != nil {
		r.t.Fatal(err)
	}
	defer logFile.Close() // the process has its own copy
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() {
		s.kill()
		if r.t.Failed() {
			r.t.Logf("warnings and errors of server %s:\n%s", s.name, s.notices(40))
		}
	})
	// A server pinned to one CPU of a machine busy with other work can
	// take minutes to start (hashing the seeds, compiling PDFium's
	// WebAssembly): readiness is waited for, not timed.
	dbtest.Eventually(r.t, 4*time.Minute, "server "+name+" ready", func() bool {
		status, _ := get(s.addr, "/readyz")
		return status == 200
	})
	return s
}

// kill ends the process at once, as a crash would.
func (s *server) kill() {
	if s.cmd.ProcessState == nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
}

// cpuSeconds is the CPU time the process has used.
func (s *server) cpuSeconds(t *testing.T) float64 { return procCPU(t, s.cmd.Process.Pid) }

// procCPU reads a process's user and system time from /proc.
func procCPU(t *testing.T, pid int) float64 {
	cpu, _, _ := procStat(pid)
	return cpu
}

// procStat reads a process's CPU time (with that of its children that
// have exited) and its parent's ID; ok is false for a process gone.
func procStat(pid int) (cpu float64, ppid int, ok bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, false
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:])) // state ppid … utime stime cutime cstime
	ppid, _ = strconv.Atoi(f[1])
	for _, i := range []int{11, 12, 13, 14} {
		v, _ := strconv.ParseFloat(f[i], 64)
		cpu += v / 100 // USER_HZ
	}
	return cpu, ppid, true
}

// postgresCPU is the CPU time of a cluster: its postmaster and every
// backend, those that exited included.
func (r *rig) postgresCPU(t *testing.T, cluster string) float64 {
	b, err := os.ReadFile(filepath.Join("/var/lib/postgresql", r.version, cluster, "postmaster.pid"))
	if err != nil {
		return 0 // stopped
	}
	postmaster, _ := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	total, _, _ := procStat(postmaster)
	procs, _ := os.ReadDir("/proc")
	for _, p := range procs {
		pid, err := strconv.Atoi(p.Name())
		if err != nil {
			continue
		}
		if cpu, ppid, ok := procStat(pid); ok && ppid == postmaster {
			total += cpu
		}
	}
	return total
}

// machineCPU is the machine's busy and idle CPU time, over all CPUs.
func machineCPU(t *testing.T) (busy, idle float64) {
	f, err := os.Open("/proc/stat")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan()
	fields := strings.Fields(sc.Text()) // cpu user nice system idle iowait irq softirq steal …
	for i, f := range fields[1:min(len(fields), 9)] {
		v, _ := strconv.ParseFloat(f, 64)
		if i == 3 || i == 4 {
			idle += v / 100
		} else {
			busy += v / 100
		}
	}
	return busy, idle
}

// cpuUse is CPU seconds used, by part.
type cpuUse struct{ a, b, bouncer, load, primary, replica, busy, idle float64 }

// cpu reads the CPU time the servers, PgBouncer, this process and the
// whole machine have used so far.
func (r *rig) cpu(t *testing.T, a, b *server) cpuUse {
	var self syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	u := cpuUse{a: a.cpuSeconds(t), b: b.cpuSeconds(t), bouncer: procCPU(t, r.bouncer.Process.Pid),
		load:    time.Duration(self.Utime.Nano() + self.Stime.Nano()).Seconds(),
		primary: r.postgresCPU(t, r.name+"primary"), replica: r.postgresCPU(t, r.name+"replica")}
	u.busy, u.idle = machineCPU(t)
	return u
}

func (u cpuUse) plus(v cpuUse) cpuUse {
	return cpuUse{u.a + v.a, u.b + v.b, u.bouncer + v.bouncer, u.load + v.load, u.primary + v.primary, u.replica + v.replica, u.busy + v.busy, u.idle + v.idle}
}

func (u cpuUse) minus(v cpuUse) cpuUse {
	return u.plus(cpuUse{-v.a, -v.b, -v.bouncer, -v.load, -v.primary, -v.replica, -v.busy, -v.idle})
}

// others is the CPU time of everything else on the machine.
func (u cpuUse) others() float64 {
	return u.busy - u.a - u.b - u.bouncer - u.load - u.primary - u.replica
}

func freePorts(t *testing.T, n int) []int {
	var ports []int
	var lns []net.Listener
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		lns = append(lns, ln)
		ports = append(ports, ln.Addr().(*net.TCPAddr).Port)
	}
	for _, ln := range lns {
		ln.Close()
	}
	return ports
}
