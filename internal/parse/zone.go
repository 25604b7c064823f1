package parse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

// The header zone is the top of the document, above its first sentence of
// prose: title, labels, dates, bylines, captions, site chrome, in any
// order. Every line of it is classified; the title is the best-scoring
// line that is nothing else, and when no line can be a title the title is
// left empty rather than taken from the lead or a label.

// maxZoneLines bounds the header zone in non-blank lines.
const maxZoneLines = 30

var (
	// Column labels that stand before a title: 「視点　…」「対談　…」.
	columnLabels  = setOf("視点", "論点", "社説", "主張", "コラム", "寄稿", "特別寄稿", "論考", "解説", "対談", "鼎談", "座談会", "インタビュー", "オピニオン", "分析", "焦点", "時論", "提言", "講演", "連載", "特集", "ニュース解説", "深層", "新刊紹介")
	reLabelPrefix = regexp.MustCompile(`^(視点|論点|社説|主張|コラム|寄稿|特別寄稿|論考|解説|対談|鼎談|座談会|インタビュー|オピニオン|分析|焦点|時論|提言|講演|ニュース解説)[\s\x{3000}:：|｜]+(\S.+)$`)
	// A label in brackets before a title: 「【詳しく】…」「【社説】…」「【独自】…」.
	reBracketLabel = regexp.MustCompile(`^[【\[［]\s*(視点|論点|社説|主張|コラム|寄稿|論考|解説|対談|鼎談|座談会|インタビュー|オピニオン|分析|焦点|時論|提言|講演|連載|特集|ニュース解説|深層|詳しく|詳報|独自|速報|続報|特報|号外|スクープ|動画|写真|ルポ|図解|Q&A|Q＆A|PR|更新|追記|注目|最新|ニュース|news|NEWS)\s*[】\]］]\s*(\S.*)$`)
	// Names of sites, outlets and organisations: never a document's title.
	reSiteName = regexp.MustCompile(`(?i)(?:ニュース|NEWS|新聞|通信|テレビ|放送|TV|Japan|ジャパン|オンライン|online|ウェブ|web|\.com|\.jp|日本版|タイムズ|ポスト|デジタル|DIGITAL|編集部|出版|出版社|情報誌|新書|文庫|ニュースサイト|WEBメディア|Webメディア|ウェブメディア|情報サイト|ポータルサイト|の日記|日記帳|ダイアリー|(?i:diary)|ホームページ|公式サイト|公式ウェブサイト|ポータルサイト)$`)
	reOrgName  = regexp.MustCompile(`(?:株式会社|有限会社|一般社団法人|公益社団法人|一般財団法人|公益財団法人|特定非営利活動法人|NPO法人|フォーラム|研究所|協会|財団|大学|センター|機構|学会)$|^(?:株式会社|一般社団法人|公益社団法人|一般財団法人|公益財団法人)`)
	// A numbered episode before the title: 「【ROLESCast #006】金正恩訪露と…」.
	reSeriesInTitle = regexp.MustCompile(`^[【\[［]\s*([^】\]］#]{2,40}?)\s*#\s*([0-9]{1,4})\s*[】\]］]\s*(\S.*)$`)
	// A title and its writer after an equals sign.
	reTitleEqualsName = regexp.MustCompile(`^(\S.{5,}?)[\s\x{3000}]*[＝=][\s\x{3000}]*([^＝=\s\x{3000}][^＝=]{1,30})$`)
	// An instalment's number, a space and the title: 「Vol.3 TITLE」「第3回 TITLE」.
	reNumberBeforeTitle = regexp.MustCompile(`^(?:(?i:vol|no)\.?[\s\x{3000}]*([0-9０-９]{1,4})|第[\s\x{3000}]*([0-9０-９]{1,4})[\s\x{3000}]*回)[\s\x{3000}]+(\S.{5,})$`)
	// A series and its number before a bar, then the title.
	reSeriesBar = regexp.MustCompile(`^(\S.{1,40}?)[\s\x{3000}]*(?:(?i:vol|no)\.?|#)[\s\x{3000}]*([0-9０-９]{1,4})[\s\x{3000}]*[|｜][\s\x{3000}]*(\S.{5,})$`)
	// A number alone in brackets before the title: 「【#0012】…」.
	reNumberInTitle = regexp.MustCompile(`^[【\[［]\s*#\s*([0-9０-９]{1,5})\s*[】\]］]\s*(\S.*)$`)
	// A series' name and the instalment's number in brackets between it
	// and the title: 「…新聞(連載12)TITLE」「…【第3回】TITLE」.
	reSeriesMidTitle = regexp.MustCompile(`^(\S.{1,30}?)[\s\x{3000}]*[(（【](?:連載|第)[\s\x{3000}]*([0-9０-９]{1,3})[\s\x{3000}]*回?[)）】][\s\x{3000}]*(\S.{3,})$`)
	// Two or more spaces between a title and its author: 「TITLE  AUTHOR」.
	reWideGap = regexp.MustCompile(`^(.+?)(?:\s{2,}|\x{3000}+)(\S[^\s\x{3000}]*(?:[\s\x{3000}]\S+)?)$`)
)

// featureLabel reports the name of a feature or a serial above the
// title: 「特集　揺れる北東アジア」「連載：…」.
func featureLabel(line string) bool {
	for _, l := range []string{"特集", "連載", "シリーズ"} {
		if rest, ok := strings.CutPrefix(line, l); ok && rest != "" {
			r, _ := utf8.DecodeRuneInString(rest)
			return strings.ContainsRune(" \t\n\f\r\u3000:：|｜・", r)
		}
	}
	return false
}

// reVenueLine labels where the event a record reports took place.
var reVenueLine = regexp.MustCompile(`^(?:於|会場|開催場所)\s*[:：]\s*\S|^[(（][^()（）]{2,30}主催[)）]$`)

// isProse reports a line of running text: the end of the header zone.
func isProse(line string) bool {
	n := runeLen(line)
	return n >= 20 && strings.Contains(line, "。") || n >= 12 && lastRune(line) == '。' || hasNoteMarker(line)
}

// hasNoteMarker reports an unambiguous footnote marker: a title has none.
func hasNoteMarker(line string) bool {
	if !mayHaveMarker(line, false) && !strings.Contains(line, "注") {
		return false
	}
	probe := newMarkerScanner(nil, false)
	return probe.scan(line) != line
}

// zoneLine is what a line of the header zone was taken for.
type zoneLine struct {
	i       int
	meta    bool // a date, byline, series, list, position…
	caption bool
	// byline and dated say the meta line names an author or dates the
	// page: where a title is looked for (anchoredTitle).
	byline, dated bool
}

