package main

import (
	"context"
	"log/slog"
	"runtime/debug"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/obs"
)

// startTracing sets tracing up as the OTEL_* variables say (see
// obs.SetupTracing; console spans go to stdout) and returns the function
// that flushes the spans still buffered at exit.
func startTracing(ctx context.Context, env *cli.Env, log *slog.Logger) (*obs.Tracing, func(), error) {
	tr, err := obs.SetupTracing(ctx, env.Getenv, env.Stdout, version())
	if err != nil {
		return nil, nil, err
	}
	if tr.Provider != nil {
		log.Info("tracing", "exporters", tr.Exporters)
	}
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		if err := tr.Shutdown(ctx); err != nil {
			log.Warn("tracing: flushing spans at exit failed", "err", err)
		}
	}
	return tr, stop, nil
}

// sqlTracer returns the pgx tracer that spans SQL statements, or nil when
// tracing is off.
func sqlTracer(tr *obs.Tracing) pgx.QueryTracer {
	if tr.Provider == nil {
		return nil
	}
	return obs.NewSQLTracer(tr.Provider)
}

// countIngest returns the ingest.Ingester.OnResult that counts every
// stored or failed file in m.
func countIngest(m *obs.Metrics) func(ingest.Result) {
	return func(r ingest.Result) { m.Ingested(status(r), r.Bytes) }
}

// version is the module version the binary was built from, if the build
// recorded one.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return ""
}
