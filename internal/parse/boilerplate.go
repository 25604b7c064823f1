package parse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/recog/webchrome"
)

// reCreditLabelAnywhere finds a credit's label inside brackets: 「(写真：…)」.
var reCreditLabelAnywhere = regexp.MustCompile(`[(（]\s*(?i:写真|画像|撮影|提供|出典|photo|credit)`)

var (
	// Photo captions: 「(Photo by …)」, 「バナー写真:…」, 「（写真：…）」.
	reCaption = regexp.MustCompile(`(?i)^(?:バナー写真|トップ写真|写真|画像|図版|\[写真\]|【写真】)\s*[:：＝=]|^[(（]\s*写真\s*[:：＝=]|[(（]\s*Photo\s+(?:by|credit|:)|^Photo\s*(?:by|credit|:)|\(Getty Images\)$|[(（](?:AFP|ロイター|共同|時事|AP)(?:=時事|＝時事)?[)）]$`)

	// End marks close the body: 「(了)」, 「（終わり）」, 「以上」.
	reEndMark = regexp.MustCompile(`^[(（]\s*(?:了|完|終|終わり|おわり)\s*[)）]$|^以上$`)

	// Notes headings open an end-of-document list of footnote bodies.
	reNotesHeading = regexp.MustCompile(`^[【\[［<＜■]?\s*(?:注|註|注釈|脚注|注記|Notes?|NOTES?)\s*[】\]］>＞]?$`)

	// Profile headings open a block about the author.
	reProfileHeading = regexp.MustCompile(`^[<＜【\[［(（■●《〈]?\s*(?:(?:第\s*[0-9０-９一二三四五六七八九十]{1,3}\s*章)?(?:執筆者|著者|筆者)|PROFILE|Profile|profile|プロフィール|プロフィル|執筆者プロフィール|著者プロフィール|筆者プロフィール|執筆者紹介|著者紹介|筆者紹介|執筆者略歴|著者略歴|About the authors?|[^\s。、]{1,12}(?:プロフィール|プロフィル|略歴))\s*[>＞】\]］)）》〉]?$`)

	// Disclaimers and contact lines of the publisher.
	reDisclaimer = regexp.MustCompile(`著作権は.{1,20}に(?:帰属|あります)|免責事項|見解は.{0,20}個人のもの|見解は.{0,40}(?:代表する|公式見解|見解では|ものではありません|ものではない)|無断(?:転載|複製)|All rights reserved|Copyright|©|お問い?合わせ|(?:御|ご)意見(?:・|、|や|等|など)?(?:ご感想|ご質問|ご要望|ご要望窓口|お問い合わせ)?(?:は|を|の)?(?:こちら|お寄せ|下記|以下|メール|フォーム|窓口)|お寄せ下さい|お寄せください`)
	reContact    = regexp.MustCompile(`(?:電話|TEL|Tel|FAX|Fax|直\s*通|代\s*表|内線|E-?mail|メール)\s*[:：]?\s*[0-9+(（]|(?:^|[^\w/\-.])0\d{1,4}-\d{1,4}-\d{3,4}(?:$|[^\w/\-])|(?:Web|ウェブ|ホームページ)\s*サイト\s*[:：]`)

	// Publishers named in disclaimers: 「本欄における見解は、防衛研究所を代表するものではありません」.
	rePublisherDisclaimer = regexp.MustCompile(`見解は[、,]?\s*(.{2,30}?)(?:を代表する|の公式見解|の見解を)`)
	rePublisherLabel      = regexp.MustCompile(`^(?:発行|発行元|発行者|出版|出版社|提供)\s*[:：]\s*(.{2,40})$`)
	rePublisherCopyright  = regexp.MustCompile(`(?:Copyright\s*)?(?:©|\(c\)|Copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?([^.。]{2,40}?)\s*(?:\.|All rights reserved|$)`)
)

// The checks below run on every line; cheap tests keep the regular
// expressions off the long paragraph lines that cannot match.

