package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/obs"
)

// Environment variables of the ingest command's own flags.
const (
	envIngestJSON = "SOURCECMP_INGEST_JSON"
	envProgress   = "SOURCECMP_PROGRESS"
)

func runIngest(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "ingest", "[flags] FILE|DIR...", `
Parses and stores documents: each FILE, and every .txt, .pdf, .html and
.htm file in each DIR (plain text, PDF and HTML, told apart by content).
Each document is stored whole or not at all. An unchanged file is left
alone; a changed one replaces the stored document's content and keeps its
ID (the slug, the file name without its extension, is the key). Creates and migrates the
database if needed.

Prints one line per file on stdout as soon as it is done: added, unchanged,
updated or failed with the reason (with --json, one JSON object per file
and a final {"type":"summary"} object). On stderr it draws a progress bar
(files, bytes, rate, time left) when stderr is a terminal, and a summary
table at the end. Exits non-zero when a file failed.`)
	dbURL := databaseFlag(env, fs)
	topics := topicsFlag(env, fs, defaultTopics)
	jsonDefault, err := envBool(env, envIngestJSON)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	jsonLines := fs.Bool("json", jsonDefault, "print JSON lines instead of text (env "+envIngestJSON+")")
	progress := fs.String("progress", envDefault(env, envProgress, "auto"),
		"progress bar on stderr: auto (when stderr is a terminal), always or never (env "+envProgress+")")
	logger := logFlags(env, fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("ingest: no files given: %w", errUsage)
	}
	bar, width, err := progressBar(env, *progress)
	if err != nil {
		fs.Usage()
		return fmt.Errorf("ingest: %w", err)
	}
	log, err := logger()
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	st, err := openDatabase(ctx, log, *dbURL)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	defer st.Close()
	in, _, err := newIngester(ctx, log, st, topics())
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	files, size := ingest.Plan(fs.Args())
	report := newIngestReport(env.Stdout, env.Stderr, *jsonLines, bar, width, len(files), size, time.Now)
	in.OnResult = report.result
	var results []ingest.Result
	if err := bulkLoad(ctx, log, st, len(files), func() error {
		results = in.Paths(ctx, fs.Args())
		return nil
	}); err != nil {
		report.finish()
		return fmt.Errorf("ingest: %w", err)
	}
	if failed := report.finish(); failed > 0 {
		fmt.Fprintf(env.Stderr, "sourcecmp: ingest: %d of %d files failed\n", failed, len(results))
		return errSilentFailure
	}
	return ctx.Err()
}

// progressBar tells whether to draw the progress bar on stderr, and how
// wide the terminal is (80 columns when it does not say).
func progressBar(env *Env, mode string) (bool, int, error) {
	width := 80
	if f, ok := env.Stderr.(*os.File); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			width = w
		}
	}
	switch mode {
	case "auto":
		return obs.IsTerminal(env.Stderr), width, nil
	case "always":
		return true, width, nil
	case "never":
		return false, width, nil
	}
	return false, 0, fmt.Errorf("--progress %q: want auto, always or never: %w", mode, errUsage)
}
