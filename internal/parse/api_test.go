package parse

import (
	"testing"
)

func TestDateAPI(t *testing.T) {
	tests := []struct{ in, date, at string }{
		{"時事通信 外信部2025年04月28日09時36分配信", "2025-04-28", "2025-04-28T09:36:00+09:00"},
		{"2019年5月20日(月)15時15分", "2019-05-20", "2019-05-20T15:15:00+09:00"},
		{"2025/04/28/06:57", "2025-04-28", "2025-04-28T06:57:00+09:00"},
		{"13 Jul 2025 06:07:57 GMT+9", "2025-07-13", "2025-07-13T06:07:57+09:00"},
		{"Updated 2 Mar 2024 10:00 GMT-5", "2024-03-02", "2024-03-02T10:00:00-05:00"},
		{"最終更新：2025.06.19", "2025-06-19", ""},
		{"2024年4月号掲載", "2024-04-01", ""},
		{"(2025年4月12日)", "2025-04-12", ""},
		{"2025-06-18T10:00:00+09:00", "2025-06-18", "2025-06-18T10:00:00+09:00"},
		{"2025年6月18日 午後3時20分", "2025-06-18", "2025-06-18T15:20:00+09:00"},
		{"令和7年5月10日", "2025-05-10", ""},
		{"July 13, 2025", "2025-07-13", ""},
		{"2024年10月31日 12", "2024-10-31", ""},
		{"投稿日: 2022年7月4日 | 5:15 am", "2022-07-04", "2022-07-04T05:15:00+09:00"},
		{"2025年6月16日 | 8:40 pm", "2025-06-16", "2025-06-16T20:40:00+09:00"},
		{"2025/06/16 12:05 AM", "2025-06-16", "2025-06-16T00:05:00+09:00"},
		{"2025/06/16 10:00 AMERICA", "2025-06-16", "2025-06-16T10:00:00+09:00"},
		{"1.20% 減", "", ""},
		{"2025年25時", "", ""},
	}
	for _, tt := range tests {
		date, at, ok := Date(tt.in)
		if date != tt.date || at != tt.at || ok != (tt.date != "") {
			t.Errorf("Date(%q) = %q, %q, %v; want %q, %q", tt.in, date, at, ok, tt.date, tt.at)
		}
	}
}

func TestBylineAPI(t *testing.T) {
	tests := []struct {
		in   string
		want []string // authorLines
	}{
		{"文・山田 太郎", []string{"山田 太郎 | <nil> | <nil> | <nil> | <nil> | <nil>"}},
		{"執筆者：佐藤花子（東京大学教授）", []string{"佐藤花子 | <nil> | 東京大学 | 教授 | <nil> | <nil>"}},
		{"By John Smith – Pacific Wire – 13 Jul 2025", []string{"John Smith | <nil> | <nil> | <nil> | <nil> | <nil>"}},
		{"政策研究部 軍事戦略研究室長 寺内 真寿", []string{"寺内 真寿 | <nil> | 政策研究部 | 軍事戦略研究室長 | <nil> | <nil>"}},
		{"（文・鈴木 一郎＝ジャーナリスト）", []string{"鈴木 一郎 | <nil> | <nil> | ジャーナリスト | <nil> | <nil>"}},
		{"【ソウル＝田中健】", []string{"田中健 | <nil> | <nil> | <nil> | <nil> | <nil>"}},
		{"国際報道部・編集部", []string{"国際報道部・編集部 | <nil> | <nil> | <nil> | <nil> | <nil>"}},
		{"小泉 悠(東大先端研専任講師 @okb1917)", []string{"小泉 悠 | <nil> | 東大先端研 | 専任講師 | <nil> | <nil>"}},
		{"(報道部・樋口耕勇)", []string{"樋口耕勇 | <nil> | 報道部 | <nil> | <nil> | <nil>"}},
		{"【ソウル共同】", nil},
		{"記者:市政記者クラブ加盟社等9人", nil},
		{"北東支社  川村健", []string{"川村健 | <nil> | 北東支社 | <nil> | <nil> | <nil>"}},
		{"北東支社", nil},
		{"森川一郎記者", []string{"森川一郎 | <nil> | <nil> | 記者 | <nil> | <nil>"}},
		{"北東新聞記者", nil},
		{"執筆者 森川一郎（北東大学教授）", []string{"森川一郎 | <nil> | 北東大学 | 教授 | <nil> | <nil>"}},
		{"written by John Smith", []string{"John Smith | <nil> | <nil> | <nil> | <nil> | <nil>"}},
		{"森川 一郎 / 北東経済新聞 編集委員", []string{"森川 一郎 | <nil> | 北東経済新聞 | 編集委員 | <nil> | <nil>"}},
		{"（北東新聞・森川一郎）", []string{"森川一郎 | <nil> | 北東新聞 | <nil> | <nil> | <nil>"}},
		{"北朝鮮がロシアに兵を送った。", nil},
		{"序論", nil},
	}
	for _, tt := range tests {
		got, ok := Byline(tt.in)
		if ok != (tt.want != nil) {
			t.Errorf("Byline(%q) ok = %v, authors %q", tt.in, ok, authorLines(got))
			continue
		}
		assertLines(t, "Byline("+tt.in+")", authorLines(got), tt.want)
	}
}

