package htmldoc

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/notes"
	"github.com/sourcecmp/sourcecmp/internal/recog"
	"github.com/sourcecmp/sourcecmp/internal/recog/webchrome"
)

var (
	// 「SSIコメンタリー 第52号」 names a series and its number.
	reSeries = regexp.MustCompile(`^(.{2,30}?)\s*第\s*([0-9０-９]{1,5})\s*号`)
	// A notes heading opens a list of note bodies: 注, 脚注, Notes.
	reNotesHeading = regexp.MustCompile(`^[【\[［<＜■]?\s*(?:注|註|注釈|脚注|注記|原注|Notes?|NOTES|Endnotes|Footnotes)\s*[】\]］>＞]?$`)
	// A note's own leading label: 「※1 」「1.」「[1]」「注1」.
	reNoteLead = regexp.MustCompile(`^(?:[\[［(（]\s*([0-9０-９]{1,3})\s*[\]］)）]|(※|注|\*|＊)\s*([0-9０-９]{1,3})|([0-9０-９]{1,3})\s*[.．、)）:：])\s*`)
	// A name with its reading: 「小林 直人（こばやし なおと）」.
	reNameReading = regexp.MustCompile(`^(.{2,16}?)\s*[(（]\s*([\p{Hiragana}ー・ 　]{2,20})\s*[)）]$`)
)

// assembler builds the document from the page's blocks.
type assembler struct {
	d         *doc.Document
	m         *meta
	inBody    bool // a body paragraph or heading has been seen
	inNotes   bool // after a notes heading
	afterSite bool // the last block was a heading of the site's name
	// headAuthorKeys are the name keys of the head's authors, made on
	// first use.
	headAuthorKeys map[string]bool
	headAuthorLen  int // the longest head author's name, in bytes
	// sideProfile are the lines of a writer's box in a sidebar: only
	// its name is read, and only when the page names no writer else.
	sideProfile []block
	notes       notes.List
	profile     []block
	dateline    []string
	// pageDates are the dates set apart from the article, in an element
	// that names a date (「<div id="update-date">」 under the contact box).
	pageDates []string
	// dateLabel is set by a heading or cell that labels the date under it
	// (「提供日」 in a press release's table): whether it is an update.
	dateLabel  string
	titleKey   string
	blogSite   string // the blog's name a 「ブログ名 - 記事名」 <title> gives
	seen       int    // blocks filed so far
	titleAt    int    // the block count when the headline was seen, 0 before
	skipTo     int    // under a heading of related links: its level, until a heading as high
	skipReason string // why what stands under that heading goes
	// leadCredit is a picture's credit set above its caption (「Image
	// source, Soti」 over the figcaption), for the caption that follows.
	leadCredit string
	h1Key      string // the <h1> squashed, when it holds the byline besides the title
	titleSeen  int    // the block count when a line that is the title was filed
	firstLine  int    // the page line of the body's first paragraph
	inLinks    bool   // after a label of related links (「新着記事」) under the text
	inTags     bool   // after a tag list's bare label (「ジャンル ：」)
}

// assemble turns the blocks of a page into a document.
func assemble(blocks []block, m *meta, r *readability.Article) (*doc.Document, error) {
	a := &assembler{m: m, d: &doc.Document{
		Format: doc.FormatHTML, Extraction: doc.ExtractionWeb,
		Authors: []doc.Author{}, Categories: []string{}, Keywords: []string{}, Sections: []doc.Section{},
		Footnotes: []doc.Footnote{}, Captions: []doc.Caption{}, Removed: []doc.RemovedLine{}, Warnings: []string{},
	}}
	// A note begun by its label alone (Hatena's 「*1」 link, then the
	// body in a span) takes the body without a space before it.
	a.notes.Join = func(body, more string) string {
		if strings.TrimSpace(body) == "" {
			return more
		}
		return body + " " + more
	}
	a.d.Title = a.title(blocks)
	if a.d.Title != nil {
		a.titleKey = squash(*a.d.Title)
	}
	styledSubheads(blocks)
	zone := a.headerZone(blocks)
	teasers := linkLists(blocks)
	for i, b := range blocks {
		if teasers[i] && a.inBody && b.role == roleNone {
			if _, named := recog.Chrome(b.text); !named { // a tag line stays tags
				b.role, b.reason = roleChrome, "related"
			}
		}
		if zone[i] && b.role != roleCaption {
			if b.role == roleChrome {
				b.role = b.own
			}
			if a.header(b) {
				continue
			}
			b.role = roleChrome
		}
		if zone[i] && b.role == roleCaption {
			b.inArticle = true // the lead photo's caption between the headline and the text
		}
		a.block(b)
	}
	a.endByline()
	a.deck()
	rankLevels(a.d.Sections)
	if len(a.d.Paragraphs()) == 0 {
		return nil, ErrNoContent
	}
	a.metadata(r)
	a.notes.Complete(a.d)
	a.profiles()
	var all strings.Builder
	for _, p := range a.d.Paragraphs() {
		all.WriteString(p.Text)
	}
	a.d.Language = language(m.lang, all.String())
	return a.d, nil
}

// dashByline reads a byline of a name and a dash, the date after it or
// set apart: 「Name –」, 「Name – May 18, 2025」.
func dashByline(s string) (name, date string, ok bool) {
	s = strings.TrimSpace(s)
	for _, sep := range []string{" – ", " — ", " · ", " | "} {
		if l, r, found := strings.Cut(s, sep); found && reLatinName.MatchString(strings.TrimSpace(l)) && isDateLine(strings.TrimSpace(r)) {
			return strings.TrimSpace(l), strings.TrimSpace(r), true
		}
	}
	if t := strings.TrimSpace(strings.TrimRight(s, " –—·|")); t != s && reLatinName.MatchString(t) {
		return t, "", true
	}
	return "", "", false
}

// reLatinName is a person's name in Latin letters: two to four words,
// each capitalised.
var reLatinName = regexp.MustCompile(`^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}$`)

// reEnglishDateWords are the words of an English date line.
var reEnglishDateWords = regexp.MustCompile(`\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|am|pm|a\.m\.|p\.m\.|utc|gmt|bst|est|edt|pst|pdt|cet|jst|et|pt|on|at)\b\.?,?`)

// reReadingTime is the time an article takes to read: 「3 min read」
// 「この記事は約5分で読めます」「読了時間：約3分」.
var reReadingTime = regexp.MustCompile(`(?i)[·・|｜]?\s*(?:\d+\s*(?:min(?:ute)?s?)\s*read|(?:この記事は)?約?\s*[0-9０-９]+\s*分で読めます|読了(?:時間|目安)\s*[:：]?\s*約?\s*[0-9０-９]+\s*分)`)

// reLatinSlug is a label in Latin letters over a Japanese article: a word
// in capitals (「COLUMN」「SPECIAL REPORT」) or a romanised slug
// (「machi-no-kioku」).
var reLatinSlug = regexp.MustCompile(`^(?:[A-Z][A-Z0-9&]{2,15}(?:[ -][A-Z0-9&]{2,15}){0,2}|[a-z]{2,12}(?:[-_][a-z]{1,12}){1,4})$`)

// reCreditLabel is a credit line's label: 「写真提供：」「Photo: 」.
var reCreditLabel = regexp.MustCompile(`^(?i:写真提供|画像提供|写真|画像|撮影|提供|出典|photo(?:graph)?|image|credit)\s*[:：]\s*`)

// reCreditWords are in a picture's credit line.
var reCreditWords = regexp.MustCompile(`(?i)photo|getty|reuters|\bap\b|afp|epa|courtesy|pool|提供|撮影|写真|共同|時事`)

// looksLikeCredit reports a caption line that is only a credit: short,
// no sentence, an agency's or photographer's name with a slash or a word
// for a picture (「Reuters/Noah Berger/File photo」「©田中写真事務所」).
func looksLikeCredit(s string) bool {
	s = strings.TrimSpace(s)
	if runeLen(s) > 50 || strings.Contains(s, "。") || strings.Contains(s, ". ") {
		return false
	}
	return strings.ContainsAny(s, "/／©") || reCreditWords.MatchString(s)
}

