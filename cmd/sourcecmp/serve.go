package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/sourcecmp/sourcecmp/db"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/server"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

const (
	pingTimeout     = 5 * time.Second
	shutdownTimeout = 10 * time.Second
)

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "serve", "[flags]", `
Serves the GraphQL API at /graphql, with /healthz (the process is up) and
/readyz (the database answers). On start it creates the database if it does
not exist, applies the migrations, and ingests SEEDS/documents when the
database holds no document. SIGINT or SIGTERM shuts it down gracefully.`)
	addr := fs.String("addr", envDefault(env, "SOURCECMP_ADDR", "127.0.0.1:8080"), "address to listen on (env SOURCECMP_ADDR)")
	dbURL := databaseFlag(env, fs)
	topics := fs.String("topics", envDefault(env, "SOURCECMP_TOPICS", ""),
		"topic taxonomy YAML (default SEEDS/topics.yaml) (env SOURCECMP_TOPICS)")
	seeds := fs.String("seeds", envDefault(env, "SOURCECMP_SEEDS", "seeds"),
		"seed directory, relative to the working directory (env SOURCECMP_SEEDS)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("serve: unexpected arguments %q: %w", fs.Args(), errUsage)
	}
	log := newLogger(env)
	st, err := openDatabase(ctx, log, *dbURL)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer st.Close()
	if *topics == "" {
		*topics = filepath.Join(*seeds, "topics.yaml")
	}
	in, tax, err := newIngester(ctx, st, *topics)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if err := seed(ctx, log, st, in, *seeds); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if err := seedCuration(ctx, log, st, tax, *seeds); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{
		Handler:           server.NewServer(server.Config{Log: log, Store: st, Ingester: in}),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "addr", "http://"+ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// seed ingests dir/documents when the database holds no document. A seed
// file that fails is logged; the server still starts with the others.
func seed(ctx context.Context, log *slog.Logger, st *store.Store, in *ingest.Ingester, dir string) error {
	has, err := st.DocumentExists(ctx)
	if err != nil || has {
		return err
	}
	docs := filepath.Join(dir, "documents")
	if _, err := os.Stat(docs); err != nil {
		log.Warn("no documents and no seeds to load", "seeds", docs, "err", err)
		return nil
	}
	for _, r := range in.Paths(ctx, []string{docs}) {
		if r.Err != nil {
			log.Error("seed failed", "file", r.File, "err", r.Err)
			continue
		}
		log.Info("seeded", "file", r.File, "status", r.Status, "document_id", r.DocumentID)
	}
	return ctx.Err()
}

// databaseFlag adds the --database-url flag every database command takes.
func databaseFlag(env *Env, fs *flag.FlagSet) *string {
	return fs.String("database-url", envDefault(env, "DATABASE_URL", store.DefaultDatabaseURL),
		"PostgreSQL URL (env DATABASE_URL)")
}

// openDatabase makes sure the database exists and holds the current schema,
// then connects to it: one command on a fresh machine is enough.
func openDatabase(ctx context.Context, log *slog.Logger, url string) (*store.Store, error) {
	created, err := db.EnsureDatabase(ctx, url)
	if err != nil {
		return nil, err
	}
	if created {
		log.Info("created the database")
	}
	if err := db.Up(url); err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := st.Ping(ctx, pingTimeout); err != nil {
		st.Close()
		return nil, fmt.Errorf("connect: %w", err)
	}
	return st, nil
}

// newLogger logs text lines to the command's stderr.
func newLogger(env *Env) *slog.Logger {
	return slog.New(slog.NewTextHandler(env.Stderr, nil))
}