// parseHeader reads the header zone and returns its metadata and where the
// body starts.
func parseHeader(p *page) (meta, int) {
	var m meta
	lines := p.lines
	m.categories = append(m.categories, dropNumberedCrumbs(p)...)
	unbulletHeaderList(p)
	blogPostHeader(p, &m)
	topProfile(p, &m)
	dated := splitLeadingDate(&m, lines)
	splitTrailingDate(&m, lines)
	var zone []zoneLine
	end := len(lines)
	for i, line := range lines {
		if line == "" {
			continue
		}
		if len(zone) < 3 && isBoilerplate(line) && !longerThan(line, 200) {
			// 「…をそのまま掲載しています。…お問い合わせください。」: a
			// syndicating site's notice above the document; below a
			// headline, a paragraph that only ends with a notice keeps
			// its sentences.
			if len(zone) == 0 || !p.cutBoilerplateTail(i) {
				p.remove(i, reasonBoilerplate)
				continue
			}
			line = lines[i]
		}
		if controlLine(line) {
			reason := reasonChrome // 「印刷用ページを表示する」「写真を見る(1/2枚)」「ページ番号：631663」
			if strings.HasPrefix(line, "f:id:") {
				reason = reasonImage
			}
			p.remove(i, reason)
			continue
		}
		if (strings.HasPrefix(line, "於") || strings.HasPrefix(line, "会場") || strings.HasPrefix(line, "開催場所") || strings.HasSuffix(line, "主催)") || strings.HasSuffix(line, "主催）")) && reVenueLine.MatchString(line) && !longerThan(line, 60) {
			// 「於:党本部平河クラブ会見場」「(県政記者クラブ主催)」: where a press
			// conference was held, and who held it.
			p.remove(i, reasonVenue)
			continue
		}
		if zoneProse(lines, i) && !isCaption(line) && !(onlyLabels(lines, zone) && headlineWithStop(lines, i)) || len(zone) == maxZoneLines {
			if len(zone) > 0 && bracketedAside(lines, i) {
				p.remove(i, reasonChrome) // 「(弁護士などのプロが調査。…)」 between a site's appeal and the headline
				continue
			}
			if (len(zone) == 0 || len(zone) == 1 && !zone[0].meta && siteLike(lines[zone[0].i])) && sectionBlurb(lines, i) {
				// 「編集長コラム「金曜日から」 編集長のコラムを公開しています。」
				// above the headline; 「児玉昌己研究室」「内外の政治と…綴ります。」:
				// a blog's name and its description.
				for _, z := range zone {
					p.remove(z.i, reasonChrome)
				}
				zone = zone[:0]
				p.remove(i, reasonChrome)
				continue
			}
			if len(zone) < maxZoneLines && promoAbove(lines, zone, i) {
				p.remove(i, reasonChrome)
				continue
			}
			end = i
			break
		}
		_, isHeading := numberedHeading(line)
		if isHeading && instalmentTitle(lines, i) {
			isHeading = false // 「(9)TITLE」 under a column's name: the instalment's title, not the body's heading
		}
		if (isHeading && !(len(zone) >= 2 && shortLabelsOnly(lines, zone)) || isOpeningHeading(line)) && len(zone) > 0 || speakerOpensBody(lines, i) {
			end = i
			break
		}
		var probe meta
		var pending string
		// 「2021年12月28日(火)(愛媛新聞)」 dates the page; 「浜口直樹（北東新聞）」
		// is a byline, a name credited to no photograph.
		caption := p.captionLine(i, line) && !isDateOnlyLine(line) && !namedInBrackets(line) && !(len(zone) == 0 && sourcedHeadline(line))
		if n := len(zone); n > 0 && keywordHeading(lines[zone[n-1].i]) {
			probe.keywordsNext = true // the list under 「キーワード」
		}
		z := zoneLine{i: i, meta: !caption && isMetaLine(&probe, line, &pending), caption: caption}
		if i == dated && z.meta && len(probe.categories) > 0 && len(probe.authors) == 0 && probe.publishedOn == nil {
			// The headline the date stood before reads like a list of
			// words (「新潟県知事 定例記者会見」): it is the headline.
			z.meta, probe = false, meta{}
		}
		if _, _, ok := dashedAuthor(line); ok && z.meta {
			// 「あらたな大学問題――関西大学教授・竹内洋」: a headline and its
			// writer after a dash, which setTitle splits.
			z.meta, probe = false, meta{}
		}
		z.byline, z.dated = z.meta && len(probe.authors) > 0, z.meta && probe.publishedOn != nil
		zone = append(zone, z)
	}
	if j, ok := belowMasthead(p, zone, end); ok {
		// Only the site's names stood above a tagline: the headline
		// comes below them.
		for _, z := range zone {
			p.remove(z.i, reasonChrome)
		}
		p.remove(end, reasonChrome)
		var pending string
		m.setTitle(lines[j], &pending)
		return m, j + 1
	}
	if j, text, ok := belowTagline(p, zone, end); ok {
		// A blog's name and its tagline, then the post's headline
		// (「すずろぐ」「人生大逆転を目指す、…の成長日記」「POST」).
		var pending string
		for _, z := range zone {
			switch {
			case z.i >= j:
			case z.meta && isDateOnlyLine(lines[z.i]):
				m.headerLine(lines[z.i], &pending) // the post's date between the tagline and the headline
			default:
				p.remove(z.i, reasonChrome)
			}
		}
		if end < j {
			p.remove(end, reasonChrome)
			for i := end + 1; i < j; i++ {
				if isDateOnlyLine(lines[i]) {
					m.headerLine(lines[i], &pending) // the post's date under a tagline that was a sentence
				}
			}
		}
		m.setTitle(lines[j], &pending)
		imageAbove := false
		for i := j + 1; i < text; i++ {
			switch l := lines[i]; {
			case l == "":
			case l == lines[j]:
				p.remove(i, reasonRepeated)
			case controlLine(l):
				imageAbove = strings.HasPrefix(l, "f:id:")
				if imageAbove {
					p.remove(i, reasonImage)
				} else {
					p.remove(i, reasonChrome) // 「NEW !」
				}
			case headerField(l):
				m.headerLine(l, &pending) // 「テーマ：日記」, the post's date
			case (imageAbove || p.removedAs(j, i, reasonImage)) && !longerThan(l, 40) && !isProse(l) && lastRune(l) != '。':
				p.addCaption(l) // the image's caption, under its reference
				p.lines[i] = ""
				imageAbove = false
			default:
				return m, i
			}
		}
		return m, text
	}
	title := belowNavigation(p, zone, bestTitle(lines, zone, func(i int) bool { return printedAgain(lines, i) || p.repeatedBelow(i) }))
	site := ""
	if title >= 0 {
		site = titleSite(lines[zone[title].i])
	}
	var pending string
	bodyStart := end
	barAbove := -1 // the title's line printed again below it with other dashes
	for k, z := range zone {
		line := lines[z.i]
		if k == barAbove {
			continue
		}
		if crumbs, ok := breadcrumbs(line); ok {
			m.categories = append(m.categories, crumbs...)
			continue
		}
		switch {
		case k == title:
			if j := dashVariantBelow(lines, zone, k); j >= 0 {
				// 「TITLE - DECK」 in the title bar, 「TITLE – DECK」 as the
				// page sets its headline: the headline is the title.
				p.removed = append(p.removed, doc.RemovedLine{Line: p.lineNo(z.i), Text: line, Reason: reasonRepeated})
				line, barAbove = lines[zone[j].i], j
				lines[zone[j].i] = "" // the headline is the title
			}
			if head, original, ok := gluedOriginalTitle(line); ok {
				// 「世界は習近平の思いのままにThe world is Xi’s oyster」: a
				// translation's title run into its English original, kept in sight.
				p.removed = append(p.removed, doc.RemovedLine{Line: p.lineNo(z.i), Text: original, Reason: reasonOriginalTitle})
				line = head
			}
			m.setTitle(line, &pending)
		case k > title && line == site:
			p.remove(z.i, reasonChrome) // the site's name, which the title bar repeated
		case k == title-1 && m.series == nil && seriesNameShape(line) && instalmentTitle(lines, zone[title].i):
			m.series = ptr(line) // 「ワシントン・スケッチ」 over 「(9)TITLE」: the column's name, whatever it looks like
		case z.meta && k < title && isBareName(line) && !positionBelow(lines, zone, k):
			p.remove(z.i, reasonChrome) // a name above the title is the site's
		case z.meta:
			m.headerLine(line, &pending)
		case z.caption:
			p.addCaption(line)
		case title < 0 || k < title:
			if crumbs, ok := breadcrumbs(line); ok {
				m.categories = append(m.categories, crumbs...)
			} else if isCategoryLabel(line) {
				m.categories = append(m.categories, line)
			} else if sm := reFeatureNumber.FindStringSubmatch(line); sm != nil && m.series == nil && title >= 0 {
				m.series, m.seriesNumber = ptr(strings.TrimSpace(sm[1])), ptr(halfWidth(sm[2])) // 「連載 港のいま 第5回」 over the title
			} else if sm := reFeatureName.FindStringSubmatch(line); sm != nil && m.series == nil && title >= 0 && reNumberBeforeTitle.MatchString(lines[zone[title].i]) {
				m.series = ptr(strings.TrimSpace(sm[1])) // 「特集 港町の百年」 over 「第3回 TITLE」
			} else if bracketedLabel(line) {
				m.categories = append(m.categories, strings.TrimSuffix(strings.TrimPrefix(line, "【"), "】")) // 「【メルマガ独自解説】」
			} else if sub, ok := subtitleLine(line); ok && m.subtitle == nil {
				m.subtitle = ptr(sub)
			} else if title >= 0 || isSiteName(line) {
				p.remove(z.i, reasonChrome)
			} else {
				bodyStart = z.i
			}
		default:
			if m.afterTitle(p, zone, k, title) {
				continue
			}
			bodyStart = z.i
		}
		if bodyStart != end {
			break
		}
	}
	m.bylineOutOfTitle()
	if n := len(m.categories); n > 0 && m.title != nil && m.categories[n-1] == *m.title {
		m.categories = m.categories[:n-1] // the trail's last part, the page itself
	}
	if pending != "" && len(m.authors) > 0 && m.authors[len(m.authors)-1].Title == nil {
		a := &m.authors[len(m.authors)-1]
		a.Affiliation, a.Title = splitPosition(pending)
	} else if pending != "" {
		// A position no name followed: kept in sight, not in the body.
		p.removed = append(p.removed, doc.RemovedLine{Line: p.lineNo(pendingLine(lines, pending, bodyStart) - 1), Text: pending, Reason: reasonUnattached})
	}
	return m, bodyStart
}

// unbulletHeaderList takes the bullets off a header a template set as a
// list (「• TITLE」「• 政治 2023年02月05日 16:19」「• 【ソウル…】lead」): the
// list that holds the page's date is its header, not items of the text.
// A list of agenda items without a date keeps its bullets.
func unbulletHeaderList(p *page) {
	seen, start := 0, -1
	dated := false
	flush := func(end int) {
		if start >= 0 && dated {
			for i := start; i < end; i++ {
				if rest, ok := cutBullet(p.lines[i]); ok {
					p.lines[i] = rest
				}
			}
		}
		start, dated = -1, false
	}
	for i, line := range p.lines {
		if line == "" {
			continue
		}
		if seen++; seen > maxZoneLines {
			break
		}
		rest, ok := cutBullet(line)
		if !ok {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
		}
		if !dated && containsDigit(rest) && !longerThan(rest, 60) {
			_, dated = dateLine(rest)
			if !dated {
				_, _, dated = categoryDateLine(rest)
			}
		}
	}
	flush(len(p.lines))
}

// cutBullet cuts the bullet a copied list item opens with: 「• TEXT」.
func cutBullet(line string) (string, bool) {
	rest, ok := strings.CutPrefix(line, "•")
	if !ok {
		return line, false
	}
	rest = strings.TrimLeft(rest, " \u3000\t")
	return rest, rest != ""
}

// positionBelow reports a position on the zone's line after k: the name
// at k over 「北東大学経済学部 教授」 is a person's, the writer's, even above
// the title.
func positionBelow(lines []string, zone []zoneLine, k int) bool {
	if k+1 >= len(zone) || !zone[k+1].meta {
		return false
	}
	l := lines[zone[k+1].i]
	return hasTitleWord(l) && isPositionText(l)
}

// sourcedHeadline reports a headline with its paper's name in brackets,
// as portals print it (「港の朝市、十年ぶりに再開へ（北東新聞）」): a caption's
// credit has the same form, but a caption says when and where after an
// equals sign or names a photograph, and a headline is long.
func sourcedHeadline(line string) bool {
	if hasEquals(line) || containsAny(line, "写真", "撮影", "提供", "画像") {
		return false
	}
	sm := reTitleOutlet.FindStringSubmatch(line)
	return sm != nil && outletName(sm[2]) && !longerThan(sm[1], 80) && longerThan(sm[1], 11)
}

// namedInBrackets reports a person's name with an outlet or a post in
// brackets after it: a byline.
func namedInBrackets(line string) bool {
	if l := lastRune(line); l != ')' && l != '）' {
		return false
	}
	sm := reParenPosition.FindStringSubmatch(line)
	if sm == nil {
		return false
	}
	_, _, ok := personName(sm[1])
	return ok
}

// navigationLine reports a removed line that navigates a site: its
// address, a link to its top or its lists (「ブログトップ」「記事一覧」).
func navigationLine(l string) bool {
	return reHostLine.MatchString(l) || containsAny(l, "トップ", "ホーム", "一覧", "ブログ", "メニュー", "HOME", "Home", "TOP", "前の記事", "次の記事")
}

// reHostLine is a site's address without its scheme: 「natsuebear.exblog.jp」.
var reHostLine = regexp.MustCompile(`^[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)+$`)

// portraitRow reports a name with an honorific next to another such
// line: the captions of a row of portraits (「姜尚中さん」「岸本葉子さん」).
func portraitRow(lines []string, i int) bool {
	if !portraitName(lines[i]) {
		return false
	}
	prev := -1
	for j := i - 1; j >= 0; j-- {
		if lines[j] != "" {
			prev = j
			break
		}
	}
	next := nextNonBlank(lines, i+1)
	return prev >= 0 && portraitName(lines[prev]) || next >= 0 && portraitName(lines[next])
}

// portraitName reports a person's name and an honorific, alone on a line.
func portraitName(l string) bool {
	if longerThan(l, 12) || !honoured(l) {
		return false
	}
	for _, h := range []string{"さん", "様", "さま", "ちゃん", "くん", "君"} {
		if name, ok := strings.CutSuffix(l, h); ok {
			_, _, isName := personName(name)
			return isName
		}
	}
	return false
}

