package parse

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// creditWords name the agencies, photographers' collectives and image
// libraries that photo credits cite. A parenthesis holding one of them at
// the end of a caption is its credit.
var creditWords = []string{
	"共同", "時事", "AFP", "ロイター", "REUTERS", "Reuters", "AP", "EPA", "朝鮮中央通信", "朝鮮通信", "KCNA",
	"聯合", "Yonhap", "YONHAP", "新華社", "Xinhua", "タス", "TASS", "スプートニク", "Sputnik", "SPUTNIK",
	"Getty", "GETTY", "ゲッティ", "Shutterstock", "shutterstock", "Bloomberg", "ブルームバーグ", "UPI", "アフロ", "AFLO",
	"代表撮影", "撮影", "提供", "POOL", "Pool", "dpa", "ANP", "ABACA", "iStock", "PIXTA", "Alamy", "ZUMA",
	"ファイル写真", "資料写真", "NurPhoto", "Anadolu", "SOPA", "Imaginechina", "Avalon", "テレビ", "映像",
	"新聞社", "新聞", "日報", "新報", "ＡＰ", "ＡＦＰ", "ＥＰＡ", "ＵＰＩ", "ＫＣＮＡ",
}

// hasCreditWord reports a credit name in s; a Latin one must stand as a
// word (「AP」 is in 「(AP)」, not in 「APEC」).
func hasCreditWord(s string) bool {
	for _, w := range creditWords {
		for from := 0; ; {
			i := strings.Index(s[from:], w)
			if i < 0 {
				break
			}
			i += from
			switch {
			case isWideLatin(w):
				// 「＝ＡＰ」 in full-width letters; not 「ＡＰＥＣ」.
				before, _ := utf8.DecodeLastRuneInString(s[:i])
				after, _ := utf8.DecodeRuneInString(s[i+len(w):])
				if !isWideLetter(before) && !isWideLetter(after) {
					return true
				}
			case w[0] >= 0x80 || !isASCIILetter(s, i-1) && !isASCIILetter(s, i+len(w)):
				return true
			}
			from = i + len(w)
		}
	}
	return false
}

