package htmldoc

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// role is what an element is to the article, read from its tag, ARIA role,
// class and id: the words sites use for the same parts everywhere.
type role int

const (
	roleNone       role = iota
	roleChrome          // navigation, share buttons, related links … (reason says which)
	roleNotes           // a list or box of footnote bodies
	roleNote            // one note beside the text (<aside class="note">)
	roleProfile         // a box about the author
	roleDisclaimer      // the publisher's disclaimer
	roleSubtitle        // the title's subtitle or deck
	roleByline          // the author credit
	roleCaption         // a figure caption outside <figcaption>
	roleDate            // the dateline
	roleCategory        // the article's category label
	roleSeries          // the column's or series' name over the headline
)

// Class and id words, matched against each hyphen- or underscore-separated
// part of a class or id ("share-buttons" → "share"). They are looked up in
// sets, not matched by regular expressions: every element of the page is
// classified, some more than once, and a lookup is what a page of a
// hundred thousand elements can afford.
var (
	chromeWords = wordSet(`nav navi navbar navigation gnav menu menubar breadcrumb breadcrumbs topicpath pankuzu share sharing sharedaddy sns social related recommend recommended ranking popular pickup tag tags tag_list taglist keywords ad ads adsense advert advertisement banner sponsor promo pr comment comments respond pagination pager pagenav widget widgets sidebar side subcontent footer site_footer copyright header masthead site_header login signup newsletter subscribe paywall regist registbox search toc print download pdf_link post_navigation prevnext cookie modal lang_switch backnumber sns_buttons amazlet asin affiliate buy buybox kaerebalink booklink rinker yyi_rinker btn buttons toolbar articletool articletools consent like likes reaction reactions follow reblog support paging player poster discussion keyword theme themes`)
	// Not "fn": hCard's formatted name (class="fn") is an author's.
	notesWords      = wordSet(`footnotes footnote endnotes endnote notes footnote_list notes_list references 註 脚注`)
	noteWords       = wordSet(`note footnote_body sidenote marginnote annotation kome`)
	profileWords    = wordSet(`profile author_profile authorprofile author_box authorbox author_info authorinfo about_author bio author_bio writer_profile writer contributor`)
	disclaimerWords = wordSet(`disclaimer caution notice menseki`)
	subtitleWords   = wordSet(`subtitle sub_title subhead subheading sub_head sub_heading subheadline deck dek standfirst kicker_sub title_sub header_lead midashi komidashi chumidashi chuumidashi midasi`)
	bylineWords     = wordSet(`byline author authors author_name writer_name by`)
	captionWords    = wordSet(`caption wp_caption_text figure_caption photo_caption img_caption credit cap_txt cap_text photo_cap img_cap`)
	dateWords       = wordSet(`date dateline pubdate published post_date entry_date timestamp updated`)
	seriesWords     = wordSet(`series series_name series_title seriesname seriestitle rensai rensai_name serial corner corner_name cornername column_name columnname column_title columntitle feature_name`)
	categoryWords   = wordSet(`category cat post_cat genre kicker section_name rubric themes entry_themes`)
	// partWords are the article parts, the more specific first: they win
	// over chrome words ("author-profile" is a profile although "author"
	// alone would be a byline).
	partWords = []struct {
		words map[string]bool
		r     role
	}{
		{notesWords, roleNotes}, {noteWords, roleNote}, {profileWords, roleProfile}, {disclaimerWords, roleDisclaimer},
		{subtitleWords, roleSubtitle}, {captionWords, roleCaption}, {bylineWords, roleByline}, {dateWords, roleDate}, {seriesWords, roleSeries}, {categoryWords, roleCategory},
	}
)

// pictureWords name a picture's box, which a "related" in the same class
// (「related-photo」) does not turn into links.
var pictureWords = wordSet(`photo photos image images img picture figure media gallery`)

func wordSet(list string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(list) {
		set[w] = true
	}
	return set
}