// belowNavigation returns the post's headline when the line taken for the
// title is a site's name above its navigation: the navigation removed as
// chrome (an address, 「ブログトップ」) stands between that line and a last
// headline right above the first sentence (「ベア作家的きままな日常」
// 「natsuebear.exblog.jp」「ブログトップ」「写真撮ればいいのに」). The name is
// then removed as chrome too.
func belowNavigation(p *page, zone []zoneLine, title int) int {
	if title < 0 || longerThan(p.lines[zone[title].i], 24) {
		return title
	}
	from := p.lineNo(zone[title].i)
	for k := title + 1; k < len(zone); k++ {
		if zone[k].meta || zone[k].caption {
			continue
		}
		// A post's title may be short and score low (「岬まで歩いてみた」):
		// its place vouches for it. An address scores lower still.
		if score, ok := titleScoreAt(p.lines, zone[k].i); !ok || score < minTitleScore-2 || reHostLine.MatchString(p.lines[zone[k].i]) {
			continue // 「natsuebear.exblog.jp」: the blog's address
		}
		next := nextNonBlank(p.lines, zone[k].i+1)
		if next < 0 || !isProse(p.lines[next]) && lastRune(p.lines[next]) != '。' {
			return title
		}
		to := p.lineNo(zone[k].i)
		for _, r := range p.removed {
			if r.Reason == reasonChrome && r.Line > from && r.Line < to && navigationLine(r.Text) {
				p.remove(zone[title].i, reasonChrome)
				return k
			}
		}
		return title
	}
	return title
}

// bylineOutOfTitle removes an author's name after a bar at the end of
// the title (「TITLE|稲留雅人」) once the header names that author
// elsewhere, as a profile box does: the bar then credits the writer.
func (m *meta) bylineOutOfTitle() {
	if m.title == nil {
		return
	}
	if i := strings.IndexAny(*m.title, ":："); i > 0 && !longerThan((*m.title)[:i], 12) {
		// 「大津敬介:比較優位と人の縁」 over the writer's byline: the name
		// before the colon signs the title.
		_, size := utf8.DecodeRuneInString((*m.title)[i:])
		if rest := strings.TrimSpace((*m.title)[i+size:]); runeLen(rest) >= 4 {
			for _, a := range m.authors {
				if nameKey(a.Name) == nameKey((*m.title)[:i]) {
					m.title = ptr(rest)
					return
				}
			}
		}
	}
	i := strings.LastIndexAny(*m.title, "|｜")
	if i <= 0 {
		return
	}
	_, size := utf8.DecodeRuneInString((*m.title)[i:])
	name := strings.TrimSpace((*m.title)[i+size:])
	for _, a := range m.authors {
		if nameKey(a.Name) == nameKey(name) {
			m.title = ptr(strings.TrimSpace((*m.title)[:i]))
			return
		}
	}
}

// shortLabelsOnly reports a zone of short labels so far (「お知らせトピックス」
// 「定例記者懇談会」): a numbered line below them (「第47回…を開催しました」)
// is the page's headline, not the text's first heading.
func shortLabelsOnly(lines []string, zone []zoneLine) bool {
	for _, z := range zone {
		l := lines[z.i]
		if z.meta || longerThan(l, 12) || strings.ContainsAny(l, "、。「」") {
			return false
		}
	}
	return true
}

// promoAbove reports a feature's description at line i, above the
// article's own header: only one-word labels stand above it, and below it
// come, within a few short lines, a headline and its date (「特集 /
// ウクライナ侵攻 / DESCRIPTION / 特集一覧 / TITLE / 毎日新聞 2023/9/18」).
func promoAbove(lines []string, zone []zoneLine, i int) bool {
	if len(zone) == 0 || !onlyLabels(lines, zone) {
		return false // a headline above: the text is its lead or its summary
	}
	seen, titled := 0, false
	for j := i + 1; j < len(lines) && seen < 4; j++ {
		l := lines[j]
		if l == "" {
			continue
		}
		seen++
		if _, ok := dateLine(l); ok {
			return titled
		}
		if isProse(l) || longerThan(l, 60) {
			return false
		}
		_, titled = titleScore(l)
	}
	return false
}

// bracketedAside reports a note set wholly in brackets, sentences and
// all, over a headline that is no sentence: the site's aside above the
// article, not its lead.
func bracketedAside(lines []string, i int) bool {
	l := lines[i]
	if r := firstRune(l); r != '(' && r != '（' || longerThan(l, 80) {
		return false
	}
	if last := lastRune(l); last != ')' && last != '）' {
		return false
	}
	h := nextNonBlank(lines, i+1)
	if h < 0 || isProse(lines[h]) {
		return false
	}
	_, ok := titleScore(lines[h])
	return ok
}

// sectionBlurb reports a section's description opening the page, one
// short sentence in the polite form a site describes itself in, over a
// headline that the text below retells: 「編集長コラム「金曜日から」 編集長の
// コラムを公開しています。」 over 「「経済私考」私考」.
func sectionBlurb(lines []string, i int) bool {
	l := lines[i]
	if longerThan(l, 60) || strings.Count(l, "。") != 1 || !politeEnding(strings.TrimSuffix(l, "。")) {
		return false
	}
	h := nextNonBlank(lines, i+1)
	if h < 0 || longerThan(lines[h], 40) || isProse(lines[h]) || strings.Contains(lines[h], "。") {
		return false
	}
	if _, ok := titleScore(lines[h]); !ok {
		return false
	}
	body := nextNonBlank(lines, h+1)
	if body < 0 || !isProse(lines[body]) {
		return false
	}
	var lead leadBigrams
	for j, n := body, 0; j >= 0 && n < 3; j, n = nextNonBlank(lines, j+1), n+1 {
		lead.add(lines[j]) // the lead's first lines
	}
	lead = lead.done()
	pairs := 0
	eachBigram(lines[h], func(uint64) { pairs++ })
	shared := lead.shared(lines[h])
	return shared >= 2 || pairs > 0 && shared == pairs // 「灯台の夜」 has one pair to share

}

// isDateOnlyLine reports a line that is only dates (see dateLine).
func isDateOnlyLine(line string) bool {
	_, ok := dateLine(line)
	return ok
}

// isCategoryDateLine reports a section's name with the date (see
// categoryDateLine).
func isCategoryDateLine(line string) bool {
	_, _, ok := categoryDateLine(line)
	return ok
}

// splitLeadingDate reads a date that opens a line of the header zone and
// goes on with its title or its lead: 「2019/06/29 TITLE」「2023年02月25日
// 13:37 対外・国際…」. The date is recorded and the line keeps the rest. A
// lead that merely opens with a date keeps it, unless a time of day
// says it is the dateline.
func splitLeadingDate(m *meta, lines []string) (headline int) {
	seen := 0
	for i, line := range lines {
		if line == "" {
			continue
		}
		if seen++; seen > maxZoneLines {
			return -1
		}
		if date, rest, ok := editionLabel(line); ok {
			// 「【2022年6月1日(水)2面】 統合幕僚監部は…」: the issue and page
			// of the paper the story ran in.
			m.addDates([]datedAs{{date: date}})
			lines[i] = rest
			return -1
		}
		labelled, whole := false, line
		if loc := reLeadingDateLabel.FindStringIndex(line); loc != nil && containsDigit(line) {
			line, labelled = line[loc[1]:], true
		}
		dm, rest, ok := leadingDate(line)
		if ok && (isDateOnlyLine(whole) || !labelled && (isDateOnlyLine(line) || isCategoryDateLine(line))) {
			continue // 「2024.07.04 Thu posted at 11:30 JST」 is a date line as it stands
		}
		prose := zoneProse(lines, i)
		if ok && (dm.at != "" || labelled || !isProse(rest)) {
			m.addDates([]datedAs{{date: dm.date, at: dm.at}})
			lines[i] = rest
			if !isProse(rest) {
				return i // 「令和3年8月3日 新潟県知事 定例記者会見」: the date, then the headline
			}
			return -1
		}
		if prose && !headlineWithStop(lines, i) {
			return -1
		}
	}
	return -1
}

// reTrailingDate is a headline with its date after it, in square
// brackets or after a space: 「TITLE[2024/04/01 10:00]」「TITLE 2024.04.01」.
// A record's date in round brackets (「定例会見(2024年7月8日)」) is part of
// its title.
var reTrailingDate = regexp.MustCompile(`^(\S.{5,}?)[\s\x{3000}]*(?:[\[［]([^\[\]［］]{6,30})[\]］]|[\s\x{3000}]([0-9]{4}[./\-][0-9]{1,2}[./\-][0-9]{1,2}(?:[\s\x{3000}]+[0-9]{1,2}:[0-9]{2})?))$`)

// splitTrailingDate reads the date a headline carries at its end, in the
// header zone's first title-like line: the date is recorded, the line
// keeps the headline.
func splitTrailingDate(m *meta, lines []string) {
	seen := 0
	for i, line := range lines {
		if line == "" {
			continue
		}
		if seen++; seen > maxZoneLines {
			return
		}
		if !containsDigit(line) || !strings.ContainsAny(string(lastRune(line)), "]］0123456789") {
			if n := runeLen(line); n >= 20 && strings.Contains(line, "。") || n >= 12 && lastRune(line) == '。' {
				return // the first sentence (isProse without its note markers, which cost)
			}
			continue
		}
		if isDateOnlyLine(line) {
			continue
		}
		sm := reTrailingDate.FindStringSubmatch(line)
		if sm == nil {
			continue
		}
		dates, ok := dateLine(sm[2] + sm[3])
		if !ok {
			continue
		}
		if f := strings.Fields(sm[1]); sm[3] != "" && len(f) >= 2 && outletName(f[len(f)-1]) {
			// 「TITLE 北東新聞 2025/03/01」: the outlet between the headline and its date
			sm[1] = strings.TrimSpace(strings.TrimSuffix(sm[1], f[len(f)-1]))
		}
		if _, titled := titleScore(sm[1]); !titled || isDateOnlyLine(sm[1]) {
			continue
		}
		m.addDates(dates)
		lines[i] = sm[1]
		return
	}
}

// topProfile reads a profile box that opens the page, above the title:
// its heading (「プロフィール」), the writer's name, one to three lines of
// bio, then a headline with the text below it. The box's lines become the
// author and leave the zone, so that the headline below is found.
func topProfile(p *page, m *meta) {
	first := nextNonBlank(p.lines, 0)
	if first < 0 || !isProfileHeading(p.lines[first]) {
		return
	}
	name := nextNonBlank(p.lines, first+1)
	if name < 0 {
		return
	}
	if _, _, ok := personName(p.lines[name]); !ok {
		return
	}
	end, bio := name, 0
	for k := nextNonBlank(p.lines, name+1); k >= 0 && bio < 3 && isProse(p.lines[k]) && !longerThan(p.lines[k], 200) && bioLine(p.lines[k]); k = nextNonBlank(p.lines, k+1) {
		end, bio = k, bio+1
	}
	head := nextNonBlank(p.lines, end+1)
	if bio == 0 || head < 0 || isProse(p.lines[head]) || !nextIsProse(p.lines, head) {
		return
	}
	if _, ok := titleScore(p.lines[head]); !ok {
		return
	}
	var block []string
	for i := name; i <= end; i++ {
		block = append(block, p.lines[i])
	}
	m.authors = append(m.authors, profile(block)...)
	p.remove(first, reasonMark)
	for i := name; i <= end; i++ {
		p.remove(i, reasonMetadata)
	}
}

