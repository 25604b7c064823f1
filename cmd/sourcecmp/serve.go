package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"github.com/sourcecmp/sourcecmp/graph"
	"github.com/sourcecmp/sourcecmp/internal/app"
	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/obs"
	"github.com/sourcecmp/sourcecmp/internal/pdftext"
	"github.com/sourcecmp/sourcecmp/internal/server"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

const (
	shutdownTimeout = 10 * time.Second
)

func runServe(ctx context.Context, env *cli.Env, args []string) error {
	fs := cli.NewFlagSet(env, "serve", "[flags]", `
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
	addr := fs.String("addr", cli.EnvDefault(env, "SOURCECMP_ADDR", "127.0.0.1:8080"), "address to listen on (env SOURCECMP_ADDR)")
	publicURL := fs.String("public-url", cli.EnvDefault(env, "SOURCECMP_PUBLIC_URL", ""),
		"the scheme and host clients reach the server at, for the URLs in the exports (default http://ADDR, localhost for an unspecified address) (env SOURCECMP_PUBLIC_URL)")
	dbURL := cli.DatabaseFlag(env, fs)
	topicsArg := cli.TopicsFlag(env, fs, "") // default SEEDS/topics.yaml, set below
	seeds := fs.String("seeds", cli.EnvDefault(env, "SOURCECMP_SEEDS", "seeds"),
		"seed directory, relative to the working directory (env SOURCECMP_SEEDS)")
	logger := cli.LogFlags(env, fs)
	policy := policyFlags(env, fs)
	scale := scaleFlags(env, fs)
	drain := cli.NewEnvFlags(env, fs).Duration("shutdown-timeout", "SOURCECMP_SHUTDOWN_TIMEOUT", shutdownTimeout,
		"how long requests in flight may run on after SIGINT or SIGTERM before they are cancelled")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("serve: unexpected arguments %q: %w", fs.Args(), cli.ErrUsage)
	}
	defer app.CollectLessOften()()
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
		in, err := app.PrepareDatabase(ctx, log, startup, sc.directURL, sqlTracer(tracing), topics, *seeds, st, countIngest(metrics))
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
	return app.ServeUntilDone(ctx, log, ln, startup, p.RequestTimeout, *drain, start)
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
			return "", fmt.Errorf("--public-url %q is not an http(s) URL like https://sourcecmp.example.org: %w", flagValue, cli.ErrUsage)
		}
		return strings.TrimSuffix(flagValue, "/"), nil
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--addr %q: %w", addr, cli.ErrUsage)
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
