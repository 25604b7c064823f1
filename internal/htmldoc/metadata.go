package htmldoc

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// metadata fills what the head states (and the dateline, and readability
// as the last resort) into the document. The head wins over the body's
// lines, since it is written for machines.
func (a *assembler) metadata(r *readability.Article) {
	d, m := a.d, a.m
	// The head's authors come first and keep their positions; bylines in
	// the body add the people the head leaves out, and lend a position to
	// a head author who has none.
	sites, copyrights := a.siteNames(), a.copyrightLines()
	authors, holders := []doc.Author{}, []doc.Author{}
	for _, au := range append(slices.Clone(m.authors), d.Authors...) {
		switch {
		case isPlaceholder(au.Name, sites) || isDeskOf(au.Name, d.Authors) || isOrganization(au.Name, "") || reUILabel.MatchString(au.Name):
			// A company (「Kitahama Keizai Inc.」 in the footer's rel="author"
			// link) is the site's owner, never its writer.
		case len(m.authors) == 1 && !isHandle(m.authors[0].Name) && isHandle(au.Name) && !slices.ContainsFunc(m.authors, func(h doc.Author) bool { return nameKey(h.Name) == nameKey(au.Name) }):
			// A blog's entry footer credits its writer's account
			// (「dkfj」) where the head names the writer (「Takuro SASAKI」):
			// one person, named once.
		case len(m.ldPersons) > 0 && !m.ldPersons[nameKey(au.Name)] && isHandle(au.Name) && a.isPageAccount(au.Name):
			// The account the blog lives under (「korurisuki」 of
			// korurisuki.exblog.jp, in meta author and the entry's tail)
			// where JSON-LD names the person by the nickname they write
			// under: one person, named once.
		case holdsCopyright(au.Name, copyrights) && !m.ldPersons[nameKey(au.Name)]:
			holders = appendAuthor(holders, au)
		default:
			authors = appendAuthor(authors, au)
		}
	}
	if len(authors) == 0 {
		// The copyright holder is the company only beside a writer; alone,
		// it is the person whose own site this is.
		authors = holders
	}
	d.Authors = authors
	// The zone a UTC time is read in: the page's language as its text
	// shows it, when the head names none.
	var text strings.Builder
	for _, p := range d.Paragraphs() {
		text.WriteString(p.Text)
	}
	zone := pageZone(m.locale, firstNonEmpty(m.lang, language("", text.String())))
	published := append([]string{}, m.published...)
	updated := append([]string{}, m.modified...)
	for _, line := range a.dateline {
		if strings.Contains(line, "更新") || strings.Contains(strings.ToLower(line), "update") {
			updated = append(updated, line)
		} else {
			published = append(published, line)
		}
	}
	if r != nil {
		if t, err := r.PublishedTime(); err == nil {
			published = append(published, t.Format(time.RFC3339))
		}
	}
	for _, v := range published {
		if day, at, ok := dateOf(v, zone); ok {
			day = localDay(v, day, published, zone)
			d.PublishedOn, d.PublishedAt = &day, at
			break
		}
	}
	for _, v := range updated {
		if day, _, ok := dateOf(v, zone); ok && (d.PublishedOn == nil || day >= *d.PublishedOn) {
			d.UpdatedOn = &day
			break
		}
	}
	if d.PublishedOn == nil {
		// A release dated on a line of its own above its text
		// (「2019.03.05」 in a table cell over the headline): the one date
		// line there, since a list of other pages' dates has many.
		var days []string
		for _, l := range d.Removed {
			if l.Line < a.firstLine && l.Line >= a.firstLine-40 && isDateLine(l.Text) {
				if day, _, ok := dateOf(l.Text, zone); ok {
					days = append(days, day)
				}
			}
		}
		if len(days) == 1 {
			d.PublishedOn = &days[0]
		}
	}
	if d.PublishedOn == nil && len(dedupe(a.pageDates)) == 1 {
		// One date the page sets apart from the article, in an element
		// named for a date (a ministry's update date under its contact box).
		if day, _, ok := dateOf(a.pageDates[0], zone); ok {
			d.PublishedOn = &day
		}
	}
	if d.PublishedOn == nil && d.UpdatedOn != nil {
		// A page that states only when it was updated (「2019年04月21日
		// 12時00分更新」, as some news sites print every article's date)
		// was published then as far as a reader can tell.
		d.PublishedOn = d.UpdatedOn
	}
	var publishers []string
	for _, p := range m.publishers {
		// A blog service fills og:site_name with the entry's own title.
		if d.Title == nil || !strings.Contains(p, *d.Title) {
			publishers = append(publishers, siteName(p, append(slices.Clone(m.titles), m.pageTitle)))
		}
	}
	if len(publishers) > 0 {
		d.Publisher = &publishers[0]
	} else if a.blogSite != "" {
		d.Publisher = &a.blogSite // 「ブログ名 - 記事名」
	} else if s := a.titleSite(); s != "" {
		d.Publisher = &s
	} else if s := a.bracketSite(); s != "" {
		d.Publisher = &s
	} else if s := a.copyrightSite(); s != "" {
		d.Publisher = &s
	} else if s := a.logoSite(); s != "" {
		d.Publisher = &s
	} else if s := lastTitlePart(m.pageTitle); s != "" && slices.Contains(m.siteTitles, s) {
		d.Publisher = &s // og:title set to the site's name, as the <title> closes
	} else if r != nil && r.SiteName() != "" && (d.Title == nil || !strings.Contains(r.SiteName(), *d.Title)) {
		s := r.SiteName()
		d.Publisher = &s
	}
	if d.Publisher != nil {
		// A run of spaces in og:site_name reads as one, as a browser
		// shows it (「新  鳥さんと遊ぼう」).
		owner := ownerName(collapse(*d.Publisher))
		d.Publisher = &owner
	}
	if len(m.urls) > 0 && strings.HasPrefix(m.urls[0], "http") {
		d.URL = &m.urls[0]
	}
	d.Keywords = dedupe(append(d.Keywords, m.keywords...))
	d.Categories = dedupe(append(m.sections, d.Categories...))
	if d.Title == nil {
		d.Warnings = append(d.Warnings, "no title found")
	}
	if d.PublishedOn == nil {
		d.Warnings = append(d.Warnings, "no publication date found")
	}
	if len(d.Authors) == 0 {
		d.Warnings = append(d.Warnings, "no author found")
	}
}

