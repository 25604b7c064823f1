// Package pdftext turns a PDF (a think-tank commentary printed from a
// browser, a brief exported from a word processor) into a document. Text,
// positions and font sizes come from PDFium; the layout says the rest:
// the largest lines of the first page are the title, larger or bold short
// lines are headings, raised small digits are note markers, small lines
// at a page's foot that start with a number are its footnotes, and lines
// repeated at the top or bottom of every page are running heads.
package pdftext

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// Sniff reports whether raw is a PDF: "%PDF-" within its first kilobyte,
// as readers accept it.
func Sniff(raw []byte) bool {
	return bytes.Contains(raw[:min(len(raw), 1024)], []byte("%PDF-"))
}

// Parse reads the PDF raw, the bytes of the file called name.
func Parse(name string, raw []byte) (*doc.Document, error) {
	if !Sniff(raw) {
		return nil, fmt.Errorf("parse %s: %w", name, ErrNotPDF)
	}
	pages, err := readPages(raw)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	repairUnicode(raw, pages)
	browser := printedByBrowser(raw)
	var all []line
	glyphs := 0
	for i := range pages {
		p := &pages[i]
		glyphs += len(p.glyphs)
		p.glyphs = dropOverprint(onPage(p.glyphs, p.width, p.height))
		p.browser = browser
	}
	for i := range pages {
		if isVertical(pages[i]) {
			// Its columns of characters, turned a quarter, are lines
			// read like any other page's (see turnVertical).
			pages[i] = turnVertical(pages[i])
		}
	}
	ratio := emRatio(pages)
	for i, p := range pages {
		for _, l := range lines(p, i, ratio) {
			l.n = len(all) + 1
			all = append(all, l)
		}
	}
	if glyphs == 0 {
		return nil, fmt.Errorf("parse %s: %w", name, ErrNoText)
	}
	referenceColumns(all)
	b := newBuilder(all, pages)
	d := b.build()
	if len(d.Paragraphs()) == 0 {
		return nil, fmt.Errorf("parse %s: %w", name, ErrNoBody)
	}
	sum := sha256.Sum256(raw)
	d.SourceFile = name
	d.ContentHash = "sha256:" + hex.EncodeToString(sum[:])
	return d, nil
}

// builder reads the document out of its lines.
type builder struct {
	lines       []line
	pages       []page
	used        []bool // lines already filed
	plain       []bool // lines read as running text whatever their size (a paper's abstract)
	body        float64
	left, right float64
	// pageLeft and pageRight are each page's own body edges, where the
	// page has enough lines to tell (0: the document's): an attachment
	// set with other margins, a cover letter before a report.
	pageLeft, pageRight []float64
	lead                float64   // the usual blank between two lines of a paragraph
	blockRight          []float64 // per line, the right edge of a block set narrower than its column (0: none)
	// deck is set for slides exported to PDF (see slides.go); then
	// slideTitle marks each slide's title lines.
	deck        bool
	slideTitle  []bool
	authorNotes []authorNote
	d           *doc.Document
}

func newBuilder(all []line, pages []page) *builder {
	b := &builder{lines: all, pages: pages, used: make([]bool, len(all)), plain: make([]bool, len(all)), d: &doc.Document{
		Format: doc.FormatPDF, Extraction: doc.ExtractionPDF, Language: "ja",
		Authors: []doc.Author{}, Categories: []string{}, Keywords: []string{}, Sections: []doc.Section{},
		Footnotes: []doc.Footnote{}, Captions: []doc.Caption{}, Removed: []doc.RemovedLine{}, Warnings: []string{},
	}}
	b.measure()
	b.gothicAsBold()
	b.narrowBlocks()
	b.slides()
	return b
}

// gothicAsBold reads a line set in ゴシック over a body set in 明朝 as
// bold: Japanese word processors set headings in the sans-serif face at
// the body's size, with no bold weight to tell them by.
func (b *builder) gothicAsBold() {
	serif, sans := 0, 0
	for _, l := range b.lines {
		if math.Abs(l.size-b.body) < 0.05*b.body {
			if l.gothic {
				sans += len([]rune(l.text))
			} else {
				serif += len([]rune(l.text))
			}
		}
	}
	if sans*4 > serif {
		return // a body in a sans-serif face, or in both
	}
	for i := range b.lines {
		if b.lines[i].gothic {
			b.lines[i].bold = true
		}
	}
}

