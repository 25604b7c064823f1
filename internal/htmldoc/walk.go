package htmldoc

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// block is one line of the page's text as a reader sees it: a paragraph,
// a heading, a list item, a caption, with what its elements say it is.
type block struct {
	text      string
	refs      []doc.FootnoteRef
	heading   int // 1–6 for <h1>–<h6>
	role      role
	reason    string // why chrome goes
	own       role   // what its own element is, inside chrome too
	inArticle bool
	inHead    bool   // inside the article's own <header>
	linkOnly  bool   // all its text is a link's
	linkRunes int    // how much of its text (less spaces) is a link's
	bold      bool   // all its text is set in <strong> or <b>
	inCell    bool   // inside a table's cell or a list's item
	noteLabel string // the label a note's element or list position gives it
	datetime  string // a <time datetime> inside
	line      int    // counts from 1 over the whole page
}

// ctx is what the ancestors of a node say about it.
type ctx struct {
	inArticle bool
	inHead    bool
	role      role
	own       role // the role of the nearest element that has one, chrome or not
	reason    string
	noteLabel string
	notesSeq  *int // the next number in a list of notes
	heading   int
	inLink    bool // inside an <a href>: a block a link wraps is the link's text
	inCell    bool // inside a <td> or <th>
	inEmbed   bool // inside a quoted post or embed (a tweet, a blockquote): its author is not the article's
	keepLines bool // its text keeps its line breaks (CSS white-space: pre-wrap): each is a <br>
}

// walker turns a page into blocks in reading order.
type walker struct {
	article *html.Node
	targets map[string]string // id of a note → the label its markers give it
	blocks  []block
	runes   map[*html.Node]int  // the text each element of the article holds
	holds   map[*html.Node]bool // the article's ancestors
	lines   map[string]bool     // classes whose text keeps its line breaks
	// Each element is classified once: its words split, and its role in
	// and out of the article, as the walk asks for them more than once.
	wordsOf map[*html.Node][]string
	roles   map[roleKey]roleResult
	scratch scratch
}

type roleKey struct {
	n         *html.Node
	inArticle bool
}

type roleResult struct {
	r      role
	reason string
}

func newWalker(article *html.Node, lines map[string]bool) *walker {
	w := &walker{article: article, targets: noteTargets(article), runes: map[*html.Node]int{}, holds: map[*html.Node]bool{}, lines: lines,
		wordsOf: map[*html.Node][]string{}, roles: map[roleKey]roleResult{}}
	w.count(article)
	for p := article.Parent; p != nil; p = p.Parent {
		w.holds[p] = true
	}
	return w
}

// count fills w.runes for n's subtree and returns n's.
func (w *walker) count(n *html.Node) int {
	if n.Type == html.TextNode {
		// Its words and its letters: what strings.Fields would give,
		// counted without splitting.
		words, letters, inWord := 0, 0, false
		for _, r := range n.Data {
			if isFieldSpace(r) {
				inWord = false
				continue
			}
			if !inWord {
				words++
				inWord = true
			}
			letters++
		}
		return words + letters
	}
	total := 0
	if n.Type != html.ElementNode || !unseen(n) { // hidden text is not the article's
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			total += w.count(c)
		}
	}
	w.runes[n] = total
	return total
}

// classify says what n is to the article. The article, the elements
// that hold it, and an element inside it that holds most of its text
// are the article's wrappers, whatever their classes say: WordPress
// names the post "category-news tag-asia", a theme the page's <body>
// "has-sidebar", and wraps the text in "entry-content-with-sidebar".
func (w *walker) classify(n *html.Node, inArticle bool) (role, string) {
	if w.holds[n] || inArticle && (n == w.article || 2*w.runes[n] > w.runes[w.article]) {
		return roleNone, ""
	}
	key := roleKey{n, inArticle}
	if got, ok := w.roles[key]; ok {
		return got.r, got.reason
	}
	r, reason := classifyBy(n, w.words(n), inArticle)
	if r == roleChrome && inArticle && reason != "comments" && isProse(n) {
		// A section whose id only happens to contain a chrome word
		// (id="TOC_TITLE_1", class="side-note-wrapper") is text when it
		// holds paragraphs of prose; chrome is short or made of links.
		r, reason = roleNone, ""
	}
	w.roles[key] = roleResult{r, reason}
	return r, reason
}