func isCaption(line string) bool {
	// A caption starts with its label or ends with its credit: in
	// brackets, after an equals sign, or in Latin capitals.
	line = stripCourtesy(enlargeOut(line))
	if listItem(line) {
		return false // an item of a bulleted list (「- 記者数/15名(テレビカメラ1台)」)
	}
	if (strings.Contains(line, "hoto") || strings.Contains(line, "HOTO")) && (rePhotoBy.MatchString(line) || reTrailingPhotoCredit.MatchString(line)) {
		return true // 「Photo by iStock」「…さん。photos / NAME」
	}
	if strings.Contains(line, "イメージ") && reImageNote.MatchString(line) {
		return true // 「※写真はイメージです」: what the picture is, no sentence of the text
	}
	if isBracketedPhoto(line) {
		return true // 「写真【…】」: a caption set after the text, labelled
	}
	if !strings.Contains(line, "。") && !longerThan(line, 80) {
		switch r := firstRune(line); {
		case (strings.ContainsAny(line, "©ⓒ") || strings.Contains(line, "(C)") || strings.Contains(line, "（C）") || strings.Contains(line, "(c)")) &&
			!webchrome.ReCopyright.MatchString(line) && !containsAny(line, "All rights", "all rights", "Copyright", "無断") &&
			reInlineCopyright.MatchString(strings.TrimSpace(reCounterEnd.ReplaceAllString(line, ""))):
			return true // 「港の夕景 ©北東新聞社 1/12」: a photograph's text and its copyright
		case strings.ContainsRune("(（写画撮出資iPSGAア", r) && !strings.HasPrefix(line, "写真提供") && !strings.HasPrefix(line, "画像提供") && reCreditLine.MatchString(line):
			// A credit line of its own. (「写真提供：…」 under a caption is
			// that caption's credit; the front-ends join the two.)
			return true
		case strings.ContainsRune("図表グFT", r) && reFigureTitle.MatchString(line):
			return true // 「図表1 北朝鮮のミサイル発射数」: a figure's title
		case (strings.Contains(line, "左)") || strings.Contains(line, "右)") || strings.Contains(line, "左）") || strings.Contains(line, "右）")) && rePositionMark.MatchString(line):
			return true // 「…首相(左)と大統領(右)」: people placed in the picture
		case strings.ContainsRune(")）", lastRune(line)) && containsAny(line, "(左", "（左", "(右", "（右", "(中央", "（中央") && rePlacedPeopleEnd.MatchString(line):
			return true // 「…発表会(左が研究科長、右が所長)」: who stands where, in brackets
		case strings.ContainsRune(")）", lastRune(line)) && placedCaption(line):
			return true // 「…アマチュアカメラマン(田辺市龍神村龍神で)」: where it was taken
		case strings.ContainsRune(")）", lastRune(line)) && strings.Contains(line, "月") && reDatedPlacedEnd.MatchString(line):
			return true // 「会見する林官房長官（2月14日、首相官邸）」: when and where it was taken
		}
	}
	last := lastRune(line)
	r0 := firstRune(line)
	if last != ')' && last != '）' && !hasEquals(line) && !(last < 0x80 && unicode.IsLetter(last)) &&
		!strings.HasSuffix(line, ")。") && !strings.HasSuffix(line, "）。") &&
		!strings.ContainsRune("〔[【［(（写画図バトP左右前▲", r0) && !hasInlineCreditLabel(line) {
		return false
	}
	if containsAny(line, "写真", "Photo", "画像", "図版", "Getty", "AFP", "ロイター", "共同", "時事", "AP") && reCaption.MatchString(line) {
		// 「…と述べた。(AFP)」 credits the article, not a photograph.
		text, credit := splitCredit(line)
		return !strings.HasSuffix(text, "。") || strings.ContainsAny(credit, "/／")
	}
	if longerThan(line, 200) && (longerThan(line, 400) || !reLatinSlashTail.MatchString(line)) || !longerThan(line, 1) {
		return false // (a long caption of several sentences ends with a photographer's Latin credit)
	}
	if hasCaptionLabel(line) || isPositionCaption(line) || hasInlineCreditLabel(line) || isDatedCaption(line) {
		return true
	}
	if last != ')' && last != '）' && !hasEquals(line) && !(last < 0x80 && unicode.IsLetter(last)) &&
		!strings.HasSuffix(line, ")。") && !strings.HasSuffix(line, "）。") {
		return false
	}
	if tail := creditTail(line); !hasCreditWord(tail) && !reCreditLabelAnywhere.MatchString(tail) {
		return false
	}
	text, credit := splitCredit(line)
	switch {
	case credit == "" || strings.ContainsAny(credit, "!！?？"):
		return false // 「…(写真upはのちほど!)」 promises a picture: no credit is exclaimed
	case strings.HasPrefix(text, "「") && strings.HasSuffix(text, "」"):
		return false // 「「…」(撮影者◎NAME)」: a quotation and who said it
	case text == "":
		return agencyOnly(credit) || reLatinCredit.MatchString(credit)
	case strings.Count(text, "。") > 1:
		// A long caption of several sentences says it is one: 「…(写真=ロイター/アフロ)」,
		// or the wire's dated credit 「…提供写真(2019年 ロイター)」.
		// So does a photographer's credit after an equals sign closing it
		// (「…新しい科学のかたちをのぞいた(7月1日、京都市)=NAME撮影」).
		loc := reTrailingParen.FindStringSubmatchIndex(line)
		return loc != nil && (reCreditLabel.MatchString(line[loc[2]:loc[3]]) || reYearCredit.MatchString(line[loc[2]:loc[3]])) ||
			photographer(credit) && strings.ContainsAny(text, ")）") || latinSlashCredit(credit)
	case strings.HasSuffix(text, "。"):
		// 「…と述べた。(共同)」 credits the article; 「…撮影）。(c)NAME / AFP」
		// credits a photographer.
		return strings.ContainsAny(credit, "/／") || strings.Contains(text, "撮影")
	}
	return true
}

