package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/apq"
	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/ratelimit"
	"github.com/sourcecmp/sourcecmp/internal/replica"
	"github.com/sourcecmp/sourcecmp/internal/server"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// scaleSettings are serve's settings for running several servers on one
// primary, a read replica and a pooler (docs/scale.md).
type scaleSettings struct {
	readURL   string        // the replica; empty: reads go to the primary
	directURL string        // the primary without a transaction pooler, for the start-up work
	maxLag    time.Duration // beyond it the replica gets no reads
	pgbouncer bool          // the URLs lead to PgBouncer in transaction mode
	shared    string        // where the state servers share lives: local or postgres
}

// Where --shared-state keeps the rate limits, persisted queries and
// write fences.
const (
	sharedLocal    = "local"
	sharedPostgres = "postgres"
)

// scaleFlags adds the flags of scaleSettings; the function it returns
// reads them once parsed, with the primary's URL as the direct one's
// default.
func scaleFlags(env *cli.Env, fs *flag.FlagSet) func(databaseURL string) (scaleSettings, error) {
	e := cli.NewEnvFlags(env, fs)
	readURL := fs.String("database-read-url", cli.EnvDefault(env, "DATABASE_READ_URL", ""),
		"PostgreSQL URL of a streaming replica: the reads of queries and exports go there, writes and a writing key's next reads to the primary (env DATABASE_READ_URL)")
	directURL := fs.String("database-direct-url", cli.EnvDefault(env, "DATABASE_DIRECT_URL", ""),
		"PostgreSQL URL of the primary without a transaction pooler between, for creating, migrating and seeding the database at start (migrations hold a session lock); default --database-url (env DATABASE_DIRECT_URL)")
	maxLag := e.Duration("replica-max-lag", "SOURCECMP_REPLICA_MAX_LAG", 10*time.Second,
		"how stale the replica's data may be and still serve reads; beyond it reads go to the primary until it is within half")
	pgbouncer := e.Bool("pgbouncer", "SOURCECMP_PGBOUNCER", false,
		"the database URLs lead to PgBouncer in transaction mode: prepare no statements and send no session settings (set statement_timeout in the pooler's connect_query)")
	shared := e.String("shared-state", "SOURCECMP_SHARED_STATE", sharedLocal,
		"where rate-limit buckets, persisted queries and each key's last write live: local (this process) or postgres (the primary, shared by every server on it)")
	return func(databaseURL string) (scaleSettings, error) {
		if err := e.Err(); err != nil {
			return scaleSettings{}, err
		}
		s := scaleSettings{readURL: *readURL, directURL: *directURL, maxLag: *maxLag, pgbouncer: *pgbouncer, shared: *shared}
		if s.directURL == "" {
			s.directURL = databaseURL
		}
		if s.shared != sharedLocal && s.shared != sharedPostgres {
			return s, fmt.Errorf("--shared-state %q: want local or postgres: %w", s.shared, cli.ErrUsage)
		}
		if s.maxLag <= 0 {
			return s, fmt.Errorf("--replica-max-lag must be positive: %w", cli.ErrUsage)
		}
		return s, nil
	}
}

// storeOptions adds the replica and the pooler to the API's connections.
func (s scaleSettings) storeOptions(opts store.Options, log *slog.Logger) store.Options {
	opts.ReadURL, opts.MaxReplicaLag, opts.PgBouncer, opts.Log = s.readURL, s.maxLag, s.pgbouncer, log
	return opts
}

// sharedState is the state of --shared-state postgres, for the server's
// Config; nil fields keep it in the process.
type sharedState struct {
	rates  *ratelimit.Shared
	apq    *apq.Cache
	fences replica.Fences
}

// share opens the shared state on the primary when the settings say so.
func (s scaleSettings) share(st *store.Store, log *slog.Logger, apqSize int) *sharedState {
	if s.shared != sharedPostgres {
		return &sharedState{}
	}
	sh := &sharedState{rates: ratelimit.NewShared(st.Pool(), log), fences: replica.NewSharedFences(st.Pool())}
	if apqSize > 0 {
		sh.apq = apq.New(st.Pool(), apqSize, log)
	}
	return sh
}

// apply puts the shared state in cfg.
func (sh *sharedState) apply(cfg server.Config) server.Config {
	if sh.rates != nil {
		cfg.RateLimits = sh.rates
	}
	if sh.apq != nil {
		cfg.APQ = sh.apq
	}
	cfg.Fences = sh.fences
	return cfg
}

// Close sends what is still to send (the last charges of work).
func (sh *sharedState) Close() {
	if sh.rates != nil {
		sh.rates.Close()
	}
}

// checkPooler warns when the connections PgBouncer gives the server run
// without the statement timeout serve would have set itself: through a
// transaction pooler it is the pooler's connect_query that sets it.
func (s scaleSettings) checkPooler(ctx context.Context, log *slog.Logger, st *store.Store, want time.Duration) {
	if !s.pgbouncer || want <= 0 {
		return
	}
	var got string
	if err := st.Pool().QueryRow(ctx, `SHOW statement_timeout`).Scan(&got); err != nil {
		log.Warn("could not read the pooled connections' statement_timeout", "err", err)
		return
	}
	if got == "0" {
		log.Warn("the pooled connections have no statement_timeout: set it in PgBouncer's connect_query (docs/scale.md)", "want", want.String())
	}
}
