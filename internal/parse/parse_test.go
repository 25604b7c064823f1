package parse

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// mustParse parses text as a file named t.txt and checks the invariants.
func mustParse(t *testing.T, text string) *doc.Document {
	t.Helper()
	d, err := Parse("t.txt", []byte(text))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	checkInvariants(t, "t.txt", d)
	return d
}

// captionTexts lists the captions as "text / credit" ("text" alone
// without a credit).
func captionTexts(d *doc.Document) []string {
	var out []string
	for _, c := range d.Captions {
		if c.Credit != nil {
			out = append(out, c.Text+" / "+*c.Credit)
		} else {
			out = append(out, c.Text)
		}
	}
	return out
}

// outline renders headings as "## heading (level)" and paragraphs with
// their markers re-inserted as [label], one string per unit.
func outline(d *doc.Document) []string {
	var out []string
	for _, s := range d.Sections {
		if s.Heading != nil {
			out = append(out, fmt.Sprintf("## %s (%d)", *s.Heading, s.Level))
		}
		for _, p := range s.Paragraphs {
			rs := []rune(p.Text)
			var b strings.Builder
			last := 0
			for _, r := range p.FootnoteRefs {
				b.WriteString(string(rs[last:r.Offset]) + "[" + r.Label + "]")
				last = r.Offset
			}
			b.WriteString(string(rs[last:]))
			out = append(out, b.String())
		}
	}
	return out
}

// notes renders footnotes as "label: body" ("label: <nil>" without body).
func notes(d *doc.Document) []string {
	var out []string
	for _, f := range d.Footnotes {
		body := "<nil>"
		if f.Body != nil {
			body = *f.Body
		}
		out = append(out, f.Label+": "+body)
	}
	return out
}

func assertLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got: %q\nwant: %q", what, got, want)
	}
}

func TestMarkerKinds(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"superscript", "中国は参戦した¹。その後²、米国は³動いた。",
			[]string{"中国は参戦した[1]。その後[2]、米国は[3]動いた。"}},
		{"glued digits", "試みである1。合意2は重要なステップの1つとなった3。",
			[]string{"試みである[1]。合意[2]は重要なステップの1つとなった[3]。"}},
		{"spaced digits", "参戦するしかなくなったのだった 1 。機会を与えた(2023 年 9 月) 2 。",
			[]string{"参戦するしかなくなったのだった[1]。機会を与えた(2023 年 9 月)[2]。"}},
		{"kome", "言っていない(※1)\n\nという解釈もある(※2)。",
			[]string{"言っていない[※1]", "という解釈もある[※2]。"}},
		{"chu and brackets", "報じた【注1】。確認した[2]。",
			[]string{"報じた[注1]。確認した[2]。"}},
		{"years counts ordinals are not markers", "世界第4位の規模で、3分の2は1つの部隊に2024年に属した1。露朝条約 4 条と 1 対 1 の構造。",
			[]string{"世界第4位の規模で、3分の2は1つの部隊に2024年に属した[1]。露朝条約 4 条と 1 対 1 の構造。"}},
		{"out of sequence digits stay", "指摘した1。B-52爆撃機の40年ぶりの寄港2、そして「誰も妨げない」3など。",
			[]string{"指摘した[1]。B-52爆撃機の40年ぶりの寄港[2]、そして「誰も妨げない」[3]など。"}},
		{"superscript and plain share one sequence", "最終決定した¹。捉えていなかったが²、戦略³だった。のだった 4 。",
			[]string{"最終決定した[1]。捉えていなかったが[2]、戦略[3]だった。のだった[4]。"}},
		{"Latin spacing kept around markers", "Kenneth Waltz ¹ argued. 次に2。",
			[]string{"Kenneth Waltz[1] argued. 次に[2]。"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, "表題\n\n"+tt.body+"\n")
			assertLines(t, "paragraphs", outline(d), tt.want)
		})
	}
}

func TestPlainDigitsFollowTheNoteList(t *testing.T) {
	// The list names notes 1–2 only: a 3 after a particle is a count.
	d := mustParse(t, "表題\n\n合意1は重要だ。次の5は含まない。\n\n3は数字である。\n\n- 1 出典一。\n- 2 出典二。\n")
	assertLines(t, "paragraphs", outline(d), []string{"合意[1]は重要だ。次の5は含まない。", "3は数字である。"})
	assertLines(t, "notes", notes(d), []string{"1: 出典一。", "2: 出典二。"})
}

func TestOtherFamiliesDisablePlainDigits(t *testing.T) {
	d := mustParse(t, "表題\n\n対話(2プラス2)を開いた(※1)。\n\n(※1) ^ 出典。\n")
	assertLines(t, "paragraphs", outline(d), []string{"対話(2プラス2)を開いた[※1]。"})
	assertLines(t, "notes", notes(d), []string{"※1: 出典。"})
}

