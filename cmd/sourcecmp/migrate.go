package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"

	"github.com/golang-migrate/migrate/v4"

	"github.com/sourcecmp/sourcecmp/db"
)

func runMigrate(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "migrate", "[flags] up [N] | down N|all | version | force N|none", `
Applies or rolls back the schema migrations embedded in the binary.
  up [N]      apply all pending migrations, or the next N (creates the database if needed)
  down N      roll back the last N migrations
  down all    roll back every migration (drops every table and its data)
  version     print the current schema version, and whether it is dirty
  force N     record version N as applied and clean, changing nothing else:
              after a migration failed (the version is dirty), repair the
              schema by hand, force the last version that applied cleanly,
              and run up again ("none": no migration applied)`)
	dbURL := databaseFlag(env, fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	verb, rest := fs.Arg(0), fs.Args()[min(1, fs.NArg()):]
	usage := func(msg string) error {
		fs.Usage()
		return fmt.Errorf("migrate: %s: %w", msg, errUsage)
	}
	if len(rest) > 1 {
		return usage("too many arguments")
	}
	n := 0
	if len(rest) == 1 && rest[0] != "all" && !(verb == "force" && rest[0] == "none") {
		var err error
		if n, err = strconv.Atoi(rest[0]); err != nil || n <= 0 {
			return usage(fmt.Sprintf("%q is not a positive number", rest[0]))
		}
	}
	switch {
	case verb == "up":
		if len(rest) == 1 && rest[0] == "all" {
			return usage(`"up" takes a number or nothing`)
		}
		if _, err := db.EnsureDatabase(ctx, *dbURL); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	case verb == "down" && len(rest) == 0:
		return usage(`"down" needs the number of migrations to roll back, or "all"`)
	case verb == "force" && (len(rest) == 0 || rest[0] == "all"):
		return usage(`"force" needs a version number, or "none"`)
	case verb == "version" && len(rest) == 0, verb == "down", verb == "force":
	default:
		return usage("want up, down, version or force")
	}
	m, err := db.NewMigrator(*dbURL)
	if err != nil {
		return err
	}
	defer m.Close()
	switch {
	case verb == "up" && n == 0:
		err = m.Up()
	case verb == "up":
		err = m.Steps(n)
	case verb == "down" && n == 0:
		err = m.Down()
	case verb == "down":
		err = m.Steps(-n)
	case verb == "force" && n == 0:
		err = m.Force(-1) // golang-migrate's "no version"
	case verb == "force":
		if !isMigration(uint(n)) {
			return usage(fmt.Sprintf("there is no migration %d", n))
		}
		err = m.Force(n)
	}
	if err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("migrate %s: %w", verb, withRecovery(m, err))
	}
	v, dirty, err := m.Version()
	switch {
	case errors.Is(err, migrate.ErrNilVersion):
		fmt.Fprintln(env.Stdout, "version: none (no migration applied)")
	case err != nil:
		return fmt.Errorf("migrate: version: %w", err)
	case dirty:
		fmt.Fprintf(env.Stdout, "version: %d (dirty: that migration failed halfway; %s)\n", v, recovery(v))
	default:
		fmt.Fprintf(env.Stdout, "version: %d\n", v)
	}
	return nil
}

// migrateUp applies the pending migrations, as serve and ingest do on
// start; a failure says how to recover.
func migrateUp(url string) error {
	err := db.Up(url)
	if err == nil {
		return nil
	}
	m, merr := db.NewMigrator(url)
	if merr != nil {
		return err
	}
	defer m.Close()
	return withRecovery(m, err)
}

// withRecovery adds to a migration error the commands that recover from
// it when it left the database dirty.
func withRecovery(m *db.Migrator, err error) error {
	v, dirty, verr := m.Version()
	if verr != nil || !dirty {
		return err
	}
	return fmt.Errorf("%w\nthe schema is left at version %d, marked dirty: %s", err, v, recovery(v))
}

// recovery tells how to get out of a dirty version v: migration v failed,
// so the version before it is the last one that applied cleanly.
func recovery(v uint) string {
	prev := "none"
	for _, n := range migrationNumbers() {
		if n < v {
			prev = strconv.FormatUint(uint64(n), 10)
		}
	}
	return fmt.Sprintf("check that migration %d left no change behind (each runs in one transaction, so it usually did not), "+
		"then run `sourcecmp migrate force %s` and `sourcecmp migrate up`", v, prev)
}

// migrationNumbers returns the numbers of the embedded migrations, in order.
func migrationNumbers() []uint {
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

func isMigration(v uint) bool {
	for _, n := range migrationNumbers() {
		if n == v {
			return true
		}
	}
	return false
}