// words is words(n), split once for each element.
func (w *walker) words(n *html.Node) []string {
	if len(n.Attr) == 0 {
		return nil
	}
	ws, ok := w.wordsOf[n]
	if !ok {
		ws = words(n)
		w.wordsOf[n] = ws
	}
	return ws
}

// isProse reports an element holding two or more paragraphs of prose:
// long <p> elements with few of their words in links.
func isProse(n *html.Node) bool {
	paras := 0
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if paras >= 2 || n.Type != html.ElementNode || unseen(n) {
			return
		}
		if n.DataAtom == atom.P {
			text, links := runeLen(squash(textOf(n))), 0
			eachLink(n, func(a *html.Node) { links += runeLen(squash(textOf(a))) })
			if text >= 40 && links*5 < text {
				paras++
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	return paras >= 2
}

func eachLink(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		fn(n)
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		eachLink(c, fn)
	}
}

// skipped elements hold no text a reader sees.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Iframe: true, atom.Head: true, atom.Object: true, atom.Canvas: true, atom.Math: false,
	atom.Select: true, atom.Option: true, atom.Textarea: true, atom.Input: true,
}

// unseen reports an element whose text a reader does not see: scripts and
// the like, ruby readings (<rt>, <rp>: 「子(こ)ども」 reads 「子ども」), and
// elements the page hides (hidden, display:none), where sites keep
// machine-read ids and duplicates.
func unseen(n *html.Node) bool {
	if skipped[n.DataAtom] || n.DataAtom == atom.Rt || n.DataAtom == atom.Rp {
		return true
	}
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "class":
			if isTooltip(a.Val) || isIconFont(a.Val) {
				return true
			}
		case "style":
			st := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// isIconFont reports an icon drawn by a font from the name written in
// the element (<i class="material-icons">access_time</i>): the name is
// no text a reader sees.
func isIconFont(class string) bool {
	return strings.Contains(class, "material-icons") || strings.Contains(class, "material-symbols")
}

// isTooltip reports the class of a box shown only on hover, such as the
// copy of a footnote's text a plugin sets beside its marker
// (class="footnote_tooltip"); the note itself stands in the list.
func isTooltip(class string) bool {
	if !strings.Contains(class, "tooltip") {
		return false
	}
	for _, f := range strings.Fields(class) {
		if f == "tooltip" || strings.HasSuffix(f, "_tooltip") || strings.HasSuffix(f, "-tooltip") {
			return true
		}
	}
	return false
}

// blockTags start a new line of text.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true, atom.Dd: true,
	atom.Details: true, atom.Dialog: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hr: true, atom.Li: true,
	atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true,
	atom.Table: true, atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Ul: true, atom.Summary: true, atom.Caption: true, atom.Html: true,
}

// reLabel is a footnote marker's text: 1, [1], (1), ※1, 注1, *1.
var reLabel = regexp.MustCompile(`^[\[［(（]?\s*(※|注|\*|＊)?\s*([0-9０-９]{1,3})\s*[\]］)）]?$`)

// label normalises a marker's text to the label notes are keyed by:
// "[1]" → "1", "※ 1" → "※1", "＊2" → "*2".
func label(s string) (string, bool) {
	m := reLabel.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", false
	}
	prefix := m[1]
	if prefix == "＊" {
		prefix = "*"
	}
	return prefix + toASCIIDigits(m[2]), true
}

func toASCIIDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + r - '０'
		}
		return r
	}, s)
}