func TestEndListBodies(t *testing.T) {
	text := `表題

本文である¹。続きである 2 。

(了)

- ¹ 著者『書名』(出版社、2001年)、175~177頁。
- 2 北朝鮮が両国の接近過程で表明したのは、「경애하는 로씨야련방

군사대표단을 위하여」『労働新聞』2023年7月28日。
`
	d := mustParse(t, text)
	assertLines(t, "paragraphs", outline(d), []string{"本文である[1]。続きである[2]。"})
	assertLines(t, "notes", notes(d), []string{
		"1: 著者『書名』(出版社、2001年)、175~177頁。",
		"2: 北朝鮮が両国の接近過程で表明したのは、「경애하는 로씨야련방 군사대표단을 위하여」『労働新聞』2023年7月28日。",
	})
}

func TestKomeListWithBacklinks(t *testing.T) {
	d := mustParse(t, "表題\n\n言っていない(※1)\n\nこれらのうちで、実現は難しい(※2)。\n\n(※1) ^ 6月22日、時事通信「温度差」。\n\n(※2) ^The Alliance,” by Victor Cha, CSIS, June 20, 2024.\n")
	assertLines(t, "paragraphs", outline(d), []string{"言っていない[※1]", "これらのうちで、実現は難しい[※2]。"})
	assertLines(t, "notes", notes(d), []string{"※1: 6月22日、時事通信「温度差」。", "※2: The Alliance,” by Victor Cha, CSIS, June 20, 2024."})
}

func TestInterleavedNotesAndRejoinedSentences(t *testing.T) {
	text := `表題

多くの企業が事業を中止したりもした¹。ロ

¹ トヨタ自動車は撤退するなど、日本企業も例外ではない。

シアと新興諸国の関係が増加した²。北朝鮮は承認を国

² https://www.mfa.gov.cn/eng/t20230220.html

なお、遠藤誉氏による簡約は

<https://news.yahoo.co.jp/expert/articles/848c>

を参照されたい。

³ <http://en.kremlin.ru/trips/72272/photos#photo->

72809,72811,72780

家として承認した³。

次の段落である。
`
	d := mustParse(t, text)
	assertLines(t, "paragraphs", outline(d), []string{
		"多くの企業が事業を中止したりもした[1]。ロシアと新興諸国の関係が増加した[2]。北朝鮮は承認を国家として承認した[3]。",
		"次の段落である。",
	})
	assertLines(t, "notes", notes(d), []string{
		"1: トヨタ自動車は撤退するなど、日本企業も例外ではない。",
		"2: https://www.mfa.gov.cn/eng/t20230220.html なお、遠藤誉氏による簡約は https://news.yahoo.co.jp/expert/articles/848c を参照されたい。",
		"3: http://en.kremlin.ru/trips/72272/photos#photo-72809,72811,72780",
	})
	if got := d.Footnotes[2].URLs; !reflect.DeepEqual(got, []string{"http://en.kremlin.ru/trips/72272/photos#photo-72809,72811,72780"}) {
		t.Errorf("broken URL not rejoined: %q", got)
	}
	if got := d.Footnotes[1].URLs; len(got) != 2 {
		t.Errorf("note 2 urls = %q, want 2", got)
	}
}

func TestBareNumberNotesAtPageBottom(t *testing.T) {
	text := "表題\n\n最初の文である1。\n\n1 平岩俊二『書名』(世織書房、2010年)。\n\n次の文である2。\n\n2024 年 10 月の会合は続いた。\n\n2 同上、12頁。\n"
	d := mustParse(t, text)
	assertLines(t, "paragraphs", outline(d), []string{"最初の文である[1]。", "次の文である[2]。", "2024 年 10 月の会合は続いた。"})
	assertLines(t, "notes", notes(d), []string{"1: 平岩俊二『書名』(世織書房、2010年)。", "2: 同上、12頁。"})
}

func TestMarkersWithoutBodies(t *testing.T) {
	d := mustParse(t, "表題\n\n認識されている1。指摘する2。\n")
	assertLines(t, "notes", notes(d), []string{"1: <nil>", "2: <nil>"})
}

func TestRepairs(t *testing.T) {
	text := `表題

その勢力に対決をバ

ック・パッシングする余地がある。

北朝鮮も理解しているよ うに見える。もともと「内戦」と みなし、ロシアの Su-35 戦闘機は Theory of International Politics に依る。全角ＡＢＣと半角ｶﾅも（括弧）もそのまま。

とりわけ、重要なのが金体制を

プーチンと金正恩 (Photo by GAVRIIL GRIGOROV/POOL/AFP via Getty Images)

また、軍は外交手段でもある。
`
	d := mustParse(t, text)
	assertLines(t, "paragraphs", outline(d), []string{
		"その勢力に対決をバック・パッシングする余地がある。",
		"北朝鮮も理解しているように見える。もともと「内戦」とみなし、ロシアの Su-35 戦闘機は Theory of International Politics に依る。全角ＡＢＣと半角ｶﾅも（括弧）もそのまま。",
		"とりわけ、重要なのが金体制を",
		"また、軍は外交手段でもある。",
	})
	assertLines(t, "captions", captionTexts(d), []string{"プーチンと金正恩 / GAVRIIL GRIGOROV/POOL/AFP via Getty Images"})
}

