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
	raw := os.Getenv("TEST_DATABASE_URL")
	if raw == "" {
		raw = DefaultURL
	}
	u, err := url.Parse(raw)
	if err == nil && u.Scheme != "postgres" && u.Scheme != "postgresql" {
		err = fmt.Errorf("want a postgres:// URL")
	}
	if err != nil {
		t.Fatalf("dbtest: TEST_DATABASE_URL: %v", err)
	}
	cfg, err := pgx.ParseConfig(raw)
	if err != nil {
		t.Fatalf("dbtest: TEST_DATABASE_URL: %v", err)
	}
	return server{url: u, cfg: cfg}
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