// chromeReasons names the removed line's reason by the word that matched.
var chromeReasons = map[string]string{
	"share": "share", "sharing": "share", "sharedaddy": "share", "sns": "share", "social": "share", "sns_buttons": "share", "print": "share", "articletool": "share", "articletools": "share",
	"related": "related", "recommend": "related", "recommended": "related", "ranking": "related", "popular": "related", "pickup": "related",
	"tag": "tags", "tags": "tags", "tag_list": "tags", "taglist": "tags", "keywords": "tags",
	"breadcrumb": "breadcrumb", "breadcrumbs": "breadcrumb", "topicpath": "breadcrumb", "pankuzu": "breadcrumb",
	"ad": "ad", "ads": "ad", "adsense": "ad", "advert": "ad", "advertisement": "ad", "banner": "ad", "sponsor": "ad", "promo": "ad", "pr": "ad",
	"amazlet": "ad", "asin": "ad", "affiliate": "ad", "buy": "ad", "buybox": "ad", "kaerebalink": "ad", "booklink": "ad", "rinker": "ad", "yyi_rinker": "ad",
	"comment": "comments", "comments": "comments", "respond": "comments",
	"footer": "footer", "site_footer": "footer", "copyright": "footer",
	"header": "header", "masthead": "header", "site_header": "header",
	"sidebar": "sidebar", "side": "sidebar", "widget": "sidebar", "widgets": "sidebar", "subcontent": "sidebar",
	"like": "share", "likes": "share", "reaction": "share", "reactions": "share", "follow": "share", "reblog": "share", "support": "chrome",
	"paging": "pager", "pager": "pager", "pagination": "pager", "player": "video", "poster": "video", "discussion": "comments", "keyword": "tags", "theme": "tags", "themes": "tags",
	"paywall": "paywall", "login": "chrome", "signup": "chrome", "subscribe": "chrome", "newsletter": "chrome",
}

// words splits an element's class and id into their parts. An id that
// ends in a number ("toc_1", "section-3") is an anchor a link jumps to,
// not the name of a part of the page, and says nothing.
func words(n *html.Node) []string {
	var out []string
	for _, key := range []string{"class", "id"} {
		for _, f := range strings.Fields(attr(n, key)) {
			out = append(out, camelParts(f)...)
			f = strings.ToLower(f)
			if key == "id" && endsInNumber(f) {
				continue
			}
			out = append(out, strings.ReplaceAll(f, "-", "_"))
			if i := strings.LastIndex(f, "__"); i > 0 {
				// A BEM element and its modifier's name: "release--sub_title",
				// "column-header__lead" → header_lead.
				block := f[:i]
				if j := strings.LastIndexAny(block, "-_"); j >= 0 {
					block = block[j+1:]
				}
				out = append(out, block+"_"+strings.ReplaceAll(f[i+2:], "-", "_"))
			}
			if i := strings.Index(f, "--"); i > 0 {
				out = append(out, strings.ReplaceAll(f[i+2:], "-", "_"))
			}
			for _, p := range strings.FieldsFunc(f, func(r rune) bool { return r == '-' || r == '_' }) {
				out = append(out, p)
			}
		}
	}
	return out
}

// camelWords are the parts of the camel-case words after a class's
// first hyphen or underscore, as BEM and CSS-module names write them
// ("o-noteLikeV3" → note, like; "skin-entryThemes" → entry, themes).
// They tell chrome only: "note" in "o-noteContentHeader" names the
// platform, not a footnote.
func camelWords(n *html.Node) []string {
	var out []string
	class := attr(n, "class")
	if !hasUpper(class) {
		return nil // most classes are lower case: nothing to split
	}
	for _, f := range strings.Fields(class) {
		i := strings.IndexAny(f, "-_")
		if i < 0 || !hasUpper(f[i+1:]) {
			continue
		}
		for _, p := range strings.FieldsFunc(f[i+1:], func(r rune) bool { return r == '-' || r == '_' }) {
			out = append(out, camelParts(p)...)
		}
	}
	return out
}