func TestHardWrappedText(t *testing.T) {
	text := `表題

はじめに
ロシアは米国の軍事的圧力を中国に押し付ける戦略
、すなわちバック・パッシングの選択肢を持ってい
る。それが北朝鮮に軍事技術を支援する理由となり
得る。北朝鮮が情勢をエスカレートする能力を持つ
ほど、米国の軍事力を引きよせる危機が発生しやす
い。
次に米国との関係であるが、現状では米軍が先制攻
撃を行うことを想定した作戦計画は立案されていな
い。
おわりに
露朝はそれぞれの正面における敵対者を共有してい
ない。
`
	d := mustParse(t, text)
	assertLines(t, "outline", outline(d), []string{
		"## はじめに (1)",
		"ロシアは米国の軍事的圧力を中国に押し付ける戦略、すなわちバック・パッシングの選択肢を持っている。それが北朝鮮に軍事技術を支援する理由となり得る。北朝鮮が情勢をエスカレートする能力を持つほど、米国の軍事力を引きよせる危機が発生しやすい。",
		"次に米国との関係であるが、現状では米軍が先制攻撃を行うことを想定した作戦計画は立案されていない。",
		"## おわりに (1)",
		"露朝はそれぞれの正面における敵対者を共有していない。",
	})
}

func TestHeadingsAndLevels(t *testing.T) {
	text := `表題

――副題

前文である。

1. 背景

本文一。

(1)経済

本文二。

(2)軍事
本文三。

評価と課題

本文四。

## 結論

本文五。
`
	d := mustParse(t, text)
	assertLines(t, "outline", outline(d), []string{
		"前文である。", "## 1. 背景 (1)", "本文一。", "## (1)経済 (2)", "本文二。", "## (2)軍事 (2)", "本文三。",
		"## 評価と課題 (1)", "本文四。", "## 結論 (2)", "本文五。",
	})
	if str(d.Title) != "表題" || d.Subtitle == nil || *d.Subtitle != "副題" {
		t.Errorf("title/subtitle = %q/%v", str(d.Title), d.Subtitle)
	}
	if d.Sections[0].Heading != nil {
		t.Errorf("text before the first heading must be a section with a null heading")
	}
}

func TestInlineEnumerationIsNotAHeading(t *testing.T) {
	d := mustParse(t, "表題\n\n提言は、(1)日米韓の枠組みを検討する、(2)資産を凍結する──などである。\n")
	assertLines(t, "outline", outline(d), []string{"提言は、(1)日米韓の枠組みを検討する、(2)資産を凍結する──などである。"})
}

func TestBoilerplateIsDropped(t *testing.T) {
	text := "表題\n\n本文である。\n\n(了)\n\nNIDSコメンタリー\n\n第 406 号 2025 年 11 月 7 日\n\n" +
		"本欄における見解は、防衛研究所を代表するものではありません。\n\n防衛研究所企画部企画調整課\n\n直 通:03-3260-3011\n\n防衛研究所 Web サイト: www.nids.mod.go.jp\n"
	d := mustParse(t, text)
	assertLines(t, "outline", outline(d), []string{"本文である。"})
	if d.Series == nil || *d.Series != "NIDSコメンタリー" || d.SeriesNumber == nil || *d.SeriesNumber != "406" {
		t.Errorf("series = %v %v", d.Series, d.SeriesNumber)
	}
	if d.PublishedOn == nil || *d.PublishedOn != "2025-11-07" {
		t.Errorf("publishedOn = %v", d.PublishedOn)
	}
	if d.Publisher == nil || *d.Publisher != "防衛研究所" {
		t.Errorf("publisher = %v", d.Publisher)
	}
}

func TestErrors(t *testing.T) {
	sjis := []byte{0x96, 0x6b, 0x92, 0xa9, 0x91, 0x4e, 0x82, 0xcc, 0x8a, 0x6a, '\n', '\n', 0x96, 0x7b, 0x95, 0xb6, 0x82, 0xc5, 0x82, 0xa0, 0x82, 0xe9, 0x81, 0x42, '\n'}
	tests := []struct {
		name string
		raw  []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"whitespace only", []byte(" \n\t\n　\n"), ErrEmpty},
		{"binary", []byte("PK\x03\x04\x00\x00binary"), ErrBinary},
		{"latin1", []byte("caf\xe9 \xe0 la cr\xe8me, et beaucoup de texte fran\xe7ais\n"), ErrEncoding},
		{"truncated", append([]byte("表題\n\n本文である。途中"), 0xe3, 0x81), ErrTruncated},
		{"title only", []byte("表題だけ\n"), ErrNoBody},
		{"too large", make([]byte, MaxFileSize+1), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.txt", tt.raw)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), "bad.txt") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
	t.Run("shift_jis is converted", func(t *testing.T) {
		d, err := Parse("sjis.txt", sjis)
		if err != nil {
			t.Fatal(err)
		}
		if str(d.Title) != "北朝鮮の核" || outline(d)[0] != "本文である。" {
			t.Errorf("got title %q, outline %q", str(d.Title), outline(d))
		}
	})
}
