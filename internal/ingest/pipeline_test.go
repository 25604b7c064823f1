package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/parse"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// contentTables are the tables an ingest writes, with the columns that
// differ between two equal loads (the clock) left out of the comparison.
var contentTables = []string{"documents", "authors", "document_authors", "sections", "paragraphs",
	"footnotes", "footnote_refs", "captions", "works", "footnote_works",
	"paragraph_topics", "section_topics", "document_topics"}

// contents returns every row of the content tables, ids included, and the
// definitions of their indexes, as text to compare.
func contents(t *testing.T, st *store.Store) string { return tableContents(t, st, false) }

// contentsByAuthorKey is contents with authors named by their name key
// rather than their id: a batch upserts its authors in name key order
// (no deadlock between two loads), one document at a time numbers them in
// byline order.
func contentsByAuthorKey(t *testing.T, st *store.Store) string { return tableContents(t, st, true) }

func tableContents(t *testing.T, st *store.Store, byAuthorKey bool) string {
	t.Helper()
	var b strings.Builder
	for _, table := range contentTables {
		row := `to_jsonb(t) - 'created_at' - 'updated_at'`
		from := table + ` t`
		switch {
		case byAuthorKey && table == "authors":
			row += ` - 'id'`
		case byAuthorKey && table == "document_authors":
			row += ` - 'author_id' || jsonb_build_object('author', (SELECT name_key FROM authors a WHERE a.id = t.author_id))`
		}
		var rows string
		err := st.Pool().QueryRow(context.Background(), `SELECT coalesce(string_agg(r, E'\n' ORDER BY r), '')
			FROM (SELECT (`+row+`)::text AS r FROM `+from+`) x`).Scan(&rows)
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		fmt.Fprintf(&b, "== %s\n%s\n", table, rows)
	}
	var indexes string
	if err := st.Pool().QueryRow(context.Background(), `SELECT string_agg(indexdef, E'\n' ORDER BY indexname)
		FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1)`, contentTables).Scan(&indexes); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "== indexes\n%s\n", indexes)
	return b.String()
}

// taggedStore returns a store whose topics table holds the test taxonomy,
// and a tagger for it.
func taggedStore(t *testing.T) (*store.Store, *tag.Tagger) {
	t.Helper()
	x, err := tag.LoadTaxonomy("../tag/testdata/topics.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tagger, err := tag.NewTagger(x)
	if err != nil {
		t.Fatal(err)
	}
	st := dbtest.Store(t)
	for i, tp := range x.Topics {
		if _, err := st.Pool().Exec(context.Background(), `INSERT INTO topics (slug, ordinal, name_ja) VALUES ($1, $2, $3)`,
			tp.Slug, i, tp.Name.JA); err != nil {
			t.Fatal(err)
		}
	}
	return st, tagger
}

// seedSource opens the seed files, the later ones first (each waits longer
// the earlier its index), so that parallel workers finish out of order.
func seedSource(t *testing.T, jitter bool) (int, ingest.Source) {
	files := seedFiles(t)
	return len(files), func(ctx context.Context, i int) (ingest.Input, error) {
		if jitter {
			time.Sleep(time.Duration(len(files)-i) * time.Millisecond)
		}
		in := ingest.Input{File: files[i], Slug: ingest.Slug(files[i])}
		d, err := parse.File(files[i])
		in.Doc = d
		return in, err
	}
}

// A load analysed by several workers, finishing in any order, with its
// index builds deferred, stores exactly what one worker storing batch
// after batch with its indexes in place does: the same rows under the same
// ids, and the same indexes at the end. And that is what storing document
// after document, each in its own transaction, stores, but for the
// numbering of the authors.
func TestParallelLoadStoresWhatSequentialDoes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	seqStore, tagger := taggedStore(t)
	n, open := seedSource(t, false)
	seq := &ingest.Ingester{Store: seqStore, Tagger: tagger, Workers: 1}
	for _, r := range seq.Load(ctx, n, open) {
		if r.Err != nil || r.Status != store.Added {
			t.Fatalf("sequential: %v", r)
		}
	}
	oneStore, tagger := taggedStore(t)
	one := &ingest.Ingester{Store: oneStore, Tagger: tagger, Workers: 1, BatchSize: 1}
	for _, r := range one.Load(ctx, n, open) {
		if r.Err != nil || r.Status != store.Added {
			t.Fatalf("one by one: %v", r)
		}
	}
	if a, b := contentsByAuthorKey(t, oneStore), contentsByAuthorKey(t, seqStore); a != b {
		t.Errorf("a load in batches differs from one document at a time:\n%s", firstDiff(a, b))
	}

	parStore, tagger := taggedStore(t)
	bulk, err := parStore.BulkLoadBegin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !containsAll(bulk.Deferred, "paragraphs_search_idx", "paragraph_topics_topic_id_score_idx") {
		t.Fatalf("deferred %v, want the search index and the topic indexes among them", bulk.Deferred)
	}
	if got := queryInt(t, parStore, `SELECT count(*) FROM pg_indexes WHERE indexname = 'paragraphs_search_idx'`); got != 0 {
		t.Fatalf("the search index is still there during the load")
	}
	if !containsAll(bulk.Deferred, "search_lexemes") {
		t.Fatalf("deferred %v, want the lexeme counts among them", bulk.Deferred)
	}
	n, open = seedSource(t, true)
	par := &ingest.Ingester{Store: parStore, Tagger: tagger, Workers: 4}
	var order []string
	par.OnResult = func(r ingest.Result) { order = append(order, r.File) }
	for _, r := range par.Load(ctx, n, open) {
		if r.Err != nil || r.Status != store.Added {
			t.Fatalf("parallel: %v", r)
		}
	}
	if err := bulk.End(ctx); err != nil {
		t.Fatal(err)
	}
	if want := seedFiles(t); strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("results reported in order %v, want %v", order, want)
	}
	if queryInt(t, parStore, `SELECT count(*) FROM deferred_indexes`) != 0 {
		t.Error("deferred_indexes not emptied by End")
	}
	// The lexeme counts, kept by the triggers in the sequential loads and
	// counted once at the end of the bulk load, are the vectors'.
	for name, st := range map[string]*store.Store{"sequential": seqStore, "one by one": oneStore, "bulk": parStore} {
		if n := queryInt(t, st, lexemeCountsStale); n != 0 {
			t.Errorf("%s: %d lexemes counted otherwise in search_lexemes than in the vectors", name, n)
		}
	}
	if a, b := contents(t, seqStore), contents(t, parStore); a != b {
		t.Errorf("parallel bulk load differs from sequential load:\n%s", firstDiff(a, b))
	}
}

