package export_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/anchor"
	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/biblio"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/export"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/parse"
	"github.com/sourcecmp/sourcecmp/internal/store"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

const seeds = "../../seeds"

// citation is what the fixture stored for one citation.
type citation struct {
	id       int64
	slug     string
	quote    string // as the annotation file writes it
	anchored bool
}

type fixture struct {
	store     *store.Store
	exports   *export.Exports
	bodies    map[string][]rune // document text by slug
	citations map[int64]citation
	urlSlug   string // the document given a URL of its own
}

// newFixture stores the seed documents, the taxonomy and the curated
// stances with their citations anchored in the stored text; one citation
// is then marked as having lost its anchor, and one document gets a URL.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	st := dbtest.Store(t)
	f := &fixture{store: st, bodies: map[string][]rune{}, citations: map[int64]citation{},
		exports: &export.Exports{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "http://sourcecmp.test/"}}
	for _, r := range (&ingest.Ingester{Store: st}).Paths(ctx, []string{filepath.Join(seeds, "documents")}) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	tax, err := tag.LoadTaxonomy(filepath.Join(seeds, "topics.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	exec := func(sql string, args ...any) int64 {
		t.Helper()
		var id int64
		if err := st.Pool().QueryRow(ctx, sql, args...).Scan(&id); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return id
	}
	topicIDs := map[string]int64{}
	for i, tp := range tax.Topics {
		topicIDs[tp.Slug] = exec(`INSERT INTO topics (slug, ordinal, name_ja) VALUES ($1, $2, $3) RETURNING id`, tp.Slug, i, tp.Name.JA)
		for j, p := range tp.Positions {
			exec(`INSERT INTO topic_positions (topic_id, slug, ordinal, label_ja, label_en) VALUES ($1, $2, $3, $4, $5) RETURNING 1`,
				topicIDs[tp.Slug], p.Slug, j, p.Label.JA, p.Label.EN)
		}
	}
	files, err := annotation.LoadDir(filepath.Join(seeds, "annotations"), tax)
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		var docID int64
		var body string
		if err := st.Pool().QueryRow(ctx, `SELECT id, body FROM documents WHERE slug = $1`, file.Document).Scan(&docID, &body); err != nil {
			t.Fatal(err)
		}
		f.bodies[file.Document] = []rune(body)
		text := anchor.NewText(body)
		for _, s := range file.Stances {
			stanceID := exec(`INSERT INTO stances (document_id, topic_id, position, summary_ja, summary_en, origin)
				VALUES ($1, $2, $3, $4, nullif($5, ''), 'seed') RETURNING id`, docID, topicIDs[s.Topic], s.Position, s.Summary.JA, s.Summary.EN)
			anchored, err := file.Anchor(s, text)
			if err != nil {
				t.Fatal(err)
			}
			for i, a := range anchored {
				id := exec(`INSERT INTO citations (stance_id, ordinal, quote, prefix, suffix, start_offset, end_offset, anchored)
					VALUES ($1, $2, $3, $4, $5, $6, $7, true) RETURNING id`, stanceID, i, a.Citation.Quote, a.Match.Prefix, a.Match.Suffix, a.Start, a.End)
				f.citations[id] = citation{id: id, slug: file.Document, quote: a.Citation.Quote, anchored: true}
			}
		}
	}
	if len(f.citations) < 10 {
		t.Fatalf("only %d citations in the seeds", len(f.citations))
	}
	lost := slices.Min(slices.Collect(func(yield func(int64) bool) {
		for id := range f.citations {
			if !yield(id) {
				return
			}
		}
	}))
	exec(`UPDATE citations SET start_offset = NULL, end_offset = NULL, anchored = false, quote = quote || '（改訂前）' WHERE id = $1 RETURNING id`, lost)
	c := f.citations[lost]
	c.anchored, c.quote = false, c.quote+"（改訂前）"
	f.citations[lost] = c
	f.urlSlug = c.slug // the lost citation's document also has a URL
	exec(`UPDATE documents SET url = 'https://example.org/papers/406' WHERE slug = $1 RETURNING id`, f.urlSlug)
	return f
}