// camelParts splits the class names styled components write
// ("ConsentBannerWrapper-fxHHQZ" → consent, banner, wrapper); a name with
// no capital after a small letter gives none.
func camelParts(f string) []string {
	f, _, _ = strings.Cut(f, "-")
	var out []string
	start := 0
	for i := 1; i < len(f); i++ {
		if f[i] >= 'A' && f[i] <= 'Z' && f[i-1] >= 'a' && f[i-1] <= 'z' {
			out = append(out, strings.ToLower(f[start:i]))
			start = i
		}
	}
	if start == 0 {
		return nil
	}
	out = append(out, strings.ToLower(f[start:]))
	// A compound names its element by its head and what leads it:
	// 「shareButtons」「articleShare」 are share bars, but a chrome word
	// inside it (「highLightSearchTarget」, the text a search's hits are
	// marked in) only says what the element serves.
	for i := len(out) - 2; i > 0; i-- {
		if chromeWords[out[i]] {
			out = append(out[:i], out[i+1:]...)
		}
	}
	return out
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// classify says what n is, and for chrome why it goes. Inside the
// article, header and footer elements are the article's own (title,
// byline, tags), so only their chrome-named children go.
func classify(n *html.Node, inArticle bool) (role, string) {
	return classifyBy(n, words(n), inArticle)
}

// classifyBy is classify with n's words already split (the walker splits
// each element's once).
func classifyBy(n *html.Node, ws []string, inArticle bool) (role, string) {
	switch n.DataAtom {
	case atom.Nav:
		return roleChrome, "navigation"
	case atom.Form, atom.Button, atom.Select, atom.Input, atom.Textarea:
		return roleChrome, "chrome"
	case atom.Header:
		if !inArticle {
			return roleChrome, "header"
		}
	case atom.Footer:
		if !inArticle {
			return roleChrome, "footer"
		}
	case atom.Figcaption:
		return roleCaption, ""
	case atom.Time:
		return roleDate, ""
	}
	switch strings.ToLower(attr(n, "role")) {
	case "navigation", "banner", "search", "complementary":
		return roleChrome, "navigation"
	case "contentinfo":
		return roleChrome, "footer"
	case "doc-endnotes", "doc-footnotes":
		return roleNotes, ""
	case "doc-footnote", "note":
		return roleNote, ""
	}
	if strings.Contains(strings.ToLower(attr(n, "rel")), "author") {
		return roleByline, ""
	}
	for _, part := range partWords {
		for _, w := range ws {
			if part.words[w] {
				return part.r, ""
			}
		}
	}
	for _, w := range ws {
		if isSubheadClass(w) {
			return roleSubtitle, ""
		}
	}
	if camel := camelWords(n); len(camel) > 0 {
		ws = append(slices.Clip(ws), camel...)
	}
	picture := false
	for _, w := range ws {
		picture = picture || pictureWords[w]
	}
	for _, w := range ws {
		if inArticle && (w == "header" || w == "footer" || w == "masthead") {
			continue // the article's own header and footer
		}
		if picture && (w == "related" || w == "pr") {
			continue // 「related-photo」: the story's own picture, not links
		}
		if chromeWords[w] {
			if r, ok := chromeReasons[w]; ok {
				return roleChrome, r
			}
			return roleChrome, "chrome"
		}
	}
	if n.DataAtom == atom.Aside && !inArticle {
		return roleChrome, "sidebar"
	}
	return roleNone, ""
}

// isSubheadClass reports a class that names a headline set between the
// paragraphs, whatever it is prefixed with: "article-middle-headline",
// "entry_sub_headline".
func isSubheadClass(w string) bool {
	for _, suffix := range []string{"middle_headline", "mid_headline", "sub_headline", "inner_headline"} {
		if strings.HasSuffix(w, suffix) && (len(w) == len(suffix) || w[len(w)-len(suffix)-1] == '_') {
			return true
		}
	}
	return false
}

func endsInNumber(s string) bool {
	i := strings.LastIndexAny(s, "-_")
	if i < 0 || i == len(s)-1 {
		return false
	}
	for _, r := range s[i+1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
