package htmldoc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// minArticleRunes is the least text an article has: below it the page is
// an index, a login wall or an empty shell.
const minArticleRunes = 40

// markedArticleRunes is the prose the element the markup names must hold
// to be taken as the article without readability: a short story's.
const markedArticleRunes = 200

// locateArticle returns the element of the original page that holds the
// article, and readability's reading of the page. Readability returns a
// cleaned copy of the article; the original element is the smallest one
// holding nine tenths of the copy's text, widened to the enclosing
// <article> so that the article's header (title, byline, lead photo)
// comes with it.
func locateArticle(root *html.Node, m *meta) (*html.Node, *readability.Article) {
	// Where the markup names the article's body (one
	// itemprop=articleBody, or the page's one <article>) and it holds a
	// story's worth of prose, that is the article: readability would
	// find it too, after copying the page twice.
	var best *html.Node
	var art *readability.Article
	if e := m.markedArticle(); e != nil && prose(e) >= markedArticleRunes {
		best = e
	} else {
		best, art = readabilityElement(root)
	}
	// The head's description is most often the article's first sentence:
	// an element readability chose that does not hold it (a footer's
	// list of services, a blog's header, a link card) is not the article.
	if best != nil && isNameOnly(best, m) {
		best = nil // a blog's name in its header, chosen for want of text
	}
	if lead := leadNode(root, m.leads); lead != nil && (best == nil || !holds(best, lead)) {
		// The lead under the page's headline wins over an element with no
		// headline (a sidebar's story chosen over a short news item);
		// otherwise readability's element wins when it holds far more
		// prose: then the description repeats a teaser set apart.
		if h := headlineAbove(lead); h != nil && best != nil && !hasH1(best) {
			// A body with far more prose than the headline's box is the
			// story the headline heads (a TV site's hero header, the
			// body after it): both, in the box that holds them, when
			// that box adds little else.
			if c := commonAncestor(h, best); c != nil && prose(best) >= 3*prose(h) && c.DataAtom != atom.Body && c.DataAtom != atom.Html && 2*prose(c) <= 3*(prose(best)+prose(h)) {
				best = c
			} else {
				best = h
			}
		} else if c := leadContainer(lead); c != nil && (best == nil || prose(best) < 3*prose(c)) {
			best = c
		}
	}
	if best == nil {
		return fallbackArticle(root), art
	}
	if best.DataAtom == atom.P && best.Parent != nil && (childParagraphs(best.Parent) >= 3 || 2*prose(best.Parent) < 3*prose(best)) {
		// One paragraph is never the article when its siblings are
		// paragraphs too, nor when the box around it adds little text
		// (a tabloid's story in one <p class="full-text"> of <br>-set
		// lines, its deck and photo beside it): the box is.
		best = best.Parent
	}
	for p := best; p != nil; p = p.Parent {
		if p.DataAtom == atom.Article || hasItemprop(p, "articleBody") && p.Parent != nil && p.Parent.DataAtom == atom.Article {
			return p, art
		}
	}
	return best, art
}

// childParagraphs counts n's child <p> elements that hold text.
func childParagraphs(n *html.Node) int {
	count := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.P && strings.TrimSpace(textOf(c)) != "" {
			count++
		}
	}
	return count
}