// localDay corrects the day of a time stated in UTC when the page's
// other dates say the "Z" stands on a local time: some templates write
// 20:00 in Japan as 「20:00:00.000Z」 beside 「20:00:00+09:00」 or a
// dateline of the same day. A true UTC time (Hatena's) keeps the day
// it falls on in Japan.
func localDay(v, day string, all []string, zone *time.Location) string {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
	if err != nil {
		return day
	}
	if _, off := t.Zone(); off != 0 {
		return day
	}
	utcDay := t.UTC().Format(time.DateOnly)
	if utcDay == day {
		return day
	}
	sawUTC, sawLocal := false, false
	for _, w := range all {
		if w == v {
			continue
		}
		if u, err := time.Parse(time.RFC3339, strings.TrimSpace(w)); err == nil {
			if _, off := u.Zone(); off == 0 {
				continue // another UTC time says nothing of the zone
			}
		}
		if d, _, ok := dateOf(w, zone); ok {
			sawUTC = sawUTC || d == utcDay
			sawLocal = sawLocal || d == day
		}
	}
	if sawUTC && !sawLocal {
		return utcDay
	}
	return day
}

// holdsCopyright reports a name the page's copyright lines give (see
// copyrightLines): the company behind the site (「© Sakana Media Group」),
// which templates also write into <meta name="author">, or the owner of a
// personal site.
func holdsCopyright(name string, lines []string) bool {
	key := nameKey(name)
	if runeLen(key) < 3 {
		return false
	}
	for _, l := range lines {
		if strings.Contains(l, key) {
			return true
		}
	}
	return false
}

// copyrightLines are the removed lines that state a copyright, as name
// keys; looked for by plain substrings, as a forum page removes
// thousands of lines.
func (a *assembler) copyrightLines() []string {
	var out []string
	for _, l := range a.d.Removed {
		t := l.Text
		if strings.Contains(t, "©") || strings.Contains(t, "(c)") || strings.Contains(t, "(C)") || strings.Contains(t, "opyright") || strings.Contains(t, "OPYRIGHT") {
			out = append(out, nameKey(t))
		}
	}
	return out
}

