package server_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// The whole of every document, as a client walks it in one query.
const everythingQuery = `{
  documents(first: 100) {
    totalCount
    nodes {
      id slug title subtitle publisher url series seriesNumber publishedOn updatedOn
      language sourceFile contentHash categories keywords text captions { text credit }
      format extraction warnings publishedAt
      authors { id name nameReading affiliation title specialty bio }
      sections {
        id ordinal heading level text document { id }
        paragraphs {
          id ordinal text start end
          document { id } section { id }
          footnoteRefs { label offset footnote { id label } }
          footnotes { id label }
        }
      }
      footnotes { id label body urls document { id } citedIn { id ordinal } }
    }
  }
}`

type idOnly struct{ ID string }

type gqlAuthor struct {
	ID, Name                                        string
	NameReading, Affiliation, Title, Specialty, Bio *string
}

type gqlParagraph struct {
	ID, Text          string
	Ordinal           int
	Start, End        int
	Document, Section idOnly
	FootnoteRefs      []struct {
		Label    string
		Offset   int
		Footnote struct{ ID, Label string }
	}
	Footnotes []struct{ ID, Label string }
}

type gqlDocument struct {
	ID, Slug, Language, SourceFile, ContentHash, Text string
	Format                                            string
	Title, Subtitle, Publisher, URL, Series           *string
	SeriesNumber, PublishedOn, UpdatedOn, PublishedAt *string
	Extraction                                        *string
	Categories, Keywords, Warnings                    []string
	Captions                                          []doc.Caption
	Authors                                           []gqlAuthor
	Sections                                          []struct {
		ID, Text   string
		Ordinal    int
		Heading    *string
		Level      int
		Document   idOnly
		Paragraphs []gqlParagraph
	}
	Footnotes []struct {
		ID, Label string
		Body      *string
		URLs      []string
		Document  idOnly
		CitedIn   []struct {
			ID      string
			Ordinal int
		}
	}
}

func fetchEverything(t *testing.T, f *fixture) []gqlDocument {
	t.Helper()
	var data struct {
		Documents struct {
			TotalCount int
			Nodes      []gqlDocument
		}
	}
	f.query(t, everythingQuery, nil, &data)
	if data.Documents.TotalCount != len(f.slugs) || len(data.Documents.Nodes) != len(f.slugs) {
		t.Fatalf("totalCount %d, %d nodes; want %d seeds", data.Documents.TotalCount, len(data.Documents.Nodes), len(f.slugs))
	}
	return data.Documents.Nodes
}

func TestGraphQL(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	docs := fetchEverything(t, f)
	t.Run("documents match the parser", func(t *testing.T) {
		t.Parallel()
		for _, got := range docs {
			want := f.parsed[got.Slug]
			if want == nil {
				t.Errorf("unexpected document %q", got.Slug)
				continue
			}
			checkDocument(t, got, want)
		}
	})
	t.Run("pagination", func(t *testing.T) { t.Parallel(); testPagination(t, f, docs) })
	t.Run("authors", func(t *testing.T) { t.Parallel(); testAuthors(t, f) })
	t.Run("filters", func(t *testing.T) { t.Parallel(); testFilters(t, f, docs) })
	t.Run("node round trips", func(t *testing.T) { t.Parallel(); testNodes(t, f, docs) })
	t.Run("bad input", func(t *testing.T) { t.Parallel(); testBadInput(t, f, docs) })
}

// captionStrings renders captions as "text / credit" to compare them by
// value (Credit is a pointer).
func captionStrings(cs []doc.Caption) []string {
	var out []string
	for _, c := range cs {
		credit := "<nil>"
		if c.Credit != nil {
			credit = *c.Credit
		}
		out = append(out, c.Text+" / "+credit)
	}
	return out
}