// noteTargets finds the notes the article's markers point at: <a
// href="#id"> whose text is a label.
func noteTargets(article *html.Node) map[string]string {
	targets := map[string]string{}
	// A marker and its note's label can link to each other (Hatena's
	// 「*1」 id="fn-…" href="#f-…", and in the note id="f-…"
	// href="#fn-…"): the first of the pair is the marker, not a note.
	linksTo := map[string]string{} // an anchor's own id → where it links
	var mutual []string
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			if id, ok := fragment(attr(n, "href")); ok {
				if l, ok := label(textOf(n)); ok {
					if _, seen := targets[id]; !seen {
						targets[id] = l
					}
					own := firstNonEmpty(attr(n, "id"), attr(n, "name"))
					if own != "" && linksTo[id] == own {
						mutual = append(mutual, id)
					} else if own != "" {
						linksTo[own] = id
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(article)
	for _, id := range mutual {
		delete(targets, id)
	}
	return targets
}

// element walks a block-level element and its children.
func (w *walker) element(n *html.Node, c ctx) {
	if n == w.article {
		// What the page's wrappers are named (a body or layout class
		// such as "site-header" or "has-sidebar") does not reach into
		// the article: readability chose it for its text.
		c = ctx{inArticle: true}
	}
	if c.role == roleChrome && c.own != roleProfile && (!c.inArticle || hasAttr(n, "class")) {
		// Inside chrome, a dateline or byline is still told apart: the
		// article's header can stand outside the article's element.
		// So is a writer's box in a sidebar, inside the article or not.
		if r, _ := w.classify(n, false); r == roleProfile || !c.inArticle && (r == roleDate || r == roleByline || r == roleSubtitle) {
			c.own = r
		}
	}
	if n.DataAtom == atom.Blockquote || isEmbed(w.words(n)) {
		c.inEmbed = true
	}
	if !c.keepLines && keepsLines(n, w.lines) {
		c.keepLines = true
	}
	if c.role != roleChrome && c.role != roleDisclaimer {
		if r, reason := w.classify(n, c.inArticle); r != roleNone && !(c.role == roleNotes && r == roleNote) && !(c.inEmbed && r == roleByline) {
			c.role, c.reason, c.own = r, reason, r
			if r == roleNotes {
				seq := 1
				c.notesSeq = &seq
			}
		}
	}
	if l, ok := w.target(n); ok && c.role != roleChrome {
		if c.role != roleNotes {
			c.role = roleNote
		}
		c.noteLabel = l
	}
	if n.DataAtom == atom.Tr && c.role == roleNotes {
		// A notes table's row: its first cell holds the anchor the
		// marker jumps to, inside the link back to it.
		if l, ok := w.targetInside(n, 6); ok {
			c.noteLabel = l
		}
	}
	if n.DataAtom == atom.Li && c.role == roleNotes && c.notesSeq != nil {
		if c.noteLabel == "" || attr(n, "id") == "" {
			if v := attr(n, "value"); v != "" {
				*c.notesSeq = atoiDefault(v, *c.notesSeq)
			}
			if _, ok := w.target(n); !ok {
				c.noteLabel = itoa(*c.notesSeq)
			}
		}
		*c.notesSeq++
	}
	switch n.DataAtom {
	case atom.Td, atom.Th, atom.Li, atom.Dd, atom.Dt:
		c.inCell = true
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		c.heading = int(n.Data[1] - '0')
	case atom.Header:
		c.inHead = c.inHead || c.inArticle && n != w.article
	}
	buf := inlineBuf{sc: &w.scratch, raw: w.scratch.take()}
	defer func() { w.scratch.give(buf.raw) }()
	if c.inLink {
		buf.inLink = 1
	}
	if t, ok := timeUnit(n); ok {
		// <time class="entry-date" datetime="…">: one line, whatever
		// spans its text is set in.
		buf.datetime = firstNonEmpty(attr(n, "datetime"), collapse(t))
		buf.text(t)
		w.flush(&buf, c)
		return
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		w.node(ch, &buf, c)
	}
	w.flush(&buf, c)
}

// timeUnit is the source text of a <time> element that holds one date, however
// its parts are marked up (<span>2025</span>-<span>04</span>, an <abbr>
// for the month): the date is its datetime attribute, else all of that
// text, never one part named "date-year" read as a line of its own. A
// <time> wrapped around more than a date (a whole entry) is walked as
// any element.
func timeUnit(n *html.Node) (string, bool) {
	if n.DataAtom != atom.Time {
		return "", false
	}
	t := textOf(n)
	if runeLen(collapse(t)) > 60 {
		return "", false
	}
	return t, true
}

// node adds a child of a block to the pending line, or walks it as a block.
func (w *walker) node(n *html.Node, buf *inlineBuf, c ctx) {
	switch n.Type {
	case html.TextNode:
		if c.keepLines && c.heading == 0 && strings.ContainsRune(n.Data, '\n') {
			// A line break the style sheet keeps ends the line, as <br> does.
			for i, line := range strings.Split(n.Data, "\n") {
				if i > 0 {
					w.flush(buf, c)
				}
				buf.text(line)
			}
			return
		}
		buf.text(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if unseen(n) {
		return
	}
	if n.DataAtom == atom.Br {
		if c.heading > 0 {
			// A heading set over two lines (「筐体<br>画面が…」) is one
			// heading: the break is the page's layout.
			buf.text("\u2028") // a space that stays between Japanese words
			return
		}
		w.flush(buf, c)
		return
	}
	if blockTags[n.DataAtom] && c.role == roleNone && c.inArticle && isSmallCaption(n) {
		w.flush(buf, c)
		c.role, c.own = roleCaption, roleCaption
		w.element(n, c)
		return
	}
	if blockTags[n.DataAtom] || n == w.article {
		// The article's element starts a line even when it is an inline
		// one (a wire story's <span id="articleText"> around its <p>s).
		w.flush(buf, c)
		c.inLink = c.inLink || buf.inLink > 0 // <a><div>次の記事の題</div></a>
		w.element(n, c)
		return
	}
	if l, ok := w.marker(n); ok {
		buf.marker(l)
		return
	}
	if l, ok := w.wrappedMarker(n); ok {
		// A marker's wrapper (<span class="footnote"><a href="#f1">*1</a></span>)
		// is the marker, not a note of its own.
		buf.marker(l)
		return
	}
	if isBacklink(n) {
		return
	}
	if c.role == roleNone && c.inArticle && isSmallCaption(n) {
		// <div><img …><small>写真の説明</small></div>: the picture's caption.
		w.flush(buf, c)
		c.role, c.own = roleCaption, roleCaption
		w.element(n, c)
		return
	}
	// An inline element the page names as a part (a byline span, an
	// update note) is a line of its own; but a link whose class only
	// says what it links to (class="searchLink", "keyword", "tag-link")
	// and that stands between words of a sentence is part of it:
	// 「ボルノ（<a class="searchLink">Borno</a>）州で」.
	if r, _ := w.classify(n, c.inArticle); (r != roleNone && r != roleDate || r == roleDate && attr(n, "class") != "") && !(r == roleChrome && inSentence(n)) && !(c.inEmbed && r == roleByline) {
		w.flush(buf, c)
		w.element(n, c)
		return
	}
	if t, ok := timeUnit(n); ok {
		if buf.datetime == "" {
			buf.datetime = firstNonEmpty(attr(n, "datetime"), collapse(t))
		}
		buf.text(t)
		return
	}
	if l, ok := w.target(n); ok && buf.noteLabel == "" {
		buf.noteLabel = l
	}
	if n.DataAtom == atom.A && attr(n, "href") != "" {
		buf.inLink++
		defer func() { buf.inLink-- }()
	}
	if n.DataAtom == atom.Strong || n.DataAtom == atom.B {
		buf.inBold++
		defer func() { buf.inBold-- }()
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		w.node(ch, buf, c)
	}
}

// isEmbed reports a box that quotes another site's post: an embedded
// tweet or Instagram post, an oEmbed card.
func isEmbed(ws []string) bool {
	for _, w := range ws {
		switch w {
		case "tweet", "twitter_tweet", "embed", "embedded", "oembed", "instagram_media", "bluesky_embed":
			return true
		}
	}
	return false
}

// isSmallCaption reports a <small> set after a picture as the only text
// of the picture's box, or a line a picture's link wraps with it
// (<a><picture>…</picture><p>写真の説明</p></a>, a portal's photo).
func isSmallCaption(n *html.Node) bool {
	if n.Parent == nil {
		return false
	}
	switch {
	case n.DataAtom == atom.Small:
	case n.Parent.DataAtom == atom.A && (n.DataAtom == atom.P || n.DataAtom == atom.Span || n.DataAtom == atom.Div):
		if runeLen(strings.TrimSpace(textOf(n))) > 200 {
			return false
		}
	default:
		return false
	}
	img := false
	for c := n.Parent.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c == n:
			if !img {
				return false
			}
		case c.Type == html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false
			}
		case c.Type == html.ElementNode:
			if c.DataAtom == atom.Img || c.DataAtom == atom.Picture || hasImg(c) {
				img = true
			} else if strings.TrimSpace(textOf(c)) != "" {
				return false
			}
		}
	}
	return img
}

// hasImg reports a picture inside n (a link around it, a <picture>).
func hasImg(n *html.Node) bool { return holdsElement(n, atom.Img) }

// inSentence reports an inline link with words of the running text
// right before or after it, inside the same element.
func inSentence(n *html.Node) bool {
	if n.DataAtom != atom.A {
		return false
	}
	for _, sib := range []*html.Node{n.PrevSibling, n.NextSibling} {
		if sib != nil && sib.Type == html.TextNode && strings.TrimSpace(sib.Data) != "" {
			return true
		}
	}
	return false
}

// marker reads a footnote marker: <sup>1</sup>, <sup><a href="#fn1">1</a></sup>,
// <a href="#note1">※1</a>.
func (w *walker) marker(n *html.Node) (string, bool) {
	switch n.DataAtom {
	case atom.Sup:
		return label(textOf(n))
	case atom.A:
		if id, ok := fragment(attr(n, "href")); ok {
			if _, ok := w.targets[id]; ok {
				return label(textOf(n))
			}
		}
	}
	return "", false
}

// wrappedMarker reads an inline element holding only a marker. Only
// short elements of the article are looked into: reading the text of
// every inline element would cost its depth over again.
func (w *walker) wrappedMarker(n *html.Node) (string, bool) {
	if r, counted := w.runes[n]; !counted || r > 12 || !holdsMarker(w, n) {
		return "", false
	}
	var b strings.Builder
	eachText(n, func(s string) { b.WriteString(s) }) // not the hidden tooltip beside it
	return label(b.String())
}

// targetInside returns the label of a note anchor within depth levels
// under n.
func (w *walker) targetInside(n *html.Node, depth int) (string, bool) {
	for c := n.FirstChild; c != nil && depth > 0; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if l, ok := w.target(c); ok {
			return l, true
		}
		if l, ok := w.targetInside(c, depth-1); ok {
			return l, true
		}
	}
	return "", false
}

// holdsMarker reports an element with a marker inside it.
func holdsMarker(w *walker, n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if _, ok := w.marker(c); ok || holdsMarker(w, c) {
				return true
			}
		}
	}
	return false
}

