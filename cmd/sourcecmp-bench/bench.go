package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sourcecmp/sourcecmp/internal/app"
	"github.com/sourcecmp/sourcecmp/internal/bench"
	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/synth"
)

func runBench(ctx context.Context, env *cli.Env, args []string) error {
	fs := cli.NewFlagSet(env, "bench", "[flags]", `
Measures sourcecmp against PostGraphile v5 over the same tables and against
the hand-written SQL lower bound (one statement per request that builds the
answer as JSON), on a database holding a synthetic corpus at scale factor
--sf (loaded with synth first if the database is empty). It starts
`+"`sourcecmp serve`"+` (--sourcecmp) and PostGraphile (Node 22 from
--postgraphile-dir, installed there with npm ci) on free loopback ports,
checks that the three return the same data, then runs each query shape
(headline, compare, reader, search for a common and a rare term) for
--duration at --concurrency against each in turn, and prints throughput,
latency percentiles, SQL statements per request and the targets of issue 6.`)
	e := cli.NewEnvFlags(env, fs)
	sf := e.Int("sf", "SOURCECMP_SF", 1, "scale factor of the corpus: SF × 1000 documents")
	seed := e.Uint64("seed", "SOURCECMP_SYNTH_SEED", 1, "seed of the corpus synth loads into an empty database")
	dbURL := e.String("database-url", "SOURCECMP_BENCH_DATABASE_URL", "",
		"PostgreSQL URL of the benchmark database (default: database sourcecmp_bench_sfN on localhost)")
	duration := e.Duration("duration", "SOURCECMP_BENCH_DURATION", 20*time.Second, "measured time per shape and backend")
	warmup := e.Duration("warmup", "SOURCECMP_BENCH_WARMUP", 3*time.Second, "unmeasured time before each measurement")
	concurrency := e.Int("concurrency", "SOURCECMP_BENCH_CONCURRENCY", 8, "requests in flight at once")
	server := e.String("sourcecmp", "SOURCECMP_BENCH_SOURCECMP", "",
		"the sourcecmp binary to measure (default: the one next to this binary, else on PATH)")
	baseline := e.String("baseline", "SOURCECMP_BENCH_BASELINE", "",
		"another sourcecmp binary (another build) to measure right after --sourcecmp on every shape, for a side-by-side comparison in one run")
	skipPG := e.Bool("skip-postgraphile", "SOURCECMP_BENCH_SKIP_POSTGRAPHILE", false, "measure sourcecmp and the SQL bound only")
	pgDir := e.String("postgraphile-dir", "SOURCECMP_BENCH_POSTGRAPHILE_DIR", bench.DefaultPostGraphileDir,
		"directory of PostGraphile's package.json and node_modules")
	docs := e.String("documents", "SOURCECMP_SYNTH_DOCUMENTS", filepath.Join("seeds", "documents"), "documents synth takes its vocabulary from")
	topics := cli.TopicsFlag(env, fs, app.DefaultTopics)
	shapesFlag := e.String("shapes", "SOURCECMP_BENCH_SHAPES", "",
		"comma-separated shapes to run (headline, compare, reader, search-common, search-rare, search-and, search-phrase, search-filtered); default all")
	out := e.String("out", "SOURCECMP_BENCH_OUT", "", "also write the report as Markdown to this file")
	relevance := e.Bool("relevance", "SOURCECMP_BENCH_RELEVANCE", false,
		"also compare sourcecmp's first page of each of bench.RelevanceQueries with the exhaustive ranking (overlap@10)")
	cpuprofile := e.String("cpuprofile", "SOURCECMP_BENCH_CPUPROFILE", "",
		"serve sourcecmp inside this process and write the CPU profile of the run here")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := e.Err(); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if fs.NArg() > 0 || *sf < 1 || *concurrency < 1 || *duration <= 0 {
		fs.Usage()
		return fmt.Errorf("bench: want --sf ≥ 1, --concurrency ≥ 1, a positive --duration and no arguments: %w", cli.ErrUsage)
	}
	if *dbURL == "" {
		*dbURL = fmt.Sprintf("postgres://postgres@127.0.0.1:5432/sourcecmp_bench_sf%d?sslmode=disable", *sf)
	}
	log := cli.NewLogger(env)
	if err := benchCorpus(ctx, log, *dbURL, synthConfig{SF: *sf, Seed: *seed, Documents: *docs, Topics: topics(),
		Jobs: runtime.GOMAXPROCS(0) + 1}); err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	pool, err := benchPool(ctx, *dbURL, *concurrency)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer pool.Close()

	params, err := bench.LoadParams(ctx, pool, bench.DefaultTopic, bench.DefaultCommonTerm, bench.DefaultRareTerm)
	if err != nil {
		return err
	}
	shapes, err := pickShapes(bench.Shapes(params), *shapesFlag)
	if err != nil {
		return err
	}
	cfg := bench.Config{DB: pool, Concurrency: *concurrency, Duration: *duration, Warmup: *warmup, Log: log}

	var stopServer func()
	if *cpuprofile != "" {
		cfg.Sourcecmp, stopServer, err = serveInProcess(ctx, log, *dbURL)
		cfg.SourcecmpPID = os.Getpid()
	} else {
		cfg.Sourcecmp, cfg.SourcecmpPID, stopServer, err = serveChild(ctx, *server, *dbURL, topics().Path)
	}
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	defer stopServer()
	if *baseline != "" {
		var stopBaseline func()
		cfg.Baseline, cfg.BaselinePID, stopBaseline, err = serveChild(ctx, *baseline, *dbURL, topics().Path)
		if err != nil {
			return fmt.Errorf("bench: baseline: %w", err)
		}
		defer stopBaseline()
	}
	if !*skipPG {
		pg, counts, err := startPostGraphile(ctx, log, *pgDir, *dbURL, shapes)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer pg.Stop()
		cfg.PostGraphile, cfg.PostGraphileStatements, cfg.PostGraphilePID = pg.URL, counts, pg.Pid()
	}
	log.Info("checking that every backend returns the same data")
	if err := bench.Verify(ctx, cfg, shapes, 3); err != nil {
		return err
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	var rel []bench.Relevance
	if *relevance {
		log.Info("comparing search pages with the exhaustive ranking")
		if rel, err = bench.CheckRelevance(ctx, cfg, bench.RelevanceQueries); err != nil {
			return err
		}
	}
	results, err := bench.Run(ctx, cfg, shapes)
	if err != nil {
		return err
	}
	rep := &bench.Report{SF: *sf, Concurrency: *concurrency, Duration: *duration, Machine: bench.Machine(ctx, pool),
		Params: params, Results: results, PostGraphileSkipped: *skipPG}
	if rep.Documents, rep.Paragraphs, err = bench.Corpus(ctx, pool); err != nil {
		return err
	}
	rep.WriteMarkdown(env.Stdout)
	bench.WriteRelevance(env.Stdout, rel)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer f.Close()
		rep.WriteMarkdown(f)
		bench.WriteRelevance(f, rel)
	}
	return nil
}