// isLongProse reports a paragraph no list of links holds: long, of two
// sentences or more, not a link.
func isLongProse(b block) bool {
	t := strings.TrimSpace(b.text)
	ends := strings.Count(t, "。") + strings.Count(t, ". ") + strings.Count(t, "? ")
	if strings.HasSuffix(t, ".") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "!") {
		ends++
	}
	return !b.linkOnly && runeLen(t) >= 120 && ends >= 2
}

// styledSubheads turns into headings the body's subheads that pages set
// as styled lines rather than <h2>/<h3>: a short line all in <strong>,
// or one a mark opens (「■」「◆」), no sentence, with prose on both
// sides. Lines in tables and lists, numbered steps, labels before a
// colon and names of four letters are no subheads.
func styledSubheads(blocks []block) {
	prose := func(b block) bool {
		t := strings.TrimSpace(b.text)
		return b.heading == 0 && b.role == roleNone && !b.linkOnly && runeLen(t) >= 30 && strings.ContainsAny(lastRune(t), "。」』.!?”")
	}
	for i := 1; i+1 < len(blocks); i++ {
		b := &blocks[i]
		t := strings.TrimSpace(b.text)
		if !b.inArticle || b.heading > 0 || b.role != roleNone || b.linkOnly || b.inCell || runeLen(t) < 5 || runeLen(t) > 30 || strings.ContainsAny(t, "。:：") || reNumberedItem.MatchString(t) {
			continue
		}
		marked := strings.ContainsAny(string([]rune(t)[0]), subheadMarks)
		if marked && runeLen(strings.TrimLeft(t, subheadMarks+" 　")) < 5 {
			continue // 「◇北浜鉄道」: a company's name over a personnel note
		}
		if !b.bold && !marked || !prose(blocks[i-1]) || !prose(blocks[i+1]) {
			continue
		}
		b.heading = 6
		if marked {
			b.text = strings.TrimSpace(strings.TrimLeft(t, subheadMarks+" 　"))
		}
	}
}

// reNumberedItem opens a numbered step or item: 「2．申請等」「(1)」.
var reNumberedItem = regexp.MustCompile(`^[(（]?[0-9０-９]+[)）.．、]`)

// subheadMarks open a subhead set as a line of text.
const subheadMarks = "■◆◇●▼▽□▲"

// headerZone marks the blocks of the article's header that stand before
// the article's element: the title's <h1> outside it and what follows
// up to the article (dateline, byline), as many templates print them,
// short of navigation and share buttons.
func (a *assembler) headerZone(blocks []block) map[int]bool {
	first := slices.IndexFunc(blocks, func(b block) bool { return b.inArticle })
	zone := map[int]bool{}
	if first < 0 || a.titleKey == "" {
		return zone
	}
	start := -1
	for i := first; i >= 0 && i >= first-30; i-- {
		if blocks[i].heading > 0 && a.isTitle(blocks[i].text) {
			start = i
			break
		}
	}
	if start < 0 {
		return zone
	}
	// A date printed above the headline (a diary's day) is the header's.
	for i := start - 1; i >= 0 && i >= start-3; i-- {
		if isDateLine(blocks[i].text) && blocks[i].reason != "navigation" {
			start = i
			break
		}
	}
	for i := start; i < first; i++ {
		switch blocks[i].reason {
		case "navigation", "share", "breadcrumb", "ad", "related", "sidebar", "comments", "tags":
			continue
		}
		zone[i] = true
	}
	return zone
}

