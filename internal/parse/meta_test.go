package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func TestDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024/10/31", "2024-10-31"},
		{"更新: 2024/11/01", "2024-11-01"},
		{"掲載日：2024年7月12日", "2024-07-12"},
		{"第 406 号 2025 年 11 月 7 日", "2025-11-07"},
		{"2025.06.18", "2025-06-18"},
		{"令和7年6月18日", "2025-06-18"},
		{"令和元年5月1日", "2019-05-01"},
		{"平成31年4月30日", "2019-04-30"},
		{"２０２４年７月１２日", "2024-07-12"},
		{"June 20, 2024", "2024-06-20"},
		{"2024-02-30", ""},
		{"1.20% 減", ""},
	}
	for _, tt := range tests {
		got, _, _, ok := findDate(tt.in)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("findDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeaderMetadata(t *testing.T) {
	tests := []struct {
		name, text                                string
		title, subtitle, series, number, pub, upd string
		categories                                []string
	}{
		{"dash subtitle line", "朝鮮半島における大国のバック・パッシング\n\n――ロシアと北朝鮮の提携\n\n本文。\n",
			"朝鮮半島における大国のバック・パッシング", "ロシアと北朝鮮の提携", "<nil>", "<nil>", "<nil>", "<nil>", nil},
		{"series line carries everything", "NIDSコメンタリー 第396号 2025年9月9日 露朝軍事技術協力のゆくえ —— ロシア人識者の見方\nはじめに\n本文。\n",
			"露朝軍事技術協力のゆくえ", "ロシア人識者の見方", "NIDSコメンタリー", "396", "2025-09-09", "<nil>", nil},
		{"dates under the title", "北朝鮮のロシア派兵 露朝の長期的な利害一致\n\n2024/10/31\n更新: 2024/11/01\n\n本文。\n",
			"北朝鮮のロシア派兵 露朝の長期的な利害一致", "<nil>", "<nil>", "<nil>", "2024-10-31", "2024-11-01", nil},
		{"category line", "ロシアと北朝鮮が新軍事条約\n\n国際・海外 政治・外交\n\n本文。\n",
			"ロシアと北朝鮮が新軍事条約", "<nil>", "<nil>", "<nil>", "<nil>", "<nil>", []string{"国際・海外", "政治・外交"}},
		{"metadata before the title", "ホーム > 国際 > 朝鮮半島\n公開日：2025.06.18 10:00\n表題である\n\n本文。\n",
			"表題である", "<nil>", "<nil>", "<nil>", "2025-06-18", "<nil>", []string{"国際", "朝鮮半島"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, tt.text)
			got := []string{str(d.Title), str(d.Subtitle), str(d.Series), str(d.SeriesNumber), str(d.PublishedOn), str(d.UpdatedOn)}
			want := []string{tt.title, tt.subtitle, tt.series, tt.number, tt.pub, tt.upd}
			assertLines(t, "title, subtitle, series, number, published, updated", got, want)
			if tt.categories == nil {
				tt.categories = []string{}
			}
			assertLines(t, "categories", d.Categories, tt.categories)
			if o := outline(d); o[len(o)-1] != "本文。" {
				t.Errorf("outline = %q, want it to end with the body", o)
			}
		})
	}
}

func authorLines(as []doc.Author) []string {
	var out []string
	for _, a := range as {
		out = append(out, strings.Join([]string{a.Name, str(a.NameReading), str(a.Affiliation), str(a.Title), str(a.Specialty), str(a.Bio)}, " | "))
	}
	return out
}

func TestAuthors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"byline with position, profile block",
			"表題\n\n地域研究部アジア・アフリカ研究室長 渡邊 武\n\nはじめに\n\n本文。\n\nPROFILE\n\n渡邊武\n\n地域研究部アジア・アフリカ研究室長\n\n専門分野:朝鮮半島の政治と安全保障\n\n本欄における見解は、防衛研究所を代表するものではありません。\n",
			[]string{"渡邊 武 | <nil> | 地域研究部 | アジア・アフリカ研究室長 | 朝鮮半島の政治と安全保障 | <nil>"}},
		{"position line then name, profile with reading and bio",
			"表題\n\n掲載日：2024年7月12日\n\n新潟県立大学北東アジア研究所 教授\n\n三村 光弘\n\nはじめに\n\n本文。\n\n<執筆者プロフィール>\n\n三村 光弘（みむら みつひろ）\n\n新潟県立大学北東アジア研究所 教授\n\n1969年大阪生まれ。専門は北朝鮮の経済関係法、北朝鮮経済。近著に『現代朝鮮経済』等。\n",
			[]string{"三村 光弘 | みむら みつひろ | 新潟県立大学北東アジア研究所 | 教授 | 北朝鮮の経済関係法、北朝鮮経済 | 1969年大阪生まれ。専門は北朝鮮の経済関係法、北朝鮮経済。近著に『現代朝鮮経済』等。"}},
		{"bulleted byline and profile with value on the next line",
			"NIDSコメンタリー 第396号 2025年9月9日 表題 —— 副題\n- 政策研究部 軍事戦略研究室長\n- 寺内 真寿\nはじめに\n本文。\nProfile\n- 寺内 真寿\n- 政策研究部 軍事戦略研究室長\n- 専門分野:\n軍事政策等\n",
			[]string{"寺内 真寿 | <nil> | 政策研究部 | 軍事戦略研究室長 | 軍事政策等 | <nil>"}},
		{"reporter bio at the end",
			"表題\n\n2024/10/31\n\n本文。\n\n徐天睿\nエポックタイムズ記者。日米中関係 、アジア情勢、中国政治に詳しい。\nエポックタイムズ記者。『時事ノイズカット』の解説員。\n",
			[]string{"徐天睿 | <nil> | エポックタイムズ | 記者 | 日米中関係、アジア情勢、中国政治 | エポックタイムズ記者。日米中関係、アジア情勢、中国政治に詳しい。\nエポックタイムズ記者。『時事ノイズカット』の解説員。"}},
		{"labelled byline with two names",
			"表題\n\n文：山田 太郎、鈴木 花子\n\n本文。\n",
			[]string{"山田 太郎 | <nil> | <nil> | <nil> | <nil> | <nil>", "鈴木 花子 | <nil> | <nil> | <nil> | <nil> | <nil>"}},
		{"no author stated", "表題\n\n国際・海外 政治・外交\n\n本文。\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, tt.text)
			assertLines(t, "authors", authorLines(d.Authors), tt.want)
			o := outline(d)
			if o[0] == "## はじめに (1)" {
				o = o[1:]
			}
			assertLines(t, "outline (profile and bio lines must not leak into the body)", o, []string{"本文。"})
		})
	}
}

