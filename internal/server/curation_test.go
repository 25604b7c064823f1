package server_test

import (
	"slices"
	"strings"
	"testing"
)

// headlineQuery is the README's: each author's stance on China's role
// with the citations, their sections and their footnotes.
const headlineQuery = `{
  authors(first: 50) {
    nodes {
      name
      documents(first: 5) { nodes { slug text } }
      stance(topic: "china-role") {
        position positionLabel summary summaryEn: summary(lang: EN)
        topic { slug name nameEn: name(lang: EN) }
        document { slug text }
        authors { name }
        citations {
          quote prefix suffix start end anchored
          paragraph { text start end }
          section { heading }
          document { slug }
          footnotes { label body }
        }
      }
    }
  }
}`

type headlineData struct {
	Authors struct {
		Nodes []struct {
			Name      string
			Documents struct{ Nodes []struct{ Slug, Text string } }
			Stance    *struct {
				Position, PositionLabel, Summary, SummaryEn string
				Topic                                       struct{ Slug, Name, NameEn string }
				Document                                    struct{ Slug, Text string }
				Authors                                     []struct{ Name string }
				Citations                                   []struct {
					Quote, Prefix, Suffix string
					Start, End            *int
					Anchored              bool
					Paragraph             struct {
						Text       string
						Start, End int
					}
					Section   struct{ Heading *string }
					Document  struct{ Slug string }
					Footnotes []struct{ Label string }
				}
			}
		}
	}
}

func TestHeadlineQuery(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var data headlineData
	f.query(t, headlineQuery, nil, &data)
	withStance := 0
	for _, a := range data.Authors.Nodes {
		s := a.Stance
		if s == nil {
			// Only the author of seed 003, which names China only inside
			// an institute's name, has no stance on China's role.
			if len(a.Documents.Nodes) != 1 || a.Documents.Nodes[0].Slug != "003_102feb90fe83f811" {
				t.Errorf("%s: no stance on china-role", a.Name)
			}
			continue
		}
		withStance++
		if s.Topic.Slug != "china-role" || s.Topic.Name != "中国の役割" || s.Topic.NameEn != "China's role" {
			t.Errorf("%s: topic %+v", a.Name, s.Topic)
		}
		if s.Summary == "" || s.SummaryEn == "" || s.Summary == s.SummaryEn || s.PositionLabel == "" || s.PositionLabel == s.Position {
			t.Errorf("%s: summary %q / %q, label %q", a.Name, s.Summary, s.SummaryEn, s.PositionLabel)
		}
		if !slices.ContainsFunc(s.Authors, func(x struct{ Name string }) bool { return x.Name == a.Name }) {
			t.Errorf("%s: stance authors %v do not include the author", a.Name, s.Authors)
		}
		if len(s.Citations) < 2 {
			t.Errorf("%s: %d citations", a.Name, len(s.Citations))
		}
		for _, c := range s.Citations {
			if !c.Anchored || c.Start == nil || c.End == nil {
				t.Errorf("%s: unanchored citation %q", a.Name, c.Quote)
				continue
			}
			if got := runes(s.Document.Text, *c.Start, *c.End); got != c.Quote {
				t.Errorf("%s: document.text[%d:%d] = %q, want the quote %q", a.Name, *c.Start, *c.End, got, c.Quote)
			}
			if *c.Start < c.Paragraph.Start || *c.End > c.Paragraph.End || !strings.Contains(c.Paragraph.Text, c.Quote) {
				t.Errorf("%s: quote %q outside its paragraph [%d,%d)", a.Name, c.Quote, c.Paragraph.Start, c.Paragraph.End)
			}
			if !strings.HasSuffix(runes(s.Document.Text, 0, *c.Start), c.Prefix) || !strings.HasPrefix(runes(s.Document.Text, *c.End, len([]rune(s.Document.Text))), c.Suffix) {
				t.Errorf("%s: context %q…%q does not surround the quote", a.Name, c.Prefix, c.Suffix)
			}
			if c.Document.Slug != s.Document.Slug {
				t.Errorf("%s: citation of %s in a stance on %s", a.Name, c.Document.Slug, s.Document.Slug)
			}
		}
	}
	// 000, 001, 002 have authors and a stance; 004 has a stance but no author.
	if withStance != 3 {
		t.Errorf("%d authors with a stance on china-role, want 3", withStance)
	}
}

