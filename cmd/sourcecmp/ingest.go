package main

import (
	"context"
	"fmt"

)

func runIngest(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "ingest", "[flags] FILE|DIR...", `
Parses and stores documents: each FILE, and every *.txt in each DIR. Each
document is stored whole or not at all. An unchanged file is left alone; a
changed one replaces the stored document's content and keeps its ID (the
slug, the file name without .txt, is the key). Prints one line per file:
added, unchanged, updated or failed with the reason; exits non-zero when a
file failed. Creates and migrates the database if needed.`)
	dbURL := databaseFlag(env, fs)
	topics := topicsFlag(env, fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("ingest: no files given: %w", errUsage)
	}
	st, err := openDatabase(ctx, newLogger(env), *dbURL)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	defer st.Close()
	in, _, err := newIngester(ctx, st, *topics)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	results := in.Paths(ctx, fs.Args())
	failed := 0
	for _, r := range results {
		fmt.Fprintln(env.Stdout, r)
		if r.Err != nil {
			failed++
		}
	}
	if failed > 0 {
		fmt.Fprintf(env.Stderr, "sourcecmp: ingest: %d of %d files failed\n", failed, len(results))
		return errSilentFailure
	}
	return nil
}
