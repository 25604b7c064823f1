package htmldoc

import (
	"strings"

	"golang.org/x/net/html"
)

// addLineClasses adds the classes of the rules in css whose text keeps
// its line breaks (white-space: pre-wrap, pre-line or pre). A portal
// that sets a story as one <p> of lines split by blank lines
// (「…明らかにした。\n\n会見では…」) shows them as paragraphs only through
// that rule, so the breaks are the page's, not the source's. For
// 「.a .b, p.c{white-space:pre-wrap}」 they are b and c: the class an
// element's own selector names, not its ancestors'.
func addLineClasses(css string, set map[string]bool) {
	for {
		i := strings.Index(css, "white-space")
		if i < 0 {
			return
		}
		open := strings.LastIndexByte(css[:i], '{')
		end := strings.IndexByte(css[i:], '}')
		if open < 0 || end < 0 {
			return
		}
		value := strings.TrimLeft(css[i+len("white-space"):i+end], " \t\n\r:")
		if strings.HasPrefix(value, "pre") {
			sel := css[max(strings.LastIndexAny(css[:open], "{}")+1, 0):open]
			for _, s := range strings.Split(sel, ",") {
				f := strings.Fields(s)
				if len(f) == 0 {
					continue
				}
				last := f[len(f)-1]
				if j := strings.LastIndexByte(last, '.'); j >= 0 {
					name := last[j+1:]
					if k := strings.IndexAny(name, ":[>+~"); k >= 0 {
						name = name[:k]
					}
					if name != "" {
						set[name] = true
					}
				}
			}
		}
		css = css[i+end:]
	}
}

// keepsLines reports an element whose text keeps its line breaks, by a
// class the style sheets name or its own style attribute.
func keepsLines(n *html.Node, classes map[string]bool) bool {
	if s := attr(n, "style"); s != "" && strings.Contains(strings.ReplaceAll(s, " ", ""), "white-space:pre") {
		return true
	}
	if len(classes) == 0 {
		return false
	}
	for _, c := range strings.Fields(attr(n, "class")) {
		if classes[c] {
			return true
		}
	}
	return false
}
