// Package parse turns plain-text extractions of Japanese commentaries and
// news articles (PDF and web page text) into documents: metadata, sections
// of paragraphs with their footnote markers, footnote bodies and captions.
//
// The parser keeps the author's text: the only repairs are joining lines
// broken inside a sentence or a word, rejoining a sentence split by a
// footnote block, and removing stray spaces between two Japanese
// characters. No other character is rewritten.
package parse

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// File reads and parses the file at path. A sidecar next to it,
// <name>.meta.yaml for <name>.txt, supplies metadata the text does not
// state and wins over the parser.
func File(path string) (*doc.Document, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	d, err := Parse(filepath.Base(path), raw)
	if err != nil {
		return nil, err
	}
	side, err := readSidecar(SidecarPath(path))
	if err != nil {
		return nil, err
	}
	side.Apply(d)
	return d, nil
}

// SidecarPath returns where the metadata sidecar of a source file lives.
func SidecarPath(path string) string {
	return strings.TrimSuffix(path, filepath.Ext(path)) + ".meta.yaml"
}

// Parse parses raw, the bytes of the file called name. Errors name the file.
func Parse(name string, raw []byte) (*doc.Document, error) {
	text, err := decode(raw)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	if i := strings.IndexFunc(text, isSentinel); i >= 0 {
		line := strings.Count(text[:i], "\n") + 1
		return nil, fmt.Errorf("parse %s: line %d: unsupported private-use character %U", name, line, []rune(text[i:])[0])
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = trimLine(l)
	}
	lines, source := unflatten(lines)
	lang := language(text)
	p := &page{lines: lines, web: detectExtraction(lines), japanese: lang == "ja", source: source, cutAt: -1}
	p.dropFurniture()
	if p.web {
		p.dropTagRun()
	}
	head, bodyStart := parseHeader(p)
	if p.web && head.title != nil {
		p.dropRepeatedTitle(*head.title, bodyStart)
	}
	tail, bodyEnd := parseTrailer(p, bodyStart)
	body := parseBody(p, bodyStart, bodyEnd)

	sum := sha256.Sum256(raw)
	d := &doc.Document{
		SourceFile:   name,
		ContentHash:  "sha256:" + hex.EncodeToString(sum[:]),
		Language:     lang,
		Format:       doc.FormatText,
		Extraction:   doc.ExtractionPDF,
		Title:        head.title,
		Subtitle:     head.subtitle,
		Publisher:    firstOf(head.publisher, tail.publisher),
		URL:          head.url,
		Series:       firstOf(head.series, tail.series),
		SeriesNumber: firstOf(head.seriesNumber, tail.seriesNumber),
		PublishedOn:  firstOf(head.publishedOn, tail.publishedOn),
		PublishedAt:  head.publishedAt,
		UpdatedOn:    firstOf(head.updatedOn, tail.updatedOn),
		Authors:      mergeAuthors(head.authors, body.authors, tail.authors, profiledAuthors(p, head, body, &tail), p.authors),
		Categories:   orEmpty(append(head.categories, tail.categories...)),
		Keywords:     orEmpty(append(append(head.keywords, tail.keywords...), p.keywords...)),
	}
	d.Title = seriesSuffixOut(d.Title, d.Series)
	if p.web {
		d.Extraction = doc.ExtractionWeb
	} else {
		// 「第 4 章 …」: a PDF's title carries its justification spaces too.
		d.Title, d.Subtitle = numberSpacesOut(d.Title), numberSpacesOut(d.Subtitle)
	}
	if head.publishedOn == nil && tail.publishedAt != nil {
		d.PublishedAt = tail.publishedAt
	}
	if d.PublishedOn == nil && len(body.dates) > 0 {
		var found meta
		found.addDates(body.dates)
		d.PublishedOn, d.PublishedAt, d.UpdatedOn = found.publishedOn, found.publishedAt, firstOf(d.UpdatedOn, found.updatedOn)
	}
	d.Sections = sections(body)
	if len(d.Paragraphs()) == 0 {
		return nil, fmt.Errorf("parse %s: %w", name, ErrNoBody)
	}
	d.Captions = orEmptyCaptions(p.captions)
	sort.SliceStable(p.removed, func(i, j int) bool { return p.removed[i].Line < p.removed[j].Line })
	d.Removed = p.removed
	if d.Removed == nil {
		d.Removed = []doc.RemovedLine{}
	}
	d.Warnings = warnings(d, head.issueMonth || tail.issueMonth)
	d.Footnotes = footnotes(body, d)
	return d, nil
}

