// Package dbtest gives each test its own PostgreSQL database, cloned from a
// template that holds the migrated schema, and drops it when the test ends.
// TEST_DATABASE_URL names the server (any database on it; default
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable).
package dbtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/db"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// DefaultURL is the server tests use when TEST_DATABASE_URL is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// templateLock is the advisory lock key under which one test process at a
// time creates the template; other packages testing in parallel wait.
const templateLock = 7_351_902_114

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// server is the PostgreSQL server tests run on.
type server struct {
	url *url.URL // TEST_DATABASE_URL
	cfg *pgx.ConnConfig
}

// serverConfig returns the server TEST_DATABASE_URL names. It must be a
// URL (postgres://…), not a key=value string, so that the database name can
// be swapped keeping every other setting.
func serverConfig(t testing.TB) server {
	t.Helper()
	srv, err := parseServer()
	if err != nil {
		t.Fatalf("dbtest: TEST_DATABASE_URL: %v", err)
	}
	return srv
}

func parseServer() (server, error) {
	raw := os.Getenv("TEST_DATABASE_URL")
	if raw == "" {
		raw = DefaultURL
	}
	u, err := url.Parse(raw)
	if err == nil && u.Scheme != "postgres" && u.Scheme != "postgresql" {
		err = fmt.Errorf("want a postgres:// URL")
	}
	if err != nil {
		return server{}, err
	}
	cfg, err := pgx.ParseConfig(raw)
	if err != nil {
		return server{}, err
	}
	return server{url: u, cfg: cfg}, nil
}

// urlFor returns the URL of database name on the server.
func (s server) urlFor(name string) string {
	u := *s.url
	u.Path = "/" + name
	u.RawPath = ""
	return u.String()
}

// URL returns the URL of a new database holding the migrated schema and no
// rows; it is dropped when the test and its subtests end.
func URL(t testing.TB) string {
	t.Helper()
	srv := serverConfig(t)
	templateOnce.Do(func() { templateName, templateErr = ensureTemplate(srv) })
	if templateErr != nil {
		t.Fatalf("dbtest: template database: %v", templateErr)
	}
	return create(t, srv, templateName)
}

// A seeded template is made by a package's seed function and cloned for
// each of its tests: seeding (parsing, tagging, ingesting) costs seconds,
// a clone a fraction of one. Its name carries a hash of the module's
// sources and seeds (sourceHash), so that test processes of one tree —
// the packages `go test ./...` runs side by side, and the runs after it
// while nothing changed — share it, and a changed tree gets a new one.
// A process holds a shared advisory lock on each template it uses until
// it ends, and templates nobody holds are dropped when a new one is made,
// so that the server keeps only those of trees in use.
var (
	seededMu sync.Mutex
	seeded   = map[string]*seededTemplate{} // by the name the package gives
	inMain   bool                           // Main runs the tests: it releases the templates
	holder   *pgx.Conn                      // holds the process's locks on its templates
	// holderMu serialises the use of holder (a connection serves one
	// statement at a time) in ensureSeeded.
	holderMu sync.Mutex
)

type seededTemplate struct {
	once      sync.Once
	name      string // the database
	err       error
	ownedByMe bool // made for this process alone (no source hash): Main drops it
}

// SeedFunc fills the database at url. It must close every connection it
// opened before it returns: a database someone is connected to cannot be
// cloned.
type SeedFunc func(ctx context.Context, url string) error

// SeededURL returns the URL of a new database holding the migrated schema
// and what seed stores, dropped when the test ends. The first call for a
// name in a process finds the template of the current sources, or runs
// seed on a fresh database and keeps it as that template; every call
// clones it. Packages that call SeededURL run their tests through Main.
func SeededURL(t testing.TB, name string, seed SeedFunc) string {
	t.Helper()
	srv := serverConfig(t)
	templateOnce.Do(func() { templateName, templateErr = ensureTemplate(srv) })
	if templateErr != nil {
		t.Fatalf("dbtest: template database: %v", templateErr)
	}
	seededMu.Lock()
	if !inMain {
		seededMu.Unlock()
		t.Fatal("dbtest: SeededURL needs the package's TestMain to call dbtest.Main, which releases the templates")
	}
	st, ok := seeded[name]
	if !ok {
		st = &seededTemplate{}
		seeded[name] = st
	}
	seededMu.Unlock()
	st.once.Do(func() { st.name, st.ownedByMe, st.err = ensureSeeded(srv, name, seed) })
	if st.err != nil {
		t.Fatalf("dbtest: seeded template %s: %v", name, st.err)
	}
	return create(t, srv, st.name)
}

