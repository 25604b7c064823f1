package curate_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/curate"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/seedtest"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// bundle is a database holding the seeds, the taxonomy and the curated
// stances, as `serve` loads them.
type bundle struct {
	st  *store.Store
	in  *ingest.Ingester
	tax *tag.Taxonomy
}

func TestMain(m *testing.M) { os.Exit(seedtest.Main(m)) }

func setup(t *testing.T) *bundle {
	t.Helper()
	sd := seedtest.Load(t)
	st := seedtest.Store(t)
	return &bundle{st: st, in: sd.Ingester(st), tax: sd.Taxonomy}
}

// citations returns every stored citation, by id.
func (b *bundle) citations(t *testing.T) map[int64]*store.Citation {
	t.Helper()
	rows, err := b.st.Pool().Query(context.Background(), `SELECT id FROM citations`)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	cs, err := b.st.CitationListByIDs(context.Background(), ids)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]*store.Citation{}
	for _, c := range cs {
		out[c.ID] = c
	}
	return out
}

func docID(t *testing.T, st *store.Store, slug string) int64 {
	t.Helper()
	d, err := st.DocumentGetBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return d.ID
}

func TestSeedCitationsSliceTheText(t *testing.T) {
	t.Parallel()
	b := setup(t)
	cites := b.citations(t)
	if len(cites) < 40 {
		t.Fatalf("%d citations stored, want every curated quote", len(cites))
	}
	texts := map[int64][]rune{}
	for _, c := range cites {
		if _, ok := texts[c.DocumentID]; !ok {
			kt, err := b.st.DocumentTextListByIDs(context.Background(), []int64{c.DocumentID})
			if err != nil {
				t.Fatal(err)
			}
			texts[c.DocumentID] = []rune(*kt[0].Value)
		}
		text := texts[c.DocumentID]
		if !c.Anchored || c.Start == nil || c.ParagraphID == nil {
			t.Errorf("citation %d not anchored", c.ID)
			continue
		}
		if got := string(text[*c.Start:*c.End]); got != c.Quote {
			t.Errorf("citation %d: text[%d:%d] = %q, want %q", c.ID, *c.Start, *c.End, got, c.Quote)
		}
		if pre := string(text[max(0, *c.Start-len([]rune(c.Prefix))):*c.Start]); pre != c.Prefix {
			t.Errorf("citation %d: prefix %q, text before is %q", c.ID, c.Prefix, pre)
		}
	}
}

func TestLoadAnnotationsAgainKeepsIDsAndWritesNothing(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	before := b.citations(t)
	var xmin string
	b.st.Pool().QueryRow(ctx, `SELECT string_agg(xmin::text, ',' ORDER BY id) FROM citations`).Scan(&xmin)
	files, err := annotation.LoadDir("../../seeds/annotations", b.tax)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range curate.LoadAnnotations(ctx, b.st, files) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	after := b.citations(t)
	if len(after) != len(before) {
		t.Fatalf("%d citations after reloading, %d before", len(after), len(before))
	}
	for id := range before {
		if after[id] == nil {
			t.Errorf("citation %d lost its id on reload", id)
		}
	}
	var xmin2 string
	b.st.Pool().QueryRow(ctx, `SELECT string_agg(xmin::text, ',' ORDER BY id) FROM citations`).Scan(&xmin2)
	if xmin != xmin2 {
		t.Error("reloading unchanged annotations rewrote citation rows")
	}
}