// target returns the label of the note n is, by its id or, in older
// markup, the name of its anchor (<a name="f01">).
func (w *walker) target(n *html.Node) (string, bool) {
	for _, key := range []string{"id", "name"} {
		if v := attr(n, key); v != "" {
			if l, ok := w.targets[v]; ok {
				return l, true
			}
		}
	}
	return "", false
}

// fragment returns the id a link jumps to on the same page: "#f1", or
// "./entry.html#f1" as diaries write their own page's address; not a
// fragment of another site's page.
func fragment(href string) (string, bool) {
	path, id, ok := strings.Cut(href, "#")
	if !ok || id == "" || strings.Contains(path, "://") || strings.HasPrefix(path, "//") {
		return "", false
	}
	return id, true
}

// isBacklink reports the arrows a note links back to its marker with,
// and the permalink signs a heading links to itself with.
func isBacklink(n *html.Node) bool {
	if n.DataAtom != atom.A || !strings.HasPrefix(attr(n, "href"), "#") {
		return false
	}
	switch strings.TrimSpace(textOf(n)) {
	case "↩", "↩︎", "↑", "^", "戻る", "本文へ戻る", "[戻る]", "▲", "¶", "#", "§", "🔗":
		return true
	}
	for _, word := range words(n) {
		if word == "backref" || word == "footnote_backref" || word == "backlink" {
			return true
		}
	}
	return false
}

// flush ends the pending line as a block.
func (w *walker) flush(buf *inlineBuf, c ctx) {
	text, refs := buf.finish()
	if text == "" {
		buf.reset()
		return
	}
	label := firstNonEmpty(buf.noteLabel, c.noteLabel)
	linkOnly := buf.linkRunes*10 >= runeLen(squash(text))*9
	bold := buf.boldRunes*10 >= runeLen(squash(text))*9
	w.blocks = append(w.blocks, block{linkOnly: linkOnly, linkRunes: buf.linkRunes, bold: bold, inCell: c.inCell,
		text: text, refs: refs, heading: c.heading, role: c.role, reason: c.reason, own: c.own,
		inArticle: c.inArticle, inHead: c.inHead, noteLabel: label, datetime: buf.datetime, line: len(w.blocks) + 1,
	})
	buf.reset()
}

// inlineBuf gathers a line's text as the source writes it, with the
// positions of its footnote markers.
type inlineBuf struct {
	raw       []rune
	inLink    int // the depth of <a> elements the text stands in
	linkRunes int // how much of raw stands in links, white space aside
	inBold    int // the depth of <strong>/<b> elements the text stands in
	boldRunes int // how much of raw stands in them
	marks     []mark
	datetime  string
	noteLabel string
	// Scratch space finish reuses from line to line, the walker's for
	// the whole page (nil: finish allocates its own).
	sc *scratch
}