func TestCitationFootnotesAreTheMarkersInsideTheQuote(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var data struct {
		Documents struct {
			Nodes []struct {
				Slug    string
				Stances []struct {
					Citations []struct {
						Start, End *int
						Paragraph  struct {
							Start        int
							FootnoteRefs []struct {
								Label  string
								Offset int
							}
						}
						Footnotes []struct{ Label string }
					}
				}
			}
		}
	}
	f.query(t, `{ documents { nodes { slug stances { citations { start end paragraph { start footnoteRefs { label offset } } footnotes { label } } } } } }`, nil, &data)
	cited := 0
	for _, d := range data.Documents.Nodes {
		for _, s := range d.Stances {
			for _, c := range s.Citations {
				var want []string
				for _, r := range c.Paragraph.FootnoteRefs {
					if at := c.Paragraph.Start + r.Offset; at > *c.Start && at <= *c.End {
						want = append(want, r.Label)
					}
				}
				var got []string
				for _, n := range c.Footnotes {
					got = append(got, n.Label)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s: citation [%d,%d) footnotes %v, want %v", d.Slug, *c.Start, *c.End, got, want)
				}
				cited += len(got)
			}
		}
	}
	if cited == 0 {
		t.Error("no curated quote carries a footnote marker; the test checks nothing")
	}
}

func TestCompareChinaRole(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var data struct {
		Compare struct {
			TotalCount int
			Topic      struct{ Slug string }
			Rows       []struct {
				Document struct{ Slug string }
				Authors  []struct{ Name string }
				Stance   *struct{ Position string }
				Coverage float64
				Evidence struct {
					Nodes []struct {
						Snippet   string
						Score     float64
						Paragraph struct{ Text string }
					}
				}
			}
		}
	}
	f.query(t, `{ compare(topic: "china-role") { totalCount topic { slug } rows: nodes { document { slug } authors { name }
		stance { position } coverage evidence(first: 3) { nodes { snippet score paragraph { text } } } } } }`, nil, &data)
	c := data.Compare
	if c.TotalCount != 5 || len(c.Rows) != 5 || c.Topic.Slug != "china-role" {
		t.Fatalf("compare: %d rows of %d", len(c.Rows), c.TotalCount)
	}
	for _, r := range c.Rows {
		if r.Coverage < 0 || r.Coverage > 1 {
			t.Errorf("%s: coverage %v", r.Document.Slug, r.Coverage)
		}
		if r.Document.Slug == "003_102feb90fe83f811" {
			if r.Stance != nil || r.Coverage != 0 || len(r.Evidence.Nodes) != 0 {
				t.Errorf("003 names China only inside an institute: stance %v, coverage %v, evidence %d", r.Stance, r.Coverage, len(r.Evidence.Nodes))
			}
			continue
		}
		if r.Stance == nil || r.Coverage < 0.1 || len(r.Evidence.Nodes) == 0 {
			t.Errorf("%s: stance %v, coverage %v, %d passages", r.Document.Slug, r.Stance, r.Coverage, len(r.Evidence.Nodes))
		}
		for i, e := range r.Evidence.Nodes {
			if !strings.Contains(e.Snippet, "【") || i > 0 && e.Score > r.Evidence.Nodes[i-1].Score {
				t.Errorf("%s: passage %d: score %v after %v, snippet %q", r.Document.Slug, i, e.Score, r.Evidence.Nodes[max(0, i-1)].Score, e.Snippet)
			}
			marked := strings.NewReplacer("【", "", "】", "", "…", "").Replace(e.Snippet)
			if !strings.Contains(e.Paragraph.Text, marked) {
				t.Errorf("%s: snippet %q is not the paragraph's text", r.Document.Slug, e.Snippet)
			}
		}
	}
}