// seriesSuffixOut removes the series a page's title names after a colon
// (「TITLE:アジア情報室通報 16巻1号」) once the series is known.
func seriesSuffixOut(title, series *string) *string {
	if title == nil || series == nil || *series == "" {
		return title
	}
	k := strings.LastIndex(*title, *series)
	if k <= 0 {
		return title
	}
	head := strings.TrimRightFunc((*title)[:k], isSpace)
	sep := lastRune(head)
	if sep != ':' && sep != '：' && sep != '|' && sep != '｜' {
		return title
	}
	if rest := (*title)[k+len(*series):]; strings.TrimFunc(rest, func(r rune) bool { return isSpace(r) || isDigit(r) || strings.ContainsRune("第巻号#.", r) }) != "" {
		return title
	}
	head = strings.TrimRightFunc(head[:len(head)-utf8.RuneLen(sep)], isSpace)
	if head == "" {
		return title
	}
	return &head
}

// profiledAuthors returns the people of the closing profile block as
// authors, unless an interviewer signed the text: an interview's author is
// its interviewer (and outlet), and the people it presents are its
// subjects. Their profile then stays in sight in removed ("interviewee"),
// and a profile of the interviewer still completes the byline.
func profiledAuthors(p *page, head meta, body *bodyParser, tail *meta) []doc.Author {
	if !head.interviewer && !body.interviewer && !tail.interviewer {
		if len(tail.profiled) == 0 {
			// A profile block naming no author (「鼎談者プロフィール」 over
			// the guests'): the people the text presents. Its lines are
			// neither body nor metadata, and are listed, not lost.
			for i := tail.profileLines[0]; i < tail.profileLines[1]; i++ {
				p.remove(i, reasonInterviewee)
			}
		}
		return tail.profiled
	}
	signed := map[string]bool{}
	for _, list := range [][]doc.Author{head.authors, body.authors, tail.authors} {
		for _, a := range list {
			signed[nameKey(a.Name)] = true
		}
	}
	var out []doc.Author
	for _, a := range tail.profiled {
		if signed[nameKey(a.Name)] {
			out = append(out, a)
		}
	}
	if len(out) < len(tail.profiled) {
		for i := tail.profileLines[0]; i < tail.profileLines[1]; i++ {
			p.remove(i, reasonInterviewee)
		}
	}
	return out
}

// warnings says what the parser could not find: the document is stored
// with nulls, and an editor can supply them (updateDocumentMetadata).
func warnings(d *doc.Document, issueMonth bool) []string {
	out := []string{}
	if d.Title == nil {
		out = append(out, doc.WarnNoTitle)
	}
	if len(d.Authors) == 0 {
		out = append(out, doc.WarnNoAuthor)
	}
	if d.PublishedOn == nil {
		out = append(out, doc.WarnNoDate)
	} else if issueMonth {
		out = append(out, doc.WarnDateMonth)
	}
	return out
}

func orEmptyCaptions(c []doc.Caption) []doc.Caption {
	if c == nil {
		return []doc.Caption{}
	}
	return c
}