// benchCorpus makes sure the database holds the corpus at cfg.SF: it
// loads it with synth when the database holds no document, and refuses a
// database that holds another number of documents.
func benchCorpus(ctx context.Context, log *slog.Logger, url string, cfg synthConfig) error {
	st, err := app.OpenDatabase(ctx, log, url)
	if err != nil {
		return err
	}
	defer st.Close()
	has, err := st.DocumentExists(ctx)
	if err != nil {
		return err
	}
	if !has {
		log.Info("the database is empty: loading the corpus", "sf", cfg.SF)
		rep, err := loadSynth(ctx, log, st, cfg)
		if err != nil {
			return err
		}
		rep.write(os.Stderr)
	}
	var n int
	if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return err
	}
	if want := cfg.SF * synth.DocumentsPerSF; n != want {
		return fmt.Errorf("the database holds %d documents, SF%d is %d: give --database-url another database, or drop this one", n, cfg.SF, want)
	}
	// Fresh statistics and visibility map, as autovacuum leaves them once
	// a load settles: the plans measured are the plans of a settled
	// database.
	if _, err := st.Pool().Exec(ctx, `VACUUM (ANALYZE)`); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return nil
}

// benchPool opens the connections the SQL bound runs on: one per worker.
func benchPool(ctx context.Context, url string, n int) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	cfg.MaxConns, cfg.MinConns = int32(n), int32(n)
	return pgxpool.NewWithConfig(ctx, cfg)
}

func pickShapes(all []bench.Shape, only string) ([]bench.Shape, error) {
	if only == "" {
		return all, nil
	}
	var out []bench.Shape
	var names []string
	for _, s := range all {
		names = append(names, s.Name)
	}
	for _, name := range strings.Split(only, ",") {
		i := slices.Index(names, strings.TrimSpace(name))
		if i < 0 {
			return nil, fmt.Errorf("bench: no shape %q (shapes: %s): %w", name, strings.Join(names, ", "), cli.ErrUsage)
		}
		out = append(out, all[i])
	}
	return out, nil
}

// serveChild runs `sourcecmp serve` against the benchmark database, as a
// deployment runs it, except for the per-client limits (the load
// generator is one client, and the benchmark measures the executor, not
// the limiter), the seeds (none) and request logging.
func serveChild(ctx context.Context, exe, url, topics string) (string, int, func(), error) {
	exe, err := bench.SourcecmpBinary(exe)
	if err != nil {
		return "", 0, nil, err
	}
	noSeeds, err := os.MkdirTemp("", "sourcecmp-bench-seeds")
	if err != nil {
		return "", 0, nil, err
	}
	defer os.RemoveAll(noSeeds) // read once, at start
	p, err := bench.StartSourcecmp(ctx, exe, "--database-url", url, "--topics", topics, "--seeds", noSeeds,
		"--rate-limit", "0", "--cost-rate", "0", "--log-level", "warn")
	if err != nil {
		return "", 0, nil, err
	}
	return p.URL, p.Pid(), func() { p.Stop() }, nil
}

// startPostGraphile starts the PostGraphile that is measured and, first,
// one whose connections go through a statement counter, to measure the
// statements each shape runs.
func startPostGraphile(ctx context.Context, log *slog.Logger, dir, url string, shapes []bench.Shape) (*bench.Process, map[string]float64, error) {
	counter, err := bench.NewStatementCounter(url)
	if err != nil {
		return nil, nil, err
	}
	defer counter.Close()
	log.Info("counting PostGraphile's statements per request")
	counted, err := bench.StartPostGraphile(ctx, dir, counter.URL(url))
	if err != nil {
		return nil, nil, err
	}
	counts, err := bench.CountStatements(ctx, counted.URL, counter, shapes, 10)
	counted.Stop()
	if err != nil {
		return nil, nil, err
	}
	pg, err := bench.StartPostGraphile(ctx, dir, url)
	return pg, counts, err
}

// serveInProcess serves sourcecmp from this process, for --cpuprofile.
func serveInProcess(ctx context.Context, log *slog.Logger, url string) (string, func(), error) {
	st, err := store.Open(ctx, url)
	if err != nil {
		return "", nil, err
	}
	u, stop, err := bench.ServeInProcess(ctx, st, slog.New(slog.DiscardHandler))
	if err != nil {
		st.Close()
		return "", nil, err
	}
	return u, func() { stop(); st.Close() }, nil
}
