package recog

import "testing"

func TestDate(t *testing.T) {
	for in, want := range map[string]string{
		"2025年7月3日": "2025-07-03", "SSIコメンタリー 第52号　2025 年 7 月 3 日": "2025-07-03", "令和7年4月22日": "2025-04-22",
		"2025.06.05": "2025-06-05", "2025/07/03": "2025-07-03", "June 20, 2024": "2024-06-20", "第52号": "", "2025年2月30日": "",
	} {
		got, _, _, ok := Date(in)
		if got != want || ok != (want != "") {
			t.Errorf("Date(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestByline(t *testing.T) {
	str := func(p *string) string {
		if p == nil {
			return "-"
		}
		return *p
	}
	for in, want := range map[string][3]string{
		"地域研究部 北東アジア研究室 主任研究官　小林 直人": {"小林 直人", "地域研究部 北東アジア研究室", "主任研究官"},
		"東邦大学法学部教授　中村 由紀子":           {"中村 由紀子", "東邦大学法学部", "教授"},
		"（文・中村 由紀子）":                 {"中村 由紀子", "-", "-"},
		"筆者：山田 翔太":                   {"山田 翔太", "-", "-"},
		"佐藤 健一":                      {"佐藤 健一", "-", "-"},
		"中村由紀子":                      {"中村由紀子", "-", "-"},
	} {
		a := Byline(in)
		if a == nil || a.Name != want[0] || str(a.Affiliation) != want[1] || str(a.Title) != want[2] {
			t.Errorf("Byline(%q) = %+v, want %q", in, a, want)
		}
	}
	for _, in := range []string{"政治", "スポーツ", "トップ", "記事を検索 検索", "はじめに", "本稿の見解は筆者個人のものである。", "アクセスランキング"} {
		if a := Byline(in); a != nil {
			t.Errorf("Byline(%q) = %+v, want none", in, a)
		}
	}
}

func TestCredit(t *testing.T) {
	for in, want := range map[string][2]string{
		"平壌の空港で出迎えを受けるロシアの代表団（2025年6月17日）＝AFP時事":        {"平壌の空港で出迎えを受けるロシアの代表団（2025年6月17日）", "AFP時事"},
		"握手を交わす両首脳（2024年6月19日、平壌）　写真：ロイター／アフロ":          {"握手を交わす両首脳（2024年6月19日、平壌）", "ロイター／アフロ"},
		"図1　貿易の割合（2019〜2024年）　出所：各国の貿易統計をもとに筆者作成":       {"図1　貿易の割合（2019〜2024年）", "各国の貿易統計をもとに筆者作成"},
		"会談する両首脳（ロイター）":                                 {"会談する両首脳", "ロイター"},
		"Leaders meet in Pyongyang (Photo by Jane Doe)": {"Leaders meet in Pyongyang", "Jane Doe"},
		"表1　主な出来事（2009〜2025年）":                          {"表1　主な出来事（2009〜2025年）", ""},
	} {
		text, credit := Credit(in)
		c := ""
		if credit != nil {
			c = *credit
		}
		if text != want[0] || c != want[1] {
			t.Errorf("Credit(%q) = %q, %q; want %q", in, text, c, want)
		}
	}
}

func TestChrome(t *testing.T) {
	for in, want := range map[string]string{
		"Facebookでシェア": "share", "LINEで送る": "share", "関連記事": "related", "タグ：北朝鮮": "tags", "#北朝鮮 #ロシア": "tags",
		"© 2025 東亜デイリー": "copyright", "広告": "ad", "続きを読むには会員登録が必要です": "paywall",
		"ロシアと北朝鮮の軍事協力が広がりつつある。": "",
	} {
		got, ok := Chrome(in)
		if got != want || ok != (want != "") {
			t.Errorf("Chrome(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
