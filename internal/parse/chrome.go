package parse

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/sourcecmp/sourcecmp/internal/recog/webchrome"
)

// Reasons a line is left out of the document, in Document.Removed.
const (
	reasonShare       = "share"
	reasonChrome      = "chrome"
	reasonPaywall     = "paywall"
	reasonRelated     = "related"
	reasonTags        = "tags"
	reasonBoilerplate = "boilerplate"
	reasonPageNumber  = "page-number"
	reasonRunningHead = "running-header"
	reasonRepeated    = "repeated"
	reasonImage       = "image"
	reasonUnattached  = "position-without-name"
	// reasonInterviewee is the profile of a person an interview presents:
	// its subject, not its author.
	reasonInterviewee = "interviewee"
	// reasonMark is a line that only marks where a part starts or ends:
	// 「(了)」, a notes heading 「注」, a profile heading 「PROFILE」.
	reasonMark = "mark"
	// reasonMetadata is a line of metadata found in the body (a date on a
	// line of its own), recorded in the document's fields.
	reasonMetadata = "metadata"
	// reasonTranslator is a translator's credit: 「(翻訳:NAME)」. A
	// translator is no author of the document.
	reasonTranslator = "translator"
	// reasonSummary is a machine-written summary above the article.
	reasonSummary = "summary"
	// reasonOriginalTitle is a translation's original title run into its
	// title line.
	reasonOriginalTitle = "original-title"
	// reasonVenue is where a press conference or a meeting took place
	// (「於:党本部」): metadata no field of the document holds.
	reasonVenue = "venue"
	// reasonProfile is a writer's box of fields beside the name it
	// describes (「年齢:33歳 性別:男性 職業:…」).
	reasonProfile = "profile"
)

// chromeReason classifies a line of page furniture (see Chrome).
func chromeReason(line string) (string, bool) {
	// Furniture is short; a sentence of prose is no button (paywall
	// notices, the exception, are short too).
	if line == "" {
		return "", false
	}
	if strings.HasPrefix(line, "シェア") && webchrome.ReShare.MatchString(line) {
		return reasonShare, true // 「シェア "…"」 quotes the page, however long
	}
	if len(line) > 480 {
		return "", false
	}
	if regionMark(line) || countLabel(line) || isTOCHeading(line) || readingMeta(line) {
		return reasonChrome, true
	}
	if webchrome.RelatedLink(line) {
		return reasonRelated, true // 「【関連記事】…」, however long its headline
	}
	if line[0] == 'h' && isBareURL(line) && webchrome.ReImageFile.MatchString(line) {
		return reasonImage, true // an image's address, however long
	}
	if (line[0] == '!' || line[0] == '<') && webchrome.ReImageMarkup.MatchString(line) {
		return reasonImage, true // 「![](https://…)」: an image as the copy's markup
	}
	n := runeLen(line)
	switch {
	case n > 120:
		return "", false
	case n > 60:
		// Too long for a button, a label or a heading of links.
		if webchrome.Paywall(line) {
			return reasonPaywall, true
		}
		if containsAny(line, "ブラウザ", "JavaScript") && webchrome.InterfaceMessage(line) {
			return reasonChrome, true // 「古いバージョンのブラウザーを使用しています。…」
		}
		if !strings.Contains(line, "。") && isBoilerplate(line) {
			return reasonBoilerplate, true
		}
		return "", false
	}
	bare := trimBullet(line)
	if bare != line && (bare == "" || len(bare) <= 6 && strings.Trim(bare, "0123456789,") == "") {
		return reasonShare, true // 「• 0」: a share button's counter; 「•」 a button whose label is an icon
	}
	if bare != "" && bare[0] >= '0' && bare[0] <= '9' && strings.Contains(bare[:min(len(bare), 4)], ".") {
		if loc := webchrome.ReListNumberPrefix.FindStringIndex(bare); loc != nil && loc[1] < len(bare) && webchrome.PageControl(bare[loc[1]:]) {
			// 「1. ヘッダーへジャンプ」: a numbered list of skip links (a
			// numbered trail of sections stays for dropNumberedCrumbs).
			return reasonChrome, true
		}
	}
	if inner, ok := webchrome.WholeBracketed(bare); ok && (webchrome.Lines[inner] || webchrome.ZoomLink(inner) || webchrome.Chrome(inner) || webchrome.PageControl(inner)) {
		return reasonChrome, true // 「【この記事の写真をもっと見る】」
	}
	switch {
	case webchrome.CalendarRow(bare):
		return reasonChrome, true
	case len(line) <= 16 && rePageNumber.MatchString(line):
		return reasonPageNumber, true
	case webchrome.AllWordsIn(bare, webchrome.ShareWords) || webchrome.SharePrompt(bare) || webchrome.ShareButton(bare):
		return reasonShare, true
	case webchrome.Lines[bare] || webchrome.ZoomLink(bare) || n <= 40 && (webchrome.Chrome(bare) || webchrome.PageControl(bare) || webchrome.LinkLine(bare)) || webchrome.AllWordsIn(bare, webchrome.ReactionWords) || webchrome.AllWordsIn(bare, webchrome.FollowWords) || webchrome.SNSLink(bare) || webchrome.InterfaceMessage(bare):
		return reasonChrome, true
	case webchrome.Paywall(line):
		return reasonPaywall, true
	case webchrome.UIControl(bare):
		return reasonChrome, true
	case webchrome.Related(bare):
		return reasonRelated, true
	case len(line) >= 8 && line[0] < 0x80 && !strings.ContainsAny(line, " \u3000") && webchrome.ReImageFile.MatchString(line):
		return reasonImage, true
	case strings.ContainsRune("(（©CⓒＣ", firstRune(bare)) && webchrome.ReCopyright.MatchString(bare),
		!strings.Contains(line, "。") && isBoilerplate(line):
		return reasonBoilerplate, true
	}
	return "", false
}