// bioLine reports a line of a person's bio: a career or a post.
func bioLine(l string) bool {
	return containsAny(l, "生まれ", "卒業", "経て", "現職", "専門", "出身", "修了") || roleWords.MatchString(l)
}

// reEditionLabel is a paper's issue date and page in brackets before the
// lead; reEditionRest is what may follow the date inside them.
var (
	reEditionLabel = regexp.MustCompile(`^[【\[［]([^】\]］]{6,30})[】\]］][\s\x{3000}]*(\S.*)$`)
	reEditionRest  = regexp.MustCompile(`^[\s\x{3000}]*(?:[(（][月火水木金土日][)）])?[\s\x{3000}]*(?:(?:朝刊|夕刊)?[\s\x{3000}]*[0-9０-９]{1,2}[\s\x{3000}]*面)?[\s\x{3000}]*$`)
)

// editionLabel reads 「【DATE(曜)N面】 LEAD」: the date, and the lead
// without its label.
func editionLabel(line string) (date, rest string, ok bool) {
	if r := firstRune(line); r != '【' && r != '[' && r != '［' || !strings.Contains(line, "面") {
		return "", "", false
	}
	m := reEditionLabel.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	dm, found := findDateTime(m[1])
	if !found || dm.start > 0 || dm.month || !reEditionRest.MatchString(m[1][dm.end:]) {
		return "", "", false
	}
	return dm.date, m[2], true
}

// reLeadingDateLabel names the date that follows it on the line: 「date
// 2026-02-25 先日、…」. The label says the date is the page's, even when
// the lead runs on after it.
var reLeadingDateLabel = regexp.MustCompile(`^(?i:date|posted(?: on)?|published(?: on)?|投稿日(?:時)?|公開日(?:時)?|掲載日(?:時)?)[\s\x{3000}]*[:：]?[\s\x{3000}]*`)

// headlineWithStop reports a headline made of a question and a phrase
// (「…に何を伝えるか。「X」の裏側」): short, with a full stop inside but
// not at its end, above a line of prose.
func headlineWithStop(lines []string, i int) bool {
	l := lines[i]
	if longerThan(l, 40) || isTerminal(lastRune(l)) || strings.ContainsAny(l, "、,") || hasNoteMarker(l) || dashQuestion(l) {
		return false
	}
	if stop := strings.LastIndex(l, "。"); stop < 0 || runeLen(l[stop:]) < 5 {
		return false // 「…したりもした。ロ」: a sentence broken after its first word
	}
	next := nextNonBlank(lines, i+1)
	return next >= 0 && isProse(lines[next])
}

// dashQuestion reports an interviewer's question opened by a doubled dash
// (「--…どう考えますか」「――その狙いは何か。」): a sentence or a question,
// where a subtitle set off by dashes (「――三つのシナリオ」) is a phrase.
func dashQuestion(l string) bool {
	rest, ok := "", false
	for _, dash := range []string{"--", "――", "——", "ーー", "－－"} {
		if rest, ok = strings.CutPrefix(l, dash); ok {
			break
		}
	}
	if !ok || strings.HasSuffix(rest, dashOf(l)) {
		return false
	}
	return strings.Contains(rest, "。") || strings.ContainsAny(string(lastRune(rest)), "?？") || strings.HasSuffix(rest, "か")
}

// dashOf returns the doubled dash l opens with.
func dashOf(l string) string {
	_, size := utf8.DecodeRuneInString(l)
	_, size2 := utf8.DecodeRuneInString(l[size:])
	return l[:size+size2]
}

// onlyLabels reports a zone of one-word labels so far (「お知らせ」「コラム」).
func onlyLabels(lines []string, zone []zoneLine) bool {
	for _, z := range zone {
		if !isCategoryLabel(lines[z.i]) {
			return false
		}
	}
	return true
}

// homeWords name a site's top page, where a navigation trail starts.
var homeWords = setOf("トップ", "トップページ", "ホーム", "HOME", "Home", "TOP", "Top", "ホームページ")

// dropNumberedCrumbs removes a navigation trail copied as a numbered
// list at the top (「1. トップページ」「2. 新聞協会ニュース」「3. TITLE」): a run
// of numbered lines from 1 whose first item is the home page. It returns
// the trail's sections, without the home page and the page itself.
func dropNumberedCrumbs(p *page) []string {
	var run []int
	for i, l := range p.lines {
		if l == "" {
			continue
		}
		m := reListNumber.FindStringSubmatch(l)
		if m == nil || atoi(m[1]+m[2]) != len(run)+1 {
			break
		}
		item := strings.TrimSpace(l[len(m[0]):])
		if len(run) == 0 && !homeWords[item] {
			return nil
		}
		run = append(run, i)
	}
	if len(run) < 2 {
		return nil
	}
	var sections []string
	for k, i := range run {
		if k > 0 && k < len(run)-1 {
			m := reListNumber.FindStringSubmatch(p.lines[i])
			sections = append(sections, strings.TrimSpace(p.lines[i][len(m[0]):]))
		}
		p.remove(i, reasonChrome)
	}
	return sections
}

// pendingLine returns the source line of an unattached position.
func pendingLine(lines []string, text string, before int) int {
	for i := 0; i < before && i < len(lines); i++ {
		if strings.Contains(lines[i], text) {
			return i + 1
		}
	}
	return 0
}

// speaksAgain reports whether the name on line i labels another line
// below: a dialogue's speaker. A name that stands once in the header is
// its byline (「2019年6月27日(木)16時25分」「トム・オコナー」).
// speakerOpensBody reports a speaker's label at i over prose: a speaker
// who speaks again, or a role in marks (who may speak once), opens the body.
func speakerOpensBody(lines []string, i int) bool {
	_, role, ok := speakerLabel(lines[i])
	return ok && nextIsProse(lines, i) && (role || speaksAgain(lines, i))
}

func speaksAgain(lines []string, i int) bool {
	for _, l := range lines[i+1:] {
		if l == lines[i] {
			return true
		}
	}
	return false
}

// nextIsProse reports whether the next non-blank line after i is prose.
func nextIsProse(lines []string, i int) bool {
	n := nextNonBlank(lines, i+1)
	return n >= 0 && isProse(lines[n])
}

// isSiteName reports the name of a site or an outlet on a line of its
// own: 「Yahoo!ニュース」「北東テレビNEWS」.
func isSiteName(line string) bool {
	return runeLen(line) <= 24 && !strings.ContainsAny(line, "。、") && reSiteName.MatchString(line)
}

// isBareName reports a line that is only a name, with no byline label.
func isBareName(line string) bool {
	_, _, ok := personName(line)
	return ok
}

// isMetaLine reports whether headerLine takes line, without keeping what
// it found.
func isMetaLine(probe *meta, line string, pending *string) bool {
	if _, ok := breadcrumbs(line); ok {
		return true
	}
	return probe.headerLine(line, pending)
}

// afterTitle handles a line below the title that is no metadata: a second
// title line (the subtitle), the alternative text of the image whose
// caption follows, or a one-word category. It reports false for the first
// line of the body.
func (m *meta) afterTitle(p *page, zone []zoneLine, k, title int) bool {
	line := p.lines[zone[k].i]
	next := func() *zoneLine {
		if k+1 < len(zone) {
			return &zone[k+1]
		}
		return nil
	}()
	n := runeLen(line)
	switch {
	case m.title != nil && line == *m.title:
		// 「TITLE | SITE」 in the title bar, then the headline: the same
		// words again are no subtitle.
		p.remove(zone[k].i, reasonRepeated)
		return true
	case next != nil && next.caption && n <= 30 && !strings.Contains(line, "。"):
		p.remove(zone[k].i, reasonImage)
		return true
	case k > title && allMeta(zone[title+1:k]) && m.subtitle == nil && next != nil && next.meta && n >= 6 && (n <= 60 || n <= 120 && latinLine(line)) && !strings.Contains(line, "。") && !fieldLine(unbracketed(line)):
		m.subtitle = ptr(unbracketed(line)) // 「(第48回衆議院選挙 開票結果を受けて)」: a deck set in brackets
		return true
	case k == title+1 && m.subtitle == nil && n <= 60 && !strings.Contains(line, "。") && !strings.HasPrefix(line, "【") && reInterviewDeck.MatchString(line):
		// 「政策研究大学院大学教授 道下徳成氏インタビュー」 under the title.
		m.subtitle = ptr(line)
		return true
	case k == title+1 && m.subtitle == nil && next == nil && n >= 15 && n <= 60 && strings.Contains(line, "、") && !strings.ContainsAny(line, "。「") && !isTerminal(lastRune(line)) && !sentenceFinal(line) && !politeEnding(line):
		// 「幹部粛清説まで流れた中、何を信じればいいのか、…本音」: a deck
		// between the title and the lead.
		m.subtitle = ptr(line)
		return true
	case k > title && m.series == nil && instalmentLine(line) != nil:
		// 「何処へゆく韓国 「親北反日」の迷路(1)」 under the title: the
		// series and the instalment's number.
		sm := instalmentLine(line)
		m.series, m.seriesNumber = ptr(strings.TrimSpace(sm[1])), ptr(halfWidth(sm[2]))
		return true
	case isSiteName(line) && (zone[k-1].meta || k == title+1 && !hasHiragana(line)):
		// 「北東テレビNEWS」 under the date, 「北東通信」 under the title
		// (no kana particle: a name, not a deck): the outlet's name.
		p.remove(zone[k].i, reasonChrome)
		return true
	case isCategoryLabel(line) && (next != nil || zone[k-1].meta || k == title+1 && sectionPair(line)):
		// A one-word line just above the first sentence is a category
		// among the dates and bylines (「国際」), else the body's first
		// heading (「要点と概要」 under a photograph).
		m.categories = append(m.categories, line)
		return true
	}
	return false
}

// fieldLine reports a short label and its value: 「コード番号:3922 東証プライム」.
func fieldLine(line string) bool {
	i := strings.IndexAny(line, ":：")
	return i > 0 && !longerThan(line[:i], 8)
}

// reInstalment is a series' name and an instalment's number in brackets.
var reInstalment = regexp.MustCompile(`^([^\s(（―—\-].{1,30}?)[\s\x{3000}]*[(（]([0-9０-９]{1,3})[)）]$`)

// instalmentLine matches a line of a series' name and number alone, no
// sentence and no subtitle set off by a dash.
func instalmentLine(line string) []string {
	if !strings.HasSuffix(line, ")") && !strings.HasSuffix(line, "）") || strings.ContainsAny(line, "。、―—") {
		return nil
	}
	return reInstalment.FindStringSubmatch(line)
}

// reInterviewDeck ends the deck of an interview or a talk: who speaks.
var reInterviewDeck = regexp.MustCompile(`(?:氏|さん|教授|大使|元首相|大臣)?(?:インタビュー|に聞く|が語る|との対談|対談)$`)

// reGluedLatin is an English title of three words or more run into the
// Japanese one before it.
var reGluedLatin = regexp.MustCompile(`^(.*[\p{Han}\p{Hiragana}\p{Katakana}ー」』])([A-Z][A-Za-z’'\-]*(?:\s+[A-Za-z’'\-]+){2,}[?!.]?)$`)