// block files one block where it belongs.
func (a *assembler) block(b block) {
	remove := func(reason string) {
		a.d.Removed = append(a.d.Removed, doc.RemovedLine{Line: b.line, Text: b.text, Reason: reason})
	}
	a.seen++
	if a.inLinks && b.heading == 0 && (b.role == roleNone || b.role == roleCategory || b.role == roleDate) {
		// The list under a 「新着記事」 label: titles, dates and section
		// names, up to a line that ends a sentence.
		if t := strings.TrimSpace(b.text); runeLen(t) <= 100 && !strings.HasSuffix(t, "。") {
			remove("related")
			return
		}
	}
	a.inLinks = false
	if a.inTags && b.heading == 0 && (b.linkOnly && runeLen(b.text) <= 30 || isTagList(b.text)) {
		// The links under a bare tag label, one a line: the tags.
		a.d.Keywords = append(a.d.Keywords, tagWords(b.text)...)
		remove("tags")
		return
	}
	a.inTags = false
	if a.afterSite {
		// The blog's tagline under its name, and the platform's links
		// (「Ameba アメーバブログ ログイン」) before the entry.
		a.afterSite = b.heading == 0 && !a.inBody && (b.linkOnly || runeLen(b.text) <= 40) && !strings.ContainsAny(b.text, "。．")
		if a.afterSite {
			remove("header")
			return
		}
	}
	if a.skipTo > 0 && b.inArticle && b.role != roleNote && b.role != roleNotes {
		if b.heading == 0 && isLongProse(b) {
			a.skipTo = 0 // the text goes on: no list of links holds such a paragraph
		} else if b.heading == 0 || b.heading > a.skipTo {
			remove(a.skipReason)
			return
		}
		a.skipTo = 0
	}
	if authors, ok := creditList(b.text); ok && b.heading == 0 && b.inArticle && runeLen(b.text) <= 60 {
		// 「（取材・文／名前、写真／名前）」, whatever its element is named.
		for _, au := range authors {
			a.d.Authors = appendAuthor(a.d.Authors, au)
		}
		remove("byline")
		return
	}
	if m := reLeadCredit.FindStringSubmatch(b.text); m != nil && b.heading == 0 && b.inArticle {
		a.leadCredit = strings.TrimSpace(m[1])
		remove("credit")
		return
	}
	switch {
	case b.role == roleNote || b.role == roleNotes && b.heading == 0:
		a.note(b)
		return
	case b.role == roleNotes: // the notes box's own heading
		return
	case !b.inArticle && b.role == roleProfile && a.inBody:
		// The writer's box set after the article's element (a
		// column's 「執筆者プロフィール」), not in a sidebar.
		a.profile = append(a.profile, b)
		remove("profile")
		return
	case !b.inArticle && b.own == roleByline && a.inBody && b.reason == "footer" && runeLen(b.text) <= 30 && !strings.Contains(strings.ToLower(b.text), "powered") && len(a.m.authors) == 0:
		// An entry footer's author item outside the entry's element
		// (livedoor's <li class="article-author">).
		if n, ok := bareName(b.text); ok {
			a.d.Authors = appendAuthor(a.d.Authors, doc.Author{Name: n})
		}
		remove("byline")
		return
	case !b.inArticle && a.inBody && b.reason == "footer" && b.heading == 0 && runeLen(b.text) <= 100 && reTagLine.MatchString(b.text):
		// An entry footer's 「タグ：…」 outside the entry's element: the
		// post's tags, not the site's footer.
		a.d.Keywords = append(a.d.Keywords, tagWords(b.text)...)
		remove("tags")
		return
	case !b.inArticle:
		if b.own == roleProfile {
			a.sideProfile = append(a.sideProfile, b)
		}
		if b.role == roleDate && b.heading == 0 && isDateLine(b.text) {
			a.pageDates = append(a.pageDates, firstNonEmpty(b.datetime, b.text))
		}
		remove(firstNonEmpty(b.reason, "chrome"))
		return
	case b.role == roleChrome && (!a.inBody || b.inHead) && b.datetime != "" && runeLen(b.text) <= 40 && b.reason != "related" && b.reason != "comments":
		// A <time> among the header's tools (print, share, history) is
		// the article's dateline.
		a.dateline = append(a.dateline, b.datetime, b.text)
		return
	case b.role == roleChrome:
		if b.own == roleProfile {
			a.sideProfile = append(a.sideProfile, b)
		}
		remove(b.reason)
		if b.reason == "tags" && reBareLabel.MatchString(b.text) {
			a.inTags = !b.linkOnly // 「ジャンル ：」 over the links that are the tags
		} else if b.reason == "tags" {
			a.d.Keywords = append(a.d.Keywords, tagWords(b.text)...)
		}
		return
	case b.role == roleSeries && b.heading == 0 && runeLen(b.text) <= 40 && !a.inBody:
		// A series' label over the headline: 「連載：まちの記憶」.
		if !a.header(b) {
			a.series(b.text)
		}
		return
	case b.role == roleCategory && a.inBody:
		a.category(b.text)
		return
	case b.role == roleDisclaimer || isDisclaimer(b.text):
		remove("disclaimer")
		return
	case b.role == roleProfile:
		a.profile = append(a.profile, b)
		remove("profile")
		return
	case b.role == roleCaption && isZoomLink(b):
		remove("chrome") // a zoom link beside the caption: 「写真を拡大」
		return
	case b.role == roleByline && b.heading == 0 && a.opensWithAuthor(b.text):
		// 「Nick Statt, is a Senior Producer on …」: the writer's line
		// with a bio after the name, the byline's, not the text's.
		remove("byline")
		return
	case b.role == roleByline && a.inBody && b.heading == 0 && runeLen(b.text) <= 40:
		// A blog's entry footer credits the writer by an hCard or an
		// author item (Hatena's 「id:sakanaya_k」, livedoor's
		// <li class="article-author">): the author, not text.
		if authors, ok := readByline(b.text, a.siteNames()); ok {
			for _, au := range authors {
				a.d.Authors = appendAuthor(a.d.Authors, au)
			}
		} else if n, ok := bareName(strings.TrimPrefix(strings.TrimSpace(b.text), "id:")); ok {
			a.d.Authors = appendAuthor(a.d.Authors, doc.Author{Name: n})
		} else if reUILabel.MatchString(strings.TrimSpace(b.text)) {
			// 「Reporter」「View Bio」 in the writer's card: the card's, not text.
		} else {
			break // 「（文・中村 由紀子）」: an end byline, read below
		}
		remove("byline")
		return
	case b.heading > 0 && a.isSiteName(b.text):
		remove("header") // a blog skin's <h1> of the blog's name
		a.afterSite = true
		return
	case b.heading == 0 && (slices.Contains(a.m.outlets, strings.TrimSpace(b.text)) || a.isTitleSource(strings.TrimSpace(b.text))):
		// 「週刊まちかど」 under a portal's date line: the outlet the
		// head credits, named alone, is the story's source, not its text.
		remove("source")
		return
	case b.heading == 0 && b.role != roleProfile && a.isHeadAuthor(b.text):
		// The writer's name alone beside a follow button (note's
		// creator link): the head names the author already.
		remove("byline")
		return
	case b.heading == 0 && b.linkOnly && a.isSectionName(b.text):
		// 「社会」「地震・災害」: a link to a section the page's breadcrumb
		// or article section names, under the headline or in the
		// footer's genre list, files the article; it is no text.
		a.category(strings.TrimSpace(b.text))
		remove("category")
		return
	case b.role == roleCaption:
		text, credit := recog.Credit(b.text)
		if m := reEnglishCredit.FindStringSubmatch(text); credit == nil && m != nil {
			// 「Supplies arrive by boat. Photograph: Name/Agency」
			text, credit = m[1], &m[2]
		}
		if strings.TrimSpace(text) == "" && credit != nil {
			if n := len(a.d.Captions); n > 0 && a.d.Captions[n-1].Credit == nil && reCreditLabel.MatchString(strings.TrimSpace(b.text)) {
				// 「写真提供：…」 in a box of its own under the caption: its credit.
				c := *credit
				a.d.Captions[n-1].Credit = &c
			}
			remove("credit") // only a credit, 「（湾岸テレビ）」 after a station's story
			return
		}
		if credit != nil {
			// 「＝…、松井健太撮影」: the photographer, not the act.
			if n, ok := bareName(strings.TrimSuffix(*credit, "撮影")); ok && n != *credit && !poolCredits[n] {
				credit = &n
			}
		}
		text = strings.TrimSpace(reCaptionLabel.ReplaceAllString(text, ""))
		if text == "" {
			remove("label") // 「Image caption,」, read aloud before the caption
			return
		}
		if n := len(a.d.Captions); credit == nil && n > 0 && a.d.Captions[n-1].Credit == nil && looksLikeCredit(text) {
			// The credit in a box of its own under the caption
			// (<div class="photo-credit">Agency/Name/File photo</div>).
			c := strings.TrimSpace(reCreditLabel.ReplaceAllString(text, ""))
			a.d.Captions[n-1].Credit = &c
			remove("credit")
			return
		}
		if lead := a.leadCredit; credit == nil && lead != "" {
			credit = &lead
		}
		a.leadCredit = ""
		if credit != nil {
			// 「… Photograph: Name/Agency」 split at the name: the label goes.
			text = strings.TrimSpace(reTrailingCreditLabel.ReplaceAllString(text, ""))
		}
		a.d.Captions = append(a.d.Captions, doc.Caption{Text: text, Credit: credit})
		return
	}
	if m := reEnglishByline.FindStringSubmatch(b.text); m != nil && b.heading == 0 {
		// 「TEXT BY ARIELLE PARDES」 under the text credits its author.
		a.d.Authors = appendAuthor(a.d.Authors, doc.Author{Name: strings.TrimSpace(m[1])})
		remove("byline")
		return
	}
	if reCreditLine.MatchString(b.text) && b.heading == 0 {
		// 「Image: Amazon.co.jp」「TRANSLATION BY …」 under a picture or at
		// the end: the credit of a caption, or of the article's photos.
		if n := len(a.d.Captions); n > 0 && a.d.Captions[n-1].Credit == nil {
			credit := strings.TrimSpace(reCreditLead.ReplaceAllString(b.text, ""))
			a.d.Captions[n-1].Credit = &credit
		}
		remove("credit")
		return
	}
	if reSourceLine.MatchString(b.text) && b.heading == 0 && !strings.Contains(b.text, "。") {
		// 「Source: バンダイ」 closing a story: where it came from, as a
		// photo's credit says who took it; not a sentence of its own.
		remove("credit")
		return
	}
	if b.heading == 0 && !hasLetter(b.text) {
		remove("marks") // 「-」 left between a page's widgets
		return
	}
	if b.heading == 0 && a.inBody && len(b.text) <= 60 && reClock.MatchString(b.text) && isDateLine(b.text) {
		// 「2019/04/21 11:51」 repeated under the text with the share
		// buttons: a time stamp, not a sentence.
		a.dateline = append(a.dateline, firstNonEmpty(b.datetime, b.text))
		remove("date")
		return
	}
	if b.heading == 0 && strings.ContainsAny(b.text, "|｜") && runeLen(b.text) <= 80 && reLabelledMeta.MatchString(b.text) {
		// 「| カテゴリー 社会 | タグ 政治, 消費税, 経済」
		for _, part := range strings.FieldsFunc(b.text, func(r rune) bool { return r == '|' || r == '｜' }) {
			if m := reLabelledPart.FindStringSubmatch(strings.TrimSpace(part)); m != nil {
				if strings.HasPrefix(m[1], "タグ") || strings.EqualFold(m[1][:1], "t") {
					a.d.Keywords = append(a.d.Keywords, tagWords(m[2])...)
				} else {
					a.d.Categories = append(a.d.Categories, splitList(m[2])...)
				}
			}
		}
		remove("category")
		return
	}
	if m := rePostTail.FindStringSubmatch(b.text); m != nil && b.heading == 0 && a.inBody && runeLen(b.text) <= 80 && isDateLine(strings.TrimSpace(m[2])) {
		// 「by ID | 2025-04-22 06:30 | category」 closing a blog's entry:
		// who posted it and when, not a sentence.
		a.dateline = append(a.dateline, strings.TrimSpace(m[2]))
		remove("byline")
		return
	}
	if b.heading == 0 && a.inBody && b.datetime != "" && runeLen(b.text) <= 30 && reUpdatedLabel.MatchString(b.text) {
		// 「最終更新:11/5(水) 9:02」 under the story, its <time> saying when
		// it was last changed.
		a.dateline = append(a.dateline, "更新 "+b.datetime)
		remove("date")
		return
	}
	if b.heading == 0 && len(b.text) <= 24 && (reFieldLabel.MatchString(b.text) || !a.inBody && reCount.MatchString(b.text)) {
		// 「Posted on」 left by the date it labels, 「by」 by the name,
		// and above the body a page-view or like count (「6,762」).
		remove("label")
		return
	}
	if b.heading == 0 {
		// A heading's chrome is told by relatedHeading below, which reads
		// chromeLine itself: each block runs it once.
		if reason, ok := chromeLine(b); ok && !endsInWireCredit(b.text) && !(reason == "boilerplate" && a.inContactSection() && !webchrome.ReCopyright.MatchString(b.text)) && !(reason == "paywall" && isServiceRequest(b.text)) {
			remove(reason)
			a.inLinks = reason == "related" && a.inBody && !b.linkOnly
			a.inTags = reason == "tags" && !b.linkOnly && (reBareLabel.MatchString(b.text) || reTopicsLabel.MatchString(b.text))
			if reason == "tags" {
				a.d.Keywords = append(a.d.Keywords, tagWords(b.text)...)
			}
			return
		}
	}
	if b.heading == 0 && a.inBody && runeLen(b.text) <= 60 && recog.IsMetaLine(b.text) {
		// 「カテゴリー:観測レポート」 under the text files the article.
		if authors, categories := recog.MetaLine(b.text); len(authors)+len(categories) > 0 {
			a.metaLine(b.text)
			remove("category")
			return
		}
	}
	if name, date, ok := dashByline(b.text); a.titleAt > 0 && a.seen-a.titleAt <= 4 && b.heading == 0 && ok {
		// 「Chris Stokel-Walker –」 under the headline, 「Name – May 18,
		// 2025」: the byline's name, and the date after the dash.
		a.d.Authors = appendAuthor(a.d.Authors, doc.Author{Name: name})
		if date != "" {
			a.dateline = append(a.dateline, firstNonEmpty(b.datetime, date))
		}
		remove("byline")
		return
	}
	if a.titleAt > 0 && a.seen-a.titleAt <= 4 && b.heading == 0 && isDateLine(b.text) {
		// A date line just under the headline is its dateline, however
		// much chrome the page set before the headline.
		a.dateline = append(a.dateline, b.text)
		return
	}
	if label := a.dateLabel; label != "" {
		a.dateLabel = ""
		if b.heading == 0 && isDateLine(b.text) {
			a.dateline = append(a.dateline, label+" "+b.text)
			remove("date")
			return
		}
	}
	if m := reDateLabel.FindStringSubmatch(strings.TrimSpace(b.text)); m != nil && runeLen(b.text) <= 8 {
		// 「提供日」 over 「2020年4月22日」: the label of the date below.
		a.dateLabel = m[0]
		remove("label")
		return
	}
	if b.role == roleDate && b.heading == 0 && runeLen(b.text) <= 60 {
		a.dateline = append(a.dateline, firstNonEmpty(b.datetime, b.text), b.text)
		return
	}
	if (!a.inBody || b.inHead) && b.heading == 0 && a.header(b) {
		return
	}
	if !a.inBody && b.heading > 0 && a.header(b) {
		return
	}
	if t := strings.TrimSpace(b.text); b.role == roleSubtitle && a.inBody && b.heading == 0 && runeLen(t) >= 2 && runeLen(t) <= 40 && !strings.HasSuffix(t, "。") && len(a.d.Paragraphs()) > 0 {
		// A subhead the page sets as a classed line inside the body
		// (<p class="midashi">, <span class="sub-head">): a section's heading.
		b.heading = 6
		b.text = strings.TrimSpace(strings.TrimLeft(t, subheadMarks+" 　"))
	}
	if b.heading > 0 && !hasLetter(b.text) {
		return // a heading of marks only (「/」 between two category names)
	}
	if reason, ok := relatedHeading(b); ok {
		// 「関連記事」「おすすめ記事」 as the article's own heading: what
		// stands under it, to the next heading as high, is links.
		a.skipTo, a.skipReason = b.heading, firstNonEmpty(reason, "related")
		remove(reason)
		return
	}
	if b.heading > 0 && b.role == roleByline && !a.isTitle(b.text) {
		// An author box's own heading (「「…」編集部」 over its bio): the
		// box's, not a section's.
		a.profile = append(a.profile, b)
		remove("profile")
		return
	}
	if b.heading > 0 {
		if a.isTitle(b.text) {
			if a.titleAt == 0 {
				a.beforeHeadline()
			}
			a.titleAt = a.seen
			return // the headline repeated in the article's own header
		}
		a.inBody = true
		if reNotesHeading.MatchString(b.text) {
			a.inNotes = true
			return
		}
		a.inNotes = false
		a.d.Sections = append(a.d.Sections, doc.Section{Heading: &b.text, Level: b.heading, Paragraphs: []doc.Paragraph{}})
		return
	}
	if a.inNotes {
		a.note(b)
		return
	}
	if !a.inBody && b.heading == 0 && reLatinSlug.MatchString(strings.TrimSpace(b.text)) && a.titleKey != "" && strings.ContainsFunc(a.titleKey, isJP) {
		// 「COLUMN」「INTERVIEW」「kodawari-no-mise」 over a Japanese
		// headline: the section's label in Latin letters, not text.
		remove("label")
		return
	}
	if !a.inBody && a.titleAt == 0 && b.linkOnly && runeLen(b.text) <= 20 && a.titleKey != "" {
		// A short link above the headline, before any text (a logo
		// written as text, a section's name): the site's navigation.
		remove("navigation")
		return
	}
	a.inBody = true
	if a.firstLine == 0 {
		a.firstLine = b.line
	}
	if len(a.d.Sections) == 0 {
		a.d.Sections = append(a.d.Sections, doc.Section{Level: 1, Paragraphs: []doc.Paragraph{}})
	}
	if len(a.d.Paragraphs()) == 0 {
		for _, au := range datelineAuthors(b.text) {
			a.d.Authors = appendAuthor(a.d.Authors, au)
		}
	}
	for _, au := range closingAuthors(b.text) {
		a.d.Authors = appendAuthor(a.d.Authors, au)
	}
	s := &a.d.Sections[len(a.d.Sections)-1]
	refs := b.refs
	if refs == nil {
		refs = []doc.FootnoteRef{}
	}
	s.Paragraphs = append(s.Paragraphs, doc.Paragraph{Text: b.text, FootnoteRefs: refs})
}

