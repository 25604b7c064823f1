// Package biblio finds the bibliographic references in footnote bodies,
// structures them (authors, title, container, publisher, date, pages,
// URL), tells when two footnotes cite the same work, and renders works as
// CSL-JSON. It reads text only: no database, no network.
//
// The text of a reference is kept as the footnote writes it; only the
// decoration around a field (the quotes around a title, a trailing full
// stop or comma) is removed. Dates are the exception: Issued is a
// machine-readable ISO date, because nobody compares dates as written.
package biblio

import (
	"iter"
	"slices"
	"strings"
	"unicode/utf8"
)

// The CSL item types Extract assigns.
const (
	TypeBook             = "book"
	TypeChapter          = "chapter"
	TypeArticleJournal   = "article-journal"
	TypeArticleNewspaper = "article-newspaper"
	TypeWebpage          = "webpage"
	TypeReport           = "report"
	TypeDocument         = "document"
)

// Reference is one work as one footnote cites it. Fields the footnote
// does not state are empty (Year is 0); Title is empty for a bare URL.
type Reference struct {
	Type        string   `json:"type"`
	Title       string   `json:"title,omitempty"`
	Authors     []string `json:"authors,omitempty"`
	Translators []string `json:"translators,omitempty"`
	Editors     []string `json:"editors,omitempty"`
	Container   string   `json:"container,omitempty"` // journal, newspaper, news agency or edited book
	Publisher   string   `json:"publisher,omitempty"`
	Place       string   `json:"place,omitempty"`
	Year        int      `json:"year,omitempty"`
	Issued      string   `json:"issued,omitempty"` // YYYY, YYYY-MM or YYYY-MM-DD, as precise as the note
	Volume      string   `json:"volume,omitempty"`
	Issue       string   `json:"issue,omitempty"`
	Pages       string   `json:"pages,omitempty"` // the pages this footnote cites: "175~177", "2-3, 5"
	URL         string   `json:"url,omitempty"`
}

// Extract returns the references in one footnote body, in the order they
// appear. A body may hold several references and prose around them; the
// prose that cites nothing gives nothing.
func Extract(body string) []Reference {
	var refs []Reference
	for s := range sentences(body) {
		refs = append(refs, sentence(s)...)
	}
	return refs
}

// sentence extracts the references of one sentence. URLs are cut out
// before the citation grammar runs, because their dots and slashes mean
// nothing to it; a lone URL in a sentence with one reference is that
// reference's, any other URL is a web page of its own.
func sentence(s string) []Reference {
	text, urls := cutURLs(s)
	var refs []Reference
	if strings.ContainsAny(text, "「『") {
		refs = japanese(text)
	} else if r, ok := english(text); ok {
		refs = append(refs, r)
	}
	// A title without a letter or digit (『!』) names nothing, and has no key.
	refs = slices.DeleteFunc(refs, func(r Reference) bool { return !named(r.Title) })
	if len(refs) == 1 && len(urls) == 1 {
		refs[0].URL = urls[0]
		return refs
	}
	for _, u := range urls {
		refs = append(refs, Reference{Type: TypeWebpage, URL: u})
	}
	return refs
}

// sentences yields the sentences of a body: text ending in 「。」, or in a
// "." that is followed by Japanese ("…p.170.この点は…", "2018. 本件は…"),
// which is how a Japanese note moves on after an English reference.
// Neither ends a sentence inside brackets, so a title may hold them.
func sentences(body string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := 0
		br := matchBrackets(body)
		emit := func(end int) bool {
			s := strings.TrimSpace(body[start:end])
			return s == "" || yield(s)
		}
		for i := 0; i < len(body); {
			r, n := utf8.DecodeRuneInString(body[i:])
			if j := br.end(i); j > 0 {
				i = j
				continue
			}
			if r == '。' || r == '.' && cjkFollows(body[i+1:]) {
				if !emit(i) {
					return
				}
				start = i + n
			}
			i += n
		}
		emit(len(body))
	}
}

// cjkFollows reports whether the next non-space rune of s is Japanese,
// Chinese or Korean text.
func cjkFollows(s string) bool {
	s = strings.TrimLeft(s, " \t\u3000")
	r, _ := utf8.DecodeRuneInString(s)
	return isCJK(r)
}

