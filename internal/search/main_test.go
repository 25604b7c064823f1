package search

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/db"
)

// testDB is the database this package's tests create for themselves on
// the server at TEST_DATABASE_URL, and drop when they end.
var testDB *pgx.ConnConfig

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	ctx := context.Background()
	url := os.Getenv("TEST_DATABASE_URL")
	if url == "" {
		url = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	admin, err := pgx.Connect(ctx, url)
	if err != nil {
		fmt.Fprintf(os.Stderr, "search tests need PostgreSQL (TEST_DATABASE_URL=%s): %v\n", url, err)
		return 1
	}
	defer admin.Close(ctx)
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	name := "sourcecmp_search_test_" + hex.EncodeToString(suffix)
	// CREATE DATABASE takes no parameters; the name is generated above.
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		fmt.Fprintf(os.Stderr, "create test database: %v\n", err)
		return 1
	}
	defer admin.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)") //nolint:errcheck // best effort
	testDB = admin.Config().Copy()
	testDB.Database = name
	if err := createFunctions(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "create the search functions: %v\n", err)
		return 1
	}
	return m.Run()
}

// createFunctions creates the functions of the migrations that TopK's
// statements call (search_levels, search_tiers); over the test's temp
// tables, which a session's plans find before any other table of that
// name.
func createFunctions(ctx context.Context) error {
	conn, err := pgx.ConnectConfig(ctx, testDB)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	for _, name := range []string{"000019_search_levels.up.sql", "000020_search_tiers.up.sql"} {
		sql, err := fs.ReadFile(db.Migrations(), name)
		if err != nil {
			return err
		}
		if _, err := conn.Exec(ctx, string(sql)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// connect opens a connection to the test database, closed with the test.
func connect(t testing.TB) *pgx.Conn {
	t.Helper()
	conn, err := pgx.ConnectConfig(context.Background(), testDB)
	if err != nil {
		t.Fatalf("connect to test database: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}
