package gqllimit

import (
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/gqlerror"
)

func TestCapErrorsCountsTheRest(t *testing.T) {
	var errs gqlerror.List
	for range 250 {
		errs = append(errs, gqlerror.Errorf("bad"))
	}
	got := capErrors(errs, 100)
	last := got[len(got)-1]
	if len(got) != 100 || last.Extensions["code"] != CodeErrors || last.Extensions["actual"] != 250 || !strings.Contains(last.Message, "250 errors") {
		t.Errorf("%d errors, last %q %v", len(got), last.Message, last.Extensions)
	}
	if got := capErrors(errs[:100], 100); len(got) != 100 || got[99].Extensions["code"] == CodeErrors {
		t.Error("a list at the limit was changed")
	}
}

func TestValueSizeEstimatesJSON(t *testing.T) {
	s := "北朝鮮"
	for _, c := range []struct {
		v    any
		want int
	}{
		{nil, 4}, {"abc", 5}, {&s, len(s) + 2}, {(*string)(nil), 4}, {[]string{"a", "bc"}, 2 + 4 + 5},
		{true, 8}, {42, 8}, {[]int{1, 2, 3}, 5}, {struct{}{}, 8},
	} {
		if got := valueSize(c.v); got != c.want {
			t.Errorf("valueSize(%#v) = %d, want %d", c.v, got, c.want)
		}
	}
}
