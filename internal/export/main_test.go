package export_test

import (
	"os"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

// The tests wait on PostgreSQL more than they compute: dbtest.Main runs
// more of them at once than go test's default.
func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }
