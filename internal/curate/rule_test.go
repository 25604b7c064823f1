package curate_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/curate"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// syncEntries returns the audit log's entries of the seed sync, newest
// first.
func syncEntries(t *testing.T, st *store.Store) []*store.AuditEntry {
	t.Helper()
	all, err := st.AuditList(context.Background(), 1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []*store.AuditEntry
	for _, e := range all {
		if e.Who == curate.SeedSync {
			out = append(out, e)
		}
	}
	return out
}

// TestCuratedStancesAreTheFilesAndAPIStancesTheAPIs is the rule between
// the annotation files and the API: the API may not change a curated
// stance; the sync never changes an API stance; and every change the sync
// makes is audited.
func TestCuratedStancesAreTheFilesAndAPIStancesTheAPIs(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	var seedStance, seedCitation int64
	var stances int
	if err := b.st.Pool().QueryRow(ctx, `SELECT min(s.id), min(c.id), (SELECT count(*) FROM stances) FROM stances s JOIN citations c ON c.stance_id = s.id`).Scan(&seedStance, &seedCitation, &stances); err != nil {
		t.Fatal(err)
	}
	if n := len(syncEntries(t, b.st)); n != stances {
		t.Errorf("loading the seeds audited %d changes, want one per stance created: %d", n, stances)
	}

	// The API refuses to change a curated stance.
	summary := "別の要約"
	for name, edit := range map[string]func(tx pgx.Tx) error{
		"update": func(tx pgx.Tx) error { return curate.Update(ctx, tx, seedStance, nil, &summary, nil) },
		"delete": func(tx pgx.Tx) error { _, err := curate.Delete(ctx, tx, seedStance); return err },
		"add citation": func(tx pgx.Tx) error {
			_, err := curate.AddCitation(ctx, tx, seedStance, annotation.Citation{Quote: "ロシア"})
			return err
		},
		"remove citation": func(tx pgx.Tx) error { _, err := curate.RemoveCitation(ctx, tx, seedCitation); return err },
	} {
		err := b.st.InTx(ctx, edit)
		if store.ErrorCode(err) != store.EReadOnly || !strings.Contains(err.Error(), "annotation file") {
			t.Errorf("%s a curated stance: %v, want READ_ONLY naming the annotation file", name, err)
		}
	}

	// A file changed: one stance's summary, the stances from the treaty's
	// on dropped. The
	// sync audits both; an API stance on a topic the file names is left
	// alone and reported.
	raw, err := os.ReadFile("../../seeds/annotations/000_44cdff5f3fd1670f.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(raw), "中国は東アジア全体で米国と競う大国となり", "中国は東アジアで米国と競う大国となり", 1)
	if cut := strings.Index(text, "\n  - topic: russia-nk-treaty"); cut > 0 {
		text = text[:cut] + "\n"
	}
	docID := docID(t, b.st, "000_44cdff5f3fd1670f")
	if _, err := b.st.Pool().Exec(ctx, `UPDATE stances SET origin = 'api', summary_ja = 'APIの要約' WHERE document_id = $1 AND topic_id = (SELECT id FROM topics WHERE slug = 'buck-passing')`, docID); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "000_44cdff5f3fd1670f.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := annotation.Load(path, b.tax)
	if err != nil {
		t.Fatal(err)
	}
	before := len(syncEntries(t, b.st))
	res := curate.LoadAnnotations(ctx, b.st, []annotation.File{*f})
	if res[0].Err != nil || res[0].Removed == 0 || len(res[0].Skipped) != 1 || res[0].Skipped[0] != "buck-passing" {
		t.Fatalf("sync of the changed file: %+v", res[0])
	}
	entries := syncEntries(t, b.st)
	actions := map[string]int{}
	for _, e := range entries[:len(entries)-before] {
		actions[e.Action]++
	}
	if len(entries)-before != 1+res[0].Removed || actions["syncStance"] != 1 || actions["syncRemoveStance"] != res[0].Removed {
		t.Errorf("the sync audited %v, want one update and %d removals", actions, res[0].Removed)
	}
	var apiSummary string
	b.st.Pool().QueryRow(ctx, `SELECT summary_ja FROM stances WHERE document_id = $1 AND origin = 'api'`, docID).Scan(&apiSummary)
	if apiSummary != "APIの要約" {
		t.Errorf("the sync changed an API stance: %q", apiSummary)
	}
	// Syncing the same file again changes and audits nothing.
	curate.LoadAnnotations(ctx, b.st, []annotation.File{*f})
	if n := len(syncEntries(t, b.st)); n != len(entries) {
		t.Errorf("an unchanged file audited %d more changes", n-len(entries))
	}
}

// TestAPIStancesKeepTheirBounds: a stance made through the API keeps 1 to
// MaxCitations citations, and its summaries and quotes their lengths.
func TestAPIStancesKeepTheirBounds(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	id := docID(t, b.st, "003_102feb90fe83f811")
	good := annotation.Citation{Quote: "ロシアにとって北朝鮮との軍事技術協力の強化を難しくしている要因は国連安全保障理事会決議の対北朝鮮制裁の履行義務であり"}
	in := curate.StanceInput{DocumentID: id, Topic: "china-role", Position: "wary-rival", SummaryJA: "要約", Citations: []annotation.Citation{good}}
	long := strings.Repeat("長", curate.MaxSummary+1)
	for name, bad := range map[string]curate.StanceInput{
		"no citation":    {DocumentID: id, Topic: in.Topic, Position: in.Position, SummaryJA: "要約", Citations: []annotation.Citation{}},
		"long summary":   {DocumentID: id, Topic: in.Topic, Position: in.Position, SummaryJA: long, Citations: in.Citations},
		"long summaryEn": {DocumentID: id, Topic: in.Topic, Position: in.Position, SummaryJA: "要約", SummaryEN: &long, Citations: in.Citations},
		"long quote":     {DocumentID: id, Topic: in.Topic, Position: in.Position, SummaryJA: "要約", Citations: []annotation.Citation{{Quote: strings.Repeat("あ", curate.MaxQuote+1)}}},
	} {
		err := b.st.InTx(ctx, func(tx pgx.Tx) error { _, err := curate.Create(ctx, tx, bad); return err })
		if store.ErrorCode(err) != store.EInvalid {
			t.Errorf("%s: %v, want INVALID_ARGUMENT", name, err)
		}
	}
	var stance int64
	if err := b.st.InTx(ctx, func(tx pgx.Tx) (err error) { stance, err = curate.Create(ctx, tx, in); return err }); err != nil {
		t.Fatal(err)
	}
	var only int64
	b.st.Pool().QueryRow(ctx, `SELECT id FROM citations WHERE stance_id = $1`, stance).Scan(&only)
	err := b.st.InTx(ctx, func(tx pgx.Tx) error { _, err := curate.RemoveCitation(ctx, tx, only); return err })
	if store.ErrorCode(err) != store.EInvalid || !strings.Contains(err.Error(), "last citation") {
		t.Errorf("removing the last citation: %v", err)
	}
	if err := b.st.InTx(ctx, func(tx pgx.Tx) error { return curate.Update(ctx, tx, stance, nil, &long, nil) }); store.ErrorCode(err) != store.EInvalid {
		t.Errorf("updating to a long summary: %v", err)
	}
	if err := b.st.InTx(ctx, func(tx pgx.Tx) error { _, err := curate.Delete(ctx, tx, stance); return err }); err != nil {
		t.Errorf("deleting an API stance: %v", err)
	}
}