// measure finds the body's font size (the size most letters are set in)
// and its left and right edges.
func (b *builder) measure() {
	chars := map[float64]int{}
	for _, l := range b.lines {
		// Letters, not digits or signs: a table's cells of figures,
		// however many, are not the body.
		for _, r := range l.text {
			if unicode.IsLetter(r) {
				chars[math.Round(l.size*10)/10]++
			}
		}
	}
	n := 0
	for s, c := range chars {
		if c > n {
			b.body, n = s, c
		}
	}
	var lefts, rights []float64
	for _, l := range b.lines {
		if math.Abs(l.size-b.body) < 0.05*b.body {
			lefts, rights = append(lefts, l.x0), append(rights, l.x1)
		}
	}
	var gaps []float64
	for i := 1; i < len(b.lines); i++ {
		p, l := b.lines[i-1], b.lines[i]
		if p.page == l.page && math.Abs(p.size-b.body) < 0.05*b.body && math.Abs(l.size-b.body) < 0.05*b.body && l.top > p.bottom {
			gaps = append(gaps, l.top-p.bottom)
		}
	}
	sort.Float64s(gaps)
	if len(gaps) > 0 {
		b.lead = gaps[len(gaps)/2]
	}
	sort.Float64s(lefts)
	sort.Float64s(rights)
	em := b.bodyEm()
	if len(lefts) > 0 {
		b.left = lefts[len(lefts)/10]
		b.right = rightEdge(rights, em)
	}
	b.pageLeft, b.pageRight = make([]float64, len(b.pages)), make([]float64, len(b.pages))
	for p := range b.pages {
		lefts, rights = lefts[:0], rights[:0]
		for _, l := range b.lines {
			if l.page == p && math.Abs(l.size-b.body) < 0.05*b.body {
				lefts, rights = append(lefts, l.x0), append(rights, l.x1)
			}
		}
		if len(lefts) < 8 {
			continue
		}
		sort.Float64s(lefts)
		sort.Float64s(rights)
		b.pageLeft[p], b.pageRight[p] = lefts[len(lefts)/10], rightEdge(rights, em)
	}
}

// bodyEm is the width of a full-width character of the body's size.
func (b *builder) bodyEm() float64 {
	var ems []float64
	for _, l := range b.lines {
		if math.Abs(l.size-b.body) < 0.05*b.body && l.em > 0 {
			ems = append(ems, l.em)
		}
	}
	if len(ems) == 0 {
		return b.body
	}
	sort.Float64s(ems)
	return ems[len(ems)/2]
}

// rightEdge is where the full lines of a block end, from the sorted right
// ends of its lines: the ninetieth percentile, or, a little short of it,
// where most of them end within an em of each other when a fifth of them
// (five at least) do. A few lines that run on past the margin (list items a word
// processor lets overflow it) then do not move the edge, against which
// every full line would read as short.
func rightEdge(rights []float64, em float64) float64 {
	p90 := rights[len(rights)*9/10]
	best, top := 0, p90
	for i, j := 0, 0; i < len(rights); i++ {
		for j < len(rights) && rights[j] <= rights[i]+em {
			j++
		}
		if j-i >= best {
			best, top = j-i, rights[j-1]
		}
	}
	if best >= 5 && best*5 >= len(rights) && top < p90 && p90-top < 2.5*em {
		return top
	}
	return p90
}

func (b *builder) remove(i int, reason string) {
	b.used[i] = true
	b.d.Removed = append(b.d.Removed, doc.RemovedLine{Line: b.lines[i].n, Text: b.lines[i].text, Reason: reason})
}

// build files every line: running heads, footnotes, the front matter, then
// the body.
func (b *builder) build() *doc.Document {
	b.ruby()
	b.furniture()
	b.contents()
	b.revisionHistory()
	b.figureLabels()
	list := b.pageFootnotes()
	b.front()
	b.disclaimerBlocks()
	b.bodyText(list)
	exponents(b.d)
	b.affiliationsFromNotes()
	unhyphenate(b.d)
	sort.SliceStable(b.d.Removed, func(i, j int) bool { return b.d.Removed[i].Line < b.d.Removed[j].Line })
	if b.d.Title == nil {
		b.d.Warnings = append(b.d.Warnings, "no title found")
	}
	return b.d
}

