package biblio

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// seedRefs returns the references of one note of seedNotes.
func seedRefs(t *testing.T, seed, label string) []Reference {
	t.Helper()
	for _, n := range seedNotes {
		if n.seed == seed && n.label == label {
			return Extract(n.body)
		}
	}
	t.Fatalf("no note %s/%s in seedNotes", seed, label)
	return nil
}

// TestKeySameWorkInTwoNotes: seed 000 cites Waltz in notes 4 and 6, on
// different pages.
func TestKeySameWorkInTwoNotes(t *testing.T) {
	t.Parallel()
	a, b := seedRefs(t, "000", "4")[0], seedRefs(t, "000", "6")[0]
	if a.Pages == b.Pages {
		t.Fatalf("pages %q and %q should differ", a.Pages, b.Pages)
	}
	if a.Key() != b.Key() || a.Key() == "" {
		t.Errorf("keys differ for one book: %q vs %q", a.Key(), b.Key())
	}
}

// TestKeyTellsArticlesApart: two articles of one newspaper, and one
// headline printed by two sources on different dates.
func TestKeyTellsArticlesApart(t *testing.T) {
	t.Parallel()
	n15 := seedRefs(t, "000", "15")
	n16 := seedRefs(t, "000", "16")[0]
	if n15[0].Key() == n15[1].Key() {
		t.Errorf("two 労働新聞 articles share a key: %q", n15[0].Key())
	}
	if n15[1].Title != n16.Title {
		t.Fatalf("the test needs the same headline: %q vs %q", n15[1].Title, n16.Title)
	}
	if n15[1].Key() == n16.Key() {
		t.Errorf("the same headline on 2023-09-14 and 2024-06-20 shares a key: %q", n16.Key())
	}
}

func TestKeyRules(t *testing.T) {
	t.Parallel()
	day := func(issued string) Reference {
		return Reference{Type: TypeArticleNewspaper, Title: "会談", Container: "労働新聞", Year: 2023, Issued: issued}
	}
	same := []struct {
		name string
		a, b Reference
	}{
		{"a journal issue cited by month and by year",
			Reference{Title: "朝鮮平和協定の政治", Container: "東亜", Year: 2018, Issued: "2018-11", Pages: "31"},
			Reference{Title: "朝鮮平和協定の政治", Container: "東亜", Year: 2018, Issued: "2018"}},
		{"full-width and half-width, dash and prolonged sound mark",
			Reference{Title: "スターリン ２０２２", Year: 2022},
			Reference{Title: "スタ-リン 2022", Year: 2022}},
		{"authors do not count",
			Reference{Title: "Theory", Authors: []string{"Kenneth Waltz"}, Year: 1979},
			Reference{Title: "Theory", Year: 1979}},
		{"a URL's scheme, fragment and trailing slash do not count",
			Reference{URL: "http://en.kremlin.ru/events/72272/photos#photo-1"},
			Reference{URL: "https://EN.kremlin.ru/events/72272/photos/"}},
	}
	for _, c := range same {
		if c.a.Key() != c.b.Key() {
			t.Errorf("%s: %q != %q", c.name, c.a.Key(), c.b.Key())
		}
	}
	differ := []struct {
		name string
		a, b Reference
	}{
		{"one headline on two days", day("2023-09-14"), day("2023-09-15")},
		{"one chapter title in two books",
			Reference{Title: "序論", Container: "論集A", Year: 2020}, Reference{Title: "序論", Container: "論集B", Year: 2020}},
		{"two editions", Reference{Title: "Theory", Year: 1979}, Reference{Title: "Theory", Year: 2010}},
		{"two pages of one site", Reference{URL: "https://tass.com/world/1674399"}, Reference{URL: "https://tass.com/politics/1677013"}},
	}
	for _, c := range differ {
		if c.a.Key() == c.b.Key() {
			t.Errorf("%s: both %q", c.name, c.a.Key())
		}
	}
	long := Reference{Title: strings.Repeat("長い題名", 200), Year: 2020}
	longer := Reference{Title: strings.Repeat("長い題名", 200) + "続", Year: 2020}
	if k := long.Key(); len(k) > 300 || k == longer.Key() {
		t.Errorf("long titles: key of %d bytes, distinct from a longer title: %v", len(k), k != longer.Key())
	}
}

// TestSeedWorks runs the extractor over every footnote of the real seeds
// and checks what the store will hold: references per document, and
// which of them are one work.
func TestSeedWorks(t *testing.T) {
	t.Parallel()
	perSeed := map[string]int{}
	keys := map[string][]string{} // key → the notes citing it
	for _, f := range seedFootnotes(t) {
		for _, r := range Extract(f.body) {
			perSeed[f.key[:3]]++
			keys[r.Key()] = append(keys[r.Key()], f.key)
		}
	}
	if want := map[string]int{"000": 21, "002": 18, "004": 3}; !reflect.DeepEqual(perSeed, want) {
		t.Errorf("references per seed = %v, want %v", perSeed, want)
	}
	var shared [][]string
	for _, notes := range keys {
		if len(notes) > 1 {
			shared = append(shared, notes)
		}
	}
	if want := [][]string{{"000/4", "000/6"}}; !reflect.DeepEqual(shared, want) {
		t.Errorf("works cited more than once: %v, want %v", shared, want)
	}
}

