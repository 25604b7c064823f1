// Package webchrome knows the furniture of web pages as their text is
// copied: share buttons, interface labels and messages, navigation,
// related-link headings, paywall notices, galleries' and calendars'
// controls, image file names. The text parser (internal/parse) decides
// with it what a line of a page is; internal/recog answers the PDF and
// HTML front-ends from the same lists, so that all formats read a page's
// furniture alike.
package webchrome

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// reBullet is a list bullet at the start of a line.
var reBullet = regexp.MustCompile(`^(?:[-–—•・*＊]\s*)`)

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' || unicode.IsSpace(r) }

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	s = strings.TrimRightFunc(s, isSpace)
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// ContainsAny reports whether s holds one of subs: the cheap test that
// keeps a line's regular expressions off the lines that cannot match.
func ContainsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

var (
	// ShareWords are the words of share buttons and counters, one or more
	// a line: 「• facebook」「シェア ツイート はてブ」.
	ShareWords = setOf(
		"facebook", "twitter", "x", "line", "はてな", "はてブ", "はてなブックマーク", "pocket", "mixi", "linkedin",
		"threads", "bluesky", "email", "mail", "メール", "印刷", "print", "シェア", "シェアする", "ツイート",
		"ポスト", "いいね", "いいね！", "共有", "share", "comment", "コメント", "ブックマーク", "note", "copy", "コピー",
		"tweet", "sns", "b!", "hatena", "pin", "pinterest", "google+", "whatsapp", "telegram", "reddit", "weibo", "lineで送る", "送る",
	)
	// ReShare is a share prompt: 「このエントリーをはてなブックマークに追加」「Short Url: …」.
	ReShare = regexp.MustCompile(`(?i)^(?:シェア\s*["“「]|Short\s*Url\s*[:：]|このエントリーをはてなブックマークに追加|(?:この)?(?:ニュース|記事|ページ)を(?:シェア|共有)|(?:URL|リンク)を?コピー|コピーしました|SNSで(?:シェア|共有)|X(?:[(（]旧\s*Twitter[)）])?で(?:ポスト|シェア)|(?:この)?(?:記事|ページ|ニュース)を\S{0,12}で(?:つぶやく|ツイート|シェア|ポスト|共有)(?:する)?$)`)

	// Lines are interface labels and navigation, a whole line each.
	Lines = setOf(
		"コンテンツへスキップ", "本文へスキップ", "メニュー", "検索", "ログイン", "会員登録", "新規会員登録", "拡大画像表示",
		"写真拡大", "続きを読む", "全文を表示", "全文を読む", "もっと見る", "記事を読む",
		"記事全文を読む", "閉じる", "広告", "PR", "Advertisement", "スポンサーリンク", "動画を再生", "再生", "YOU ARE READING",
		"read full story", "Ask about this article", "トップへ戻る", "ページの先頭へ", "ページトップへ", "前へ", "次へ",
		"次のページ", "前のページ", "最新記事", "特集", "無料記事", "有料記事", "会員限定", "会員限定記事", "見出し画像",
		"目次", "フォローする", "フォロー", "ホーム", "トップ", "TOP", "HOME", "MENU", "Menu", "English", "日本語",
		"印刷する", "文字サイズ", "大 中 小", "保存", "この記事を保存", "クリップ", "マイページ", "ニュース速報", "速報",
		"コメントを書く", "コメントを見る", "Photo 出典元", "画像一覧", "写真一覧", "この写真の記事へ", "記事に戻る",
		"Subscribe", "Sign in", "Log in", "Share", "Listen", "音声を聞く", "音声読み上げ", "読み上げ",
		"報道関係者各位", "プレスリリース", "NEWS RELEASE", "News Release", "PRESS RELEASE", "Press Release", "ニュースリリース",
		"ニュース一覧", "記事一覧", "一覧へ戻る", "一覧に戻る", "メールアドレス", "パスワード", "送信", "登録する",
		"続き読む", "続きをみる", "続きを見る", "全文を見る", "全文", "本文", "詳しく見る", "詳細を見る", "記事を見る",
		"つづきを読む", "つづきを見る", "続きを読む>", "この記事の続きを読む",
		"No related posts.", "No related posts", "関連記事はありません", "関連する投稿はありません",
		"認証済み", "報告", "通報", "違反報告", "N/A", "Protected", "Transcript", "Detail", "Details", "Download",
		"by user", "Upload", "Embed", "Report", "Comments", "views", "Category: Documents", "Citation preview",
		"もっと詳しく", "詳しく見る", "SPONSORED LINK", "Sponsored Link", "Sponsored", "スポンサードリンク", "広告募集中",
		"ホームへ", "ホームへ戻る", "もっと読む", "特集一覧", "連載一覧", "トップへ", "ページの先頭へ戻る", "ページの先頭に戻る", "先頭へ戻る", "ページトップに戻る", "PAGE TOP", "Page Top", "PAGETOP", "ページトップ",
		"ジャンル", "フリーワード", "サイト内検索", "サイト内メニュー", "お気に入り", "お気に入り記事", "お気に入りに追加", "お気に入り登録",
		"カテゴリアーカイブ", "カテゴリーアーカイブ", "月別アーカイブ", "アーカイブ", "最新コメント", "最近のコメント", "最近の投稿", "リンク集", "カテゴリー", "カテゴリ",
		"コメントを残す", "コメントする", "コメントを投稿", "コメントを投稿する", "返信", "返信する", "キャンセル",
		"この記事へのコメント", "この記事へのトラックバック", "トラックバック", "過去ログ", "記事検索", "編集", "[編集]", "screenshot", "Search",
		"ニュース提供社", "著者フォロー", "フォローした著者の連載・新着記事が公開されたらメールでお知らせします。", "AA", "記事をマイページに保存",
		"次のページへ", "前のページへ", "前編を読む", "中編を読む", "後編を読む", "連載一覧へ", "ツイートする",
		"スキ", "サポート", "マガジン", "noteで書こう", "note で書こう", "気に入ったらサポート", "この記事が気に入ったらサポートをしてみませんか?",
		"この記事が気に入ったらサポートをしてみませんか？", "印刷ページ", "PDF", "ダウンロード", "会員登録(無料)", "会員登録（無料）", "新規登録",
		"無料登録", "Ranking", "RANKING", "Yahoo!ニュース オリジナル", "PR TIMES", "サイトマップ", "Foreign Language", "よくある質問",
		"ライブ配信中", "広告の後にもコンテンツがあります", "AD", "この動画を見る", "動画を見る", "音声を再生",
		// a site's footer links
		"プライバシーポリシー", "利用規約", "運営会社", "会社概要", "採用情報", "広告掲載", "サイトについて", "このサイトについて",
		"当サイトについて", "著作権について", "リンクについて", "個人情報の取り扱い", "個人情報の取扱い", "個人情報保護方針",
		"ご利用にあたって", "アクセシビリティ", "ウェブアクセシビリティ", "画像の使用について", "免責事項", "クッキーポリシー",
		"Cookieポリシー", "Privacy Policy", "Terms of Use", "Contact", "About", "Cookie設定", "同意する", "同意して閉じる",
		// a blog host's and a comment form's furniture
		"この記事についてブログを書く", "この記事のトラックバックURL", "コメント一覧", "トラックバック一覧", "リブログ", "アメンバー",
		"投稿ナビゲーション", "コメントをどうぞ", "返信を残す", "コメントを送信", "Leave a Reply", "名前", "ウェブサイト",
		"ヘッドライン", "こちらから", "元記事を読む", "元記事へ", "ソース", "Instagram", "YouTube", "TikTok", "ニュースを見る", "記事本文",
		"もくじ", "この記事の目次", "▽関連記事", "▼関連記事", "(ウェブ上には掲載しません)", "（ウェブ上には掲載しません）",
		"ニュースレター登録", "メールマガジン登録", "メルマガ登録", "無料メルマガ登録", "今すぐ登録",
		// a site builder's and a viewer's controls, a sign-up link, a writer box's label
		"top of page", "bottom of page", "Top of page", "Back to top", "back to top", "SHARE", "close", "Close", "CLOSE",
		"ユーザー登録", "新規ユーザー登録", "URL", "コメント本文", "この記事を書いた人", "この記事を書いた人物", "この記事の執筆者",
	)
	// Interface messages a page shows while it is used, which a copy keeps:
	// 「読み込み中.... (全文を見る)」「検索結果がありません。」「Copied!」, a
	// comment form's notice, an article past its display period, a link
	// that skips the navigation (「メインメニューをとばして、このページの本文エリアへ」).
	reInterfaceMessage = regexp.MustCompile(`(?i)^(?:読み込み中|Loading\.\.|ロード中)|^(?:検索結果(?:が|は)?(?:ありません|見つかりません(?:でした)?)|Copied!?|コピーしました|該当する記事(?:が|は)ありません)[。.]?$|メールアドレスが公開されることはありません|コメントは.{0,20}(?:承認|確認)(?:後|されるまで|してから|の上).{0,20}(?:反映|表示|公開)|(?:が|の)付いている欄は必須項目です|必須項目には印がついています|^(?:こちらの|この)?(?:記事|ページ|コンテンツ|ニュース)?(?:は|の)?掲載(?:期間)?(?:が|は)?終了(?:しました|しています|いたしました)[。.]?$|^(?:こちらの|この)?(?:記事|ページ|コンテンツ|ニュース)(?:の|は)?(?:有効|掲載|公開)?期限(?:が|は)?(?:切れ|過ぎ)(?:ています|ました)[。.]?$|^\S{0,20}(?:とばして|飛ばして|スキップして)[、,]?\S{0,12}(?:本文|メインコンテンツ|コンテンツ)(?:エリア|領域)?(?:へ|に)(?:移動|スキップ|ジャンプ)?$|^(?:本文|メインコンテンツ|コンテンツ)(?:エリア|領域)?(?:へ|に)(?:移動|スキップ|ジャンプ)$|^ここ(?:から|まで)(?:が)?(?:サイトの)?(?:主な)?(?:メニュー|本文|コンテンツ|フッター|ナビゲーション)(?:です)?[。.]?$|^(?:本文|メニュー)(?:は)?ここまで(?:です)?[。.]?$|^Skip to (?:main )?content$|^\S{0,20}(?:ブラウザー?|ブラウザ)を(?:ご)?使用しています|JavaScriptを有効に|^(?i:image beacon)+$|^[(（]?※.{0,60}(?:画面|メニュー|ページ|リンク).{0,30}(?:ご覧ください|ご参照ください)[。]?[)）]?$|^Academic year\s*[:：]|^\S.{0,20}\s(?:Powered|powered)\s+by\s+\S.{0,30}$`)
	// reDecoration is a line of rules, bullets and box-drawing only.
	reDecoration = regexp.MustCompile(`^[◇◆■□●○★☆※＊*・\-—―─━=＝~〜«»‹›<>＜＞|｜┏┓┗┛┃│┌┐└┘├┤┬┴┼═║╔╗╚╝\s]+$`)
	// reCounter is a counter or a short control, each opening with its
	// own first character (chromeStarts).
	reCounter = regexp.MustCompile(`^(?:Since\s+\d{4}|【今日の感想】.*|Answer for your question.*|\d+\s*/\s*\d+\s*ページ|\d+\s+\d+(?:\s+\d+)*\s+次(?:へ|のページ|ページ).*|(?:動画|映像)(?:を)?(?:再生|見る).*|再生時間\s*[0-9:：]+|\[?(?:画像|写真|動画)\]?(?:\s*\d+\s*/\s*\d+)?|写真・図版|(?:全\s*)?\d+\s*枚|-?\d{1,2}(?:\.\d)?\s*°?\s*[CF℃]|\d{4}年\d{1,2}月\s*[(（]\d+[)）]|[(（]\d{1,3}\s*/\s*\d{1,3}[)）])$`)
	// rePhotoCount is a gallery's link with its count: 「この記事の写真(8枚)」.
	rePhotoCount = regexp.MustCompile(`^(?:この記事の)?(?:写真|画像)(?:を見る|一覧)?\s*[(（【]?\s*(?:全\s*)?\d+\s*枚\s*[)）】]?$`)
	// reTextSize is the text-size control: 「文字サイズ 小 中 大」.
	reTextSize = regexp.MustCompile(`^文字(?:サイズ|の大きさ)\s*(?:[小中大標準拡特]+\s*)*$`)
	// reListLink is a link to a list or home: 「国際の記事一覧へ」「ニュースのトップへ戻る」.
	reListLink = regexp.MustCompile(`^(?:\S{0,12}の?(?:記事|ニュース)一覧(?:へ|を見る)?|\S{1,16}の(?:HOME|ホーム|トップ)(?:に|へ)戻る)$`)
	// blogPrompts are in a blog's plea for a vote or a stamp:
	// 「↑↓この記事良いなと思ってくださったらポチッとお願いします!」
	// 「ブログランキング・にほんブログ村へ」「▼本日限定!ブログスタンプ」.
	blogPrompts = []string{"にほんブログ村", "ブログランキング", "ブログスタンプ", "スタンプをGET", "ポチッと", "ポチっと"}
	// FollowWords are buttons to follow a blog or a channel: 「読者です
	// 読者をやめる 読者になる」; ReactionWords are the reactions readers click
	// under an article: 「興味深い 悲しい すっきり」.
	FollowWords   = setOf("読者です", "読者をやめる", "読者になる", "フォロー", "フォローする", "フォロー中", "チャンネル登録", "購読", "購読する")
	ReactionWords = setOf("興味深い", "悲しい", "すっきり", "腹立つ", "役に立つ", "なるほど", "参考になった", "面白い", "ためになった", "驚いた", "わかりやすい", "もっと知りたい")

	// Paywall notices: 「残り449文字(全文805文字)」「この続きが読めます」.
	rePaywall = regexp.MustCompile(`(?:ここから|この先|以下)は有料(?:記事|会員|部分)|残り\s*[:：]?\s*[0-9０-９,，]+\s*文字|全文\s*[:：]?\s*[0-9０-９,，]+\s*文字|続きが読めます|会員限定|まで(?:無料で)?ご覧になれます|ログインが必要|ログインしていただくと|利用規約.{0,20}(?:確認|同意)|登録ボタン|続きは(?:有料|会員|ログイン)|有料会員|無料会員|会員登録(?:が必要|すると|で|へ)|ログインして(?:続き|全文)|記事の(?:全文|続き)を(?:ご覧|読|お読)|【全文を読む】|初回登録は|読み放題|この記事は(?:有料|会員)|続きをお読みいただくには|既に(?:有料)?会員の方|購読(?:する|手続き|お申し込み)|お申し込みください|オンライン書店|月額[0-9０-９,]+円`)

	// reRelated is the heading of a list of links to other articles:
	// 「関連記事」「新着記事一覧」「【あわせて読みたい】」「Related stories」,
	// 「MORE FROM THE OUTLET」.
	reRelated = regexp.MustCompile(`(?i)^(?:[■□●◆▼▶►>＞・\-]\s*)?[【\[［<＜]?\s*(?:(?:新着|最新|人気|注目|関連|話題|おすすめ|オススメ)の?(?:記事|ニュース|エントリー|投稿|コンテンツ)(?:ランキング|一覧)?(?:\s*[A-Za-z][A-Za-z ]{1,20})?|(?:この記事に)?関連する(?:記事|ニュース)|おすすめ|オススメ|関連リンク|関連情報|関連(?:ファイル|資料|ページ|サイト|書籍)|こんな(?:記事|ページ)も(?:読まれています|見ています|おすすめ)|このページを(?:見|読ん)でいる(?:人|方)はこんなページも(?:見|読ん)でいます|次に読みたい(?:記事)?|このブログの(?:人気|最新|注目|おすすめ)(?:記事|エントリー)|参考リンク|\S{1,20}[」』]?カテゴリー?の(?:記事|最新記事)|あわせて読みたい(?:記事)?|(?:今、?\s*)?あなた(?:に|への)(?:おすすめ|オススメ)(?:の記事)?(?:\s*[A-Za-z][A-Za-z ]{1,20})?|この記事を(?:読んだ|見た)(?:人|方)(?:は|が)(?:こんな記事も|よく)?(?:読んでいます|読まれています|見ています)|この記事を(?:読んだ|見た)(?:人|方)(?:に|へ)(?:の)?(?:おすすめ|オススメ)|合わせて読みたい|ランキング|アクセスランキング|今日のイチオシ記事|イチオシ記事|次の記事|前の記事|こちらもおすすめ|こちらも読まれています|よく読まれている記事|もっと読む|ピックアップ|PICK\s?UP|Related(?:\s+(?:articles?|stories|news|posts|links))?|Read more|More (?:stories|from .{1,30})|Recommend(?:ed)?(?: for you)?|You may also like|Most (?:read|popular)|Trending|Popular(?: posts)?|Latest (?:news|stories)|New (?:articles?|posts?))\s*[】\]］>＞]?\s*[:：]?\s*$|^(?:[■□●◆▼▶►]\s*)?[【\[]写真[】\]]|[【\[](?:写真|画像)\s*[0-9０-９]+\s*枚[】\]]|^[▶►>＞]\s*関連|^関連(?:記事|特集)\s*[:：]`)

	// relatedWords are in every heading reRelated matches, and
	// latinRelatedWords, in lower case, in every Latin one: the test keeps
	// the expression off the other lines.
	relatedWords = []string{"関連", "この記事を", "こんな", "次に読みたい", "このブログの", "参考リンク", "カテゴリ", "あわせ", "合わせ", "おすすめ", "オススメ", "人気", "ランキング", "最新", "新着", "話題", "注目", "イチオシ", "次の記事",
		"前の記事", "読まれ", "もっと", "ピックアップ", "写真", "画像"}
	latinRelatedWords = []string{"related", "read more", "more ", "pick", "recommend", "you may", "most ", "trending", "popular", "latest ", "new "}

	// reZoomLink is the label of a picture's zoom link: 「写真を拡大」「拡大」.
	reZoomLink = regexp.MustCompile(`^(?:写真|画像)を(?:拡大|クリックして拡大|もっと見る)(?:する)?$|^拡大(?:する|表示)?$`)

	// ReCopyright opens a copyright line.
	ReCopyright = regexp.MustCompile(`(?i)^(?:\(c\)|（c）|©|ⓒ|Copyright\b)`)

	// ReImageFile is the file name of an image left where the image stood:
	// 「4319436992_30e6c7caf4_b-1」「20190702issue_cover200.jp」, and a
	// camera's frame left bare: a four-character prefix holding a digit,
	// then its four-digit number (「421A9004」「5D3A1234」).
	ReImageFile = regexp.MustCompile(`^(?:[0-9][0-9A-Z]{2}|[A-Z][0-9][0-9A-Z]|[A-Z]{2}[0-9])[A-Z][0-9]{4}$|^[A-Za-z0-9\-]*[0-9][A-Za-z0-9\-]*(?:_[A-Za-z0-9\-]+)+(?:\.[a-zA-Z]{2,4})?$|^[A-Za-z0-9_\-]*[0-9][A-Za-z0-9_\-]*\.(?i:jpe?g?|png|gif|webp|jp|heic)$|^\S+\.(?i:jpe?g|png|gif|webp|heic)$|^[A-Za-z]*[0-9][A-Za-z0-9]{5,}_$|^(?:IMG|DSC|DSCN|DSCF|P)[_\-]?[0-9]{3,}[A-Za-z0-9_\-]*(?:\.[A-Za-z]{3,4})?$|^(?:_[A-Z0-9]{2,4}_?|[A-Z]{2,4}_)[0-9]{3,6}(?:\.[A-Za-z]{3,4})?$`)
	// ReImageMarkup is an image left as markup by the copy: 「![](https://…jpg)」.
	ReImageMarkup = regexp.MustCompile(`^!\[[^\]]{0,80}\]\(\S+\)$|^<img\s[^>]*>$`)
	// ReGluedImageFile is an image's file name left before the text that
	// followed the image:
	// 「photo0727.jpg 6日ぶりの更新となりました。」.
	// 「051220.jpg昨日、新宿の…」 has lost the space too.
	ReGluedImageFile = regexp.MustCompile(`^([A-Za-z0-9_\-]+\.(?i:jpe?g|png|gif|webp|heic))(?:[ \x{3000}]+(\S)|([^\sA-Za-z0-9_.\-]))|^([0-9]{2,}(?:_[0-9A-Za-z]+){2,})([\p{Han}\p{Hiragana}\p{Katakana}「])`)
)

