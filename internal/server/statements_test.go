package server_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/curate"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// nestedQuery walks every relation the API serves, at several depths.
const nestedQuery = `{
  documents(first: 100) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      slug title publishedOn text captions { text credit }
      authors { name affiliation documents(first: 5) { totalCount nodes { slug } } }
      sections {
        heading level text
        paragraphs {
          ordinal text start end
          section { heading } document { slug }
          footnoteRefs { label offset footnote { label body } }
          footnotes { label }
        }
      }
      footnotes { label body urls document { slug } citedIn { ordinal section { heading } } }
    }
  }
  authors(first: 100) {
    totalCount
    nodes { name documents(first: 10) { totalCount edges { node { slug title sections { heading } } } } last: documents(last: 2) { nodes { slug } } }
  }
}`

// curationQuery walks topics, stances, citations, evidence and compare.
const curationQuery = `{
  authors(first: 100) {
    nodes {
      stance(topic: "china-role") { position summary citations { quote section { heading } paragraph { ordinal } footnotes { label } } }
      stances { nodes { topic { slug } positionLabel } }
      evidence(topic: "china-role", first: 2) { edges { cursor node { snippet paragraph { ordinal document { slug } } } } }
    }
  }
  compare(topic: "china-role", first: 100) {
    totalCount
    rows: nodes {
      document { slug topics { score topic { slug } } }
      authors { name }
      stance { summary citations { start end paragraph { ordinal } footnotes { label } } }
      coverage
      evidence(first: 2) { nodes { snippet paragraph { ordinal } } }
    }
  }
  topics { slug positions { slug } stances(first: 50) { nodes { document { slug } } } documents(first: 50) { totalCount nodes { slug } } }
  back: compare(topic: "china-role", last: 3) { edges { cursor node { document { slug } evidence(first: 1) { nodes { snippet } } } } }
}`

// annotateVariants gives every variant its seed's curated stances: the
// variant's text is its seed's, so every quote anchors.
func annotateVariants(t *testing.T, f *fixture, more map[string]*doc.Document) {
	t.Helper()
	files, err := annotation.LoadDir("../../seeds/annotations", f.tax)
	if err != nil {
		t.Fatal(err)
	}
	bySource := map[string]annotation.File{}
	for _, a := range files {
		bySource[a.Document+".txt"] = a
	}
	var copies []annotation.File
	for slug, d := range more {
		if a, ok := bySource[d.SourceFile]; ok {
			a.Document = slug
			copies = append(copies, a)
		}
	}
	for _, r := range curate.LoadAnnotations(context.Background(), f.store, copies) {
		if r.Err != nil {
			t.Fatalf("annotate %s: %v", r.Document, r.Err)
		}
	}
}

// variants returns n synthetic documents derived from the seeds: each
// seed again under a new slug and content hash, with its date moved (some
// undated) so that pages mix dates, and with its authors, so that authors
// have many documents.
func variants(f *fixture, n int) map[string]*doc.Document {
	out := map[string]*doc.Document{}
	for i := 0; len(out) < n; i++ {
		for _, slug := range f.slugs {
			if len(out) == n {
				break
			}
			v := *f.parsed[slug]
			v.ContentHash = fmt.Sprintf("%s-variant-%d", v.ContentHash, i)
			title := fmt.Sprintf("%s (%d)", *v.Title, i)
			v.Title = &title
			if i%7 == 3 {
				v.PublishedOn = nil
			} else {
				date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%40).Format(time.DateOnly)
				v.PublishedOn = &date
			}
			out[fmt.Sprintf("%s-v%03d", slug, i)] = &v
		}
	}
	return out
}

