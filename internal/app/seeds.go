package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/curate"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/tag"
	"github.com/sourcecmp/sourcecmp/seeds"
)

// taxonomyActor is who the audit log names for the scoring of stored
// documents again after the taxonomy's terms changed.
const taxonomyActor = "(taxonomy sync)"

// TaxonomyPath is the --topics flag once parsed: a taxonomy file, or ""
// for no topic scores. Default is set when the flag was not given: a
// missing file then means the built-in taxonomy.
type TaxonomyPath struct {
	Path    string
	Default bool
}

// LoadTaxonomy reads the taxonomy topics names; nil for none.
func LoadTaxonomy(log *slog.Logger, topics TaxonomyPath) (*tag.Taxonomy, error) {
	if topics.Path == "" {
		return nil, nil
	}
	tax, err := tag.LoadTaxonomy(topics.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && topics.Default:
		log.Info("no taxonomy file: using the built-in taxonomy (give another with --topics)", "looked_for", topics.Path)
		return tag.ParseTaxonomy(seeds.TopicsName, seeds.Topics)
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("no taxonomy at %s: give its path with --topics (or --topics '' to store no topic scores)", topics.Path)
	}
	return tax, err
}

// NewIngester loads the taxonomy topics names, makes the topics table
// hold it (scoring stored documents again when its terms changed), and
// returns an ingester that scores documents against it and re-anchors
// citations when a document's text changes. An empty path ingests
// without topic scores.
func NewIngester(ctx context.Context, log *slog.Logger, st *store.Store, topics TaxonomyPath) (*ingest.Ingester, *tag.Taxonomy, error) {
	in := &ingest.Ingester{Store: st, AfterReplace: curate.Reanchor}
	tax, err := LoadTaxonomy(log, topics)
	if err != nil || tax == nil {
		return in, nil, err
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
			Target: topics.Path, Details: map[string]any{"documents": n}}); err != nil {
			return nil, nil, err
		}
	}
	return in, tax, nil
}

// LoadAnnotations stores the curated stances in the annotation files of
// paths (files or directories of *.yaml). Unchanged files write nothing,
// and are not verified again while their documents' texts are unchanged.
// It reports per file and returns how many files failed.
func LoadAnnotations(ctx context.Context, log *slog.Logger, st *store.Store, tax *tag.Taxonomy, paths []string) (failed int, err error) {
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
		log.Info("annotations", "file", r.Path, "document", r.Document, "stances", r.Stances, "removed", r.Removed, "kept_api_stances", r.Skipped,
			"unchanged", r.Unchanged)
	}
	return failed, ctx.Err()
}

// SeedCuration loads dir/annotations when the directory exists: curated
// stances follow the seed documents. An annotation file that fails stops
// the start-up: a seed must never be silently missing.
func SeedCuration(ctx context.Context, log *slog.Logger, st *store.Store, tax *tag.Taxonomy, dir string) error {
	ann := filepath.Join(dir, "annotations")
	if _, err := os.Stat(ann); dir == "" || err != nil || tax == nil {
		return nil
	}
	failed, err := LoadAnnotations(ctx, log, st, tax, []string{ann})
	if err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("seed annotations: %d file(s) of %s failed (the log says why)", failed, ann)
	}
	return nil
}

// DefaultTopics is where the commands look for the taxonomy, from the
// repository's root.
var DefaultTopics = filepath.Join("seeds", "topics.yaml")

// startupActor is who the audit log names for what serve changes as it
// starts: not a possible API key name (they start with a letter or digit).
const startupActor = "(serve start-up)"

// seed ingests dir/documents on every start: an unchanged file costs a
// hash, and the seed annotations that follow need every seed document,
// whatever else the database holds. A file that fails stops the start-up
// with its reason. Without dir/documents (or dir) there is nothing to load.
// Every document it adds or replaces is in the audit log.
func Seed(ctx context.Context, log *slog.Logger, in *ingest.Ingester, dir string) error {
	docs := filepath.Join(dir, "documents")
	if _, err := os.Stat(docs); dir == "" || err != nil {
		log.Info("no seed documents to load", "seeds", docs)
		return nil
	}
	seeder := *in // the same, recording each document in the audit log
	seeder.AfterSave = func(ctx context.Context, tx pgx.Tx, file string, res store.SaveResult) error {
		_, err := store.AuditRecord(ctx, tx, store.AuditEntry{Who: startupActor, Action: "seedDocument",
			Target: gid.Encode(gid.Document, res.DocumentID), Details: map[string]any{"file": file, "status": res.Status}})
		return err
	}
	var failed []error
	for _, r := range seeder.Paths(ctx, []string{docs}) {
		if r.Err != nil {
			log.Error("seed failed", "file", r.File, "err", r.Err)
			failed = append(failed, fmt.Errorf("seed %s: %w", r.File, r.Err))
			continue
		}
		if r.Status != store.Unchanged {
			log.Info("seeded", "file", r.File, "status", r.Status, "document_id", r.DocumentID)
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(failed...)
}