func checkDocument(t *testing.T, got gqlDocument, want *doc.Document) {
	t.Helper()
	name := got.Slug
	meta := func(field string, g, w any) {
		if fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("%s: %s = %v, want %v", name, field, g, w)
		}
	}
	str := func(p *string) string {
		if p == nil {
			return "<nil>"
		}
		return *p
	}
	meta("title", str(got.Title), str(want.Title))
	meta("format", got.Format, strings.ToUpper(want.Format))
	meta("extraction", str(got.Extraction), strings.ToUpper(want.Extraction))
	meta("publishedAt", str(got.PublishedAt), str(want.PublishedAt))
	meta("warnings", got.Warnings, want.Warnings)
	meta("subtitle", str(got.Subtitle), str(want.Subtitle))
	meta("publisher", str(got.Publisher), str(want.Publisher))
	meta("url", str(got.URL), str(want.URL))
	meta("series", str(got.Series), str(want.Series))
	meta("seriesNumber", str(got.SeriesNumber), str(want.SeriesNumber))
	meta("publishedOn", str(got.PublishedOn), str(want.PublishedOn))
	meta("updatedOn", str(got.UpdatedOn), str(want.UpdatedOn))
	meta("language", got.Language, want.Language)
	meta("sourceFile", got.SourceFile, want.SourceFile)
	meta("contentHash", got.ContentHash, want.ContentHash)
	meta("categories", got.Categories, want.Categories)
	meta("keywords", got.Keywords, want.Keywords)
	meta("captions", captionStrings(got.Captions), captionStrings(want.Captions))
	var authors, wantAuthors []string
	for _, a := range got.Authors {
		authors = append(authors, a.Name)
	}
	for _, a := range want.Authors {
		wantAuthors = append(wantAuthors, a.Name)
	}
	meta("authors", authors, wantAuthors)

	// Headings and levels in order.
	if len(got.Sections) != len(want.Sections) {
		t.Fatalf("%s: %d sections, want %d", name, len(got.Sections), len(want.Sections))
	}
	var texts []string
	var paras []gqlParagraph
	for i, s := range got.Sections {
		ws := want.Sections[i]
		if s.Ordinal != i || str(s.Heading) != str(ws.Heading) || s.Level != ws.Level || s.Document.ID != got.ID {
			t.Errorf("%s: section %d = %d %q level %d, want %q level %d", name, i, s.Ordinal, str(s.Heading), s.Level, str(ws.Heading), ws.Level)
		}
		var own []string
		for _, p := range s.Paragraphs {
			own = append(own, p.Text)
			if p.Section.ID != s.ID || p.Document.ID != got.ID {
				t.Errorf("%s: paragraph %d points at section %s document %s", name, p.Ordinal, p.Section.ID, p.Document.ID)
			}
		}
		if s.Text != strings.Join(own, doc.ParagraphSeparator) {
			t.Errorf("%s: section %d text is not its paragraphs joined", name, i)
		}
		texts = append(texts, own...)
		paras = append(paras, s.Paragraphs...)
	}
	if got.Text != strings.Join(texts, doc.ParagraphSeparator) {
		t.Errorf("%s: text is not the paragraphs joined by %q", name, doc.ParagraphSeparator)
	}

	// Paragraphs: text, ordinals, offsets into the text, footnote markers.
	wantParas := want.Paragraphs()
	if len(paras) != len(wantParas) {
		t.Fatalf("%s: %d paragraphs, want %d", name, len(paras), len(wantParas))
	}
	citedIn := map[string][]int{} // footnote label → citing paragraph ordinals
	noteID := map[string]string{} // footnote label → id
	for _, n := range got.Footnotes {
		noteID[n.Label] = n.ID
	}
	for i, p := range paras {
		wp := wantParas[i]
		if p.Ordinal != i || p.Text != wp.Text {
			t.Errorf("%s: paragraph %d (ordinal %d) text differs from the parser's", name, i, p.Ordinal)
		}
		if s := runes(got.Text, p.Start, p.End); s != p.Text {
			t.Errorf("%s: paragraph %d: text[%d:%d] = %q, want the paragraph", name, i, p.Start, p.End, s)
		}
		if len(p.FootnoteRefs) != len(wp.FootnoteRefs) {
			t.Errorf("%s: paragraph %d: %d markers, want %d", name, i, len(p.FootnoteRefs), len(wp.FootnoteRefs))
			continue
		}
		var distinct []string
		for j, r := range p.FootnoteRefs {
			wr := wp.FootnoteRefs[j]
			if r.Label != wr.Label || r.Offset != wr.Offset || r.Footnote.Label != wr.Label || r.Footnote.ID != noteID[wr.Label] {
				t.Errorf("%s: paragraph %d marker %d = %+v, want %+v", name, i, j, r, wr)
			}
			if !slices.Contains(distinct, r.Label) {
				distinct = append(distinct, r.Label)
				citedIn[r.Label] = append(citedIn[r.Label], i)
			}
		}
		var cited []string
		for _, n := range p.Footnotes {
			cited = append(cited, n.Label)
		}
		if !slices.Equal(cited, distinct) {
			t.Errorf("%s: paragraph %d footnotes %v, want %v", name, i, cited, distinct)
		}
	}

	// Footnotes: the parser's, each linked to the paragraphs citing it.
	if len(got.Footnotes) != len(want.Footnotes) {
		t.Fatalf("%s: %d footnotes, want %d", name, len(got.Footnotes), len(want.Footnotes))
	}
	for i, n := range got.Footnotes {
		wn := want.Footnotes[i]
		if n.Label != wn.Label || str(n.Body) != str(wn.Body) || fmt.Sprint(n.URLs) != fmt.Sprint(wn.URLs) || n.Document.ID != got.ID {
			t.Errorf("%s: footnote %d = %q %q %v, want %q %q %v", name, i, n.Label, str(n.Body), n.URLs, wn.Label, str(wn.Body), wn.URLs)
		}
		var ords []int
		for _, p := range n.CitedIn {
			ords = append(ords, p.Ordinal)
			if p.ID != paras[p.Ordinal].ID {
				t.Errorf("%s: footnote %s cited in paragraph %d with another id", name, n.Label, p.Ordinal)
			}
		}
		if fmt.Sprint(ords) != fmt.Sprint(citedIn[n.Label]) {
			t.Errorf("%s: footnote %s cited in %v, want %v", name, n.Label, ords, citedIn[n.Label])
		}
	}
}