func TestStatementsDependOnShapeNotRows(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	g := productionLoaders(f)
	probes := relationProbes(t)

	run := func() (statements, documents, authors int) {
		var data struct {
			Documents struct{ Nodes []struct{ Slug string } }
			Authors   struct{ Nodes []struct{ Name string } }
		}
		r := g.query(t, nestedQuery, nil, &data)
		return r.Statements, len(data.Documents.Nodes), len(data.Authors.Nodes)
	}
	curation := func() (statements, rows int) {
		var data struct {
			Compare struct {
				Rows []struct{ Stance *struct{ Summary string } }
			}
		}
		r := g.query(t, curationQuery, nil, &data)
		return r.Statements, len(data.Compare.Rows)
	}
	small, smallDocs, smallAuthors := run()
	smallCuration, _ := curation()
	smallProbes := probeCounts(t, g, probes, 4)
	if smallDocs != len(f.slugs) || small == 0 {
		t.Fatalf("over the seeds: %d documents, %d statements", smallDocs, small)
	}

	// 495 more documents, stored several at once. A variant's paragraphs
	// are its seed's, so the seed's search vectors serve (computing them
	// is most of the cost of ingesting).
	more := variants(f, 495)
	vectors := map[string][]pgtype.TSVector{}
	for _, slug := range f.slugs {
		d := f.parsed[slug]
		v, _, err := ingest.Analyze(ctx, d, nil)
		if err != nil {
			t.Fatal(err)
		}
		vectors[d.SourceFile] = v
	}
	work := make(chan string)
	var wg sync.WaitGroup
	for range 4 { // the pool's connections: saving waits on the database more than on the CPU
		wg.Go(func() {
			for slug := range work {
				d := more[slug]
				w := store.DocumentWrite{Slug: slug, Doc: d, Vectors: vectors[d.SourceFile]}
				if _, err := f.store.DocumentSave(ctx, w, nil); err != nil {
					t.Errorf("save %s: %v", slug, err)
				}
			}
		})
	}
	for slug := range more {
		work <- slug
	}
	close(work)
	wg.Wait()
	annotateVariants(t, f, more)

	large, largeDocs, largeAuthors := run()
	if largeDocs != 100 || largeAuthors != smallAuthors {
		t.Fatalf("over 500 documents: %d documents, %d authors", largeDocs, largeAuthors)
	}
	t.Logf("statements: %d over %d documents, %d over 500 (first page of %d)", small, smallDocs, large, largeDocs)
	if large != small {
		t.Errorf("the same query ran %d statements over 5 documents and %d over 500", small, large)
	}
	largeCuration, rows := curation()
	t.Logf("curation statements: %d over 5 documents, %d over 500 (%d rows compared)", smallCuration, largeCuration, rows)
	if largeCuration != smallCuration || rows != 100 {
		t.Errorf("the curation query ran %d statements over 5 documents and %d over 500 (%d rows)", smallCuration, largeCuration, rows)
	}

	largeProbes := probeCounts(t, g, probes, 8)
	for _, p := range probes {
		if smallProbes[p.typ] != largeProbes[p.typ] {
			t.Errorf("the fields of %s ran %d statements over 5 documents and %d over 500\n%s", p.typ, smallProbes[p.typ], largeProbes[p.typ], p.query)
		}
	}
	t.Logf("%d types probed through lists: %v", len(probes), largeProbes)

	// Keyset pages over many equal dates and many undated documents.
	all := map[string]*doc.Document{}
	for _, slug := range f.slugs {
		all[slug] = f.parsed[slug]
	}
	maps.Copy(all, more)
	want := slices.Collect(maps.Keys(all))
	slices.SortFunc(want, func(a, b string) int { return documentOrder(all[a], all[b], a, b) })
	if got := walkDocuments(t, f, 37); !slices.Equal(got, want) {
		t.Errorf("pages of 37 over 500 documents: %d slugs, not the %d in document order", len(got), len(want))
	}
}

// BenchmarkNestedQuery serves nestedQuery over the seeds through the whole
// handler: parsing, validation, prefetching and JSON encoding.
func BenchmarkNestedQuery(b *testing.B) {
	f := newFixture(b)
	var data map[string]any
	statements := f.query(b, nestedQuery, nil, &data).Statements
	b.ReportAllocs()
	for b.Loop() {
		f.query(b, nestedQuery, nil, &data)
	}
	b.ReportMetric(float64(statements), "statements/op")
}
