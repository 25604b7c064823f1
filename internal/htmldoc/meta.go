package htmldoc

import (
	"encoding/json"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // region zones on machines without a zoneinfo database

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/recog"
)

// meta is what a page's head states about the article: JSON-LD, Open
// Graph, citation_* and plain <meta> tags, <title> and <link rel=canonical>.
// Each field holds candidates best first.
type meta struct {
	titles     []string
	authors    []doc.Author
	published  []string // RFC 3339 or YYYY-MM-DD
	modified   []string
	publishers []string
	// ldPublishers are JSON-LD's publisher names, put after the tags'.
	ldPublishers []string
	urls         []string
	keywords     []string
	lineClasses  map[string]bool // classes the style sheets keep line breaks in
	bodies       []*html.Node    // the elements marked itemprop=articleBody
	articles     []*html.Node    // the <article> elements
	sections     []string
	crumbs       []string // the sections JSON-LD's BreadcrumbList names
	// outlets are the organisations JSON-LD credits as the author: an
	// agency, the outlet a portal carries, the site itself.
	outlets []string
	leads   []string // descriptions: usually the article's first sentence
	lang    string
	locale  string // og:locale
	// siteTitles are head titles that only name the site: the last part
	// of the <title> (an og:title 「岩見沢市ホームページ」 on every page).
	siteTitles []string
	// ldPersons are the names JSON-LD types as a Person: a writer even
	// when the footer's copyright names them too (a personal newsletter).
	ldPersons map[string]bool
	// logos are the alt texts of the site's logo: an image named a logo,
	// or the image of a link to the site's top page.
	logos     []string
	pageTitle string // <title>
}

// readMeta collects the metadata of the page rooted at root.
func readMeta(root *html.Node) *meta {
	m := &meta{}
	var metaTags = map[string]string{}
	metaAll := map[string][]string{} // every value of a key: pages repeat <meta name="author">
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if hasItemprop(n, "articleBody") {
				m.bodies = append(m.bodies, n)
			}
			switch n.DataAtom {
			case atom.Article:
				m.articles = append(m.articles, n)
			case atom.Html:
				m.lang = attr(n, "lang")
			case atom.Title:
				if m.pageTitle == "" {
					m.pageTitle = collapse(textOf(n))
				}
			case atom.Meta:
				key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				// Some templates (and pages saved through DOM tools) write
				// the value in value= rather than content=.
				if v := strings.TrimSpace(firstNonEmpty(attr(n, "content"), attr(n, "value"))); key != "" && v != "" {
					if _, seen := metaTags[key]; !seen {
						metaTags[key] = v
					}
					metaAll[key] = append(metaAll[key], v)
				}
			case atom.Img:
				if alt := collapse(attr(n, "alt")); alt != "" && runeLen(alt) <= 30 && isLogo(n) {
					m.logos = append(m.logos, alt)
				}
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && attr(n, "href") != "" {
					m.urls = append(m.urls, attr(n, "href"))
				}
			case atom.Script:
				if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") {
					m.readJSONLD(textOf(n))
				}
				return
			case atom.Style:
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.TextNode && strings.Contains(c.Data, "white-space") {
						if m.lineClasses == nil {
							m.lineClasses = map[string]bool{}
						}
						addLineClasses(c.Data, m.lineClasses)
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
	add := func(dst *[]string, keys ...string) {
		for _, k := range keys {
			if v := metaTags[k]; v != "" {
				*dst = append(*dst, v)
			}
		}
	}
	add(&m.titles, "og:title", "citation_title", "twitter:title", "dc.title")
	if last := lastTitlePart(m.pageTitle); last != "" && collapse(m.pageTitle) != last {
		titles := m.titles[:0]
		for _, t := range m.titles {
			if collapse(t) == last {
				m.siteTitles = append(m.siteTitles, last)
				continue
			}
			titles = append(titles, t)
		}
		m.titles = titles
	}
	add(&m.published, "article:published_time", "citation_publication_date", "citation_date", "dc.date", "date", "pubdate", "publishdate", "og:published_time")
	add(&m.modified, "article:modified_time", "og:updated_time", "dc.date.modified", "lastmod")
	add(&m.publishers, "og:site_name", "citation_publisher", "dc.publisher", "application-name")
	m.publishers = append(m.publishers, m.ldPublishers...)
	for _, p := range m.publishers {
		if n := rePoweredBy.FindStringSubmatch(p); n != nil {
			// The blog's own name, which its skin's heading shows.
			m.publishers = append(m.publishers, n[1])
			break
		}
	}
	m.locale = metaTags["og:locale"]
	add(&m.urls, "og:url")
	add(&m.sections, "article:section")
	add(&m.leads, "og:description", "description", "twitter:description")
	for _, k := range []string{"author", "citation_author", "dc.creator", "article:author", "cxenseparse:author", "parsely-author"} {
		for _, v := range metaAll[k] {
			if strings.HasPrefix(v, "http") {
				continue
			}
			for _, name := range splitList(v) {
				if !isOrganization(name, metaTags["copyright"]) {
					m.authors = appendAuthor(m.authors, doc.Author{Name: name})
				}
			}
		}
	}
	if v := metaTags["keywords"]; v != "" && len(m.keywords) == 0 {
		m.keywords = splitList(v)
	}
	return m
}

// isLogo reports an image that is the site's logo: one its file, id or
// class names a logo, or the image of a link to the site's top page.
func isLogo(img *html.Node) bool {
	for _, k := range []string{"src", "id", "class"} {
		if strings.Contains(strings.ToLower(attr(img, k)), "logo") {
			return true
		}
	}
	for p := img.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
		if p.DataAtom == atom.A {
			return isTopPage(attr(p, "href"))
		}
	}
	return false
}