func get(t *testing.T, h http.Handler, path string, v any) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Host = "attacker.example" // the configured base URL, not the Host, names the server
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
		t.Fatalf("GET %s: not JSON: %v", path, err)
	}
	return rec
}

// annoTerms are the terms of the Web Annotation JSON-LD context
// (http://www.w3.org/ns/anno.jsonld) that an export of text annotations
// may use: a key outside them would be dropped by a JSON-LD processor.
var annoTerms = map[string]bool{
	"@context": true, "id": true, "type": true, "label": true, "total": true, "first": true, "next": true,
	"items": true, "startIndex": true, "partOf": true, "motivation": true, "created": true, "modified": true,
	"creator": true, "generator": true, "name": true, "body": true, "target": true, "source": true,
	"selector": true, "purpose": true, "value": true, "language": true, "format": true, "exact": true,
	"prefix": true, "suffix": true, "start": true, "end": true, "canonical": true, "via": true,
}

// annoClasses are the context's names for the types the export uses.
var annoClasses = map[string]bool{
	"AnnotationCollection": true, "AnnotationPage": true, "Annotation": true, "Software": true,
	"TextualBody": true, "Text": true, "TextQuoteSelector": true, "TextPositionSelector": true,
}

var annoMotivations = map[string]bool{"describing": true, "tagging": true, "classifying": true, "commenting": true}

// checkTerms walks a decoded JSON-LD document and reports every key that
// is not a term of the context, and every type or motivation it does not
// name.
func checkTerms(t *testing.T, path string, v any) {
	t.Helper()
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if !annoTerms[k] {
				t.Errorf("%s.%s: not a term of the Web Annotation context", path, k)
			}
			if s, ok := x.(string); ok && k == "type" && !annoClasses[s] {
				t.Errorf("%s.type %q: not a class of the Web Annotation context", path, s)
			}
			if s, ok := x.(string); ok && (k == "motivation" || k == "purpose") && !annoMotivations[s] {
				t.Errorf("%s.%s %q: not a motivation", path, k, s)
			}
			checkTerms(t, path+"."+k, x)
		}
	case []any:
		for _, x := range v {
			checkTerms(t, path+"[]", x)
		}
	}
}

func TestAnnotations(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var raw any
	rec := get(t, f.exports.Annotations(), export.AnnotationsPath, &raw)
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/ld+json") || !strings.Contains(ct, "anno.jsonld") {
		t.Errorf("Content-Type %q", ct)
	}
	checkTerms(t, "$", raw)
	var coll export.AnnotationCollection
	if err := json.Unmarshal(rec.Body.Bytes(), &coll); err != nil {
		t.Fatal(err)
	}
	const base = "http://sourcecmp.test"
	if coll.Context != "http://www.w3.org/ns/anno.jsonld" || coll.Type != "AnnotationCollection" ||
		coll.ID != base+export.AnnotationsPath || coll.First.Type != "AnnotationPage" {
		t.Fatalf("collection: %+v", coll)
	}
	items := coll.First.Items
	if coll.Total != len(f.citations) || len(items) != len(f.citations) {
		t.Fatalf("total %d, items %d, citations stored %d", coll.Total, len(items), len(f.citations))
	}
	seen := map[string]bool{}
	for _, a := range items {
		if seen[a.ID] || !strings.HasPrefix(a.ID, coll.ID+"#") {
			t.Fatalf("annotation id %q repeated or not in the collection", a.ID)
		}
		seen[a.ID] = true
		id, err := gid.DecodeAs(gid.Citation, strings.TrimPrefix(a.ID, coll.ID+"#"))
		if err != nil {
			t.Fatal(err)
		}
		c, ok := f.citations[id]
		if !ok {
			t.Fatalf("annotation of unknown citation %d", id)
		}
		checkAnnotation(t, f, c, a, base)
	}
}

