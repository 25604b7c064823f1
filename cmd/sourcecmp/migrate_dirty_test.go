package main

import (
	"context"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/app"
	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

// TestMigrationFailureIsRecoverable makes migration 3 fail (a table it
// creates exists already) and follows the recovery the error prescribes.
func TestMigrationFailureIsRecoverable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.EmptyURL(t)
	migrate := func(args ...string) (string, error) {
		env, stdout, _ := testEnv()
		err := run(ctx, append([]string{"migrate", "--database-url", url}, args...), env)
		return strings.TrimSpace(stdout.String()), err
	}
	if out, err := migrate("up", "2"); err != nil || out != "version: 2" {
		t.Fatalf("up 2: %q %v", out, err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE TABLE audit_log (x int)`); err != nil {
		t.Fatal(err)
	}

	_, err = migrate("up")
	if err == nil || !strings.Contains(err.Error(), "sourcecmp migrate force 2") || !strings.Contains(err.Error(), "dirty") {
		t.Fatalf("failed migration: error %v, want the recovery commands", err)
	}
	out, err := migrate("version")
	if err != nil || !strings.HasPrefix(out, "version: 3 (dirty") || !strings.Contains(out, "sourcecmp migrate force 2") {
		t.Fatalf("version after the failure: %q %v", out, err)
	}
	// The migration ran in one transaction: api_keys, created before the
	// failing statement, is not there.
	var exists bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('api_keys') IS NOT NULL`).Scan(&exists); err != nil || exists {
		t.Fatalf("api_keys exists (%v): the failed migration left a change", err)
	}
	// serve and ingest say the same when they migrate on start.
	if err := app.MigrateUp(url); err == nil || !strings.Contains(err.Error(), "sourcecmp migrate force 2") {
		t.Errorf("app.MigrateUp on a dirty database: %v", err)
	}

	if _, err := conn.Exec(ctx, `DROP TABLE audit_log`); err != nil {
		t.Fatal(err)
	}
	if out, err := migrate("force", "2"); err != nil || out != "version: 2" {
		t.Fatalf("force 2: %q %v", out, err)
	}
	versions := migrationVersions(t)
	if out, err := migrate("up"); err != nil || out != "version: "+versions[len(versions)-1] {
		t.Fatalf("up after the repair: %q %v", out, err)
	}
	for _, args := range [][]string{{"force"}, {"force", "0"}, {"force", "999"}, {"force", "all"}, {"force", "x"}} {
		if _, err := migrate(args...); cli.ExitCode(err) != 2 {
			t.Errorf("migrate %v: %v, want a usage error", args, err)
		}
	}
	if out, err := migrate("force", "none"); err != nil || out != "version: none (no migration applied)" {
		t.Errorf("force none: %q %v", out, err)
	}
}