// uiForms are the controls of a page, by class, as sites word them: a
// share or save button to a service, a way back to the top or to a list,
// a previous/next link, a menu's or the search's toggle, a skip link,
// print and display settings, a breadcrumb trail, a page's ID, a photo
// viewer's controls, a feedback survey, the PDF reader's notice. Each is
// tried only on a line holding one of its words.
var uiForms = []Form{
	{Holding("戻る", "へ", "に", "先頭"),
		regexp.MustCompile(`^(?:[▲△↑∧^]\s*)?(?:この)?(?:ページ|TOP|Top|top|トップ|上|先頭)(?:の)?(?:トップ|先頭|上部|上)?(?:へ|に)(?:戻る)?$|^戻る$|^ページの先頭です[。]?$`)},
	{Holding("一覧"),
		regexp.MustCompile(`^\S{0,16}一覧(?:へ|に|を)(?:戻る|見る)?$`)},
	{Holding("前", "次"),
		regexp.MustCompile(`^(?:[<＜«‹]\s*)?(?:前|次)(?:の(?:記事|ページ|画像|写真|動画|エントリー|投稿)へ?|へ)?(?:\s*[>＞»›])?(?:\s+(?:[<＜«‹]\s*)?(?:前|次)(?:の(?:記事|ページ|画像|写真|動画|エントリー|投稿)へ?|へ)?(?:\s*[>＞»›])?)?$`)},
	{Holding("開く", "閉じる", "表示", "スキップ", "飛ばす", "本文へ", "本文に"),
		regexp.MustCompile(`^(?:メニュー|検索|ナビゲーション|サブメニュー|カテゴリー?|フィルター|絞り込み|目次|ページ|ウィンドウ)(?:を)?(?:開く|閉じる|表示|非表示)(?:する)?$|^\S{0,20}(?:を|へ|に)?(?:スキップ|読み飛ばす|飛ばす)(?:する)?(?:して\S{0,10}(?:へ|に))?$|^(?:本文|メインコンテンツ|コンテンツ)(?:へ|に)$|^(?:PC|パソコン|スマートフォン|スマホ|モバイル)版(?:を|で)?表示(?:する)?$|^(?:さらに|続きを|もっと)表示(?:する)?$`)},
	{Holding("印刷", "文字", "背景", "配色", "表示色"),
		regexp.MustCompile(`^(?:印刷用ページ|印刷ページ|大きな文字で印刷|印刷プレビュー)(?:を)?(?:表示)?(?:する)?$|^(?:文字サイズ|文字の大きさ|背景色|配色|表示色)(?:の)?(?:変更|を変更)?(?:\s+\S{1,4}){0,6}$`)},
	{Holding("ID", "番号"),
		regexp.MustCompile(`^(?:ページ|記事|コンテンツ)?(?:ID|番号)\s*[:：]\s*[0-9A-Za-z\-]{1,12}$`)},
	{Holding("写真", "画像", "動画", "拡大", "スライド", "Image", "image", "クリック", "タップ"),
		regexp.MustCompile(`^(?:この)?(?:写真|画像|動画)を?(?:見る|表示する?|拡大(?:表示)?(?:する)?)\s*(?:[(（]\s*(?:全\s*)?\d+(?:\s*/\s*\d+)?\s*枚?\s*[)）])?$|^拡大(?:写真|画像)$|^[(（]?(?:(?:写真|画像)を?)?(?:クリック|タップ)(?:する|して|で|すると)(?:拡大|大きく|元の(?:サイズ|大きさ)で表示)\S{0,10}[)）]?$|^スライドショー$|^(?i:open image modal)$`)},
	{Holding("役に立", "アンケート", "ご意見"),
		regexp.MustCompile(`^(?:この)?ページ(?:の情報|の内容)?は(?:お)?役に立ちましたか[?？]?$|^(?:役に立った|役に立たなかった|どちらでもない|わかりやすかった|わかりにくかった)(?:\s+(?:役に立った|役に立たなかった|どちらでもない|わかりやすかった|わかりにくかった))*$|^\S{0,30}アンケート(?:に(?:ご)?協力(?:ください|をお願いします))?[。]?$|^ご意見・ご感想$`)},
	{Holding("のものです", "時点", "当時"),
		regexp.MustCompile(`^※?\s*(?:この)?(?:記事|情報|内容|掲載内容|価格|データ|肩書き?)(?:の内容)?は、?\S{0,12}(?:当時|時点)のもの(?:です|となります)[。]?$`)},
	{Holding("動画", "映像"),
		regexp.MustCompile(`^[(（]?(?:動画|映像)[)）]?$|^(?:動画|映像)(?:で見る|を見る|を再生(?:する)?)$|^(?:動画|映像)\s*[:：]?\s*(?:\d+分)?\d+秒$|^(?:動画|映像)\s*[:：]?\s*\d{1,2}:\d{2}$`)},
	{Holding("Cookie", "cookie", "クッキー"),
		regexp.MustCompile(`(?:Cookie|cookie|クッキー).{0,40}(?:使用|利用|同意|設定|許可)`)},
	{Holding("目次"), regexp.MustCompile(`^目次\s*[\[［(（]?(?:非表示|表示|開く|閉じる)[\]］)）]?$`)},
	// 「« 前の記事の題 | トップページ | 次の記事の題 »」: a blog's trail to
	// its neighbours.
	{Holding("«", "»", "≪", "≫"),
		regexp.MustCompile(`^[«≪].{1,60}\s[|｜]\s.{1,60}$|^.{1,60}\s[|｜]\s.{1,60}[»≫]$`)},
	// A link to an attachment with its format and size: 「利用案内(pdf:232KB)」.
	{Holding("KB", "MB", "kb", "mb", "ＫＢ", "ＭＢ"),
		regexp.MustCompile(`(?i)[(（]\s*(?:pdf|word|excel|xlsx?|docx?|pptx?|csv|zip)?\s*(?:ファイル)?\s*[:：/／,、]?\s*[0-9.,]+\s*[kmg]b\s*[)）]$`)},
	// How long ago, how long to read, how many have read: 「3時間前」
	// 「7 months ago」「読了時間：約5分」「1 分で読む」「閲覧数：1,234」.
	{func(l string) bool {
		return ContainsAny(l, "前", "ago", "読", "read", "閲覧", "view", "View", "PV")
	},
		regexp.MustCompile(`(?i)^[/／|｜・\s]*(?:\d+\s*(?:秒|分|時間|日|週間|か月|ヶ月|カ月|年)前(?:に)?(?:更新|配信|公開|投稿)?|\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago|(?:読了時間|読む時間|この記事は)\s*[:：]?\s*(?:約|およそ)?\s*\d+\s*分(?:で読めます|程度)?[。]?|(?:約)?\d+\s*分で読(?:む|める|めます)|\d+\s*min(?:ute)?s?\s+read|(?:閲覧数|閲覧|PV|ビュー数)\s*[:：]?\s*[0-9,]+(?:\s*(?:回|PV))?|[0-9,]+\s*(?:views?|PV|回閲覧))$`)},
	// A link to a picture or a video with its label: 「【画像】…を見る」「【動画】…」.
	{Holding("【画像】", "【動画】", "【写真】", "【映像】"),
		regexp.MustCompile(`^【(?:画像|動画|写真|映像)】\S.{0,60}$`)},
	{Holding("ページ目", "ページ"),
		regexp.MustCompile(`^[0-9０-９]{1,2}\s*ページ目(?:へ|を見る)?$|^ページ\s*[0-9]{1,3}\s*/\s*[0-9]{1,3}$`)},
	{Holding("Adobe", "Acrobat", "Reader"),
		regexp.MustCompile(`(?i)adobe\s*(?:acrobat\s*)?reader|acrobat\s*reader`)},
	// A comment form's field with its limit or its status:
	// 「コメント本文(1000文字まで)」「お名前(必須)」「メールアドレス（公開されません）」.
	{Holding("文字", "必須", "任意", "省略", "公開されません"),
		regexp.MustCompile(`^(?:コメント(?:本文)?|本文|お名前|名前|ニックネーム|タイトル|件名|メールアドレス|メール|URL|ウェブサイト)\s*[(（](?:[0-9,]+\s*文字(?:まで|以内)|必須|任意|省略可|公開されません)[)）]\s*[*＊]?$`)},
	// A portal's links to its audiences: 「自治体の皆さまへ」「法人のお客様へ」.
	{Holding("皆さま", "皆様", "みなさま", "お客様", "お客さま"),
		regexp.MustCompile(`^\S{1,12}の(?:皆さま|皆様|みなさま|お客様|お客さま)へ$`)},
	// A footer's link to the terms, named after the site: 「各務原市 ホームページ利用規約等」.
	{Holding("規約", "ポリシー", "方針"),
		regexp.MustCompile(`^\S{1,16}(?:[ \x{3000}]\S{1,16})?(?:利用規約|プライバシーポリシー|個人情報保護方針)(?:等|について)?$`)},
	// An archive page's label: 「月別アーカイブ: 2025年3月」「カテゴリ:取材ノート( 34 )」.
	{Holding("アーカイブ", "カテゴリ"),
		regexp.MustCompile(`^(?:月別|年別|日別|カテゴリー?別?|タグ別?)?アーカイブ\s*[:：]\s*\S.{0,24}$|^カテゴリー?\s*[:：]\s*\S.{0,20}?\s*[(（]\s*[0-9]+\s*[)）]$`)},
	// A link to more pictures with the caption of one: 「【その他の画像】近鉄鳥羽駅に…」.
	{Holding("画像】", "写真】", "画像]", "写真]"),
		regexp.MustCompile(`^[【\[](?:その他の|他の|関連)(?:画像|写真)(?:一覧)?[】\]]\S.{0,60}$`)},
	// An account's handle or a prompt to follow it: 「Instagram:@picsport_japan」
	// 「Follow @ssn_supersports」「X(Twitter)をフォローしよう」.
	{Holding("@", "フォロー"),
		regexp.MustCompile(`(?i)^(?:facebook|instagram|tiktok|twitter|x|youtube|line|threads|note|bluesky)(?:\s*[(（][^()（）]{1,12}[)）])?\s*[:：]?\s*@[A-Za-z0-9_.]{2,30}$|^(?i:follow)\s+@[A-Za-z0-9_.]{2,30}$|^\S{1,24}を?フォロー(?:しよう|してね|してください|お願いします)[!！]?$`)},
	// A web story's pointer to the printed paper: 「(詳細は8日付の先端技術面に掲載します)」.
	{Holding("面に掲載", "面で詳報", "面に詳報", "面で掲載"),
		regexp.MustCompile(`^[(（]?(?:詳細|詳報|詳しく|関連記事?|全文|続き)(?:は|を)\S{0,16}面(?:に|で)(?:掲載|詳報)\S{0,8}?[)）]?$`)},
	// A promotion's link: 「…3回お試し!詳しくはこちらをクリック」.
	{Holding("クリック", "タップ"),
		regexp.MustCompile(`(?:詳しくは|詳細は|お申し込みは)?こちら(?:を|から)?(?:クリック|タップ)(?:してください)?[!！。]?$`)},
}