// isWideLetter reports a full-width Latin letter: 「Ａ」.
func isWideLetter(r rune) bool { return r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ' }

// isWideLatin reports a word written in full-width Latin letters.
func isWideLatin(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return isWideLetter(r)
}

func isASCIILetter(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	c := s[i]
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

var (
	// 「(c)John Carter / AFP」 after a caption.
	// A credit line of its own: 「Photo by iStock」「Photo by Jane Doe/Shutterstock」.
	rePhotoBy = regexp.MustCompile(`^(?i:photo(?:graph)?s?\s+by\s+|photos?\s*[/／:：]\s*)(\S.{0,40})$`)
	// A credit line of its own, labelled: 「撮影:編集部」「写真提供:北東市」
	// 「（出典：防衛省）」「写真:ロイター/アフロ」; or a stock agency's
	// credit alone: 「iStock.com/NAME」「PIXTA」.
	reCreditLine = regexp.MustCompile(`^[(（]?\s*(?:写真|画像|撮影|写真提供|画像提供|提供|出典|出所|資料)\s*[:：＝=]\s*([^()（）。、]{2,40}?)\s*[)）]?$|^(?:写真\s*[:：＝=]\s*)?((?:iStock|PIXTA|Shutterstock|shutterstock|Getty Images|Adobe Stock|AFLO|アフロ)(?:\.com)?(?:\s*[/／]\s*[^\s/／]{1,30})?)$`)
	// A photographer's credit after the caption's sentence, outside
	// brackets: 「…片岡英彦さん。photos / NAME」.
	reTrailingPhotoCredit = regexp.MustCompile(`^(.{2,160}?[。.!！?？])\s*(?i:photo(?:graph)?s?\s+by\s+|photos?\s*[/／:：]\s*)([^。()（）]{2,30})$`)
	reCopyrightCredit     = regexp.MustCompile(`[(（][cC][)）]\s*([^()（）]{2,60})$`)
	// A trailing parenthesis: 「（AFP時事）」「(写真:ロイター=共同)」「(… via AP)。」.
	reTrailingParen = regexp.MustCompile(`[(（]([^()（）]{1,80})[)）][。.]?$`)
	// A credit label inside the parenthesis: 「写真：」「Photo by」.
	reCreditLabel = regexp.MustCompile(`^(?i:(?:写真|画像|撮影者?|提供|出典|photo(?:graph)?(?:\s+by|\s*credit)?|credit|image)\s*[:：＝=/／◎]?\s*)`)
	// 「…提供=ロイター」「…＝12日、朝鮮中央通信・朝鮮通信」: a credit after an
	// equals sign or a comma, without parentheses.
	reTrailingAgency = regexp.MustCompile(`^(.*?)(?:\s*[=＝]\s*|、)([^=＝、()（）]{2,40})$`)
	// A run of capitalised Latin words ending a caption: 「ALEXANDER
	// ZEMLIANICHENKOーPOOLーREUTERS」「KCNA-REUTERS」「Sergey Nivens/Shutterstock」.
	reLatinCredit = regexp.MustCompile(`(?:^|[\s　)）])((?:[A-Z][A-Za-z.'’&]*(?:[\s\-ー/／]+|$))*(?:[A-Z][A-Za-z.'’&]*[\-ー/／]+)?(?:REUTERS|Reuters|AFP|AP|EPA|KCNA|Getty Images|GETTY IMAGES|[Ss]hutterstock(?:\.com)?|Bloomberg|YONHAP|Yonhap|POOL|UPI|TASS|SPUTNIK|Sputnik|ZUMA Press|NurPhoto|Anadolu)(?:\.com)?)$`)
)

// splitCredit splits a caption into its text and its credit (see SplitCredit).
func splitCredit(s string) (text, credit string) {
	s = strings.TrimSpace(stripCourtesy(s))
	if m := rePhotoBy.FindStringSubmatch(s); m != nil {
		return s, m[1] // 「Photo by iStock」 names its source and nothing else
	}
	if r := firstRune(s); r != '(' && r != '（' {
		if m := reCreditLine.FindStringSubmatch(s); m != nil {
			// 「撮影:編集部」「(出典：防衛省)」 names its source and nothing else.
			if m[2] != "" {
				return "", m[2] // 「Shutterstock.com」: a credit and nothing else
			}
			return "", strings.TrimSpace(m[1])
		}
	}
	if m := reTrailingPhotoCredit.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
	}
	s = strings.TrimSpace(reCounterEnd.ReplaceAllString(s, "")) // 「… 1/12」: the viewer's counter
	if m := reInlineCopyright.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1]), strings.TrimSpace(m[2]) // 「港の夕景 ©北東新聞社」
	}
	if m := reCopyrightCredit.FindStringSubmatchIndex(s); m != nil {
		return strings.TrimSpace(s[:m[0]]), strings.TrimSpace(s[m[2]:m[3]])
	}
	if loc := reTrailingParen.FindStringSubmatchIndex(s); loc != nil {
		inner := strings.TrimSpace(s[loc[2]:loc[3]])
		if hasCreditWord(inner) || reCreditLabel.MatchString(inner) && !strings.Contains(inner, "。") {
			text = strings.TrimSpace(strings.TrimSuffix(s[:loc[0]], "、"))
			return text, creditOf(inner)
		}
	}
	if m := reLatinCredit.FindStringSubmatch(s); m != nil {
		c := strings.TrimSpace(m[1])
		return strings.TrimSpace(strings.TrimSuffix(s, m[1])), c
	}
	if m := reTrailingAgency.FindStringSubmatch(s); m != nil && (agencyOnly(m[2]) || photographer(m[2]) || paperName(m[2]) || providedBy(m[2]) && strings.ContainsAny(s, "=＝")) {
		return strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
	}
	if m := reInlineCreditLabel.FindStringSubmatch(s); m != nil {
		// 「北朝鮮の兵士たち。画像提供:KCNA/北朝鮮国営メディア。」
		return strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
	}
	if agencyOnly(s) {
		return "", creditOf(s)
	}
	return s, ""
}

// reInlineCreditLabel is a credit's label after the caption's sentence,
// outside brackets: 「…たち。画像提供:KCNA/北朝鮮国営メディア。」「…。写真：共同」
// 「港の夕景 写真:北東新聞社」.
var reInlineCreditLabel = regexp.MustCompile(`^(.{2,160}?(?:[。．]\s*|[^\s。．][ \x{3000}]+))(?:写真|画像|映像)(?:提供|出典|撮影)?\s*[:：]\s*([^:：。()（）]{2,40}?)[。．]?$`)

// reInlineCopyright is a caption's text and its copyright credit after it:
// 「港の夕景 ©北東新聞社」「港の夕景 (C)KYODO」.
var reInlineCopyright = regexp.MustCompile(`^([^©ⓒ]{2,80}?[^\s©ⓒ(（])\s*(?:©|ⓒ|[(（][cC][)）])\s*([^()（）©ⓒ。]{2,40})$`)

