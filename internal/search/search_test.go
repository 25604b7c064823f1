package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

func TestVector(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		// Search mode splits the compound; particles (は, の, を), the
		// auxiliary た and punctuation are not indexed but keep positions;
		// 述べた is indexed as its dictionary form.
		// The words inside kanji compounds share the compound's position.
		// A word occurring twice or more has its tier (\x1f, the floor of
		// its count's bucket), without positions.
		{"中国外交部は中国の立場を述べた。", "'中':1,5 '中\x1f2' '中国':1,5 '中国\x1f2' '交':2 '国':1,5 '国\x1f2' '場':7 '外':2 '外交':2 '立':7 '立場':7 '述べる':9 '部':3"},
		// Stray whitespace takes no position; Latin is folded.
		{"ＴＨＡＡＤ 導入", "'thaad':1 '入':2 '導':2 '導入':2"},
		// Hangul is kept although kagome tags it 記号 (symbol).
		{"조약(条約)", "'条':3 '条約':3 '約':3 '조약':1"},
		// Kangxi radicals from PDF fonts are searched as the kanji they show.
		{"⾮核化", "'化':2 '核':1 '非':1 '非核':1"},
		{"", ""},
		{"。、「」", ""},
	} {
		if got := vectorText(c.text); got != c.want {
			t.Errorf("Vector(%q)\n got %s\nwant %s", c.text, got, c.want)
		}
	}
}

func TestVectorLimits(t *testing.T) {
	// Positions past PostgreSQL's 16383 are clamped, and a lexeme keeps at
	// most 256 of them.
	v, tier, _ := strings.Cut(vectorText(strings.Repeat("ロシア、", 20000)), " ")
	if !strings.HasPrefix(v, "'ロシア':1,3,5,") || !strings.HasSuffix(v, ",511") || tier != "'ロシア\x1f128'" {
		t.Errorf("Vector of 20000 mentions = %.40s…%s %q", v, v[len(v)-20:], tier)
	}
	if n := strings.Count(v, ",") + 1; n != 256 {
		t.Errorf("%d positions, want 256", n)
	}
}

// vectorText is the text form of text's vector.
func vectorText(text string) string { return Vector(jatext.Tokenize(text)).String() }

func TestWriteQuoted(t *testing.T) {
	var b strings.Builder
	writeQuoted(&b, `it's a \ test`)
	if got, want := b.String(), `'it''s a \\ test'`; got != want {
		t.Errorf("writeQuoted = %s, want %s", got, want)
	}
}

func TestQuery(t *testing.T) {
	for _, c := range []struct{ q, want string }{
		{"外交部", "'外交' <-> '部'"},
		{"中国外交部", "'中国' <-> '外交' <-> '部'"},
		{"中国 外交部", "'中国' & ('外交' <-> '部')"},
		{"中国　安保理", "'中国' & '安保理'"}, // ideographic space
		{"中国の役割", "'中国' & '役割'"},
		{"押し付けた", "'押し付ける'"},
		{"ＴＨＡＡＤ", "'thaad'"},
		{"バック・パッシング", "'バック' <2> 'パッシング'"},
		{"Su-35", "'su' <2> '35'"},
		{"中国 中国", "'中国'"},
		// Operators and quotes are punctuation, never syntax.
		{"!中国 | ロシア & (北朝鮮):*", "'中国' & 'ロシア' & '北朝鮮'"},
		{"'; DROP TABLE paragraphs; --", "'drop' & 'table' & 'paragraphs'"},
		{`中国\'<->`, "'中国'"},
	} {
		got, ok := Query(c.q)
		if !ok || got != c.want {
			t.Errorf("Query(%q) = %s, %v; want %s", c.q, got, ok, c.want)
		}
	}
	for _, q := range []string{"", "   ", "の", "は、を。", "&|!()<->", "\x00"} {
		if got, ok := Query(q); ok || got != "" {
			t.Errorf("Query(%q) = %q, %v; want nothing", q, got, ok)
		}
	}
}