// documentOrder sorts like the API: newest first, undated last, then slug.
func documentOrder(a, b *doc.Document, slugA, slugB string) int {
	switch {
	case a.PublishedOn == nil && b.PublishedOn != nil:
		return 1
	case a.PublishedOn != nil && b.PublishedOn == nil:
		return -1
	case a.PublishedOn != nil && *a.PublishedOn != *b.PublishedOn:
		return -strings.Compare(*a.PublishedOn, *b.PublishedOn)
	}
	return strings.Compare(slugA, slugB)
}

const pageQuery = `query($first: Int, $after: String) {
  documents(first: $first, after: $after) {
    totalCount
    edges { cursor node { slug } }
    nodes { slug }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`

type docPage struct {
	Documents struct {
		TotalCount int
		Edges      []struct {
			Cursor string
			Node   struct{ Slug string }
		}
		Nodes    []struct{ Slug string }
		PageInfo struct {
			HasNextPage, HasPreviousPage bool
			StartCursor, EndCursor       *string
		}
	}
}

// walkDocuments pages through the documents size at a time and returns
// the slugs in the order served.
func walkDocuments(t *testing.T, f *fixture, size int) []string {
	t.Helper()
	var slugs []string
	vars := map[string]any{"first": size}
	for page := 0; ; page++ {
		var p docPage
		f.query(t, pageQuery, vars, &p)
		d := p.Documents
		if len(d.Edges) != len(d.Nodes) || len(d.Edges) > size {
			t.Fatalf("page %d: %d edges, %d nodes, size %d", page, len(d.Edges), len(d.Nodes), size)
		}
		if d.PageInfo.HasPreviousPage != (page > 0) {
			t.Errorf("page %d: hasPreviousPage %v", page, d.PageInfo.HasPreviousPage)
		}
		for i, e := range d.Edges {
			if e.Node.Slug != d.Nodes[i].Slug {
				t.Errorf("page %d: edge %d is %s, node %s", page, i, e.Node.Slug, d.Nodes[i].Slug)
			}
			slugs = append(slugs, e.Node.Slug)
		}
		if len(d.Edges) > 0 && (*d.PageInfo.StartCursor != d.Edges[0].Cursor || *d.PageInfo.EndCursor != d.Edges[len(d.Edges)-1].Cursor) {
			t.Errorf("page %d: start/end cursors are not the first/last edge's", page)
		}
		if !d.PageInfo.HasNextPage {
			if d.TotalCount != len(slugs) {
				t.Errorf("totalCount %d, walked %d", d.TotalCount, len(slugs))
			}
			return slugs
		}
		if page > 1000 {
			t.Fatal("pagination does not end")
		}
		vars["after"] = *d.PageInfo.EndCursor
	}
}

