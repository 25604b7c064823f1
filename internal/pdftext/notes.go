package pdftext

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/notes"
)

var (
	// reDecimal opens a line with a decimal number.
	reDecimal = regexp.MustCompile(`^[0-9０-９]{1,3}[.．][0-9０-９]`)
	// A note's leading label: 「1.」「(1)」「※1」「注1」, or a bare number
	// followed by a space (word processors set the footnote number apart).
	reNoteLead = regexp.MustCompile(`^(?:([0-9０-９]{1,3})\s*[.．)）]|[\[［(（]\s*([0-9０-９]{1,3})\s*[\]］)）]|(※|注|\*)\s*([0-9０-９]{1,3})|([0-9０-９]{1,3})[\s　]+)\s*`)
)

// noteStart reads the label a line starts with as a note. A number set
// tight against the text (「12採決は」) is a label only when it is next, the
// number after the last note's: otherwise 「12月31日」 would start a note.
func noteStart(l line, next int) (lbl, rest string, ok bool) {
	if len(l.marks) > 0 && l.marks[0].at == 0 {
		return l.marks[0].label, strings.TrimSpace(l.text), true
	}
	if m := reNoteLead.FindStringSubmatch(l.text); m != nil {
		for _, g := range []string{m[1], m[2], m[3] + m[4], m[5]} {
			if g != "" {
				lbl, _ = label(g)
			}
		}
		// A number and a space, or a decimal (「28.3 25.7」), also open a
		// table's row set small at the page's foot: a note's label is no
		// decimal, and a bare number is in sequence, not 0 nor far past
		// the next note's number.
		if m[1] != "" && reDecimal.MatchString(l.text) {
			return "", "", false
		}
		if n, err := strconv.Atoi(lbl); m[5] != "" && err == nil && (n == 0 || n > next+2) {
			return "", "", false
		}
		return lbl, strings.TrimSpace(l.text[len(m[0]):]), lbl != ""
	}
	digits := strings.IndexFunc(l.text, func(r rune) bool { return r < '0' || r > '9' })
	if digits > 0 && digits <= 3 && l.text[:digits] == strconv.Itoa(next) && isJP([]rune(l.text[digits:])[0]) {
		return l.text[:digits], strings.TrimSpace(l.text[digits:]), true
	}
	return "", "", false
}

// nextLabel is the number a new note would have after the list's last.
func nextLabel(list *notes.List) int {
	n, err := strconv.Atoi(strings.TrimLeft(list.Last(), "※注*"))
	if err != nil {
		return 1
	}
	return n + 1
}

// pageFootnotes files the notes at the foot of each page: the run of lines
// smaller than the body at the bottom of the page, from the first that
// starts with a label. A run that starts without one continues the last
// note of the page before.
func (b *builder) pageFootnotes() *notes.List {
	list := &notes.List{Join: joinLines}
	notePage := -1 // the page of the last note read
	for p := range b.pages {
		var idx []int
		for i, l := range b.lines {
			if l.page == p && !b.used[i] {
				idx = append(idx, i)
			}
		}
		idx = b.joinNoteLabels(idx)
		k := len(idx)
		for k > 0 && b.footSized(b.lines[idx[k-1]]) {
			k--
		}
		// A table or a chart's labels set small above the notes stand a
		// blank of two ems or more above them: the notes begin after it.
		if s := noteAreaStart(b.lines, idx[k:], nextLabel(list)); s > 0 {
			k += s
		}
		zone := idx[k:]
		// The zone begins at a note; the small lines above the first label
		// (a caption, a box) are not notes.
		for len(zone) > 0 {
			if _, _, ok := noteStart(b.lines[zone[0]], nextLabel(list)); ok {
				break
			}
			if p == 0 || list.Len() == 0 {
				zone = zone[1:]
				continue
			}
			break
		}
		if len(zone) == 0 || k == 0 || b.notesHeadingAbove(idx[:k]) {
			continue
		}
		// Footnotes stand apart from the text above them, in their column.
		if !b.apartFromAbove(zone[0], idx[:k]) {
			continue
		}
		// A note run on from the page before is at the page's foot too,
		// not a table set small in the page's top half.
		// It runs on from a note on the page just before, too.
		if _, _, ok := noteStart(b.lines[zone[0]], nextLabel(list)); !ok && (b.lines[zone[0]].top < 0.5*b.pages[p].height || notePage != p-1) {
			continue
		}
		notePage = p
		for _, i := range zone {
			l := b.lines[i]
			b.used[i] = true
			if isDisclaimer(l.text) {
				b.remove(i, "disclaimer")
				continue
			}
			if lbl, rest, ok := noteStart(l, nextLabel(list)); ok && !backwards(lbl, list) {
				list.Start(lbl, rest)
			} else {
				list.Continue(l.text)
			}
		}
	}
	return list
}

