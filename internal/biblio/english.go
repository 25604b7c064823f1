package biblio

import (
	"cmp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// english reads a sentence written in an English citation style, where
// commas, quotes and emphasis mark the parts of a reference:
//
//	Kenneth Waltz, Theory of International Politics, (New York: McGraw-Hill, Inc, 1979), p.170.
//	Author and Author, "Title?" *Container,* Publisher, 2008, pp.2-3, and 5.
//	Abraham Ait, "Title?" *The Diplomat*, November 29, 2018.
//	6月19日AP通信、“Title,” By A and B, AP, 2024/6/19
//	Title,” by A and B, CSIS, June 20, 2024.   (the opening quote lost)
//	ROK-U.S. Joint Announcement, February 7, 2016.
//
// A sentence with Japanese in it (beyond a Japanese preface) is not an
// English reference.
func english(s string) (Reference, bool) {
	s, lead, news := enLead(s)
	if hasAny(s, isCJK) || !hasAny(s, unicode.IsLetter) {
		return Reference{}, false
	}
	title, before, after, quoted := cutQuotedTitle(s)
	if !quoted {
		return enUnquoted(s)
	}
	var r Reference
	if b := strings.TrimSpace(before); b != "" {
		authors, ok := enNames(b)
		if !ok {
			return Reference{}, false // prose before a quotation, not authors
		}
		r.Authors = authors
	}
	f, ok := scanEnglish(after)
	if !ok || !f.titleCase() {
		return Reference{}, false
	}
	if !f.date.stated() {
		f.date = lead
	}
	r.Title, r.Container = trimTitle(title), f.container
	r.Authors = append(r.Authors, f.by...)
	f.tail.apply(&r)
	if r.Publisher == "" {
		r.Publisher = f.plainText(after, 0, len(f.plain))
	}
	if !enQuotedType(&r, f, news) || r.Title == "" {
		return Reference{}, false
	}
	return r, true
}

// enQuotedType decides the kind of work of a reference with a quoted
// title, and reports false when nothing but a quotation is there.
func enQuotedType(r *Reference, f enFields, news bool) bool {
	switch {
	case r.Container != "" && f.paren:
		r.Type = TypeChapter
	case r.Container != "" && r.Publisher != "":
		// A series put out by an institution: a working paper, a brief.
		r.Type = TypeReport
	case r.Container != "" && (r.Volume != "" || r.Issue != "" || f.date.d == 0):
		r.Type = TypeArticleJournal
	case r.Container != "":
		r.Type = TypeArticleNewspaper
	case news && r.Publisher != "":
		// The Japanese preface named a news agency: the agency is the container.
		r.Container, r.Publisher = r.Publisher, ""
		r.Type = TypeArticleNewspaper
	case r.Publisher != "":
		r.Type = TypeReport
	case f.date.stated() && (len(r.Authors) > 0 || r.Pages != ""):
		r.Type = TypeDocument
	default:
		return false
	}
	return true
}

// enUnquoted reads a reference whose title is not in quotes: the plain
// fields before the first recognised field are the authors (when the
// first is a list of names and others follow) and the title. A
// publisher's parenthesis makes it a book; a date alone, a document.
func enUnquoted(s string) (Reference, bool) {
	f, ok := scanEnglish(s)
	if !ok {
		return Reference{}, false
	}
	head := len(f.plain)
	if f.firstElem >= 0 {
		head = f.firstElem
	}
	var r Reference
	first := 0
	switch {
	case f.container != "": // an italic title: *Theory of International Politics*
		r.Title = f.container
		f.container = ""
		if head > 0 {
			authors, ok := enNames(f.plainText(s, 0, head))
			if !ok {
				return Reference{}, false
			}
			r.Authors = authors
		}
	case head == 0:
		return Reference{}, false
	default:
		if authors, ok := enNames(f.plain[0].text); ok && head >= 2 {
			r.Authors, first = authors, 1
		}
		r.Title = f.plainText(s, first, head)
		if !isTitleCase(r.Title) {
			return Reference{}, false // a sentence, not a title
		}
	}
	f.tail.apply(&r)
	switch {
	case f.paren:
		r.Type = TypeBook
	case f.date.stated() && f.date.y != 0:
		r.Type = TypeDocument
	case len(r.Authors) > 0 && r.Pages != "":
		r.Type = TypeBook
	default:
		return Reference{}, false
	}
	r.Title = trimTitle(r.Title)
	return r, r.Title != ""
}

// enLead cuts a Japanese preface off an English reference
// ("6月19日AP通信、“…”"): it returns the rest, the preface's date and
// whether the preface names a news agency.
func enLead(s string) (rest string, d date, news bool) {
	i := strings.Index(s, "、")
	if i < 0 || !hasAny(s[:i], isCJK) || hasAny(s[i+len("、"):], isCJK) {
		return s, date{}, false
	}
	lead := strings.TrimSpace(s[:i])
	if dt, n, ok := dateAt(lead, false); ok {
		d, lead = dt, lead[n:]
		if g := timeRe.FindStringIndex(lead); g != nil {
			lead = lead[g[1]:]
		}
	}
	return strings.TrimSpace(s[i+len("、"):]), d, isNewsName(strings.TrimSpace(lead))
}

// cutQuotedTitle finds a title in double quotes and returns it with the
// text before and after it. A closing ” with no opening quote means the
// opening one was lost, and the title starts the sentence.
func cutQuotedTitle(s string) (title, before, after string, ok bool) {
	for i, r := range s {
		if r != '"' && r != '“' {
			continue
		}
		start := i + utf8.RuneLen(r)
		j := strings.IndexAny(s[start:], `"”`)
		if j < 0 {
			return "", "", "", false
		}
		end := start + j
		_, size := utf8.DecodeRuneInString(s[end:])
		return s[start:end], s[:i], s[end+size:], true
	}
	if j := strings.Index(s, "”"); j > 0 {
		return s[:j], "", s[j+len("”"):], true
	}
	return "", "", "", false
}

// enFields is what the comma-separated fields of an English reference
// state: the recognised ones in the embedded tail, the rest as plain text.
type enFields struct {
	tail
	container string
	by        []string
	plain     []span
	firstElem int // number of plain fields before the first recognised one; -1 when none
}

// span is a plain field: its text, where it lies in the scanned string,
// and whether a recognised field came between it and the previous one.
type span struct {
	text       string
	start, end int
	afterField bool
}

// scanEnglish reads the comma-separated fields of s. It reports false
// when the fields cannot be a reference (an unclosed emphasis, a "by"
// that names no one).
func scanEnglish(s string) (enFields, bool) {
	f := enFields{firstElem: -1}
	br := matchBrackets(s)
	recognised := false
	for p := 0; ; {
		p = skipSeparators(s, p)
		if p >= len(s) {
			return f, true
		}
		rest := s[p:]
		if n := f.recognise(s, br, p); n > 0 {
			if f.firstElem < 0 {
				f.firstElem = len(f.plain)
			}
			recognised = true
			p += n
			continue
		} else if n < 0 {
			return f, false
		}
		if after, ok := cutPrefixFold(rest, "in "); ok && strings.HasPrefix(after, "*") {
			p += len("in ")
			continue
		}
		n := fieldLen(s, br, p)
		if t := strings.TrimSpace(rest[:n]); t != "" {
			f.plain = append(f.plain, span{t, p, p + len(strings.TrimRight(rest[:n], " ")), recognised})
			recognised = false
		}
		p += n
	}
}

// recognise consumes one known field at the start of s (emphasis, a
// by-line, pages, volume, a date, a publisher's parenthesis) and returns
// its length; 0 when s starts with none, -1 when s cannot be a reference.
func (f *enFields) recognise(line string, br brackets, p int) int {
	s := line[p:]
	switch {
	case s[0] == '*':
		j := strings.IndexByte(s[1:], '*')
		if j < 0 {
			return -1
		}
		f.container = trimTitle(s[1 : 1+j])
		return j + 2
	case len(s) > 3 && strings.EqualFold(s[:3], "by "):
		n := fieldLen(line, br, p)
		by, ok := enNames(s[:n])
		if !ok {
			return -1
		}
		f.by = append(f.by, by...)
		return n
	}
	if pages, n, ok := pagesAt(s); ok && f.pages == "" && endsField(s[n:]) {
		f.pages = pages
		return n
	}
	// Volume and issue may come in one field or two ("36, no. 4").
	if v, i, n, ok := volumeAt(s); ok && (v == "" || f.volume == "") && (i == "" || f.issue == "") && endsField(s[n:]) {
		f.volume, f.issue = cmp.Or(v, f.volume), cmp.Or(i, f.issue)
		return n
	}
	if d, n, ok := dateAt(s, true); ok && !f.date.stated() && endsField(s[n:]) {
		f.date = d
		return n
	}
	if s[0] == '(' && !f.paren {
		if closed := br.end(p); closed > 0 {
			end := closed - p
			if pub, place, d, ok := pubInfo(s[1 : end-1]); ok {
				if pub != "" || place != "" {
					f.paren, f.publisher, f.place = true, pub, place
				}
				if !f.date.stated() {
					f.date = d
				}
				return end
			}
		}
	}
	// A bare number is placed by what came before it: after the date or the
	// publisher, the pages ("…, 1979), 170."); after a journal's name, its
	// volume ("*World Politics* 36, no. 4").
	if g := numberRe.FindStringIndex(s); g != nil && endsField(s[g[1]:]) {
		switch {
		case f.pages == "" && (f.paren || f.date.stated()):
			f.pages = s[:g[1]]
			return g[1]
		case f.container != "" && f.volume == "" && !f.date.stated():
			f.volume = s[:g[1]]
			return g[1]
		}
	}
	return 0
}

// plainText returns plain fields [i, j) as the sentence writes them when
// they are adjacent, or the first of them otherwise: fields the grammar
// did not recognise after a date or pages are left out.
func (f enFields) plainText(s string, i, j int) string {
	if i >= j {
		return ""
	}
	end := i + 1
	for end < j && !f.plain[end].afterField {
		end++
	}
	return strings.TrimSpace(s[f.plain[i].start:f.plain[end-1].end])
}

// titleCase reports whether every plain field reads like a name or title
// rather than a clause of prose.
func (f enFields) titleCase() bool {
	for _, p := range f.plain {
		if !isTitleCase(p.text) {
			return false
		}
	}
	return true
}

// isTitleCase reports whether s is capitalised as English titles and
// names are: every word of four letters or more starts with a capital
// (or a digit). Prose fails on its verbs and nouns.
func isTitleCase(s string) bool {
	words := strings.Fields(s)
	if len(words) > 16 {
		return false
	}
	for _, w := range words {
		first, _ := utf8.DecodeRuneInString(w)
		if utf8.RuneCountInString(w) >= 4 && unicode.IsLower(first) {
			return false
		}
	}
	return true
}

// fieldLen returns the length of the field at s[p:]: up to the next
// comma outside brackets, or to a parenthesis that opens within it, which
// may be a publisher's ("The Impossible State (New York: Ecco, 2012)").
func fieldLen(s string, br brackets, p int) int {
	for i := p; i < len(s); {
		if s[i] == ',' || s[i] == '(' && i > p {
			return i - p
		}
		if j := br.end(i); j > 0 {
			i = j
			continue
		}
		i++
	}
	return len(s) - p
}

// endsField reports whether a recognised field ends before s, so that a
// year that opens a title ("1984 Revisited") is not taken for a date.
// Punctuation or a parenthesis ends a field.
func endsField(s string) bool {
	s = strings.TrimLeft(s, " ")
	return s == "" || strings.ContainsRune(",.;:()", rune(s[0]))
}

func skipSeparators(s string, p int) int {
	for p < len(s) && strings.IndexByte(" ,;:.\t", s[p]) >= 0 {
		p++
	}
	return p
}
