package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/multitracer"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Options bound what the store's connections may cost the database. The
// zero value bounds nothing, as PostgreSQL's defaults do.
type Options struct {
	// StatementTimeout is PostgreSQL's statement_timeout on every
	// connection: the server cancels a statement that runs longer, even
	// when the client that sent it is gone. A statement_timeout in the
	// URL wins.
	StatementTimeout time.Duration
	// IdleInTransactionTimeout closes a session that sits in an open
	// transaction this long, releasing its locks.
	IdleInTransactionTimeout time.Duration
	// ConnectTimeout bounds dialing and authenticating a new connection
	// (a connect_timeout in the URL wins).
	ConnectTimeout time.Duration
	// MaxConns caps the pool's connections; zero keeps pgxpool's default.
	MaxConns int32
	// Tracer also sees every statement, after the statement counter
	// (obs.SQLTracer makes OpenTelemetry spans of them); nil adds none.
	Tracer pgx.QueryTracer
}

// OpenWith is Open with bounds on the connections. It does not connect:
// the pool dials when a statement needs a connection, so a store opened
// while the database is down works once it is back.
func OpenWith(ctx context.Context, databaseURL string, opts Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	cfg.ConnConfig.Tracer = tracer{}
	if opts.Tracer != nil {
		cfg.ConnConfig.Tracer = multitracer.New(tracer{}, opts.Tracer)
	}
	params := cfg.ConnConfig.RuntimeParams
	setDefault := func(name string, d time.Duration) {
		if _, set := params[name]; !set && d > 0 {
			params[name] = strconv.FormatInt(d.Milliseconds(), 10) // milliseconds
		}
	}
	setDefault("statement_timeout", opts.StatementTimeout)
	setDefault("idle_in_transaction_session_timeout", opts.IdleInTransactionTimeout)
	if cfg.ConnConfig.ConnectTimeout == 0 && opts.ConnectTimeout > 0 {
		cfg.ConnConfig.ConnectTimeout = opts.ConnectTimeout
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	return &Store{pool: pool}, nil
}