func checkAnnotation(t *testing.T, f *fixture, c citation, a export.Annotation, base string) {
	t.Helper()
	if a.Type != "Annotation" || a.Created.IsZero() || len(a.Body) < 3 {
		t.Fatalf("annotation %s: %+v", a.ID, a)
	}
	purposes := map[string]string{}
	for _, b := range a.Body {
		purposes[b.Purpose+"/"+b.Language] = b.Value
	}
	if purposes["tagging/"] == "" || purposes["classifying/"] == "" || purposes["describing/ja"] == "" {
		t.Errorf("annotation %s: bodies %v, want the topic, the position and the Japanese summary", a.ID, purposes)
	}
	wantSource := base + "/documents/" + c.slug
	if c.slug == f.urlSlug {
		wantSource = "https://example.org/papers/406"
	}
	if a.Target.Source.ID != wantSource {
		t.Errorf("annotation %s: source %q, want %q", a.ID, a.Target.Source.ID, wantSource)
	}
	sel := a.Target.Selector
	if !c.anchored {
		if len(sel) != 1 || sel[0].Type != "TextQuoteSelector" || sel[0].Exact != c.quote {
			t.Errorf("unanchored citation %d: selectors %+v, want the stored quote alone", c.id, sel)
		}
		return
	}
	if len(sel) != 2 || sel[0].Type != "TextQuoteSelector" || sel[1].Type != "TextPositionSelector" || sel[1].Start == nil || sel[1].End == nil {
		t.Fatalf("citation %d: selectors %+v", c.id, sel)
	}
	body := f.bodies[c.slug]
	start, end := *sel[1].Start, *sel[1].End
	if start < 0 || end > len(body) || start >= end {
		t.Fatalf("citation %d: position %d-%d outside a text of %d", c.id, start, end, len(body))
	}
	if got := string(body[start:end]); got != sel[0].Exact {
		t.Errorf("citation %d: text[%d:%d] = %q, exact %q", c.id, start, end, got, sel[0].Exact)
	}
	if want := string(body[max(0, start-export.ContextLen):start]); sel[0].Prefix != want {
		t.Errorf("citation %d: prefix %q, want %q", c.id, sel[0].Prefix, want)
	}
	if want := string(body[end:min(len(body), end+export.ContextLen)]); sel[0].Suffix != want {
		t.Errorf("citation %d: suffix %q, want %q", c.id, sel[0].Suffix, want)
	}
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if squeeze(sel[0].Exact) != squeeze(c.quote) {
		t.Errorf("citation %d: exact %q is not the curated quote %q", c.id, sel[0].Exact, c.quote)
	}
}

func TestReferences(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := dbtest.Store(t)
	files, err := filepath.Glob(filepath.Join(seeds, "documents", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatal("no seeds")
	}
	for _, r := range (&ingest.Ingester{Store: st}).Paths(ctx, files) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	keys := map[string]bool{}
	for _, p := range files {
		d, err := parse.File(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, fn := range d.Footnotes {
			if fn.Body != nil {
				for _, r := range biblio.Extract(*fn.Body) {
					if r.Key() != "" {
						keys[r.Key()] = true
					}
				}
			}
		}
	}
	exports := &export.Exports{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	var items []biblio.CSLItem
	rec := get(t, exports.References(), "/export/references.json", &items)
	if ct := rec.Header().Get("Content-Type"); ct != export.CSLType {
		t.Errorf("Content-Type %q", ct)
	}
	if len(items) != len(keys) {
		t.Fatalf("%d CSL items, want one per distinct work: %d", len(items), len(keys))
	}
	ids := map[string]bool{}
	waltz := 0
	for _, it := range items {
		if _, err := gid.DecodeAs(gid.Work, it.ID); err != nil || ids[it.ID] {
			t.Fatalf("item id %q: %v (or repeated)", it.ID, err)
		}
		ids[it.ID] = true
		if it.Type == "" || it.Title == "" && it.URL == "" {
			t.Errorf("item %s names nothing: %+v", it.ID, it)
		}
		if it.Title == "Theory of International Politics" {
			waltz++
			if len(it.Author) != 1 || it.Author[0].Family != "Waltz" || it.Issued == nil || it.Issued.DateParts[0][0] != 1979 {
				t.Errorf("Waltz: %+v", it)
			}
		}
	}
	if waltz != 1 {
		t.Errorf("Waltz's book, cited in notes 4 and 6 of seed 000, is %d items, want 1", waltz)
	}
	if items[0].Title != "Theory of International Politics" {
		t.Errorf("first item %q; the most cited work (twice) comes first", items[0].Title)
	}
}