// opensWithAuthor reports a line that opens with a writer's name the
// head gives, then a comma and more about them.
func (a *assembler) opensWithAuthor(s string) bool {
	for _, au := range a.m.authors {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(s), au.Name); ok && au.Name != "" && (strings.HasPrefix(rest, ",") || strings.HasPrefix(rest, "，") || strings.HasPrefix(rest, "、")) {
			return true
		}
	}
	return false
}

// isServiceRequest reports a sentence of a public service's page that
// asks the reader to apply (「あらかじめお電話でお申し込みください。」),
// which a paywall's prompt words alike but never without its own words.
func isServiceRequest(s string) bool {
	return strings.HasSuffix(strings.TrimSpace(s), "。") && !webchrome.ContainsAny(s, "会員", "購読", "有料", "ログイン", "登録", "続き", "全文", "プラン")
}

// reContactSection is the heading of the article's own section on where
// to apply or ask (「申請書提出先および問い合わせ先」「相談窓口」): its phone
// lines are what the section says, not the site's contact boilerplate.
var reContactSection = regexp.MustCompile(`問い?合わ?せ|連絡先|提出先|申請先|申込先|窓口|相談先`)

// inContactSection reports whether the article's current section is one.
func (a *assembler) inContactSection() bool {
	if n := len(a.d.Sections); n > 0 && a.inBody {
		h := a.d.Sections[n-1].Heading
		return h != nil && reContactSection.MatchString(*h)
	}
	return false
}

