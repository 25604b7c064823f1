package server_test

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/bench"
	"github.com/sourcecmp/sourcecmp/internal/curate"
	"github.com/sourcecmp/sourcecmp/internal/dbtest"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/ingest"
	"github.com/sourcecmp/sourcecmp/internal/seedtest"
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

// variantCount is how many documents the large database holds beside
// the seeds: 500 in all.
const variantCount = 495

// largeFixture serves a database holding the seeds and variantCount
// variants of them with their curated stances. Storing 495 documents
// costs more than the rest of the test: the database is made once for
// the current sources (dbtest.SeededURL) and cloned.
func largeFixture(t *testing.T) *fixture {
	t.Helper()
	sd := seedtest.Load(t)
	url := dbtest.SeededURL(t, "variants", func(ctx context.Context, url string) error {
		return seedVariants(ctx, url, sd)
	})
	st, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return fixtureOn(t, st)
}

// seedVariants stores the seeds and their variants into the database at
// url. A variant's paragraphs are its seed's, so the seed's search
// vectors serve (computing them is most of the cost of ingesting), and
// so do its curated stances: every quote anchors.
func seedVariants(ctx context.Context, url string, sd *seedtest.Seeds) error {
	if err := seedtest.Seed(ctx, url); err != nil {
		return err
	}
	st, err := store.Open(ctx, url)
	if err != nil {
		return err
	}
	defer st.Close()
	more := variants(sd, variantCount)
	vectors := map[string][]pgtype.TSVector{}
	for _, slug := range sd.Slugs {
		d := sd.Parsed[slug]
		v, _, err := ingest.Analyze(ctx, d, nil)
		if err != nil {
			return err
		}
		vectors[d.SourceFile] = v
	}
	work := make(chan string)
	errs := make(chan error, len(more))
	var wg sync.WaitGroup
	for range 4 { // the pool's connections: saving waits on the database more than on the CPU
		wg.Go(func() {
			for slug := range work {
				d := more[slug]
				w := store.DocumentWrite{Slug: slug, Doc: d, Vectors: vectors[d.SourceFile]}
				if _, err := st.DocumentSave(ctx, w, nil); err != nil {
					errs <- fmt.Errorf("save %s: %w", slug, err)
				}
			}
		})
	}
	for slug := range more {
		work <- slug
	}
	close(work)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	return annotateVariants(ctx, st, sd, more)
}

