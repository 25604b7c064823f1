package main

import (
	"context"
	"fmt"
)

func runAnnotate(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet(env, "annotate", "[flags] FILE|DIR...", `
Stores curated stances from annotation files (seeds/annotations/*.yaml): for
each file, every quote is located in the stored document's text before
anything is written, and the file's stances replace that document's curated
stances in one transaction. Stances made through the API are never touched.
Loading unchanged files writes nothing. Exits non-zero when a file failed;
each error names the file, the line, the stance and the quote.`)
	dbURL := databaseFlag(env, fs)
	topics := topicsFlag(env, fs, defaultTopics)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("annotate: no files given: %w", errUsage)
	}
	log := newLogger(env)
	st, err := openDatabase(ctx, log, *dbURL)
	if err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	defer st.Close()
	_, tax, err := newIngester(ctx, log, st, topics())
	if err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	if tax == nil {
		return fmt.Errorf("annotate: stances need the taxonomy: %w", errUsage)
	}
	failed, err := loadAnnotations(ctx, log, st, tax, fs.Args())
	if err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	if failed > 0 {
		fmt.Fprintf(env.Stderr, "sourcecmp: annotate: %d files failed\n", failed)
		return errSilentFailure
	}
	return nil
}
