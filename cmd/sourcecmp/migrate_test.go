package main

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/db"
	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

// migrationVersions returns the version of every migration, in order.
func migrationVersions(t *testing.T) []string {
	t.Helper()
	files, err := fs.Glob(db.Migrations(), "*.up.sql")
	if err != nil || len(files) < 2 {
		t.Fatalf("migrations %v: %v", files, err)
	}
	slices.Sort(files)
	var out []string
	for _, f := range files {
		var n int
		fmt.Sscanf(f, "%d_", &n)
		out = append(out, fmt.Sprint(n))
	}
	return out
}

func TestMigrateCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.MissingURL(t)
	step := func(want string, args ...string) {
		t.Helper()
		env, stdout, stderr := testEnv()
		err := run(ctx, append([]string{"migrate", "--database-url", url}, args...), env)
		if err != nil || strings.TrimSpace(stdout.String()) != want {
			t.Fatalf("migrate %v: %v, printed %q (want %q)\n%s", args, err, stdout, want, stderr)
		}
	}
	versions := migrationVersions(t)
	last, before := "version: "+versions[len(versions)-1], "version: "+versions[len(versions)-2]
	step(last, "up") // creates the database
	step(last, "version")
	step(before, "down", "1")
	step(last, "up", "1")
	step("version: none (no migration applied)", "down", "all")
	step(last, "up")

	for _, args := range [][]string{{"down"}, {"sideways"}, {"down", "-1"}, {"up", "all"}, {"version", "2"}, {}} {
		env, _, _ := testEnv()
		err := run(ctx, append([]string{"migrate", "--database-url", url}, args...), env)
		if cli.ExitCode(err) != 2 {
			t.Errorf("migrate %v: %v, want a usage error", args, err)
		}
	}
}