// gluedOriginalTitle splits such a line into the title and the original.
func gluedOriginalTitle(line string) (head, original string, ok bool) {
	if !strings.ContainsAny(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return "", "", false
	}
	sm := reGluedLatin.FindStringSubmatch(line)
	if sm == nil || runeLen(sm[1]) < 6 {
		return "", "", false
	}
	return sm[1], sm[2], true
}

// sectionPair reports a section's name made of two words joined by a
// middle dot or a slash (「国際・海外」「政治/外交」): a site's section, not a
// heading of the text, right under the title.
func sectionPair(line string) bool {
	for _, sep := range []string{"・", "/", "／"} {
		if a, b, ok := strings.Cut(line, sep); ok && a != "" && b != "" && !strings.Contains(b, sep) {
			return true
		}
	}
	return false
}

// latinLine reports a line written in a spaced script: an English
// original title under a translated one.
func latinLine(line string) bool {
	latin := 0
	for _, r := range line {
		switch {
		case isJP(r):
			return false
		case isLatinWord(r):
			latin++
		}
	}
	return latin*2 >= runeLen(line)
}

func allMeta(zone []zoneLine) bool {
	for _, z := range zone {
		if !z.meta {
			return false
		}
	}
	return true
}

// isCategoryLabel reports a one-word label: 「国際」「露朝関係」「北朝鮮」.
func isCategoryLabel(line string) bool {
	n := runeLen(line)
	if n > 8 || strings.ContainsFunc(line, func(r rune) bool { return isSpace(r) || strings.ContainsRune("。、，,：:!！?？「」", r) }) {
		return false
	}
	return !isOpeningHeading(line) && strings.ContainsFunc(line, unicode.IsLetter)
}

func isOpeningHeading(line string) bool {
	if r, l := firstRune(line), lastRune(line); strings.ContainsRune("<＜〈《【［[", r) && strings.ContainsRune(">＞〉》】］]", l) && runeLen(line) <= 12 {
		line = strings.TrimFunc(line, func(r rune) bool { return strings.ContainsRune("<＜〈《【［[>＞〉》】］]", r) })
	}
	for _, h := range openingHeadings {
		if line == h {
			return true
		}
	}
	return line == "序論" || line == "概要" || line == "要旨" || line == "要約" || line == "はじめに"
}

// bestTitle returns the index in zone of the line most like a title, or
// -1. Position counts most: a later line wins only when it scores far
// better. A one-word label is the title only when nothing else can be.
// A line the page prints twice (repeated reports the line index of one)
// and a line that shares words with the lead score better: a page
// repeats its headline and the lead retells it, not a label or chrome.
func bestTitle(lines []string, zone []zoneLine, repeated func(i int) bool) int {
	scores := make([]int, len(zone)) // a line's own score; below minTitleScore when it is no title
	owns := make([]int, len(zone))   // titleScoreAt's score, and whether the line can be a title
	oks := make([]bool, len(zone))
	for k, z := range zone {
		scores[k] = minTitleScore - 1
		if z.meta || z.caption {
			continue
		}
		owns[k], oks[k] = titleScoreAt(lines, z.i)
		if next := nextNonBlank(lines, z.i+1); oks[k] && (next < 0 || !continuationStart(lines[next])) {
			scores[k] = owns[k]
		}
	}
	if k := trailTitle(lines, zone); k >= 0 {
		return k
	}
	lead := leadWords(lines, zone)
	if k := anchoredTitle(lines, zone, scores, lead); k >= 0 {
		return k
	}
	best, bestScore, fallback := -1, minTitleScore, -1
	rank := 0
	for k, z := range zone {
		if z.meta || z.caption {
			continue
		}
		line := lines[z.i]
		own, ok := owns[k], oks[k]
		if next := nextNonBlank(lines, z.i+1); !ok || next >= 0 && continuationStart(lines[next]) {
			continue
		}
		if k+1 < len(zone) && seriesNameShape(line) && instalmentTitle(lines, zone[k+1].i) {
			continue // 「ワシントン・スケッチ」 over 「(9)TITLE」: the column's name
		}
		retold := lead.score(line)
		if own < minTitleScore && siteLike(line) {
			retold = 0 // a name the lead repeats (「北東リサーチ株式会社」) is still a name
		}
		if own+retold < minTitleScore { // 「県庁での取材」: short, but the lead retells it
			if fallback < 0 && isCategoryLabel(line) && !reSiteName.MatchString(line) && !blogCategories[line] && !sectionLabels[line] && !placeName(line) {
				fallback = k
			}
			continue
		}
		score := own - 12*rank
		rank++
		if repeated(z.i) || instalmentTitle(lines, z.i) {
			score += 16 // a headline printed twice, above and below its image or bar; an instalment's, numbered
		}
		score += retold
		if k+1 < len(zone) && (zone[k+1].meta || reSubtitle.MatchString(lines[zone[k+1].i])) {
			score += 4
		}
		if score > bestScore {
			best, bestScore = k, score
		}
	}
	if best < 0 {
		if k := len(zone) - 1; k >= 0 && !zone[k].meta && !zone[k].caption && oks[k] && hasHiragana(lines[zone[k].i]) && lead.retells(lines[zone[k].i]) {
			// 「港での取材」 right above the lead, which retells it: a short
			// title, not the menu's label.
			return k
		}
		return fallback
	}
	return best
}

// dashVariantBelow returns the zone's line a few lines below k that
// repeats it with other dashes or spaces, or -1.
func dashVariantBelow(lines []string, zone []zoneLine, k int) int {
	line := lines[zone[k].i]
	if !strings.ContainsAny(line, "-–—―‐") || !longerThan(line, 8) {
		return -1
	}
	key := dashFolded(line)
	for j := k + 1; j < len(zone) && j <= k+3; j++ {
		if l := lines[zone[j].i]; l != line && !zone[j].meta && len(l) >= len(line)-6 && len(l) <= len(line)+6 && dashFolded(l) == key {
			return j
		}
	}
	return -1
}

// dashFolded is a line with its dashes one and its spaces gone.
func dashFolded(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '–' || r == '—' || r == '―' || r == '‐' || r == '−':
			return '-'
		case isSpace(r):
			return -1
		}
		return r
	}, s)
}

// trailTitle returns the zone's line that a breadcrumb trail above it
// ends with, or -1: a trail's last part names the page it leads to, so
// the line that repeats it is the page's headline, whatever it looks like
// (「… > 市長記者会見 令和4年(2022)4月19日」 over the same words, which
// alone would read as a section's name and a date).
func trailTitle(lines []string, zone []zoneLine) int {
	for k, z := range zone {
		line := lines[z.i]
		if !strings.ContainsAny(line, ">＞»›≫") || len(line) < 12 {
			continue
		}
		parts := reCrumbs.Split(line, -1)
		last := strings.TrimSpace(parts[len(parts)-1])
		if len(parts) < 3 || !longerThan(last, 5) {
			continue
		}
		if _, ok := breadcrumbs(line); !ok {
			continue
		}
		for j := k + 1; j < len(zone) && j <= k+4; j++ {
			if !zone[j].caption && lines[zone[j].i] == last {
				return j
			}
		}
	}
	return -1
}

// anchoredTitle returns the title found by its place, or -1: a headline
// stands right above its byline, or above its date, whatever chrome and
// labels the page puts higher up. A byline anchors first (a date may
// stand above the title, a byline seldom does); the date lines between a
// title and its byline are passed over. Of two title-like lines right
// above the anchor, the first is the title and the second its subtitle,
// unless the first is much the weaker (a label or a site's name above a
// headline: a short title alone costs less than titlePairMargin).
func anchoredTitle(lines []string, zone []zoneLine, scores []int, lead leadBigrams) int {
	for _, byline := range []bool{true, false} {
		for k, z := range zone {
			if !z.meta || byline && !z.byline || !byline && !z.dated {
				continue
			}
			var run []int // the title-like lines right above k, nearest first
			for j := k - 1; j >= 0 && len(run) < 2; j-- {
				line := lines[zone[j].i]
				if zone[j].dated && !zone[j].byline && len(run) == 0 {
					continue
				}
				if byline && len(run) == 0 && j == k-1 && !zone[j].meta && !zone[j].caption && scores[j] >= minTitleScore-2 && hasHiragana(line) {
					// 「支局は記者の原点」 right above its writer's byline: a
					// short headline scores low; its place vouches for it.
					run = append(run, j)
					continue
				}
				if scores[j] < minTitleScore {
					if !zone[j].meta && !zone[j].caption && isCategoryLabel(line) {
						continue // 「国際」 between a site's name and the headline
					}
					break
				}
				run = append(run, j)
			}
			switch {
			case len(run) == 2 && (scores[run[1]]+titlePairMargin < scores[run[0]] || siteLike(lines[zone[run[1]].i]) && runeLen(lines[zone[run[0]].i]) >= 12):
				return run[0]
			case len(run) == 2 && lead.retells(lines[zone[run[0]].i]) && lead.shared(lines[zone[run[1]].i]) == 0:
				// 「内部・外部告発、情報求む!」 over a headline the lead
				// retells: the site's appeal, sharing no word with the text.
				return run[0]
			case len(run) == 2:
				return run[1]
			case len(run) == 1:
				return run[0]
			}
		}
	}
	return -1
}

const titlePairMargin = 6

// siteLike reports a short line that reads as a name, not a phrase: no
// kana particle, no quotation (「北東ビジネス」「NEWS ONLINE」, not
// 「露朝「同盟」の射程」).
func siteLike(line string) bool {
	return runeLen(line) < 12 && !strings.ContainsAny(line, "「」『』“”") &&
		!hasHiragana(line)
}

// blogCategories are the sections a blog files a post under by default:
// a label, never the post's title.
var blogCategories = setOf("未分類", "Uncategorized", "uncategorized", "カテゴリーなし", "雑記", "日記", "お知らせ", "その他", "ブログ", "未分類の記事")

// reSeriesAfterTitle is a series and its number in lenticular brackets
// after a headline: 「…吉川明日香編集長【編集者の時代 第5回】」.
var reSeriesAfterTitle = regexp.MustCompile(`^(\S.{5,}?)[\s\x{3000}]*【([^【】#]{2,20}?)[\s\x{3000}]*(?:第[\s\x{3000}]*([0-9０-９]{1,4})[\s\x{3000}]*[回節]|#[\s\x{3000}]*([0-9０-９]{1,4}))】$`)

// seriesWordOut removes the word 「連載」 that labels a series' name:
// 「連載・港町の未来」 is the series 「港町の未来」.
func seriesWordOut(s string) string {
	for _, w := range []string{"連載・", "連載:", "連載：", "連載 ", "連載\u3000", "シリーズ・", "シリーズ "} {
		if rest, ok := strings.CutPrefix(s, w); ok && runeLen(rest) >= 2 {
			return rest
		}
	}
	return s
}