func testPagination(t *testing.T, f *fixture, docs []gqlDocument) {
	want := slices.Clone(f.slugs)
	slices.SortFunc(want, func(a, b string) int { return documentOrder(f.parsed[a], f.parsed[b], a, b) })
	var all []string
	for _, d := range docs {
		all = append(all, d.Slug)
	}
	if !slices.Equal(all, want) {
		t.Errorf("order %v, want %v", all, want)
	}
	for _, size := range []int{1, 2, 3, 5} {
		if got := walkDocuments(t, f, size); !slices.Equal(got, want) {
			t.Errorf("pages of %d: %v, want %v (no gaps, no repeats)", size, got, want)
		}
	}
	var empty docPage
	f.query(t, pageQuery, map[string]any{"first": 0}, &empty)
	if len(empty.Documents.Nodes) != 0 || !empty.Documents.PageInfo.HasNextPage || empty.Documents.PageInfo.EndCursor != nil {
		t.Errorf("first: 0 = %+v", empty.Documents)
	}
}

func testAuthors(t *testing.T, f *fixture) {
	const q = `query($first: Int, $after: String) {
	  authors(first: $first, after: $after) {
	    totalCount
	    nodes { id name documents { totalCount nodes { slug } } }
	    pageInfo { hasNextPage endCursor }
	  }
	}`
	type page struct {
		Authors struct {
			TotalCount int
			Nodes      []struct {
				ID, Name  string
				Documents struct {
					TotalCount int
					Nodes      []struct{ Slug string }
				}
			}
			PageInfo struct {
				HasNextPage bool
				EndCursor   *string
			}
		}
	}
	var all page
	f.query(t, q, map[string]any{"first": 100}, &all)
	// Each seed author, by name key, with the seeds they wrote, newest first.
	want := map[string][]string{}
	for _, slug := range f.slugs {
		for _, a := range f.parsed[slug].Authors {
			want[store.AuthorNameKey(a.Name)] = append(want[store.AuthorNameKey(a.Name)], slug)
		}
	}
	if all.Authors.TotalCount != len(want) || len(all.Authors.Nodes) != len(want) {
		t.Fatalf("%d authors (totalCount %d), want %d", len(all.Authors.Nodes), all.Authors.TotalCount, len(want))
	}
	var names []string
	for _, a := range all.Authors.Nodes {
		names = append(names, a.Name)
		slugs := want[store.AuthorNameKey(a.Name)]
		slices.SortFunc(slugs, func(a, b string) int { return documentOrder(f.parsed[a], f.parsed[b], a, b) })
		var got []string
		for _, d := range a.Documents.Nodes {
			got = append(got, d.Slug)
		}
		if !slices.Equal(got, slugs) || a.Documents.TotalCount != len(slugs) {
			t.Errorf("author %s: documents %v (total %d), want %v", a.Name, got, a.Documents.TotalCount, slugs)
		}
	}
	// Page by page, the same authors in the same order.
	var walked []string
	vars := map[string]any{"first": 1}
	for {
		var p page
		f.query(t, q, vars, &p)
		for _, a := range p.Authors.Nodes {
			walked = append(walked, a.Name)
		}
		if !p.Authors.PageInfo.HasNextPage {
			break
		}
		vars["after"] = *p.Authors.PageInfo.EndCursor
	}
	if !slices.Equal(walked, names) {
		t.Errorf("authors one by one %v, all at once %v", walked, names)
	}
}