// seededPrefix begins the names of the seeded templates shared between
// processes; the per-process ones of trees without readable sources are
// sourcecmp_seeded_<pid>_….
const seededPrefix = "sourcecmp_cache_"

// ensureSeeded returns the seeded template of name for the current
// sources, making it unless a process made it before; ownedByMe says it
// was made for this process alone, sources unknown.
func ensureSeeded(srv server, name string, seed SeedFunc) (db string, ownedByMe bool, err error) {
	hash, err := sourceHash()
	if err != nil { // no sources to key a shared template on
		db = fmt.Sprintf("sourcecmp_seeded_%d_%s", os.Getpid(), randomHex(4))
		return db, true, makeSeeded(srv, db, seed)
	}
	db = seededPrefix + name + "_" + hash
	if len(db) > 63 { // PostgreSQL would cut it, and never find it by name
		return "", false, fmt.Errorf("template name %q is longer than 63 bytes", db)
	}
	ctx := context.Background()
	holderMu.Lock()
	defer holderMu.Unlock()
	conn, err := holderConn(srv)
	if err != nil {
		return "", false, err
	}
	// Shared for this process's life: no one drops it while it is used.
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock_shared($1)", lockKey(db, "use")); err != nil {
		return "", false, err
	}
	// Exclusive while it is looked for and made: one process seeds it.
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", lockKey(db, "make")); err != nil {
		return "", false, err
	}
	defer conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", lockKey(db, "make"))
	var ready bool
	err = conn.QueryRow(ctx, "SELECT datistemplate FROM pg_database WHERE datname = $1", db).Scan(&ready)
	switch {
	case err == nil && ready:
		return db, false, nil
	case err == nil: // left half-made by a process that died
		if err := dropDatabase(srv, db); err != nil {
			return "", false, err
		}
	case !errors.Is(err, pgx.ErrNoRows):
		return "", false, err
	}
	if err := makeSeeded(srv, db, seed); err != nil {
		return "", false, err
	}
	dropUnused(srv, conn, name, db)
	return db, false, nil
}

// dropUnused drops name's seeded templates other than keep that no
// process holds (those of trees no longer tested).
func dropUnused(srv server, conn *pgx.Conn, name, keep string) {
	ctx := context.Background()
	rows, err := conn.Query(ctx, "SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND datname <> $2", seededPrefix+name+"_", keep)
	if err != nil {
		return
	}
	old, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return
	}
	for _, db := range old {
		if len(db) != len(keep) { // another name that begins with this one's
			continue
		}
		var free bool
		if conn.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", lockKey(db, "use")).Scan(&free); !free {
			continue
		}
		dropDatabase(srv, db)
		conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", lockKey(db, "use"))
	}
}

// holderConn returns the connection that holds this process's locks,
// opening it on first use.
func holderConn(srv server) (*pgx.Conn, error) {
	seededMu.Lock()
	defer seededMu.Unlock()
	if holder != nil {
		return holder, nil
	}
	c := srv.cfg.Copy()
	c.Database = "postgres"
	conn, err := pgx.ConnectConfig(context.Background(), c)
	if err != nil {
		return nil, err
	}
	holder = conn
	return conn, nil
}

// lockKey is the advisory lock key of one use of a template.
func lockKey(db, use string) int64 {
	h := fnv.New64a()
	h.Write([]byte(db + "/" + use))
	return int64(h.Sum64())
}

// sourceHash hashes what a seeded template's content may depend on: the
// module's Go sources (tests' included, where seed functions may live),
// its SQL and the seeds, with the Go version. It fails when the sources
// cannot be read (a binary built with -trimpath, or moved).
var sourceHash = sync.OnceValues(func() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return "", errors.New("no source path")
	}
	root := filepath.Join(filepath.Dir(file), "..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintln(h, runtime.Version())
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if d.Name() == "node_modules" || (strings.HasPrefix(d.Name(), ".") && rel != ".") {
				return filepath.SkipDir
			}
			return nil
		}
		top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		if !d.Type().IsRegular() || !(top == "seeds" || rel == "go.mod" || rel == "go.sum" ||
			strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, ".sql")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
})