func TestQueryBounded(t *testing.T) {
	got, ok := Query(strings.Repeat("中国 ロシア 北朝鮮 制裁 条約 ", 100) + strings.Repeat("核兵器と", 200))
	if !ok || strings.Count(got, "'")/2 > maxQueryLexemes {
		t.Errorf("long query gave %d lexemes", strings.Count(got, "'")/2)
	}
}

func TestHighlight(t *testing.T) {
	const para = "ソビエト連邦(現ロシア)は、朝鮮戦争で中国へのバック・パッシングに成功したのだろう。" +
		"中国が参戦決定をソ連大使に伝達したのは、1953 年 10 月 13 日のことであった。" +
		"実はこれは、スターリンが金日成に国外逃亡するよう伝えた翌日のことだった。" +
		"中国単独での参戦に抵抗していた毛沢東に対し、スターリンは北朝鮮が消滅することになろうともソ連軍は送らないとの決意を再確認したのだった。"
	for _, c := range []struct {
		q    string
		want []string // substrings the snippet must contain
	}{
		{"スターリン", []string{"【スターリン】が金日成", "【スターリン】は北朝鮮"}},
		{"毛沢東 スターリン", []string{"【毛沢東】", "【スターリン】は"}},
		{"バック・パッシング", []string{"【バック・パッシング】"}},
		{"ソ連大使", []string{"【ソ連大使】"}},
		{"参戦", []string{"【参戦】決定", "【参戦】に抵抗"}},
		{"伝える", []string{"【伝え】た翌日"}}, // dictionary form finds the inflection
	} {
		got := Highlight(para, c.q)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("Highlight(%s) = %s\nlacks %s", c.q, got, w)
			}
		}
		plain := strings.NewReplacer("【", "", "】", "", "…", "").Replace(got)
		if n := utf8.RuneCountInString(plain); n > SnippetLength+10 {
			t.Errorf("Highlight(%s) shows %d code points: %s", c.q, n, got)
		}
		if !strings.Contains(para, plain) {
			t.Errorf("Highlight(%s) = %s is not a slice of the text", c.q, got)
		}
	}
	// Not a match: 中 is not the word 中国; no query word → the opening.
	if got := Highlight(para, "台風"); strings.Contains(got, "【") || !strings.HasPrefix(got, "ソビエト連邦") || !strings.HasSuffix(got, "…") {
		t.Errorf("Highlight without a match = %s", got)
	}
	if got := Highlight("中国", "中国"); got != "【中国】" {
		t.Errorf("Highlight of a one-word text = %s", got)
	}
}

func TestSnippetStartsAtSentence(t *testing.T) {
	text := strings.Repeat("あ", 100) + "。ロシアは中国に圧力を押し付けた。" + strings.Repeat("い", 200)
	got := Snippet(text, []Span{{105, 107}})
	if !strings.HasPrefix(got, "…ロシアは【中国】に") || !strings.HasSuffix(got, "…") {
		t.Errorf("Snippet = %s", got)
	}
}

func TestQuickHighlightAgreesWithHighlight(t *testing.T) {
	text := "2008年5月27日に中国外交部スポークスマンは米韓同盟のことを「歴史の遺物」だと明言した。"
	for _, q := range []string{"外交部", "中国 同盟", "押し付けた"} {
		if got, want := QuickHighlight(text, q), Highlight(text, q); got != want {
			t.Errorf("QuickHighlight(%q) = %q, Highlight = %q", q, got, want)
		}
	}
}

func BenchmarkQuickHighlight(b *testing.B) {
	text := strings.Repeat("中国は朝鮮半島でも米軍プレゼンスを対抗すべきものと認識するようになった。", 6)
	b.ReportAllocs()
	for b.Loop() {
		QuickHighlight(text, "米軍")
	}
}
