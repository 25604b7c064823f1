package replica

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5"
)

// DB is what fences run their statements on: the primary's pool.
type DB interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Fences remember, per client, the primary's WAL position after its last
// write: its reads go to a replica once that has replayed so far.
type Fences interface {
	// Mark records the primary's position now as client's last write.
	Mark(ctx context.Context, client string) error
	// Get returns client's last write position, zero when none.
	Get(ctx context.Context, client string) (LSN, error)
}

// LocalFences keep the positions in this process: right when one server
// answers a client's writes and reads.
type LocalFences struct {
	db DB
	mu sync.Mutex
	m  map[string]LSN // by client: API keys, the only ones that write
}

// NewLocalFences returns fences that ask db for the position.
func NewLocalFences(db DB) *LocalFences { return &LocalFences{db: db, m: map[string]LSN{}} }

// Mark implements Fences.
func (f *LocalFences) Mark(ctx context.Context, client string) error {
	var lsn LSN
	if err := f.db.QueryRow(ctx, WALPosition).Scan(&lsn); err != nil {
		return fmt.Errorf("mark the write of %s: %w", client, err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.m[client] = max(f.m[client], lsn)
	return nil
}

// Get implements Fences.
func (f *LocalFences) Get(_ context.Context, client string) (LSN, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.m[client], nil
}

// SharedFences keep the positions in the primary (table write_fences), for
// every server: a client that wrote through one reads its write through
// any other.
type SharedFences struct{ db DB }

// NewSharedFences returns fences in db.
func NewSharedFences(db DB) *SharedFences { return &SharedFences{db: db} }

// WriteFenceSet records the primary's position now as a client's last
// write; of two servers marking at once, the later position stays.
const WriteFenceSet = `INSERT INTO write_fences AS f (client, lsn) VALUES ($1, pg_current_wal_lsn())
ON CONFLICT (client) DO UPDATE SET lsn = greatest(f.lsn, excluded.lsn), at = now()
RETURNING (lsn - '0/0')::int8`

// WriteFenceGet returns a client's last write position.
const WriteFenceGet = `SELECT (lsn - '0/0')::int8 FROM write_fences WHERE client = $1`

// Mark implements Fences.
func (f *SharedFences) Mark(ctx context.Context, client string) error {
	var lsn LSN
	if err := f.db.QueryRow(ctx, WriteFenceSet, client).Scan(&lsn); err != nil {
		return fmt.Errorf("mark the write of %s: %w", client, err)
	}
	return nil
}

// Get implements Fences.
func (f *SharedFences) Get(ctx context.Context, client string) (LSN, error) {
	var lsn LSN
	err := f.db.QueryRow(ctx, WriteFenceGet, client).Scan(&lsn)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("last write of %s: %w", client, err)
	}
	return lsn, nil
}
