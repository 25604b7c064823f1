package dbtest

import (
	"context"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// seedNameEnv names, in the process TestSeededTemplateIsShared starts,
// the template the test made.
const seedNameEnv = "DBTEST_SEED_NAME"

// seedPID seeds a database with the ID of the process that seeded it.
func seedPID(ctx context.Context, url string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, `CREATE TABLE seeded_by AS SELECT $1::int AS pid`, os.Getpid())
	return err
}

func seededBy(t *testing.T, url string) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var pid int
	if err := conn.QueryRow(ctx, `SELECT pid FROM seeded_by`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	// A clone is the test's own: what it writes is not in the next one.
	if _, err := conn.Exec(ctx, `UPDATE seeded_by SET pid = -1`); err != nil {
		t.Fatal(err)
	}
	return pid
}

// A seeded template is made once and then cloned, by this process and
// by another test process of the same tree, which does not seed again.
func TestSeededTemplateIsShared(t *testing.T) {
	if name := os.Getenv(seedNameEnv); name != "" { // the other process
		t.Logf("seeded by %d", seededBy(t, SeededURL(t, name, seedPID)))
		return
	}
	if _, err := sourceHash(); err != nil {
		t.Fatalf("the sources that key a shared template: %v", err)
	}
	name := "test_" + randomHex(4)
	t.Cleanup(func() {
		if err := dropDatabase(serverConfig(t), seededPrefix+name+"_"+must(sourceHash())); err != nil {
			t.Errorf("drop the test's template: %v", err)
		}
	})
	for range 2 {
		if pid := seededBy(t, SeededURL(t, name, seedPID)); pid != os.Getpid() {
			t.Fatalf("a clone seeded by %d, want this process, %d", pid, os.Getpid())
		}
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSeededTemplateIsShared$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), seedNameEnv+"="+name)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the other process: %v\n%s", err, out)
	}
	if want := "seeded by " + strconv.Itoa(os.Getpid()); !strings.Contains(string(out), want) {
		t.Errorf("the other process did not clone this one's template (%q):\n%s", want, out)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
