package biblio

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// role is what a person or body did for a work.
type role int

const (
	author role = iota
	translator
	editor
)

// roleMarkers are the suffixes by which a Japanese note says what a name
// did ("…著", "…訳", "…編"); longer markers come first so that 編著 is not
// read as 著 after a name ending in 編.
var roleMarkers = []struct {
	suffix string
	role   role
}{
	{"編著", author}, {"共著", author}, {"監訳", translator}, {"共訳", translator}, {"編訳", translator},
	{"監修", editor}, {"著", author}, {"訳", translator}, {"編", editor},
}

// names holds the people and bodies of one reference, by role.
type names struct {
	authors, translators, editors []string
}

func (n *names) add(r role, name string) {
	switch r {
	case author:
		n.authors = append(n.authors, name)
	case translator:
		n.translators = append(n.translators, name)
	case editor:
		n.editors = append(n.editors, name)
	}
}

// jaCreators reads the run of text before a Japanese title: an optional
// leading date ("6月22日07時05分、" in news notes), then names separated by
// 、 or commas, each group ending in a role marker ("A著,B、C訳,"). Names
// without a marker are authors. Prose before the names (the note's own
// sentence running into the citation) is dropped: only the names that
// directly precede the title, all name-like, are kept.
func jaCreators(run string) (lead date, out names) {
	run = strings.TrimSpace(run)
	if d, n, ok := dateAt(run, false); ok {
		lead, run = d, run[n:]
		if g := timeRe.FindStringIndex(run); g != nil {
			run = run[g[1]:]
		}
	}
	tokens := splitNames(run)
	start := 0
	for i, t := range tokens {
		if !isJaName(stripRole(t)) {
			start = i + 1
		}
	}
	assignRoles(&out, tokens[start:], author)
	return lead, out
}

// jaEditors reads the names between a chapter title and the book
// (「章」編者『書名』); unlike jaCreators it takes all of the run or none.
func jaEditors(run string) (names, bool) {
	var out names
	tokens := splitNames(run)
	for _, t := range tokens {
		if !isJaName(stripRole(t)) {
			return out, false
		}
	}
	if r := strings.TrimSpace(run); r != "" && strings.ContainsRune("、,，;；", firstRune(r)) {
		return out, false // a separator here ends a reference; it does not introduce an editor
	}
	assignRoles(&out, tokens, editor)
	return out, true
}

// assignRoles gives each name the role of the marker that ends its group:
// in "下斗米伸夫、金成浩訳" both are translators.
func assignRoles(out *names, tokens []string, def role) {
	var pending []string
	for _, t := range tokens {
		name, r, marked := cutRole(t)
		pending = append(pending, name)
		if marked {
			for _, p := range pending {
				out.add(r, p)
			}
			pending = pending[:0]
		}
	}
	for _, p := range pending {
		out.add(def, p)
	}
}

func splitNames(run string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(run, func(r rune) bool { return strings.ContainsRune("、,，;；", r) }) {
		if t = strings.Trim(t, " \t\u3000"); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// cutRole splits a role marker and an "et al." (ほか, 他) off a name.
func cutRole(t string) (name string, r role, marked bool) {
	for _, m := range roleMarkers {
		if s, ok := strings.CutSuffix(t, m.suffix); ok && s != "" {
			t, r, marked = s, m.role, true
			break
		}
	}
	for _, etAl := range []string{"ほか", "他"} {
		if s, ok := strings.CutSuffix(strings.TrimSpace(t), etAl); ok && s != "" {
			t = s
		}
	}
	return strings.Trim(t, " \t\u3000"), r, marked
}

func stripRole(t string) string {
	name, _, _ := cutRole(t)
	return name
}

// isJaName reports whether s can be a person's or a body's name in a
// Japanese note. Hiragana is what gives prose away: names of people and
// organisations are written in kanji, katakana or Latin letters, while
// any clause needs particles (が, の, は). Dates and brackets are no names
// either.
func isJaName(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 40 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if isDigit(first) {
		return false
	}
	letters := 0
	for _, r := range s {
		switch {
		case isHiragana(r), strings.ContainsRune("「」『』()（）[]【】\"“”。:：!?！？|｜", r):
			return false
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters > 0
}

// newsHeads are the words a newspaper's or news agency's name ends in.
// They let "時事通信「見出し」" be read as an agency's article and
// "中国外交部「…」" as a ministry's statement, which the grammar alone
// cannot tell apart.
var newsHeads = []string{"新聞", "通信", "通信社", "日報", "新報", "放送"}

func isNewsName(s string) bool {
	for _, h := range newsHeads {
		if strings.HasSuffix(s, h) {
			return true
		}
	}
	return false
}

// particles are the lowercase words a Latin personal name may contain.
var particles = map[string]bool{
	"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "del": true,
	"di": true, "du": true, "la": true, "le": true, "bin": true, "ibn": true, "al": true, "ter": true,
}

// enNames splits an English author list ("A and B", "A, B, and C",
// "By A & B") into names; ok is false when a part is not a name, which is
// how a sentence of prose before a quoted title is told from authors.
func enNames(s string) ([]string, bool) {
	s = strings.Trim(s, " ,;")
	if rest, ok := cutPrefixFold(s, "by "); ok {
		s = rest
	}
	for _, sep := range []string{", and ", " and ", " & "} {
		s = strings.ReplaceAll(s, sep, ",")
	}
	var out []string
	for _, n := range strings.Split(s, ",") {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if !isLatinName(n) {
			return nil, false
		}
		out = append(out, n)
	}
	return out, len(out) > 0
}

// isLatinName reports whether s is one to five capitalised words (with
// the usual particles), the shape of a personal or corporate name.
func isLatinName(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for i, w := range words {
		first, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(first) && (i == 0 || !particles[w]) {
			return false
		}
		for _, r := range w {
			if !unicode.IsLetter(r) && !strings.ContainsRune(".-'’", r) {
				return false
			}
		}
	}
	return true
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
