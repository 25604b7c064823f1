// Package dbtest gives each test its own PostgreSQL database, cloned from a
// template that holds the migrated schema, and drops it when the test ends.
// TEST_DATABASE_URL names the server (any database on it; default
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable).
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
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

// A seeded template is made once per test process by a package's seed
// function and cloned for each of its tests: seeding (parsing, tagging,
// ingesting) costs seconds, a clone a fraction of one.
var (
	seededMu sync.Mutex
	seeded   = map[string]*seededTemplate{} // by the name the package gives
	inMain   bool                           // Main runs the tests: it drops the templates
)

type seededTemplate struct {
	once sync.Once
	name string // the database
	err  error
}

// SeedFunc fills the database at url. It must close every connection it
// opened before it returns: a database someone is connected to cannot be
// cloned.
type SeedFunc func(ctx context.Context, url string) error

// SeededURL returns the URL of a new database holding the migrated schema
// and what seed stores, dropped when the test ends. The first call for a
// name in a process runs seed on a fresh database and keeps it as a
// template; later calls clone it. Packages that call SeededURL run their
// tests through Main, which drops the templates when the tests end.
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
		t.Fatal("dbtest: SeededURL needs the package's TestMain to call dbtest.Main, which drops the templates")
	}
	st, ok := seeded[name]
	if !ok {
		st = &seededTemplate{}
		seeded[name] = st
	}
	seededMu.Unlock()
	st.once.Do(func() { st.name, st.err = makeSeeded(srv, seed) })
	if st.err != nil {
		t.Fatalf("dbtest: seeded template %s: %v", name, st.err)
	}
	return create(t, srv, st.name)
}

// makeSeeded clones the migrated template, seeds the clone and marks it
// a template. Its name is unique to the process, so that packages testing
// in parallel processes (and helpers sharing the server) never share one
// whose seed code differs.
func makeSeeded(srv server, seed SeedFunc) (string, error) {
	name := fmt.Sprintf("sourcecmp_seeded_%d_%s", os.Getpid(), randomHex(4))
	err := admin(srv, func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, "CREATE DATABASE "+ident(name)+" TEMPLATE "+ident(templateName))
		return err
	})
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := seed(ctx, srv.urlFor(name)); err != nil {
		dropDatabase(srv, name)
		return "", fmt.Errorf("seed: %w", err)
	}
	err = admin(srv, func(ctx context.Context, conn *pgx.Conn) error {
		_, err := conn.Exec(ctx, "ALTER DATABASE "+ident(name)+" IS_TEMPLATE true ALLOW_CONNECTIONS false")
		return err
	})
	if err != nil {
		dropDatabase(srv, name)
		return "", err
	}
	return name, nil
}

// Main runs a package's tests and then drops the seeded templates they
// made: call it from TestMain as os.Exit(dbtest.Main(m)).
func Main(m *testing.M) int {
	seededMu.Lock()
	inMain = true
	seededMu.Unlock()
	code := m.Run()
	seededMu.Lock()
	defer seededMu.Unlock()
	if len(seeded) == 0 {
		return code
	}
	srv, err := parseServer()
	if err != nil {
		fmt.Fprintf(os.Stderr, "dbtest: TEST_DATABASE_URL: %v\n", err)
		return max(code, 1)
	}
	for _, st := range seeded {
		if st.name == "" {
			continue
		}
		if err := dropDatabase(srv, st.name); err != nil {
			fmt.Fprintf(os.Stderr, "dbtest: drop seeded template %s: %v\n", st.name, err)
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
		err := admin(srv, func(ctx context.Context, conn *pgx.Conn) error {
			_, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident(name)+" WITH (FORCE)")
			return err
		})
		if err != nil {
			t.Errorf("dbtest: drop database %s: %v", name, err)
		}
	})
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