// shareButton is a share or save button to a service: 「Facebookでシェアする」
// 「Pocketに保存」「はてなブックマークに追加」.
var shareButton = Form{Holding("シェア", "ポスト", "共有", "送る", "ツイート", "保存", "ブックマーク", "いいね", "追加"),
	regexp.MustCompile(`^(?:[\p{L}\p{N}!！.・ー]{1,20}(?:で|に|を))?(?:シェア|ポスト|共有|送る|ツイート|保存|ブックマーク|いいね)(?:する|に追加)?[!！]?$|^\S{0,12}(?:ブックマーク|お気に入り|ホーム画面|カレンダー)に追加(?:する)?$`)}

// ShareButton reports such a line.
func ShareButton(l string) bool { return runeLen(l) <= 40 && shareButton.Match(l) }

// SharePrompt reports a share prompt (ReShare): every one holds one of
// the fragments tested first, so the expression stays off other lines.
func SharePrompt(l string) bool {
	return (ContainsAny(l, "シェア", "共有", "コピー", "ポスト", "エントリー") || containsFoldASCII(l, "url")) && ReShare.MatchString(l)
}

// containsFoldASCII reports whether s holds sub, an ASCII word in lower
// case, in any case, without allocating.
func containsFoldASCII(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for ; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

// reBreadcrumb is a trail of the page's place in the site:
// 「現在位置：ホーム > くらし > ごみ」「HOME > 政策 > 外交」.
var reBreadcrumb = regexp.MustCompile(`^(?:現在位置|現在地|現在のページ|あなたはここにいます)\s*[:：]?(?:\s*\S{1,20}(?:\s*[>＞›»]\s*\S{1,24})*)?$|^(?:ホーム|HOME|Home|TOP|Top|トップ(?:ページ)?)\s*[>＞›»]\s*\S{1,24}(?:\s*[>＞›»]\s*\S{1,24}){0,6}$`)

// Breadcrumb reports such a trail. (Above the title it names the
// document's categories; the header reads it there.)
func Breadcrumb(l string) bool {
	return runeLen(l) <= 100 && ContainsAny(l, ">", "＞", "›", "»", "現在", "あなたは") && reBreadcrumb.MatchString(l)
}

// UIControl reports a line of one of the uiForms.
func UIControl(l string) bool {
	if strings.ContainsAny(l, "、") || runeLen(l) > 80 {
		return false // a clause of prose: no control has one
	}
	for _, f := range uiForms {
		if f.Match(l) {
			return true
		}
	}
	return false
}

// chromeStarts are the first characters of reCounter's forms.
const chromeStarts = "0123456789-SA【動映再[画写全(（"

// Chrome reports a line of decoration, a counter, a short control or a
// blog's plea for votes: 「◆◆◆」「全12枚」「1 / 3ページ」「記事一覧へ」. Each
// form is tried only on the lines that can hold it: the expressions stay
// off the text's lines, which are most lines.
func Chrome(line string) bool {
	r := firstRune(line)
	switch {
	case line == "":
		return false
	case strings.ContainsRune(chromeStarts, r) && reCounter.MatchString(line):
		return true
	case (strings.Contains(line, "一覧") || strings.Contains(line, "戻る")) && reListLink.MatchString(line):
		return true
	case runeLen(line) <= 70 && ContainsAny(line, blogPrompts...):
		return true
	case strings.Contains(line, "枚") && rePhotoCount.MatchString(line), strings.HasPrefix(line, "文字") && reTextSize.MatchString(line):
		return true
	}
	return strings.ContainsRune(decorationRunes, r) && reDecoration.MatchString(line)
}

// decorationRunes are the characters reDecoration accepts, its spaces aside.
const decorationRunes = "◇◆■□●○★☆※＊*・-—―─━=＝~〜«»‹›<>＜＞|｜┏┓┗┛┃│┌┐└┘├┤┬┴┼═║╔╗╚╝ \t\u3000"

// linkLine is a link's label on a line of its own: a feed
// (「トピックスRSS」), a link to the video's or the rest of the article
// (「この動画の記事を読む>」), a repost's pointer to its source
// (「(以降ソースにて)」). Every line it matches holds one of its words.
var linkLine = Form{
	Holding("RSS", "を読む", "を見る", "ソース", "リンク先", "元記事"),
	regexp.MustCompile(`^(?:\S{0,16}\s?RSS(?:フィード)?|\S{0,20}(?:の)?(?:記事|動画|続き)を(?:読む|見る)\s*[>＞›»]|[(（]?(?:以下|以降|続きは|全文は|詳細は)\S{0,6}(?:ソース|リンク先|元記事)\S{0,6}[)）]?)$`),
}

// LinkLine reports such a line.
func LinkLine(line string) bool { return linkLine.Match(line) }

// interfaceFragments are in every line reInterfaceMessage matches (its
// Latin alternatives are matched in lower case): the test keeps the
// expression off the other lines, which are most lines.
var (
	interfaceFragments      = []string{"ブラウザ", "JavaScript", "※", "コメントは", "読み込み", "ロード中", "検索結果", "コピーしました", "該当する記事", "メールアドレス", "必須", "終了", "期限", "とばして", "飛ばして", "スキップ", "本文", "コンテンツ", "ここから", "ここまで"}
	latinInterfaceFragments = []string{"loading", "copied", "skip to", "academic year", "powered", "image beacon"}
)

// InterfaceMessage reports a message a page shows while it is used (see
// reInterfaceMessage).
func InterfaceMessage(line string) bool {
	if !ContainsAny(line, interfaceFragments...) {
		if !strings.ContainsFunc(line, func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }) ||
			!ContainsAny(strings.ToLower(line), latinInterfaceFragments...) {
			return false
		}
	}
	return reInterfaceMessage.MatchString(line)
}

