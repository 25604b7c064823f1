package pdftext

import (
	"regexp"
	"strings"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// reMarkRun is a run of the marks that tie authors to their affiliations.
var reMarkRun = regexp.MustCompile(`[*＊∗†‡§¶]+`)

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

// rePaperLabel opens a labelled block of a paper's front page: the
// abstract and the keywords, in Japanese or English.
var rePaperLabel = regexp.MustCompile(`^(?:あらまし|要\s*旨|概\s*要|抄\s*録|キーワード|Abstract|ABSTRACT|Summary|Keywords?|Key\s*words|Index\s*Terms)`)

// paperFront files a paper's byline and the front page under it: the
// names with their marks, the affiliation lines the marks point to, the
// address and e-mail lines, and the English title block, up to the
// first numbered heading. The abstract stays in the text, as
// paragraphs, not headings. It returns how many of first[k:] it filed.
func (b *builder) paperFront(first []int, k int) int {
	names, marks, ok := markedNames(b.lines[first[k]].text)
	if !ok || k+1 >= len(first) {
		return 0
	}
	// The affiliations follow the names (LaTeX's \thanks sets its note
	// at the page's foot instead, read by thanks).
	if _, _, ok := markedAffiliation(b.lines[first[k+1]].text); !ok {
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
		if ms, aff, ok := markedAffiliation(l.text); ok {
			for _, m := range ms {
				for a, am := range marks {
					if strings.Contains(am, m) && b.d.Authors[start+a].Affiliation == nil {
						s := aff
						b.d.Authors[start+a].Affiliation = &s
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