// isDeskOf reports a name the head gives as the author that a byline in
// the body gives as an author's desk or company (「ASCII」 for 「オカモト／
// ASCII編集部」): the organisation, not a person.
func isDeskOf(name string, body []doc.Author) bool {
	key := strings.ToLower(nameKey(name))
	for _, au := range body {
		if au.Affiliation != nil && strings.ToLower(nameKey(au.Name)) != key && strings.Contains(strings.ToLower(nameKey(*au.Affiliation)), key) {
			return true
		}
	}
	return false
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// siteNames are the names the page gives itself: the head's publishers
// and what its <title> adds after the headline.
func (a *assembler) siteNames() []string {
	out := slices.Clone(a.m.publishers)
	if a.d.Title != nil {
		if s := titleTail(a.m.pageTitle, *a.d.Title); s != "" && a.tailIsSite(s) {
			out = append(out, s)
		}
	}
	return out
}

// tailIsSite reports whether what the <title> adds after the headline
// names the site: always when the head names no site; when it does, only
// if the tail shares a name with it. A writing platform's <title> adds
// the writer instead (note's 「見出し｜たかの みお」 on a site called
// 「note（ノート）」), who is no placeholder for an author.
func (a *assembler) tailIsSite(tail string) bool {
	if len(a.m.publishers) == 0 {
		return true
	}
	t := strings.ToLower(nameKey(tail))
	for _, p := range a.m.publishers {
		k := strings.ToLower(nameKey(siteName(p, nil)))
		if k != "" && t != "" && (strings.Contains(t, k) || strings.Contains(k, t)) {
			return true
		}
	}
	for _, au := range a.m.authors {
		if strings.ToLower(nameKey(au.Name)) == t {
			return false
		}
	}
	return true
}

// reReadingSuffix is a reading in katakana a site's Latin name carries
// in brackets: 「note（ノート）」.
var reReadingSuffix = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9 .!&'-]*?)\s*[（(][\p{Katakana}ー・]+[）)]$`)

// rePoweredBy is a blog's name with its host's after it: 「さくら日和の
// ブログ Powered by Ameba」.
var rePoweredBy = regexp.MustCompile(`^(.+?)\s+(?i:powered by)\s+\S.{0,30}$`)

// siteName takes the site's name out of a site name written with its
// slogan (「みなとポータル｜地域の最新ニュース」, 「配信シェアNo.1｜PR TIMES」):
// the part the page's titles repeat, else the shortest.
func siteName(s string, titles []string) string {
	if m := reReadingSuffix.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	if m := rePoweredBy.FindStringSubmatch(s); m != nil {
		return m[1] // 「…オフィシャルブログ Powered by Ameba」: the blog, not its host
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '｜' })
	if len(parts) < 2 {
		parts = strings.Split(s, " - ") // 「OSS×Cloud News - オープンソース×クラウド情報サイト」
	}
	if len(parts) < 2 {
		// 「東都新聞：東都ニュース」, the company and its site: the part the
		// titles end with (「見出し - 東都ニュース」); a colon is too often
		// a name's own to split on otherwise.
		for _, p := range strings.Split(s, "：") {
			if p = strings.TrimSpace(p); p != "" && p != s && slices.ContainsFunc(titles, func(t string) bool { return strings.HasSuffix(strings.TrimSpace(t), p) }) {
				return p
			}
		}
		return s
	}
	best := ""
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		for _, t := range titles {
			if strings.Contains(t, p) && t != s {
				return p
			}
		}
		if best == "" || runeLen(p) < runeLen(best) {
			best = p
		}
	}
	return best
}

// titleSite is the site's name the <title> gives after the headline,
// when it is a name: not a category path (「スポーツ : 読売新聞」), nor
// the source in brackets.
func (a *assembler) titleSite() string {
	if a.d.Title == nil {
		return ""
	}
	s := titleTail(a.m.pageTitle, *a.d.Title)
	if s == "" || strings.ContainsAny(s, "|｜:：（）()") || strings.Contains(s, " - ") {
		return ""
	}
	return s
}

// titleSeps stand between a headline and the site's name in a <title>.
const titleSeps = "|｜-－–—:：/／（( 　"

// titleMarksSep are the marks a site's name follows a headline with.
const titleMarksSep = "|｜-－–—:：/／（("

// titleTail returns what page (a <title>) says after the headline title,
// past a separator: 「見出し | 東亜デイリー」 → 「東亜デイリー」.
func titleTail(page, title string) string {
	page, title = collapse(page), collapse(title)
	if i := strings.Index(page, title); i > 0 && title != "" {
		// A label before the headline (「報道発表資料：見出し：省名」).
		if prefix := strings.TrimRight(page[:i], " 　"); runeLen(prefix) <= 16 && strings.ContainsRune(titleMarksSep, []rune(prefix)[len([]rune(prefix))-1]) {
			page = page[i:]
		}
	}
	if title == "" || !strings.HasPrefix(page, title) {
		return ""
	}
	rest := strings.TrimLeft(page[len(title):], " 　")
	tail := strings.TrimLeft(rest, titleSeps)
	if rest == "" || !strings.ContainsRune(titleMarksSep, []rune(rest)[0]) || runeLen(tail) > 40 {
		return "" // no separator: the title runs on
	}
	return strings.TrimSpace(tail)
}

// logoSite is the name of the site's logo that the <title> closes with,
// past a space only (「見出し　堺市」): a space alone is too often a
// subtitle's break to take what follows it for a name otherwise.
func (a *assembler) logoSite() string {
	page := strings.TrimSpace(collapse(a.m.pageTitle))
	for _, l := range a.m.logos {
		if strings.HasSuffix(page, l) && page != l {
			if r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(page, l)); strings.ContainsRune(titleSeps, r) {
				return l
			}
		}
	}
	return ""
}