// latinSlashCredit reports a credit in Latin letters naming a
// photographer or a picture agency after a slash: 「PATRICK KOVARIK/AFP」
// 「AFP/GettyImages」. A wire's credit for the article is in Japanese
// (「AFP/時事」), so a paragraph of several sentences ending with one
// stays a paragraph.
func latinSlashCredit(credit string) bool {
	return strings.ContainsAny(credit, "/／") && hasCreditWord(credit) &&
		!strings.ContainsFunc(credit, func(r rune) bool { return r >= 0x80 && r != '／' })
}

var reLatinSlashTail = regexp.MustCompile(`。[(（][A-Za-z][A-Za-z .'\-]*[/／][A-Za-z .'/／\-]+[)）]$`)

// isBracketedPhoto reports a caption in brackets after its label:
// 「写真【龍神温泉街をバックに…】」.
func isBracketedPhoto(line string) bool {
	return strings.HasPrefix(line, "写真") && (strings.HasSuffix(line, "】") || strings.HasSuffix(line, "］")) && reBracketedPhoto.MatchString(line)
}

var reBracketedPhoto = regexp.MustCompile(`^写真[【［][^【】［］]{2,120}[】］]$`)

// rePlacedPeopleEnd closes a caption with who stands where:
// 「…(左が桑畑研究科長、右が関野所長)」「…（右から田中氏、鈴木氏）」.
var rePlacedPeopleEnd = regexp.MustCompile(`[(（](?:写真)?(?:左|右|中央)(?:が|は|から)[^()（）]{1,50}[)）]$`)

// rePlaceTaken is where a picture was taken, in brackets after what it
// shows: 「(田辺市龍神村龍神で)」「（北東市の港で）」.
var rePlaceTaken = regexp.MustCompile(`(?:[\p{Han}\p{Katakana}ー]|[^\P{Hiragana}るたいすだ])[(（]([^()（）、。]{2,24}?(?:市|町|村|区|県|都|府|道|郡|島|駅|港|空港|館|場|園|所|内|前|沖|上空|付近|周辺|本社|会場|境内)で)[)）]$`)

