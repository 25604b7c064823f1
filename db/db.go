// Package db holds the database schema: the numbered golang-migrate
// migrations, embedded in the binary, and the few operations that manage a
// database as a whole (create it, migrate it).
package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"sort"

	"github.com/golang-migrate/migrate/v4"
	migratepgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver golang-migrate runs on
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrations returns the migration files (000001_name.up.sql …).
func Migrations() fs.FS {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err) // the directory is embedded; it cannot be missing
	}
	return sub
}

// Hash returns a short hash of every migration file's name and content, so
// that a cached copy of the schema (a test template database) can tell it
// is stale.
func Hash() string {
	files, err := fs.Glob(Migrations(), "*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(files)
	h := sha256.New()
	for _, name := range files {
		b, err := fs.ReadFile(Migrations(), name)
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(h, "%s %d\n", name, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// Migrator is a golang-migrate instance on one database. Close it when done.
type Migrator struct {
	*migrate.Migrate
	sqlDB *sql.DB
}

// NewMigrator opens the database at databaseURL for migrating. The pgx
// driver takes an advisory lock while migrating, so that two servers
// starting at once do not both apply a migration.
func NewMigrator(databaseURL string) (*Migrator, error) {
	sqlDB, err := sql.Open("pgx", databaseURL)
	if err != nil {
		return nil, fmt.Errorf("migrate: open database: %w", err)
	}
	driver, err := migratepgx.WithInstance(sqlDB, &migratepgx.Config{})
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("migrate: connect: %w", err)
	}
	src, err := iofs.New(Migrations(), ".")
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("migrate: read migrations: %w", err)
	}
	m, err := migrate.NewWithInstance("iofs", src, "pgx5", driver)
	if err != nil {
		sqlDB.Close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return &Migrator{Migrate: m, sqlDB: sqlDB}, nil
}

// Close releases the migrator's connection.
func (m *Migrator) Close() error {
	srcErr, dbErr := m.Migrate.Close()
	return errors.Join(srcErr, dbErr, m.sqlDB.Close())
}

// Up applies every migration not yet applied. A database already up to
// date is not an error.
func Up(databaseURL string) error {
	m, err := NewMigrator(databaseURL)
	if err != nil {
		return err
	}
	defer m.Close()
	if err := m.Up(); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("migrate up: %w", err)
	}
	return nil
}

// EnsureDatabase creates the database databaseURL names when it does not
// exist, connecting to the server's "postgres" maintenance database to do
// so. It reports whether it created it.
func EnsureDatabase(ctx context.Context, databaseURL string) (created bool, err error) {
	cfg, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return false, fmt.Errorf("ensure database: parse url: %w", err)
	}
	name := cfg.Database
	if name == "" {
		return false, errors.New("ensure database: the url names no database")
	}
	// Connecting to the database itself first spares the maintenance
	// connection when it exists, and works for a role that may connect
	// but not create databases.
	if conn, err := pgx.ConnectConfig(ctx, cfg.Copy()); err == nil {
		conn.Close(ctx)
		return false, nil
	} else if !isCode(err, "3D000") { // invalid_catalog_name: no such database
		return false, fmt.Errorf("ensure database %s: %w", name, err)
	}
	admin := cfg.Copy()
	admin.Database = "postgres"
	conn, err := pgx.ConnectConfig(ctx, admin)
	if err != nil {
		return false, fmt.Errorf("ensure database %s: connect to the maintenance database: %w", name, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		if isCode(err, "42P04") { // duplicate_database: created meanwhile by another process
			return false, nil
		}
		return false, fmt.Errorf("ensure database %s: create: %w", name, err)
	}
	return true, nil
}

func isCode(err error, code string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == code
}
