package graph

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// CodeSearchLimit refuses a search text too long to analyze.
const CodeSearchLimit = "SEARCH_LIMIT_EXCEEDED"

// A refusal before execution is one of the request itself: 422, as
// validation errors are.
func init() { errcode.RegisterErrorType(CodeSearchLimit, errcode.KindProtocol) }

// Bounds of a search text: a search box needs no more, and the analyzer's
// work and the query it builds grow with the text.
const (
	maxSearchChars = 256
	maxSearchTerms = 32 // words between spaces
)

// checkSearchText refuses a search text over its bounds. It runs where
// the text reaches the analyzer (runSearch) and, so that a refused
// search costs nothing else, before any resolver (ArgumentCheck).
func checkSearchText(q string) *gqlerror.Error {
	if n := utf8.RuneCountInString(q); n > maxSearchChars {
		return searchLimit(fmt.Sprintf("search: the query is %d characters, which exceeds the limit of %d by %d", n, maxSearchChars, n-maxSearchChars), maxSearchChars, n)
	}
	if n := len(strings.Fields(q)); n > maxSearchTerms {
		return searchLimit(fmt.Sprintf("search: the query has %d words, which exceeds the limit of %d by %d", n, maxSearchTerms, n-maxSearchTerms), maxSearchTerms, n)
	}
	return nil
}

func searchLimit(msg string, limit, actual int) *gqlerror.Error {
	err := gqlerror.Errorf("%s", msg)
	errcode.Set(err, CodeSearchLimit)
	err.Extensions["limit"] = limit
	err.Extensions["actual"] = actual
	return err
}