func TestSplitCreditAPI(t *testing.T) {
	tests := []struct{ in, text, credit string }{
		{"会談する両首脳（AFP時事）", "会談する両首脳", "AFP時事"},
		{"ロシア極東で働く労働者＝2019年12月（共同）", "ロシア極東で働く労働者＝2019年12月", "共同"},
		{"演説する金正恩氏＝12日、朝鮮中央通信・朝鮮通信", "演説する金正恩氏＝12日", "朝鮮中央通信・朝鮮通信"},
		{"KCNA-REUTERS", "", "KCNA-REUTERS"},
		{"2度目の会談が?(写真は2019年) ALEXANDER ZEMLIANICHENKOーPOOLーREUTERS", "2度目の会談が?(写真は2019年)", "ALEXANDER ZEMLIANICHENKOーPOOLーREUTERS"},
		{"（写真：ロイター）", "", "ロイター"},
		{"兵士たち(AFP/ファイル写真)", "兵士たち", "AFP/ファイル写真"},
		{"握手する両首脳(Photo by Jane Roe via AP)。", "握手する両首脳", "Jane Roe via AP"},
		{"晩餐会に出席した両首脳。国営メディア提供=ロイター", "晩餐会に出席した両首脳。国営メディア提供", "ロイター"},
		{"Shutterstock.com", "", "Shutterstock.com"},
		{"北朝鮮の首都平壌の街並み", "北朝鮮の首都平壌の街並み", ""},
	}
	for _, tt := range tests {
		text, credit := SplitCredit(tt.in)
		if text != tt.text || credit != tt.credit {
			t.Errorf("SplitCredit(%q) = %q, %q; want %q, %q", tt.in, text, credit, tt.text, tt.credit)
		}
	}
}

func TestChromeAPI(t *testing.T) {
	tests := []struct{ in, reason string }{
		{"• facebook", "share"},
		{"シェア ツイート はてブ", "share"},
		{"Short Url: https://example.org/x", "share"},
		{"このエントリーをはてなブックマークに追加", "share"},
		{"拡大画像表示", "chrome"},
		{"最新記事", "chrome"},
		{"Since 1975", "chrome"},
		{"興味深い 悲しい すっきり 腹立つ 役に立つ", "chrome"},
		{"残り449文字(全文805文字)", "paywall"},
		{"この続きが読めます。", "paywall"},
		{"関連記事", "related"},
		{"■【写真】壁に並ぶ肖像画", "related"},
		{"(c)AFP", "boilerplate"},
		{"- 12 -", "page-number"},
		{"北朝鮮", ""},
		{"はじめに", ""},
		{"ロシアは北朝鮮との関係を深めている。", ""},
	}
	for _, tt := range tests {
		reason, ok := Chrome(tt.in)
		if reason != tt.reason || ok != (tt.reason != "") {
			t.Errorf("Chrome(%q) = %q, %v; want %q", tt.in, reason, ok, tt.reason)
		}
	}
}

// TestBylineAndDateVariants covers forms seen after the API was fixed.
func TestBylineAndDateVariants(t *testing.T) {
	if d, at, _ := Date("2025.06.19 (Thu) 10:00"); d != "2025-06-19" || at != "2025-06-19T10:00:00+09:00" {
		t.Errorf("English weekday: %q %q", d, at)
	}
	if a, ok := Byline("文／山田 太郎"); !ok || a[0].Name != "山田 太郎" {
		t.Errorf("文／: %v %v", a, ok)
	}
	if a, ok := Byline("取材・文/天谷 窓"); !ok || a[0].Name != "天谷 窓" {
		t.Errorf("取材・文/: %v %v", a, ok)
	}
}
