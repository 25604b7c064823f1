package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/biblio"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/parse"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// wantLinks returns "slug|footnote label|work key" for every reference
// biblio finds in the files' footnotes: what ingest must link.
func wantLinks(t *testing.T, paths ...string) []string {
	t.Helper()
	var out []string
	for _, p := range paths {
		d, err := parse.File(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range d.Footnotes {
			if f.Body == nil {
				continue
			}
			for _, r := range biblio.Extract(*f.Body) {
				if k := r.Key(); k != "" {
					out = append(out, ingest.Slug(p)+"|"+f.Label+"|"+k)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// storedLinks returns "slug|footnote label|work key" for every stored link.
func storedLinks(t *testing.T, st *store.Store) []string {
	t.Helper()
	rows, err := st.Pool().Query(context.Background(), `SELECT d.slug || '|' || f.label || '|' || w.key
		FROM footnote_works fw JOIN footnotes f ON f.id = fw.footnote_id
		JOIN documents d ON d.id = f.document_id JOIN works w ON w.id = fw.work_id ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	links, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return links
}

// workKeys returns the keys of links, without repeats.
func workKeys(links []string) []string {
	var keys []string
	for _, l := range links {
		keys = append(keys, strings.SplitN(l, "|", 3)[2]) // keys hold "|" too
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// waltz returns the stored work for Waltz's book, which seed 000 cites in
// notes 4 and 6, and the footnotes citing it.
func waltz(t *testing.T, st *store.Store) (*store.Work, []*store.CitingFootnote) {
	t.Helper()
	ctx := context.Background()
	ws, err := st.WorkList(ctx, store.WorkListParams{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(ws, func(w *store.Work) bool { return w.Title == "Theory of International Politics" })
	if i < 0 {
		t.Fatalf("no work titled Theory of International Politics among %d", len(ws))
	}
	fs, err := st.FootnoteListByWorkIDs(ctx, []int64{ws[i].ID})
	if err != nil {
		t.Fatal(err)
	}
	return ws[i], fs
}

func TestWorksAtIngest(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	dir := copySeeds(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	slices.Sort(files)
	for _, r := range in.Paths(ctx, []string{dir}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	want := wantLinks(t, files...)
	if got := storedLinks(t, st); !slices.Equal(got, want) {
		t.Fatalf("stored links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if n := queryInt(t, st, `SELECT count(*) FROM works`); n != int64(len(workKeys(want))) {
		t.Errorf("%d works stored, want one per key: %d", n, len(workKeys(want)))
	}

	w, citing := waltz(t, st)
	if w.CitedBy != 2 || len(citing) != 2 || citing[0].Footnote.Label != "4" || citing[1].Footnote.Label != "6" {
		t.Fatalf("Waltz: cited by %d, footnotes %+v; want notes 4 and 6", w.CitedBy, citing)
	}
	if w.Year == nil || *w.Year != 1979 || !slices.Equal(w.Authors, []string{"Kenneth Waltz"}) {
		t.Errorf("Waltz: year %v, authors %q", w.Year, w.Authors)
	}
	if p0, p1 := citing[0].Pages, citing[1].Pages; p0 == nil || p1 == nil || *p0 == *p1 {
		t.Errorf("Waltz: pages %v and %v, want the two notes' own pages", p0, p1)
	}
	ws, err := st.WorkListByFootnoteIDs(ctx, []int64{citing[0].FootnoteID})
	if err != nil || !slices.ContainsFunc(ws, func(c *store.CitedWork) bool { return c.WorkID == w.ID && c.Work.Title == w.Title }) {
		t.Errorf("WorkListByFootnoteIDs(note 4): %+v, %v; want Waltz among them", ws, err)
	}

	// Unchanged files change nothing.
	before := queryInt(t, st, `SELECT count(*) FROM footnote_works`)
	for _, r := range in.Paths(ctx, []string{dir}) {
		if r.Err != nil || r.Status != store.Unchanged {
			t.Fatalf("second ingest: %v", r)
		}
	}
	if after := queryInt(t, st, `SELECT count(*) FROM footnote_works`); after != before {
		t.Errorf("links %d after an unchanged ingest, want %d", after, before)
	}

	// Note 6 stops citing Waltz and note 2's book disappears: re-ingesting
	// replaces the document's links, and the book nobody cites is gone.
	path := files[0]
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(raw), "Kenneth Waltz, Theory of International Politics, (New York: McGraw-Hill, Inc, 1979), pp.170-171.", "", 1)
	changed = strings.Replace(changed, "平岩俊二『朝鮮民主主義人民共和国と中華人民共和国』(世織書房、2010年)、12~13頁。", "同上。", 1)
	if changed == string(raw) || strings.Count(changed, "Theory of International Politics") != 1 {
		t.Fatal("the seed no longer has the passages this test edits")
	}
	if err := os.WriteFile(path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err := in.File(ctx, path); err != nil || r.Status != store.Updated {
		t.Fatalf("re-ingest: %+v, %v", r, err)
	}
	want2 := wantLinks(t, files...)
	if got := storedLinks(t, st); !slices.Equal(got, want2) {
		t.Fatalf("after re-ingest, stored links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want2, "\n"))
	}
	if n := queryInt(t, st, `SELECT count(*) FROM works`); n != int64(len(workKeys(want2))) || len(want2) >= len(want) {
		t.Errorf("%d works after re-ingest, want %d (links %d, were %d)", n, len(workKeys(want2)), len(want2), len(want))
	}
	if n := queryInt(t, st, `SELECT count(*) FROM works WHERE title LIKE '朝鮮民主主義人民共和国と中華人民共和国%'`); n != 0 {
		t.Errorf("the book no footnote cites any more is still stored")
	}
	if w, citing := waltz(t, st); w.CitedBy != 1 || len(citing) != 1 || citing[0].Footnote.Label != "4" {
		t.Errorf("Waltz after re-ingest: cited by %d (%+v), want note 4 alone", w.CitedBy, citing)
	}

	// Another document citing Waltz shares the work.
	other := filepath.Join(dir, "999_copy.txt")
	if err := os.WriteFile(other, []byte(strings.Replace(string(raw), "ロシア", "ロシア連邦", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err := in.File(ctx, other); err != nil || r.Status != store.Added {
		t.Fatalf("ingest a second document citing Waltz: %+v, %v", r, err)
	}
	if w, citing := waltz(t, st); w.CitedBy != 3 || len(citing) != 3 {
		t.Errorf("Waltz cited by %d footnotes of two documents (%d listed), want 3", w.CitedBy, len(citing))
	}
	if n := queryInt(t, st, `SELECT count(*) - count(DISTINCT key) FROM works`); n != 0 {
		t.Errorf("%d duplicate works", n)
	}
}

func TestWorkListPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	for _, r := range in.Paths(ctx, []string{seedDir}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	all, err := st.WorkListAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	total, err := st.WorkCount(ctx)
	if err != nil || total != len(all) || total < 10 {
		t.Fatalf("WorkCount %d (%v), WorkListAll %d", total, err, len(all))
	}
	var paged []*store.Work
	var after store.WorkCursor
	for {
		page, err := st.WorkList(ctx, store.WorkListParams{After: after, Limit: 7})
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, page...)
		if len(page) < 7 {
			break
		}
		after = page[len(page)-1].Cursor()
	}
	if len(paged) != len(all) {
		t.Fatalf("pages of 7 gave %d works, want %d", len(paged), len(all))
	}
	for i, w := range paged {
		if w.ID != all[i].ID {
			t.Fatalf("work %d: %d, want %d", i, w.ID, all[i].ID)
		}
		if i > 0 && (w.CitedBy > paged[i-1].CitedBy || w.CitedBy == paged[i-1].CitedBy && w.ID < paged[i-1].ID) {
			t.Fatalf("work %d out of order: cited %d after %d", i, w.CitedBy, paged[i-1].CitedBy)
		}
	}
	if all[0].CitedBy < 2 {
		t.Errorf("the most cited work is cited %d times; seed 000 cites Waltz twice", all[0].CitedBy)
	}
	byID, err := st.WorkListByIDs(ctx, []int64{all[0].ID, all[len(all)-1].ID})
	if err != nil || len(byID) != 2 {
		t.Fatalf("WorkListByIDs: %d, %v", len(byID), err)
	}
	for _, w := range byID {
		if w.ID == all[0].ID && w.CitedBy != all[0].CitedBy {
			t.Errorf("WorkListByIDs counts %d citations, WorkList %d", w.CitedBy, all[0].CitedBy)
		}
	}
}

// TestConcurrentIngestsShareWorks: documents citing the same works, saved
// at once, all succeed and share one row per work.
func TestConcurrentIngestsShareWorks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	in := &ingest.Ingester{Store: st}
	dir := t.TempDir()
	raw, err := os.ReadFile(seedFiles(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	var paths []string
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("copy%d.txt", i))
		if err := os.WriteFile(p, append(raw, fmt.Sprintf("\n\n版 %d\n", i)...), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	errs := make(chan error, n)
	for _, p := range paths {
		go func() {
			_, err := in.File(ctx, p)
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent ingest: %v", err)
		}
	}
	if got := storedLinks(t, st); !slices.Equal(got, wantLinks(t, paths...)) {
		t.Errorf("links after concurrent ingests:\n%s", strings.Join(got, "\n"))
	}
	if w, _ := waltz(t, st); w.CitedBy != 2*n {
		t.Errorf("Waltz cited by %d footnotes, want %d", w.CitedBy, 2*n)
	}
	if dup := queryInt(t, st, `SELECT count(*) - count(DISTINCT key) FROM works`); dup != 0 {
		t.Errorf("%d duplicate works", dup)
	}
}