// isTopPage reports a link to a site's top page: 「/」, 「/index.html」,
// 「https://www.city.example.jp/」.
func isTopPage(href string) bool {
	h := strings.TrimPrefix(strings.TrimPrefix(href, "https://"), "http://")
	if h != href {
		if i := strings.IndexByte(h, '/'); i >= 0 {
			h = h[i:]
		} else {
			h = "/"
		}
	}
	switch strings.TrimPrefix(h, ".") {
	case "/", "/index.html", "/index.htm", "/index.php":
		return true
	}
	return false
}

// isOrganization reports a name given as a page's author that is the
// company behind the site: 「mediagene Inc.」, 「株式会社…」, the holder of
// the page's copyright.
func isOrganization(name, copyright string) bool {
	lower := strings.ToLower(name)
	for _, w := range []string{" inc", "inc.", " ltd", "llc", " corp", "co.,", "株式会社", "有限会社", "(株)", "（株）"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	if strings.HasSuffix(lower, " city") || strings.HasPrefix(lower, "city of ") {
		return true // 「Sakai city」 in a city's <meta name="Author">
	}
	for _, w := range []string{" prefecture", " government", "ministry of", " university", " council", "broadcasting"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	if !strings.ContainsAny(name, " 　") {
		// 「日本放送協会」, 「咲洲庁舎」: a body or a building, not a person; a
		// surname (「中村」「高市」) never ends so, but 「○○市」 needs three
		// letters to be a city rather than one.
		for _, w := range orgSuffixes {
			if strings.HasSuffix(name, w) && runeLen(name) > runeLen(w) {
				return true
			}
		}
		if strings.HasSuffix(name, "市") && runeLen(name) >= 3 {
			return true
		}
	}
	return copyright != "" && strings.Contains(strings.ToLower(copyright), lower)
}

// orgSuffixes end the names of public bodies and their buildings.
var orgSuffixes = []string{"県", "府", "庁", "庁舎", "省", "局", "協会", "機構", "会議所", "組合", "法人", "財団", "研究所", "大学", "委員会", "役所", "役場"}

// article types whose JSON-LD describes the page's own article.
var articleTypes = map[string]bool{
	"Article": true, "NewsArticle": true, "BlogPosting": true, "Report": true, "ScholarlyArticle": true,
	"AnalysisNewsArticle": true, "OpinionNewsArticle": true, "ReportageNewsArticle": true, "TechArticle": true,
	"WebPage": false, "Blog": true, "SocialMediaPosting": true, "CreativeWork": true,
}

// readJSONLD reads the article objects of one JSON-LD script, at the top
// level, in an array or in an @graph.
func (m *meta) readJSONLD(src string) {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return // a broken script says nothing; the rest of the page still does
	}
	var objs []map[string]any
	var collect func(any)
	collect = func(v any) {
		switch t := v.(type) {
		case []any:
			for _, e := range t {
				collect(e)
			}
		case map[string]any:
			if g, ok := t["@graph"]; ok {
				collect(g)
			}
			objs = append(objs, t)
		}
	}
	collect(v)
	// Nodes of a graph refer to each other by @id (Yoast's article names
	// its author as {"@id": "…#/schema/person/…"}): a reference takes the
	// fields of the node it names.
	byID := map[string]map[string]any{}
	for _, o := range objs {
		if id, ok := o["@id"].(string); ok && len(o) > 1 {
			byID[id] = o
		}
	}
	resolve := func(list []map[string]any) []map[string]any {
		for i, o := range list {
			if id, ok := o["@id"].(string); ok && byID[id] != nil {
				merged := map[string]any{}
				for k, v := range byID[id] {
					merged[k] = v
				}
				for k, v := range o {
					merged[k] = v
				}
				list[i] = merged
			}
		}
		return list
	}
	for _, o := range objs {
		if slices.Contains(strings_(o["@type"]), "BreadcrumbList") {
			m.crumbs = append(m.crumbs, crumbNames(o)...)
			continue
		}
		isArticle := false
		for _, ty := range strings_(o["@type"]) {
			isArticle = isArticle || articleTypes[ty]
		}
		if !isArticle {
			continue
		}
		m.titles = append(append(strings_(o["headline"]), strings_(o["name"])...), m.titles...)
		m.published = append(strings_(o["datePublished"]), m.published...)
		m.modified = append(strings_(o["dateModified"]), m.modified...)
		m.keywords = append(listOf(o["keywords"]), m.keywords...)
		m.sections = append(strings_(o["articleSection"]), m.sections...)
		m.leads = append(strings_(o["description"]), m.leads...)
		for _, p := range resolve(objects(o["publisher"])) {
			// After og:site_name: the site's own name (「…デジタル」,
			// a blog's name on its platform) is what a reader cites; the
			// company behind it comes second.
			m.ldPublishers = append(m.ldPublishers, strings_(p["name"])...)
		}
		if u := strings_(o["url"]); len(u) > 0 {
			m.urls = append(m.urls, u[0])
		}
		var authors []doc.Author
		for _, a := range resolve(objects(o["author"])) {
			names := strings_(a["name"])
			if len(names) == 0 || isOrgType(a["@type"]) {
				m.outlets = append(m.outlets, names...)
				continue // a news agency or the site credited as the author
			}
			if m.ldPersons == nil {
				m.ldPersons = map[string]bool{}
			}
			for _, name := range names {
				m.ldPersons[nameKey(authorName(name))] = true
			}
			// One Person can carry the names of all the writers
			// ("name": ["…", "…"]); the post and bio are the first's.
			for i, name := range names {
				au := doc.Author{Name: authorName(name)}
				if i == 0 {
					if t := strings_(a["jobTitle"]); len(t) > 0 {
						au.Title = &t[0]
					}
					for _, org := range objects(a["affiliation"]) {
						if n := strings_(org["name"]); len(n) > 0 {
							au.Affiliation = &n[0]
						}
					}
					if d := strings_(a["description"]); len(d) > 0 {
						au.Bio = &d[0]
					}
				}
				authors = appendAuthor(authors, au)
			}
		}
		for _, name := range strings_(o["author"]) { // "author": "Name"
			authors = appendAuthor(authors, doc.Author{Name: authorName(name)})
		}
		if len(authors) == 0 {
			// schema.org's creator, as names: a paper that credits itself
			// as the author lists its reporters there
			// ("author": {"@type": "Organization"}, "creator": ["名前"]).
			for _, name := range strings_(o["creator"]) {
				authors = appendAuthor(authors, doc.Author{Name: authorName(name)})
			}
		}
		m.authors = append(authors, m.authors...)
	}
}

// authorName is a name as JSON-LD writes it, less the byline's "By"
// some templates copy into it (「By Will Smale」).
func authorName(s string) string {
	s = collapse(s)
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		return strings.TrimSpace(s[3:])
	}
	return s
}

