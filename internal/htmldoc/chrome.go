package htmldoc

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/sourcecmp/sourcecmp/internal/recog"
	"github.com/sourcecmp/sourcecmp/internal/recog/webchrome"
)

// webChrome are lines web pages set around an article that the text
// parser's lists (internal/recog/webchrome) do not know: keyword boxes,
// pagers and page links, follow and app prompts, a section's new-article
// heading (「社会の新着」) and a timeline's, a member prompt 「…に登録すると」,
// an apply button, an article's length (「812文字」), a release's image boxes, a zoom link
// or a gallery link with the gallery's count (「写真拡大 (全3枚)」,
// 「この記事の画像を見る(2枚)」), a portal's
// heading of links to the outlets' sites (「外部サイト」), a business
// paper's box of the companies a story names (「関連企業・業界」), newsletter
// prompts.
var webChrome = []struct {
	reason string
	webchrome.Form
}{
	{"tags", webchrome.Form{Needs: webchrome.Holding("キーワード"), Re: regexp.MustCompile(`^(?:ホット|注目の?|人気の?|話題の?|関連)キーワード$`)}},
	{"pager", webchrome.Form{Needs: webchrome.Holding("ページ", "記事", "|", "｜"), Re: regexp.MustCompile(`^(?:[0-9]{1,2}(?:\s*[|｜]\s*[0-9]{1,2})+\s*)?(?:[<＜«]\s*)?(?:次|前)の(?:ページ|記事)(?:へ|を見る)?(?:\s*[>＞»])?$|^[0-9]{1,2}(?:\s*[|｜]\s*[0-9]{1,2})+$`)}},
	{"pager", webchrome.Form{Needs: webchrome.Holding("ページ"), Re: regexp.MustCompile(`^次(?:の)?ページ(?:[「『].{1,60}[」』])?(?:に続く|へ続く|へ)$`)}},
	{"share", webchrome.Form{Needs: webchrome.Holding("フォロー"), Re: regexp.MustCompile(`^.{0,20}フォロー(?:する)?$|^フォローすると.{0,40}$`)}},
	{"app", webchrome.Form{Needs: webchrome.Holding("アプリ", "プッシュ通知"), Re: regexp.MustCompile(`アプリ(?:を|で|でも|から)?.{0,16}(?:ダウンロード|ご覧|インストール|お届け|読め|見られ)|プッシュ通知`)}},
	{"label", webchrome.Form{Needs: webchrome.Holding("配信"), Re: regexp.MustCompile(`^配信$`)}},
	{"related", webchrome.Form{Needs: webchrome.Holding("で使われている", "で話題になっている"), Re: regexp.MustCompile(`^(?:この)?(?:プレスリリース|リリース|記事)(?:内|中)?で(?:使われている|話題になっている).{1,16}$`)}},
	{"related", webchrome.Form{Needs: webchrome.Holding("外部", "関連"), Re: regexp.MustCompile(`^(?:外部サイト|外部リンク|関連サイト|関連企業|関連業界|関連企業・業界|関連銘柄)(?:一覧)?$`)}},
	{"chrome", webchrome.Form{Needs: webchrome.Holding("枚"), Re: regexp.MustCompile(`^(?:写真|画像)(?:を)?拡大(?:する|表示)?\s*[(（]全\s*[0-9０-９]+\s*枚[)）]$|^(?:この記事の|記事の)?(?:写真|画像)(?:を|も)?(?:すべて|全て|もっと)?(?:見る|みる)\s*[(（]\s*(?:全\s*)?[0-9０-９]+\s*枚\s*[)）]$`)}},
	{"related", webchrome.Form{Needs: webchrome.Holding("の新着", "の最新", "時系列"), Re: regexp.MustCompile(`^\S{1,12}の(?:新着|最新)(?:記事|ニュース)?(?:一覧)?$|^[【\[]?時系列で見る[】\]]?$`)}},
	{"paywall", webchrome.Form{Needs: webchrome.Holding("登録すると"), Re: regexp.MustCompile(`^.{1,16}に(?:無料)?(?:会員)?登録すると$`)}},
	{"chrome", webchrome.Form{Needs: webchrome.Holding("応募"), Re: regexp.MustCompile(`^(?:今すぐ)?応募(?:する|はこちら|フォーム)$`)}},
	{"app", webchrome.Form{Needs: webchrome.Holding("アプリで開く"), Re: regexp.MustCompile(`^\S{0,16}アプリで開く$`)}},
	{"pager", webchrome.Form{Needs: webchrome.Holding("ページ"), Re: regexp.MustCompile(`^次ページ$|^ページ\s*[0-9]+(?:\s*[,、]\s*ページ\s*[0-9]+)+$`)}},
	{"label", webchrome.Form{Needs: webchrome.Holding("文字"), Re: regexp.MustCompile(`^(?:(?:有料|会員限定|有料会員限定|無料)記事\s*)?[0-9０-９,，]+\s*文字$`)}},
	// The furniture of public bodies' pages: a back-to-top link (「このページの
	// 上へ戻る」), a mail link to the page's division, print links
	// (「印刷ページ表示」「大きな文字で印刷」), the page's number or ID, the
	// body's corporate number (「法人番号：…」), the division that posted it
	// (「情報発信元 経済交流課」), a Creative Commons notice.
	{"navigation", webchrome.Form{Needs: webchrome.Holding("ページの"), Re: regexp.MustCompile(`^[▲△↑^]?\s*(?:この)?ページの(?:先頭|上|トップ|最初)(?:へ|に)(?:戻る|もどる)?$`)}},
	{"contact", webchrome.Form{Needs: webchrome.Holding("メール", "フォーム"), Re: regexp.MustCompile(`^(?:このページの(?:作成)?担当(?:者|課)?に|この(?:ページ|記事)に関する)?(?:メール|メールフォーム|お問い?合わ?せフォーム)(?:で|を|から|に)?(?:のお問い?合わ?せ)?(?:送る|はこちら(?:から)?|へ)?$|^(?:この)?ページの(?:作成)?担当(?:者|課)?にメールを送る$`)}},
	{"share", webchrome.Form{Needs: webchrome.Holding("印刷"), Re: regexp.MustCompile(`^(?:印刷(?:用)?(?:ページ|画面)?(?:を)?表示(?:する)?|大きな文字で印刷(?:ページ表示|する)?|印刷\s*大きな文字で印刷)+$`)}},
	{"label", webchrome.Form{Needs: webchrome.Holding("ページ番号", "ページID", "記事ID", "法人番号"), Re: regexp.MustCompile(`^[(（]?(?:ページ番号|ページID|記事ID|法人番号)[\s　]*[:：]?[\s　]*[0-9０-９\[\]_a-z]+[)）]?$`)}},
	// A writer's handle alone under the byline (「@oliviasolon」), and a
	// site's word that it answers not for the sites it links to (in
	// English, isDisclaimer's).
	{"share", webchrome.Form{Needs: webchrome.Holding("@"), Re: regexp.MustCompile(`^@[A-Za-z0-9_]{2,30}$`)}},
	{"disclaimer", webchrome.Form{Needs: webchrome.Holding("責任を負いません", "責任を負うものではありません"), Re: regexp.MustCompile(`(?:リンク先|外部サイト).{0,30}(?:責任を負いません|責任を負うものではありません)`)}},
	{"tags", webchrome.Form{Needs: webchrome.Holding("opics", "ags", "agged", "iled"), Re: reTopicsLabel}},
	{"label", webchrome.Form{Needs: webchrome.Holding("情報発信元"), Re: regexp.MustCompile(`^情報発信元\s*\S{1,20}$`)}},
	{"footer", webchrome.Form{Needs: webchrome.Holding("クリエイティブ・コモンズ", "Creative Commons"), Re: regexp.MustCompile(`(?:クリエイティブ・コモンズ|Creative Commons).{0,40}(?:ライセンス|License|licen[cs]e)`)}},
	// A reading time on a line of its own: 「3 min read」「約5分で読めます」.
	{"label", webchrome.Form{Needs: webchrome.Holding("read", "分で読め", "読了"), Re: regexp.MustCompile(`(?i)^(?:\d+\s*(?:min(?:ute)?s?)\s*read|(?:この記事は)?約?\s*[0-9０-９]+\s*分で読めます|読了(?:時間|目安)\s*[:：]?\s*約?\s*[0-9０-９]+\s*分)$`)}},
	// Paywall prompts inside the article: 「この記事は有料記事です」「今すぐ登録」.
	{"paywall", webchrome.Form{Needs: webchrome.Holding("有料", "会員限定", "今すぐ", "プレミアム"), Re: regexp.MustCompile(`^(?:この記事は)?(?:有料|有料会員限定|会員限定|プレミアム)(?:記事|会員限定記事|会員向け記事)(?:です|となります)?[。.]?$|今すぐ(?:無料)?(?:会員)?(?:登録|購読|お試し|申し込)|^(?:有料|プレミアム)?会員(?:になる|登録する)と.{0,20}(?:続き|全文|すべて)`)}},
	// A link to another story behind a label in the text: 「【関連記事】…」
	// 「▶あわせて読みたい：…」.
	{"related", webchrome.Form{Needs: webchrome.Holding("関連", "読みたい", "おすすめ", "オススメ", "こちらも"), Re: regexp.MustCompile(`^[【\[［<＜▶►▷>＞■◆]\s*(?:関連記事|関連ニュース|関連|あわせて読みたい|合わせて読みたい|こちらもおすすめ|おすすめ記事|オススメ記事|こちらも読まれています)\s*[】\]］>＞:：]?\s*\S.{0,60}$`)}},
	// Headings over what to read next: 「次に読みたい」「Read next」.
	{"related", webchrome.Form{Needs: webchrome.Holding("読み", "読む", "おすすめ", "オススメ", "こちら", "ead", "next", "Next", "eep", "ight"), Re: regexp.MustCompile(`(?i)^[【\[<＜■▼]?\s*(?:次に読みたい|続けて読みたい|次に読む|次はこちら|こちらも読みたい|この記事もおすすめ|こちらの記事もおすすめ|こちらの記事も読まれています|次の記事を読む|併せて読みたい|合わせて読みたい記事|あわせて読みたい記事|(?:編集部の)?オススメ記事|read next|up next|what to read next|next up|keep reading|more to read|you might also like|read more from .{1,30})\s*[】\]>＞]?$`)}},
	{"newsletter", webchrome.Form{Needs: webchrome.Holding("メール", "ニュースレター"), Re: regexp.MustCompile(`メール(?:マガジン|で)?.{0,20}(?:まとめ読み|配信|購読|登録)|ニュースレター.{0,20}(?:登録|購読)`)}},
}

