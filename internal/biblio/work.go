package biblio

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Work is one distinct work as the store keeps it: what its citations
// state about it, without the pages each one cites, under an ID the
// caller chooses and keeps stable.
type Work struct {
	ID          string   `json:"id"`
	Type        string   `json:"type"`
	Title       string   `json:"title,omitempty"`
	Authors     []string `json:"authors,omitempty"`
	Translators []string `json:"translators,omitempty"`
	Editors     []string `json:"editors,omitempty"`
	Container   string   `json:"container,omitempty"`
	Publisher   string   `json:"publisher,omitempty"`
	Place       string   `json:"place,omitempty"`
	Year        int      `json:"year,omitempty"`
	Issued      string   `json:"issued,omitempty"`
	Volume      string   `json:"volume,omitempty"`
	Issue       string   `json:"issue,omitempty"`
	URL         string   `json:"url,omitempty"`
}

// Work returns the work r cites, under id.
func (r Reference) Work(id string) Work {
	return Work{
		ID: id, Type: r.Type, Title: r.Title,
		Authors: r.Authors, Translators: r.Translators, Editors: r.Editors,
		Container: r.Container, Publisher: r.Publisher, Place: r.Place,
		Year: r.Year, Issued: r.Issued, Volume: r.Volume, Issue: r.Issue, URL: r.URL,
	}
}

// Merge fills the fields w leaves empty from another citation of the same
// work, so that a work cited in full once and in short form elsewhere
// keeps its fullest description whichever citation came first.
func (w *Work) Merge(r Reference) {
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fillNames := func(dst *[]string, src []string) {
		if len(*dst) == 0 {
			*dst = src
		}
	}
	fillNames(&w.Authors, r.Authors)
	fillNames(&w.Translators, r.Translators)
	fillNames(&w.Editors, r.Editors)
	for _, f := range []struct {
		dst *string
		src string
	}{
		{&w.Title, r.Title}, {&w.Container, r.Container}, {&w.Publisher, r.Publisher}, {&w.Place, r.Place},
		{&w.Volume, r.Volume}, {&w.Issue, r.Issue}, {&w.URL, r.URL},
	} {
		fill(f.dst, f.src)
	}
	if len(r.Issued) > len(w.Issued) && (w.Year == 0 || w.Year == r.Year) {
		w.Issued, w.Year = r.Issued, r.Year
	}
}

// Key returns the identity of the work r cites, for recognising the same
// work across footnotes and documents. Two citations of one work differ
// in the pages they cite and often in detail (a publisher written with or
// without "Inc", full-width or half-width digits), so the key is built
// from what names a work and survives such differences:
//
//   - the title, folded (NFKC, lower case, letters and digits only);
//   - the date: the full day when the note gives one, because a newspaper
//     prints the same headline on different days and those are different
//     articles; otherwise the year, because one note citing a journal
//     issue by "2018年11月" and another by "2018" mean the same article;
//   - the container, folded, because the same headline in 労働新聞 and in
//     朝鮮中央通信 is two articles, and the same chapter title in two
//     edited books is two chapters.
//
// Pages never enter the key, nor do authors (one note names a newspaper
// article's reporter, another does not). A reference without a title is
// known by its URL, without scheme or fragment. A very long title is cut
// and completed by a hash of the whole, so that keys stay readable and
// fit a database index.
func (r Reference) Key() string {
	return key(r.Title, r.Container, r.Issued, r.Year, r.URL)
}

// Key returns the identity of w, as Reference.Key does for a citation.
func (w Work) Key() string {
	return key(w.Title, w.Container, w.Issued, w.Year, w.URL)
}

// maxKeyTitle is the longest folded title a key holds whole.
const maxKeyTitle = 240

func key(title, container, issued string, year int, url string) string {
	t := fold(title)
	if len(t) > maxKeyTitle {
		sum := sha256.Sum256([]byte(t))
		cut := maxKeyTitle / 2
		for !utf8.RuneStart(t[cut]) {
			cut--
		}
		t = t[:cut] + "~" + hex.EncodeToString(sum[:8])
	}
	if t == "" {
		if url == "" {
			return ""
		}
		return "url:" + foldURL(url)
	}
	when := ""
	switch {
	case len(issued) == len("2006-01-02"):
		when = issued
	case year != 0:
		when = strconv.Itoa(year)
	}
	return t + "|" + when + "|" + fold(container)
}

// fold reduces s to what identifies a title: compatibility forms unified
// (full-width Latin and digits become ASCII, half-width katakana full
// width), lower case, and letters and digits only. Modifier letters go
// too, because the prolonged sound mark ー is typed as a hyphen as often
// as not (スタ-リン, スターリン).
func fold(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if isKeyRune(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// named reports whether fold(s) is not empty. Most titles begin with a
// rune that normalisation leaves a letter or digit (ASCII, kana, kanji,
// hangul), which answers at once; any other rune needs the full fold,
// because NFKC can turn a letter into marks (the ligature U+FCF2).
func named(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x80 && isKeyRune(r),
			0x3041 <= r && r <= 0x3096, 0x30a1 <= r && r <= 0x30fa, // kana, without the prolonged sound mark
			0x4e00 <= r && r <= 0x9fff, 0xac00 <= r && r <= 0xd7a3: // CJK ideographs, hangul syllables
			return true
		case r < 0x80:
			continue
		}
		return fold(s) != ""
	}
	return false
}

// isKeyRune reports whether r is kept in a folded title.
func isKeyRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsNumber(r)) && !unicode.Is(unicode.Lm, r)
}

// foldURL drops what does not change the page a URL names: the scheme,
// the case of the host, a fragment and a trailing slash.
func foldURL(u string) string {
	u, _, _ = strings.Cut(u, "#")
	if _, rest, ok := strings.Cut(u, "://"); ok {
		u = rest
	}
	host, path, _ := strings.Cut(u, "/")
	u = strings.ToLower(host)
	if path != "" {
		u += "/" + path
	}
	return strings.TrimRight(u, "/")
}