// reSlugAlt is an image's alternative text left as its file's slug:
// lower-case Latin words joined by hyphens (「chatbot-mechanism」).
var reSlugAlt = regexp.MustCompile(`^[a-z]{2,}(?:-[a-z]{2,})+$`)

func slugAlt(l string) bool {
	return l[0] >= 'a' && l[0] <= 'z' && len(l) <= 60 && reSlugAlt.MatchString(l)
}

// stockAlt reports an image's alternative text written as keywords, as
// stock pictures come: 「大学、研究発表、プレゼンイメージ」「デスクの上に眼鏡とペン、書類、」.
// No sentence ends so, and no heading (web text only: a PDF line ends with
// 「、」 where it wraps). A single comma at the end is a clause a blog
// breaks into lines of its own (「当番制のシステムで、」): the author's text.
func stockAlt(l string) bool {
	return strings.Contains(l, "、") && !strings.Contains(l, "。") && !longerThan(l, 40) &&
		(strings.HasSuffix(l, "、") && strings.Count(l, "、") >= 2 && shortParts(l) || strings.HasSuffix(l, "イメージ") && !strings.HasPrefix(l, "※"))
}

// shortParts reports a line whose comma-separated parts are all short
// and end in a noun, not in kana: keywords, where a clause runs longer or
// ends in a verb or a particle (「朝の岸壁に並ぶ、…の姿とか、」).
func shortParts(l string) bool {
	for _, part := range strings.Split(l, "、") {
		if longerThan(part, 12) || part != "" && unicode.Is(unicode.Hiragana, lastRune(part)) {
			return false
		}
	}
	return true
}

// trimBullet removes a list bullet at the start of a line (「• 」「- 」).
func trimBullet(line string) string { return webchrome.TrimBullet(line) }

// isSNSLink reports a link to the outlet's accounts (see webchrome.SNSLink).
func isSNSLink(line string) bool { return webchrome.SNSLink(line) }

// hangulLine reports a short line written in Hangul (see webchrome.Hangul).
func hangulLine(line string) bool { return webchrome.Hangul(line) }

// setOf makes a set of words for the label lists.
func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// regionMark reports a mark that tells a screen reader where a region of
// the page opens or closes (「サイトメニューここまで」「本文ここから」
// 「このページの先頭ですサイトメニューここから」): short, no sentence.
func regionMark(line string) bool {
	return !longerThan(line, 30) && !strings.ContainsAny(line, "。、") &&
		(strings.HasSuffix(line, "ここから") || strings.HasSuffix(line, "ここまで")) && runeLen(line) > 4
}

// reCountLabel is a tab's label with the count of what it lists:
// 「A 回答 (2件)」「コメント(12件)」.
var reCountLabel = regexp.MustCompile(`^[^。、]{1,12}[ \x{3000}]*[(（][0-9０-９,，]{1,6}件[)）]$`)

// countLabel reports a tab or button that counts the answers, comments or
// items below it.
func countLabel(line string) bool {
	return (strings.HasSuffix(line, "件)") || strings.HasSuffix(line, "件）")) && reCountLabel.MatchString(line)
}

// reReadingMeta is a post's reading time and views: 「17 min 23 views」
// 「3分で読めます」「1,204 views」.
var reReadingMeta = regexp.MustCompile(`^(?:[0-9]{1,3}\s*(?:min|mins|分)\s*(?:read|で読めます)|[0-9]{1,3}\s*(?:min|mins)\s+[0-9,]{1,9}\s*(?:views?|PV)|[0-9,]{1,9}\s*(?:views?|PV))$`)

// readingMeta reports a line stating only how long a post takes to read
// and how often it was read.
func readingMeta(line string) bool {
	return len(line) <= 40 && line[0] >= '0' && line[0] <= '9' && reReadingMeta.MatchString(line)
}