// isTitleSource reports the outlet a portal's head title names in
// brackets after the headline (「見出し（みなと日報）」), set as a line.
func (a *assembler) isTitleSource(s string) bool {
	if a.d.Title == nil || s == "" || runeLen(s) > 20 {
		return false
	}
	for _, t := range append(slices.Clone(a.m.titles), a.m.pageTitle) {
		if strings.Contains(collapse(t), *a.d.Title+"（"+s+"）") || strings.Contains(collapse(t), *a.d.Title+"("+s+")") {
			return true
		}
	}
	return false
}

// header files the lines above the body: title, subtitle, series line,
// byline, dateline, category. It reports whether b was one of them.
func (a *assembler) header(b block) bool {
	switch {
	case a.isTitle(b.text):
		if b.heading > 0 {
			a.titleAt = a.seen
		}
		a.titleSeen = a.seen
		return true
	case b.role == roleSubtitle || a.d.Subtitle == nil && isSubtitle(b.text) && len(a.d.Sections) == 0:
		if a.d.Subtitle == nil {
			a.d.Subtitle = &b.text
		}
		return true
	case b.role == roleCategory:
		a.category(b.text)
		return true
	}
	if m := reSeries.FindStringSubmatch(b.text); m != nil && b.heading == 0 && runeLen(b.text) <= 60 {
		series, num := strings.TrimSpace(m[1]), toASCIIDigits(m[2])
		a.d.Series, a.d.SeriesNumber = &series, &num
		a.dateline = append(a.dateline, b.text)
		return true
	}
	if b.role == roleSeries && b.heading == 0 && runeLen(b.text) <= 40 {
		a.series(b.text)
		return true
	}
	if m := reTrailingDate.FindStringSubmatch(b.text); m != nil && b.heading == 0 && runeLen(b.text) <= 50 && b.datetime == "" {
		// 「OSS×クラウド最新TOPICS　2019年3月15日 09:43」: a desk's or
		// series' name with the time of publication after it.
		a.dateline = append(a.dateline, m[1])
		return true
	}
	if b.role == roleDate || b.datetime != "" || isDateLine(b.text) {
		a.dateline = append(a.dateline, firstNonEmpty(b.datetime, b.text), b.text)
		a.metaLine(b.text)
		if at := reGluedDate.FindStringIndex(b.text); at != nil && at[0] > 0 && runeLen(b.text[:at[0]]) <= 30 {
			// 「編集委員・田村建二2021年10月13日 11時00分」: the byline and
			// its <time> run together on one line of the header.
			if authors, ok := readByline(strings.TrimSpace(b.text[:at[0]]), a.siteNames()); ok {
				for _, au := range authors {
					a.d.Authors = appendAuthor(a.d.Authors, au)
				}
			}
		}
		return true
	}
	if m := reLeadingDate.FindStringSubmatch(b.text); m != nil && b.heading == 0 && runeLen(b.text) <= 60 && !strings.ContainsAny(b.text, "。、") {
		// 「2018年6月18日 10:01　発信地：カノ/ナイジェリア [ アフリカ ]」: the
		// time of publication, then where the story was filed and its
		// region's tags, on one line above the body.
		a.dateline = append(a.dateline, reMonthDayYear.ReplaceAllString(m[0], "${3}年${1}月${2}日"))
		return true
	}
	if t := strings.TrimSpace(strings.TrimRight(b.text, " –—-·|｜")); b.heading == 0 && b.role == roleByline && t != strings.TrimSpace(b.text) && reLatinName.MatchString(t) {
		// 「Chris Stokel-Walker –」: the byline's name, its date set apart.
		a.d.Authors = appendAuthor(a.d.Authors, doc.Author{Name: t})
		return true
	}
	if b.heading == 0 && runeLen(b.text) <= 60 {
		if authors, ok := readByline(b.text, a.siteNames()); ok && (b.role == roleByline || !strings.ContainsAny(b.text, "。")) {
			for _, au := range authors {
				a.d.Authors = appendAuthor(a.d.Authors, au)
			}
			return true
		}
	}
	if b.role == roleByline || b.role == roleProfile && b.heading == 0 && len(a.d.Sections) == 0 {
		// A byline element (<a rel="author">, class="author" or
		// "writer") above the body names its author even when the name
		// is too short or rare to be told by its shape.
		if name, ok := bareName(b.text); ok {
			a.d.Authors = appendAuthor(a.d.Authors, doc.Author{Name: name})
			return true
		}
		if b.role == roleByline {
			a.metaLine(b.text)
			return true
		}
	}
	if a.d.Subtitle == nil && b.heading == 0 && b.role == roleNone && a.titleSeen > 0 && a.titleAt != a.titleSeen && a.seen == a.titleSeen+1 && a.headlineLine(b.text) && !recog.IsMetaLine(b.text) {
		// 「見出し<br>USB給電で机の上がすっきり」: the headline's second line,
		// set as a paragraph's first lines by a release laid out in tables.
		// Under a headline set as a heading, whose second line would be
		// inside it, the next line is the text's first (a blog's
		// 「目白押しかイモ洗いか？」 under its <h2>).
		a.d.Subtitle = &b.text
		return true
	}
	return false
}

// headlineLine reports a line that reads as a second line of a
// headline: short, no sentence, no date, no name.
func (a *assembler) headlineLine(s string) bool {
	if n := runeLen(s); n < 6 || n > 40 || strings.ContainsAny(s, "。") || isDateLine(s) {
		return false
	}
	if _, ok := bareName(s); ok && runeLen(s) <= 12 {
		return false
	}
	_, ok := readByline(s, a.siteNames())
	return !ok
}

// reBylineLead is what a byline says before the name: by, 文, 著者, 筆者.
var reBylineLead = regexp.MustCompile(`^(?i:posted by|written by|by|text|words)?\s*(?:文|著者|筆者|記者|執筆|投稿者|作成者|取材・文|取材・執筆)?\s*[:：●・/／]?\s*`)

// poolCredits are who took a photo when no one is named: 「代表撮影」 (the
// press pool), 「本社撮影」; the credit stays whole.
var poolCredits = map[string]bool{"代表": true, "本社": true, "本紙": true, "共同": true, "同": true, "読者": true, "筆者": true, "記者": true, "編集部": true}

// reTopicsLabel is an English label over an article's tags: 「Topics」.
var reTopicsLabel = regexp.MustCompile(`^(?i:topics|tags|tagged|filed under|related topics)\s*[:：]?$`)

// isTagList reports a line of tags set with commas under their label:
// 「developers, HackerRank, job board, TC」, no sentence.
func isTagList(s string) bool {
	parts := strings.Split(s, ", ")
	if len(parts) < 2 || strings.ContainsAny(s, "。.!?") {
		return false
	}
	for _, p := range parts {
		if n := runeLen(strings.TrimSpace(p)); n == 0 || n > 30 {
			return false
		}
	}
	return true
}

// reBareLabel is a label standing alone before what it labels:
// 「ジャンル ：」「タグ:」.
var reBareLabel = regexp.MustCompile(`^\S{1,8}\s*[:：]$`)

// isSectionName reports a short line that is one of the sections the
// head names: a BreadcrumbList's item or the article's section.
func (a *assembler) isSectionName(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || runeLen(s) > 16 {
		return false
	}
	return slices.Contains(a.m.crumbs, s) || slices.Contains(a.m.sections, s)
}

