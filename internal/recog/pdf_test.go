package recog

import (
	"strings"
	"testing"
)

func TestLatinNames(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Yusuke Shinyama Satoshi Sekine", []string{"Yusuke Shinyama", "Satoshi Sekine"}},
		{"Ann Lee, Bo Chen and Carl J. Diaz", []string{"Ann Lee", "Bo Chen", "Carl J. Diaz"}},
		{"Jim Bainbridge", []string{"Jim Bainbridge"}},
		{"New York University", nil},
		{"715, Broadway, 7th Floor", nil},
		{"Abstract", nil},
		{"Row and Column Access Control", nil},
	} {
		got, ok := LatinNames(c.in)
		var names []string
		for _, a := range got {
			names = append(names, a.Name)
		}
		if ok != (c.want != nil) || strings.Join(names, "|") != strings.Join(c.want, "|") {
			t.Errorf("LatinNames(%q) = %q, %v; want %q", c.in, names, ok, c.want)
		}
	}
}
