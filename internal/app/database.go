package app

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strconv"
	"time"

	"github.com/sourcecmp/sourcecmp/db"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// PingTimeout bounds the first round trip to a database just opened.
const PingTimeout = 5 * time.Second

// Connection bounds serve sets besides the statement timeout.
const (
	IdleInTransactionTimeout = time.Minute
	ConnectTimeout           = 5 * time.Second
)

// OpenDatabase makes sure the database exists and holds the current schema,
// then connects to it: one command on a fresh machine is enough.
func OpenDatabase(ctx context.Context, log *slog.Logger, url string) (*store.Store, error) {
	return OpenDatabaseWith(ctx, log, url, store.Options{})
}

// OpenDatabaseWith is OpenDatabase with options for the connections.
func OpenDatabaseWith(ctx context.Context, log *slog.Logger, url string, opts store.Options) (*store.Store, error) {
	created, err := db.EnsureDatabase(ctx, url)
	if err != nil {
		return nil, err
	}
	if created {
		log.Info("created the database")
	}
	if err := MigrateUp(url); err != nil {
		return nil, err
	}
	st, err := store.OpenWith(ctx, url, opts)
	if err != nil {
		return nil, err
	}
	if err := st.Ping(ctx, PingTimeout); err != nil {
		st.Close()
		return nil, fmt.Errorf("connect: %w", err)
	}
	if err := buildDeferredIndexes(ctx, log, st); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// MigrateUp applies the pending migrations, as serve and ingest do on
// start; a failure says how to recover.
func MigrateUp(url string) error {
	err := db.Up(url)
	if err == nil {
		return nil
	}
	m, merr := db.NewMigrator(url)
	if merr != nil {
		return err
	}
	defer m.Close()
	return WithRecovery(m, err)
}

// WithRecovery adds to a migration error the commands that recover from
// it when it left the database dirty.
func WithRecovery(m *db.Migrator, err error) error {
	v, dirty, verr := m.Version()
	if verr != nil || !dirty {
		return err
	}
	return fmt.Errorf("%w\nthe schema is left at version %d, marked dirty: %s", err, v, Recovery(v))
}

// recovery tells how to get out of a dirty version v: migration v failed,
// so the version before it is the last one that applied cleanly.
func Recovery(v uint) string {
	prev := "none"
	for _, n := range MigrationNumbers() {
		if n < v {
			prev = strconv.FormatUint(uint64(n), 10)
		}
	}
	return fmt.Sprintf("check that migration %d left no change behind (each runs in one transaction, so it usually did not), "+
		"then run `sourcecmp migrate force %s` and `sourcecmp migrate up`", v, prev)
}

// MigrationNumbers returns the numbers of the embedded migrations, in order.
func MigrationNumbers() []uint {
	files, _ := fs.Glob(db.Migrations(), "*.up.sql")
	var out []uint
	for _, f := range files {
		var n uint
		if _, err := fmt.Sscanf(f, "%d_", &n); err == nil {
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func IsMigration(v uint) bool {
	for _, n := range MigrationNumbers() {
		if n == v {
			return true
		}
	}
	return false
}
