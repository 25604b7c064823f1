package jatext

import "testing"

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"ＴＨＡＡＤ", "thaad"},
		{"THAAD", "thaad"},
		{"Su-35", "su-35"},
		{"ｶﾀｶﾅ", "カタカナ"},
		{"ﾊﾞｯｸ･ﾊﾟｯｼﾝｸﾞ", "バック・パッシング"},
		{"中国", "中国"},
		{"a\x00b\xffc", "abc"},
		{"１２３", "123"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