// reFromLabel is a site's section of notices from its owner: 「北東市からの
// お知らせ」, a label above the notice's own title.
var reFromLabel = regexp.MustCompile(`^\S{1,16}(?:から|より)の(?:お知らせ|ニュース|情報|ご案内)$`)

// sectionLabels name a site's section above the page's own title: a
// ministry's 「報道発表」, a politician's 「活動報告」. The section is no
// title, even when it is the only short line above the text.
var sectionLabels = setOf("報道発表", "記者発表", "活動報告", "活動日誌", "活動記録", "国会報告", "新着情報", "お知らせ", "トピックス",
	"報道資料", "発表資料", "プレスリリース", "ニュースリリース", "事務局便り", "会見録", "談話", "声明")

// labelCompound reports two section labels run together: 「お知らせトピックス」.
func labelCompound(line string) bool {
	if longerThan(line, 16) {
		return false
	}
	for w := range sectionLabels {
		if rest, ok := strings.CutPrefix(line, w); ok && rest != "" && (sectionLabels[rest] || blogCategories[rest]) {
			return true
		}
	}
	return false
}

// reDatedCaptionTail is a photograph's caption with when and where it was
// taken after an equals sign: 「…謝罪する署長=11日正午すぎ、三好署」.
var reDatedCaptionTail = regexp.MustCompile(`[=＝][0-9０-９]{1,2}日(?:[午前後朝昼夜正中すぎ過ごろ頃]{0,6})、`)

// datedCaptionForm reports a line in the form of such a caption: never a
// headline, which names no day and place after an equals sign.
func datedCaptionForm(line string) bool {
	return strings.ContainsAny(line, "=＝") && reDatedCaptionTail.MatchString(line)
}

// minTitleScore is the score a line needs to be taken for a title.
const minTitleScore = 4

// titleScore scores a line as a title on its own; ok is false for lines
// that cannot be one (a sentence, a label, a name).
func titleScore(line string) (int, bool) {
	if listItem(line) || controlLine(line) {
		return 0, false // an item of a bulleted list; a page's control
	}
	if strings.HasSuffix(line, "回】") || strings.HasSuffix(line, "節】") || strings.Contains(line, "#") && strings.HasSuffix(line, "】") {
		if sm := reSeriesAfterTitle.FindStringSubmatch(line); sm != nil {
			line = sm[1] // the series label after a headline is no part of its length
		}
	}
	n := runeLen(line)
	if strings.HasSuffix(line, "外部リンク>") || strings.HasSuffix(line, "外部リンク)") || strings.HasSuffix(line, "外部リンク]") {
		return 0, false // 「(記者会見の動画を…ご覧になれます)<外部リンク>」: a link
	}
	if n < 2 || n > 120 || lastRune(line) == '。' || strings.Contains(line, "。") && n > 40 && !quotedStopsOnly(line) || columnLabels[line] || featureLabel(line) || containsAny(line, "からの", "よりの") && reFromLabel.MatchString(line) {
		return 0, false
	}
	if _, _, isName := personName(line); isName {
		return 0, false
	}
	if sectionLabels[line] || labelCompound(line) || dashQuestion(line) || bracketedLabel(line) || datedCaptionForm(line) {
		return 0, false // a site's section; an interviewer's question; 「【メルマガ独自解説】」
	}
	if n >= 20 && strings.HasSuffix(line, ".") && latinLine(line) && strings.Count(line, " ") >= 4 {
		return 0, false // 「For English, check ABOUT ME below….」: a sentence in English, no headline
	}
	if n >= 20 && leadWithoutStop(line) {
		return 0, false // 「港の再開発について、市は1日に計画案を公表した」: the lead, its full stop lost
	}
	if n >= 25 && strings.Contains(line, "、") && politeEnding(strings.TrimRightFunc(line, isDecoration)) {
		return 0, false // 「…幅広いジャンルについて投稿しています」: a blog's tagline, a sentence
	}
	if inner, ok := strings.CutPrefix(line, "「"); ok && strings.HasSuffix(inner, "」") && strings.Count(line, "「") == 1 && politeEnding(strings.TrimSuffix(inner, "」")) {
		return 0, false // 「…お恥ずかしい限りです」: a quoted remark opening the lead, in the polite speech a headline does not use
	}
	if _, ok := breadcrumbs(line); ok {
		return 0, false
	}
	score := 10
	switch {
	case n < 6:
		score -= 5
	case n < 10:
		score -= 3
	case n <= 80:
		score += 3
	}
	if (n <= 24 && strings.HasSuffix(line, "ニュース") || n <= 30 && reSiteName.MatchString(line)) && !containsDigit(line) && !strings.ContainsAny(line, ":：") {
		score -= 12 // a site's name; 「…:今週のITニュース」 with its dates is a headline
	}
	if n <= 16 && outletName(line) {
		score -= 12
	}
	if head, ok := titleBar(line); ok && siteHead(head) {
		score -= 12 // 「PR TIMES MAGAZINE|広報PRの…Webメディア」: the site's own bar, its name and tagline
	}
	if n <= 40 && reOrgName.MatchString(line) {
		score -= 10
	}
	if isCategoryLabel(line) {
		score -= 5
	}
	return score, true
}

// leadWithoutStop reports a sentence in the plain past or the copula
// with a clause and its topic (「…について、市は…を公表した」): the lead's
// first sentence, which a headline, clipped to nouns and the present
// tense, is not.
func leadWithoutStop(line string) bool {
	if !strings.Contains(line, "、") || !strings.Contains(line, "は") || strings.ContainsAny(line, "「」『』?？!！") {
		return false
	}
	for _, e := range []string{"した", "った", "んだ", "である", "ている", "ていた", "られた", "された", "だった"} {
		if strings.HasSuffix(line, e) {
			return true
		}
	}
	return false
}

// isDecoration reports a mark a casual writer ends a sentence with in
// place of a full stop: 「…変わりました☆」「…です♪」.
func isDecoration(r rune) bool {
	return strings.ContainsRune("☆★♪♡♥!！~〜～…", r)
}

// outletWords are in the names of newspapers and their sites.
var outletWords = []string{"新聞", "日報", "新報", "通信社", "放送局", "タイムス", "デジタル", "DIGITAL"}

// outletName reports a paper's or a site's name with words after the
// outlet's (「北東日報デジタルプラス」): no kana particle, an outlet word.
func outletName(line string) bool {
	if !containsAny(line, outletWords...) {
		return false
	}
	return !hasHiragana(line)
}

// setTitle records the title line: a series line may carry it, a column
// label or a dash may stand in it, and an author may follow it after a
// wide gap.
func (m *meta) setTitle(line string, pending *string) {
	if series, number, date, rest, ok := seriesLine(line); ok && rest != "" {
		m.series, m.seriesNumber = ptrOrNil(series), ptr(number)
		if date != "" {
			m.publishedOn = ptr(date)
		}
		line = rest
	}
	if _, text, ok := markdownHeading(line); ok {
		line = text
	}
	if sm := reSeriesInTitle.FindStringSubmatch(line); sm != nil && m.series == nil {
		m.series, m.seriesNumber = ptr(sm[1]), ptr(sm[2])
		line = sm[3]
	} else if sm := reNumberInTitle.FindStringSubmatch(line); sm != nil && m.seriesNumber == nil {
		m.seriesNumber, line = ptr(halfWidth(sm[1])), sm[2] // 「【#0012】TITLE」: the number alone
	} else if sm := reSeriesMidTitle.FindStringSubmatch(line); sm != nil && m.series == nil {
		// 「郷土紙という超ローカル新聞(連載12)TITLE」: the series, its number, the title.
		m.series, m.seriesNumber, line = ptr(sm[1]), ptr(halfWidth(sm[2])), sm[3]
	}
	if sm := reSeriesAfterTitle.FindStringSubmatch(line); sm != nil && m.series == nil {
		m.series, m.seriesNumber = ptr(seriesWordOut(sm[2])), ptr(halfWidth(sm[3]+sm[4]))
		line = sm[1]
	}
	if sm := reLabelPrefix.FindStringSubmatch(line); sm != nil {
		m.categories = append(m.categories, sm[1])
		line = sm[2]
	} else if sm := reBracketLabel.FindStringSubmatch(line); sm != nil {
		m.categories = append(m.categories, sm[1])
		line = sm[2]
	} else if label, rest, ok := titleLabel(line); ok {
		if !containsDigit(label) {
			m.categories = append(m.categories, label)
		}
		line = rest
	}
	if sm := reNumberBeforeTitle.FindStringSubmatch(line); sm != nil && m.seriesNumber == nil && (sm[1] != "" || m.series != nil) {
		// 「第212回 …講演」 alone counts the event: the title's; under a
		// feature's name it numbers the instalment.
		m.seriesNumber, line = ptr(halfWidth(sm[1]+sm[2])), sm[3] // 「Vol.3 TITLE」「第3回 TITLE」
	}
	if sm := reParenNumberTitle.FindStringSubmatch(line); sm != nil && m.seriesNumber == nil {
		m.seriesNumber, line = ptr(halfWidth(sm[1])), sm[2] // 「(9)TITLE」: the instalment's number
	}
	if sm := reSeriesBar.FindStringSubmatch(line); sm != nil && m.series == nil {
		// 「PR TIMES Renewal Journal VOL.2 | TITLE」: the series and its
		// number before the bar, the title after it.
		m.series, m.seriesNumber, line = ptr(strings.TrimSpace(sm[1])), ptr(halfWidth(sm[2])), sm[3]
	}
	if head, ok := titleBar(line); ok {
		line = head // 「HEADLINE|SECTION|SITE」
	}
	line = siteSuffixOut(line)
	line = angleQuotedOut(line)
	if sm := reTrailingLabel.FindStringSubmatch(line); sm != nil && trailingLabels[sm[2]] {
		m.categories = append(m.categories, sm[2])
		line = strings.TrimSpace(sm[1]) // 「…千葉県警【追記あり】」
	}
	for _, bar := range []string{"|", "｜"} {
		// 「TITLE|AUTHOR」: a magazine's site names the writer after a bar.
		if head, name, ok := strings.Cut(line, bar); ok && runeLen(head) >= 6 {
			if n, reading, isName := personName(name); isName {
				m.addAuthor(docAuthor(n, reading), pending)
				line = head
				break
			}
		}
	}
	if sm := reColumnBeforeTitle.FindStringSubmatch(line); sm != nil && m.series == nil && !containsDigit(sm[1]) && !columnLabels[sm[1]] && !trailingLabels[sm[1]] {
		m.series, line = ptr(strings.TrimSpace(sm[1])), sm[2] // 「(パブリックエディターから …)TITLE」: the column's name in brackets
	}
	if i := strings.LastIndex(line, " "); i > 0 && runeLen(line[:i]) >= 6 && fullName(line[i+1:]) {
		// 「TITLE 岡本峰子」: a family and a given name the analyzer knows
		// as such after the headline sign it; 「…会談 岸田首相」 does not.
		m.addAuthor(doc.Author{Name: line[i+1:]}, pending)
		line = line[:i]
	}
	if sm := reWideGap.FindStringSubmatch(line); sm != nil {
		if name, reading, ok := personName(sm[2]); ok {
			m.addAuthor(docAuthor(name, reading), pending)
			line = sm[1]
		}
	}
	if head, name, ok := dashedAuthor(line); ok {
		m.addAuthor(doc.Author{Name: name}, pending)
		line = head
	}
	if sm := reTitleEqualsName.FindStringSubmatch(line); sm != nil {
		if a, ok := oneAuthor(sm[2]); ok {
			m.addAuthor(a, pending) // 「TITLE＝森川一郎（北東大学教授）」: the writer after an equals sign
			line = strings.TrimSpace(sm[1])
		}
	}
	if sm := reSeriesDash.FindStringSubmatch(line); sm != nil && m.series == nil {
		m.series, m.title = ptr(sm[1]), ptr(sm[2]) // 「連載コラム「…」— TITLE」: the series leads
		return
	}
	if head, sub, ok := cutTitleDash(line); ok {
		if reSeriesHead.MatchString(head) && m.series == nil {
			m.series, m.title = ptr(head), ptr(sub) // 「連載コラム「…」— TITLE」: the series leads
			return
		}
		m.title, m.subtitle = ptr(head), ptr(sub)
		return
	}
	m.title = ptr(line)
}