// isSiteName reports a line that is the site's own name (and not the
// headline).
func (a *assembler) isSiteName(s string) bool {
	if len(a.m.publishers) == 0 || len(s) > 120 {
		return false
	}
	k := squash(s)
	if k == "" || k == a.titleKey || runeLen(k) > 40 {
		return false
	}
	for _, p := range a.m.publishers {
		if squash(p) == k {
			return true
		}
	}
	return false
}

// isHeadAuthor reports a line that is only the name of an author the
// head's metadata gives.
func (a *assembler) isHeadAuthor(s string) bool {
	if len(a.m.authors) == 0 || len(s) > 90 || runeLen(s) > 30 {
		return false
	}
	if a.headAuthorKeys == nil {
		a.headAuthorKeys = map[string]bool{}
		for _, au := range a.m.authors {
			if k := nameKey(au.Name); k != "" {
				a.headAuthorKeys[k] = true
				a.headAuthorLen = max(a.headAuthorLen, len(au.Name))
			}
		}
	}
	if len(s) > 2*a.headAuthorLen+8 {
		return false // longer than any name, with its spaces and marks
	}
	return a.headAuthorKeys[nameKey(s)]
}

// reUILabel is a link's label in an author box (「View Bio」「See all
// stories」「Follow」) or the writer's post alone (「Reporter」); never a name.
var reUILabel = regexp.MustCompile(`(?i)^(?:view|see|read|show|follow|more|all|contact|email|source|via)(?:\s|$)|.+をフォロー(?:する)?$|^(?i:(?:senior |staff |contributing |chief |deputy )?(?:reporter|editor|writer|contributor|correspondent|columnist|photographer|producer|staff))$`)

// bareName reads a byline that is only a name: 「by 深海」「松村太郎」
// 「著者：山田太郎」; not a sentence, a date or a link.
func bareName(s string) (string, bool) {
	name := strings.TrimSpace(reBylineLead.ReplaceAllString(strings.TrimSpace(s), ""))
	n := runeLen(name)
	if n < 2 || n > 24 || strings.ContainsAny(name, "。、!?！？|｜@#<>「」()（）:：") || strings.Contains(name, "http") || reUILabel.MatchString(name) {
		return "", false
	}
	for _, r := range name {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			return "", false
		}
	}
	return name, true
}

// metaLine files the authors and categories a meta line names.
func (a *assembler) metaLine(s string) {
	authors, categories := recog.MetaLine(s)
	for _, au := range authors {
		a.d.Authors = appendAuthor(a.d.Authors, au)
	}
	a.d.Categories = append(a.d.Categories, categories...)
}

var (
	// reFieldLabel is a label a line keeps when the value it labels
	// (a <time>, an author link) is read as a line of its own.
	reFieldLabel = regexp.MustCompile(`^(?i:posted on|posted|published on|published|updated on|updated|last updated|written by|posted by|by|on)[:：]?$|^(?:投稿日|公開日|更新日|最終更新日|掲載日|配信日|投稿者|著者|筆者|執筆者)[:：]?$`)
	// reCount is a line of only a number: a count of views or likes.
	reCount = regexp.MustCompile(`^[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})*$`)
)

// reLeadingDate is a date, with a time, opening a header line; the
// last form is a static site's 「11月 13, 2022」.
var reLeadingDate = regexp.MustCompile(`^(?:[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}[/.][0-9]{1,2}[/.][0-9]{1,2}|[0-9]{1,2}月\s?[0-9]{1,2},\s?[0-9]{4})(?:\s*[0-9]{1,2}[:：時][0-9]{2}分?)?`)

// reMonthDayYear is 「11月 13, 2022」, the month first as in English.
var reMonthDayYear = regexp.MustCompile(`^([0-9]{1,2})月\s?([0-9]{1,2}),\s?([0-9]{4})`)

var (
	// reClock is a time of day.
	reClock = regexp.MustCompile(`[0-9]{1,2}[:：時][0-9]{2}`)
	// reLabelledMeta is a line of labelled fields between bars:
	// 「| カテゴリー 社会 | タグ 政治, 経済」.
	reLabelledMeta = regexp.MustCompile(`^[|｜]?\s*(?:カテゴリー|カテゴリ|タグ|ジャンル|(?i:categor(?:y|ies)|tags?))[:：]?\s+\S.*[|｜]\s*(?:カテゴリー|カテゴリ|タグ|ジャンル|(?i:categor(?:y|ies)|tags?))[:：]?\s+\S`)
	reSourceLine   = regexp.MustCompile(`^(?i:sources?|via)\s*[:：]\s*\S.{0,50}$`)
	rePostTail     = regexp.MustCompile(`^(?i:by)\s+(\S{1,40})\s*[|｜]\s*([^|｜]{6,30})(?:[|｜].{0,40})?$`)
	reLabelledPart = regexp.MustCompile(`^(カテゴリー|カテゴリ|タグ|ジャンル|(?i:categor(?:y|ies)|tags?))[:：]?\s+(.+)$`)
)

// reTrailingDate is a date, with a time, closing a header line.
// reGluedDate is a date and time closing a line, whatever stands
// right before it.
var reGluedDate = regexp.MustCompile(`[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日(?:\s*[0-9]{1,2}[:：時][0-9]{2}分?)?\s*$`)

var reTrailingDate = regexp.MustCompile(`(?:^|[\s　])((?:[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}[/.][0-9]{1,2}[/.][0-9]{1,2})(?:\s*[0-9]{1,2}[:：時][0-9]{2}分?)?)\s*(?:更新|公開|配信)?$`)

var (
	// reDateLabel labels a date set under it as a heading or a cell of
	// its own: 「提供日」「発表日」「掲載日」「更新日」.
	reDateLabel = regexp.MustCompile(`^(?:資料)?(?:提供|発表|公表|報道発表|掲載|公開|発行|作成|更新|最終更新)(?:日|日付|年月日)[:：]?$`)
	// reLeadCredit is a credit a news site sets over the caption in the
	// picture's box, its label read aloud: 「Image source, Soti」.
	reLeadCredit = regexp.MustCompile(`^(?i:image source|image copyright|picture source)\s*[,:：]\s*(\S.{0,60})$`)
	// reEnglishCredit is a caption closed by a labelled credit in English.
	reEnglishCredit = regexp.MustCompile(`^(.*\S)\s+(?:Photograph|Photo|Picture|Image|Illustration|Credit)\s*:\s*(\S.{0,60})$`)
	// reCaptionLabel is the label read aloud before a caption.
	reCaptionLabel = regexp.MustCompile(`^(?i:image caption|caption)\s*[,:：]\s*`)
	// reTrailingCreditLabel is a credit's label left at the end of a
	// caption whose credit was set apart: 「… Photograph:」.
	reTrailingCreditLabel = regexp.MustCompile(`[\s　]*(?i:photograph|photo|image|illustration|credit|source|写真|撮影|画像|提供|出典|出所)\s*[:：]$`)
	// reCreditLine is a line that only credits a picture, a video or a
	// translation.
	reCreditLine = regexp.MustCompile(`^(?i:images?|photos?|photographs?|photography|illustrations?|video|translation|画像|写真|図版|イラスト|翻訳)\s*(?:(?i:by|courtesy of)\s+|[:：]\s*)\S.{0,60}$`)
	reCreditLead = regexp.MustCompile(`^(?i:images?|photos?|photographs?|photography|illustrations?|video|translation|画像|写真|図版|イラスト|翻訳)\s*(?:(?i:by|courtesy of)\s+|[:：]\s*)`)
)

// linkLists marks the lines of lists of links to other pages (new
// articles, related stories) set inside the article: runs of three or
// more short lines whose text is all a link's, with the short lines
// (dates, category names) that stand between them.
func linkLists(blocks []block) map[int]bool {
	out := map[int]bool{}
	for i := 0; i < len(blocks); {
		if !blocks[i].linkOnly || runeLen(blocks[i].text) > 100 {
			i++
			continue
		}
		links, last := 0, i
		j := i
		for ; j < len(blocks); j++ {
			b := blocks[j]
			if b.linkOnly && runeLen(b.text) <= 100 {
				links, last = links+1, j
				continue
			}
			if b.heading > 0 || runeLen(b.text) > 16 || strings.HasSuffix(b.text, "。") || j-last > 2 {
				break
			}
		}
		if links >= 3 {
			for k := i; k <= last; k++ {
				out[k] = true
			}
		}
		i = last + 1
	}
	return out
}

