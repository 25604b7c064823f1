package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/curate"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// taxonomyActor is who the audit log names for the scoring of stored
// documents again after the taxonomy's terms changed.
const taxonomyActor = "(taxonomy sync)"

// newIngester loads the taxonomy at topicsPath, makes the topics table
// hold it (scoring stored documents again when its terms changed), and
// returns an ingester that scores documents against it and
// re-anchors citations when a document's text changes. An empty path
// ingests without topic scores.
func newIngester(ctx context.Context, log *slog.Logger, st *store.Store, topicsPath string) (*ingest.Ingester, *tag.Taxonomy, error) {
	in := &ingest.Ingester{Store: st, AfterReplace: curate.Reanchor}
	if topicsPath == "" {
		return in, nil, nil
	}
	tax, err := tag.LoadTaxonomy(topicsPath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("no taxonomy at %s: give its path with --topics (or --topics '' to store no topic scores)", topicsPath)
	}
	if err != nil {
		return nil, nil, err
	}
	tagger, err := tag.NewTagger(tax)
	if err != nil {
		return nil, nil, err
	}
	if err := st.TopicSync(ctx, tax); err != nil {
		return nil, nil, err
	}
	in.Tagger = tagger
	n, err := in.Retag(ctx, tax)
	if err != nil {
		return nil, nil, err
	}
	if n > 0 {
		log.Info("the taxonomy's terms changed: scored every document again", "documents", n)
		if _, err := store.AuditRecord(ctx, st.Pool(), store.AuditEntry{Who: taxonomyActor, Action: "rescoreDocuments",
			Target: topicsPath, Details: map[string]any{"documents": n}}); err != nil {
			return nil, nil, err
		}
	}
	return in, tax, nil
}

// loadAnnotations stores the curated stances in the annotation files of
// paths (files or directories of *.yaml). Unchanged files write nothing.
// It reports per file and returns how many files failed.
func loadAnnotations(ctx context.Context, log *slog.Logger, st *store.Store, tax *tag.Taxonomy, paths []string) (failed int, err error) {
	var files []annotation.File
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return 0, fmt.Errorf("annotations: %w", err)
		}
		var loaded []annotation.File
		if info.IsDir() {
			loaded, err = annotation.LoadDir(p, tax)
		} else {
			var f *annotation.File
			if f, err = annotation.Load(p, tax); err == nil {
				loaded = []annotation.File{*f}
			}
		}
		if err != nil {
			return 0, err
		}
		files = append(files, loaded...)
	}
	for _, r := range curate.LoadAnnotations(ctx, st, files) {
		if r.Err != nil {
			failed++
			log.Error("annotations failed", "file", r.Path, "err", r.Err)
			continue
		}
		log.Info("annotations", "file", r.Path, "document", r.Document, "stances", r.Stances, "removed", r.Removed, "kept_api_stances", r.Skipped)
	}
	return failed, ctx.Err()
}

// seedCuration loads dir/annotations when the directory exists: curated
// stances follow the seed documents.
func seedCuration(ctx context.Context, log *slog.Logger, st *store.Store, tax *tag.Taxonomy, dir string) error {
	ann := filepath.Join(dir, "annotations")
	if _, err := os.Stat(ann); err != nil || tax == nil {
		return nil
	}
	if _, err := loadAnnotations(ctx, log, st, tax, []string{ann}); err != nil {
		return err
	}
	return nil
}

// topicsFlag adds the --topics flag: the taxonomy documents are scored against.
func topicsFlag(env *Env, fs *flag.FlagSet) *string {
	return fs.String("topics", envDefault(env, "SOURCECMP_TOPICS", filepath.Join("seeds", "topics.yaml")),
		"topic taxonomy YAML; '' stores no topic scores (env SOURCECMP_TOPICS)")
}
