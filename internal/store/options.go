package store

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/multitracer"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sourcecmp/sourcecmp/internal/replica"
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

	// ReadURL is a streaming replica of the database: the reads of
	// read-only requests go there (see package replica); empty, they go
	// to the primary.
	ReadURL string
	// MaxReplicaLag is how far behind the primary the replica may be and
	// still get reads; zero is replica.Options' default.
	MaxReplicaLag time.Duration
	// PgBouncer says the URLs lead to PgBouncer in transaction mode, which
	// gives each transaction whichever server connection is free: no
	// statement is prepared by name (each is parsed with its values, so
	// it is planned for them too), and no setting goes in the start-up
	// packet, which PgBouncer refuses (set statement_timeout in the
	// pooler's connect_query or on the role).
	PgBouncer bool
	// Log hears of the replica's comings and goings.
	Log *slog.Logger
}

// OpenWith is Open with bounds on the connections. It does not connect:
// the pool dials when a statement needs a connection, so a store opened
// while the database is down works once it is back.
func OpenWith(ctx context.Context, databaseURL string, opts Options) (*Store, error) {
	pool, err := openPool(ctx, databaseURL, opts)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	s := &Store{pool: pool, reads: pool}
	if opts.ReadURL == "" {
		return s, nil
	}
	s.replicaPool, err = openPool(ctx, opts.ReadURL, opts)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store: the read replica: %w", err)
	}
	s.router = replica.New(pool, s.replicaPool, replica.Options{MaxLag: opts.MaxReplicaLag, Log: opts.Log})
	s.reads = s.router
	return s, nil
}

func openPool(ctx context.Context, databaseURL string, opts Options) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(databaseURL)
	if err != nil {
		return nil, err
	}
	cfg.ConnConfig.Tracer = tracer{}
	if opts.Tracer != nil {
		cfg.ConnConfig.Tracer = multitracer.New(tracer{}, opts.Tracer)
	}
	if opts.PgBouncer {
		// Statements go unnamed, their parameter and result types cached
		// by the client: nothing lives in a server session.
		cfg.ConnConfig.DefaultQueryExecMode = pgx.QueryExecModeCacheDescribe
	} else {
		params := cfg.ConnConfig.RuntimeParams
		setDefault := func(name string, d time.Duration) {
			if _, set := params[name]; !set && d > 0 {
				params[name] = strconv.FormatInt(d.Milliseconds(), 10) // milliseconds
			}
		}
		setDefault("statement_timeout", opts.StatementTimeout)
		setDefault("idle_in_transaction_session_timeout", opts.IdleInTransactionTimeout)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 && opts.ConnectTimeout > 0 {
		cfg.ConnConfig.ConnectTimeout = opts.ConnectTimeout
	}
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	return pgxpool.NewWithConfig(ctx, cfg)
}