// reRelatedLink is a link to another article behind its label, on one
// line: 「【関連記事】…がスタート」「【あわせて読みたい】…」.
var reRelatedLink = regexp.MustCompile(`^[【\[［](?:関連記事|関連ニュース|関連|あわせて読みたい|合わせて読みたい|こちらもおすすめ|こちらも読まれています)[】\]］]\s*\S`)

// RelatedLink reports such a line: a headline, not a sentence of the text.
func RelatedLink(line string) bool {
	return (strings.HasPrefix(line, "【") || strings.HasPrefix(line, "[") || strings.HasPrefix(line, "［")) &&
		runeLen(line) <= 120 && reRelatedLink.MatchString(line)
}

// Related reports the heading of a list of links to other articles (see
// reRelated).
func Related(line string) bool {
	if !ContainsAny(line, relatedWords...) {
		if !strings.ContainsFunc(line, func(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }) ||
			!ContainsAny(strings.ToLower(line), latinRelatedWords...) {
			return false
		}
	}
	return reRelated.MatchString(line)
}

// ZoomLink reports the label of a picture's zoom link (see reZoomLink),
// which a page sets beside the picture's caption.
func ZoomLink(line string) bool {
	return ContainsAny(line, "拡大", "もっと見る") && reZoomLink.MatchString(line)
}