// placedCaption reports a caption that ends with where its picture was
// taken: a noun, then the place with 「で」 in brackets, on a short line
// with no sentence in it.
func placedCaption(line string) bool {
	return !longerThan(line, 80) && strings.Contains(line, "で") && rePlaceTaken.MatchString(line)
}

// reFigureTitle is a figure's or a table's number and title:
// 「図表1 北朝鮮のミサイル発射数」「表2-1 …」「Figure 3: …」.
var reFigureTitle = regexp.MustCompile(`^(?:図表|図|表|グラフ|Figure|Fig\.|Table)\s*[0-9０-９]{1,2}(?:[-‐－.．][0-9０-９]{1,2})?(?:[\s\x{3000}]+|\s*[:：.．]\s*)\S`)

// rePositionMark places a person in the picture: 「首相(左)」「(右から2人目)」.
var rePositionMark = regexp.MustCompile(`[(（](?:左|右|中央|手前|奥|左端|右端|左奥|右奥|前列左|前列右|後列左|後列右)(?:から[0-9０-９一二三四五]人目)?[)）]`)

// reDatedPlacedEnd closes a caption with when and where in brackets:
// 「…（2月14日、首相官邸）」「…(2024年9月6日、皇居・宮殿)」.
var reDatedPlacedEnd = regexp.MustCompile(`[(（](?:[0-9０-９]{4}年)?[0-9０-９]{1,2}月[0-9０-９]{1,2}日(?:午前|午後)?(?:[0-9０-９]{1,2}時(?:[0-9０-９]{1,2}分)?)?[、,][^()（）、,]{1,24}[)）]$`)

// reImageNote says a picture only illustrates: 「※写真はイメージです」
// 「画像はイメージです(写真:PIXTA)」.
var reImageNote = regexp.MustCompile(`^※?\s*(?:写真|画像|イラスト|図)は(?:すべて|いずれも)?(?:イメージ|イメージ画像|イメージ写真)(?:です)?[。.]?\s*(?:[(（][^()（）]{1,40}[)）])?$`)

// reYearCredit is a wire's credit that opens with the year the photograph
// was taken: 「2019年 ロイター」「2023年 ロイター/Evgenia Novozhenina」.
var reYearCredit = regexp.MustCompile(`^[0-9]{4}年?\s+(?:ロイター|REUTERS|Reuters)(?:\s*[/／].{1,40})?$`)

// hasInlineCreditLabel reports a caption whose credit follows its
// sentence with a label: 「北朝鮮の兵士たち。画像提供:KCNA」.
func hasInlineCreditLabel(line string) bool {
	return containsAny(line, "写真", "画像", "映像") && strings.Count(line, "。") <= 3 && !longerThan(line, 200) && reInlineCreditLabel.MatchString(line)
}

// reDatedCaption is a news photograph's caption without a credit: what it
// shows, then 「＝」 and when and where it was taken (「…有識者=12日、大阪市
// 中央区」「…さん=ロシア極東ウラジオストクで2019年4月23日」).
var reDatedCaption = regexp.MustCompile(`[=＝](?:[^=＝、。]{1,24}で)?(?:[0-9０-９]{4}年)?(?:[0-9０-９]{1,2}月)?(?:[0-9０-９]{1,2}日|[0-9０-９]{1,2}月|[0-9０-９]{4}年)(?:午前|午後)?(?:[0-9０-９]{1,2}時)?(?:、[^=＝、。()（）]{1,24})?$`)

// isDatedCaption reports the dated caption reDatedCaption describes, on
// a short line that is not a sentence.
func isDatedCaption(line string) bool {
	return hasEquals(line) && !strings.Contains(line, "。") && !longerThan(line, 120) && reDatedCaption.MatchString(line)
}

func isEndMark(line string) bool        { return len(line) <= 20 && reEndMark.MatchString(line) }
func isNotesHeading(line string) bool   { return len(line) <= 24 && reNotesHeading.MatchString(line) }
func isProfileHeading(line string) bool { return len(line) <= 48 && reProfileHeading.MatchString(line) }

