package store

import (
	"context"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// A Pipeline lets concurrent reads of one request share a round trip:
// the first statement of each of its seats joins one pgx batch, sent once
// every seat has queued one or left, and each seat reads its rows in
// queue order (a batch answers in order). Which statements go together
// depends on the seats alone, never on timing: a seat's first statement
// waits for the other seats however long they take, so a seat must not
// wait on another (a lock held while reading): such reads go Alone.
// Only the reads of collect and collectKeyed join; the statement count
// is the same with or without a pipeline.
type Pipeline struct {
	pool  *pgxpool.Pool // nil: every statement goes alone
	mu    sync.Mutex
	open  int             // seats that have neither queued a statement nor left
	ctx   context.Context // the first queued statement's: the batch's
	batch pgx.Batch
	turns []chan pgx.BatchResults // one per queued statement, in order
}

type seat struct {
	p    *Pipeline
	done bool // queued or left, under p.mu
}

type seatKey struct{}

// Pipeline returns a pipeline for n concurrent reads. Behind a replica
// router, which picks each read's pool, statements go alone.
func (s *Store) Pipeline(n int) *Pipeline {
	if s.router != nil {
		return &Pipeline{}
	}
	return &Pipeline{pool: s.pool, open: n}
}

// Seat returns the context of one of the pipeline's reads, and the
// function it calls when done.
func (p *Pipeline) Seat(ctx context.Context) (context.Context, func()) {
	st := &seat{p: p}
	return context.WithValue(ctx, seatKey{}, st), st.leave
}

// Alone returns a context whose statements go on their own, outside any
// pipeline.
func Alone(ctx context.Context) context.Context {
	if ctx.Value(seatKey{}) == nil {
		return ctx
	}
	return context.WithValue(ctx, seatKey{}, (*seat)(nil))
}

func (st *seat) leave() {
	st.p.mu.Lock()
	if st.done {
		st.p.mu.Unlock()
		return
	}
	st.done = true
	st.p.open--
	st.p.sendIfComplete()
}

// query runs a statement of collect or collectKeyed; a seat's first
// joins its pipeline's batch.
func query(ctx context.Context, db DBTX, sql string, args []any) (pgx.Rows, error) {
	st, _ := ctx.Value(seatKey{}).(*seat)
	if st == nil || st.p.pool == nil || db != DBTX(st.p.pool) {
		return db.Query(ctx, sql, args...)
	}
	p := st.p
	p.mu.Lock()
	if st.done {
		p.mu.Unlock()
		return db.Query(ctx, sql, args...)
	}
	st.done = true
	p.open--
	if len(p.turns) == 0 {
		p.ctx = ctx
	}
	p.batch.Queue(sql, args...)
	i, turn := len(p.turns), make(chan pgx.BatchResults, 1)
	p.turns = append(p.turns, turn)
	p.sendIfComplete()
	br := <-turn
	rows, err := br.Query()
	r := &pipedRows{Rows: rows, pass: func() { p.pass(i, br) }}
	if err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// sendIfComplete sends the batch when no seat is open. It is called with
// p.mu held and releases it; no seat opens again, so it sends once.
func (p *Pipeline) sendIfComplete() {
	if p.open > 0 || len(p.turns) == 0 {
		p.mu.Unlock()
		return
	}
	p.mu.Unlock()
	p.turns[0] <- p.pool.SendBatch(p.ctx, &p.batch)
}

// pass gives the batch to the statement after the i-th, or closes it
// (releasing its connection) after the last.
func (p *Pipeline) pass(i int, br pgx.BatchResults) {
	if i+1 < len(p.turns) {
		p.turns[i+1] <- br
		return
	}
	_ = br.Close() // each statement's error went to its reader
}

// pipedRows are a batch's rows that hand the batch on when closed.
type pipedRows struct {
	pgx.Rows
	pass func()
}

func (r *pipedRows) Close() {
	r.Rows.Close()
	if r.pass != nil {
		r.pass()
		r.pass = nil
	}
}