// hasLetter reports text with a letter or a digit in it.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isSubtitle tells a subtitle by its dash: 「――「黙認」の裏にある三つの懸念」.
func isSubtitle(s string) bool {
	for _, p := range []string{"――", "—", "─", "~", "〜", "～"} {
		if strings.HasPrefix(s, p) {
			return runeLen(s) <= 80
		}
	}
	return false
}

// isDateLine reports a line that is only a date, with a time or a word
// such as 更新: what is left without digits, date marks and those words is
// at most two characters.
func isDateLine(s string) bool {
	if _, _, ok := recog.Date(s); !ok || runeLen(s) > 40 {
		return false
	}
	// The words go first: 「UPDATE」 holds the T of an ISO time; a
	// reading time after the date (「Jun 19, 2017 · 3 min read」) goes too.
	rest := strings.ToLower(s)
	if strings.Contains(rest, "read") || strings.Contains(rest, "分") {
		rest = reReadingTime.ReplaceAllString(rest, "")
	}
	for _, w := range []string{"更新", "公開", "掲載", "配信", "投稿", "最終", "作成", "登録", "発行", "発表", "公表", "提供", "日付", "日時", "午前", "午後", "令和", "平成", "lastupdate", "last updated", "last modified", "first published", "originally published", "updated", "update", "modified", "published", "posted on", "posted"} {
		rest = strings.ReplaceAll(rest, w, "")
	}
	// English dates: 「Jun 19, 2017」「Monday 3 July 2017 20.17 BST」.
	if strings.ContainsFunc(rest, func(r rune) bool { return r >= 'a' && r <= 'z' }) {
		rest = reEnglishDateWords.ReplaceAllString(rest, "")
	}
	rest = strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune("年月日時分秒:：.．/／-() （）[]【】　+t", r) {
			return -1
		}
		return r
	}, rest)
	rest = strings.TrimSpace(rest)
	return runeLen(rest) <= 2
}

// isDisclaimer tells a publisher's disclaimer: 「本稿の見解は筆者個人のもの…」.
func isDisclaimer(s string) bool {
	if strings.Contains(s, "not responsible for the content of external") {
		return true // 「The BBC is not responsible for the content of external sites.」
	}
	return strings.Contains(s, "見解") && (strings.Contains(s, "ものではありません") || strings.Contains(s, "ものではない") || strings.Contains(s, "公式見解") || strings.Contains(s, "代表する"))
}

// note files a note body under its label.
func (a *assembler) note(b block) {
	text, lbl := b.text, b.noteLabel
	if !hasLetter(text) || reNotesHeading.MatchString(strings.TrimSpace(strings.TrimRight(text, "[+]−-［＋］"))) {
		return // the list's own caption (「脚注」) and its toggle (「[+]」)
	}
	if m := reNoteLead.FindStringSubmatchIndex(text); m != nil {
		lead := text[m[0]:m[1]]
		if l, ok := label(strings.TrimRight(lead, ".．、)）:： 　")); ok && !a.itemOfNote(l, lbl) {
			if lbl == "" || lbl == l || strings.TrimLeft(l, "※注*") == lbl {
				lbl = l
			}
			text = strings.TrimSpace(text[m[1]:])
		}
	}
	if b.noteLabel != "" {
		// What stood between the label's link and the body
		// (Hatena's 「*1<span>:</span>body」).
		text = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(text), ":："))
	}
	if len(b.refs) > 0 && b.refs[0].Offset == 0 && lbl == "" {
		lbl = b.refs[0].Label // <li><sup>1</sup> body
	}
	if lbl == "" && a.notes.Len() > 0 {
		// A paragraph or quotation inside a note, after the labelled
		// line that opened it, is more of that note.
		a.notes.Continue(text)
		return
	}
	if lbl == "" {
		lbl = itoa(a.notes.Len() + 1)
	}
	a.notes.Start(lbl, text)
}

// reWireCredit is a news agency's credit closing a story's last
// paragraph, with the reporter after a slash: 「…と述べた。(c)AFP/Jane ROE」.
var reWireCredit = regexp.MustCompile(`\s*[(（][cCｃＣ©][)）]\s*([\p{L}&.\-]{2,20})(?:\s*[/／]\s*([^/／()（）。]{2,60}))?$`)

// itemOfNote reports a number opening a line inside a note (「(1) 背景」
// in a quoted passage) where the notes are labelled with a mark (*1,
// ※1): a numbered point of the note being read, not a note of its own.
func (a *assembler) itemOfNote(l, markup string) bool {
	if markup != "" || a.notes.Len() == 0 || strings.TrimLeft(l, "0123456789") != "" {
		return false
	}
	last := a.notes.Last()
	return last != "" && strings.TrimLeft(last, "※注*") != last
}

// endsInWireCredit reports a paragraph of sentences closed by an
// agency's credit, which is no copyright line.
func endsInWireCredit(text string) bool {
	m := reWireCredit.FindStringIndex(text)
	return m != nil && strings.Contains(text[:m[0]], "。")
}

// endByline takes a closing credit, 「（文・中村 由紀子）」 or an agency's
// 「(c)AFP/記者名」 after the last sentence, out of the body.
func (a *assembler) endByline() {
	if len(a.d.Sections) == 0 {
		return
	}
	s := &a.d.Sections[len(a.d.Sections)-1]
	if len(s.Paragraphs) == 0 {
		return
	}
	p := &s.Paragraphs[len(s.Paragraphs)-1]
	// The reporters' credit in brackets stays the story's last words, as
	// the paper prints it; it names the authors.
	for _, au := range endCredit(p.Text) {
		a.d.Authors = appendAuthor(a.d.Authors, au)
	}
	if m := reWireCredit.FindStringSubmatchIndex(p.Text); m != nil && m[0] > 0 {
		if m[4] >= 0 {
			for _, name := range strings.Split(p.Text[m[4]:m[5]], " and ") {
				if name = strings.TrimSpace(name); name != "" {
					a.d.Authors = appendAuthor(a.d.Authors, doc.Author{Name: name})
				}
			}
		}
		p.Text = strings.TrimSpace(p.Text[:m[0]])
		n := runeLen(p.Text)
		for i := range p.FootnoteRefs {
			p.FootnoteRefs[i].Offset = min(p.FootnoteRefs[i].Offset, n)
		}
		return
	}
	last := p.Text
	if !strings.HasPrefix(last, "（") && !strings.HasPrefix(last, "(") && !recog.IsMetaLine(last) {
		return
	}
	if authors, ok := readByline(last, a.siteNames()); ok {
		for _, au := range authors {
			a.d.Authors = appendAuthor(a.d.Authors, au)
		}
		s.Paragraphs = s.Paragraphs[:len(s.Paragraphs)-1]
	}
}

