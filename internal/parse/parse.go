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
	side.apply(d)
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
	dropPageFurniture(lines)
	head, bodyStart := parseHeader(lines)
	tail, bodyEnd := parseTrailer(lines, bodyStart)
	body := parseBody(lines[bodyStart:bodyEnd])

	sum := sha256.Sum256(raw)
	d := &doc.Document{
		SourceFile:  name,
		ContentHash: "sha256:" + hex.EncodeToString(sum[:]),
		Language:    language(text),
		Format:      doc.FormatText,
		// The joining rules below are those of PDF text: a line break
		// inside a sentence is a wrapped line, not a paragraph end.
		Extraction:   doc.ExtractionPDF,
		Title:        head.title,
		Subtitle:     head.subtitle,
		Publisher:    firstOf(head.publisher, tail.publisher),
		Series:       firstOf(head.series, tail.series),
		SeriesNumber: firstOf(head.seriesNumber, tail.seriesNumber),
		PublishedOn:  firstOf(head.publishedOn, tail.publishedOn),
		UpdatedOn:    firstOf(head.updatedOn, tail.updatedOn),
		Authors:      mergeAuthors(head.authors, tail.authors),
		Categories:   orEmpty(append(head.categories, tail.categories...)),
		Keywords:     orEmpty(append(head.keywords, tail.keywords...)),
		Captions:     captions(body.captions),
		Removed:      []doc.RemovedLine{},
		Warnings:     []string{},
	}
	if d.Title == nil {
		d.Warnings = append(d.Warnings, warnNoTitle)
	}
	d.Sections = sections(body)
	if len(d.Paragraphs()) == 0 {
		return nil, fmt.Errorf("parse %s: %w", name, ErrNoBody)
	}
	d.Footnotes = footnotes(body, d)
	return d, nil
}

// warnNoTitle is the warning of a document stored without a title.
const warnNoTitle = "no title found"

// captions wraps caption lines; their credits stay in the text.
func captions(lines []string) []doc.Caption {
	out := make([]doc.Caption, 0, len(lines))
	for _, l := range lines {
		out = append(out, doc.Caption{Text: l})
	}
	return out
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
		text, refs := finish(u.text, b.markers.labels)
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

// language tells Japanese from Korean and English text by its script.
func language(text string) string {
	jp, hangul, latin := 0, 0, 0
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

// dropPageFurniture blanks page numbers and running headers (a short line
// repeated on every page) in place: they are layout, not text.
func dropPageFurniture(lines []string) {
	count := map[string]int{}
	for _, l := range lines {
		if l != "" && runeLen(l) <= 40 && !strings.Contains(l, "。") {
			count[l]++
		}
	}
	seen := map[string]bool{}
	for i, l := range lines {
		switch {
		case l == "":
		case rePageNumber.MatchString(l):
			lines[i] = ""
		case count[l] >= 3 && !isCaption(l):
			if seen[l] {
				lines[i] = ""
			}
			seen[l] = true
		}
	}
}
