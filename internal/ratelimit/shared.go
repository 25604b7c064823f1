package ratelimit

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// DB is what Shared runs its statements on: the primary's pool.
type DB interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// Shared keeps the buckets in PostgreSQL (table rate_buckets, migration
// 000011), so that every server on the database limits a client to the
// same rate: a Take is one statement on the primary, and charges are
// sent in batches every chargeInterval. Close it to send the last ones.
type Shared struct {
	db  DB
	log *slog.Logger

	mu      sync.Mutex
	pending map[bucketKey]charge
	stop    chan struct{}
	done    chan struct{}
}

type charge struct {
	bucket Bucket
	n      float64
}

// How often Shared sends the charges it collected, and forgets the
// buckets that have refilled (a full bucket and a missing one are the same).
const (
	chargeInterval = 50 * time.Millisecond
	pruneInterval  = time.Minute
)

// BucketTake runs rate_take: it refills the client's buckets and takes
// from those that hold enough, in one statement.
const BucketTake = `SELECT admitted, tokens, again FROM rate_take($1, $2, $3, $4, $5)`

// BucketCharge runs rate_charge for a batch of (client, bucket) charges.
const BucketCharge = `SELECT rate_charge($1, $2, $3, $4, $5)`

// BucketPrune forgets buckets that have been full for a while (past
// the strike window of their last refusal).
const BucketPrune = `DELETE FROM rate_buckets WHERE full_at < now() - interval '1 second'`

var _ Store = (*Shared)(nil)

// NewShared returns a Shared store on db and starts sending its charges.
func NewShared(db DB, log *slog.Logger) *Shared {
	s := &Shared{db: db, log: log, pending: map[bucketKey]charge{}, stop: make(chan struct{}), done: make(chan struct{})}
	go s.run()
	return s
}

// Take implements Store.
func (s *Shared) Take(ctx context.Context, client string, takes ...Take) ([]Verdict, error) {
	names, rates, bursts, ns := make([]string, len(takes)), make([]float64, len(takes)), make([]float64, len(takes)), make([]float64, len(takes))
	for i, t := range takes {
		t = clamp(t)
		names[i], rates[i], bursts[i], ns[i] = t.Bucket.Name, t.Bucket.Rate, t.Bucket.Burst, t.N
	}
	rows, err := s.db.Query(ctx, BucketTake, client, names, rates, bursts, ns)
	if err != nil {
		return nil, fmt.Errorf("rate limit %s: %w", client, err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Verdict, error) {
		var v Verdict
		return v, row.Scan(&v.OK, &v.Tokens, &v.Again)
	})
	if err != nil {
		return nil, fmt.Errorf("rate limit %s: %w", client, err)
	}
	if len(out) != len(takes) {
		return nil, fmt.Errorf("rate limit %s: %d verdicts for %d buckets", client, len(out), len(takes))
	}
	return out, nil
}

// Charge implements Store: the charge is sent with the next batch.
func (s *Shared) Charge(_ context.Context, client string, b Bucket, n float64) error {
	if n <= 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k := bucketKey{b.Name, client}
	c := s.pending[k]
	s.pending[k] = charge{bucket: b, n: c.n + n}
	return nil
}

// Close sends the charges not yet sent and stops.
func (s *Shared) Close() {
	close(s.stop)
	<-s.done
}

func (s *Shared) run() {
	defer close(s.done)
	tick := time.NewTicker(chargeInterval)
	defer tick.Stop()
	lastPrune := time.Now()
	for {
		select {
		case <-s.stop:
			s.flush()
			return
		case <-tick.C:
			s.flush()
			if time.Since(lastPrune) > pruneInterval {
				lastPrune = time.Now()
				s.prune()
			}
		}
	}
}

// flush sends the pending charges in one statement. Charges that fail
// to go (the primary is down) are dropped: they are a bound on work, not
// an account, and the requests they were for are done.
func (s *Shared) flush() {
	s.mu.Lock()
	pending := s.pending
	if len(pending) > 0 {
		s.pending = map[bucketKey]charge{}
	}
	s.mu.Unlock()
	if len(pending) == 0 {
		return
	}
	// In one order, as rate_take locks a client's buckets: two servers'
	// batches never wait on each other in a cycle.
	keys := slices.SortedFunc(maps.Keys(pending), func(a, b bucketKey) int {
		return cmp.Or(cmp.Compare(a.client, b.client), cmp.Compare(a.bucket, b.bucket))
	})
	var clients, names []string
	var rates, bursts, amounts []float64
	for _, k := range keys {
		c := pending[k]
		clients, names = append(clients, k.client), append(names, k.bucket)
		rates, bursts, amounts = append(rates, c.bucket.Rate), append(bursts, c.bucket.Burst), append(amounts, c.n)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := s.db.Exec(ctx, BucketCharge, clients, names, rates, bursts, amounts); err != nil {
		s.log.Warn("rate limit: charging work failed; dropped", "clients", len(clients), "err", err)
	}
}

func (s *Shared) prune() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := s.db.Exec(ctx, BucketPrune); err != nil {
		s.log.Warn("rate limit: forgetting full buckets failed", "err", err)
	}
}
