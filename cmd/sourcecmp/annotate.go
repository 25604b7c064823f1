package main

import (
	"context"
	"fmt"

	"github.com/sourcecmp/sourcecmp/internal/app"
	"github.com/sourcecmp/sourcecmp/internal/cli"
)

func runAnnotate(ctx context.Context, env *cli.Env, args []string) error {
	fs := cli.NewFlagSet(env, "annotate", "[flags] FILE|DIR...", `
Stores curated stances from annotation files (seeds/annotations/*.yaml): for
each file, every quote is located in the stored document's text before
anything is written, and the file's stances replace that document's curated
stances in one transaction. Stances made through the API are never touched.
Loading unchanged files writes nothing, and does not verify a file again
while its document's text and stances are those it was last loaded with.
Exits non-zero when a file failed;
each error names the file, the line, the stance and the quote.`)
	dbURL := cli.DatabaseFlag(env, fs)
	topics := cli.TopicsFlag(env, fs, app.DefaultTopics)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("annotate: no files given: %w", cli.ErrUsage)
	}
	log := cli.NewLogger(env)
	st, err := app.OpenDatabase(ctx, log, *dbURL)
	if err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	defer st.Close()
	_, tax, err := app.NewIngester(ctx, log, st, topics())
	if err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	if tax == nil {
		return fmt.Errorf("annotate: stances need the taxonomy: %w", cli.ErrUsage)
	}
	failed, err := app.LoadAnnotations(ctx, log, st, tax, fs.Args())
	if err != nil {
		return fmt.Errorf("annotate: %w", err)
	}
	if failed > 0 {
		fmt.Fprintf(env.Stderr, "sourcecmp: annotate: %d files failed\n", failed)
		return cli.ErrSilentFailure
	}
	return nil
}
