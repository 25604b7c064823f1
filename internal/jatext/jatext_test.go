package jatext

import (
	"strings"
	"testing"
)

func TestTokenizeOffsetsAreCodePoints(t *testing.T) {
	s := "朝鮮半島と Su-35 戦闘機"
	runes := []rune(s)
	for _, tk := range Tokenize(s) {
		if got := string(runes[tk.Start:tk.End]); got != tk.Surface {
			t.Errorf("token %q at [%d,%d) slices %q", tk.Surface, tk.Start, tk.End, got)
		}
	}
}

func TestTokenizeSearchSplitsCompounds(t *testing.T) {
	var surfaces []string
	for _, tk := range TokenizeSearch("中国外交部") {
		surfaces = append(surfaces, tk.Surface)
	}
	if got := strings.Join(surfaces, "/"); got != "中国/外交/部" {
		t.Errorf("TokenizeSearch(中国外交部) = %s, want 中国/外交/部", got)
	}
}

func TestPOSOfSurname(t *testing.T) {
	toks := Tokenize("三村光弘")
	if len(toks) == 0 || len(toks[0].POS) < 4 || toks[0].POS[2] != "人名" || toks[0].POS[3] != "姓" {
		t.Fatalf("first token of 三村光弘 = %+v, want a surname", toks)
	}
}
