package pdftext

import (
	"math"
	"regexp"
	"strings"
	"unicode"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// The title block of a report or discussion paper, as Japanese word
// processors set it: under the title, the month of issue and one or more
// groups of authors, each list of names (「平本　健二、　中村　弘太郎」) under
// the organisation its authors belong to, or with note marks that point
// to their affiliations at the page's foot (「関谷 勇司1、田丸 健三郎2」).

var (
	// reTitleLabel is a label set over an appended paper's title: 「付録」「別紙２」.
	// A thesis's kind over its title too: 「卒業論文」「令和２年度卒業論文」.
	reTitleLabel = regexp.MustCompile(`^(?:(?:付録|別紙|別添|別冊|参考資料|添付資料)\s*[0-9０-９]*|(?:(?:令和|平成|昭和)\s*[0-9０-９元]{1,2}\s*年度\s*|[0-9０-９]{4}\s*年度\s*)?(?:卒業論文|修士論文|博士論文|学位論文|卒業研究(?:報告書?)?))$`)
	// reNameMark is a note mark left in a name's text when it is not raised: 「西村 毅 1」.
	reNameMark = regexp.MustCompile(`\s*([0-9０-９]{1,2}|[*＊∗†‡])$`)
	// reNameAside is what a byline adds in brackets: an affiliation, a handle.
	reNameAside = regexp.MustCompile(`^(.+?)\s*[（(]([^（）()]+)[）)]$`)
	reCredited  = regexp.MustCompile(`(?i)^(?:modified by|translated by|by)\s*`)
)

// authorNote is an author whose affiliation is the note a mark points to.
type authorNote struct {
	author int // index in Document.Authors
	label  string
}

// personName tells a Japanese personal name: a family and a given name of
// a few characters each, one space at most between them.
func personName(s string) bool {
	parts := strings.Fields(strings.ReplaceAll(s, "　", " "))
	if len(parts) == 0 || len(parts) > 2 {
		return false
	}
	n := 0
	for _, p := range parts {
		r := []rune(p)
		if len(r) > 5 {
			return false
		}
		for _, c := range r {
			if !unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana) && c != 'ー' && c != '々' {
				return false
			}
		}
		n += len(r)
	}
	return n >= 2 && n <= 8
}

// nameList reads a line of authors' names (「関谷 勇司、田丸 健三郎」, a mark
// after each, or an affiliation in brackets): the authors and, for each,
// the label of the note on them ("" for none). ok is false unless every
// part is a name and the line is plainly a list of them: two names or
// more, or one name marked, bracketed or written family name apart.
//
// sure is set when a mark, a bracket or a credit (「modified by」) says a
// part is a name, not its shape alone.
func nameList(l line) (authors []doc.Author, labels []string, sure, ok bool) {
	text := []rune(l.text)
	start := 0
	strong := false
	for k := 0; k <= len(text); k++ {
		if k < len(text) && text[k] != '、' && text[k] != '，' && text[k] != ',' {
			continue
		}
		part := strings.TrimSpace(strings.Trim(string(text[start:k]), "　"))
		lbl := ""
		for _, m := range l.marks {
			if m.at > start && m.at <= k {
				lbl = m.label
			}
		}
		from := start
		start = k + 1
		if part == "" {
			if from == 0 {
				return nil, nil, false, false
			}
			continue // the list breaks after 「、」 and runs on to the next line
		}
		if m := reNameMark.FindStringSubmatch(part); m != nil && lbl == "" {
			lbl, _ = label(m[1])
			part = strings.TrimSpace(part[:len(part)-len(m[0])])
		}
		if c := reCredited.FindString(part); c != "" {
			part, sure, strong = part[len(c):], true, true
		}
		var aff *string
		if m := reNameAside.FindStringSubmatch(part); m != nil {
			part = m[1]
			if !latin(m[2]) {
				a := m[2]
				aff = &a
			}
			strong, sure = true, true
		}
		if !personName(part) {
			return nil, nil, false, false
		}
		// A family name set apart from the given name; 「要　旨」 spaced
		// out is a heading of two characters, not one.
		if lbl != "" {
			strong, sure = true, true
		}
		if strings.ContainsAny(part, " 　") && len([]rune(part)) > 3 {
			strong = true
		}
		authors = append(authors, doc.Author{Name: strings.Join(strings.Fields(strings.ReplaceAll(part, "　", " ")), " "), Affiliation: aff})
		labels = append(labels, lbl)
	}
	if len(authors) == 0 || len(authors) == 1 && !strong {
		return nil, nil, false, false
	}
	return authors, labels, sure, true
}

// titleBlock files the title block's lines from first[k] on: a month's
// dateline, or a group of authors (the organisation's lines, then the
// names). It returns how many lines it filed (0: first[k] is none of
// them).
func (b *builder) titleBlock(first []int, k int, left, right float64) int {
	l := b.lines[first[k]]
	if reMonthLine.MatchString(strings.NewReplacer(" ", "", "　", "").Replace(l.text)) {
		b.remove(first[k], "front-matter")
		return 1
	}
	// The organisation: up to three short centred lines right above the names.
	m := k
	for m < len(first) && m-k <= 3 {
		ml := b.lines[first[m]]
		if b.namesAt(first[m]) {
			break
		}
		c := (ml.x0 + ml.x1) / 2
		if len([]rune(ml.text)) > 40 || ml.size > 1.05*b.body || strings.HasSuffix(ml.text, "。") || math.Abs(c-(left+right)/2) > 3*ml.em || m > k && ml.top-b.lines[first[m-1]].bottom > 1.5*ml.em {
			return 0
		}
		m++
	}
	if m == len(first) || m-k > 3 {
		return 0
	}
	var org []string
	for _, i := range first[k:m] {
		org = append(org, strings.TrimSpace(b.lines[i].text))
	}
	n := m
	for ; n < len(first); n++ {
		if !b.namesAt(first[n]) || n > m && b.lines[first[n]].top-b.lines[first[n-1]].bottom > 1.5*b.lines[first[n]].em {
			break
		}
		authors, labels, _, _ := nameList(b.lines[first[n]])
		for a := range authors {
			if len(org) > 0 && authors[a].Affiliation == nil {
				s := strings.Join(org, " ")
				authors[a].Affiliation = &s
			}
			if labels[a] != "" {
				b.authorNotes = append(b.authorNotes, authorNote{author: len(b.d.Authors) + a, label: labels[a]})
			}
		}
		b.d.Authors = append(b.d.Authors, authors...)
	}
	for _, i := range first[k:n] {
		b.remove(i, "front-matter")
	}
	return n - k
}

// namesAt tells a line of authors' names; a heading that reads like one
// name (「第一部　はじめに」) is not, unless a mark, a bracket or a credit
// says it is.
func (b *builder) namesAt(i int) bool {
	authors, _, sure, ok := nameList(b.lines[i])
	return ok && (len(authors) > 1 || sure || !b.isHeading(i))
}

// affiliationsFromNotes gives the authors marked in the title block the
// affiliation their note states (「1 内閣官房政府CIO補佐官」): a short note,
// no sentence. The note stays among the footnotes.
func (b *builder) affiliationsFromNotes() {
	for _, an := range b.authorNotes {
		a := &b.d.Authors[an.author]
		if a.Affiliation != nil {
			continue
		}
		for _, f := range b.d.Footnotes {
			if f.Label == an.label && f.Body != nil && len([]rune(*f.Body)) <= 60 && !strings.Contains(*f.Body, "。") {
				s := strings.TrimSpace(*f.Body)
				a.Affiliation = &s
			}
		}
	}
}
