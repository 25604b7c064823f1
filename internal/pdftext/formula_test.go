package pdftext

import "testing"

// Word writes a displayed equation's letters in Cambria Math's italic
// (U+1D400…); a line of them is no heading, a heading with one symbol is.
func TestFormula(t *testing.T) {
	for _, c := range []struct {
		line string
		want bool
	}{
		{"𝑈T~ (Δ𝜌𝑔", true},
		{"𝑢 = 𝑘 𝑛 𝑑", true},
		{"2.3　流速𝑢の求め方", false},
		{"3. 実験結果および考察", false},
	} {
		if got := formula(c.line); got != c.want {
			t.Errorf("formula(%q) = %v, want %v", c.line, got, c.want)
		}
	}
}
