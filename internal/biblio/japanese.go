package biblio

import (
	"strings"
	"unicode/utf8"
)

// japanese returns the references in a sentence written in the Japanese
// citation style, where brackets mark the parts of a reference:
//
//	著者『書名』(出版社、2001年)、175~177頁
//	著者「論文名」『誌名』第617号(2018年11月)、31頁
//	著者「章」編者『書名』(出版社、2022 年)
//	「記事名」『労働新聞』2023 年 9 月 16 日
//	6月22日07時05分、時事通信「見出し」
//	中国外交部「声明」2016年2月17日
//
// Every opening bracket is a candidate title. A candidate becomes a
// reference only when what follows it is all citation (container,
// publisher, volume, date, pages) up to the end of the sentence or a
// separator; a phrase quoted in prose (…「共通の理想」があり…) fails that
// test and is skipped. References listed with 「、」 are read one after
// another.
func japanese(s string) []Reference {
	var refs []Reference
	l := &jaLine{s: s, br: matchBrackets(s), dateAt: -2}
	br := l.br
	from := 0
	for from < len(s) {
		q := strings.IndexAny(s[from:], "「『")
		if q < 0 {
			break
		}
		q += from
		if r, end, ok := jaReference(l, from, q); ok {
			refs = append(refs, r)
			from = end
			continue
		}
		// Skip the failed candidate with everything it quotes.
		if end := br.end(q); end > 0 {
			from = end
		} else {
			from = q + len("「")
		}
	}
	return refs
}

// jaLine is a sentence being read, with what is worth computing once:
// where its brackets close, and the date that ends it (dateAt is -2 until
// asked for, -1 when there is none).
type jaLine struct {
	s      string
	br     brackets
	dateAt int
	date   date
}

// trailingDate returns the date, with its year, that ends the sentence
// (before closing punctuation) and where it starts, or -1.
func (l *jaLine) trailingDate() (int, date) {
	if l.dateAt == -2 {
		l.dateAt = -1
		end := len(strings.TrimRight(l.s, " \u3000.,。、"))
		for i := max(0, end-64); i < end; i++ { // no date is longer
			// A date starts with a digit or, in English, a month's capital.
			if r := firstRune(l.s[i:]); !utf8.RuneStart(l.s[i]) || !isDigit(r) && !('A' <= r && r <= 'Z') {
				continue
			}
			if d, n, ok := dateAt(l.s[i:end], false); ok && n == end-i && d.y != 0 {
				l.dateAt, l.date = i, d
				break
			}
		}
	}
	return l.dateAt, l.date
}

// jaReference reads the reference whose title opens at s[q], with the
// names in s[from:q] before it, and returns it with the offset where it
// ends.
func jaReference(l *jaLine, from, q int) (Reference, int, bool) {
	s, br := l.s, l.br
	lead, people := jaCreators(s[from:q])
	open, size := utf8.DecodeRuneInString(s[q:])
	end := br.end(q)
	if end < 0 {
		r, ok := jaUnclosed(l, q+size, people)
		return r, len(s), ok // the unclosed title runs to the end of the sentence
	}
	r := Reference{Title: trimTitle(s[q+size : end-size])}
	var t tail
	t.date = lead
	pos := end
	if open == '「' {
		if c, eds, next, ok := jaContainer(s, br, pos); ok {
			r.Container, pos = c, next
			people.editors = append(people.editors, eds.authors...)
			people.editors = append(people.editors, eds.editors...)
			people.translators = append(people.translators, eds.translators...)
		}
	}
	pos = t.read(s, br, pos)
	if !atBoundary(s[pos:]) || r.Title == "" {
		return Reference{}, 0, false
	}
	r.Authors, r.Translators, r.Editors = people.authors, people.translators, people.editors
	t.apply(&r)
	jaType(&r, open == '『', t)
	if !jaCited(r, open == '『', t) {
		return Reference{}, 0, false
	}
	return r, pos, true
}

// jaContainer reads the 『container』 after a 「title」, with the editors
// that may stand between them.
func jaContainer(s string, br brackets, pos int) (container string, eds names, end int, ok bool) {
	i := strings.IndexAny(s[pos:], "「『")
	if i < 0 || !strings.HasPrefix(s[pos+i:], "『") {
		return "", names{}, 0, false
	}
	eds, ok = jaEditors(s[pos : pos+i])
	if !ok {
		return "", names{}, 0, false
	}
	open := pos + i
	end = br.end(open)
	if end < 0 {
		return "", names{}, 0, false
	}
	container = trimTitle(s[open+len("『") : end-len("』")])
	return container, eds, end, container != ""
}

// jaUnclosed reads a reference whose title bracket is never closed
// (「王毅:… | 2016年2月17日): the title runs from s[start] to the date that
// ends the sentence, without the separator the author typed instead of 」.
func jaUnclosed(l *jaLine, start int, people names) (Reference, bool) {
	at, d := l.trailingDate()
	if at <= start {
		return Reference{}, false
	}
	title := trimTitle(strings.TrimRight(l.s[start:at], " \u3000|｜、,，:：-–—"))
	if title == "" {
		return Reference{}, false
	}
	r := Reference{Title: title, Authors: people.authors, Translators: people.translators, Editors: people.editors}
	t := tail{date: d}
	t.apply(&r)
	jaType(&r, false, t)
	return r, true
}

