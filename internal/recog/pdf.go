package recog

import (
	"regexp"
	"strings"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

var (
	reLatinName    = regexp.MustCompile(`^(?:[A-Z][a-z'’-]+|[A-Z]\.|de|van|von|der|da|di|le|la)$`)
	reNameSplit    = regexp.MustCompile(`\s*(?:,|;|\band\b|&|　)\s*`)
	reInstitution  = regexp.MustCompile(`(?i)\b(?:university|universität|institute|institut|department|dept|laboratory|laboratories|lab|labs|inc|ltd|corp|corporation|center|centre|school|college|faculty|foundation|agency|ministry|company|research|street|avenue|floor|road)\b`)
	reLatinInitial = regexp.MustCompile(`^[A-Z]\.$`)
)

// LatinNames returns the authors a paper's byline names in Latin script:
// 「Yusuke Shinyama Satoshi Sekine」, 「Ann Lee, Bo Chen and Carl Diaz」. A
// line with no separators is read as names of two words each. ok is false
// for a line that names an institution or an address, or is no names.
func LatinNames(s string) ([]doc.Author, bool) {
	s = strings.TrimSpace(strings.Trim(s, "∗*†‡ "))
	if s == "" || reInstitution.MatchString(s) || strings.ContainsAny(s, "0123456789@") {
		return nil, false
	}
	var names [][]string
	for _, part := range reNameSplit.Split(s, -1) {
		words := strings.Fields(strings.Trim(part, "∗*†‡ "))
		if len(words) == 0 {
			continue
		}
		for _, w := range words {
			if !reLatinName.MatchString(strings.Trim(w, "∗*†‡")) {
				return nil, false
			}
		}
		names = append(names, words)
	}
	if len(names) == 1 && len(names[0]) >= 4 && len(names[0])%2 == 0 && !hasInitial(names[0]) {
		w := names[0]
		names = nil
		for i := 0; i < len(w); i += 2 {
			names = append(names, w[i:i+2])
		}
	}
	var out []doc.Author
	for _, n := range names {
		if len(n) < 2 || len(n) > 4 {
			return nil, false
		}
		out = append(out, doc.Author{Name: strings.Join(n, " ")})
	}
	return out, len(out) > 0
}

func hasInitial(words []string) bool {
	for _, w := range words {
		if reLatinInitial.MatchString(w) {
			return true
		}
	}
	return false
}