// lexemeCountsStale counts the lexemes search_lexemes counts otherwise
// than the stored vectors hold them (missing or extra rows included).
const lexemeCountsStale = `SELECT count(*) FROM (
	SELECT u.lexeme, count(*) AS n FROM paragraphs p, unnest(p.search) u GROUP BY u.lexeme) v
	FULL JOIN search_lexemes s ON s.lexeme = v.lexeme
	WHERE v.n IS DISTINCT FROM s.paragraphs`

func containsAll(list []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, s := range list {
			found = found || s == w
		}
		if !found {
			return false
		}
	}
	return true
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n- %.300s\n+ %.300s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(al), len(bl))
}

// A document that fails mid-load (here: its Source errs) is reported by
// name, stores nothing, and the documents after it are stored as usual.
func TestLoadFailureNamesTheDocumentAndStoresNothingOfIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	n, open := seedSource(t, false)
	bad := n / 2
	in := &ingest.Ingester{Store: st}
	results := in.Load(ctx, n, func(ctx context.Context, i int) (ingest.Input, error) {
		input, err := open(ctx, i)
		if i == bad {
			return input, errors.New("the generator broke")
		}
		return input, err
	})
	for i, r := range results {
		switch {
		case i == bad:
			if r.Err == nil || !strings.Contains(r.String(), seedFiles(t)[bad]) || !strings.Contains(r.String(), "the generator broke") {
				t.Errorf("failed document: %q, want its file and the reason", r.String())
			}
		case r.Err != nil || r.Status != store.Added:
			t.Errorf("%s: %v", r.File, r)
		}
	}
	if got := queryInt(t, st, `SELECT count(*) FROM documents WHERE slug = $1`, ingest.Slug(seedFiles(t)[bad])); got != 0 {
		t.Error("the failed document was stored")
	}
	if got := queryInt(t, st, `SELECT count(*) FROM documents`); got != int64(n-1) {
		t.Errorf("%d documents stored, want %d", got, n-1)
	}
}

