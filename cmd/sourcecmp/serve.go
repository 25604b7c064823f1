package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/db"
	"github.com/sourcecmp/sourcecmp/graph"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/obs"
	"github.com/sourcecmp/sourcecmp/internal/pdftext"
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
not exist, applies the migrations, syncs the taxonomy (--topics; the
built-in one when SEEDS/topics.yaml is missing), and loads SEEDS/documents
and SEEDS/annotations (unchanged files cost nothing); a seed that fails to
load stops it with the reason. It listens at once: while the database cannot
be reached it answers 503 and retries, and it recovers by itself from a
database lost later. SIGINT or SIGTERM shuts it down gracefully: requests
in flight get --shutdown-timeout to finish.

Reads are open to anonymous clients unless --require-key (which also puts
/metrics behind an admin key); writes need an API key (sourcecmp apikey).
Each request is bounded before the work happens: body and query size,
tokens, fields, aliases, directives, depth and cost, the response's size
and errors, a deadline, a statement timeout, and a rate of requests and
of cost per key or client IP.

Also serves Prometheus metrics at /metrics, and exports at
/export/annotations.jsonld (citations as W3C Web Annotations) and
/export/references.json (cited works as CSL-JSON). Logs one line per
request on stderr. Tracing is off unless OTEL_TRACES_EXPORTER (otlp,
console) or OTEL_EXPORTER_OTLP_ENDPOINT is set; the other OTEL_* variables
apply as OpenTelemetry specifies.`)
	addr := fs.String("addr", envDefault(env, "SOURCECMP_ADDR", "127.0.0.1:8080"), "address to listen on (env SOURCECMP_ADDR)")
	publicURL := fs.String("public-url", envDefault(env, "SOURCECMP_PUBLIC_URL", ""),
		"the scheme and host clients reach the server at, for the URLs in the exports (default http://ADDR, localhost for an unspecified address) (env SOURCECMP_PUBLIC_URL)")
	dbURL := databaseFlag(env, fs)
	topicsArg := topicsFlag(env, fs, "") // default SEEDS/topics.yaml, set below
	seeds := fs.String("seeds", envDefault(env, "SOURCECMP_SEEDS", "seeds"),
		"seed directory, relative to the working directory (env SOURCECMP_SEEDS)")
	logger := logFlags(env, fs)
	policy := policyFlags(env, fs)
	scale := scaleFlags(env, fs)
	drain := (&envFlags{env: env, fs: fs}).duration("shutdown-timeout", "SOURCECMP_SHUTDOWN_TIMEOUT", shutdownTimeout,
		"how long requests in flight may run on after SIGINT or SIGTERM before they are cancelled")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("serve: unexpected arguments %q: %w", fs.Args(), errUsage)
	}
	log, err := logger()
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	p, opts, err := policy()
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	sc, err := scale(*dbURL)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	public, err := publicBase(*publicURL, *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	tracing, stopTracing, err := startTracing(ctx, env, log)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer stopTracing()
	// The store does not connect until a statement needs it: the server
	// starts whether the database answers or not.
	opts.Tracer = sqlTracer(tracing)
	st, err := store.OpenWith(ctx, *dbURL, sc.storeOptions(opts, log))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer st.Close()
	shared := sc.share(st, log, p.APQCacheSize)
	defer shared.Close()
	metrics := obs.NewMetrics(st.Pool())
	topics := topicsArg()
	if topics.Default {
		topics.Path = filepath.Join(*seeds, "topics.yaml")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	go warmPDF(log)
	startup := server.NewStartup("preparing the database")
	start := func(ctx context.Context) error {
		in, err := prepareDatabase(ctx, log, startup, sc.directURL, sqlTracer(tracing), topics, *seeds, st, countIngest(metrics))
		if err != nil {
			return err
		}
		sc.checkPooler(ctx, log, st, opts.StatementTimeout)
		bounds, err := measureBounds(ctx, log, st)
		if err != nil {
			return err
		}
		startup.Ready(server.NewServer(shared.apply(server.Config{Log: log, Store: st, Ingester: in, Metrics: metrics,
			Tracer: tracing.Provider, Policy: p, Bounds: bounds, PublicURL: public})))
		log.Info("ready")
		return nil
	}
	return serveUntilDone(ctx, log, ln, startup, p.RequestTimeout, *drain, start)
}

// warmPDF starts the PDF reader beside the start-up: compiling PDFium
// takes seconds the first time, which the first ingestDocument of a PDF
// would otherwise spend inside its request's deadline.
func warmPDF(log *slog.Logger) {
	start := time.Now()
	if err := pdftext.Warm(); err != nil {
		log.Warn("the PDF reader did not start; PDFs cannot be ingested", "err", err)
		return
	}
	log.Info("PDF reader ready", "took", time.Since(start).Round(time.Millisecond))
}

// publicBase is the base URL of the exports: the flag's, checked, or one
// made of the listening address.
func publicBase(flagValue, addr string) (string, error) {
	if flagValue != "" {
		u, err := url.Parse(flagValue)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return "", fmt.Errorf("--public-url %q is not an http(s) URL like https://sourcecmp.example.org: %w", flagValue, errUsage)
		}
		return strings.TrimSuffix(flagValue, "/"), nil
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--addr %q: %w", addr, errUsage)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port), nil
}

// boundsInterval is how often serve measures the list bounds of its data
// again (graph.Bounds), for documents other processes ingest; its own
// ingests measure them at once.
const boundsInterval = 5 * time.Minute

// measureBounds measures the list bounds the cost model prices with, and
// measures them again every boundsInterval until ctx ends.
func measureBounds(ctx context.Context, log *slog.Logger, st *store.Store) (*graph.Bounds, error) {
	l, err := st.ListBoundsGet(ctx)
	if err != nil {
		return nil, err
	}
	log.Info("measured list bounds", "bounds", l)
	b := graph.NewBounds(l)
	go func() {
		t := time.NewTicker(boundsInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := b.Refresh(ctx, st); err != nil && ctx.Err() == nil {
					log.Warn("measuring list bounds; the old ones hold", "err", err)
				}
			}
		}
	}()
	return b, nil
}

// startupActor is who the audit log names for what serve changes as it
// starts: not a possible API key name (they start with a letter or digit).
const startupActor = "(serve start-up)"

// seed ingests dir/documents on every start: an unchanged file costs a
// hash, and the seed annotations that follow need every seed document,
// whatever else the database holds. A file that fails stops the start-up
// with its reason. Without dir/documents (or dir) there is nothing to load.
// Every document it adds or replaces is in the audit log.
func seed(ctx context.Context, log *slog.Logger, in *ingest.Ingester, dir string) error {
	docs := filepath.Join(dir, "documents")
	if _, err := os.Stat(docs); dir == "" || err != nil {
		log.Info("no seed documents to load", "seeds", docs)
		return nil
	}
	seeder := *in // the same, recording each document in the audit log
	seeder.AfterSave = func(ctx context.Context, tx pgx.Tx, file string, res store.SaveResult) error {
		_, err := store.AuditRecord(ctx, tx, store.AuditEntry{Who: startupActor, Action: "seedDocument",
			Target: gid.Encode(gid.Document, res.DocumentID), Details: map[string]any{"file": file, "status": res.Status}})
		return err
	}
	var failed []error
	for _, r := range seeder.Paths(ctx, []string{docs}) {
		if r.Err != nil {
			log.Error("seed failed", "file", r.File, "err", r.Err)
			failed = append(failed, fmt.Errorf("seed %s: %w", r.File, r.Err))
			continue
		}
		if r.Status != store.Unchanged {
			log.Info("seeded", "file", r.File, "status", r.Status, "document_id", r.DocumentID)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(failed...)
}

// databaseFlag adds the --database-url flag every database command takes.
func databaseFlag(env *Env, fs *flag.FlagSet) *string {
	return fs.String("database-url", envDefault(env, "DATABASE_URL", store.DefaultDatabaseURL),
		"PostgreSQL URL (env DATABASE_URL)")
}

// openDatabase makes sure the database exists and holds the current schema,
// then connects to it: one command on a fresh machine is enough.
func openDatabase(ctx context.Context, log *slog.Logger, url string) (*store.Store, error) {
	return openDatabaseWith(ctx, log, url, store.Options{})
}

// openDatabaseWith is openDatabase with options for the connections.
func openDatabaseWith(ctx context.Context, log *slog.Logger, url string, opts store.Options) (*store.Store, error) {
	created, err := db.EnsureDatabase(ctx, url)
	if err != nil {
		return nil, err
	}
	if created {
		log.Info("created the database")
	}
	if err := migrateUp(url); err != nil {
		return nil, err
	}
	st, err := store.OpenWith(ctx, url, opts)
	if err != nil {
		return nil, err
	}
	if err := st.Ping(ctx, pingTimeout); err != nil {
		st.Close()
		return nil, fmt.Errorf("connect: %w", err)
	}
	if err := buildDeferredIndexes(ctx, log, st); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// newLogger logs to the command's stderr as SOURCECMP_LOG_FORMAT and
// SOURCECMP_LOG_LEVEL say (by default text on a terminal, JSON otherwise,
// at info), for the commands that take no log flags (see logFlags).
func newLogger(env *Env) *slog.Logger {
	log, err := obs.NewLogger(env.Stderr, envDefault(env, envLogFormat, obs.FormatAuto), envDefault(env, envLogLevel, "info"))
	if err != nil {
		log = slog.New(slog.NewTextHandler(env.Stderr, nil))
		log.Warn("ignoring the log settings", "err", err)
	}
	return log
}
