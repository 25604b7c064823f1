// Package seedtest gives a test its own database holding what `serve`
// loads from seeds/: the taxonomy, the seed documents and their curated
// stances. The seeding runs once per test process (see dbtest.SeededURL)
// and every test gets a clone; a package using it calls dbtest.Main from
// its TestMain.
package seedtest

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/curate"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/parse"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// Seeds is what the seed files say, read once per process; tests share it
// and must not change it.
type Seeds struct {
	Dir      string // seeds/
	Taxonomy *tag.Taxonomy
	Tagger   *tag.Tagger
	Parsed   map[string]*doc.Document // the parser's output, by slug
	Slugs    []string                 // in file order
}

// Documents is the directory of the seed documents.
func (s *Seeds) Documents() string { return filepath.Join(s.Dir, "documents") }

var load = sync.OnceValues(func() (*Seeds, error) {
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "seeds")
	tax, err := tag.LoadTaxonomy(filepath.Join(dir, "topics.yaml"))
	if err != nil {
		return nil, err
	}
	tagger, err := tag.NewTagger(tax)
	if err != nil {
		return nil, err
	}
	s := &Seeds{Dir: dir, Taxonomy: tax, Tagger: tagger, Parsed: map[string]*doc.Document{}}
	files, err := filepath.Glob(filepath.Join(s.Documents(), "*.txt"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no seed documents in %s: %v", s.Documents(), err)
	}
	slices.Sort(files)
	for _, path := range files {
		d, err := parse.File(path)
		if err != nil {
			return nil, err
		}
		s.Parsed[ingest.Slug(path)] = d
		s.Slugs = append(s.Slugs, ingest.Slug(path))
	}
	return s, nil
})

// Load returns the seeds.
func Load(t testing.TB) *Seeds {
	t.Helper()
	s, err := load()
	if err != nil {
		t.Fatalf("seedtest: %v", err)
	}
	return s
}

// URL returns the URL of a new database holding the seeds, dropped when
// the test ends.
func URL(t testing.TB) string {
	t.Helper()
	return dbtest.SeededURL(t, "seeds", Seed)
}

// Store returns a store on a new database holding the seeds (see URL),
// closed when the test ends.
func Store(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), URL(t))
	if err != nil {
		t.Fatalf("seedtest: open store: %v", err)
	}
	t.Cleanup(st.Close)
	return st
}

// Ingester returns an ingester storing into st with the seeds' tagger and
// re-anchoring, as `serve` makes it.
func (s *Seeds) Ingester(st *store.Store) *ingest.Ingester {
	return &ingest.Ingester{Store: st, Tagger: s.Tagger, AfterReplace: curate.Reanchor}
}

// Seed stores the seeds into the migrated database at url, as `serve`
// does: a dbtest.SeedFunc, for templates that hold the seeds and more.
func Seed(ctx context.Context, url string) error {
	s, err := load()
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, url)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.TopicSync(ctx, s.Taxonomy); err != nil {
		return err
	}
	for _, r := range s.Ingester(st).Paths(ctx, []string{s.Documents()}) {
		if r.Err != nil {
			return fmt.Errorf("ingest seeds: %w", r.Err)
		}
	}
	files, err := annotation.LoadDir(filepath.Join(s.Dir, "annotations"), s.Taxonomy)
	if err != nil {
		return err
	}
	for _, r := range curate.LoadAnnotations(ctx, st, files) {
		if r.Err != nil {
			return fmt.Errorf("annotations %s: %w", r.Path, r.Err)
		}
	}
	return nil
}

// Main runs a package's tests and drops its templates: call it from
// TestMain as os.Exit(seedtest.Main(m)).
func Main(m *testing.M) int { return dbtest.Main(m) }
