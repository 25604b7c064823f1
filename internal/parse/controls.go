package parse

import (
	"regexp"
	"strings"
)

// A page's controls copied with its text — skip links, print and text
// size buttons, share buttons, photo viewers' counters, pagers, page IDs —
// are never a title. The header zone removes them by their form, as many
// sites word them, before it looks for the title.

var (
	// reControlVerb is a button: an interface noun and the action on it
	// (「印刷用ページを表示する」「写真をもっと見る」「本文へスキップ」).
	reControlVerb = regexp.MustCompile(`^(?:この|その)?(?:写真|画像|動画|記事|ページ|続き|全文|詳細|一覧|コメント|本文|メニュー|PDF|地図|印刷用ページ|元記事|全画面|ナビゲーション|コンテンツ|メインコンテンツ|検索|サイト内検索|前のページ|次のページ)(?:を|へ|に|で)?(?:もっと)?(?:表示する|表示|見る|読む|開く|閉じる|印刷する|印刷|拡大する|拡大|保存|戻る|移動|ジャンプ|スキップ|飛ぶ|シェア)$`)
	// reControlCounter is a photo viewer's counter: 「写真を見る(1/2枚)」「全3枚」「2枚目」.
	reControlCounter = regexp.MustCompile(`^(?:(?:写真|画像)(?:を見る)?[\s\x{3000}]*)?[(（]?[0-9０-９]{1,3}[\s\x{3000}]*[/／][\s\x{3000}]*[0-9０-９]{1,3}[\s\x{3000}]*枚?[)）]?$|^全[0-9０-９]{1,3}枚$|^[0-9０-９]{1,3}枚目$`)
	// rePageID is a page's number or ID: 「ページ番号：631663」「ページID:1234」.
	rePageID = regexp.MustCompile(`^(?:ページ番号|ページID|ページＩＤ|記事ID|記事番号|ID)[\s\x{3000}]*[:：]?[\s\x{3000}]*[0-9０-９][0-9０-９A-Za-z\-]{0,19}$`)
)

// controlLines are controls worded the same on most sites.
var controlLines = setOf(
	"ページの先頭です", "ページの終わりです", "ここから本文です", "本文ここから", "本文ここまで", "メニューを飛ばして本文へ",
	"本文へ", "本文へ移動", "本文へスキップ", "このページの本文へ", "メインコンテンツへスキップ", "ナビゲーションをスキップ",
	"印刷", "印刷する", "このページを印刷する", "大きな文字で印刷", "印刷用ページを表示する", "印刷ページ表示",
	"文字サイズ", "文字の大きさ", "文字サイズ変更", "標準", "拡大", "縮小", "大", "中", "小", "背景色", "背景色変更", "色の変更", "色を変える", "文字色", "白色", "黒色", "青色", "黄色", "音声読み上げ", "ページ自動読み上げ", "ページ自動読み上げボタン", "読み上げ", "やさしい日本語",
	"拡大写真", "拡大画像", "写真拡大", "画像拡大", "写真を拡大", "画像を拡大", "写真を見る", "写真一覧",
	"前の記事", "次の記事", "前へ", "次へ", "一覧へ戻る", "一覧に戻る", "トップへ戻る", "ページトップへ", "ページの先頭へ", "ページの先頭へ戻る",
	"Open Image Modal", "Close", "Share", "Print", "Skip to content", "Skip to main content", "Back to top", "Read more", "Menu", "MENU", "Search", "SEARCH",
	"SPONSORED LINK", "Sponsored Link", "スポンサーリンク", "スポンサードリンク", "広告", "PR", "AD",
	"NEW !", "NEW!", "New!", "new!", "NEW", "いいね", "いいね！", "コメント", "リブログ", "フォロー", "読者になる",
)

// reHatenaImage is a hosted blog's image reference left in the text:
// 「f:id:tsukikageya:20220331163636j:plain」.
var reHatenaImage = regexp.MustCompile(`^f:id:[A-Za-z0-9_\-]+:[0-9]{8,14}[a-z]?:(?:plain|image|w:[0-9]+)`)

// controlLine reports a line that is one of a page's controls.
func controlLine(line string) bool {
	if line == "" || longerThan(line, 40) {
		return false
	}
	if controlLines[line] || strings.HasSuffix(line, "。") && controlLines[strings.TrimSuffix(line, "。")] {
		return true // 「ページの先頭です。」
	}
	if strings.HasSuffix(line, "スキップ") || strings.HasSuffix(line, "スキップして本文へ") || strings.HasSuffix(line, "本文へ") && strings.Contains(line, "スキップ") {
		return !strings.ContainsAny(line, "。、") // 「共通メニューなどをスキップして本文へ」「スマートフォン表示用の情報をスキップ」
	}
	if strings.HasPrefix(line, "f:id:") && reHatenaImage.MatchString(line) {
		return true
	}
	if !longerThan(line, 24) && strings.ContainsAny(line, " \u3000") && sideBySide(line) {
		return true // 「印刷 大きな文字で印刷」: controls side by side
	}
	if strings.Contains(line, "前の記事") || strings.Contains(line, "次の記事") {
		return !strings.ContainsAny(line, "。、") // 「« 前の記事 | 次の記事 »」
	}
	if strings.HasSuffix(line, "でシェア") || strings.HasSuffix(line, "にシェア") || strings.HasSuffix(line, "で共有") || strings.HasSuffix(line, "でポスト") || strings.HasSuffix(line, "で送る") {
		return !longerThan(line, 20) // 「Xでシェア」「Facebookでシェア」
	}
	if strings.ContainsAny(line, "/／枚") && reControlCounter.MatchString(line) {
		return true
	}
	if strings.Contains(line, "ID") || strings.Contains(line, "番号") {
		if rePageID.MatchString(line) {
			return true
		}
	}
	return !longerThan(line, 20) && reControlVerb.MatchString(line)
}

// sideBySide reports two to four controls on one line, set apart by
// spaces.
func sideBySide(line string) bool {
	n := 0
	for _, f := range strings.Fields(line) {
		f = strings.TrimSuffix(f, "。") // 「ページの先頭です。 メニューを飛ばして本文へ」
		if n++; n > 4 || !controlLines[f] && !strings.HasSuffix(f, "でシェア") && !strings.HasSuffix(f, "で印刷") {
			return false
		}
	}
	return n >= 2
}