// reSiteWord is a site named for the organisation behind it with a word
// for the site after it: 「福井市ホームページ」, 「帯広市公式ホームページ　十勝」,
// 「岸和田市公式ウェブサイト」.
var reSiteWord = regexp.MustCompile(`^(.{2,20}?)(?:公式)?(?:ホームページ|ウェブサイト|ウエブサイト|Webサイト|WEBサイト|公式サイト|HP)(?:[ 　].{1,12})?$`)

// ownerName is the organisation a site's name names: the site is its
// owner's, and a reader cites the city, not its homepage.
func ownerName(site string) string {
	if m := reSiteWord.FindStringSubmatch(site); m != nil {
		site = strings.TrimSpace(m[1])
	}
	// 「忠岡町役場」: the town's office stands for the town.
	for _, office := range []string{"役場", "役所"} {
		if rest := strings.TrimSuffix(site, office); rest != site && runeLen(rest) >= 2 && strings.ContainsAny(lastRune(rest), "市区町村") {
			return rest
		}
	}
	return site
}

// lastRune is s's last letter, as a string.
func lastRune(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	return string(r)
}

// lastTitlePart is what the <title> says after its last separator
// (「見出し | 区分 | 岩見沢市ホームページ」 → 「岩見沢市ホームページ」), or "".
func lastTitlePart(page string) string {
	page = collapse(page)
	i := strings.LastIndexAny(page, "|｜")
	if j := strings.LastIndex(page, " - "); j > i {
		i = j + 2
	}
	if i <= 0 {
		return ""
	}
	_, size := utf8.DecodeRuneInString(page[i:])
	return strings.TrimSpace(page[i+size:])
}

// reBracketSite is a <title> that closes with the site's name in
// brackets after a space: 「欲張りなイヌ　＜福娘童話集　きょうのイソップ童話＞」.
var reBracketSite = regexp.MustCompile(`^(.+?)[ 　]+[＜<〈《［\[]([^＜＞<>〈〉《》［］\[\]]{2,40})[＞>〉》］\]]$`)

// bracketSite is the site's name a <title> gives in brackets after the
// headline: the first word, as the site's name comes before its
// section's (「福娘童話集　きょうのイソップ童話」).
func (a *assembler) bracketSite() string {
	m := reBracketSite.FindStringSubmatch(collapse(a.m.pageTitle))
	if m == nil || a.d.Title == nil || squash(m[1]) != squash(*a.d.Title) {
		return ""
	}
	return strings.FieldsFunc(m[2], func(r rune) bool { return r == ' ' || r == '　' })[0]
}

// copyrightSite is the name a <title> closes with, after its last
// separator, when the page's copyright line states it too: 「見出し　写真1枚
// 国際ニュース：AFPBB News」 with 「© AFPBB News」 in the footer. The
// copyright line tells a site's name from a section or a subtitle.
func (a *assembler) copyrightSite() string {
	page := collapse(a.m.pageTitle)
	i := strings.LastIndexAny(page, "|｜:：－/／")
	if j := strings.LastIndex(page, " - "); j > i {
		i = j + 2
	}
	if i <= 0 {
		return ""
	}
	_, size := utf8.DecodeRuneInString(page[i:])
	tail := strings.TrimSpace(page[i+size:])
	if n := runeLen(tail); n < 2 || n > 30 || a.d.Title != nil && strings.Contains(*a.d.Title, tail) {
		return ""
	}
	key := nameKey(tail)
	for _, l := range a.copyrightLines() {
		if strings.Contains(l, "©"+key) || strings.Contains(l, "(c)"+key) || strings.Contains(l, "copyright"+key) || strings.HasSuffix(l, key) {
			return tail
		}
	}
	return ""
}

// isPageAccount reports whether handle names the account the page is
// served under: the first label of its host (NAME.exblog.jp) or the first
// segment of its path (ameblo.jp/NAME/…), as its canonical URL states.
func (a *assembler) isPageAccount(handle string) bool {
	for _, raw := range a.m.urls {
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		if labels := strings.Split(u.Hostname(), "."); len(labels) >= 3 && strings.EqualFold(labels[0], handle) {
			return true
		}
		if first, _, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/"); strings.EqualFold(first, handle) {
			return true
		}
	}
	return false
}

// isHandle reports an account's ID rather than a name: one word of
// ASCII letters, digits and 「_.-」 («dkfj», «sakanaya_k»).
func isHandle(name string) bool {
	if n := len(name); n < 2 || n > 32 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}
