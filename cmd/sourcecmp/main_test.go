package main

import (
	"os"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/seedtest"
)

// Tests of serve that are not about preparing its database start on a
// clone of one that holds the seeds (seedtest.URL): serve finds them
// unchanged and is ready without migrating or ingesting.
func TestMain(m *testing.M) { os.Exit(seedtest.Main(m)) }
