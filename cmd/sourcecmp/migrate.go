package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/golang-migrate/migrate/v4"

	"github.com/sourcecmp/sourcecmp/db"
	"github.com/sourcecmp/sourcecmp/internal/app"
	"github.com/sourcecmp/sourcecmp/internal/cli"
)

func runMigrate(ctx context.Context, env *cli.Env, args []string) error {
	fs := cli.NewFlagSet(env, "migrate", "[flags] up [N] | down N|all | version | force N|none", `
Applies or rolls back the schema migrations embedded in the binary.
  up [N]      apply all pending migrations, or the next N (creates the database if needed)
  down N      roll back the last N migrations
  down all    roll back every migration (drops every table and its data)
  version     print the current schema version, and whether it is dirty
  force N     record version N as applied and clean, changing nothing else:
              after a migration failed (the version is dirty), repair the
              schema by hand, force the last version that applied cleanly,
              and run up again ("none": no migration applied)`)
	dbURL := cli.DatabaseFlag(env, fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	verb, rest := fs.Arg(0), fs.Args()[min(1, fs.NArg()):]
	usage := func(msg string) error {
		fs.Usage()
		return fmt.Errorf("migrate: %s: %w", msg, cli.ErrUsage)
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
		if !app.IsMigration(uint(n)) {
			return usage(fmt.Sprintf("there is no migration %d", n))
		}
		err = m.Force(n)
	}
	if err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("migrate %s: %w", verb, app.WithRecovery(m, err))
	}
	v, dirty, err := m.Version()
	switch {
	case errors.Is(err, migrate.ErrNilVersion):
		fmt.Fprintln(env.Stdout, "version: none (no migration applied)")
	case err != nil:
		return fmt.Errorf("migrate: version: %w", err)
	case dirty:
		fmt.Fprintf(env.Stdout, "version: %d (dirty: that migration failed halfway; %s)\n", v, app.Recovery(v))
	default:
		fmt.Fprintf(env.Stdout, "version: %d\n", v)
	}
	return nil
}