// Hangul reports a short line written in Hangul: in the Japanese text
// sourcecmp reads, the navigation of a Korean site's Japanese edition
// (「뉴스 정치 사회」). Callers decide the length.
func Hangul(line string) bool {
	hangul, letters := 0, 0
	for _, r := range line {
		switch {
		case unicode.Is(unicode.Hangul, r):
			hangul++
			letters++
		case unicode.IsLetter(r):
			letters++
		}
	}
	return hangul > 0 && hangul*10 >= letters*8
}

// TrimBullet removes a list bullet at the start of a line (「• 」「- 」),
// or a link's arrow (「→次のページ」「▶︎続きを読む」).
func TrimBullet(line string) string {
	r := firstRune(line)
	if strings.ContainsRune("-–—•・*＊", r) {
		return strings.TrimSpace(reBullet.ReplaceAllString(line, ""))
	}
	if strings.ContainsRune("→▶▷►»", r) {
		rest := strings.TrimLeft(line[utf8.RuneLen(r):], "\ufe0e\ufe0f")
		return strings.TrimSpace(rest)
	}
	return line
}

// Paywall reports a paywall notice; the words test keeps the
// expression off the lines that cannot match.
func Paywall(line string) bool {
	return ContainsAny(line, "文字", "続き", "会員", "登録", "読み放題", "購読", "申し込み", "書店", "月額", "全文", "ご覧", "ログイン", "規約", "有料") && rePaywall.MatchString(line)
}