func TestHeadingThatLooksLikeAName(t *testing.T) {
	d := mustParse(t, "表題\n\n序論\n\n本文。\n")
	if len(d.Authors) != 0 {
		t.Errorf("序論 taken for an author: %v", authorLines(d.Authors))
	}
	assertLines(t, "outline", outline(d), []string{"## 序論 (1)", "本文。"})
}

func TestKeywordsAndCaptions(t *testing.T) {
	d := mustParse(t, "表題\n\n本文。\n\nバナー写真:歓迎式典で(朝鮮通信=共同)\n\n（写真：ロイター）\n\n北朝鮮 ロシア 金正恩 軍事 プーチン\n")
	assertLines(t, "keywords", d.Keywords, []string{"北朝鮮", "ロシア", "金正恩", "軍事", "プーチン"})
	assertLines(t, "captions", captionTexts(d), []string{"歓迎式典で / 朝鮮通信=共同", " / ロイター"})
	assertLines(t, "outline", outline(d), []string{"本文。"})
}

func TestSidecarWins(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "doc.txt")
	if err := os.WriteFile(src, []byte("表題\n\n2024/10/31\n\n本文。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	side := "publisher: nippon.com\nurl: https://example.org/a\npublishedOn: 2024-06-21\nauthors:\n  - name: 山田 太郎\n    affiliation: 東京大学\n"
	if err := os.WriteFile(filepath.Join(dir, "doc.meta.yaml"), []byte(side), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := File(src)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{str(d.Publisher), str(d.URL), str(d.PublishedOn)}
	assertLines(t, "publisher, url, published", got, []string{"nippon.com", "https://example.org/a", "2024-06-21"})
	assertLines(t, "authors", authorLines(d.Authors), []string{"山田 太郎 | <nil> | 東京大学 | <nil> | <nil> | <nil>"})

	if err := os.WriteFile(filepath.Join(dir, "doc.meta.yaml"), []byte("publishedOn: yesterday\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := File(src); err == nil || !strings.Contains(err.Error(), "doc.meta.yaml") || !strings.Contains(err.Error(), "publishedOn") {
		t.Errorf("bad sidecar date: err = %v, want an error naming the file and the field", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "doc.meta.yaml"), []byte("publsher: typo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := File(src); err == nil || !strings.Contains(err.Error(), "publsher") {
		t.Errorf("unknown sidecar field: err = %v, want an error naming it", err)
	}
}

// TestSidecarClears empties fields the parser found, as an editor's null
// does through the API, and names an unknown field in its error.
func TestSidecarClears(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "doc.txt")
	if err := os.WriteFile(src, []byte("表題\n\n2024/10/31\n\n本文。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if d, err := File(src); err != nil || d.Title == nil || d.PublishedOn == nil {
		t.Fatalf("without a sidecar the title and date are found: %v %v %v", err, d.Title, d.PublishedOn)
	}
	if err := os.WriteFile(filepath.Join(dir, "doc.meta.yaml"), []byte("clear: [title, publishedOn]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := File(src)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != nil || d.PublishedOn != nil || d.PublishedAt != nil {
		t.Errorf("cleared: title %v, published %v at %v, want all nil", str(d.Title), str(d.PublishedOn), str(d.PublishedAt))
	}
	if err := os.WriteFile(filepath.Join(dir, "doc.meta.yaml"), []byte("clear: [publisher]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := File(src); err == nil || !strings.Contains(err.Error(), `"publisher"`) {
		t.Errorf("unclearable field: err = %v, want an error naming it", err)
	}
}