// sections groups the body's units under their headings. Text before the
// first heading is a section with a nil heading.
func sections(b *bodyParser) []doc.Section {
	out := []doc.Section{}
	for _, u := range b.units {
		if u.heading {
			out = append(out, doc.Section{Heading: ptr(u.text), Level: u.level, Paragraphs: []doc.Paragraph{}})
			continue
		}
		if len(out) == 0 {
			out = append(out, doc.Section{Level: 1, Paragraphs: []doc.Paragraph{}})
		}
		text, refs := finish(u.text, b.markers.labels, b.page.web)
		s := &out[len(out)-1]
		s.Paragraphs = append(s.Paragraphs, doc.Paragraph{Text: text, FootnoteRefs: refs})
	}
	return out
}

// footnotes lists every footnote: the bodies found, in label order, and a
// footnote with a nil body for each marker that has none, so that every
// reference resolves.
func footnotes(b *bodyParser, d *doc.Document) []doc.Footnote {
	byLabel := map[string]*doc.Footnote{}
	var out []doc.Footnote
	for _, n := range b.notes {
		if _, dup := byLabel[n.label]; dup {
			continue // a repeated list keeps its first body
		}
		// Notes cite titles, where a space is as often the PDF's as the
		// author's: they are cleaned as PDF text whatever the page.
		body := cleanSpaces(n.text)
		out = append(out, doc.Footnote{Label: n.label, Body: ptrOrNil(body), URLs: urls(body)})
		byLabel[n.label] = &out[len(out)-1]
	}
	for _, p := range d.Paragraphs() {
		for _, r := range p.FootnoteRefs {
			if _, ok := byLabel[r.Label]; !ok {
				out = append(out, doc.Footnote{Label: r.Label, URLs: []string{}})
				byLabel[r.Label] = &out[len(out)-1]
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return labelLess(out[i].Label, out[j].Label) })
	if out == nil {
		out = []doc.Footnote{}
	}
	return out
}

// labelLess orders labels by family (1, ※1, 注1) and then by number.
func labelLess(a, b string) bool {
	fa, fb := familyOf(a), familyOf(b)
	if fa != fb {
		return fa < fb
	}
	na, nb := atoi(strings.TrimPrefix(a, fa)), atoi(strings.TrimPrefix(b, fb))
	return na < nb
}

// reNumberSpace is a PDF's justification space beside a number in a
// title: 「第 4 章」「2025 年」; a space between two words stays.
var reNumberSpace = regexp.MustCompile(`([0-9])[ \x{3000}]+([年月日章節条号回部])|([第年月])[ \x{3000}]+([0-9])`)

// numberSpacesOut removes the justification spaces beside numbers.
func numberSpacesOut(s *string) *string {
	if s == nil || !strings.ContainsAny(*s, "0123456789") {
		return s
	}
	once := reNumberSpace.ReplaceAllString(*s, "$1$2$3$4")
	return ptr(reNumberSpace.ReplaceAllString(once, "$1$2$3$4")) // 「第 4 章」 has two, overlapping
}

func firstOf(vs ...*string) *string {
	for _, v := range vs {
		if v != nil {
			return v
		}
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// languageSample is how much of a text its script is judged on.
const languageSample = 4 << 10

// language tells Japanese from Korean and English text by its script.
func language(text string) string {
	jp, hangul, latin := 0, 0, 0
	if len(text) > languageSample {
		text = strings.ToValidUTF8(text[:languageSample], "")
	}
	for _, r := range text {
		switch {
		case isJP(r):
			jp++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		case r < 0x80 && unicode.IsLetter(r):
			latin++
		}
	}
	switch {
	case jp*10 >= jp+hangul+latin || jp >= hangul && jp >= latin/4:
		return "ja"
	case hangul >= latin/4:
		return "ko"
	}
	return "en"
}

var rePageNumber = regexp.MustCompile(`^(?:[-–—]\s*[0-9０-９]{1,3}\s*[-–—]|[0-9０-９]{1,3}\s*/\s*[0-9０-９]{1,3}|[pP]\.\s*[0-9]{1,3}|[0-9０-９]{1,3})$`)