// isOrgType reports a JSON-LD @type naming an organisation, not a person.
func isOrgType(v any) bool {
	for _, t := range strings_(v) {
		if strings.HasSuffix(t, "Organization") || t == "Corporation" || t == "NewsMediaOrganization" || t == "WebSite" {
			return true
		}
	}
	return false
}

// crumbNames are the names of a BreadcrumbList's items, whether each
// states its name or its item's: {"name": "社会"}, {"item": {"name": "社会"}}.
func crumbNames(list map[string]any) []string {
	var out []string
	for _, e := range objects(list["itemListElement"]) {
		names := strings_(e["name"])
		for _, item := range objects(e["item"]) {
			names = append(names, strings_(item["name"])...)
		}
		out = append(out, names...)
	}
	return out
}

// strings_ returns v as a list of non-empty strings (a string, or an
// array of strings).
func strings_(v any) []string {
	switch t := v.(type) {
	case string:
		if s := strings.TrimSpace(t); s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, strings_(e)...)
		}
		return out
	}
	return nil
}

// objects returns v as a list of JSON objects (an object or an array).
func objects(v any) []map[string]any {
	switch t := v.(type) {
	case map[string]any:
		return []map[string]any{t}
	case []any:
		var out []map[string]any
		for _, e := range t {
			out = append(out, objects(e)...)
		}
		return out
	}
	return nil
}