// profiles lends the author boxes' text to the authors they name.
func (a *assembler) profiles() {
	if len(a.profile) == 0 && len(a.sideProfile) == 0 {
		return
	}
	if len(a.d.Authors) == 0 {
		for _, b := range a.profile {
			if m := reNameReading.FindStringSubmatch(b.text); m != nil {
				a.d.Authors = append(a.d.Authors, doc.Author{Name: strings.TrimSpace(m[1])})
				break
			}
		}
	}
	a.nameFromProfile(a.profile)
	a.nameFromProfile(a.sideProfile)
	for i := range a.d.Authors {
		au := &a.d.Authors[i]
		key := nameKey(au.Name)
		var bio []string
		named := false
		for _, b := range a.profile {
			if strings.HasPrefix(nameKey(b.text), key) && runeLen(b.text) <= 40 {
				named = true
				if m := reNameReading.FindStringSubmatch(b.text); m != nil && au.NameReading == nil {
					r := strings.TrimSpace(m[2])
					au.NameReading = &r
				}
				continue
			}
			if m := rePositionLine.FindStringSubmatch(strings.TrimSpace(b.text)); named && m != nil && au.Title == nil {
				// 「地域政策研究センター 准教授」 under the name.
				au.Title = &m[2]
				if org := strings.TrimSpace(m[1]); org != "" && au.Affiliation == nil {
					au.Affiliation = &org
				}
				continue
			}
			if desk := strings.TrimSpace(b.text); named && au.Affiliation == nil && runeLen(desk) >= 3 && reDeskLine.MatchString(desk) {
				// 「東京社会部」 under the name in a paper's writer box: the
				// desk the reporter writes for.
				au.Affiliation = &desk
				continue
			}
			if named && strings.Contains(b.text, "。") {
				bio = append(bio, b.text)
			}
		}
		if len(bio) > 0 && au.Bio == nil {
			s := strings.Join(bio, "")
			au.Bio = &s
		}
	}
}

// nameFromProfile reads the writer's name from a writer's box when the
// page names no writer else.
func (a *assembler) nameFromProfile(profile []block) {
	if len(a.d.Authors) == 0 {
		// A writer's box whose first line is a name alone (Zenn's
		// sidebar: the name, a one-line bio, a follow button), the
		// page naming its writer nowhere else.
		for _, b := range profile {
			if b.heading > 0 || reProfileLabel.MatchString(strings.TrimSpace(b.text)) {
				continue
			}
			if n, ok := bareName(b.text); ok && runeLen(n) <= 16 && !strings.ContainsAny(n, "。．") {
				a.d.Authors = append(a.d.Authors, doc.Author{Name: n})
				a.d.Warnings = slices.DeleteFunc(a.d.Warnings, func(w string) bool { return w == "no author found" })
			}
			break
		}
	}
}

// reProfileLabel is a profile box's own label.
var reProfileLabel = regexp.MustCompile(`^(?:プロフィール|著者|筆者|執筆者|この記事を書いた人|ライター|About(?: me)?|Profile|Author)(?:プロフィール|紹介|について)?$`)

// rePositionLine is a profile's line of the writer's post: the
// institution, then the title it ends with.
var rePositionLine = regexp.MustCompile(`^([^。]{0,40}?)[\s　]*(特任教授|名誉教授|客員教授|准教授|教授|専任講師|特任講師|講師|助教|特任研究員|主任研究員|上席研究員|主席研究員|研究員|研究所長|所長|センター長|シニアフェロー|フェロー)$`)

// beforeHeadline takes back as chrome the one paragraph read before the
// headline: a feature's or section's blurb set above it (「…の動きを詳しく
// 伝えます。」 under a banner), which the text only follows.
func (a *assembler) beforeHeadline() {
	if len(a.d.Sections) != 1 || a.d.Sections[0].Heading != nil || len(a.d.Sections[0].Paragraphs) != 1 {
		return
	}
	p := a.d.Sections[0].Paragraphs[0]
	if runeLen(p.Text) > 80 {
		return
	}
	a.d.Removed = append(a.d.Removed, doc.RemovedLine{Line: a.firstLine, Text: p.Text, Reason: "header"})
	a.d.Sections = a.d.Sections[:0]
	a.firstLine = 0
}

// deck makes the article's only heading its subtitle when it stands
// before the first paragraph and reads as a line, not a label: a
// tabloid's deck set as an <h2> over the photo (「制作現場は撮影済みの回を
// どうするかで揺れ…」) heads no section.
func (a *assembler) deck() {
	s := a.d.Sections
	if a.d.Subtitle != nil || len(s) == 0 || s[0].Heading == nil || len(s[0].Paragraphs) == 0 || runeLen(*s[0].Heading) < 16 {
		return
	}
	if strings.HasSuffix(*s[0].Heading, "。") {
		return // 「経営に関する無料相談を受け付けています。」: a sentence heads the text; a deck is a phrase
	}
	for _, sec := range s[1:] {
		if sec.Heading != nil {
			return
		}
	}
	a.d.Subtitle = s[0].Heading
	a.d.Sections[0].Heading = nil
}

// reDeskLine is a newspaper's desk or bureau on a line of its own:
// 「東京社会部」「ソウル支局」「デジタル編集部」.
var reDeskLine = regexp.MustCompile(`^[\p{Han}\p{Katakana}ー・]{1,12}(?:部|支局|総局|局|室)$`)

// rankLevels turns heading tags into levels: the highest tag the article
// uses is level 1, the next level 2, whatever their numbers.
func rankLevels(sections []doc.Section) {
	used := map[int]bool{}
	for _, s := range sections {
		if s.Heading != nil {
			used[s.Level] = true
		}
	}
	for i := range sections {
		if sections[i].Heading == nil {
			sections[i].Level = 1
			continue
		}
		rank := 0
		for l := range used {
			if l <= sections[i].Level {
				rank++
			}
		}
		sections[i].Level = rank
	}
}

// reSeriesNumber is a series' instalment after its name: 「第12回」「（12）」「#12」「vol.12」.
var reSeriesNumber = regexp.MustCompile(`[\s　]*(?:第\s*([0-9０-９]{1,4})\s*回|[(（]\s*([0-9０-９]{1,4})\s*[)）]|#\s*([0-9]{1,4})|(?i:vol\.?|no\.)\s*([0-9]{1,4}))$`)

// series files the column's or series' name a label element gives
// (「連載：まちの記憶」「【コラム】港の灯」「Field Notes」), without its
// brackets and label word, its instalment as the number.
func (a *assembler) series(s string) {
	if a.d.Series != nil {
		return
	}
	s = strings.TrimSpace(s)
	if m := reSeriesNumber.FindStringSubmatch(s); m != nil {
		num := toASCIIDigits(firstNonEmpty(m[1], m[2], m[3], m[4]))
		a.d.SeriesNumber = &num
		s = strings.TrimSpace(s[:len(s)-len(m[0])])
	}
	s = strings.TrimSpace(reSeriesLabel.ReplaceAllString(s, ""))
	s = strings.Trim(s, "【】〈〉《》「」『』[]［］<>＜＞ 　")
	if s == "" {
		return
	}
	a.d.Series = &s
}

// reSeriesLabel is the word a series' label opens with: 「連載：」「シリーズ」.
var reSeriesLabel = regexp.MustCompile(`^[【\[［〈《]?\s*(?:連載|シリーズ|コラム|企画|特集)\s*[】\]］〉》]?\s*[:：・]?\s*`)

// category files a category line: 「国際」, or 「カテゴリー: ロシア、北朝鮮」.
func (a *assembler) category(s string) {
	if recog.IsMetaLine(s) {
		a.metaLine(s)
		return
	}
	a.d.Categories = append(a.d.Categories, s)
}

// reTagLabel is the label of a tag list: 「タグ：」「Tags:」「キーワード」.
var reTagLabel = regexp.MustCompile(`^(?:タグ|キーワード|(?i:tags?|keywords?))\s*[:：]?\s*`)

// reUpdatedLabel opens the line that says when a story was last changed.
var reUpdatedLabel = regexp.MustCompile(`^(?:最終)?更新(?:日時|日)?\s*[:：]`)

// reTagLine is a line of tags after their label and its colon.
var reTagLine = regexp.MustCompile(`^(?:タグ|キーワード|(?i:tags?|keywords?))\s*[:：]`)

// tagWords reads a tag line's words, which are the document's keywords:
// 「タグ: 港湾、物流」, 「#北朝鮮」.
func tagWords(s string) []string {
	s = reTagLabel.ReplaceAllString(s, "")
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '、' || r == '，' || r == '#' || r == '＃' || r == ' ' || r == '　' || r == '/'
	}) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