// joinNoteLabels joins a note's number read as a line of its own (raised
// a little, set left of its text: 「1」 then 「LINE株式会社「…」」) to the
// line it opens, as its mark; it returns idx without the label lines.
func (b *builder) joinNoteLabels(idx []int) []int {
	out := idx[:0:0]
	for k, i := range idx {
		l := b.lines[i]
		lbl, isLabel := label(l.text)
		if isLabel && k+1 < len(idx) && reDigits.MatchString(l.text) && len([]rune(l.text)) <= 3 {
			n := &b.lines[idx[k+1]]
			if n.x0 > l.x1 && n.x0-l.x1 < 2*n.em && l.top < n.bottom && l.bottom > n.top && (len(n.marks) == 0 || n.marks[0].at != 0) {
				n.marks = append([]mark{{at: 0, label: lbl}}, n.marks...)
				b.used[i] = true
				continue
			}
		}
		out = append(out, i)
	}
	return out
}

// footSized tells a line set in a footnote's size: smaller than the body,
// or a little smaller when a raised note mark opens it (a word
// processor's footnote, 10.5 points under a body of 11).
func (b *builder) footSized(l line) bool {
	marked := len(l.marks) > 0 && l.marks[0].at == 0
	// In the page's bottom fifth, a note opened by a raised mark may be
	// set in the body's size, or read larger when its digits are set in
	// a larger Latin face (「2021年6月時点」).
	low := l.top > 0.8*b.pages[l.page].height
	return l.size < 0.92*b.body || marked && (l.size < 0.98*b.body || low && l.size < 1.2*b.body)
}

// notesHeadingAbove reports a notes or references heading among the
// lines: then the small lines below it are endnotes or references, read
// with the body.
func (b *builder) notesHeadingAbove(idx []int) bool {
	for _, i := range idx {
		if t := strings.TrimSpace(b.lines[i].text); reNotesHeading.MatchString(t) || reReferencesHeading.MatchString(t) {
			return true
		}
	}
	return false
}

// backwards reports a label no higher than the last note's: the numbered
// items inside a note (「2) …の各号をいう。 1) … 2) …」), not a new note.
func backwards(lbl string, list *notes.List) bool {
	n, err := strconv.Atoi(lbl)
	return err == nil && list.Len() > 0 && n < nextLabel(list)
}

// apartFromAbove reports whether line z stands at least half an em below
// the nearest of the lines above it that share its column.
func (b *builder) apartFromAbove(z int, above []int) bool {
	n := b.lines[z]
	var nearest *line
	for _, i := range above {
		l := &b.lines[i]
		if l.bottom <= n.top+0.2*n.em && l.x0 < n.x1 && l.x1 > n.x0 && (nearest == nil || l.bottom > nearest.bottom) {
			nearest = l
		}
	}
	return nearest == nil || n.top-nearest.bottom >= 0.5*nearest.em
}

// noteAreaStart is where the notes begin in the run of small lines zone at
// a page's foot when the run does not open with a note: after its first
// blank of two ems or more that a note's first line follows (0: at the
// run's top). Notes set wide apart are all kept.
func noteAreaStart(ls []line, zone []int, next int) int {
	if len(zone) == 0 {
		return 0
	}
	if _, _, ok := noteStart(ls[zone[0]], next); ok {
		return 0
	}
	for k := 1; k < len(zone); k++ {
		l, above := ls[zone[k]], ls[zone[k-1]]
		if l.top-above.bottom < 2*l.em {
			continue
		}
		if _, _, ok := noteStart(l, next); ok {
			return k
		}
	}
	return 0
}

// exponents puts back into the text the raised figures that follow a
// figure or a Latin letter and point to no note's text: powers and units
// (「10¹¹個」「µA/cm²」「gKn⁴」), which a paper with no notes at all sets
// as a footnote's marker is set. A marker after Japanese text, or one
// whose note is found, stays a marker.
func exponents(d *doc.Document) {
	bodiless := map[string]bool{}
	for _, n := range d.Footnotes {
		if n.Body == nil && reDigitsOnly.MatchString(n.Label) {
			bodiless[n.Label] = true
		}
	}
	if len(bodiless) == 0 {
		return
	}
	cited := map[string]bool{}
	for si := range d.Sections {
		for pi := range d.Sections[si].Paragraphs {
			p := &d.Sections[si].Paragraphs[pi]
			text := []rune(p.Text)
			var out []rune
			refs := p.FootnoteRefs[:0]
			from, shift := 0, 0
			for _, ref := range p.FootnoteRefs {
				at := min(max(ref.Offset, 0), len(text))
				if bodiless[ref.Label] && at > 0 && at >= from && exponentBase(text[at-1]) {
					out = append(append(out, text[from:at]...), []rune(ref.Label)...)
					from = at
					shift += len([]rune(ref.Label))
					continue
				}
				cited[ref.Label] = true
				ref.Offset += shift
				refs = append(refs, ref)
			}
			if from > 0 {
				p.Text = string(append(out, text[from:]...))
			}
			p.FootnoteRefs = refs
		}
	}
	notes := d.Footnotes[:0]
	for _, n := range d.Footnotes {
		if !bodiless[n.Label] || cited[n.Label] {
			notes = append(notes, n)
		}
	}
	d.Footnotes = notes
}

// exponentBase reports a character a power or a unit's exponent follows:
// a figure or a letter not Japanese (Latin, Greek, mathematical italic).
func exponentBase(r rune) bool {
	return unicode.IsDigit(r) || unicode.IsLetter(r) && !isJP(r)
}