// readabilityElement returns the element of the original page that holds
// nine tenths of readability's article, and readability's reading.
func readabilityElement(root *html.Node) (*html.Node, *readability.Article) {
	parser := readability.NewParser()
	// Readability runs up to four passes over a copy of the page while
	// the article it finds is under CharThresholds characters, 500 by
	// default: a measure of English text. Japanese says as much in about
	// a third of the characters, so a short news story (200 characters
	// and more) is found on the first pass, not after three more.
	parser.CharThresholds = 200
	art, err := parser.ParseDocument(root, nil)
	if err != nil || art.Node == nil {
		return nil, nil
	}
	// Text nodes, not elements, are compared: readability keeps the text
	// but rewrites the elements around it (<div>s become <p>s, <br>
	// runs split paragraphs, links are unwrapped).
	kept := map[string]int{}
	total := 0
	eachText(art.Node, func(k string) {
		kept[k] += runeLen(k)
		total += runeLen(k)
	})
	if total < minArticleRunes {
		return nil, &art
	}
	// The deepest original element holding nine tenths of the kept text,
	// each element's sum taken from its children's in one pass (adding
	// each text to all its ancestors costs depth × page).
	var best *html.Node
	bestDepth := -1
	var visit func(n *html.Node, d int) int
	visit = func(n *html.Node, d int) int {
		if n.Type == html.ElementNode && unseen(n) {
			return 0
		}
		if n.Type == html.TextNode {
			if k := squash(n.Data); kept[k] > 0 {
				return runeLen(k)
			}
			return 0
		}
		sum := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			sum += visit(c, d+1)
		}
		if n.Type == html.ElementNode && sum*10 >= total*9 && d > bestDepth {
			best, bestDepth = n, d
		}
		return sum
	}
	visit(root, 0)
	return best, &art
}

// headlineAbove returns the element a few levels above the lead that
// holds the page's <h1> with it; for the article's <header>, the element
// holding the header and the body after it.
func headlineAbove(lead *html.Node) *html.Node {
	p := lead.Parent
	for i := 0; p != nil && i < 4 && p.DataAtom != atom.Body; i, p = i+1, p.Parent {
		if p.Type == html.ElementNode && hasH1(p) {
			if p.DataAtom == atom.Header && p.Parent != nil && p.Parent.DataAtom != atom.Body {
				return p.Parent
			}
			return p
		}
	}
	return nil
}

// commonAncestor is the nearest element holding both a and b.
func commonAncestor(a, b *html.Node) *html.Node {
	seen := map[*html.Node]bool{}
	for p := a; p != nil; p = p.Parent {
		seen[p] = true
	}
	for p := b; p != nil; p = p.Parent {
		if seen[p] {
			return p
		}
	}
	return nil
}

// fallbackArticle picks the page's semantic container when readability
// finds nothing: <article>, [itemprop=articleBody], <main>, [role=main].
func fallbackArticle(root *html.Node) *html.Node {
	var article, main *html.Node
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case article == nil && (n.DataAtom == atom.Article || hasItemprop(n, "articleBody")):
				article = n
			case main == nil && (n.DataAtom == atom.Main || attr(n, "role") == "main"):
				main = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
	for _, n := range []*html.Node{article, main} {
		if n != nil && runeLen(squash(textOf(n))) >= minArticleRunes {
			return n
		}
	}
	return nil
}

func hasItemprop(n *html.Node, v string) bool {
	return strings.Contains(" "+attr(n, "itemprop")+" ", " "+v+" ")
}

// eachText calls fn with every non-blank text node under n, squashed.
func eachText(n *html.Node, fn func(string)) {
	if n.Type == html.ElementNode && unseen(n) {
		return
	}
	if n.Type == html.TextNode {
		if k := squash(n.Data); k != "" {
			fn(k)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		eachText(c, fn)
	}
}

// squash drops all white space, so that a text compares equal however the
// markup broke its lines.
func squash(s string) string {
	i := strings.IndexFunc(s, isFieldSpace)
	if i < 0 {
		return s // most text has no white space to drop: no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if !isFieldSpace(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isFieldSpace is the white space strings.Fields splits at.
func isFieldSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f'
	}
	return unicode.IsSpace(r)
}

// isNameOnly reports an element whose text is only the site's name or
// the page's title.
func isNameOnly(n *html.Node, m *meta) bool {
	text := strings.ToLower(squash(textOf(n)))
	if text == "" {
		return false
	}
	for _, name := range append(append([]string{m.pageTitle}, m.publishers...), m.titles...) {
		name = strings.ToLower(squash(name))
		if name != "" && strings.ReplaceAll(text, name, "") == "" {
			return true
		}
	}
	return false
}

// prose counts the runes of n's text outside links and chrome.
func prose(n *html.Node) int {
	p, _ := proseAndOther(n)
	return p
}