func TestTopicScores(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var data struct {
		Topics []struct {
			Slug, Name string
			Terms      []string
			Positions  []struct{ Slug, Label string }
		}
		Documents struct {
			Nodes []struct {
				Slug   string
				Topics []struct {
					Topic        struct{ Slug string }
					Score        float64
					MatchedTerms []string
				}
				Sections []struct {
					Paragraphs []struct {
						Text   string
						Topics []struct {
							Topic        struct{ Slug string }
							Score        float64
							MatchedTerms []string
						}
					}
				}
			}
		}
	}
	f.query(t, `{ topics { slug name terms positions { slug label } }
		documents { nodes { slug topics { topic { slug } score matchedTerms }
			sections { paragraphs { text topics { topic { slug } score matchedTerms } } } } } }`, nil, &data)
	if len(data.Topics) != 11 || data.Topics[0].Slug != "china-role" || len(data.Topics[0].Positions) == 0 {
		t.Fatalf("topics: %+v", data.Topics)
	}
	terms := map[string][]string{}
	for _, tp := range data.Topics {
		terms[tp.Slug] = tp.Terms
	}
	china := map[string]float64{}
	for _, d := range data.Documents.Nodes {
		for i, s := range d.Topics {
			if i > 0 && s.Score > d.Topics[i-1].Score {
				t.Errorf("%s: topics not highest first", d.Slug)
			}
			if s.Topic.Slug == "china-role" {
				china[d.Slug] = s.Score
			}
		}
		for _, s := range d.Sections {
			for _, p := range s.Paragraphs {
				for _, sc := range p.Topics {
					if len(sc.MatchedTerms) == 0 || sc.Score <= 0 || sc.Score >= 1 {
						t.Errorf("%s: paragraph score %v with terms %v", d.Slug, sc.Score, sc.MatchedTerms)
					}
					for _, term := range sc.MatchedTerms {
						if !slices.Contains(terms[sc.Topic.Slug], term) {
							t.Errorf("%s: matched term %q is not a term of %s", d.Slug, term, sc.Topic.Slug)
						}
					}
				}
			}
		}
	}
	// A mention inside an institute's name weighs far less than a discussion.
	if china["003_102feb90fe83f811"]*20 > china["000_44cdff5f3fd1670f"] || china["003_102feb90fe83f811"]*20 > china["001_efaf5cf835799ef8"] {
		t.Errorf("china-role scores: %v", china)
	}
}

func TestSearchMatchesSubstringScanAcrossPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var all struct {
		Documents struct {
			Nodes []struct {
				Sections []struct{ Paragraphs []struct{ ID, Text string } }
			}
		}
	}
	f.query(t, `{ documents { nodes { sections { paragraphs { id text } } } } }`, nil, &all)
	for _, term := range []string{"中国", "外交部", "核", "朝鮮", "クルクス", "THAAD", "スターリン", "台風"} {
		want := map[string]bool{}
		for _, d := range all.Documents.Nodes {
			for _, s := range d.Sections {
				for _, p := range s.Paragraphs {
					if strings.Contains(p.Text, term) {
						want[p.ID] = true
					}
				}
			}
		}
		got := map[string]bool{}
		var after *string
		total := -1
		for page := 0; ; page++ {
			var data struct {
				Search struct {
					TotalCount int
					PageInfo   struct {
						HasNextPage bool
						EndCursor   *string
					}
					Nodes []struct {
						Snippet   string
						Score     float64
						Paragraph struct{ ID string }
					}
				}
			}
			f.query(t, `query($q: String!, $after: String) { search(query: $q, first: 7, after: $after) {
				totalCount pageInfo { hasNextPage endCursor } nodes { snippet score paragraph { id } } } }`,
				map[string]any{"q": term, "after": after}, &data)
			total = data.Search.TotalCount
			for _, n := range data.Search.Nodes {
				if got[n.Paragraph.ID] {
					t.Errorf("%s: paragraph %s on two pages", term, n.Paragraph.ID)
				}
				got[n.Paragraph.ID] = true
				if !strings.Contains(n.Snippet, "【") {
					t.Errorf("%s: snippet without a mark: %q", term, n.Snippet)
				}
			}
			if !data.Search.PageInfo.HasNextPage {
				break
			}
			after = data.Search.PageInfo.EndCursor
			if page > 50 {
				t.Fatalf("%s: runaway pagination", term)
			}
		}
		if total != len(want) || len(got) != len(want) {
			t.Errorf("%s: search found %d (totalCount %d), substring scan %d", term, len(got), total, len(want))
		}
		for id := range want {
			if !got[id] {
				t.Errorf("%s: search missed paragraph %s", term, id)
			}
		}
	}
}
