package biblio

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var isoDate = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

// FuzzExtract shows that Extract never panics and that what it returns
// keeps its promises on any input: a known type, a title or a URL, a key,
// and text taken from the body as written. The seed corpus (every body
// of seedNotes and a few broken ones) runs in the normal test suite.
func FuzzExtract(f *testing.F) {
	for _, n := range seedNotes {
		f.Add(n.body)
	}
	for _, s := range []string{
		"", "。", "「", "」「", "『』", "((((", "「「「「『『『", "*", `"`, "”", "“", "http://", "https://a.b/c)",
		"著「」", "訳,『x』(、)", "「x」『y』第号(年)、頁", "「x」 | 2016年13月40日", "6月22日07時",
		"A, \"B\" *C", "by , \"x\"", "pp.1-", "May 2020", "9999年", "\xff\xfe「\x00」", "Kenneth Waltz, T, (N: P, 1979)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, r := range Extract(body) {
			checkReference(t, body, r)
		}
	})
}

func checkReference(t *testing.T, body string, r Reference) {
	t.Helper()
	if !cslTypes[r.Type] {
		t.Fatalf("type %q: %+v", r.Type, r)
	}
	if r.Title == "" && r.URL == "" || r.Key() == "" {
		t.Fatalf("no title, URL or key: %+v", r)
	}
	written := append([]string{r.Title, r.Container, r.Publisher, r.Place, r.Volume, r.Issue, r.URL}, r.Authors...)
	written = append(append(written, r.Translators...), r.Editors...)
	for _, s := range written {
		if !strings.Contains(body, s) {
			t.Fatalf("%q is not in the body as written: %+v", s, r)
		}
	}
	if r.Issued != "" && (!isoDate.MatchString(r.Issued) || r.Issued[:4] != strconv.Itoa(r.Year)) {
		t.Fatalf("issued %q with year %d", r.Issued, r.Year)
	}
	if r.Issued == "" && r.Year != 0 {
		t.Fatalf("year %d without issued", r.Year)
	}
}
