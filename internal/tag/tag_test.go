package tag

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

func TestParagraphScore(t *testing.T) {
	tg := matchTagger(t, map[string][]string{"china": {"中国"}})
	score := func(text string) float64 {
		d := &doc.Document{Sections: []doc.Section{{Paragraphs: []doc.Paragraph{{Text: text}}}}}
		return scoreOf(tg.Tag(d).Paragraphs[0], "china")
	}
	filler := strings.Repeat("ロシアは北朝鮮との関係を強化した。", 8) // about 64 words
	one := score("中国は懸念した。" + filler)
	three := score("中国は懸念した。中国は反対した。中国は沈黙した。" + filler)
	ten := score(strings.Repeat("中国は懸念した。", 10) + filler)
	long := score("中国は懸念した。" + filler + filler + filler)
	short := score("中国は懸念した。")
	if score(filler) != 0 {
		t.Errorf("no mention scored %v", score(filler))
	}
	if !(0 < one && one < three && three < ten && ten < 1) {
		t.Errorf("scores must grow with mentions and stay below 1: one %v three %v ten %v", one, three, ten)
	}
	// Saturation: the second and third mentions add less than the first.
	if three-one >= one {
		t.Errorf("mentions 2-3 added %v, the first %v: no saturation", three-one, one)
	}
	if !(long < one && one < short) {
		t.Errorf("one mention should weigh less in a longer paragraph: short %v typical %v long %v", short, one, long)
	}
	if one < CoverageThreshold {
		t.Errorf("one mention in a typical paragraph (%v) should pass the coverage threshold %v", one, CoverageThreshold)
	}
}

func TestNameMentionWeighsLittle(t *testing.T) {
	tg := matchTagger(t, map[string][]string{"china": {"中国"}})
	para := func(inst string) float64 {
		d := &doc.Document{Sections: []doc.Section{{Paragraphs: []doc.Paragraph{{
			Text: inst + "のアスモロフ研究員によれば、武器供給は依然として存在しない。"}}}}}
		return scoreOf(tg.Tag(d).Paragraphs[0], "china")
	}
	name := para("ロシア科学アカデミー中国・現代アジア研究所")
	talk := para("中国")
	if name <= 0 || name > talk/5 || name >= CoverageThreshold {
		t.Errorf("mention in a name scored %v against %v for a mention in text", name, talk)
	}
}