// jaType decides the kind of work from the shape of its reference.
func jaType(r *Reference, book bool, t tail) {
	switch {
	case book:
		r.Type = TypeBook
	case r.Container != "":
		switch {
		case t.publisher != "" || len(r.Editors) > 0:
			r.Type = TypeChapter
		case isNewsName(r.Container) || t.date.d != 0 && r.Volume == "" && r.Issue == "":
			// A periodical cited by the day, without volume or issue, is a newspaper.
			r.Type = TypeArticleNewspaper
		default:
			r.Type = TypeArticleJournal
		}
	case len(r.Authors) == 1 && len(r.Translators)+len(r.Editors) == 0 && isNewsName(r.Authors[0]):
		// 時事通信「見出し」: the agency is where the article appeared, not its author.
		r.Container, r.Authors = r.Authors[0], nil
		r.Type = TypeArticleNewspaper
	default:
		r.Type = TypeDocument
	}
}

// jaCited reports whether a bracketed title carries enough citation to be
// a reference rather than a word quoted in prose: a book needs an author,
// a publisher, a date or pages; any other title needs a container, a
// publisher, a date, a volume or pages.
func jaCited(r Reference, book bool, t tail) bool {
	where := r.Container != "" || r.Publisher != "" || t.date.stated() || r.Volume != "" || r.Issue != "" || r.Pages != ""
	if book {
		return where || len(r.Authors)+len(r.Editors) > 0
	}
	return where
}

// tail is what a reference states after its titles.
type tail struct {
	publisher, place     string
	date                 date
	volume, issue, pages string
	paren                bool
}

// read consumes the tail of a reference starting at s[pos]: a publisher's
// parenthesis, volume and issue, a date and pages, in any order and with
// or without separators between them. It stops at the first thing that is
// none of these and returns its offset.
func (t *tail) read(s string, br brackets, pos int) int {
	for {
		p := skipSpace(s, pos)
		if n := t.element(s, br, p); n > 0 {
			pos = p + n
			continue
		}
		// A separator continues the tail only when a tail element follows;
		// otherwise it ends this reference, perhaps before the next one.
		if r, size := utf8.DecodeRuneInString(s[p:]); strings.ContainsRune("、,，", r) && size > 0 {
			q := skipSpace(s, p+size)
			peek := *t
			if n := peek.element(s, br, q); n > 0 {
				*t = peek
				pos = q + n
				continue
			}
		}
		return pos
	}
}

// element consumes one tail element at s[p:] and returns its length, or
// 0 when none starts there.
func (t *tail) element(line string, br brackets, p int) int {
	s := line[p:]
	if s == "" {
		return 0
	}
	if r, size := utf8.DecodeRuneInString(s); (r == '(' || r == '（') && !t.paren {
		closed := br.end(p)
		if closed < 0 {
			return 0
		}
		end := closed - p
		pub, place, d, ok := pubInfo(s[size : end-size])
		if !ok {
			return 0
		}
		t.paren, t.publisher, t.place = true, pub, place
		if !t.date.stated() || t.date.y == 0 {
			t.date = d
		}
		return end
	}
	if pages, n, ok := pagesAt(s); ok && t.pages == "" {
		t.pages = pages
		return n
	}
	if v, i, n, ok := volumeAt(s); ok && t.volume == "" && t.issue == "" {
		t.volume, t.issue = v, i
		return n
	}
	if d, n, ok := dateAt(s, false); ok && (!t.date.stated() || t.date.y == 0) {
		t.date = d
		return n
	}
	return t.publisherAt(s)
}

// publisherAt reads a publisher named without parentheses
// (『書名』岩波書店、2019年, 東京：岩波書店、2019年): a name, then a
// separator and a dated year. The date is what tells a publisher from
// the prose that may follow a title.
func (t *tail) publisherAt(s string) int {
	if t.paren || t.publisher != "" {
		return 0
	}
	n := strings.IndexAny(s, "、,，")
	if n <= 0 {
		return 0
	}
	_, size := utf8.DecodeRuneInString(s[n:])
	if d, _, ok := dateAt(s[skipSpace(s, n+size):], true); !ok || d.y == 0 {
		return 0
	}
	pub, place := strings.TrimSpace(s[:n]), ""
	if i := strings.IndexAny(pub, ":："); i >= 0 {
		place, pub = strings.TrimSpace(pub[:i]), strings.TrimSpace(strings.TrimLeft(pub[i:], ":："))
	}
	if !isJaName(pub) || place != "" && !isJaName(place) {
		return 0
	}
	t.publisher, t.place = pub, place
	return n
}

// apply copies the tail into a reference.
func (t tail) apply(r *Reference) {
	r.Publisher, r.Place = t.publisher, t.place
	r.Volume, r.Issue, r.Pages = t.volume, t.issue, t.pages
	r.Year, r.Issued = t.date.y, t.date.iso()
}

// atBoundary reports whether a reference may end before s: at the end of
// the sentence or at a separator.
func atBoundary(s string) bool {
	s = strings.TrimLeft(s, " \t\u3000")
	return s == "" || strings.ContainsRune("、,，;；", firstRune(s))
}