func testFilters(t *testing.T, f *fixture, docs []gqlDocument) {
	const q = `query($filter: DocumentFilter) { documents(first: 100, filter: $filter) { totalCount nodes { slug } } }`
	run := func(filter map[string]any) []string {
		var data struct {
			Documents struct {
				TotalCount int
				Nodes      []struct{ Slug string }
			}
		}
		f.query(t, q, map[string]any{"filter": filter}, &data)
		var out []string
		for _, n := range data.Documents.Nodes {
			out = append(out, n.Slug)
		}
		if data.Documents.TotalCount != len(out) {
			t.Errorf("filter %v: totalCount %d, %d nodes", filter, data.Documents.TotalCount, len(out))
		}
		return out
	}
	expect := func(keep func(gqlDocument) bool) []string {
		var out []string
		for _, d := range docs {
			if keep(d) {
				out = append(out, d.Slug)
			}
		}
		return out
	}
	check := func(filter map[string]any, keep func(gqlDocument) bool) {
		t.Helper()
		want := expect(keep)
		if got := run(filter); !slices.Equal(got, want) {
			t.Errorf("filter %v: %v, want %v", filter, got, want)
		}
	}
	for _, d := range docs {
		for _, a := range d.Authors {
			check(map[string]any{"author": a.ID}, func(x gqlDocument) bool {
				return slices.ContainsFunc(x.Authors, func(y gqlAuthor) bool { return y.ID == a.ID })
			})
		}
	}
	word := []rune(*docs[0].Title)[:2]
	check(map[string]any{"titleContains": string(word)}, func(x gqlDocument) bool { return x.Title != nil && strings.Contains(*x.Title, string(word)) })
	var dates []string
	for _, d := range docs {
		if d.PublishedOn != nil {
			dates = append(dates, *d.PublishedOn)
		}
	}
	slices.Sort(dates)
	mid := dates[len(dates)/2]
	check(map[string]any{"publishedAfter": mid}, func(x gqlDocument) bool { return x.PublishedOn != nil && *x.PublishedOn >= mid })
	check(map[string]any{"publishedBefore": mid}, func(x gqlDocument) bool { return x.PublishedOn != nil && *x.PublishedOn <= mid })
	check(map[string]any{"publishedAfter": mid, "publishedBefore": mid}, func(x gqlDocument) bool { return x.PublishedOn != nil && *x.PublishedOn == mid })
	check(map[string]any{"topic": "no-such-topic"}, func(gqlDocument) bool { return false })
}

func testNodes(t *testing.T, f *fixture, docs []gqlDocument) {
	type want struct{ typename, id, label string }
	var wants []want
	for _, d := range docs {
		wants = append(wants, want{"Document", d.ID, d.Slug})
		for _, a := range d.Authors {
			wants = append(wants, want{"Author", a.ID, a.Name})
		}
		for _, s := range d.Sections {
			h := ""
			if s.Heading != nil {
				h = *s.Heading
			}
			wants = append(wants, want{"Section", s.ID, h})
			for _, p := range s.Paragraphs {
				wants = append(wants, want{"Paragraph", p.ID, p.Text})
			}
		}
		for _, n := range d.Footnotes {
			wants = append(wants, want{"Footnote", n.ID, n.Label})
		}
	}
	// One query with an alias per node: also shows that node lookups batch.
	var b strings.Builder
	b.WriteString("{")
	for i, w := range wants {
		fmt.Fprintf(&b, ` n%d: node(id: %q) { __typename id
			... on Document { label: slug } ... on Author { label: name }
			... on Section { heading } ... on Paragraph { label: text } ... on Footnote { label } }`, i, w.id)
	}
	b.WriteString("}")
	var data map[string]struct {
		Typename string `json:"__typename"`
		ID       string
		Label    string
		Heading  *string
	}
	r := f.query(t, b.String(), nil, &data)
	for i, w := range wants {
		got := data[fmt.Sprintf("n%d", i)]
		label := got.Label
		if got.Heading != nil {
			label = *got.Heading
		}
		if got.Typename != w.typename || got.ID != w.id || label != w.label {
			t.Errorf("node(%s) = %s %s %q, want %s %q", w.id, got.Typename, got.ID, label, w.typename, w.label)
		}
	}
	// Sibling root fields resolve concurrently and batch through the
	// loaders' wait window: one query per type, or a few more when a busy
	// machine delays some of them past the window, never one per lookup.
	if r.Statements > len(wants)/10 {
		t.Errorf("%d node lookups took %d statements", len(wants), r.Statements)
	}
	var one struct{ Document struct{ ID, Slug string } }
	f.query(t, `query($slug: String) { document(slug: $slug) { id slug } }`, map[string]any{"slug": docs[0].Slug}, &one)
	if one.Document.ID != docs[0].ID {
		t.Errorf("document(slug) = %+v, want id %s", one.Document, docs[0].ID)
	}
	f.query(t, `query($id: ID) { document(id: $id) { id slug } }`, map[string]any{"id": docs[0].ID}, &one)
	if one.Document.Slug != docs[0].Slug {
		t.Errorf("document(id) = %+v, want slug %s", one.Document, docs[0].Slug)
	}
}