var (
	// A short label before a title: 「【新春企画】…」「特別リポート:…」「4月25日:…」.
	reTitleBracketLabel = regexp.MustCompile(`^(?:[【\[［]([^】\]］【\[［]{1,10})[】\]］]|[<＜〈]([^>＞〉<＜〈]{1,10})[>＞〉])\s*(\S.*)$`)
	reTitleColonLabel   = regexp.MustCompile(`^([^\s:：「」『』()（）【】|｜]{2,8})[:：]\s*(\S.*)$`)
	// The site's name after a bar: 「TITLE | BLOG NAME」; hashtags closing a title.
	reTitleSite     = regexp.MustCompile(`^(.+?)[\s\x{3000}]+[|｜][\s\x{3000}]+\S.{0,40}$`)
	reTitleHashtags = regexp.MustCompile(`(?:[\s\x{3000}]+[#＃][^\s\x{3000}#＃]+)+$`)
)

// reTrailingLabel is a label in lenticular brackets after a headline,
// and trailingLabels the words such labels hold: what the page adds to
// the headline (an update, a video), no part of it.
var reTrailingLabel = regexp.MustCompile(`^(\S.{5,}?)[\s\x{3000}]*【([^【】]{1,8})】$`)

var trailingLabels = setOf("追記あり", "追記", "更新", "更新あり", "動画", "動画あり", "写真", "写真あり", "写真多数", "速報", "詳報", "続報", "訂正", "訂正あり", "独自", "詳しく", "図解", "全文", "一覧", "PR", "最新", "まとめ", "随時更新")

// reTitleCategory is a blog category in square brackets after a title.
var reTitleCategory = regexp.MustCompile(`^(.+?)[\s\x{3000}]+[\[［]([^\[\]［］0-9０-９]{1,10})[\]］]$`)

// titleLabel splits a short label off the start of a title, when what
// follows is long enough to be the title itself.
func titleLabel(line string) (label, rest string, ok bool) {
	if sm := reTitleBracketLabel.FindStringSubmatch(line); sm != nil && runeLen(sm[3]) >= 10 {
		return strings.TrimSpace(sm[1] + sm[2]), sm[3], true
	}
	if sm := reTitleColonLabel.FindStringSubmatch(line); sm != nil && runeLen(sm[2]) >= 10 && !topicPrefix(sm[1]) {
		return strings.TrimSpace(sm[1]), sm[2], true
	}
	return "", "", false
}

// topicPrefix reports the topic a wire headline opens with before a
// colon (「日米首脳会談:日本は…」): a compound of event nouns, part of the
// headline, where a label names a genre or a date (「特別リポート:」「4月25日:」).
func topicPrefix(label string) bool {
	if runeLen(label) < 4 || containsDigit(label) {
		return false
	}
	for _, w := range []string{"会談", "会議", "首脳", "選挙", "協議", "交渉", "会合", "サミット", "決算", "裁判", "判決"} {
		if strings.HasSuffix(label, w) {
			return true
		}
	}
	return false
}

// titleSite returns the site's name a title bar adds after a bar, or "".
func titleSite(line string) string {
	if sm := reTitleSite.FindStringSubmatchIndex(line); sm != nil && runeLen(line[sm[2]:sm[3]]) >= 4 {
		return strings.TrimLeft(line[sm[3]:], " \u3000|｜")
	}
	if _, site, ok := gluedSiteSuffix(line); ok {
		return site
	}
	return ""
}

// reLatinBrand is a site's name in capitals: 「TBS NEWS DIG」.
var reLatinBrand = regexp.MustCompile(`^[A-Z0-9][A-Z0-9.&!\-]*(?:\s+[A-Z0-9][A-Z0-9.&!\-]*){0,3}$`)

// gluedSiteSuffix splits a site's name set after a bar without spaces:
// 「…なぜ?【news23】|TBS NEWS DIG」.
func gluedSiteSuffix(line string) (head, site string, ok bool) {
	i := strings.LastIndexAny(line, "|｜")
	if i <= 0 {
		return "", "", false
	}
	_, size := utf8.DecodeRuneInString(line[i:])
	head, site = strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+size:])
	if runeLen(head) < 6 || longerThan(site, 30) || !(isSiteName(site) || reSiteName.MatchString(site) || reLatinBrand.MatchString(site)) {
		return "", "", false
	}
	return head, site, true
}

// siteSuffixOut removes what a page's title bar adds to the headline: the
// site's name after a bar, hashtags.
func siteSuffixOut(line string) string {
	if sm := reTitleSite.FindStringSubmatch(line); sm != nil && runeLen(sm[1]) >= 4 {
		line = sm[1]
	} else if head, _, ok := gluedSiteSuffix(line); ok {
		line = head
	}
	if sm := reTitleCategory.FindStringSubmatch(line); sm != nil && runeLen(sm[1]) >= 4 {
		line = sm[1] // 「5-6月前半にかけてのお仕事 [雑感]」: the blog files the post under a category
	}
	if loc := reTitleHashtags.FindStringIndex(line); loc != nil && loc[0] > 0 && runeLen(line[:loc[0]]) >= 4 {
		line = line[:loc[0]]
	}
	if l := lastRune(line); l == ')' || l == '）' {
		if sm := reTitleOutlet.FindStringSubmatch(line); sm != nil && bracketedOutlet(sm[2]) {
			line = sm[1] // 「…得たもの(AbemaTIMES)」: an aggregator names the source
		} else if loc := reTitlePageOf.FindStringIndex(line); loc != nil && loc[0] > 0 {
			line = strings.TrimRightFunc(line[:loc[0]], isSpace) // 「…再開へ (1/2ページ)」: which page of the article
		}
	}
	return line
}

// reTitlePageOf is the page of a multi-page article after its headline.
var reTitlePageOf = regexp.MustCompile(`[\s\x{3000}]*[(（][\s\x{3000}]*[0-9０-９]{1,2}[\s\x{3000}]*(?:[/／][\s\x{3000}]*[0-9０-９]{1,2}[\s\x{3000}]*(?:ページ|頁)?|ページ目|頁目)[\s\x{3000}]*[)）]$`)

// reTitleOutlet is a headline with a name in brackets at its end.
var reTitleOutlet = regexp.MustCompile(`^(.{8,}?)[\s\x{3000}]*[(（]([^()（）]{2,24})[)）]$`)

// bracketedOutlet reports an outlet's name as aggregators set it after a
// headline: a site's or a paper's name, or a brand in Latin letters with
// capitals inside (「AbemaTIMES」「AFP」).
func bracketedOutlet(s string) bool {
	if isSiteName(s) || outletName(s) || reLatinBrand.MatchString(s) && runeLen(s) >= 3 && strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return true
	}
	upper := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			upper++
		case r >= 'a' && r <= 'z':
		default:
			return false
		}
	}
	return upper >= 2 && runeLen(s) >= 4
}

// dashedAuthor splits a writer's name off a title after a doubled dash:
// 「「港の記憶」を語り継ぐ――森川一郎」.
func dashedAuthor(line string) (head, name string, ok bool) {
	if !strings.ContainsAny(line, "―—─－") {
		return "", "", false
	}
	sm := reTitleDash.FindStringSubmatch(line)
	if sm == nil || runeLen(sm[1]) < 6 {
		return "", "", false
	}
	n, _, isName := personName(sm[2])
	if !isName {
		// 「あらたな大学問題――関西大学教授・竹内洋」: the writer's post and name.
		if a, ok := roleThenName(sm[2]); ok {
			return strings.TrimSpace(sm[1]), a.Name, true
		}
		return "", "", false
	}
	return strings.TrimSpace(sm[1]), n, true
}

// cutTitleDash splits 「Title —— Subtitle」 at a dash outside brackets.
func cutTitleDash(line string) (head, sub string, ok bool) {
	sm := reTitleDash.FindStringSubmatchIndex(line)
	if sm == nil {
		return "", "", false
	}
	head = line[sm[2]:sm[3]]
	if runeLen(line[sm[4]:sm[5]]) < 5 {
		return "", "", false // 「…──専門家」 attributes the headline, it is no subtitle
	}
	if _, _, isName := personName(line[sm[4]:sm[5]]); isName {
		return "", "", false // 「…語り継ぐ――森川一郎」: the writer, see dashedAuthor
	}
	if strings.Count(head, "「") != strings.Count(head, "」") || strings.Count(head, "『") != strings.Count(head, "』") {
		return "", "", false
	}
	return head, line[sm[4]:sm[5]], true
}

// reDatedPostTitle is a blog post's headline with its date in square
// brackets after it: 「先輩研究者のご紹介 [2020年03月30日(Mon)]」.
var reDatedPostTitle = regexp.MustCompile(`^(\S.{1,80}?)[\s\x{3000}]*[\[［]([^\[\]［］]{6,40})[\]］]$`)

// blogPostHeader finds a post's dated headline below a blog's own header
// and sidebar (its name and tagline, a calendar, archive links): the
// lines above it are the blog's, not the post's, and are removed; the
// headline stays as the header's first line and its date is recorded.
func blogPostHeader(p *page, m *meta) {
	seen := 0
	for i, line := range p.lines {
		if line == "" {
			continue
		}
		if seen++; seen > 2*maxZoneLines {
			return
		}
		if !strings.HasSuffix(line, "]") && !strings.HasSuffix(line, "］") {
			continue
		}
		sm := reDatedPostTitle.FindStringSubmatch(line)
		if sm == nil {
			continue
		}
		dates, ok := dateLine(sm[2])
		if _, titled := titleScore(sm[1]); !ok || !titled || !nextIsProse(p.lines, i) || seen == 1 {
			continue
		}
		for _, above := range p.lines[:i] {
			if _, dated := dateLine(above); dated {
				return // the page is dated above: no blog header to pass over
			}
		}
		for j := 0; j < i; j++ {
			p.remove(j, reasonChrome)
		}
		m.addDates(dates)
		p.lines[i] = sm[1]
		return
	}
}