// makeSeeded clones the migrated template into db, seeds it and marks it
// a template.
func makeSeeded(srv server, db string, seed SeedFunc) error {
	err := admin(srv, func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, "CREATE DATABASE "+ident(db)+" TEMPLATE "+ident(templateName))
		return err
	})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := seed(ctx, srv.urlFor(db)); err != nil {
		dropDatabase(srv, db)
		return fmt.Errorf("seed: %w", err)
	}
	// Marked a template only once seeded: the mark is what says it is whole.
	err = admin(srv, func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, "ALTER DATABASE "+ident(db)+" IS_TEMPLATE true ALLOW_CONNECTIONS false")
		return err
	})
	if err != nil {
		dropDatabase(srv, db)
		return err
	}
	return nil
}

// Main runs a package's tests and then releases the seeded templates they
// used (dropping those made for this process alone): call it from
// TestMain as os.Exit(dbtest.Main(m)).
//
// Unless -test.parallel is given, Main runs twice as many parallel tests
// at once as there are CPUs (go test's default is as many): a test on the
// database spends most of its time waiting for the server, a browser or a
// subprocess, so a package's parallel tests overlap their waits.
func Main(m *testing.M) int {
	flag.Parse()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == "test.parallel" })
	if !given {
		flag.Set("test.parallel", strconv.Itoa(2*runtime.GOMAXPROCS(0)))
	}
	seededMu.Lock()
	inMain = true
	seededMu.Unlock()
	code := m.Run()
	for _, err := range dropQueued() {
		fmt.Fprintf(os.Stderr, "dbtest: %v\n", err)
		code = max(code, 1)
	}
	seededMu.Lock()
	defer seededMu.Unlock()
	if holder != nil {
		holder.Close(context.Background()) // its locks go with it
		holder = nil
	}
	var own []string
	for _, st := range seeded {
		if st.name != "" && st.ownedByMe {
			own = append(own, st.name)
		}
	}
	if len(own) == 0 {
		return code
	}
	srv, err := parseServer()
	if err != nil {
		fmt.Fprintf(os.Stderr, "dbtest: TEST_DATABASE_URL: %v\n", err)
		return max(code, 1)
	}
	for _, name := range own {
		if err := dropDatabase(srv, name); err != nil {
			fmt.Fprintf(os.Stderr, "dbtest: drop seeded template %s: %v\n", name, err)
			code = max(code, 1)
		}
	}
	return code
}

// dropDatabase drops a database, templates included.
func dropDatabase(srv server, name string) error {
	return admin(srv, func(ctx context.Context, conn *pgx.Conn) error {
		if _, err := conn.Exec(ctx, "ALTER DATABASE "+ident(name)+" IS_TEMPLATE false"); err != nil {
			return err
		}
		_, err := conn.Exec(ctx, "DROP DATABASE "+ident(name)+" WITH (FORCE)")
		return err
	})
}

// EmptyURL returns the URL of a new database without any table, for
// testing the migrations themselves; it is dropped when the test ends.
func EmptyURL(t testing.TB) string {
	t.Helper()
	return create(t, serverConfig(t), "template0")
}

// MissingURL returns the URL of a database that does not exist yet, for
// testing code that creates it; it is dropped, if it exists, when the test
// ends.
func MissingURL(t testing.TB) string {
	t.Helper()
	srv := serverConfig(t)
	name := "sourcecmp_test_" + randomHex(6)
	dropOnCleanup(t, srv, name)
	return srv.urlFor(name)
}

func create(t testing.TB, srv server, template string) string {
	t.Helper()
	name := "sourcecmp_test_" + randomHex(6)
	err := admin(srv, func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, "CREATE DATABASE "+ident(name)+" TEMPLATE "+ident(template))
		return err
	})
	if err != nil {
		t.Fatalf("dbtest: create database: %v", err)
	}
	dropOnCleanup(t, srv, name)
	return srv.urlFor(name)
}

