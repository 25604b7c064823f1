// Package bench measures sourcecmp against the alternatives a user would
// reach for: PostGraphile v5 over the same tables, and the hand-written
// SQL that bounds what any server can do. Each query shape runs for a
// fixed time at a fixed concurrency against each backend in turn, and the
// report gives throughput, latency percentiles and SQL statements per
// request side by side.
package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Config says what to measure and how long.
type Config struct {
	Sourcecmp string // URL of sourcecmp's /graphql
	// Baseline is the URL of another sourcecmp's /graphql (another build)
	// measured right after Sourcecmp on every shape; empty: none.
	Baseline     string
	PostGraphile string        // URL of PostGraphile's /graphql; empty: not measured
	DB           *pgxpool.Pool // runs the SQL bound; at least Concurrency connections
	Concurrency  int
	Duration     time.Duration // measured, per shape and backend
	Warmup       time.Duration // run before each measurement and not counted
	// PostGraphileStatements are the statements per request of each shape
	// (CountStatements); nil reports them as unknown.
	PostGraphileStatements map[string]float64
	// SourcecmpPID and PostGraphilePID are the servers' processes, whose
	// CPU time is measured; 0 measures none.
	SourcecmpPID, PostGraphilePID, BaselinePID int
	Log                                        *slog.Logger
}

// Measurement is one backend's figures for one shape.
type Measurement struct {
	Backend       string
	Requests      int
	Errors        int
	Throughput    float64 // requests per second
	P50, P95, P99 time.Duration
	Statements    float64 // per request; negative when unknown
	// ServerCPU and DBCPU are the CPU time per request of the server
	// process (the benchmark's own for the SQL bound) and of the
	// database's backends; negative when unknown.
	ServerCPU, DBCPU time.Duration
	FirstError       string
}

// ShapeResult is every backend's measurement of one shape.
type ShapeResult struct {
	Shape   string
	Variant string
	By      map[string]*Measurement // by backend
}

