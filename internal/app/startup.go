// Package app is what the sourcecmp commands do besides parsing their
// flags: open (create, migrate) the database, load the taxonomy and the
// seeds, and serve until told to stop.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/server"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// How serve waits for a database that cannot be reached at start.
const (
	firstRetry = 500 * time.Millisecond
	maxRetry   = 5 * time.Second
)

// PrepareDatabase does serve's start-up work: it creates the database if
// needed, migrates it, syncs the taxonomy and loads the seeds. While the
// database cannot be reached it retries, saying so in startup's status;
// any other failure (a dirty migration, a missing taxonomy) is returned.
// The ingester it returns stores into api.
func PrepareDatabase(ctx context.Context, log *slog.Logger, startup *server.Startup, url string, tracer pgx.QueryTracer,
	topics TaxonomyPath, seeds string, api *store.Store, onResult func(ingest.Result)) (*ingest.Ingester, error) {
	wait := firstRetry
	for {
		in, err := prepareOnce(ctx, log, url, tracer, topics, seeds, onResult)
		if err == nil {
			in.Store = api
			return in, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if !store.Unavailable(err) && !store.TimedOut(err) {
			return nil, err
		}
		startup.SetStatus("waiting for the database, which cannot be reached")
		log.Warn("the database cannot be reached; retrying", "err", err, "retry_in", wait)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, maxRetry)
	}
}

// prepareOnce runs the start-up work once, on connections of its own
// without the API's statement timeout: scoring a large corpus again may
// take longer than any query should.
func prepareOnce(ctx context.Context, log *slog.Logger, url string, tracer pgx.QueryTracer,
	topics TaxonomyPath, seeds string, onResult func(ingest.Result)) (*ingest.Ingester, error) {
	st, err := OpenDatabaseWith(ctx, log, url, store.Options{Tracer: tracer, ConnectTimeout: ConnectTimeout})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	in, tax, err := NewIngester(ctx, log, st, topics)
	if err != nil {
		return nil, err
	}
	in.OnResult = onResult
	if err := Seed(ctx, log, in, seeds); err != nil {
		return nil, err
	}
	if err := SeedCuration(ctx, log, st, tax, seeds); err != nil {
		return nil, err
	}
	return in, nil
}

// ServeUntilDone serves h on ln while start runs, until ctx ends or start
// fails. Then it stops accepting connections and lets the requests in
// flight finish for up to drain; those still running are cancelled (their
// statements with them) and the shutdown is reported as an error.
func ServeUntilDone(ctx context.Context, log *slog.Logger, ln net.Listener, h http.Handler,
	requestTimeout, drain time.Duration, start func(context.Context) error) error {
	// Requests do not inherit ctx: SIGTERM must let them finish, not
	// cancel them. They are cancelled when the drain time is up.
	base, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      requestTimeout + 10*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    256 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	log.Info("listening", "addr", "http://"+ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	startCtx, stopStart := context.WithCancel(ctx)
	defer stopStart()
	started := make(chan error, 1)
	go func() { started <- start(startCtx) }()

	var failed error
	for waiting := true; waiting; {
		select {
		case err := <-errc:
			return fmt.Errorf("serve: %w", err)
		case err := <-started:
			started = nil
			if err != nil && ctx.Err() == nil {
				log.Error("start-up failed", "err", err)
				failed, waiting = err, false
			}
		case <-ctx.Done():
			waiting = false
		}
	}
	log.Info("shutting down", "drain", drain.String())
	stopStart()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		cancelRequests()
		srv.Close()
		return fmt.Errorf("serve: shutdown: requests still running after %v were cancelled: %w", drain, err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	if started != nil { // start-up work still running: let it stop before the store closes
		select {
		case <-started:
		case <-shutdownCtx.Done():
		}
	}
	if failed != nil {
		return fmt.Errorf("serve: %w", failed)
	}
	return nil
}
