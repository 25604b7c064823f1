package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/sourcecmp/sourcecmp/internal/cli"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/source"
)

func runParse(ctx context.Context, env *cli.Env, args []string) error {
	fs := cli.NewFlagSet(env, "parse", "FILE...", `
Parses each file and prints the document as JSON: one object for one file,
an array for several. No database is involved. Plain text, PDF and HTML
are read, told apart by their content (format says which). A sidecar
FILE.meta.yaml (FILE without its extension) supplies metadata the file
does not state.`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("parse: no files given: %w", cli.ErrUsage)
	}
	var docs []*doc.Document
	for _, path := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := source.File(path)
		if err != nil {
			return err
		}
		docs = append(docs, d)
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if len(docs) == 1 {
		return enc.Encode(docs[0])
	}
	return enc.Encode(docs)
}