// TestWorkIsReferenceWithoutPages keeps Work and Reference in step: a
// field added to one must be added to the other.
func TestWorkIsReferenceWithoutPages(t *testing.T) {
	t.Parallel()
	fields := func(v any, skip string) map[string]reflect.Type {
		out := map[string]reflect.Type{}
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			if f := rt.Field(i); f.Name != skip {
				out[f.Name] = f.Type
			}
		}
		return out
	}
	if w, r := fields(Work{}, "ID"), fields(Reference{}, "Pages"); !reflect.DeepEqual(w, r) {
		t.Errorf("Work fields %v\nReference fields %v", w, r)
	}
	r := seedRefs(t, "000", "1")[0]
	w := r.Work("w1")
	if w.ID != "w1" || w.Title != r.Title || !reflect.DeepEqual(w.Translators, r.Translators) || w.Key() != r.Key() {
		t.Errorf("Work(%q) = %+v from %+v", "w1", w, r)
	}
}

func TestMergeKeepsTheFullerDescription(t *testing.T) {
	t.Parallel()
	w := Reference{Type: TypeArticleJournal, Title: "論文", Container: "東亜", Year: 2018, Issued: "2018"}.Work("w")
	w.Merge(Reference{Type: TypeArticleJournal, Title: "論文", Authors: []string{"渡邊武"}, Container: "東亜",
		Year: 2018, Issued: "2018-11", Issue: "617", Pages: "31"})
	want := Work{ID: "w", Type: TypeArticleJournal, Title: "論文", Authors: []string{"渡邊武"}, Container: "東亜",
		Year: 2018, Issued: "2018-11", Issue: "617"}
	if !reflect.DeepEqual(w, want) {
		t.Errorf("merged %+v\n want %+v", w, want)
	}
}

// TestNamedAgreesWithFold: the extractor drops titles by named, the key
// is built by fold; they must agree, including on letters that NFKC
// turns into marks (the Arabic ligature U+FCF2 becomes a tatweel and
// two vowel signs).
func TestNamedAgreesWithFold(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "!", "『』", "ﳲ", "ー", "ﬁ", "²", "㈱", "渡邊武", "A", " \u3000", "\xff"} {
		if named(s) != (fold(s) != "") {
			t.Errorf("named(%q) = %v, fold = %q", s, named(s), fold(s))
		}
	}
}

// TestFootnoteWorks: seed 000's notes 4 and 6 both cite Waltz's book
// (with other works), so the two bodies (with a footnote without a body
// between them) make one work of it, cited by footnotes 0 and 2 with
// their own pages; every key the notes hold makes one work; a body that
// cites the book twice makes one citation with both pages.
func TestFootnoteWorks(t *testing.T) {
	t.Parallel()
	var four, six string
	for _, n := range seedNotes {
		switch {
		case n.seed == "000" && n.label == "4":
			four = n.body
		case n.seed == "000" && n.label == "6":
			six = n.body
		}
	}
	a, b := Extract(four)[0], Extract(six)[0]
	keys := map[string]bool{}
	for _, r := range append(Extract(four), Extract(six)...) {
		keys[r.Key()] = true
	}
	works, cites := FootnoteWorks([]*string{&four, nil, &six})
	if len(works) != len(keys) || !slices.IsSortedFunc(works, func(x, y KeyedWork) int { return strings.Compare(x.Key, y.Key) }) {
		t.Errorf("%d works, want %d sorted by key", len(works), len(keys))
	}
	var waltz []Citation
	for _, c := range cites {
		if c.Key == a.Key() {
			waltz = append(waltz, c)
		}
	}
	if len(waltz) != 2 || waltz[0].Footnote != 0 || waltz[0].Pages != a.Pages || waltz[1].Footnote != 2 || waltz[1].Pages != b.Pages {
		t.Errorf("citations of %q: %+v", a.Key(), waltz)
	}
	both := four + " " + six
	_, cites = FootnoteWorks([]*string{&both})
	i := slices.IndexFunc(cites, func(c Citation) bool { return c.Key == a.Key() })
	if i < 0 || cites[i].Pages != a.Pages+", "+b.Pages || slices.ContainsFunc(cites[i+1:], func(c Citation) bool { return c.Key == a.Key() }) {
		t.Errorf("one note citing the book twice: %+v", cites)
	}
}