// A bulk load that dies before End leaves its indexes' definitions; the
// next process builds them, unless a load holds them deferred still.
func TestDeferredIndexesOfADeadLoadAreBuilt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.URL(t)
	open := func() *store.Store {
		st, err := store.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(st.Close)
		return st
	}
	dying, other := open(), open()
	want := queryInt(t, other, `SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema()`)
	bulk, err := dying.BulkLoadBegin(ctx)
	if err != nil || len(bulk.Deferred) == 0 {
		t.Fatalf("begin: %v, deferred %v", err, bulk.Deferred)
	}
	if b, err := other.BulkLoadBegin(ctx); err != nil || len(b.Deferred) != 0 {
		t.Fatalf("a second load while the first runs: %v, deferred %v; want nothing deferred", err, b.Deferred)
	}
	if n, err := other.DeferredIndexesBuild(ctx); err != nil || n != 0 {
		t.Fatalf("built %d (%v) under a running load, want none", n, err)
	}
	// The process dies: its session, and the lock with it.
	if _, err := other.Pool().Exec(ctx, `SELECT pg_terminate_backend(l.pid) FROM pg_locks l
		JOIN pg_database d ON d.oid = l.database
		WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()`); err != nil {
		t.Fatal(err)
	}
	dbtest.Eventually(t, 10*time.Second, "the dead load's lock released", func() bool {
		return queryInt(t, other, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'
			AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`) == 0
	})
	n, err := other.DeferredIndexesBuild(ctx)
	if err != nil || n != len(bulk.Deferred) {
		t.Fatalf("built %d (%v), want the %d deferred", n, err, len(bulk.Deferred))
	}
	if got := queryInt(t, other, `SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema()`); got != want {
		t.Errorf("%d indexes after the rebuild, want %d", got, want)
	}
	if queryInt(t, other, `SELECT count(*) FROM deferred_indexes`) != 0 {
		t.Error("deferred_indexes still lists indexes")
	}
	if err := bulk.End(ctx); err != nil { // gives the dead connection back
		t.Errorf("end of the dead load: %v", err)
	}
}

// A database that holds documents keeps its indexes during a load.
func TestBulkLoadIntoAPopulatedDatabaseDefersNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	if _, err := in.File(ctx, seedFiles(t)[0]); err != nil {
		t.Fatal(err)
	}
	b, err := st.BulkLoadBegin(ctx)
	if err != nil || len(b.Deferred) != 0 {
		t.Fatalf("%v, deferred %v; want nothing", err, b.Deferred)
	}
	if err := b.End(ctx); err != nil {
		t.Fatal(err)
	}
}

// A batch that holds a document stored with other content, and one that
// fails inside the transaction, is saved one document at a time: the
// stored one is replaced in place, the failing one stores nothing and its
// error names its file, and every other document is stored whole.
func TestBatchFallsBackToOneDocumentAtATime(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	files := seedFiles(t)
	in := &ingest.Ingester{Store: st}
	stored, err := in.File(ctx, files[1])
	if err != nil {
		t.Fatal(err)
	}
	// The stored version of files[1] has other content now.
	if _, err := st.Pool().Exec(ctx, `UPDATE documents SET content_hash = 'older' WHERE id = $1`, stored.DocumentID); err != nil {
		t.Fatal(err)
	}
	bad := ingest.Slug(files[3])
	if _, err := st.Pool().Exec(ctx, `
		CREATE FUNCTION refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.slug = '`+bad+`' THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$;
		CREATE TRIGGER refuse BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION refuse_one()`); err != nil {
		t.Fatal(err)
	}
	n, open := seedSource(t, false)
	// Batches of two: files[1] is in the first, which finds it stored,
	// files[3] in the second, which fails on it.
	in.BatchSize = 2
	results := in.Load(ctx, n, open)
	for i, r := range results {
		switch {
		case i == 1:
			if r.Err != nil || r.Status != store.Updated || r.DocumentID != stored.DocumentID {
				t.Errorf("%s: %v, want updated in place (document %d)", r.File, r, stored.DocumentID)
			}
		case i == 3:
			if r.Err == nil || !strings.Contains(r.String(), files[3]) || !strings.Contains(r.String(), "injected failure") {
				t.Errorf("failed document: %q, want its file and the reason", r.String())
			}
		case r.Err != nil || r.Status != store.Added:
			t.Errorf("%s: %v", r.File, r)
		}
		if i != 3 {
			checkStored(t, st, r.File)
		}
	}
	if got := queryInt(t, st, `SELECT count(*) FROM documents WHERE slug = $1`, bad); got != 0 {
		t.Error("the failed document was stored")
	}
	if got := queryInt(t, st, `SELECT count(*) FROM documents`); got != int64(n-1) {
		t.Errorf("%d documents stored, want %d", got, n-1)
	}
}

// A load into an empty database leaves the planner statistics of the
// tables it filled (without them, at SF10, a topic filter's matches were
// guessed 40× too few). No tagger here, so no topic rows to look at.
func TestBulkLoadAnalyzesWhatItLoaded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	b, err := st.BulkLoadBegin(ctx)
	if err != nil || len(b.Deferred) == 0 {
		t.Fatalf("begin: %v, deferred %v", err, b.Deferred)
	}
	in := &ingest.Ingester{Store: st}
	for _, f := range seedFiles(t) {
		if _, err := in.File(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.End(ctx); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"paragraphs", "sections", "documents"} {
		if queryInt(t, st, `SELECT count(*) FROM pg_stats WHERE schemaname = current_schema() AND tablename = $1`, table) == 0 {
			t.Errorf("%s has no statistics after the load", table)
		}
	}
}
