package curate_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/anchor"
	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/curate"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// The sync tests change one seed document and its annotation file.
const (
	syncDoc  = "000_44cdff5f3fd1670f"
	syncFile = "../../seeds/annotations/" + syncDoc + ".yaml"
	// syncQuote is quoted by the file's stance on korean-war-history.
	syncQuote = "つまりスターリンは、米軍との直接対決を中国に押し付けた。"
)

// seedAnnotations reads the seed annotation files afresh (the caller may
// change them) and returns them with the index of syncDoc's.
func (b *bundle) seedAnnotations(t *testing.T) ([]annotation.File, int) {
	t.Helper()
	files, err := annotation.LoadDir("../../seeds/annotations", b.tax)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		if f.Document == syncDoc {
			return files, i
		}
	}
	t.Fatalf("no annotation file for %s", syncDoc)
	return nil, 0
}

// sync loads files and returns the results and the statements it ran.
func (b *bundle) sync(t *testing.T, files []annotation.File) ([]curate.FileResult, int64) {
	t.Helper()
	ctx, n := store.WithStatementCounter(context.Background())
	res := curate.LoadAnnotations(ctx, b.st, files)
	if len(res) != len(files) {
		t.Fatalf("%d results for %d files: %+v", len(res), len(files), res)
	}
	return res, n.Count()
}

// verified returns the documents whose files the sync verified (not
// found unchanged), failing the test on any error but the one of want.
func verified(t *testing.T, res []curate.FileResult, want string) []string {
	t.Helper()
	var docs []string
	for _, r := range res {
		if r.Err != nil && r.Document != want {
			t.Errorf("%s: %v", r.Path, r.Err)
		}
		if !r.Unchanged {
			docs = append(docs, r.Document)
		}
	}
	return docs
}