func TestBadQuoteFailsTheWholeFileAndNamesIt(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	raw, err := os.ReadFile("../../seeds/annotations/000_44cdff5f3fd1670f.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var stances int
	b.st.Pool().QueryRow(ctx, `SELECT count(*) FROM stances`).Scan(&stances)
	// Replace one quote with text the document does not contain.
	lines := strings.Split(string(raw), "\n")
	for i, l := range lines {
		if strings.Contains(l, "quote:") {
			lines[i] = l[:strings.Index(l, "quote:")] + "quote: この文は本文に存在しない。"
			break
		}
	}
	path := t.TempDir() + "/000_44cdff5f3fd1670f.yaml"
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := annotation.Load(path, b.tax)
	if err != nil {
		t.Fatal(err)
	}
	res := curate.LoadAnnotations(ctx, b.st, []annotation.File{*f})
	if res[0].Err == nil {
		t.Fatal("a missing quote loaded")
	}
	for _, want := range []string{"000_44cdff5f3fd1670f.yaml:", "stance on", "この文は本文に存在しない"} {
		if !strings.Contains(res[0].Err.Error(), want) {
			t.Errorf("error %q does not name %q", res[0].Err, want)
		}
	}
	var after int
	b.st.Pool().QueryRow(ctx, `SELECT count(*) FROM stances`).Scan(&after)
	if after != stances {
		t.Errorf("%d stances after a failed load, %d before", after, stances)
	}
}

func TestCreateVerifiesEverything(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	id := docID(t, b.st, "003_102feb90fe83f811")
	good := annotation.Citation{Quote: "ロシアにとって北朝鮮との軍事技術協力の強化を難しくしている要因は国連安全保障理事会決議の対北朝鮮制裁の履行義務であり"}
	tests := []struct {
		name string
		in   curate.StanceInput
		want string
	}{
		{"unknown topic", curate.StanceInput{Topic: "weather", Position: "x", SummaryJA: "要約"}, `unknown topic "weather"`},
		{"undeclared position", curate.StanceInput{Topic: "china-role", Position: "cheerleader", SummaryJA: "要約"}, `position "cheerleader" is not declared`},
		{"missing quote", curate.StanceInput{Topic: "china-role", Position: "wary-rival", SummaryJA: "要約", Citations: []annotation.Citation{{Quote: "存在しない引用文"}}}, "not found"},
		{"ambiguous quote", curate.StanceInput{Topic: "china-role", Position: "wary-rival", SummaryJA: "要約", Citations: []annotation.Citation{{Quote: "ルーキン"}}}, "more than once"},
		{"across paragraphs", curate.StanceInput{Topic: "china-role", Position: "wary-rival", SummaryJA: "要約", Citations: []annotation.Citation{{Quote: "ベールに包まれている。それが「プロパガンダ」"}}}, "paragraph break"},
		{"empty summary", curate.StanceInput{Topic: "china-role", Position: "wary-rival", SummaryJA: " ", Citations: []annotation.Citation{good}}, "summary"},
		{"existing stance", curate.StanceInput{Topic: "military-technology", Position: "constrained-and-gradual", SummaryJA: "要約", Citations: []annotation.Citation{good}}, "already has a stance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.DocumentID = id
			if tt.in.Citations == nil {
				tt.in.Citations = []annotation.Citation{good}
			}
			err := b.st.InTx(ctx, func(tx pgx.Tx) error { _, err := curate.Create(ctx, tx, tt.in); return err })
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if code := store.ErrorCode(err); code != store.EInvalid && code != store.EConflict {
				t.Errorf("error code %q: a client's mistake must be INVALID_ARGUMENT or CONFLICT", code)
			}
		})
	}
	var created int64
	err := b.st.InTx(ctx, func(tx pgx.Tx) error {
		var err error
		created, err = curate.Create(ctx, tx, curate.StanceInput{DocumentID: id, Topic: "china-role", Position: "wary-rival",
			SummaryJA: "中国への言及は研究所名のみ。", Citations: []annotation.Citation{good, {Quote: "ルーキン", Prefix: "ルーキンが指摘するように、北朝鮮に対しロシアから核兵器以外の特定の兵器技術の供給、合同軍事演習の実施および軍事情報共有は、北朝鮮の安全保障の強化に大きく貢献し、平壌がソウルに対してより自信を持てるようになることを可能にするとモスクワは確信している。\n\n今後、少なくとも短期的には、ロシアの「国連安保理によって禁止されていないものは許可される」というロシアの原則に従って、双方の国益と地域の安全保障のために、両国で「一体何ができるか」という課題について、両国間の高官交流などを通じて模索していくことになるであろう。\n\nおわりに"}}})
		return err
	})
	if err == nil || created != 0 {
		// The prefix above crosses a section break that is not in the
		// text (headings are not body text): it must not match.
		t.Fatalf("a prefix that is not in the text picked an occurrence (id %d, err %v)", created, err)
	}
}

func TestReanchorAfterTheTextChanged(t *testing.T) {
	t.Parallel()
	b := setup(t)
	ctx := context.Background()
	before := b.citations(t)
	raw, err := os.ReadFile("../../seeds/documents/000_44cdff5f3fd1670f.txt")
	if err != nil {
		t.Fatal(err)
	}
	// Insert a paragraph at the top (shifts every offset) and delete the
	// sentence one curated quote comes from.
	text := strings.Replace(string(raw), "はじめに\n\n", "はじめに\n\n新たに加えた段落である。\n\n", 1)
	removed := "つまりスターリンは、米軍との直接対決を中国に押し付けた。"
	if !strings.Contains(text, removed) {
		t.Fatal("fixture sentence not in the seed")
	}
	text = strings.Replace(text, removed, "", 1)
	res, err := b.in.Bytes(ctx, "000_44cdff5f3fd1670f.txt", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != store.Updated {
		t.Fatalf("status %s, want updated", res.Status)
	}
	after := b.citations(t)
	doc := docID(t, b.st, "000_44cdff5f3fd1670f")
	kt, _ := b.st.DocumentTextListByIDs(ctx, []int64{doc})
	body := []rune(*kt[0].Value)
	moved, lost := 0, 0
	for id, c := range after {
		if c.DocumentID != doc {
			continue
		}
		if !c.Anchored {
			lost++
			if c.Quote != removed {
				t.Errorf("citation %d %q lost though its text is still there", id, c.Quote)
			}
			if !contains(res.Orphaned, id) {
				t.Errorf("lost citation %d not reported", id)
			}
			continue
		}
		if got := string(body[*c.Start:*c.End]); got != c.Quote {
			t.Errorf("citation %d re-anchored at %q, want %q", id, got, c.Quote)
		}
		if *c.Start != *before[id].Start {
			moved++
		}
	}
	if moved == 0 {
		t.Error("no citation moved although a paragraph was inserted before them")
	}
	if lost != 1 || len(res.Orphaned) != 1 {
		t.Errorf("%d citations unanchored, %d reported; want the one quoting the deleted sentence", lost, len(res.Orphaned))
	}
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}