// SNSLink reports a link to the outlet's accounts: 「▼公式SNSはこちら」.
func SNSLink(line string) bool {
	// Each expression runs only on lines with the fragment every match
	// holds (an address, 「こちら」): most lines have neither.
	if containsFoldASCII(line, "http") && reSNSAccount.MatchString(line) || strings.HasSuffix(line, "SNS") && runeLen(line) <= 30 {
		return true // 「◇報道部のSNS」 heads a list of accounts
	}
	return runeLen(line) <= 40 && (strings.HasSuffix(line, "はこちら") || strings.Contains(line, "こちら") && reHereLink.MatchString(line) || strings.Contains(line, "公式") &&
		ContainsAny(line, "SNS", "YouTube", "X", "Instagram", "アカウント", "サイト"))
}

// reSNSAccount is a social network's name with the address of an account:
// 「Facebook https://www.facebook.com/…」.
var reSNSAccount = regexp.MustCompile(`(?i)^(?:facebook|instagram|tiktok|twitter|x|youtube|line|threads|note|bluesky)\s*[:：]?\s*https?://\S+$`)

// reHereLink is a link pointing elsewhere: 「【前編】はこちらから。」「…はこちら>>」.
var reHereLink = regexp.MustCompile(`(?:は|も)こちら(?:から|より)?(?:です)?[。.!！]?\s*(?:>>|＞＞|»|→)?$`)

