package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"sync"
	"syscall"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/app"
	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/curate"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/synth"
)

func runSynth(ctx context.Context, env *cli.Env, args []string) error {
	fs := cli.NewFlagSet(env, "synth", "[flags]", `
Generates a synthetic corpus of SF × 1000 documents with the seeds' shape
(about forty paragraphs, footnotes, one or two authors from a pool of two
thousand, topic scores, two to four stances with verified citations each),
written in the sentences of the documents in --documents, and stores it
through the same path as ingest: search vectors, topic scores and COPY in
one transaction per document, several documents at once, then the stances
through the annotation loader. The same seed gives the same corpus; running
it again on the same database finds every document unchanged and writes
nothing. Reports documents/s and MB/s. Creates and migrates the database if
needed.`)
	e := cli.NewEnvFlags(env, fs)
	sf := e.Int("sf", "SOURCECMP_SF", 1, "scale factor: the corpus holds SF × 1000 documents")
	seed := e.Uint64("seed", "SOURCECMP_SYNTH_SEED", 1, "seed of the generator; the same seed gives the same corpus")
	docs := e.String("documents", "SOURCECMP_SYNTH_DOCUMENTS", cli.EnvDefault(env, "SOURCECMP_SEEDS", "seeds")+"/documents",
		"directory of the documents whose sentences, headings and notes the corpus reuses")
	jobs := e.Int("jobs", "SOURCECMP_SYNTH_JOBS", runtime.GOMAXPROCS(0)+1, "annotation files verified and stored at once (documents are generated and analysed on GOMAXPROCS workers)")
	cpuprofile := e.String("cpuprofile", "SOURCECMP_SYNTH_CPUPROFILE", "", "write the CPU profile of the load here")
	dbURL := cli.DatabaseFlag(env, fs)
	topics := cli.TopicsFlag(env, fs, app.DefaultTopics)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := e.Err(); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		defer pprof.StopCPUProfile()
	}
	if fs.NArg() > 0 || *sf < 1 || *jobs < 1 {
		fs.Usage()
		return fmt.Errorf("synth: want --sf ≥ 1, --jobs ≥ 1 and no arguments: %w", cli.ErrUsage)
	}
	log := cli.NewLogger(env)
	st, err := app.OpenDatabase(ctx, log, *dbURL)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	defer st.Close()
	rep, err := loadSynth(ctx, log, st, synthConfig{SF: *sf, Seed: *seed, Documents: *docs, Topics: topics(), Jobs: *jobs})
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	rep.write(env.Stdout)
	return nil
}

// synthConfig says which corpus to generate and from what.
type synthConfig struct {
	SF        int
	Seed      uint64
	Documents string // directory of source documents for the vocabulary
	Topics    app.TaxonomyPath
	Jobs      int // annotation files in flight at once
}

// synthReport is what loading a synthetic corpus did and how fast.
type synthReport struct {
	Documents, Added, Unchanged, Updated int
	Bytes                                int64 // text bytes: title, paragraphs and footnotes
	DocumentTime                         time.Duration
	Annotations, Stances                 int
	AnnotationTime                       time.Duration
	// DocumentCPU and AnnotationCPU are this process's CPU time (user and
	// system, from rusage) in each phase: on a shared machine a steadier
	// figure than the wall time. PostgreSQL's is not in them.
	DocumentCPU, AnnotationCPU time.Duration
}

func (r synthReport) write(w io.Writer) {
	secs := r.DocumentTime.Seconds()
	fmt.Fprintf(w, "documents  %d (added %d, unchanged %d, updated %d), %s of text in %s: %.1f documents/s, %.2f MB/s\n",
		r.Documents, r.Added, r.Unchanged, r.Updated, cli.HumanBytes(r.Bytes), r.DocumentTime.Round(time.Millisecond),
		float64(r.Documents)/secs, float64(r.Bytes)/1e6/secs)
	fmt.Fprintf(w, "stances    %d in %d annotation files in %s\n", r.Stances, r.Annotations, r.AnnotationTime.Round(time.Millisecond))
	fmt.Fprintf(w, "total      %s\n", (r.DocumentTime + r.AnnotationTime).Round(time.Millisecond))
	fmt.Fprintf(w, "cpu        documents %.1f s, stances %.1f s (this process, user+system)\n",
		r.DocumentCPU.Seconds(), r.AnnotationCPU.Seconds())
}