// rowVersions is every stance's and citation's row version and the audit
// log's length: what a sync that writes anything changes.
func (b *bundle) rowVersions(t *testing.T) string {
	t.Helper()
	var v string
	err := b.st.Pool().QueryRow(context.Background(), `SELECT
		(SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM stances) || '/' ||
		(SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM citations) || '/' ||
		(SELECT count(*) FROM audit_log)`).Scan(&v)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// seedStances counts the curated stances of a document.
func (b *bundle) seedStances(t *testing.T, slug string) int {
	t.Helper()
	var n int
	err := b.st.Pool().QueryRow(context.Background(), `SELECT count(*) FROM stances st JOIN documents d ON d.id = st.document_id
		WHERE d.slug = $1 AND st.origin = 'seed'`, slug).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Syncing unchanged files against unchanged documents verifies nothing
// and writes nothing: one statement for all the files, and each reports
// what its last sync stored.
func TestSyncOfUnchangedAnnotationsIsOneStatement(t *testing.T) {
	t.Parallel()
	b := setup(t)
	files, _ := b.seedAnnotations(t)
	before := b.rowVersions(t)
	res, statements := b.sync(t, files)
	if docs := verified(t, res, ""); len(docs) > 0 {
		t.Errorf("verified again though nothing changed: %v", docs)
	}
	if statements != 1 {
		t.Errorf("%d statements for %d unchanged files, want 1 (the freshness query)", statements, len(files))
	}
	for _, r := range res {
		if want := b.seedStances(t, r.Document); r.Stances != want || r.Removed != 0 || len(r.Skipped) != 0 {
			t.Errorf("%s: reported %d stances (removed %d, skipped %v), the database holds %d", r.Path, r.Stances, r.Removed, r.Skipped, want)
		}
	}
	if after := b.rowVersions(t); after != before {
		t.Error("an unchanged sync wrote stances, citations or the audit log")
	}
}

// A changed annotation file is verified and stored; the others are not
// verified; once stored, it is unchanged again.
func TestSyncOfAChangedAnnotationFileStoresIt(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	files, k := b.seedAnnotations(t)
	files[k].Stances[0].Summary.JA = "書き換えた要約。"
	res, _ := b.sync(t, files)
	if docs := verified(t, res, ""); len(docs) != 1 || docs[0] != syncDoc {
		t.Fatalf("verified %v, want only %s", docs, syncDoc)
	}
	var summary string
	err := b.st.Pool().QueryRow(ctx, `SELECT st.summary_ja FROM stances st JOIN documents d ON d.id = st.document_id
		JOIN topics t ON t.id = st.topic_id WHERE d.slug = $1 AND t.slug = $2`, syncDoc, files[k].Stances[0].Topic).Scan(&summary)
	if err != nil || summary != "書き換えた要約。" {
		t.Fatalf("stored summary %q (%v), want the changed file's", summary, err)
	}
	if res, n := b.sync(t, files); len(verified(t, res, "")) > 0 || n != 1 {
		t.Errorf("the changed file, once stored, verified again (%d statements)", n)
	}
	// The file as it was is a change too.
	files, _ = b.seedAnnotations(t)
	if docs := verified(t, first(b.sync(t, files)), ""); len(docs) != 1 {
		t.Errorf("the file changed back: verified %v, want %s", docs, syncDoc)
	}
}

// A file that fails leaves the database and the last sync as they were:
// the same failing file fails again, and the file of the last sync is
// unchanged.
func TestSyncOfAFailingFileKeepsTheLastSync(t *testing.T) {
	t.Parallel()
	b := setup(t)
	files, k := b.seedAnnotations(t)
	files[k].Stances[0].Citations[0].Quote = "この文は本文に存在しない。"
	for range 2 {
		res, _ := b.sync(t, files)
		if err := res[k].Err; err == nil || !strings.Contains(err.Error(), "この文は本文に存在しない") {
			t.Fatalf("a missing quote: %v, want its error", err)
		}
	}
	files, _ = b.seedAnnotations(t)
	if docs := verified(t, first(b.sync(t, files)), ""); len(docs) > 0 {
		t.Errorf("the file of the last sync verified again: %v", docs)
	}
}

// A document whose text changed has its annotation file verified again:
// a quote still in the text passes, and one no longer there gives the
// error it gives any file, naming the file, the line and the quote.
func TestSyncVerifiesAgainstAChangedText(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	raw, err := os.ReadFile("../../seeds/documents/" + syncDoc + ".txt")
	if err != nil {
		t.Fatal(err)
	}
	files, k := b.seedAnnotations(t)
	// A new paragraph at the top: every quote is still there.
	text := strings.Replace(string(raw), "はじめに\n\n", "はじめに\n\n新たに加えた段落である。\n\n", 1)
	if _, err := b.in.Bytes(ctx, syncDoc+".txt", []byte(text)); err != nil {
		t.Fatal(err)
	}
	res, _ := b.sync(t, files)
	if docs := verified(t, res, ""); len(docs) != 1 || docs[0] != syncDoc || res[k].Stances != len(files[k].Stances) {
		t.Fatalf("after the text changed: verified %v (%+v), want %s and its %d stances", docs, res[k], syncDoc, len(files[k].Stances))
	}
	if n := len(verified(t, first(b.sync(t, files)), "")); n > 0 {
		t.Errorf("%d files verified again though nothing changed since", n)
	}
	// The sentence a quote comes from deleted.
	if !strings.Contains(text, syncQuote) {
		t.Fatal("fixture sentence not in the seed")
	}
	if _, err := b.in.Bytes(ctx, syncDoc+".txt", []byte(strings.Replace(text, syncQuote, "", 1))); err != nil {
		t.Fatal(err)
	}
	for range 2 { // and again: a failed file is never taken for synced
		res, _ = b.sync(t, files)
		if docs := verified(t, res, syncDoc); len(docs) != 1 || docs[0] != syncDoc {
			t.Fatalf("after a quote's sentence was deleted: verified %v, want %s", docs, syncDoc)
		}
		err := res[k].Err
		if err == nil {
			t.Fatal("a quote no longer in the text verified")
		}
		for _, want := range []string{syncDoc + ".yaml:43:", `stance on "korean-war-history"`, anchor.ErrNotFound.Error(), syncQuote} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}
	}
}

// Removing a stance from a file removes it; a stance or a document
// deleted behind the sync's back is stored again by the next sync of the
// unchanged file, and a curated stance left out for one made through the
// API is stored once that one is deleted.
func TestSyncAfterRemovalsAndDeletions(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	files, k := b.seedAnnotations(t)
	all := len(files[k].Stances)
	left := files[k].Stances[0]
	files[k].Stances = files[k].Stances[1:]
	res, _ := b.sync(t, files)
	if r := res[k]; r.Err != nil || r.Unchanged || r.Removed != 1 || b.seedStances(t, syncDoc) != all-1 {
		t.Fatalf("a stance removed from the file: %+v, %d stored; want %d", r, b.seedStances(t, syncDoc), all-1)
	}

	// A stance through the API on the topic the file no longer names,
	// then the topic back in the file: the curated one is skipped.
	id := docID(t, b.st, syncDoc)
	var apiStance int64
	err := b.st.InTx(ctx, func(tx pgx.Tx) (err error) {
		apiStance, err = curate.Create(ctx, tx, curate.StanceInput{DocumentID: id, Topic: left.Topic, Position: left.Position,
			SummaryJA: "API の立場。", Citations: []annotation.Citation{left.Citations[0]}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	files, k = b.seedAnnotations(t)
	res, _ = b.sync(t, files)
	if r := res[k]; r.Err != nil || r.Unchanged || len(r.Skipped) != 1 || r.Skipped[0] != left.Topic {
		t.Fatalf("the topic back in the file with an API stance on it: %+v, want it skipped", r)
	}
	if r := first(b.sync(t, files))[k]; !r.Unchanged || len(r.Skipped) != 1 {
		t.Errorf("synced again: %+v, want unchanged and reporting the skipped topic", r)
	}
	if err := b.st.InTx(ctx, func(tx pgx.Tx) error { _, err := curate.Delete(ctx, tx, apiStance); return err }); err != nil {
		t.Fatal(err)
	}
	if r := first(b.sync(t, files))[k]; r.Err != nil || r.Unchanged || len(r.Skipped) != 0 || b.seedStances(t, syncDoc) != all {
		t.Fatalf("after the API stance was deleted: %+v, %d stored; want all %d curated", r, b.seedStances(t, syncDoc), all)
	}

	// A curated stance deleted in the database.
	if _, err := b.st.Pool().Exec(ctx, `DELETE FROM stances WHERE id = (SELECT min(id) FROM stances WHERE document_id = $1)`, id); err != nil {
		t.Fatal(err)
	}
	if r := first(b.sync(t, files))[k]; r.Err != nil || r.Unchanged || b.seedStances(t, syncDoc) != all {
		t.Fatalf("after a stance was deleted: %+v, %d stored; want %d", r, b.seedStances(t, syncDoc), all)
	}

	// The document deleted: its annotation fails as it always did, and
	// once the document is back its stances are stored again.
	if _, err := b.st.Pool().Exec(ctx, `DELETE FROM documents WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if r := first(b.sync(t, files))[k]; r.Err == nil || store.ErrorCode(r.Err) != store.ENotFound {
		t.Fatalf("the document deleted: %+v, want NOT_FOUND", r)
	}
	if r := b.in.Paths(ctx, []string{"../../seeds/documents/" + syncDoc + ".txt"})[0]; r.Err != nil || r.Status != store.Added {
		t.Fatalf("the document ingested again: %v", r)
	}
	if r := first(b.sync(t, files))[k]; r.Err != nil || r.Unchanged || b.seedStances(t, syncDoc) != all {
		t.Fatalf("the document back: %+v, %d stored; want %d", r, b.seedStances(t, syncDoc), all)
	}
}

func first[A, B any](a A, _ B) A { return a }