// scratch is the space a walk reuses for its lines: the collapsed text
// and the offsets of finish, and the pending lines of the elements being
// walked, one a level.
type scratch struct {
	out  []rune
	pos  []int
	raws [][]rune
}

// take hands out a pending line's space; give returns it.
func (s *scratch) take() []rune {
	if n := len(s.raws); n > 0 {
		r := s.raws[n-1]
		s.raws = s.raws[:n-1]
		return r[:0]
	}
	return nil
}

func (s *scratch) give(r []rune) { s.raws = append(s.raws, r) }

type mark struct {
	at    int // index into raw
	label string
}

func (b *inlineBuf) text(s string) {
	for _, r := range s {
		b.raw = append(b.raw, r)
	}
	if b.inLink > 0 {
		b.linkRunes += runeLen(squash(s))
	}
	if b.inBold > 0 {
		b.boldRunes += runeLen(squash(s))
	}
}
func (b *inlineBuf) marker(label string) {
	b.marks = append(b.marks, mark{len(b.raw), label})
}
func (b *inlineBuf) reset() {
	*b = inlineBuf{inLink: b.inLink, inBold: b.inBold, raw: b.raw[:0], marks: b.marks[:0], sc: b.sc}
}

// finish collapses the source's white space (a run of spaces and line
// breaks reads as one space; one that breaks the source between two
// Japanese characters reads as none) and trims the line, keeping each
// marker's offset in code points of the result.
func (b *inlineBuf) finish() (string, []doc.FootnoteRef) {
	sc := b.sc
	if sc == nil {
		sc = &scratch{}
	}
	out := sc.out[:0]
	if cap(sc.pos) < len(b.raw)+1 {
		sc.pos = make([]int, len(b.raw)+1)
	}
	pos := sc.pos[:len(b.raw)+1] // raw index → out index
	for i := 0; i < len(b.raw); {
		r := b.raw[i]
		if !isCollapsible(r) {
			pos[i] = len(out)
			if r == '\u00a0' {
				r = ' '
			}
			out = append(out, r)
			i++
			continue
		}
		j, newline, hard := i, false, false
		for j < len(b.raw) && isCollapsible(b.raw[j]) {
			newline = newline || b.raw[j] == '\n' || b.raw[j] == '\r'
			hard = hard || b.raw[j] == '\u2028'
			pos[j] = len(out)
			j++
		}
		prevJP := len(out) > 0 && isJP(out[len(out)-1])
		nextJP := j < len(b.raw) && isJP(b.raw[j])
		if len(out) > 0 && j < len(b.raw) && (hard || !(newline && prevJP && nextJP)) {
			out = append(out, ' ')
		}
		i = j
	}
	pos[len(b.raw)] = len(out)
	sc.out = out
	// Trim, including the ideographic space of an indented first line.
	start, end := 0, len(out)
	for start < end && unicode.IsSpace(out[start]) {
		start++
	}
	for end > start && unicode.IsSpace(out[end-1]) {
		end--
	}
	var refs []doc.FootnoteRef
	for _, m := range b.marks {
		off := min(max(pos[m.at]-start, 0), end-start)
		refs = append(refs, doc.FootnoteRef{Label: m.label, Offset: off})
	}
	return string(out[start:end]), refs
}

// isCollapsible reports white space a browser collapses; U+2028 is the
// break of a heading's <br>, which reads as a space.
func isCollapsible(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u2028'
}

// isJP reports Japanese script and full-width punctuation.
func isJP(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef || r == 'ー'
}

// collapse squeezes white space the way a browser shows it.
func collapse(s string) string {
	var b inlineBuf
	b.text(s)
	t, _ := b.finish()
	return t
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for ; n > 0; n /= 10 {
		d = append([]byte{byte('0' + n%10)}, d...)
	}
	return string(d)
}

func atoiDefault(s string, def int) int {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return def
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// hasAttr reports whether n carries the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