// Run measures each shape against sourcecmp, PostGraphile (when the shape
// has a PostGraphile form and Config names the server) and the SQL bound,
// one after the other, shape by shape.
func Run(ctx context.Context, cfg Config, shapes []Shape) ([]ShapeResult, error) {
	var out []ShapeResult
	for _, s := range shapes {
		r := ShapeResult{Shape: s.Name, Variant: s.Variant, By: map[string]*Measurement{}}
		m, err := measureHTTP(ctx, cfg, s.Name, cfg.Sourcecmp, cfg.SourcecmpPID, s.Sourcecmp, "X-Sql-Statements")
		if err != nil {
			return out, err
		}
		r.By[Sourcecmp] = m
		if cfg.Baseline != "" {
			if m, err = measureHTTP(ctx, cfg, s.Name, cfg.Baseline, cfg.BaselinePID, s.Sourcecmp, "X-Sql-Statements"); err != nil {
				return out, err
			}
			m.Backend = Baseline
			r.By[Baseline] = m
		}
		if cfg.PostGraphile != "" && len(s.PostGraphile) > 0 {
			if m, err = measureHTTP(ctx, cfg, s.Name, cfg.PostGraphile, cfg.PostGraphilePID, s.PostGraphile, ""); err != nil {
				return out, err
			}
			m.Backend = PostGraphile
			m.Statements = -1
			if n, ok := cfg.PostGraphileStatements[s.Name]; ok {
				m.Statements = n
			}
			r.By[PostGraphile] = m
		}
		if m, err = measureSQL(ctx, cfg, s.SQL); err != nil {
			return out, err
		}
		r.By[SQLBound] = m
		for _, b := range backends {
			if m := r.By[b]; m != nil {
				cfg.Log.Info("measured", "shape", s.Name, "backend", b, "rps", fmt.Sprintf("%.1f", m.Throughput),
					"p50", m.P50.String(), "p99", m.P99.String(), "server_cpu", m.ServerCPU.String(), "db_cpu", m.DBCPU.String(), "errors", m.Errors)
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// measureHTTP runs a shape's requests against one GraphQL server: a
// warm-up, then the measured run.
func measureHTTP(ctx context.Context, cfg Config, name, url string, pid int, reqs []Request, stmtHeader string) (*Measurement, error) {
	var lreqs []LoadRequest
	for _, r := range reqs {
		lreqs = append(lreqs, LoadRequest{Name: name, URL: url, Body: r.Body(), Check: checkGraphQL})
	}
	if cfg.Warmup > 0 {
		if _, _, err := Load(ctx, lreqs, LoadOptions{Concurrency: cfg.Concurrency, Duration: cfg.Warmup}); err != nil {
			return nil, fmt.Errorf("bench %s: warm up %s: %w", name, url, err)
		}
	}
	cpu := startCPU(ctx, pid, cfg.DB)
	byName, _, err := Load(ctx, lreqs, LoadOptions{Concurrency: cfg.Concurrency, Duration: cfg.Duration, StatementsHeader: stmtHeader})
	if err != nil {
		return nil, fmt.Errorf("bench %s: %s: %w", name, url, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	server, db := cpu.stop(ctx)
	r := byName[name]
	m := &Measurement{Backend: Sourcecmp, Requests: r.Requests, Errors: r.Errors, Throughput: r.Throughput(),
		P50: r.P50, P95: r.P95, P99: r.P99, Statements: r.Statements,
		ServerCPU: perRequest(server, r.Requests), DBCPU: perRequest(db, r.Requests)}
	if len(r.FirstErrors) > 0 {
		m.FirstError = r.FirstErrors[0]
	}
	return m, nil
}

// checkGraphQL fails a response that carries GraphQL errors. A JSON
// string cannot hold an unescaped quote, so `"errors":` is the key; the
// check stays cheap for PostGraphile's large answers too.
func checkGraphQL(body []byte) error {
	if bytes.Contains(body, []byte(`"errors":`)) {
		return fmt.Errorf("GraphQL errors: %.300s", body)
	}
	return nil
}

// measureSQL runs the lower bound: each statement through pgx from
// Concurrency workers, reading the whole JSON answer.
func measureSQL(ctx context.Context, cfg Config, reqs []SQLRequest) (*Measurement, error) {
	run := func(d time.Duration) (*Measurement, error) {
		ctx, cancel := context.WithTimeout(ctx, d)
		defer cancel()
		var (
			next  atomic.Int64
			mu    sync.Mutex
			lats  []time.Duration
			fails int
			first error
			wg    sync.WaitGroup
		)
		cpu := startCPU(ctx, os.Getpid(), cfg.DB)
		start := time.Now()
		for range cfg.Concurrency {
			wg.Go(func() {
				var mine []time.Duration
				for ctx.Err() == nil {
					r := reqs[int(next.Add(1)-1)%len(reqs)]
					var raw []byte
					t0 := time.Now()
					err := cfg.DB.QueryRow(ctx, r.SQL, r.Args...).Scan(&raw)
					lat := time.Since(t0)
					if err != nil && ctx.Err() != nil {
						break // the run ended during the statement
					}
					mine = append(mine, lat)
					if err != nil {
						mu.Lock()
						fails++
						first = cmpError(first, err)
						mu.Unlock()
					}
				}
				mu.Lock()
				lats = append(lats, mine...)
				mu.Unlock()
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		server, db := cpu.stop(context.WithoutCancel(ctx))
		m := summarize(SQLBound, lats, elapsed)
		m.Errors, m.Statements = fails, 1
		m.ServerCPU, m.DBCPU = perRequest(server, len(lats)), perRequest(db, len(lats))
		if first != nil {
			m.FirstError = first.Error()
		}
		return m, ctx.Err()
	}
	if cfg.Warmup > 0 {
		if _, err := run(cfg.Warmup); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
	}
	m, err := run(cfg.Duration)
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return nil, err
	}
	return m, ctx.Err()
}

// perRequest divides a CPU time by the requests; negative stays unknown.
func perRequest(cpu time.Duration, requests int) time.Duration {
	if cpu < 0 || requests == 0 {
		return -1
	}
	return cpu / time.Duration(requests)
}

func cmpError(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// summarize computes throughput and percentiles (nearest rank).
func summarize(backend string, lats []time.Duration, elapsed time.Duration) *Measurement {
	slices.Sort(lats)
	return &Measurement{Backend: backend, Requests: len(lats), Throughput: float64(len(lats)) / elapsed.Seconds(),
		P50: percentile(lats, 50), P95: percentile(lats, 95), P99: percentile(lats, 99)}
}

// Fetch sends one GraphQL request and returns the response body.
func Fetch(ctx context.Context, url string, r Request) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(r.Body()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("HTTP %d: %.300s", resp.StatusCode, body)
	}
	return body, nil
}

// FetchSQL runs one statement of the SQL bound and returns its JSON.
func FetchSQL(ctx context.Context, db *pgxpool.Pool, r SQLRequest) ([]byte, error) {
	var raw []byte
	if err := db.QueryRow(ctx, r.SQL, r.Args...).Scan(&raw); err != nil {
		return nil, err
	}
	return raw, nil
}

// Verify checks, before anything is measured, that the backends return
// the same data for each shape: up to samples variants of each, compared
// in their canonical forms.
func Verify(ctx context.Context, cfg Config, shapes []Shape, samples int) error {
	for _, s := range shapes {
		for i := 0; i < len(s.SQL) && i < samples; i++ {
			raw, err := FetchSQL(ctx, cfg.DB, s.SQL[i])
			if err != nil {
				return fmt.Errorf("verify %s: sql: %w", s.Name, err)
			}
			want, err := Canonical(s.Name, SQLBound, raw)
			if err != nil {
				return fmt.Errorf("verify: %w", err)
			}
			check := func(backend, url string, r Request) error {
				body, err := Fetch(ctx, url, r)
				if err != nil {
					return fmt.Errorf("verify %s: %s: %w", s.Name, backend, err)
				}
				got, err := Canonical(s.Name, backend, body)
				if err != nil {
					return fmt.Errorf("verify: %w", err)
				}
				same, diff := Same(want, got)
				if w, ok := want.(SearchPage); ok {
					// A page of several common words may be the best of
					// bounded candidates: its overlap is reported
					// (CheckRelevance), a wrong count is an error.
					if g := got.(SearchPage); sameTotal(w, g) {
						return nil
					}
					same, diff = sameSearch(w, got.(SearchPage))
				}
				if !same {
					return fmt.Errorf("verify %s (variant %d): %s and the SQL bound differ: %s", s.Name, i, backend, diff)
				}
				return nil
			}
			if err := check(Sourcecmp, cfg.Sourcecmp, s.Sourcecmp[i]); err != nil {
				return err
			}
			if cfg.Baseline != "" {
				if err := check(Sourcecmp, cfg.Baseline, s.Sourcecmp[i]); err != nil {
					return fmt.Errorf("baseline: %w", err)
				}
			}
			if cfg.PostGraphile != "" && i < len(s.PostGraphile) {
				if err := check(PostGraphile, cfg.PostGraphile, s.PostGraphile[i]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// CountStatements sends each shape's requests n times, one at a time, to
// a server whose database connections go through counter, and returns the
// mean statements per request of each shape.
func CountStatements(ctx context.Context, url string, counter *StatementCounter, shapes []Shape, n int) (map[string]float64, error) {
	out := map[string]float64{}
	for _, s := range shapes {
		if len(s.PostGraphile) == 0 {
			continue
		}
		if _, err := Fetch(ctx, url, s.PostGraphile[0]); err != nil { // plans and connections made once
			return nil, fmt.Errorf("count statements of %s: %w", s.Name, err)
		}
		before := counter.Count()
		for i := range n {
			if _, err := Fetch(ctx, url, s.PostGraphile[i%len(s.PostGraphile)]); err != nil {
				return nil, fmt.Errorf("count statements of %s: %w", s.Name, err)
			}
		}
		out[s.Name] = float64(counter.Count()-before) / float64(n)
	}
	return out, nil
}
