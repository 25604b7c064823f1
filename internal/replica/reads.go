package replica

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Query runs a read where ctx's route says. A read the replica fails for
// want of a replica (unreachable, shutting down, cancelled by a conflict
// with recovery) is run again on the primary, before any row reached
// the caller: a replica that goes away costs no request. The replica's
// rows are held back until its result is complete (up to holdBack), so
// that a replica ending in the middle of a result (a fast shutdown ends
// its backends wherever they are) is retried too.
func (r *Router) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	pool, q := r.pick(ctx)
	if pool == r.primary {
		return pool.Query(ctx, sql, args...)
	}
	rows, err := r.readReplica(ctx, q, sql, args)
	if err != nil {
		if !r.failed(ctx, q, err) {
			return nil, err
		}
		return r.primary.Query(ctx, sql, args...)
	}
	return rows, nil
}

// QueryRow is Query for one row.
func (r *Router) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	rows, err := r.Query(ctx, sql, args...)
	return row{rows, err}
}

// Exec runs on the primary: it writes.
func (r *Router) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return r.primary.Exec(ctx, sql, args...)
}

// CopyFrom runs on the primary: it writes.
func (r *Router) CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error) {
	return r.primary.CopyFrom(ctx, table, columns, src)
}

// Begin starts a transaction on the primary.
func (r *Router) Begin(ctx context.Context) (pgx.Tx, error) { return r.primary.Begin(ctx) }

// ReadTx runs fn in a read-only transaction where ctx's route says, for
// reads that need a setting of their own (SET LOCAL ends with the
// transaction, so a pooler that hands connections out per transaction
// never passes it on). A transaction the replica fails for want of a
// replica is run again on the primary: fn must only read.
func (r *Router) ReadTx(ctx context.Context, fn func(pgx.Tx) error) error {
	pool, q := r.pick(ctx)
	err := pgx.BeginTxFunc(ctx, pool, readOnly, fn)
	if err != nil && pool != r.primary && r.failed(ctx, q, err) {
		return pgx.BeginTxFunc(ctx, r.primary, readOnly, fn)
	}
	return err
}

var readOnly = pgx.TxOptions{AccessMode: pgx.ReadOnly}

// failed reports whether a read that failed on the replica should run
// again on the primary; when the replica itself is the trouble, reads
// leave it until it is measured well again.
func (r *Router) failed(ctx context.Context, q *Route, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var pgErr *pgconn.PgError
	var connectErr *pgconn.ConnectError
	if errors.As(err, &connectErr) {
		r.unreachable(err) // refused, unknown, not let in: the replica cannot be read
	} else if errors.As(err, &pgErr) {
		switch {
		case pgErr.Code == "40001": // a conflict with recovery cancelled it: the replica is fine
		case strings.HasPrefix(pgErr.Code, "57P"), strings.HasPrefix(pgErr.Code, "08"): // shutting down, cannot connect
			r.unreachable(err)
		default: // the query's own error: the primary would say the same
			return false
		}
	} else {
		r.unreachable(err) // no answer at all
	}
	r.toPrimary(q)
	return true
}

// row is a pgx.Row over Query, as the pool's own QueryRow.
type row struct {
	rows pgx.Rows
	err  error
}

func (r row) Scan(dest ...any) error {
	if r.err != nil {
		return r.err
	}
	defer r.rows.Close()
	if !r.rows.Next() {
		if err := r.rows.Err(); err != nil {
			return err
		}
		return pgx.ErrNoRows
	}
	if err := r.rows.Scan(dest...); err != nil {
		return err
	}
	r.rows.Close()
	return r.rows.Err()
}