func dropOnCleanup(t testing.TB, srv server, name string) {
	t.Cleanup(func() {
		if dropLater(srv, name) {
			return
		}
		if err := dropTestDatabase(srv, name); err != nil {
			t.Errorf("dbtest: drop database %s: %v", name, err)
		}
	})
}

func dropTestDatabase(srv server, name string) error {
	return admin(srv, func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident(name)+" WITH (FORCE)")
		return err
	})
}

// PostgreSQL makes every DROP DATABASE wait for a checkpoint of the whole
// server (half a second here, longer while other tests write), and lets
// drops that wait at the same time share one. Under Main a test's
// database is therefore left, without connections, when the test ends,
// and Main drops them all at once when the tests are done; without Main
// it is dropped before the test ends.
var drops struct {
	mu     sync.Mutex
	closed bool     // Main is dropping them: later ones are dropped by their tests
	names  []string // to drop
}

// dropAtOnce bounds the connections Main drops the databases with.
const dropAtOnce = 16

// dropLater queues a test's database for Main to drop, and reports
// whether it did.
func dropLater(srv server, name string) bool {
	seededMu.Lock()
	ok := inMain
	seededMu.Unlock()
	drops.mu.Lock()
	defer drops.mu.Unlock()
	if !ok || drops.closed {
		return false
	}
	drops.names = append(drops.names, name)
	return true
}

// dropQueued drops the queued databases, up to dropAtOnce at a time, and
// returns the failures.
func dropQueued() []error {
	drops.mu.Lock()
	drops.closed = true
	names := drops.names
	drops.mu.Unlock()
	if len(names) == 0 {
		return nil
	}
	srv, err := parseServer()
	if err != nil {
		return []error{err}
	}
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	sem := make(chan struct{}, dropAtOnce)
	for _, name := range names {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if err := dropTestDatabase(srv, name); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("drop database %s: %w", name, err))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return errs
}

// ensureTemplate creates the template database for the current migrations
// unless it exists. Its name carries a hash of the migrations, so that a
// changed schema gets a new template.
func ensureTemplate(srv server) (string, error) {
	name := "sourcecmp_template_" + db.Hash()
	err := admin(srv, func(ctx context.Context, conn *pgx.Conn) error {
		if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", templateLock); err != nil {
			return err
		}
		defer conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", templateLock)
		var ready, exists bool
		err := conn.QueryRow(ctx, "SELECT datistemplate FROM pg_database WHERE datname = $1", name).Scan(&ready)
		exists = err == nil
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if ready {
			return nil
		}
		if exists { // left half-made by a test run that died
			if _, err := conn.Exec(ctx, "DROP DATABASE "+ident(name)+" WITH (FORCE)"); err != nil {
				return err
			}
		}
		if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident(name)+" TEMPLATE template0"); err != nil {
			return err
		}
		if err := db.Up(srv.urlFor(name)); err != nil {
			return err
		}
		// Marked a template only once migrated: the mark is what says the
		// schema in it is complete.
		_, err = conn.Exec(ctx, "ALTER DATABASE "+ident(name)+" IS_TEMPLATE true ALLOW_CONNECTIONS false")
		return err
	})
	return name, err
}

// admin runs f on a connection to the server's maintenance database.
func admin(srv server, f func(context.Context, *pgx.Conn) error) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c := srv.cfg.Copy()
	c.Database = "postgres"
	conn, err := pgx.ConnectConfig(ctx, c)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	return f(ctx, conn)
}

// ident quotes a database name for DDL, which takes no parameters.
func ident(name string) string { return pgx.Identifier{name}.Sanitize() }

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Store returns a store on a new migrated database (see URL), closed when
// the test ends.
func Store(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), URL(t))
	if err != nil {
		t.Fatalf("dbtest: open store: %v", err)
	}
	t.Cleanup(st.Close)
	return st
}

// LockWaiters counts the statements of the database at url waiting on a
// lock: fault tests hold a lock to keep a query running.
func LockWaiters(t testing.TB, url string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	err = conn.QueryRow(ctx, `SELECT count(*) FROM pg_stat_activity
		WHERE datname = current_database() AND wait_event_type = 'Lock'`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Eventually polls ok until it holds, and fails the test naming what did
// not happen within the time.
func Eventually(t testing.TB, within time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within %v", what, within)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
