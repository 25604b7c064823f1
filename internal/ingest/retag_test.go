package ingest_test

import (
	"context"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

func TestRetagWhenTermsChange(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	mk := func(terms ...string) (*tag.Taxonomy, *ingest.Ingester) {
		tax := &tag.Taxonomy{Topics: []tag.Topic{{Slug: "history", Name: tag.Text{JA: "歴史", EN: "history"}, Terms: terms}}}
		tagger, err := tag.NewTagger(tax)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.TopicSync(ctx, tax); err != nil {
			t.Fatal(err)
		}
		return tax, &ingest.Ingester{Store: st, Tagger: tagger}
	}
	tax, in := mk("スターリン")
	if n, err := in.Retag(ctx, tax); err != nil || n != 0 {
		t.Fatalf("retag of an empty database: %d, %v", n, err)
	}
	for _, r := range in.Paths(ctx, []string{"../../seeds/documents"}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	scored := func() int64 {
		return queryInt(t, st, `SELECT count(*) FROM paragraph_topics pt JOIN topics t ON t.id = pt.topic_id WHERE 'クルクス州' = ANY(pt.matched_terms)`)
	}
	if n := scored(); n != 0 {
		t.Fatalf("%d paragraphs matched a term not yet in the taxonomy", n)
	}
	if n, err := in.Retag(ctx, tax); err != nil || n != 0 {
		t.Fatalf("retag with the same terms scored %d documents (%v)", n, err)
	}
	tax2, in2 := mk("スターリン", "クルクス州")
	n, err := in2.Retag(ctx, tax2)
	if err != nil || n != 5 {
		t.Fatalf("retag after a new term: %d documents, %v", n, err)
	}
	if scored() == 0 {
		t.Error("after retagging no paragraph matches the new term")
	}
	if n, err := in2.Retag(ctx, tax2); err != nil || n != 0 {
		t.Errorf("a second retag scored %d documents again (%v)", n, err)
	}
}