// AllWordsIn reports a line made only of words of the list, separated by
// spaces, bullets or bars: 「シェア ツイート はてブ」.
func AllWordsIn(line string, words map[string]bool) bool {
	matched := false
	for n, rest := 0, line; rest != ""; n++ {
		if n == 12 {
			return false
		}
		// No word of the lists is longer than maxWordBytes: a longer run
		// without a separator (a line of prose) is not one of them, and
		// is not read to its end.
		head := rest[:min(len(rest), maxWordBytes+4)]
		end := strings.IndexFunc(head, isWordSeparator)
		if end < 0 && len(rest) > len(head) {
			return false
		}
		f := rest
		if end >= 0 {
			_, size := utf8.DecodeRuneInString(rest[end:])
			f, rest = rest[:end], rest[end+size:]
		} else {
			rest = ""
		}
		if f = strings.Trim(f, "0123456789,（）()"); f == "" {
			continue
		}
		if !words[f] && !(hasUpper(f) && words[strings.ToLower(f)]) {
			return false
		}
		matched = true
	}
	return matched
}

// maxWordBytes bounds the words of the lists AllWordsIn reads.
const maxWordBytes = 40

// hasUpper reports an ASCII capital in s, which strings.ToLower would change
// (the lists' Latin words are in lower case).
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

func isWordSeparator(r rune) bool { return isSpace(r) || strings.ContainsRune("|｜•·/／", r) }

// setOf makes a set of words for AllWordsIn and the label lists.
func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// ReListNumberPrefix is the number of an item in a numbered list of
// links.
var ReListNumberPrefix = regexp.MustCompile(`^[0-9]{1,2}\.[ \x{3000}]+`)

// WholeBracketed returns the text of a line wrapped whole in one pair of
// lenticular or square brackets: 「【この記事の写真をもっと見る】」.
func WholeBracketed(line string) (string, bool) {
	for _, pair := range [][2]string{{"【", "】"}, {"[", "]"}, {"［", "］"}} {
		if strings.HasPrefix(line, pair[0]) && strings.HasSuffix(line, pair[1]) && strings.Count(line, pair[0]) == 1 {
			return strings.TrimSpace(line[len(pair[0]) : len(line)-len(pair[1])]), true
		}
	}
	return "", false
}

// CalendarRow reports a row of a blog's month calendar: three or more
// day numbers, each one more than the one before (「8 9 10 11 12 13 14」).
func CalendarRow(line string) bool {
	if line == "" || line[0] < '1' || line[0] > '9' || len(line) > 24 || !strings.Contains(line, " ") {
		return false
	}
	fields := strings.Fields(line)
	if len(fields) < 3 || len(fields) > 7 {
		return false
	}
	prev := 0
	for k, f := range fields {
		n := 0
		for _, r := range f {
			if r < '0' || r > '9' {
				return false
			}
			n = n*10 + int(r-'0')
		}
		if n < 1 || n > 31 || k > 0 && n != prev+1 {
			return false
		}
		prev = n
	}
	return true
}

