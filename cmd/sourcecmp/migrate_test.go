package main

import (
	"context"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

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
	step("version: 2", "up") // creates the database
	step("version: 2", "version")
	step("version: 1", "down", "1")
	step("version: 2", "up", "1")
	step("version: none (no migration applied)", "down", "all")
	step("version: 2", "up")

	for _, args := range [][]string{{"down"}, {"sideways"}, {"down", "-1"}, {"up", "all"}, {"version", "2"}, {}} {
		env, _, _ := testEnv()
		err := run(ctx, append([]string{"migrate", "--database-url", url}, args...), env)
		if exitCode(err) != 2 {
			t.Errorf("migrate %v: %v, want a usage error", args, err)
		}
	}
}