// reLanguageLink is the name of a language a link switches to.
var reLanguageLink = regexp.MustCompile(`^(?i:en|ja|jp|english|japanese)$|^(?:日本語|英語|中文|한국어|简体中文|繁體中文)$`)

// reMoreLink is a link to more pages: 「NeoL／ネオエルの記事一覧をみる」
// 「もっと見る」「一覧へ」.
var reMoreLink = regexp.MustCompile(`(?:一覧|一覧へ|一覧を(?:みる|見る)|をもっと(?:みる|見る)|もっと(?:みる|見る)|はこちら|トップへ(?:戻る)?)$`)

// reOutLink is a link out of the story behind a bracketed label, to its
// pictures, chart or video (「【画像】…をもっと見る」「【表でみる】…」) or to
// another part of its serial (「【第1話】…」「【連载一覧】…」), which sites set
// between its paragraphs.
var reOutLink = regexp.MustCompile(`^[【\[［](?:画像|写真|動画|映像|表|図|図解|グラフ|一覧表?|データ|連載|第[0-9０-９一二三四五六七八九十]{1,3}[回話部])[^】\]］]{0,6}[】\]］]`)

// reArrowLink is a link that points on with an arrow after a space: the
// next page's title 「二代目が守る、打ちたての味 >」, 「詳しくはこちら »」.
var reArrowLink = regexp.MustCompile(`\s[>＞»›]$`)