// loadSynth generates the corpus cfg names and stores it in st: the
// documents through ingest, then their stances through the annotation
// loader.
func loadSynth(ctx context.Context, log *slog.Logger, st *store.Store, cfg synthConfig) (synthReport, error) {
	vocab, err := synth.VocabularyFrom(cfg.Documents)
	if errors.Is(err, synth.ErrNoDocuments) {
		return synthReport{}, fmt.Errorf("%w (give --documents): %w", err, cli.ErrUsage)
	}
	if err != nil {
		return synthReport{}, err
	}
	in, tax, err := app.NewIngester(ctx, log, st, cfg.Topics)
	if err != nil {
		return synthReport{}, err
	}
	if tax == nil {
		return synthReport{}, fmt.Errorf("the corpus's stances need the taxonomy: give --topics: %w", cli.ErrUsage)
	}
	gen := synth.NewGenerator(vocab, tax, cfg.Seed)
	n := cfg.SF * synth.DocumentsPerSF
	log.Info("generating", "documents", n, "seed", cfg.Seed, "jobs", cfg.Jobs)

	rep := synthReport{Documents: n}
	files := make([]annotation.File, n)
	size := make([]int64, n)
	start, cpu := time.Now(), processCPU()
	var results []ingest.Result
	done := 0
	in.OnResult = func(ingest.Result) { // from the one writer, in order
		if done++; done%1000 == 0 {
			log.Info("documents", "done", done, "of", n, "elapsed", time.Since(start).Round(time.Millisecond))
		}
	}
	err = app.BulkLoad(ctx, log, st, n, func() error {
		results = in.Load(ctx, n, func(ctx context.Context, i int) (ingest.Input, error) {
			g := gen.Document(i) // each index is opened once: files[i] is this worker's
			files[i], size[i] = *g.Annotations, textBytes(g.Doc)
			return ingest.Input{File: g.Annotations.Document, Slug: g.Annotations.Document, Doc: g.Doc}, nil
		})
		return nil
	})
	rep.DocumentTime, rep.DocumentCPU = time.Since(start), processCPU()-cpu
	if err != nil {
		return rep, err
	}
	failed, firstErr := 0, error(nil)
	for i, r := range results {
		if r.Err != nil {
			if failed++; firstErr == nil {
				firstErr = fmt.Errorf("document %d (%s): %w", i, r.File, r.Err)
			}
			continue
		}
		rep.Bytes += size[i]
		switch r.Status {
		case store.Added:
			rep.Added++
		case store.Unchanged:
			rep.Unchanged++
		case store.Updated:
			rep.Updated++
		}
	}
	if failed > 0 {
		return rep, fmt.Errorf("%d of %d documents failed, the first: %w", failed, n, firstErr)
	}

	start, cpu = time.Now(), processCPU()
	var mu sync.Mutex
	rep.Annotations = len(files)
	chunks := splitFiles(files, cfg.Jobs)
	err = parallel(ctx, len(chunks), cfg.Jobs, func(ctx context.Context, i int) error {
		var errs []error
		stances := 0
		for _, r := range curate.LoadAnnotations(ctx, st, chunks[i]) {
			if r.Err != nil {
				errs = append(errs, r.Err)
			}
			stances += r.Stances
		}
		mu.Lock()
		rep.Stances += stances
		mu.Unlock()
		return errors.Join(errs...)
	})
	rep.AnnotationTime, rep.AnnotationCPU = time.Since(start), processCPU()-cpu
	return rep, err
}

// parallel runs fn for 0..n-1 on jobs goroutines and returns the first
// error, after which the others stop taking work.
func parallel(ctx context.Context, n, jobs int, fn func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, n) {
		wg.Go(func() {
			for i := range work {
				if err := fn(ctx, i); err != nil {
					cancel(err)
				}
			}
		})
	}
feed:
	for i := range n {
		select {
		case work <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	return context.Cause(ctx)
}

// splitFiles cuts files into about k runs of consecutive files.
func splitFiles(files []annotation.File, k int) [][]annotation.File {
	var out [][]annotation.File
	size := max(1, (len(files)+k*4-1)/(k*4)) // several runs per job: none waits on a slow one
	for i := 0; i < len(files); i += size {
		out = append(out, files[i:min(i+size, len(files))])
	}
	return out
}

// processCPU is the CPU time this process used so far, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// textBytes is the size of a document's text: what the tokenizer reads.
func textBytes(d *doc.Document) int64 {
	var n int64
	if d.Title != nil {
		n = int64(len(*d.Title))
	}
	for _, p := range d.Paragraphs() {
		n += int64(len(p.Text))
	}
	for _, f := range d.Footnotes {
		if f.Body != nil {
			n += int64(len(*f.Body))
		}
	}
	return n
}