// belowMasthead returns the headline below a site's masthead: a zone of
// only site names (「全国郷土紙連合」「全国12新聞社加盟example.com」) ended by
// the site's tagline, one short line of prose, and then a headline above
// the article's first sentence.
func belowMasthead(p *page, zone []zoneLine, end int) (int, bool) {
	if len(zone) == 0 || end >= len(p.lines) || longerThan(p.lines[end], 200) {
		return 0, false
	}
	latinName := len(zone) == 1 && latinMostly(p.lines[zone[0].i])
	if longerThan(p.lines[end], 60) && !latinName {
		return 0, false // a long tagline only under a blog's name in Latin letters
	}
	for _, z := range zone {
		l := p.lines[z.i]
		if z.meta || z.caption || !(isSiteName(l) || siteLike(l) && !longerThan(l, 10) || reSiteName.MatchString(l) || latinName) {
			return 0, false
		}
	}
	j := nextNonBlank(p.lines, end+1)
	if j >= 0 && reArchiveMonth.MatchString(p.lines[j]) {
		p.remove(j, reasonChrome) // 「2019年03月」: the month of a blog's archive page
		j = nextNonBlank(p.lines, j+1)
	}
	if j < 0 || isProse(p.lines[j]) || !nextIsProse(p.lines, j) {
		return 0, false
	}
	if score, ok := titleScore(p.lines[j]); !ok || score < minTitleScore+3 {
		return 0, false
	}
	return j, true
}

// taglineWords are in the line a blog sets under its name to say what it
// is about (「…について書きます。」「…鈴木俊吾の成長日記」「日常生活の雑感を…」).
var taglineWords = []string{"ブログ", "日記", "日々", "雑感", "備忘録", "綴", "書いて", "書きます", "書き出して", "書く", "記録", "発信", "紹介", "お届け", "お伝え", "提供して", "つぶやき", "気まぐれ", "趣味", "成長", "毎日", "日常", "について", "暮らし", "情報サイト", "メディアです"}

// taglineLine reports a blog's tagline: short, and saying what the blog
// writes about.
func taglineLine(l string) bool {
	return !longerThan(l, 80) && containsAny(l, taglineWords...)
}

// belowTagline returns the post's headline under a blog's name and
// tagline: the zone opens with one short name, the tagline follows
// (as the zone's end when it is a sentence, or as its second line), and
// then a headline with the post's text below it (past its image's
// reference and caption, or the headline printed again).
func belowTagline(p *page, zone []zoneLine, end int) (headline, text int, ok bool) {
	if len(zone) == 0 || zone[0].meta || zone[0].caption || longerThan(p.lines[zone[0].i], 24) {
		return 0, 0, false
	}
	tagline := -1
	switch {
	case len(zone) == 1 && end < len(p.lines) && taglineLine(p.lines[end]):
		tagline = end
	case len(zone) >= 3 && !zone[1].meta && !zone[1].caption && taglineLine(p.lines[zone[1].i]) && !isProse(p.lines[zone[1].i]):
		tagline = zone[1].i
	default:
		return 0, 0, false
	}
	j := nextNonBlank(p.lines, tagline+1)
	for j >= 0 && (controlLine(p.lines[j]) || isDateOnlyLine(p.lines[j])) {
		j = nextNonBlank(p.lines, j+1) // 「SPONSORED LINK」; the post's date, read by the caller
	}
	if j < 0 {
		return 0, 0, false
	}
	head := p.lines[j]
	twice := printedAgain(p.lines, j) || p.printedTwice[j] || p.repeatedBelow(j) // a headline above and below its image
	var probe meta
	var pending string
	if isMetaLine(&probe, head, &pending) || !twice && p.captionLine(j, head) {
		return 0, 0, false // a date or a byline under the tagline: the zone's own business
	}
	// Under a tagline a post's headline may be one short sentence with
	// its full stop (「日記とブログは分けるべきだなと思った。」): its place says
	// what it is, as long as prose follows it.
	sentence := !twice && lastRune(head) == '。' && strings.Count(head, "。") == 1 && !longerThan(head, 40)
	if score, ok := titleScoreAt(p.lines, j); !sentence && (!ok && !twice || ok && score < minTitleScore) {
		return 0, 0, false
	}
	if isProse(head) && !twice && !sentence {
		return 0, 0, false
	}
	// The text below the headline, past an image's reference and its
	// caption (two short lines at most).
	k, skipped := nextNonBlank(p.lines, j+1), 0
	for k >= 0 && skipped < 3 && !isProse(p.lines[k]) && (controlLine(p.lines[k]) || p.lines[k] == head || !longerThan(p.lines[k], 40) && lastRune(p.lines[k]) != '。') {
		k, skipped = nextNonBlank(p.lines, k+1), skipped+1
	}
	return j, k, k >= 0 && (isProse(p.lines[k]) || lastRune(p.lines[k]) == '。')
}

// repeatedBelow reports line j printed again a few lines below it, the
// repeat already removed.
func (p *page) repeatedBelow(j int) bool {
	at := p.lineNo(j)
	for _, r := range p.removed {
		if r.Reason == reasonRepeated && r.Text == p.lines[j] && r.Line > at && r.Line <= at+6 {
			return true
		}
	}
	return false
}

// removedAs reports a line between from and to (indices of p.lines)
// removed for reason.
func (p *page) removedAs(from, to int, reason string) bool {
	a, b := p.lineNo(from), p.lineNo(to)
	for _, r := range p.removed {
		if r.Reason == reason && r.Line > a && r.Line < b {
			return true
		}
	}
	return false
}

// headerField reports a labelled list or a date line: metadata under a
// blog post's headline.
func headerField(l string) bool {
	if _, ok := dateLine(l); ok {
		return true
	}
	_, _, ok := labelledList(l)
	return ok
}

// printedAgain reports a line the next few lines repeat: a headline
// printed twice, above and below its image.
func printedAgain(lines []string, j int) bool {
	for k, seen := j+1, 0; k < len(lines) && seen < 3; k++ {
		if lines[k] == "" {
			continue
		}
		if lines[k] == lines[j] {
			return true
		}
		seen++
	}
	return false
}

// reParenNumberTitle is an instalment's number in brackets before its
// title: 「(9)対テロ戦略残り2年 …」.
var reParenNumberTitle = regexp.MustCompile(`^[(（]([0-9０-９]{1,3})[)）][\s\x{3000}]*(\S.{5,})$`)

// instalmentTitle reports a line numbered in brackets that opens no list
// of numbered headings: a number above one with no neighbour numbered
// one less or one more anywhere in the text. A body's first numbered
// heading is its first; an instalment of a column carries its own number.
func instalmentTitle(lines []string, i int) bool {
	if r := firstRune(lines[i]); r != '(' && r != '（' {
		return false
	}
	sm := reParenNumberTitle.FindStringSubmatch(lines[i])
	if sm == nil {
		return false
	}
	n := atoi(halfWidth(sm[1]))
	if n < 2 {
		return false
	}
	for j, l := range lines {
		if j == i || l == "" {
			continue
		}
		if o := reParenNumberTitle.FindStringSubmatch(l); o != nil {
			if m := atoi(halfWidth(o[1])); m == n-1 || m == n+1 {
				return false
			}
		}
	}
	return true
}

// seriesNameShape reports a short line that can name a column: no
// sentence, no date, no bracket of its own.
func seriesNameShape(line string) bool {
	n := runeLen(line)
	return n >= 3 && n <= 20 && !strings.ContainsAny(line, "。、()（）【】[]") && !containsDigit(line)
}

// reColumnBeforeTitle is a column's name in brackets opening the
// headline: 「(パブリックエディターから 新聞と読者のあいだで)地方取材、…」.
var reColumnBeforeTitle = regexp.MustCompile(`^[(（]([^()（）]{4,30})[)）](\S.{5,})$`)

// fullName reports a family name and a given name written together, both
// known to the analyzer as such (「岡本峰子」): a name, where a name and a
// post (「岸田首相」) or a noun are not.
func fullName(s string) bool {
	n := runeLen(s)
	if n < 3 || n > 6 || strings.ContainsFunc(s, func(r rune) bool { return !isHan(r) }) {
		return false
	}
	toks := jatext.Tokenize(s)
	if len(toks) < 2 || !isPOS(toks[0], "姓") {
		return false
	}
	for _, t := range toks[1:] {
		if !isPOS(t, "名") {
			return false
		}
	}
	return true
}

// reFeatureNumber is a serial's label, its name and the instalment's
// number: 「連載 港のいま 第5回」.
var reFeatureNumber = regexp.MustCompile(`^(?:連載|シリーズ)[\s\x{3000}:：|｜・]+(\S.{1,30}?)[\s\x{3000}]*第[\s\x{3000}]*([0-9０-９]{1,3})[\s\x{3000}]*回$`)

// reFeatureName is a feature's or a serial's label and its name.
var reFeatureName = regexp.MustCompile(`^(?:特集|連載|シリーズ)[\s\x{3000}:：|｜・]+(\S.{1,30})$`)

// reSeriesHead is a series' name before a dash in a title line.
var reSeriesHead = regexp.MustCompile(`^(?:連載|連載コラム|シリーズ|短期連載)[\s\x{3000}:：]?[「『【]`)

// reSeriesDash is a series' name in brackets, a dash and the title.
var reSeriesDash = regexp.MustCompile(`^((?:連載|連載コラム|シリーズ|短期連載)[\s\x{3000}:：]?[「『【][^」』】]+[」』】])[\s\x{3000}]*[—―‐-]+[\s\x{3000}]*(\S.+)$`)

// angleQuotedOut removes the double angle brackets a diary sets its day's
// title in: 「<<修行する>>」「《…》」.
func angleQuotedOut(line string) string {
	for _, pair := range [][2]string{{"<<", ">>"}, {"《", "》"}, {"＜＜", "＞＞"}, {"≪", "≫"}} {
		if inner, ok := strings.CutPrefix(line, pair[0]); ok && strings.HasSuffix(inner, pair[1]) && !strings.Contains(inner[:len(inner)-len(pair[1])], pair[0]) {
			if t := strings.TrimSpace(strings.TrimSuffix(inner, pair[1])); t != "" {
				return t
			}
		}
	}
	return line
}

// reArchiveMonth is a year and a month alone: the heading of a blog's
// archive page.
var reArchiveMonth = regexp.MustCompile(`^[0-9]{4}年[0-9]{1,2}月$`)

// latinMostly reports a line written mostly in Latin letters (a blog's
// name, 「Politologue Sans Frontieres 「国境なき政治学者」」).
func latinMostly(l string) bool {
	latin, letters := 0, 0
	for _, r := range l {
		switch {
		case r < 0x80 && unicode.IsLetter(r):
			latin++
			letters++
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters > 0 && latin*2 > letters
}