var (
	rePageNumber = regexp.MustCompile(`^(?:[-–—‐]\s*[0-9０-９]{1,3}\s*[-–—‐]|[0-9０-９]{1,3}\s*/\s*[0-9０-９]{1,3}|[pP]\.?\s*[0-9]{1,3}|[0-9０-９]{1,3}|[0-9]{1,2}-[0-9]{1,3}|[0-9]{1,3}\s*ページ|第\s*[0-9]{1,3}\s*頁|[一二三四五六七八九十]{1,3}|[ivxl]{1,5}|[IVXL]{2,5})$`)
	// reNumberedHead is a running head with the page's number at one end:
	// LaTeX's 「2　第1章 はじめに」 on a left-hand page, 「1.2 背景　5」 on a
	// right-hand one.
	reNumberedHead = regexp.MustCompile(`^([0-9]{1,3})[ 　]+\S|\S[ 　]+([0-9]{1,3})$`)
	reDigits       = regexp.MustCompile(`[0-9０-９]+`)
	reSpaces       = regexp.MustCompile(`[\s\x{3000}]+`)
	// rePrintStamp is what a browser prints in the margins of a page it
	// saves as PDF: the page's address with the page count ("https://…
	// 1/3", "… 1 of 3") and the date and time of printing ("12/3/26, 6:00
	// PM", "2026/12/03 18:00"). On a one-page print nothing repeats, so
	// these are known by their form.
	rePrintStamp = regexp.MustCompile(`^(?:(?:https?|file)://\S+\s+[0-9]{1,3}\s*(?:/|of)\s*[0-9]{1,3}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4},?\s+[0-9]{1,2}:[0-9]{2}(?:\s*[AaPp]\.?[Mm]\.?)?|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}\s+[0-9]{1,2}:[0-9]{2})$`)
)

// furniture removes page numbers and the lines repeated in the top or
// bottom margin of several pages (running heads and feet).
func (b *builder) furniture() {
	zone := func(l line) string {
		p := b.pages[l.page]
		switch {
		case l.bottom < 0.1*p.height, p.turned && l.x1 < 0.1*p.width:
			return "top"
		case l.top > 0.9*p.height, p.turned && l.x0 > 0.9*p.width:
			return "bottom"
		}
		return ""
	}
	seen := map[string]map[int]bool{}
	tops := map[string][]float64{} // where each repeated line stands, page by page
	for _, l := range b.lines {
		if z := zone(l); z != "" {
			key := z + furnitureKey(l.text)
			if seen[key] == nil {
				seen[key] = map[int]bool{}
			}
			seen[key][l.page] = true
			tops[key] = append(tops[key], l.top/b.pages[l.page].height)
		}
	}
	// Slides repeat a title over the slides of one topic: on slides, a
	// running head stands on half of them at least.
	often := 2
	if b.deck {
		often = max(2, len(b.pages)/2)
	}
	repeated := func(l line) bool {
		z := zone(l)
		return z != "" && len(b.pages) > 1 && len(seen[z+furnitureKey(l.text)]) >= often
	}
	// A line at one place on most pages (three at least) is the page's
	// furniture whatever stands close above or below it: a slide's
	// footer with the talk, the speaker and 「3 / 20」 sits tight under
	// the slide's last bullet.
	fixed := func(l line) bool {
		z := zone(l)
		key := z + furnitureKey(l.text)
		if z == "" || len(seen[key]) < max(3, (len(b.pages)+1)/2) {
			return false
		}
		at, tol := l.top/b.pages[l.page].height, 1.5*l.em/b.pages[l.page].height
		same := 0
		for _, t := range tops[key] {
			if math.Abs(t-at) <= tol {
				same++
			}
		}
		return same >= max(3, (len(b.pages)+1)/2)
	}
	// LaTeX sets its heads lower than the top tenth: a head known by the
	// page number it carries, or a page number in roman figures, is
	// looked for in the top and bottom sixths.
	outer := func(l line) string {
		p := b.pages[l.page]
		switch {
		case p.turned:
			return ""
		case l.bottom < 0.15*p.height:
			return "top"
		case l.top > 0.85*p.height:
			return "bottom"
		}
		return ""
	}
	numbered := b.pageNumbers(outer)
	for i, l := range b.lines {
		z := zone(l)
		if oz := outer(l); z == "" && oz != "" && !b.used[i] && (numbered(l) || reRomanNumber.MatchString(l.text)) && b.apart(i, oz, repeated) {
			switch {
			case reRomanNumber.MatchString(l.text):
				b.remove(i, "page-number")
			case oz == "top":
				b.remove(i, "running-header")
			default:
				b.remove(i, "running-footer")
			}
			continue
		}
		// A page number centred at the foot of every page may sit tight
		// under the page's last footnote.
		centred := math.Abs((l.x0+l.x1)/2-b.pages[l.page].width/2) < 2*l.em
		if z == "" || !fixed(l) && !b.apart(i, z, repeated) && !b.sideApart(i) && !(z == "bottom" && centred && repeated(l) && rePageNumber.MatchString(l.text)) {
			continue
		}
		switch {
		case rePageNumber.MatchString(l.text):
			b.remove(i, "page-number")
		case repeated(l) || rePrintStamp.MatchString(l.text) || numbered(l):
			if z == "top" {
				b.remove(i, "running-header")
			} else {
				b.remove(i, "running-footer")
			}
		}
	}
}