func TestAggregation(t *testing.T) {
	tg := matchTagger(t, map[string][]string{"china": {"中国", "北京"}, "war": {"ウクライナ"}})
	china := "中国は北京で懸念を表明し、中国外務省も同調した。"
	other := "ウクライナでの戦争は長期化している。" + strings.Repeat("ロシアは弾薬を必要としている。", 3)
	d := &doc.Document{Sections: []doc.Section{
		{Paragraphs: []doc.Paragraph{{Text: china}, {Text: other}}},
		{Paragraphs: []doc.Paragraph{{Text: other}}},
	}}
	s := tg.Tag(d)
	if len(s.Paragraphs) != 3 || len(s.Sections) != 2 {
		t.Fatalf("got %d paragraph and %d section score lists", len(s.Paragraphs), len(s.Sections))
	}
	lc, lo := float64(utf8.RuneCountInString(china)), float64(utf8.RuneCountInString(other))
	pc, po := scoreOf(s.Paragraphs[0], "china"), scoreOf(s.Paragraphs[1], "war")
	near := func(got, want float64) bool { return math.Abs(got-want) < 1e-12 }
	if got, want := scoreOf(s.Sections[0], "china"), pc*lc/(lc+lo); !near(got, want) {
		t.Errorf("section china = %v, want the length-weighted mean %v", got, want)
	}
	if got := scoreOf(s.Sections[1], "china"); got != 0 {
		t.Errorf("section without China scored %v", got)
	}
	if got, want := scoreOf(s.Document, "war"), po*2*lo/(lc+2*lo); !near(got, want) {
		t.Errorf("document war = %v, want %v", got, want)
	}
	if got := termsOf(s.Document, "china"); !slices.Equal(got, []string{"中国", "北京"}) {
		t.Errorf("matched terms = %v, want most frequent first", got)
	}
	// China is covered in its one paragraph; the war in both others.
	if pc < CoverageThreshold || po < CoverageThreshold {
		t.Fatalf("test paragraphs do not pass the threshold: %v %v", pc, po)
	}
	if got, want := s.Coverage["china"], lc/(lc+2*lo); !near(got, want) {
		t.Errorf("coverage china = %v, want %v", got, want)
	}
	if got, want := s.Coverage["war"], 2*lo/(lc+2*lo); !near(got, want) {
		t.Errorf("coverage war = %v, want %v", got, want)
	}
	// Lists are sorted by score, highest first.
	for _, list := range append(append([][]Score{s.Document}, s.Sections...), s.Paragraphs...) {
		if !slices.IsSortedFunc(list, func(a, b Score) int { return -cmpFloat(a.Score, b.Score) }) {
			t.Errorf("not sorted by score: %+v", list)
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestEmptyDocument(t *testing.T) {
	tg := fixtureTagger(t)
	s := tg.Tag(&doc.Document{Sections: []doc.Section{{}}})
	if len(s.Document) != 0 || len(s.Sections) != 1 || len(s.Paragraphs) != 0 || s.Coverage["china-role"] != 0 {
		t.Errorf("empty document scored %+v", s)
	}
}

// assertChinaRoleSeparation checks the case the product is built to get
// right: seeds 000 and 001 discuss China's role at length; seed 003 names
// China only inside a Russian institute's name.
func assertChinaRoleSeparation(t *testing.T, tg *Tagger) {
	t.Helper()
	score := map[string]float64{}
	coverage := map[string]float64{}
	for _, seed := range []string{"000", "001", "003"} {
		s := tg.Tag(seedDoc(t, seed))
		score[seed] = scoreOf(s.Document, "china-role")
		coverage[seed] = s.Coverage["china-role"]
		t.Logf("seed %s china-role: score %.4f coverage %.3f terms %v", seed, score[seed], coverage[seed], termsOf(s.Document, "china-role"))
	}
	// Fifty times: counted like a mention in running text, 003's one long
	// paragraph would already sit 17 times below; the name must do more.
	for _, seed := range []string{"000", "001"} {
		if score["003"]*50 > score[seed] {
			t.Errorf("seed 003 china-role %.4f is not far below seed %s's %.4f", score["003"], seed, score[seed])
		}
		if coverage[seed] < 0.2 {
			t.Errorf("seed %s china-role coverage %.3f, want at least 0.2", seed, coverage[seed])
		}
	}
	if coverage["003"] != 0 {
		t.Errorf("seed 003 china-role coverage %.3f, want 0", coverage["003"])
	}
}

func TestSeedChinaRole(t *testing.T) {
	tg := fixtureTagger(t)
	assertChinaRoleSeparation(t, tg)
	// The one mention in 003 is found, and found inside the name.
	var found bool
	for _, p := range seedDoc(t, "003").Paragraphs() {
		for _, m := range tg.Matches(p.Text) {
			if m.Topic == "china-role" {
				found = true
				if !m.InName {
					t.Errorf("seed 003: %s at %d not seen as part of a name", m.Term, m.Start)
				}
			}
		}
	}
	if !found {
		t.Error("seed 003: the institute's 中国 was not matched at all")
	}
}

// TestSeedScores checks every seed: values in range and each document's
// own subject on top of its list.
func TestSeedScores(t *testing.T) {
	tg := fixtureTagger(t)
	for seed, want := range map[string]string{
		"000": "china-role",       // buck-passing onto China
		"003": "nuclear",          // Russian experts on NK's military and nuclear limits
		"004": "russia-nk-treaty", // the 2024 treaty
	} {
		s := tg.Tag(seedDoc(t, seed))
		if len(s.Document) == 0 || s.Document[0].Topic != want {
			t.Errorf("seed %s: top topic %+v, want %s", seed, s.Document, want)
		}
		for _, list := range append(append([][]Score{s.Document}, s.Sections...), s.Paragraphs...) {
			for _, sc := range list {
				if !(sc.Score > 0 && sc.Score < 1) || len(sc.MatchedTerms) == 0 {
					t.Errorf("seed %s: bad score %+v", seed, sc)
				}
			}
		}
		for slug, c := range s.Coverage {
			if c < 0 || c > 1 {
				t.Errorf("seed %s: coverage %s = %v", seed, slug, c)
			}
		}
	}
}

func BenchmarkTag(b *testing.B) {
	tg := fixtureTagger(b)
	d := seedDoc(b, "002") // the longest seed
	var n int64
	for _, p := range d.Paragraphs() {
		n += int64(len(p.Text))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		tg.Tag(d)
	}
}