// chromeLine says whether a line of the article is site chrome, and why:
// what recog knows, then the web's own.
func chromeLine(b block) (string, bool) {
	if reason, ok := chromeText(b); ok {
		return reason, true
	}
	if folded := foldHalfwidthKana(b.text); folded != b.text {
		// 「ｽﾎﾟﾝｻｰﾄﾞﾘﾝｸ」: an ad label in half-width katakana reads as the
		// full-width label the lists know.
		fb := b
		fb.text = folded
		return chromeText(fb)
	}
	return "", false
}

// foldHalfwidthKana rewrites runs of half-width katakana in full width,
// voiced marks joined (「ﾎﾟ」 → 「ポ」), and leaves every other letter as
// it is: the lists write their punctuation in full width.
func foldHalfwidthKana(s string) string {
	if !strings.ContainsFunc(s, isHalfwidthKana) {
		return s
	}
	var out strings.Builder
	run := []rune{}
	flush := func() {
		if len(run) > 0 {
			out.WriteString(norm.NFKC.String(string(run)))
			run = run[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		if isHalfwidthKana(r) {
			run = append(run, r)
			continue
		}
		if r == ' ' && len(run) > 0 && i+1 < len(rs) && isHalfwidthKana(rs[i+1]) {
			continue // 「ｽﾎﾟﾝｻｰﾄﾞ ﾘﾝｸ」: a gap inside one half-width word
		}
		flush()
		out.WriteRune(r)
	}
	flush()
	return out.String()
}

func isHalfwidthKana(r rune) bool { return r >= 0xFF61 && r <= 0xFF9F }

// chromeText is chromeLine's test of one spelling of the line.
func chromeText(b block) (string, bool) {
	text := strings.TrimSpace(b.text)
	// The web's own forms first: they name the reason more closely
	// (「app」「pager」) than the shared lists' "chrome".
	if runeLen(text) <= 60 {
		for _, c := range webChrome {
			if c.Match(text) {
				return c.reason, true
			}
		}
	}
	if reason, ok := recog.Chrome(b.text); ok {
		return reason, true
	}
	if runeLen(text) > 60 {
		return "", false
	}
	if b.linkOnly && (reMoreLink.MatchString(text) || reArrowLink.MatchString(text)) {
		return "related", true
	}
	if m := reOutLink.FindString(text); m != "" && (b.linkOnly || b.linkRunes > 0 && b.linkRunes >= runeLen(squash(text))-runeLen(m)) {
		// The label outside the link is still a link to another part:
		// 「【第1回】<a>5年ぶりの自作PC編</a>」.
		return "related", true
	}
	if b.linkOnly && len(text) <= 16 && reLanguageLink.MatchString(text) {
		return "navigation", true // a link to the page in another language
	}
	if r, _ := utf8.DecodeRuneInString(text); r >= 0x1F300 && r <= 0x1FAFF && runeLen(text) <= 12 {
		return "label", true // a pictograph and a word: Zenn's 「📘 tech」
	}
	if isBreadcrumb(text) {
		return "breadcrumb", true
	}
	return "", false
}

// isZoomLink reports the label of a picture's zoom link set beside its
// caption (「写真を拡大」), the one chrome a caption box holds.
func isZoomLink(b block) bool {
	return runeLen(b.text) <= 20 && webchrome.ZoomLink(strings.TrimSpace(b.text))
}

// isBreadcrumb reports a trail of the site's sections written in plain
// text, 「トップ > 昔話 > １月の昔話 > カメとカラス」: three parts or more
// between 「>」 marks, each short and none a sentence.
func isBreadcrumb(text string) bool {
	if strings.Count(text, ">")+strings.Count(text, "＞")+strings.Count(text, "»") < 2 || strings.ContainsAny(text, "。、") {
		return false
	}
	parts := strings.FieldsFunc(text, func(r rune) bool { return r == '>' || r == '＞' || r == '»' })
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts {
		if n := runeLen(strings.TrimSpace(p)); n == 0 || n > 30 {
			return false
		}
	}
	return true
}

// reContactHeading is the heading of the box a public body's template
// closes a page with: who made the page and how to reach them
// (「このページの作成担当」「このページに関するお問い合わせ」「お問合せ」). A
// heading that says what the contact is for (「申請書提出先および問い合わせ先」)
// is the article's own.
var reContactHeading = regexp.MustCompile(`^(?:このページ(?:に関する|についての|の)(?:ご意見・)?(?:お?問い?合わ?せ(?:先)?|作成担当(?:課)?|担当(?:課)?)|お?問い?合わ?せ(?:先)?|この(?:ページ|記事)の作成担当)$`)

// reLinksHeading is an English heading over links to other sites:
// 「Related Internet Links」「External links」.
var reLinksHeading = regexp.MustCompile(`(?i)^(?:related |more )?(?:internet|external|useful|other) (?:links|sites|websites)$`)

// relatedHeading reports a heading that labels links to other pages or
// the page's contact box, and why it goes.
func relatedHeading(b block) (string, bool) {
	if b.heading == 0 {
		return "", false
	}
	if reContactHeading.MatchString(strings.TrimSpace(b.text)) {
		return "contact", true
	}
	if reLinksHeading.MatchString(strings.TrimSpace(b.text)) {
		return "related", true
	}
	reason, ok := chromeLine(b)
	return reason, ok && (reason == "related" || reason == "tags" || reason == "share" || reason == "paywall")
}
