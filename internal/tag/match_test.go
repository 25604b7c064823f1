package tag

import (
	"slices"
	"testing"
)

// matchTagger is a tagger over a small inline taxonomy.
func matchTagger(t *testing.T, topics map[string][]string) *Tagger {
	t.Helper()
	x := &Taxonomy{}
	for _, slug := range slices.Sorted(func(yield func(string) bool) {
		for k := range topics {
			if !yield(k) {
				return
			}
		}
	}) {
		x.Topics = append(x.Topics, Topic{Slug: slug, Name: Text{slug, slug}, Terms: topics[slug]})
	}
	tg, err := NewTagger(x)
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

func TestMatches(t *testing.T) {
	tg := matchTagger(t, map[string][]string{
		"china":  {"中国", "中国外交部", "中ロ"},
		"buck":   {"バック・パッシング", "押し付ける"},
		"thaad":  {"THAAD"},
		"treaty": {"条約"},
		"sco":    {"上海協力機構"},
	})
	type m struct {
		term   string
		text   string // the matched text
		inName bool
	}
	for _, c := range []struct {
		text string
		want []m
	}{
		// Whole tokens only: 中東 and 中国人 are single words.
		{"米国の焦点が欧州や中東から離れる", nil},
		{"金正恩氏は「中国人は噓つきだ」と述べた", nil},
		{"中国は参戦した", []m{{"中国", "中国", false}}},
		// The longest term of a topic wins and is counted once.
		{"中国外交部スポークスマンは述べた", []m{{"中国外交部", "中国外交部", false}}},
		{"中ロ両国", []m{{"中ロ", "中ロ", false}}},
		// Dictionary forms match inflected text.
		{"米軍との直接対決を中国に押し付けた", []m{{"中国", "中国", false}, {"押し付ける", "押し付け", false}}},
		// The analyzer splits バック・パッシング here into three tokens.
		{"これをバック・パッシングして済む", []m{{"バック・パッシング", "バック・パッシング", false}}},
		// Width and case are folded.
		{"ＴＨＡＡＤ導入の議論", []m{{"THAAD", "ＴＨＡＡＤ", false}}},
		{"thaad", []m{{"THAAD", "thaad", false}}},
		// Inside organization names.
		{"ロシア科学アカデミー中国・現代アジア研究所朝鮮研究センター主任研究員", []m{{"中国", "中国", true}}},
		{"北大西洋条約機構(NATO)型の集団防衛", []m{{"条約", "条約", true}}},
		{"上海協力機構に出席した", []m{{"上海協力機構", "上海協力機構", false}}},
		{"中国研究所の所長", []m{{"中国", "中国", true}}},
		// State organs are the state acting, not a name.
		{"中国外務省はコメントしない", []m{{"中国", "中国", false}}},
		// A name ends where the compound ends.
		{"中国の大学", []m{{"中国", "中国", false}}},
		{"研究所は中国を見ている", []m{{"中国", "中国", false}}},
	} {
		got := tg.Matches(c.text)
		var gotM []m
		runes := []rune(c.text)
		for _, g := range got {
			gotM = append(gotM, m{g.Term, string(runes[g.Start:g.End]), g.InName})
		}
		if !slices.Equal(gotM, c.want) {
			t.Errorf("Matches(%s)\n got %+v\nwant %+v", c.text, gotM, c.want)
		}
	}
}

func TestMatchesOverlapAcrossTopics(t *testing.T) {
	tg := matchTagger(t, map[string][]string{
		"treaty": {"露朝条約"},
		"russia": {"露朝"},
	})
	got := tg.Matches("露朝条約の4条")
	if len(got) != 2 || got[0].Topic == got[1].Topic {
		t.Fatalf("Matches = %+v, want one match per topic", got)
	}
}
