package recog

import "testing"

func TestBeforeDate(t *testing.T) {
	for in, want := range map[string]string{
		"ソウル支局長　佐藤 健一　2025年6月18日 14:30": "ソウル支局長 佐藤 健一",
		"2025年7月3日": "",
		"筆者のノート":    "",
	} {
		got, _ := BeforeDate(in)
		if got != want {
			t.Errorf("BeforeDate(%q) = %q, want %q", in, got, want)
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
		"港に入る貨物船（釜山で、４日）＝ＡＰ":                            {"港に入る貨物船（釜山で、４日）", "ＡＰ"},
		"ＮＨＫホールの外観":                                     {"ＮＨＫホールの外観", ""},
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
		"© 2025 東亜デイリー": "boilerplate", "広告": "chrome", "Facebookでシェア ": "share", "共有:": "share", "続きを読むには会員登録が必要です": "paywall",
		"ロシアと北朝鮮の軍事協力が広がりつつある。": "",
	} {
		got, ok := Chrome(in)
		if got != want || ok != (want != "") {
			t.Errorf("Chrome(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestMetaLine(t *testing.T) {
	authors, categories := MetaLine("投稿日：2025年2月14日　カテゴリー：朝鮮半島　筆者：山田 翔太")
	if len(authors) != 1 || authors[0].Name != "山田 翔太" || len(categories) != 1 || categories[0] != "朝鮮半島" {
		t.Errorf("MetaLine: %+v, %q", authors, categories)
	}
	if a, c := MetaLine("ロシアと北朝鮮の軍事協力が広がりつつある。"); a != nil || c != nil {
		t.Errorf("a sentence read as a meta line: %+v, %q", a, c)
	}
}