// brackets records where the brackets of a string close: pairs of the
// offset of an opening bracket and the offset just past its closing one,
// in the order of the openings. It is built in one pass with a stack per
// kind, so that a text full of unclosed brackets costs no more than a
// clean one. Only brackets of the same kind nest, so 『「…」の…』 and
// 「…『…』…」 both close correctly.
type brackets [][2]int

func matchBrackets(s string) brackets {
	var b brackets
	var buf [5][8]int // the stacks, on the stack while nesting is shallow
	stacks := [5][]int{buf[0][:0], buf[1][:0], buf[2][:0], buf[3][:0], buf[4][:0]}
	for i, r := range s {
		k, open := bracketKind(r)
		switch {
		case k < 0:
		case open:
			stacks[k] = append(stacks[k], i)
		case len(stacks[k]) > 0:
			n := len(stacks[k])
			b = append(b, [2]int{stacks[k][n-1], i + utf8.RuneLen(r)})
			stacks[k] = stacks[k][:n-1]
		}
	}
	slices.SortFunc(b, func(x, y [2]int) int { return x[0] - y[0] })
	return b
}

// bracketKind returns the kind of bracket r is (-1 for none) and whether it opens.
func bracketKind(r rune) (int, bool) {
	switch r {
	case '「':
		return 0, true
	case '」':
		return 0, false
	case '『':
		return 1, true
	case '』':
		return 1, false
	case '(':
		return 2, true
	case ')':
		return 2, false
	case '（':
		return 3, true
	case '）':
		return 3, false
	case '【':
		return 4, true
	case '】':
		return 4, false
	}
	return -1, false
}

// end returns the offset just past the bracket that closes the one opening
// at offset i, or -1 when it is never closed.
func (b brackets) end(i int) int {
	if k, ok := slices.BinarySearchFunc(b, i, func(p [2]int, i int) int { return p[0] - i }); ok {
		return b[k][1]
	}
	return -1
}

// cutURLs returns s with its http(s) URLs replaced by spaces, and the
// URLs. A URL runs to the first space or non-ASCII character; trailing
// punctuation and an unbalanced closing parenthesis belong to the prose.
func cutURLs(s string) (string, []string) {
	if !strings.Contains(s, "http") {
		return s, nil
	}
	var b strings.Builder
	var urls []string
	for {
		i := urlStart(s)
		if i < 0 {
			if urls == nil {
				return s, nil
			}
			b.WriteString(s)
			return b.String(), urls
		}
		j := i
		for j < len(s) && s[j] > ' ' && s[j] < 0x7f && s[j] != '"' && s[j] != '<' && s[j] != '>' {
			j++
		}
		u := trimURL(s[i:j])
		urls = append(urls, u)
		b.WriteString(s[:i])
		b.WriteByte(' ')
		s = s[i+len(u):]
	}
}

func urlStart(s string) int {
	i, j := strings.Index(s, "https://"), strings.Index(s, "http://")
	if i < 0 || j >= 0 && j < i {
		return j
	}
	return i
}

func trimURL(u string) string {
	for {
		t := strings.TrimRight(u, ".,;:!?'")
		if strings.HasSuffix(t, ")") && strings.Count(t, "(") < strings.Count(t, ")") {
			t = t[:len(t)-1]
		}
		if t == u {
			return u
		}
		u = t
	}
}

// trimTitle removes the decoration around a field: spaces, a trailing
// full stop or comma, and quotes or emphasis that wrap the whole of it.
func trimTitle(s string) string {
	for {
		t := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "。.,，、;；"))
		t = strings.Trim(t, "\u3000")
		for _, q := range [][2]string{{"『", "』"}, {"「", "」"}, {`"`, `"`}, {"“", "”"}, {"*", "*"}} {
			if len(t) > len(q[0])+len(q[1]) && strings.HasPrefix(t, q[0]) && strings.HasSuffix(t, q[1]) &&
				!strings.Contains(t[len(q[0]):len(t)-len(q[1])], q[1]) {
				t = t[len(q[0]) : len(t)-len(q[1])]
			}
		}
		if t == s {
			return t
		}
		s = t
	}
}