// pageControls are the forms of a page's controls and widgets, each tried
// only on lines holding the fragment it needs (most lines hold none):
// gallery links, selectors, a calendar's heading and weekdays, yearless
// time stamps and a section with its day, avatars, report links, update
// buttons, ad placeholders, counters, blog hosts' and rankings' banners,
// a repository cover's labels, illustrators' credits, a bare time.
var pageControls = []Form{
	// 「次のページ 実験を進める港湾会社の狙い」: the pager's link with the
	// headline of the page it leads to.
	{Holding("次のページ", "次ページ", "前のページ", "前ページ"),
		regexp.MustCompile(`^(?:次|前)の?ページ(?:へ)?\s*[:：>＞]?\s+\S.{0,50}$`)},
	{Holding("見る", "みる", "表示する"),
		regexp.MustCompile(`^(?:この記事の|記事の)?(?:写真|画像|動画|フォト)(?:を|も)?(?:すべて|全て|全部|もっと)?(?:見る|みる|表示する)$`)},
	{func(l string) bool { return strings.Contains(l, "選択") }, regexp.MustCompile(`^\S{1,20}を選択(?:する|してください)$`)},
	{func(l string) bool { return strings.HasSuffix(l, "トップ") }, regexp.MustCompile(`^[\p{Han}\p{Katakana}A-Za-z]{1,6}トップ$`)},
	{Holding("ジャンプ", "移動"), regexp.MustCompile(`^\S{1,12}(?:へ|に)(?:ジャンプ|移動)(?:する)?$`)},
	{Holding("<<", "«", "＜＜"),
		regexp.MustCompile(`^(?:<<|«|＜＜)\s*\d{4}\s*年\s*\d{1,2}\s*月\s*(?:>>|»|＞＞)$`)},
	{func(l string) bool {
		return len(l) <= 40 && strings.ContainsRune("日月火水木金土", firstRune(l))
	},
		regexp.MustCompile(`^[日月火水木金土](?:\s+[日月火水木金土]){6}$`)},
	{func(l string) bool { return strings.ContainsRune(")）", lastRune(l)) && strings.Contains(l, "月") },
		regexp.MustCompile(`^[(（]\d{1,2}月\d{1,2}日\s*\d{1,2}時\d{1,2}分[)）]$|^[^\s()（）]{1,4}[(（]\d{1,2}月\d{1,2}日[)）]$`)},
	{Holding("の画像", "のアイコン", "のアバター"), regexp.MustCompile(`^\S{1,20}の(?:画像|アイコン|アバター)$`)},
	{Holding("報告", "通報"),
		regexp.MustCompile(`^(?:この)?記事(?:に関する|を|の)(?:報告|通報)(?:する)?$|^(?:問題|誤り)を(?:報告|通報)(?:する)?$`)},
	{func(l string) bool { return strings.Contains(l, "更新") }, regexp.MustCompile(`^(?:自動|手動)更新(?:[(（][^()（）]{1,8}[)）])?$`)},
	{func(l string) bool {
		return strings.HasPrefix(l, "[ad") || strings.HasPrefix(l, "Source") || strings.HasPrefix(l, "source")
	},
		regexp.MustCompile(`^\[ad(?:_\d+)?\]$|^(?i:source link)$`)},
	{func(l string) bool {
		return strings.ContainsRune(")）", lastRune(l)) && strings.ContainsAny(l, "0123456789")
	},
		regexp.MustCompile(`^[^\s()（）]{2,8}[(（]\s*[0-9]+\s*[)）]$`)},
	{func(l string) bool { return strings.Contains(l, "ブログ") },
		regexp.MustCompile(`^\S{0,12}(?:無料)?ブログ(?:を)?(?:作成|はじめよう|始めよう|開設)(?:する)?$|^\S{0,4}\s*(?:にほんブログ村|人気ブログランキング|ブログランキング).{0,20}$`)},
	{func(l string) bool { r := firstRune(l); return r >= 'A' && r <= 'Z' || r == 'i' },
		regexp.MustCompile(`^(?i:Citation|Textversion|Right|Rights|Type|URI|Author\(s\))(?:\s+\S.*)?$|^(?i:illustrated|illustrations?)\s+by\s+\S.{0,30}$`)},
	{func(l string) bool { return len(l) <= 8 && strings.ContainsAny(l, ":：") }, regexp.MustCompile(`^[0-9０-９]{1,2}[:：][0-9０-９]{2}$`)},
}

// Form is a form of line tried only on the lines that pass its cheap
// test: Needs, most often a fragment every match holds (Holding), keeps
// the expression Re off the other lines, which are most lines.
type Form struct {
	Needs func(string) bool
	Re    *regexp.Regexp
}

// Holding is a Form's test that a line holds one of subs.
func Holding(subs ...string) func(string) bool {
	return func(l string) bool { return ContainsAny(l, subs...) }
}

// Match reports whether line has the form.
func (f Form) Match(line string) bool { return f.Needs(line) && f.Re.MatchString(line) }

// PageControl reports a line of one of the pageControls forms.
func PageControl(l string) bool {
	if strings.ContainsAny(l, "、。") {
		return false // a clause of prose: no control has one
	}
	for _, c := range pageControls {
		if c.Match(l) {
			return true
		}
	}
	return false
}

// frontEndForms are forms the PDF and HTML front-ends meet among the
// strings their markup does not label and the text parser does not
// take for chrome (yet): share buttons with a verb, tag lines, ads,
// paywall prompts, copyright lines. Keyed by the reason each gives.
var frontEndForms = []struct {
	reason string
	re     *regexp.Regexp
}{
	{"share", regexp.MustCompile(`(?i)^(?:シェア|共有|ツイート|ポスト|いいね|ブックマーク|印刷|リンクをコピー|LINEで送る|はてなブックマーク|X|Facebook|Twitter|LINE|Pocket|Share|Tweet|Print)(?:[:：]|\s|$|で|する)|(?:でシェア|でポスト|で送る|に追加)$`)},
	{"related", regexp.MustCompile(`^(?:関連記事|関連ニュース|あわせて読みたい|おすすめ記事|こちらもおすすめ|人気の記事|アクセスランキング|ランキング|最近の投稿|Related(?: articles| posts)?|Read more)[:：]?$`)},
	{"tags", regexp.MustCompile(`^(?:タグ|キーワード|Tags?)(?:\s*[:：]|\s|$)|^#\S+(?:\s+#\S+)*$`)},
	// 「(c)」 after a figure's number is its panel (「Fig.3(c)に示す」), no copyright.
	{"copyright", regexp.MustCompile(`(?i)(?:©|(?:^|[\s　(])\(c\)|copyright|all rights reserved|無断(?:転載|複製))`)},
	{"ad", regexp.MustCompile(`^(?:広告|PR|スポンサーリンク|Advertisement|AD)$`)},
	{"paywall", regexp.MustCompile(`(?:続きを読む|この記事は有料|会員限定|ログインして続きを読む|有料会員)`)},
}

// FrontEnd classifies a short string by the front-ends' extra forms
// (see frontEndForms): the reason, or ok false.
func FrontEnd(line string) (reason string, ok bool) {
	line = strings.TrimSpace(line)
	if line == "" || utf8.RuneCountInString(line) > 80 {
		return "", false
	}
	for _, c := range frontEndForms {
		if c.re.MatchString(line) {
			return c.reason, true
		}
	}
	return "", false
}