// isBoilerplate reports publisher disclaimers and contact lines.
func isBoilerplate(line string) bool {
	return containsAny(line, "見解", "無断", "著作権", "rights", "Copyright", "©", "問い", "問合", "意見", "寄せ", "免責") && reDisclaimer.MatchString(line) ||
		strings.Contains(line, "掲載") && containsAny(line, "元記事", "転載") && reSyndicatedNote.MatchString(line) ||
		isBareURL(line) || mayBeContact(line) && reContact.MatchString(line)
}

// reSyndicatedNote is a portal's note on where an article first ran:
// 「(北東プライム9月20日掲載。元記事はこちら)」「※この記事は…から転載しています」.
var reSyndicatedNote = regexp.MustCompile(`^[(（※]?\s*\S.{0,40}?掲載[。.]?\s*(?:元記事は?こちら|元記事を読む|元記事へ)?[)）]?$|^[(（※]?.{0,60}(?:から|より)転載(?:しています|しました)?[。.]?[)）]?$`)

// isBareURL reports a line that is only an address: a site's, in a
// contact block.
func isBareURL(line string) bool {
	return (strings.HasPrefix(line, "http://") || strings.HasPrefix(line, "https://") || strings.HasPrefix(line, "www.")) &&
		!strings.ContainsFunc(line, unicode.IsSpace)
}

// mayBeContact reports what every contact line reContact matches holds:
// a phone label, a telephone number's dash, an address of a site.
func mayBeContact(line string) bool {
	return containsAny(line, "電話", "TEL", "Tel", "FAX", "Fax", "直通", "直 通", "代表", "代 表", "内線", "mail", "メール", "サイト") ||
		strings.Contains(line, "0") && strings.Count(line, "-") >= 2
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// publisherIn returns the publisher a boilerplate line names, if any.
func publisherIn(line string) (string, bool) {
	for _, re := range []*regexp.Regexp{rePublisherDisclaimer, rePublisherLabel, rePublisherCopyright} {
		if m := re.FindStringSubmatch(line); m != nil {
			if p := strings.TrimSpace(m[1]); p != "" {
				return p, true
			}
		}
	}
	return "", false
}

func hasEquals(s string) bool { return strings.Contains(s, "=") || strings.Contains(s, "＝") }

// creditTail is the end of a line where a credit would stand: from the
// last opening bracket or equals sign, or the last 120 bytes.
func creditTail(line string) string {
	i := max(strings.LastIndexAny(line, "(（=＝"), len(line)-120, 0)
	for i > 0 && !utf8.RuneStart(line[i]) {
		i--
	}
	return line[i:]
}

// isPositionCaption reports a caption naming people by their place in the
// picture: 「左から甲氏、乙氏」「(画像左から)チーム 甲、乙」.
func isPositionCaption(line string) bool {
	return rePositionCaption.MatchString(line) && !longerThan(line, 60) && !strings.Contains(line, "。")
}

var rePositionCaption = regexp.MustCompile(`^(?:[(（]\s*(?:写真|画像)?(?:左から|右から|前列|後列|左|右)\s*[)）]|(?:写真|画像)?(?:左から|右から)|前列|写真左|写真右)`)

// hasCaptionLabel reports a caption announced by its label: 「〔写真説明〕…」
// 「バナー写真：…」. (「写真：…」 is reCaption's.)
func hasCaptionLabel(line string) bool {
	switch r := firstRune(line); {
	case r == '▲':
		// 「▲グラフィック=…」: Korean papers mark a caption with a triangle.
		return !longerThan(line, 160) && strings.ContainsFunc(line[len("▲"):], isJPLetter)
	case r == '〔' || r == '[' || r == '【' || r == '［',
		strings.HasPrefix(line, "バナー写真") || strings.HasPrefix(line, "トップ写真") || strings.HasPrefix(line, "画像") || strings.HasPrefix(line, "図版"):
		return reCaptionLabel.MatchString(line)
	case r == '(' || r == '（':
		// 「(写真)日露外相会談の模様」: a ministry's photograph, labelled.
		return !longerThan(line, 160) && reCaptionLabel.MatchString(line) && strings.ContainsFunc(reCaptionLabel.ReplaceAllString(line, ""), isJPLetter)
	}
	return false
}