func testBadInput(t *testing.T, f *fixture, docs []gqlDocument) {
	cases := []struct {
		name, query string
		vars        map[string]any
		code        string
	}{
		{"garbage cursor", `{ documents(after: "not a cursor") { totalCount } }`, nil, store.EInvalid},
		{"author cursor for documents", `query($a: String) { documents(after: $a) { totalCount } }`,
			map[string]any{"a": "YXV0aG9yczp7Im4iOiJ4IiwiaSI6MX0"}, store.EInvalid}, // authors:{"n":"x","i":1}
		{"garbage node id", `{ node(id: "???") { id } }`, nil, store.EInvalid},
		{"unknown type id", `{ node(id: "Tm9wZTox") { id } }`, nil, store.EInvalid}, // Nope:1
		{"document id for author", `query($id: ID!) { author(id: $id) { name } }`, map[string]any{"id": docs[0].ID}, store.EInvalid},
		{"author id for filter", `query($id: ID) { documents(filter: {author: $id}) { totalCount } }`, map[string]any{"id": docs[0].ID}, store.EInvalid},
		{"first above 100", `{ documents(first: 101) { totalCount } }`, nil, store.EInvalid},
		{"negative first", `{ authors(first: -1) { totalCount } }`, nil, store.EInvalid},
		{"nested first above 100", `{ authors { nodes { documents(first: 1000) { totalCount } } } }`, nil, store.EInvalid},
		{"neither id nor slug", `{ document { id } }`, nil, store.EInvalid},
		{"bad date", `{ documents(filter: {publishedAfter: "2024-02-30"}) { totalCount } }`, nil, store.EInvalid},
		{"unknown topic", `{ compare(topic: "weather") { totalCount } }`, nil, store.EInvalid},
		{"unknown topic in a nested field", `{ authors { nodes { stance(topic: "weather") { id } } } }`, nil, store.EInvalid},
		{"search page above 100", `{ search(query: "中国", first: 101) { totalCount } }`, nil, store.EInvalid},
		{"garbage search cursor", `{ search(query: "中国", after: "eyJ4IjoxfQ") { totalCount } }`, nil, store.EInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := f.wantError(t, c.query, c.vars, c.code)
			if e.Message == "" || strings.Contains(strings.ToLower(e.Message), "sqlstate") {
				t.Errorf("message %q", e.Message)
			}
		})
	}
	// Well-formed IDs of missing objects are null, not errors.
	var data struct {
		Node     *idOnly
		Document *idOnly
	}
	f.query(t, `{ node(id: "RG9jdW1lbnQ6OTk5OTk") { id } document(slug: "missing") { id } }`, nil, &data) // Document:99999
	if data.Node != nil || data.Document != nil {
		t.Errorf("missing objects: %+v", data)
	}
}
