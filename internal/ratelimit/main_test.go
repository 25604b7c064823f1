package ratelimit

import (
	"os"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

// dbtest.Main drops the tests' databases together when they are done: a
// DROP DATABASE waits for a checkpoint of the whole server, seconds while
// other packages write, and drops that wait at once share one.
func TestMain(m *testing.M) { os.Exit(dbtest.Main(m)) }