// reCounterEnd is a photo viewer's counter at either end of a caption:
// 「… 1/12」「1/12 …」.
var reCounterEnd = regexp.MustCompile(`^[0-9]{1,3}\s*/\s*[0-9]{1,3}[ \x{3000}]+|[ \x{3000}]+[0-9]{1,3}\s*/\s*[0-9]{1,3}$`)

// providedBy reports a credit that names who provided the picture:
// 「北東新聞社提供」「市教育委員会提供」.
func providedBy(s string) bool {
	stem, ok := strings.CutSuffix(s, "提供")
	return ok && runeLen(stem) >= 2 && runeLen(stem) <= 20 && !strings.ContainsAny(stem, " 　。、")
}

// rePhotographer is a photographer's credit: 「大前仁撮影」.
var rePhotographer = regexp.MustCompile(`^(\S{2,12}?)\s*撮影$`)

// photographer reports a credit naming the person who took the picture.
func photographer(s string) bool {
	if !strings.HasSuffix(s, "撮影") {
		return false
	}
	m := rePhotographer.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	if _, _, ok := personName(m[1]); ok {
		return true
	}
	// Rare names are missing from the analyzer's dictionary; a short run
	// of kanji right before 「撮影」 is a photographer (or a desk) all the same.
	n := runeLen(m[1])
	return n >= 2 && n <= 5 && !strings.ContainsFunc(m[1], func(r rune) bool { return !isHan(r) })
}

// reCourtesy is a courtesy line after a caption's credit: 「写真提供:共同通信社」.
var reCourtesy = regexp.MustCompile(`[)）]\s*(?:写真|画像)提供\s*[:：]\s*[^()（）\s]{2,20}$`)

// stripCourtesy removes a courtesy line that follows a caption's credit.
func stripCourtesy(s string) string {
	if !strings.Contains(s, "提供") {
		return s
	}
	if loc := reCourtesy.FindStringIndex(s); loc != nil {
		_, size := utf8.DecodeRuneInString(s[loc[0]:])
		return s[:loc[0]+size]
	}
	return s
}

// enlargeOut removes the enlarge button a caption ends with:
// 「…ホワイトハウス(ロイター)【拡大】」.
func enlargeOut(s string) string {
	if !strings.HasSuffix(s, "拡大】") && !strings.HasSuffix(s, "拡大]") && !strings.HasSuffix(s, "拡大］") {
		return s
	}
	for _, b := range []string{"【拡大】", "[拡大]", "［拡大］"} {
		if head, ok := strings.CutSuffix(s, b); ok && head != "" {
			return strings.TrimRightFunc(head, isSpace)
		}
	}
	return s
}

// creditOf removes a credit's label: 「写真：ロイター」 is credited to 「ロイター」.
func creditOf(inner string) string {
	if loc := reCreditYear.FindStringIndex(inner); loc != nil && hasCreditWord(inner[loc[1]:]) {
		inner = inner[loc[1]:] // 「2019年 ロイター/NAME」: the copyright's year is no source
	}
	if c := strings.TrimSpace(reCreditLabel.ReplaceAllString(inner, "")); c != "" && !strings.HasPrefix(inner, "提供") {
		return c
	}
	return inner
}

// reCreditYear is the year a wire's credit opens with: 「(2019年 ロイター/…)」.
var reCreditYear = regexp.MustCompile(`^[0-9０-９]{4}年[ \x{3000}]+`)

// agencyOnly reports a string made only of credit names and their joiners
// (「朝鮮中央通信・朝鮮通信」「ロイター＝共同」「AFP時事」): nothing else is said.
func agencyOnly(s string) bool {
	if runeLen(s) > 40 || !hasCreditWord(s) {
		return false
	}
	rest := s
	for _, w := range creditWords {
		rest = strings.ReplaceAll(rest, w, "")
	}
	rest = strings.Trim(rest, " 　・/／=＝-ー、,.+&()（）")
	for _, w := range []string{"通信", "配信", "写真", "ニュース", "Images", "images", "via", ".com", "社", "撮影", "フォト"} {
		rest = strings.ReplaceAll(rest, w, "")
	}
	return strings.Trim(rest, " 　・/／=＝-ー、,.+&()（）") == ""
}

// paperName reports a newspaper's name crediting its own photograph:
// 「…=ハサンで2025年3月30日、北東新聞」.
func paperName(s string) bool {
	if longerThan(s, 10) || !(strings.HasSuffix(s, "新聞") || strings.HasSuffix(s, "日報") || strings.HasSuffix(s, "新報") || strings.HasSuffix(s, "新聞社")) {
		return false
	}
	for _, r := range s {
		if !isHan(r) && !isKana(r) {
			return false
		}
	}
	return true
}
