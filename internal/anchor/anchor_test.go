package anchor

import (
	"errors"
	"testing"
)

const text = "中国は朝鮮半島でも米軍プレゼンスを対抗すべきものと認識するようになった。\n\nロシアの Su-35 戦闘機を取得できずにいた。中国は参戦した。その後、中国は参戦した。"

func TestLocate(t *testing.T) {
	tx := NewText(text)
	m, err := tx.Locate("米軍プレゼンスを対抗すべきもの", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := tx.Slice(m.Start, m.End); got != "米軍プレゼンスを対抗すべきもの" || m.Quote != got {
		t.Errorf("text[%d:%d] = %q", m.Start, m.End, got)
	}
	if m.Prefix != "中国は朝鮮半島でも" || []rune(m.Suffix)[0] != 'と' {
		t.Errorf("context = %q / %q", m.Prefix, m.Suffix)
	}
}

func TestLocateIgnoresWhitespaceDifferences(t *testing.T) {
	tx := NewText(text)
	m, err := tx.Locate("ロシアのSu-35戦闘機", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := tx.Slice(m.Start, m.End); got != "ロシアの Su-35 戦闘機" {
		t.Errorf("matched %q; the quote must be returned as the text writes it", got)
	}
}

func TestLocateAmbiguityAndPrefix(t *testing.T) {
	tx := NewText(text)
	if _, err := tx.Locate("中国は参戦した", ""); !errors.Is(err, ErrAmbiguous) {
		t.Fatalf("err = %v, want ErrAmbiguous", err)
	}
	m, err := tx.Locate("中国は参戦した", "その後、")
	if err != nil {
		t.Fatal(err)
	}
	if m.Prefix[len(m.Prefix)-len("その後、"):] != "その後、" {
		t.Errorf("picked the wrong occurrence: prefix %q", m.Prefix)
	}
	if _, err := tx.Locate("台風が来た", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
	if _, err := tx.Locate(" \n", ""); !errors.Is(err, ErrEmptyQuote) {
		t.Errorf("err = %v, want ErrEmptyQuote", err)
	}
}

func TestReanchorAfterEdit(t *testing.T) {
	old := NewText(text)
	m, err := old.Locate("中国は参戦した", "その後、")
	if err != nil {
		t.Fatal(err)
	}
	edited := NewText("新しい前置きの段落。\n\n" + text)
	n, err := edited.Reanchor(m.Quote, m.Prefix, m.Suffix)
	if err != nil {
		t.Fatal(err)
	}
	if n.Start != m.Start+len([]rune("新しい前置きの段落。\n\n")) {
		t.Errorf("reanchored at %d, want the same occurrence shifted", n.Start)
	}
	gone := NewText("まったく別の文章になった。")
	if _, err := gone.Reanchor(m.Quote, m.Prefix, m.Suffix); !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}

func BenchmarkLocate(b *testing.B) {
	long := ""
	for i := 0; i < 200; i++ {
		long += text
	}
	long += "ここにしかない一文である。"
	tx := NewText(long)
	b.SetBytes(int64(len(long)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tx.Locate("ここにしかない一文", ""); err != nil {
			b.Fatal(err)
		}
	}
}