// furnitureKey is a line's text with its figures and spaces folded: a
// running head or foot differs from page to page only in its numbers,
// and PDFium may read a gap between two figures (「1 1 /19」).
func furnitureKey(text string) string {
	return reDigits.ReplaceAllString(reSpaces.ReplaceAllString(text, ""), "#")
}

// pageNumbers returns a test for a running head that carries its page's
// number: the number follows the one on the page before, or comes before
// the one on the page after. LaTeX's heads name the chapter, so they
// repeat on no two pages of a short chapter; their page numbers still
// count on. Only heads: a footnote at the foot opens with a number too.
func (b *builder) pageNumbers(zone func(line) string) func(line) bool {
	number := map[int]int{}
	for _, l := range b.lines {
		if zone(l) != "" && reDigitsOnly.MatchString(l.text) {
			n, _ := strconv.Atoi(l.text)
			number[l.page] = n
		}
	}
	return func(l line) bool {
		m := reNumberedHead.FindStringSubmatch(l.text)
		if m == nil || l.size > 1.05*b.body || zone(l) != "top" || strings.ContainsAny(l.text, "。．") {
			return false
		}
		n, _ := strconv.Atoi(m[1] + m[2])
		before, okBefore := number[l.page-1]
		after, okAfter := number[l.page+1]
		return okBefore && before == n-1 || okAfter && after == n+1
	}
}

var (
	reDigitsOnly  = regexp.MustCompile(`^[0-9]{1,3}$`)
	reRomanNumber = regexp.MustCompile(`^(?:[ivxl]{1,5}|[IVXL]{2,5})$`)
)

// sideApart reports a line of a turned page (set vertically) that stands
// in its head or foot, at the left or right of the lines: no other line
// of the page reaches within an em and a half of it.
func (b *builder) sideApart(i int) bool {
	l := b.lines[i]
	p := b.pages[l.page]
	if !p.turned || l.x1 >= 0.1*p.width && l.x0 <= 0.9*p.width {
		return false
	}
	for j, o := range b.lines {
		if j == i || o.page != l.page {
			continue
		}
		if l.x0 > 0.9*p.width && o.x1 > l.x0-1.5*l.em || l.x1 < 0.1*p.width && o.x0 < l.x1+1.5*l.em {
			return false
		}
	}
	return true
}

// apart reports whether a line in the top or bottom margin stands apart
// from the text beside it, as running heads do; a footnote's last line
// at the foot of the page does not, however often it repeats. A head of
// two lines (the series over the date) stands apart as a whole: a line
// beside it that repeats too is looked past.
func (b *builder) apart(i int, zone string, repeated func(line) bool) bool {
	step := 1 // the line below a head
	if zone == "bottom" {
		step = -1 // the line above a foot
	}
	for {
		l := b.lines[i]
		j := i + step
		if j < 0 || j >= len(b.lines) || b.lines[j].page != l.page {
			return true
		}
		n := b.lines[j]
		gap := n.top - l.bottom
		if zone == "bottom" {
			gap = l.top - n.bottom
		}
		if gap >= 1.2*(l.bottom-l.top) {
			return true
		}
		if !repeated(n) {
			return false
		}
		i = j
	}
}
