package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// running counts the backends of the database that run a statement
// containing marker, other than the one asking.
func running(t *testing.T, st *store.Store, marker string) int {
	t.Helper()
	var n int
	err := st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND strpos(query, $1) > 0`, marker).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// waitIdle waits until no backend runs a statement containing marker.
func waitIdle(t *testing.T, st *store.Store, marker string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for running(t, st, marker) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("a statement %q is still running on the server", marker)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestStatementTimeoutCancelsOnTheServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.URL(t)
	st, err := store.OpenWith(ctx, url, store.Options{StatementTimeout: 200 * time.Millisecond, IdleInTransactionTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var timeout string
	if err := st.Pool().QueryRow(ctx, `SHOW statement_timeout`).Scan(&timeout); err != nil || timeout != "200ms" {
		t.Fatalf("statement_timeout = %q (%v), want 200ms", timeout, err)
	}
	start := time.Now()
	_, err = st.Pool().Exec(ctx, `SELECT pg_sleep(30) /* statement-timeout-test */`)
	if took := time.Since(start); err == nil || took > 5*time.Second {
		t.Fatalf("pg_sleep(30) under a 200ms statement_timeout: %v after %v", err, took)
	}
	if !store.TimedOut(err) || store.Unavailable(err) {
		t.Errorf("error %v: TimedOut %v, Unavailable %v; want a timeout", err, store.TimedOut(err), store.Unavailable(err))
	}
	waitIdle(t, st, "statement-timeout-test")
}

func TestContextDeadlineCancelsOnTheServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t) // no statement_timeout: only the deadline stops it
	qctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := st.Pool().Exec(qctx, `SELECT pg_sleep(30) /* deadline-test */`)
	if took := time.Since(start); err == nil || took > 5*time.Second {
		t.Fatalf("pg_sleep(30) with a 200ms deadline: %v after %v", err, took)
	}
	if !store.TimedOut(err) {
		t.Errorf("error %v is not a timeout", err)
	}
	// The query must not go on running on the server once its client gave up.
	waitIdle(t, st, "deadline-test")
}

func TestUnavailable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := store.OpenWith(ctx, "postgres://postgres@127.0.0.1:1/none?sslmode=disable", store.Options{ConnectTimeout: time.Second})
	if err != nil {
		t.Fatalf("opening a store must not connect: %v", err)
	}
	defer st.Close()
	_, err = st.Pool().Exec(ctx, `SELECT 1`)
	if !store.Unavailable(err) || store.TimedOut(err) {
		t.Errorf("refused connection: %v, Unavailable %v", err, store.Unavailable(err))
	}
	if store.Unavailable(store.Errorf(store.EInvalid, "x")) || store.Unavailable(nil) {
		t.Error("a domain error or nil is not unavailability")
	}
}
