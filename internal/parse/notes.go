package parse

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// noteStart is a line that begins a footnote body: 「- ¹ …」, 「(※1) ^ …」,
// 「【注1】…」, 「[1] …」, 「- 2 …」, or a bare 「12 …」 at a page bottom.
type noteStart struct {
	label string
	text  string // the body text on this line, decoration removed
	// weak starts (a bare number and a space) look like body text that
	// begins with a number; they count only where the context confirms.
	weak bool
	// parenthesized starts 「(1) …」 count only inside a list of notes.
	parenthesized bool
}

var (
	reNoteSuper    = regexp.MustCompile(`^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(.*)$`)
	reNoteKome     = regexp.MustCompile(`^(?:[(（]※([0-9０-９]{1,3})[)）]|※([0-9０-９]{1,3}))\s*(.*)$`)
	reNoteChu      = regexp.MustCompile(`^(?:[【\[［(（]注([0-9０-９]{1,3})[】\]］)）]|注\s?([0-9０-９]{1,3})(?:[\s:：.．)）]|$))\s*(.*)$`)
	reNoteBracket  = regexp.MustCompile(`^[\[［]([0-9０-９]{1,3})[\]］]\s*(.*)$`)
	reNoteParen    = regexp.MustCompile(`^[(（]([0-9０-９]{1,3})[)）]\s*(.+)$`)
	reNotePlain    = regexp.MustCompile(`^([0-9０-９]{1,3})(?:\s+|[)）.．]\s*)(.+)$`)
	reBullet       = regexp.MustCompile(`^(?:[-–—•・*＊]\s*)`)
	reBacklinkHead = regexp.MustCompile(`^\^\s*`)
)

// parseNoteStart reports whether line begins a footnote body.
func parseNoteStart(line string) (noteStart, bool) {
	if r := firstRune(line); !isDigit(r) && !isSuperscript(r) && !strings.ContainsRune("(（※【[［注-–—•・*＊", r) {
		return noteStart{}, false
	}
	bulleted := false
	if loc := reBullet.FindStringIndex(line); loc != nil {
		rest := line[loc[1]:]
		// 「- 寺内 真寿」 is a bullet, not a note; only a label after the
		// bullet makes one.
		if rest == "" {
			return noteStart{}, false
		}
		line, bulleted = rest, true
	}
	var ns noteStart
	switch {
	case reNoteSuper.MatchString(line):
		m := reNoteSuper.FindStringSubmatch(line)
		ns = noteStart{label: superscriptDigits([]rune(m[1])), text: m[2]}
	case reNoteKome.MatchString(line):
		m := reNoteKome.FindStringSubmatch(line)
		ns = noteStart{label: "※" + halfWidth(m[1]+m[2]), text: m[3]}
	case reNoteChu.MatchString(line):
		m := reNoteChu.FindStringSubmatch(line)
		ns = noteStart{label: "注" + halfWidth(m[1]+m[2]), text: m[3]}
	case reNoteBracket.MatchString(line):
		m := reNoteBracket.FindStringSubmatch(line)
		ns = noteStart{label: halfWidth(m[1]), text: m[2]}
	case reNoteParen.MatchString(line):
		// 「(1) …」 is a sub-heading or an enumeration in the body; it is a
		// note only inside an end-of-document list (weak, decided there).
		m := reNoteParen.FindStringSubmatch(line)
		ns = noteStart{label: trimZeros(halfWidth(m[1])), text: m[2], weak: true, parenthesized: true}
	case reNotePlain.MatchString(line):
		m := reNotePlain.FindStringSubmatch(line)
		text := m[2]
		// 「1 対 1」「3 つ」: a quantity, not a label. (Notes themselves may
		// start with 国連, 日本, 時事 …, so only unambiguous counters count.)
		if r := firstRune(text); strings.ContainsRune(noteCounters, r) || isDigit(r) {
			return noteStart{}, false
		}
		ns = noteStart{label: trimZeros(halfWidth(m[1])), text: text, weak: !bulleted}
	default:
		return noteStart{}, false
	}
	ns.text = reBacklinkHead.ReplaceAllString(strings.TrimSpace(ns.text), "")
	return ns, true
}

func trimZeros(s string) string {
	t := strings.TrimLeft(s, "0")
	if t == "" {
		return "0"
	}
	return t
}

// noteCounters follow a number in prose but never start a note's text.
const noteCounters = "つ対%％〜～~ヶケカか倍割歳万億兆:：/／.．,，-−"

// noteItem is a footnote body being collected over one or more lines.
type noteItem struct {
	label string
	text  string
}

var (
	reURL       = regexp.MustCompile(`(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+`)
	reAutolink  = regexp.MustCompile(`<((?:https?://|www\.)[^<>\s]*)>`)
	reURLPieces = regexp.MustCompile(`^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$`)
)

// stripAutolinks removes the angle brackets extractions put around URLs
// (<https://…>): they are markup, not text of the note.
func stripAutolinks(s string) string { return reAutolink.ReplaceAllString(s, "$1") }

// endsWithURL reports whether the last word of s is a URL.
func endsWithURL(s string) bool {
	s = strings.TrimRightFunc(s, isSpace)
	i := strings.LastIndexFunc(s, isSpace)
	last := s[i+1:]
	return reURL.MatchString(last) && reURL.FindStringIndex(last)[0] == 0
}

// isURLPiece reports a line made only of URL characters: the rest of a URL
// that the extraction broke across lines.
func isURLPiece(s string) bool { return reURLPieces.MatchString(s) }

// append adds one more line of the note's text.
func (n *noteItem) append(line string) {
	line = stripAutolinks(line)
	switch {
	case n.text == "":
		n.text = line
	case endsWithURL(n.text) && isURLPiece(line):
		n.text += line
	case endsWithURL(n.text) || reURL.FindStringIndex(line) != nil && reURL.FindStringIndex(line)[0] == 0:
		n.text += " " + line
	default:
		n.text += joinSeparator(n.text, line) + line
	}
}

// withoutURLs is the note's prose: what is left when URLs are removed.
func withoutURLs(s string) string { return strings.TrimSpace(reURL.ReplaceAllString(s, "")) }

// open reports whether the note's prose stops mid-sentence: after a
// particle, a comma or an opening bracket, text must follow.
func (n *noteItem) open() bool {
	r := lastRune(withoutURLs(n.text))
	return r != utf8.RuneError && strings.ContainsRune("、，,はがをにでとのへやも「『（(【・:：", r)
}

// finished reports whether the note's prose ends a sentence, or is only URLs.
func (n *noteItem) finished() bool {
	p := withoutURLs(n.text)
	return p == "" || isTerminal(lastRune(p))
}

// urls returns the URLs in a note body, without trailing punctuation.
func urls(s string) []string {
	out := []string{}
	for _, u := range reURL.FindAllString(s, -1) {
		u = trimURL(u)
		if u != "" && !contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// trimURL drops punctuation that ends the sentence around a URL, and
// closing brackets that the URL did not open.
func trimURL(u string) string {
	for {
		t := strings.TrimRight(u, ".,;:!?'")
		if strings.HasSuffix(t, ")") && strings.Count(t, "(") < strings.Count(t, ")") ||
			strings.HasSuffix(t, "]") && strings.Count(t, "[") < strings.Count(t, "]") {
			t = t[:len(t)-1]
		}
		if t == u {
			return u
		}
		u = t
	}
}
