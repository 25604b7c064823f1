package pdftext

import (
	"regexp"
	"strings"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// reMarkRun is a run of the marks that tie authors to their affiliations.
var reMarkRun = regexp.MustCompile(`[*＊∗†‡§¶⁰¹²³⁴⁵⁶⁷⁸⁹]+`)

// superscript writes a raised number's label in superscript digits, as
// the marks that tie names to affiliations: 「1」 → 「¹」.
func superscript(label string) string {
	const sup = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	var out []rune
	for _, r := range label {
		if r < '0' || r > '9' {
			return ""
		}
		out = append(out, []rune(sup)[r-'0'])
	}
	return string(out)
}

// markedText is a line's text with its raised numbers put back as
// superscript digits where they stood: a byline's 「北野 沙耶¹」, which
// the layout had taken out as note markers.
func (b *builder) markedText(i int) string {
	l := b.lines[i]
	if len(l.marks) == 0 {
		return l.text
	}
	r := []rune(l.text)
	var out []rune
	at := 0
	for _, m := range l.marks {
		sup := superscript(m.label)
		if sup == "" || m.at < at || m.at > len(r) {
			return l.text
		}
		out = append(append(out, r[at:m.at]...), []rune(sup)...)
		at = m.at
	}
	return string(append(out, r[at:]...))
}

// markedNames reads a paper's byline whose names each end with a mark
// (「新井 諒介† 中田　明夫‡」): the names and their marks. ok is false unless
// every part is a personal name with a mark after it.
func markedNames(s string) (names, marks []string, ok bool) {
	s = strings.TrimSpace(s)
	locs := reMarkRun.FindAllStringIndex(s, -1)
	if len(locs) == 0 || locs[len(locs)-1][1] != len(s) {
		return nil, nil, false
	}
	start := 0
	for _, loc := range locs {
		name := strings.Trim(s[start:loc[0]], " 　,、，")
		if !personName(name) {
			return nil, nil, false
		}
		names = append(names, strings.Join(strings.Fields(strings.ReplaceAll(name, "　", " ")), " "))
		marks = append(marks, s[loc[0]:loc[1]])
		start = loc[1]
	}
	return names, marks, true
}

// markedAffiliation reads an affiliation line that opens with the marks
// of the authors it is theirs (「†, ‡広島市立大学 大学院…」): the marks and
// the affiliation.
func markedAffiliation(s string) (marks []string, aff string, ok bool) {
	s = strings.TrimSpace(s)
	k := 0
	for k < len(s) {
		r, n := rune(s[k]), 1
		if s[k] >= 0x80 {
			r = []rune(s[k:])[0]
			n = len(string(r))
		}
		if !reMarkRun.MatchString(string(r)) && !strings.ContainsRune(" ,、，　", r) {
			break
		}
		k += n
	}
	head := s[:k]
	for _, m := range reMarkRun.FindAllString(head, -1) {
		marks = append(marks, strings.Split(m, "")...)
	}
	aff = strings.Join(strings.Fields(strings.ReplaceAll(s[k:], "　", " ")), " ")
	if len(marks) == 0 || aff == "" || latin(aff) {
		return nil, "", false
	}
	return marks, aff, true
}

// markedAff is one affiliation of a byline and the marks that point to it.
type markedAff struct {
	marks []string
	name  string
}

// markedAffiliations reads an affiliation line: one affiliation after
// its marks (「†, ‡広島市立大学 大学院…」), or several on one line, each
// after its own (「¹北陸工業高等専門学校　²北陸大学」).
func markedAffiliations(s string) []markedAff {
	s = strings.TrimSpace(s)
	locs := reMarkRun.FindAllStringIndex(s, -1)
	if len(locs) < 2 || locs[0][0] != 0 {
		if m, aff, ok := markedAffiliation(s); ok {
			return []markedAff{{m, aff}}
		}
		return nil
	}
	var out []markedAff
	for k, loc := range locs {
		end := len(s)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		m, aff, ok := markedAffiliation(s[loc[0]:end])
		if !ok {
			if m, aff, ok := markedAffiliation(s); ok {
				return []markedAff{{m, aff}}
			}
			return nil
		}
		out = append(out, markedAff{m, aff})
	}
	return out
}

// rePaperLabel opens a labelled block of a paper's front page: the
// abstract and the keywords, in Japanese or English.
var rePaperLabel = regexp.MustCompile(`^(?:あらまし|要\s*旨|概\s*要|抄\s*録|キーワード|Abstract|ABSTRACT|Summary|Keywords?|Key\s*words|Index\s*Terms)`)

// paperFront files a paper's byline and the front page under it: the
// names with their marks, the affiliation lines the marks point to, the
// address and e-mail lines, and the English title block, up to the
// first numbered heading. The abstract stays in the text, as
// paragraphs, not headings. It returns how many of first[k:] it filed.
func (b *builder) paperFront(first []int, k int) int {
	names, marks, ok := markedNames(b.markedText(first[k]))
	if !ok || k+1 >= len(first) {
		return 0
	}
	// The affiliations follow the names (LaTeX's \thanks sets its note
	// at the page's foot instead, read by thanks).
	if len(markedAffiliations(b.markedText(first[k+1]))) == 0 {
		return 0
	}
	start := len(b.d.Authors)
	for _, n := range names {
		b.d.Authors = append(b.d.Authors, doc.Author{Name: n})
	}
	b.remove(first[k], "byline")
	n := 1
	for ; k+n < len(first); n++ {
		i := first[k+n]
		l := b.lines[i]
		if numberedHeading(l) && b.isHeading(i) || reIntroHeading.MatchString(strings.TrimSpace(l.text)) {
			break
		}
		if affs := markedAffiliations(b.markedText(i)); len(affs) > 0 {
			for _, af := range affs {
				for _, m := range af.marks {
					for a, am := range marks {
						if strings.Contains(am, m) && b.d.Authors[start+a].Affiliation == nil {
							s := af.name
							b.d.Authors[start+a].Affiliation = &s
						}
					}
				}
			}
			b.remove(i, "affiliation")
			continue
		}
		t := strings.TrimSpace(l.text)
		switch {
		case strings.HasPrefix(t, "〒") || strings.HasPrefix(strings.ToLower(t), "e-mail") || strings.HasPrefix(strings.ToLower(t), "email"):
			b.remove(i, "front-matter")
		case latin(t) && !rePaperLabel.MatchString(t) && !b.inLatinLabelled(first, k+n):
			b.remove(i, "front-matter") // the English title, names and affiliations
		default:
			b.plain[i] = true
		}
	}
	return n
}

// inLatinLabelled reports a Latin line that runs on a labelled block
// (the English abstract) rather than standing in the English title block.
func (b *builder) inLatinLabelled(first []int, k int) bool {
	for j := k - 1; j >= 0; j-- {
		l := b.lines[first[j]]
		t := strings.TrimSpace(l.text)
		if rePaperLabel.MatchString(t) {
			return latin(t) // the English abstract's label, not the Japanese one's
		}
		if !latin(t) || l.size != b.lines[first[k]].size {
			return false
		}
	}
	return false
}

// reIntroHeading is the heading a paper's body opens with.
var reIntroHeading = regexp.MustCompile(`^(?:[0-9０-９]{1,2}[.．]?[\s　]*)?(?:は\s*じ\s*め\s*に|ま\s*え\s*が\s*き|序\s*論|緒\s*言|序\s*章|Introduction|INTRODUCTION)$`)
