package ingest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/parse"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

const seedDir = "../../seeds/documents"

// seedFiles returns the seed documents' paths in name order.
func seedFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed files in %s: %v", seedDir, err)
	}
	slices.Sort(files)
	return files
}

// copySeeds copies the seed files (and sidecars) into a temporary
// directory the test may change.
func copySeeds(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(seedDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(seedDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func queryInt(t *testing.T, st *store.Store, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := st.Pool().QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// writeState summarizes every row ingest writes, including each row's
// transaction id (xmin), so that any write shows as a change.
func writeState(t *testing.T, st *store.Store) string {
	t.Helper()
	var s string
	err := st.Pool().QueryRow(context.Background(), `SELECT concat_ws('|',
		(SELECT string_agg(id || ':' || xmin || ':' || updated_at, ',' ORDER BY id) FROM documents),
		(SELECT string_agg(id || ':' || xmin, ',' ORDER BY id) FROM authors),
		(SELECT string_agg(id || ':' || xmin, ',' ORDER BY id) FROM sections),
		(SELECT string_agg(id || ':' || xmin, ',' ORDER BY id) FROM paragraphs),
		(SELECT string_agg(id || ':' || xmin, ',' ORDER BY id) FROM footnotes),
		(SELECT string_agg(id || ':' || xmin, ',' ORDER BY id) FROM footnote_refs),
		(SELECT count(*) FROM captions), (SELECT count(*) FROM document_authors))`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// counts returns the stored row counts of one document.
func counts(t *testing.T, st *store.Store, slug string) (sections, paragraphs, footnotes, refs, captions int64) {
	t.Helper()
	const q = `SELECT
		(SELECT count(*) FROM sections s JOIN documents d ON d.id = s.document_id WHERE d.slug = $1),
		(SELECT count(*) FROM paragraphs p JOIN documents d ON d.id = p.document_id WHERE d.slug = $1),
		(SELECT count(*) FROM footnotes f JOIN documents d ON d.id = f.document_id WHERE d.slug = $1),
		(SELECT count(*) FROM footnote_refs r JOIN paragraphs p ON p.id = r.paragraph_id
			JOIN documents d ON d.id = p.document_id WHERE d.slug = $1),
		(SELECT count(*) FROM captions c JOIN documents d ON d.id = c.document_id WHERE d.slug = $1)`
	if err := st.Pool().QueryRow(context.Background(), q, slug).Scan(&sections, &paragraphs, &footnotes, &refs, &captions); err != nil {
		t.Fatal(err)
	}
	return
}

// wantCounts returns the row counts a parsed document should produce.
func wantCounts(d *doc.Document) (sections, paragraphs, footnotes, refs, captions int64) {
	for _, p := range d.Paragraphs() {
		refs += int64(len(p.FootnoteRefs))
	}
	return int64(len(d.Sections)), int64(len(d.Paragraphs())), int64(len(d.Footnotes)), refs, int64(len(d.Captions))
}

func checkStored(t *testing.T, st *store.Store, path string) {
	t.Helper()
	d, err := parse.File(path)
	if err != nil {
		t.Fatal(err)
	}
	s, p, f, r, c := counts(t, st, ingest.Slug(path))
	ws, wp, wf, wr, wc := wantCounts(d)
	if s != ws || p != wp || f != wf || r != wr || c != wc {
		t.Errorf("%s: stored sections/paragraphs/footnotes/refs/captions %d/%d/%d/%d/%d, parsed %d/%d/%d/%d/%d",
			path, s, p, f, r, c, ws, wp, wf, wr, wc)
	}
}

func TestSeedsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	files := seedFiles(t)

	first := in.Paths(ctx, []string{seedDir})
	if len(first) != len(files) {
		t.Fatalf("got %d results for %d files", len(first), len(files))
	}
	for i, r := range first {
		if r.Err != nil || r.Status != store.Added || r.File != files[i] || r.DocumentID == 0 {
			t.Errorf("first ingest of %s: %+v", files[i], r)
		}
		checkStored(t, st, files[i])
	}
	// Stored one by one in file order: ids follow the file names.
	for i := 1; i < len(first); i++ {
		if first[i].DocumentID <= first[i-1].DocumentID {
			t.Errorf("document ids not in file order: %d then %d", first[i-1].DocumentID, first[i].DocumentID)
		}
	}
	before := writeState(t, st)
	second := in.Paths(ctx, []string{seedDir})
	for i, r := range second {
		if r.Err != nil || r.Status != store.Unchanged || r.DocumentID != first[i].DocumentID {
			t.Errorf("second ingest of %s: %+v, want unchanged document %d", files[i], r, first[i].DocumentID)
		}
	}
	if after := writeState(t, st); after != before {
		t.Errorf("an unchanged ingest wrote rows:\nbefore %s\nafter  %s", before, after)
	}
}

func TestChangedFileReplacesContentKeepingID(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	dir := copySeeds(t)
	path := filepath.Join(dir, filepath.Base(seedFiles(t)[0]))

	added, err := in.File(ctx, path)
	if err != nil || added.Status != store.Added {
		t.Fatalf("first ingest: %+v, %v", added, err)
	}
	oldParagraphs := queryInt(t, st, `SELECT max(id) FROM paragraphs`)

	// Drop the last paragraph of the body: the text changes, and so does
	// the number of paragraphs.
	d, err := parse.File(path)
	if err != nil {
		t.Fatal(err)
	}
	paras := d.Paragraphs()
	last := paras[len(paras)-1].Text
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(raw), last, "", 1)
	if changed == string(raw) {
		// The paragraph was joined from several lines; change a word instead.
		changed = strings.Replace(string(raw), "ロシア", "ロシア連邦", 1)
	}
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}

	updated, err := in.File(ctx, path)
	if err != nil || updated.Status != store.Updated || updated.DocumentID != added.DocumentID {
		t.Fatalf("changed file: %+v, %v; want updated document %d", updated, err, added.DocumentID)
	}
	checkStored(t, st, path)
	if n := queryInt(t, st, `SELECT count(*) FROM paragraphs WHERE id <= $1`, oldParagraphs); n != 0 {
		t.Errorf("%d paragraphs of the old version are still stored", n)
	}
	if n := queryInt(t, st, `SELECT count(*) FROM documents`); n != 1 {
		t.Errorf("%d documents stored, want 1", n)
	}
	newD, err := parse.File(path)
	if err != nil {
		t.Fatal(err)
	}
	var hash string
	if err := st.Pool().QueryRow(ctx, `SELECT content_hash FROM documents WHERE id = $1`, added.DocumentID).Scan(&hash); err != nil || hash != newD.ContentHash {
		t.Errorf("stored hash %q (%v), want the new file's %q", hash, err, newD.ContentHash)
	}
}

func TestFailingFileLeavesOthersWhole(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	dir := copySeeds(t)
	// An empty file sorts between the seeds (001_… < 001a… < 002_…).
	bad := filepath.Join(dir, "001a_empty.txt")
	if err := os.WriteFile(bad, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	results := in.Paths(ctx, []string{dir, filepath.Join(dir, "missing.txt")})
	var failed []string
	for _, r := range results {
		if r.Err != nil {
			failed = append(failed, r.File)
			if !strings.Contains(r.String(), filepath.Base(r.File)) {
				t.Errorf("failure %q does not name the file", r.String())
			}
			continue
		}
		if r.Status != store.Added {
			t.Errorf("%s: %+v", r.File, r)
		}
		checkStored(t, st, r.File)
	}
	want := []string{bad, filepath.Join(dir, "missing.txt")}
	if !slices.Equal(failed, want) {
		t.Fatalf("failed files %v, want %v", failed, want)
	}
	if n := queryInt(t, st, `SELECT count(*) FROM documents`); n != int64(len(seedFiles(t))) {
		t.Errorf("%d documents stored, want the %d seeds", n, len(seedFiles(t)))
	}
	if n := queryInt(t, st, `SELECT count(*) FROM documents WHERE slug = '001a_empty'`); n != 0 {
		t.Errorf("the empty file was stored")
	}
}

func TestFailureInsideTransactionRollsBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	path := seedFiles(t)[2]
	d, err := parse.File(path)
	if err != nil {
		t.Fatal(err)
	}
	in := &ingest.Ingester{Store: st}
	if _, err := in.Document(ctx, "doc", d); err != nil {
		t.Fatal(err)
	}
	before := writeState(t, st)

	// The hook runs last in the transaction of an update, after every row
	// was written: its failure must leave the old version intact.
	boom := errors.New("boom")
	in.AfterReplace = func(ctx context.Context, tx pgx.Tx, id int64) ([]int64, error) {
		var n int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM paragraphs WHERE document_id = $1`, id).Scan(&n); err != nil {
			return nil, err
		}
		if n != len(d.Paragraphs())-1 {
			t.Errorf("hook sees %d paragraphs, want the new version's %d", n, len(d.Paragraphs())-1)
		}
		return nil, boom
	}
	changed := *d
	changed.ContentHash = "sha256:changed"
	changed.Sections = slices.Clone(d.Sections)
	last := len(changed.Sections) - 1
	changed.Sections[last].Paragraphs = changed.Sections[last].Paragraphs[:len(changed.Sections[last].Paragraphs)-1]
	if _, err := in.Document(ctx, "doc", &changed); !errors.Is(err, boom) {
		t.Fatalf("update with a failing hook: error %v, want boom", err)
	}
	if after := writeState(t, st); after != before {
		t.Errorf("a failed update changed rows:\nbefore %s\nafter  %s", before, after)
	}

	// The hook's orphans come back in the result.
	in.AfterReplace = func(context.Context, pgx.Tx, int64) ([]int64, error) { return []int64{7}, nil }
	res, err := in.Document(ctx, "doc", &changed)
	if err != nil || res.Status != store.Updated || !slices.Equal(res.Orphaned, []int64{7}) {
		t.Fatalf("update: %+v, %v", res, err)
	}
}

func TestConcurrentIngestOfOneFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	path := seedFiles(t)[0]
	const n = 4
	results := make([]ingest.Result, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { results[i], errs[i] = in.File(ctx, path) })
	}
	wg.Wait()
	added := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("ingest %d: %v", i, errs[i])
		}
		if results[i].Status == store.Added {
			added++
		} else if results[i].Status != store.Unchanged {
			t.Errorf("ingest %d: %s", i, results[i].Status)
		}
	}
	if added != 1 {
		t.Errorf("%d ingests added the document, want 1", added)
	}
	checkStored(t, st, path)
}

func TestAuthorsSharedByNameKey(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	d, err := parse.File(seedFiles(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	affiliation, bio := "防衛研究所", "略歴"
	one, two := *d, *d
	one.Authors = []doc.Author{{Name: "渡邊 武", Affiliation: &affiliation}}
	two.ContentHash += "-2"
	two.Authors = []doc.Author{{Name: "渡邊武", Bio: &bio}, {Name: "渡邊　武"}} // the same person twice
	if _, err := in.Document(ctx, "one", &one); err != nil {
		t.Fatal(err)
	}
	if _, err := in.Document(ctx, "two", &two); err != nil {
		t.Fatal(err)
	}
	var name string
	var gotAff, gotBio *string
	err = st.Pool().QueryRow(ctx, `SELECT name, affiliation, bio FROM authors`).Scan(&name, &gotAff, &gotBio)
	if err != nil {
		t.Fatalf("want exactly one author: %v", err)
	}
	// The newest document's spelling wins (its first mention); fields it
	// leaves out keep their stored value.
	if name != "渡邊武" || gotAff == nil || *gotAff != affiliation || gotBio == nil || *gotBio != bio {
		t.Errorf("author %q affiliation %v bio %v", name, gotAff, gotBio)
	}
	if n := queryInt(t, st, `SELECT count(*) FROM document_authors`); n != 2 {
		t.Errorf("%d document_authors rows, want 2 (one per document)", n)
	}
}

func TestInvalidDocumentsAreRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	d, err := parse.File(seedFiles(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	noNote := *d
	noNote.ContentHash += "-x"
	noNote.Footnotes = nil
	if _, err := in.Document(ctx, "x", &noNote); store.ErrorCode(err) != store.EInvalid || !strings.Contains(err.Error(), "has no footnote") {
		t.Errorf("marker without footnote: %v", err)
	}
	if _, err := in.Document(ctx, "a", d); err != nil {
		t.Fatal(err)
	}
	if _, err := in.Document(ctx, "b", d); store.ErrorCode(err) != store.EConflict {
		t.Errorf("same content under another slug: %v, want CONFLICT", err)
	}
	if _, err := in.Bytes(ctx, "empty.txt", nil); store.ErrorCode(err) != store.EInvalid {
		t.Errorf("empty upload: %v, want INVALID_ARGUMENT", err)
	}
	if n := queryInt(t, st, `SELECT count(*) FROM documents`); n != 1 {
		t.Errorf("%d documents stored, want 1", n)
	}
}

func TestTopicScoresStored(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	x, err := tag.LoadTaxonomy("../tag/testdata/topics.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tagger, err := tag.NewTagger(x)
	if err != nil {
		t.Fatal(err)
	}
	// Only some topics are in the table: scores for the others are skipped.
	known := map[string]bool{}
	for i, tp := range x.Topics {
		if i%2 == 1 {
			continue
		}
		known[tp.Slug] = true
		if _, err := st.Pool().Exec(ctx, `INSERT INTO topics (slug, ordinal, name_ja) VALUES ($1, $2, $3)`,
			tp.Slug, i, tp.Name.JA); err != nil {
			t.Fatal(err)
		}
	}
	path := seedFiles(t)[0]
	d, err := parse.File(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := tagger.Tag(d)
	var wantPara, wantSec, wantDoc int64
	for _, ps := range sc.Paragraphs {
		wantPara += countKnown(ps, known)
	}
	for _, ss := range sc.Sections {
		wantSec += countKnown(ss, known)
	}
	wantDoc = countKnown(sc.Document, known)
	if wantPara == 0 || wantDoc == 0 {
		t.Fatalf("the seed scores no known topic; the test needs one")
	}

	in := &ingest.Ingester{Store: st, Tagger: tagger}
	if _, err := in.File(ctx, path); err != nil {
		t.Fatal(err)
	}
	if n := queryInt(t, st, `SELECT count(*) FROM paragraph_topics`); n != wantPara {
		t.Errorf("%d paragraph scores stored, want %d", n, wantPara)
	}
	if n := queryInt(t, st, `SELECT count(*) FROM section_topics`); n != wantSec {
		t.Errorf("%d section scores stored, want %d", n, wantSec)
	}
	if n := queryInt(t, st, `SELECT count(*) FROM document_topics`); n != wantDoc {
		t.Errorf("%d document scores stored, want %d", n, wantDoc)
	}
	// The best document topic is stored with its score and coverage.
	best := sc.Document[0]
	for _, s := range sc.Document {
		if known[s.Topic] {
			best = s
			break
		}
	}
	var score, coverage float32
	var terms []string
	err = st.Pool().QueryRow(ctx, `SELECT dt.score, dt.coverage, dt.matched_terms FROM document_topics dt
		JOIN topics t ON t.id = dt.topic_id WHERE t.slug = $1`, best.Topic).Scan(&score, &coverage, &terms)
	if err != nil || score != float32(best.Score) || coverage != float32(sc.Coverage[best.Topic]) || !slices.Equal(terms, best.MatchedTerms) {
		t.Errorf("document score for %s: %v %v %v (%v), want %v %v %v", best.Topic, score, coverage, terms, err,
			best.Score, sc.Coverage[best.Topic], best.MatchedTerms)
	}
}

func countKnown(scores []tag.Score, known map[string]bool) int64 {
	var n int64
	for _, s := range scores {
		if known[s.Topic] {
			n++
		}
	}
	return n
}