// listOf reads a keyword list: an array, or one comma-separated string.
func listOf(v any) []string {
	var out []string
	for _, s := range strings_(v) {
		out = append(out, splitList(s)...)
	}
	return out
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '、' || r == '，' || r == ';' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// appendAuthor adds a to list, or lends its fields to the author of the
// same name already there.
func appendAuthor(list []doc.Author, a doc.Author) []doc.Author {
	key := nameKey(a.Name)
	if key == "" {
		return list
	}
	for i := range list {
		if nameKey(list[i].Name) != key {
			continue
		}
		if list[i].Affiliation == nil && list[i].Title == nil {
			// A position is lent whole: half of one with half of another
			// would name a post nobody holds.
			list[i].Affiliation, list[i].Title = a.Affiliation, a.Title
		}
		for _, f := range []struct{ dst, src **string }{
			{&list[i].NameReading, &a.NameReading}, {&list[i].Specialty, &a.Specialty}, {&list[i].Bio, &a.Bio},
		} {
			if *f.dst == nil {
				*f.dst = *f.src
			}
		}
		return list
	}
	return append(list, a)
}

// nameKey compares names whatever their spacing: 「佐藤 健一」 = 「佐藤健一」.
func nameKey(s string) string {
	return strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '　' || r == '・' }), ""))
}

// dateOf reads a stated time: the date as YYYY-MM-DD, and the time in RFC
// 3339 when the value has one. The day of a time with an offset is the
// publisher's own (「22:36-05:00」 on the 23rd stays the 23rd); a time
// stated in UTC falls on the day a reader of the page sees where the page
// is read, zone (Hatena's 「16:30Z」 on the 9th is the 10th in Japan).
func dateOf(v string, zone *time.Location) (day string, at *string, ok bool) {
	v = strings.TrimSpace(v)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05-0700", "20060102T150405-0700"} {
		if t, err := time.Parse(layout, v); err == nil {
			s := t.Format(time.RFC3339)
			if _, off := t.Zone(); off == 0 {
				t = t.In(zone)
			}
			return t.Format(time.DateOnly), &s, true
		}
	}
	if d, t, ok := recog.Date(v); ok {
		if t == "" {
			return d, nil, true
		}
		return d, &t, true
	}
	return "", nil, false
}

// jst is Japan's time zone, fixed (no daylight saving since 1951).
var jst = time.FixedZone("JST", 9*60*60)

// regionZones are the zones of the regions a page's locale names
// (og:locale 「en_GB」, lang 「en-US」), for times it states in UTC.
var regionZones = map[string]string{
	"GB": "Europe/London", "IE": "Europe/Dublin", "US": "America/New_York", "CA": "America/Toronto",
	"AU": "Australia/Sydney", "NZ": "Pacific/Auckland", "IN": "Asia/Kolkata", "SG": "Asia/Singapore",
	"DE": "Europe/Berlin", "FR": "Europe/Paris", "ES": "Europe/Madrid", "IT": "Europe/Rome",
	"CN": "Asia/Shanghai", "TW": "Asia/Taipei", "HK": "Asia/Hong_Kong", "KR": "Asia/Seoul",
}

// languageZones are the zones of languages spoken mainly in one zone.
var languageZones = map[string]string{"ko": "Asia/Seoul", "de": "Europe/Berlin", "fr": "Europe/Paris", "zh": "Asia/Shanghai"}

// pageZone is where the page is read: Japan for a page in Japanese, the
// region its locale names, else UTC (an English page that names no
// region dates its UTC times by UTC).
func pageZone(locale, lang string) *time.Location {
	for _, tag := range []string{locale, lang} {
		parts := strings.FieldsFunc(tag, func(r rune) bool { return r == '-' || r == '_' })
		if len(parts) == 0 {
			continue
		}
		if strings.EqualFold(parts[0], "ja") {
			return jst
		}
		name := languageZones[strings.ToLower(parts[0])]
		if len(parts) > 1 {
			if strings.EqualFold(parts[1], "JP") {
				return jst
			}
			name = firstNonEmpty(regionZones[strings.ToUpper(parts[1])], name)
		}
		if name != "" {
			if loc, err := time.LoadLocation(name); err == nil {
				return loc
			}
		}
	}
	if lang == "ja" {
		return jst
	}
	return time.UTC
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// textOf returns the text of n's subtree as it stands in the source.
func textOf(n *html.Node) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	return b.String()
}

// markedArticle is the one element the markup names the article's body
// (itemprop=articleBody), or the page's one <article>, or nil.
func (m *meta) markedArticle() *html.Node {
	switch {
	case len(m.bodies) == 1:
		return m.bodies[0]
	case len(m.bodies) == 0 && len(m.articles) == 1:
		return m.articles[0]
	}
	return nil
}
