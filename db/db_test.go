package db_test

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/golang-migrate/migrate/v4"
	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/db"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

// tables returns the names of the tables in the public schema.
func tables(t *testing.T, url string) []string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT table_name::text FROM information_schema.tables
		WHERE table_schema = 'public' AND table_name <> 'schema_migrations' ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestUpDownUp(t *testing.T) {
	t.Parallel()
	url := dbtest.EmptyURL(t)
	m, err := db.NewMigrator(url)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if _, _, err := m.Version(); !errors.Is(err, migrate.ErrNilVersion) {
		t.Fatalf("fresh database: version error %v, want ErrNilVersion", err)
	}
	if err := m.Up(); err != nil {
		t.Fatalf("up: %v", err)
	}
	up := tables(t, url)
	for _, want := range []string{"documents", "authors", "document_authors", "sections", "paragraphs",
		"footnotes", "footnote_refs", "captions", "topics", "topic_positions", "paragraph_topics",
		"section_topics", "document_topics", "stances", "citations", "works", "footnote_works"} {
		if !slices.Contains(up, want) {
			t.Errorf("after up: no table %s (have %v)", want, up)
		}
	}
	latest := latestVersion(t)
	v, dirty, err := m.Version()
	if err != nil || dirty || v != latest {
		t.Fatalf("after up: version %d dirty %v err %v, want %d clean", v, dirty, err, latest)
	}
	if err := m.Steps(-1); err != nil {
		t.Fatalf("down 1: %v", err)
	}
	if v, _, err := m.Version(); err != nil || v >= latest || !slices.Contains(tables(t, url), "stances") {
		t.Fatalf("after down 1: version %d (err %v), tables %v; want below %d", v, err, tables(t, url), latest)
	}
	if err := m.Down(); err != nil {
		t.Fatalf("down: %v", err)
	}
	if left := tables(t, url); len(left) != 0 {
		t.Fatalf("after down: tables left: %v", left)
	}
	if err := m.Up(); err != nil {
		t.Fatalf("up again: %v", err)
	}
	if again := tables(t, url); !slices.Equal(again, up) {
		t.Fatalf("up again: tables %v, want %v", again, up)
	}
}

// latestVersion returns the number of the last migration.
func latestVersion(t *testing.T) uint {
	t.Helper()
	files, err := fs.Glob(db.Migrations(), "*.up.sql")
	if err != nil || len(files) == 0 {
		t.Fatalf("no migrations: %v", err)
	}
	slices.Sort(files)
	n, err := strconv.ParseUint(strings.SplitN(files[len(files)-1], "_", 2)[0], 10, 32)
	if err != nil {
		t.Fatal(err)
	}
	return uint(n)
}

func TestEnsureDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.EmptyURL(t)
	created, err := db.EnsureDatabase(ctx, url)
	if err != nil || created {
		t.Fatalf("existing database: created %v, err %v", created, err)
	}
	// Drop it, and EnsureDatabase must bring it back.
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	name := conn.Config().Database
	conn.Close(ctx)
	admin := conn.Config().Copy()
	admin.Database = "postgres"
	ac, err := pgx.ConnectConfig(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer ac.Close(ctx)
	if _, err := ac.Exec(ctx, "DROP DATABASE "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		t.Fatal(err)
	}
	created, err = db.EnsureDatabase(ctx, url)
	if err != nil || !created {
		t.Fatalf("missing database: created %v, err %v", created, err)
	}
	if err := db.Up(url); err != nil {
		t.Fatalf("migrate the created database: %v", err)
	}
	if err := db.Up(url); err != nil {
		t.Fatalf("second up must be a no-op: %v", err)
	}
}
