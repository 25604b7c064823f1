package htmldoc

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// leadRunes is how much of a description is looked for in the page: its
// opening, since descriptions are cut short with an ellipsis.
const leadRunes = 20

// leadNode returns the text node of the page's body where one of the
// descriptions begins, or nil when none of them is found.
func leadNode(root *html.Node, leads []string) *html.Node {
	var keys []string
	for _, l := range leads {
		k := []rune(squash(strings.TrimRight(strings.TrimSpace(l), "…. ")))
		if len(k) >= 8 {
			keys = append(keys, string(k[:min(len(k), leadRunes)]))
		}
	}
	if len(keys) == 0 {
		return nil
	}
	// The body's text squashed into one string, with where each text node
	// starts in it: a description runs across links and line breaks.
	var all strings.Builder
	type span struct {
		at   int
		node *html.Node
	}
	var spans []span
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode && unseen(n) {
			return
		}
		if n.Type == html.TextNode {
			if k := squash(n.Data); k != "" {
				spans = append(spans, span{all.Len(), n})
				all.WriteString(k)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(body(root))
	text := all.String()
	for _, k := range keys {
		for from := 0; ; {
			i := strings.Index(text[from:], k)
			if i < 0 {
				break
			}
			i += from
			from = i + len(k)
			// The last text node starting at or before i.
			lo, hi := 0, len(spans)-1
			for lo < hi {
				mid := (lo + hi + 1) / 2
				if spans[mid].at <= i {
					lo = mid
				} else {
					hi = mid - 1
				}
			}
			if n := spans[lo].node; inBody(n) {
				return n
			}
		}
	}
	return nil
}

// inBody reports a text node that stands in running text: not in a
// heading (a description often repeats the headline), a link (a teaser
// of another article) or chrome.
func inBody(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		switch p.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.A, atom.Title:
			return false
		}
		if p.DataAtom == atom.Header && hasH1(p) {
			continue // the article's header (headline, lead, dateline) above its body
		}
		if r, _ := classify(p, false); r == roleChrome {
			return false
		}
	}
	return true
}

// hasH1 reports an element holding an <h1>.
func hasH1(n *html.Node) bool { return holdsElement(n, atom.H1) }

// holdsElement reports an element of kind a anywhere inside n.
func holdsElement(n *html.Node, a atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == a || holdsElement(c, a)) {
			return true
		}
	}
	return false
}

// leadContainer returns the ancestor of the lead that best holds an
// article: the most text that is neither links nor chrome, less the text
// that is. Climbing past the article takes in navigation, related links
// and footers, which count against it.
func leadContainer(lead *html.Node) *html.Node {
	var best *html.Node
	bestScore := 0
	// Each ancestor's counts are its child's on the way up plus those of
	// its other children: every node is counted once, however deep the
	// lead stands (counting each ancestor afresh costs depth × page).
	prose, other := 0, 0
	child := lead
	for p := lead.Parent; p != nil && p.DataAtom != atom.Body && p.DataAtom != atom.Html; child, p = p, p.Parent {
		if child == lead {
			prose, other = proseAndOther(lead)
		}
		for c := p.FirstChild; c != nil; c = c.NextSibling {
			if c != child {
				cp, co := proseAndOther(c)
				prose, other = prose+cp, other+co
			}
		}
		if p.Type == html.ElementNode && !unseen(p) && isOut(p) {
			prose, other = 0, prose+other
		}
		if s := prose - other; best == nil || s > bestScore {
			best, bestScore = p, s
		}
	}
	return best
}

// isOut reports an element whose text is not prose: a link, or chrome.
func isOut(n *html.Node) bool {
	if n.DataAtom == atom.A {
		return true
	}
	r, _ := classify(n, false)
	return r == roleChrome
}

// proseAndOther counts the runes of n's text outside links and chrome, and
// inside them.
func proseAndOther(n *html.Node) (prose, other int) {
	var visit func(*html.Node, bool)
	visit = func(n *html.Node, out bool) {
		switch n.Type {
		case html.TextNode:
			k := runeLen(squash(n.Data))
			if out {
				other += k
			} else {
				prose += k
			}
			return
		case html.ElementNode:
			if unseen(n) {
				return
			}
			out = out || isOut(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, out)
		}
	}
	visit(n, false)
	return prose, other
}

// holds reports whether n lies inside a.
func holds(a, n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}
