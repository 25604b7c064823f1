package apq

import (
	"context"
	"fmt"
	"log/slog"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
)

func TestOneServerFindsWhatAnotherRegistered(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, dbtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	log := slog.New(slog.DiscardHandler)
	a, b := New(pool, 100, log), New(pool, 100, log)
	hash := fmt.Sprintf("%064x", 1)
	if _, ok := b.Get(ctx, hash); ok {
		t.Fatal("found a query nobody registered")
	}
	a.Add(ctx, hash, "{ topics { slug } }")
	if q, ok := b.Get(ctx, hash); !ok || q != "{ topics { slug } }" {
		t.Fatalf("the other server found %q, %v", q, ok)
	}
	for i := range 2 * pruneEvery {
		a.Add(ctx, fmt.Sprintf("%064x", 1000+i), fmt.Sprintf("{ q%d: topics { slug } }", i))
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM persisted_queries`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n < 100 || n > 100+pruneEvery {
		t.Errorf("%d queries kept of %d, want the 100 the cache holds and at most the %d registered since the last prune", n, 2*pruneEvery+1, pruneEvery)
	}
}
