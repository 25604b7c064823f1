package parse

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// checkInvariants reports violations of the parser's promises on d.
func checkInvariants(t *testing.T, name string, d *doc.Document) {
	t.Helper()
	labels := map[string]bool{}
	for _, f := range d.Footnotes {
		if labels[f.Label] {
			t.Errorf("%s: footnote %q listed twice", name, f.Label)
		}
		labels[f.Label] = true
		if f.URLs == nil {
			t.Errorf("%s: footnote %q: urls is null, want []", name, f.Label)
		}
	}
	if d.Title != nil && *d.Title == "" {
		t.Errorf("%s: empty title: want null", name)
	}
	for si, s := range d.Sections {
		if s.Level < 1 || s.Level > 6 {
			t.Errorf("%s: section %d: level %d", name, si, s.Level)
		}
		if si > 0 && s.Heading == nil {
			t.Errorf("%s: section %d has no heading; only the first may lack one", name, si)
		}
		for pi, p := range s.Paragraphs {
			if p.Text == "" || strings.TrimSpace(p.Text) != p.Text {
				t.Errorf("%s: section %d paragraph %d: empty or untrimmed text %q", name, si, pi, p.Text)
			}
			if !utf8.ValidString(p.Text) || strings.ContainsFunc(p.Text, isSentinel) {
				t.Errorf("%s: section %d paragraph %d: marker residue in %q", name, si, pi, p.Text)
			}
			n := utf8.RuneCountInString(p.Text)
			last := 0
			for _, r := range p.FootnoteRefs {
				if !labels[r.Label] {
					t.Errorf("%s: paragraph %q cites %q, which is not in footnotes", name, short(p.Text), r.Label)
				}
				if r.Offset < last || r.Offset > n {
					t.Errorf("%s: paragraph %q: ref %q offset %d out of order or outside [0,%d]", name, short(p.Text), r.Label, r.Offset, n)
				}
				last = r.Offset
			}
			rs := []rune(p.Text)
			for i := 1; i+1 < len(rs); i++ {
				stray := isJP(rs[i-1]) && isJP(rs[i+1])
				if d.Extraction == doc.ExtractionWeb { // spaces between words are the author's
					stray = stray && (isJPPunct(rs[i-1]) || isJPPunct(rs[i+1]))
				}
				if isSpace(rs[i]) && stray {
					t.Errorf("%s: stray space between %q and %q in %q", name, rs[i-1], rs[i+1], short(p.Text))
				}
			}
		}
	}
}

func short(s string) string {
	rs := []rune(s)
	if len(rs) > 30 {
		return string(rs[:30]) + "…"
	}
	return s
}
