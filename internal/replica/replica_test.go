package replica_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	. "github.com/sourcecmp/sourcecmp/internal/replica"
)

func pool(t *testing.T, url string) *pgxpool.Pool {
	p, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// database names the database a read of ctx went to.
func database(t *testing.T, r *Router, ctx context.Context) string {
	var name string
	if err := r.QueryRow(ctx, `SELECT current_database()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	return name
}

// newRouter routes between two databases of the test server; the
// "replica" is in no recovery, so it is as fresh as a primary.
func newRouter(t *testing.T, replicaURL string) (*Router, string) {
	primary := pool(t, dbtest.URL(t))
	var name string
	if err := primary.QueryRow(context.Background(), `SELECT current_database()`).Scan(&name); err != nil {
		t.Fatal(err)
	}
	r := New(primary, pool(t, replicaURL), Options{Interval: 20 * time.Millisecond, Log: slog.New(slog.DiscardHandler)})
	t.Cleanup(r.Close)
	return r, name
}

func TestReadsOfReadOnlyRequestsGoToTheReplica(t *testing.T) {
	t.Parallel()
	r, primary := newRouter(t, dbtest.URL(t))
	dbtest.Eventually(t, 5*time.Second, "replica measured", func() bool { return r.Status().Usable })
	if got := database(t, r, context.Background()); got != primary {
		t.Errorf("a read without a route went to %s, want the primary %s", got, primary)
	}
	ctx, q := WithRoute(context.Background())
	if got := database(t, r, ctx); got != primary {
		t.Errorf("a read of a request not known to be read-only went to %s, want the primary", got)
	}
	ctx, q = WithRoute(context.Background())
	q.ReadOnly()
	if got := database(t, r, ctx); got == primary {
		t.Error("a read-only request read from the primary")
	}
	ctx, q = WithRoute(context.Background())
	q.ReadOnly()
	q.After(LSN(1) << 62) // a write the replica has not replayed
	if got := database(t, r, ctx); got != primary {
		t.Errorf("a read after the client's unreplayed write went to %s, want the primary", got)
	}
	if n := r.Count("reads", "primary", ReasonOwnWrite); n != 1 {
		t.Errorf("reads counted for own writes: %v, want 1", n)
	}
}

func TestUnreachableReplicaFallsBack(t *testing.T) {
	t.Parallel()
	r, primary := newRouter(t, "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=1")
	ctx, q := WithRoute(context.Background())
	q.ReadOnly()
	r.SetUsable() // as if measured well a moment ago
	if got := database(t, r, ctx); got != primary {
		t.Errorf("a read the replica could not take went to %s", got)
	}
	if s := r.Status(); s.Usable || s.Reason != ReasonUnreachable {
		t.Errorf("status after a failed read: %+v, want unreachable", s)
	}
	if n := r.Count("reads", "primary", ReasonRetried); n != 1 {
		t.Errorf("reads retried on the primary: %v, want 1", n)
	}
	ctx, q = WithRoute(context.Background())
	q.ReadOnly()
	if got := database(t, r, ctx); got != primary {
		t.Errorf("the next read went to %s, want the primary", got)
	}
	if n := r.Count("fallbacks", ReasonUnreachable); n < 1 {
		t.Errorf("fallbacks counted: %v", n)
	}
}

func TestFences(t *testing.T) {
	t.Parallel()
	db := pool(t, dbtest.URL(t))
	ctx := context.Background()
	for name, f := range map[string]Fences{"local": NewLocalFences(db), "shared": NewSharedFences(db)} {
		t.Run(name, func(t *testing.T) {
			if lsn, err := f.Get(ctx, "nobody"); err != nil || lsn != 0 {
				t.Fatalf("a client that never wrote: %v %v", lsn, err)
			}
			if err := f.Mark(ctx, "alice"); err != nil {
				t.Fatal(err)
			}
			var now LSN
			if err := db.QueryRow(ctx, WALPosition).Scan(&now); err != nil {
				t.Fatal(err)
			}
			lsn, err := f.Get(ctx, "alice")
			if err != nil || lsn <= 0 || lsn > now {
				t.Fatalf("fence %v (%v), want a position up to the current %v", lsn, err, now)
			}
		})
	}
}

func TestRetryableErrors(t *testing.T) {
	t.Parallel()
	url := dbtest.URL(t)
	r, _ := newRouter(t, url)
	// A query's own error is not the replica's: the primary would say the same.
	_, err := pool(t, url).Exec(context.Background(), `SELECT 1/0`)
	if r.Retries(err) {
		t.Errorf("%v retried on the primary", err)
	}
	if !strings.Contains(err.Error(), "22012") {
		t.Fatalf("unexpected error %v", err)
	}
}

// A replica that goes away in the middle of a result (a fast shutdown
// ends its backends wherever they are) costs no request either: the read
// is run again on the primary, and the caller sees only the primary's rows.
func TestReplicaFailingMidResultFallsBack(t *testing.T) {
	t.Parallel()
	url := dbtest.URL(t)
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		t.Fatal(err)
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = "replica"
	replica, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(replica.Close)
	r := New(pool(t, url), replica, Options{Interval: time.Hour, Log: slog.New(slog.DiscardHandler)})
	t.Cleanup(r.Close)
	// The first measurement, and with an hour's interval the only one:
	// none lands after the read to undo what the read found.
	dbtest.Eventually(t, 5*time.Second, "replica measured", func() bool { return r.Status().Usable })

	// On the "replica" the backend ends itself at the third row, after
	// sending the first two.
	const read = `SELECT g FROM generate_series(1, 5) g
		WHERE g < 3 OR current_setting('application_name') <> 'replica' OR pg_terminate_backend(pg_backend_pid())`
	ctx, q := WithRoute(context.Background())
	q.ReadOnly()
	rows, err := r.Query(ctx, read)
	if err != nil {
		t.Fatal(err)
	}
	var got []int32
	for rows.Next() {
		var g int32
		if err := rows.Scan(&g); err != nil {
			t.Fatal(err)
		}
		got = append(got, g)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("read failed: %v (rows so far %v)", err, got)
	}
	if fmt.Sprint(got) != "[1 2 3 4 5]" {
		t.Errorf("rows %v, want the primary's [1 2 3 4 5] and nothing twice", got)
	}
	if s := r.Status(); s.Usable || s.Reason != ReasonUnreachable {
		t.Errorf("status after the replica ended a read: %+v, want unreachable", s)
	}
}

// The replica's rows read ahead scan and decode as the pool's own, a
// result larger than what is held back streams on, and a result read to
// its end gives its connection back without Close, as pgx's rows do.
func TestHeldReplicaRowsReadAsThePools(t *testing.T) {
	t.Parallel()
	url := dbtest.URL(t)
	replica := pool(t, url)
	r := New(pool(t, url), replica, Options{Interval: time.Hour, Log: slog.New(slog.DiscardHandler)})
	t.Cleanup(r.Close)
	// The first measurement, and with an hour's interval the only one:
	// none lands after the read to undo what the read found.
	dbtest.Eventually(t, 5*time.Second, "replica measured", func() bool { return r.Status().Usable })
	ctx, q := WithRoute(context.Background())
	q.ReadOnly()

	rows, err := r.Query(ctx, `SELECT 7::int8 AS n, '語'::text AS s, NULL::text AS missing, ''::text AS empty`)
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatalf("no row: %v", rows.Err())
	}
	values, err := rows.Values()
	if err != nil || fmt.Sprintf("%#v", values) != `[]interface {}{7, "語", interface {}(nil), ""}` {
		t.Errorf("values %#v (%v)", values, err)
	}
	var n int64
	var s, missing, empty *string
	if err := rows.Scan(&n, &s, &missing, &empty); err != nil || n != 7 || *s != "語" || missing != nil || empty == nil || *empty != "" {
		t.Errorf("scan: %v %v %v %v (%v)", n, s, missing, empty, err)
	}
	if rows.Next() || rows.Err() != nil {
		t.Errorf("a second row, or an error: %v", rows.Err())
	}

	const big = 6000 // rows of 1 kB: more than is held back
	rows, err = r.Query(ctx, `SELECT g, repeat('x', 1000) FROM generate_series(1, $1::int) g`, big)
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	for rows.Next() {
		var g int
		var x string
		if err := rows.Scan(&g, &x); err != nil || g != count+1 || len(x) != 1000 {
			t.Fatalf("row %d: %d, %d bytes (%v)", count+1, g, len(x), err)
		}
		count++
	}
	if rows.Err() != nil || count != big || rows.CommandTag().RowsAffected() != big {
		t.Errorf("read %d of %d rows, tag %q: %v", count, big, rows.CommandTag(), rows.Err())
	}
	if n := replica.Stat().AcquiredConns(); n != 0 {
		t.Errorf("%d replica connections still held after every read ended", n)
	}
}

// txDatabase names the database a read-only transaction of ctx ran in,
// and says whether the transaction was read-only.
func txDatabase(t *testing.T, r *Router, ctx context.Context) (string, string) {
	var name, readOnly string
	err := r.ReadTx(ctx, func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `SELECT current_database(), current_setting('transaction_read_only')`).Scan(&name, &readOnly)
	})
	if err != nil {
		t.Fatal(err)
	}
	return name, readOnly
}

func TestReadTransactionsGoWhereTheReadsGo(t *testing.T) {
	t.Parallel()
	r, primary := newRouter(t, dbtest.URL(t))
	dbtest.Eventually(t, 5*time.Second, "replica measured", func() bool { return r.Status().Usable })
	if got, ro := txDatabase(t, r, context.Background()); got != primary || ro != "on" {
		t.Errorf("a read transaction without a route went to %s (read-only %s), want the primary, read-only", got, ro)
	}
	ctx, q := WithRoute(context.Background())
	q.ReadOnly()
	if got, ro := txDatabase(t, r, ctx); got == primary || ro != "on" {
		t.Errorf("a read-only request's transaction went to %s (read-only %s), want the replica, read-only", got, ro)
	}

	down, primary := newRouter(t, "postgres://postgres@127.0.0.1:1/none?sslmode=disable&connect_timeout=1")
	ctx, q = WithRoute(context.Background())
	q.ReadOnly()
	down.SetUsable()
	if got, _ := txDatabase(t, down, ctx); got != primary {
		t.Errorf("a read transaction the replica could not take went to %s, want the primary", got)
	}
}
