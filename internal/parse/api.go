package parse

import "github.com/sourcecmp/sourcecmp/internal/doc"

// The recognisers below read one string each (a line of text, an HTML
// element's text, a PDF text run). They are what the text parser uses on
// every line, exported so that the PDF and HTML front-ends recognise the
// same forms the same way. Their signatures are stable.

// Date recognises the date a string states: 「2025年4月28日09時36分配信」,
// 「最終更新：2025.06.19」, 「13 Jul 2025 06:07:57 GMT+9」, 「令和7年5月10日」,
// 「(2025年4月12日)」. It returns the first date as YYYY-MM-DD and, when a
// time of day is stated with it, that moment in RFC 3339 (with the offset
// stated, else Japan's +09:00); at is "" when no time is stated. ok is
// false when s states no date.
func Date(s string) (date, at string, ok bool) {
	m, found := findDateTime(s)
	if !found {
		return "", "", false
	}
	return m.date, m.at, true
}

// Byline recognises a line that credits a document's authors and returns
// them: 「文・山田 太郎」「執筆者：佐藤花子（東京大学教授）」「By John Smith –
// Outlet – 13 Jul 2025」「政策研究部 軍事戦略研究室長 寺内 真寿」「（文・鈴木
// 一郎＝ジャーナリスト）」「【ソウル＝田中健】」「国際報道部・編集部」. ok is
// false when the line is not a byline; a line that merely contains a name
// is not one.
func Byline(s string) (authors []doc.Author, ok bool) {
	return bylineOf(s)
}

// SplitCredit splits the photographer's or agency's credit off a caption:
// 「会談する両首脳（AFP時事）」 gives 「会談する両首脳」 and 「AFP時事」;
// 「演説する金正恩氏＝12日、朝鮮中央通信・朝鮮通信」 gives 「演説する金正恩氏＝12日」
// and 「朝鮮中央通信・朝鮮通信」. credit is "" when the caption states none;
// text is "" when the string is only a credit (「KCNA-REUTERS」).
func SplitCredit(s string) (text, credit string) {
	return splitCredit(s)
}

// Caption reports whether a line, read on its own, is a figure caption or
// a photo credit, and returns it with its credit split off.
func Caption(line string) (doc.Caption, bool) {
	if !isCaption(trimLine(line)) {
		return doc.Caption{}, false
	}
	text, credit := splitCredit(trimLine(line))
	return doc.Caption{Text: text, Credit: ptrOrNil(credit)}, true
}

// Chrome classifies a line of page furniture that is no part of the
// document: share buttons (reason "share"), site navigation and interface
// labels ("chrome"), paywall notices ("paywall"), related-link headings
// ("related"), reader-reaction widgets ("chrome"), publisher disclaimers
// and contact lines ("boilerplate"), page numbers ("page-number"). ok is
// false for any other line. Tag lines are metadata, not chrome: see
// Document.Keywords.
func Chrome(line string) (reason string, ok bool) {
	return chromeReason(trimLine(line))
}