// annotateVariants gives every variant its seed's curated stances.
func annotateVariants(ctx context.Context, st *store.Store, sd *seedtest.Seeds, more map[string]*doc.Document) error {
	files, err := annotation.LoadDir(filepath.Join(sd.Dir, "annotations"), sd.Taxonomy)
	if err != nil {
		return err
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
	for _, r := range curate.LoadAnnotations(ctx, st, copies) {
		if r.Err != nil {
			return fmt.Errorf("annotate %s: %w", r.Document, r.Err)
		}
	}
	return nil
}

// variants returns n synthetic documents derived from the seeds: each
// seed again under a new slug and content hash, with its date moved (some
// undated) so that pages mix dates, and with its authors, so that authors
// have many documents.
func variants(sd *seedtest.Seeds, n int) map[string]*doc.Document {
	out := map[string]*doc.Document{}
	for i := 0; len(out) < n; i++ {
		for _, slug := range sd.Slugs {
			if len(out) == n {
				break
			}
			v := *sd.Parsed[slug]
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

// TestStatementsDependOnShapeNotRows runs the same queries over the seeds
// and over 500 documents: each runs as many statements over both.
func TestStatementsDependOnShapeNotRows(t *testing.T) {
	t.Parallel()
	probes := relationProbes(t)
	f := newFixture(t)
	g := productionLoaders(f)
	big := productionLoaders(largeFixture(t))

	run := func(g *fixture) (statements, documents, authors int) {
		var data struct {
			Documents struct{ Nodes []struct{ Slug string } }
			Authors   struct{ Nodes []struct{ Name string } }
		}
		r := g.query(t, nestedQuery, nil, &data)
		return r.Statements, len(data.Documents.Nodes), len(data.Authors.Nodes)
	}
	curation := func(g *fixture) (statements, rows int) {
		var data struct {
			Compare struct {
				Rows []struct{ Stance *struct{ Summary string } }
			}
		}
		r := g.query(t, curationQuery, nil, &data)
		return r.Statements, len(data.Compare.Rows)
	}
	small, smallDocs, smallAuthors := run(g)
	smallCuration, _ := curation(g)
	smallProbes := probeCounts(t, g, probes, 4)
	if smallDocs != len(f.slugs) || small == 0 {
		t.Fatalf("over the seeds: %d documents, %d statements", smallDocs, small)
	}

	large, largeDocs, largeAuthors := run(big)
	if largeDocs != 100 || largeAuthors != smallAuthors {
		t.Fatalf("over 500 documents: %d documents, %d authors", largeDocs, largeAuthors)
	}
	t.Logf("statements: %d over %d documents, %d over 500 (first page of %d)", small, smallDocs, large, largeDocs)
	if large != small {
		t.Errorf("the same query ran %d statements over 5 documents and %d over 500", small, large)
	}
	largeCuration, rows := curation(big)
	t.Logf("curation statements: %d over 5 documents, %d over 500 (%d rows compared)", smallCuration, largeCuration, rows)
	if largeCuration != smallCuration || rows != 100 {
		t.Errorf("the curation query ran %d statements over 5 documents and %d over 500 (%d rows)", smallCuration, largeCuration, rows)
	}

	largeProbes := probeCounts(t, big, probes, 8)
	for _, p := range probes {
		if smallProbes[p.typ] != largeProbes[p.typ] {
			t.Errorf("the fields of %s ran %d statements over 5 documents and %d over 500\n%s", p.typ, smallProbes[p.typ], largeProbes[p.typ], p.query)
		}
	}
	t.Logf("%d types probed through lists: %v", len(probes), largeProbes)

	// Keyset pages over many equal dates and many undated documents.
	all := variants(seedtest.Load(t), variantCount)
	for _, slug := range f.slugs {
		all[slug] = f.parsed[slug]
	}
	want := slices.Collect(maps.Keys(all))
	slices.SortFunc(want, func(a, b string) int { return documentOrder(all[a], all[b], a, b) })
	if got := walkDocuments(t, big, 37); !slices.Equal(got, want) {
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

// BenchmarkCurationQuery serves curationQuery (topics, stances, citations,
// evidence, compare) over the seeds through the whole handler.
func BenchmarkCurationQuery(b *testing.B) {
	f := newFixture(b)
	var data map[string]any
	statements := f.query(b, curationQuery, nil, &data).Statements
	b.ReportAllocs()
	for b.Loop() {
		f.query(b, curationQuery, nil, &data)
	}
	b.ReportMetric(float64(statements), "statements/op")
}

// BenchmarkHeadlineQuery serves the bench's headline shape over the seeds
// through the whole handler.
func BenchmarkHeadlineQuery(b *testing.B) {
	f := newFixture(b)
	benchmarkQuery(b, f, bench.HeadlineQuery, map[string]any{"topic": "china-role", "first": 50})
}

// BenchmarkReaderQuery serves the bench's reader shape over the longest
// seed document through the whole handler.
func BenchmarkReaderQuery(b *testing.B) {
	f := newFixture(b)
	slug := ""
	for s, d := range f.parsed {
		if slug == "" || len(d.Paragraphs()) > len(f.parsed[slug].Paragraphs()) {
			slug = s
		}
	}
	benchmarkQuery(b, f, bench.ReaderQuery, map[string]any{"slug": slug})
}

// benchmarkQuery serves query with vars through the whole handler b.N
// times, reporting allocations, CPU and statements per request.
func benchmarkQuery(b *testing.B, f *fixture, query string, vars map[string]any) {
	var data map[string]any
	statements := f.query(b, query, vars, &data).Statements
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		f.query(b, query, vars, &data)
	}
	b.ReportMetric(float64(statements), "statements/op")
}

// reportCPU reports the process's CPU time per iteration (user and
// system, the test's client included; PostgreSQL's is its own), a steadier
// figure than the wall time on a shared machine. Call its result at the
// end: defer reportCPU(b)().
func reportCPU(b *testing.B) func() {
	start := processCPU(b)
	return func() { b.ReportMetric(float64(processCPU(b)-start)/float64(b.N), "cpu-ns/op") }
}

func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
