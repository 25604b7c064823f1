package biblio

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CSLItem is a work as a CSL-JSON item, the input format of citeproc
// processors and reference managers
// (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html).
//
// It has no "page": in CSL that is the work's own extent within its
// container (an article's pages 31–45), which footnotes do not state; the
// pages a footnote cites are a citation's locator, kept in
// Reference.Pages.
type CSLItem struct {
	ID             string    `json:"id"`
	Type           string    `json:"type"`
	Title          string    `json:"title,omitempty"`
	Author         []CSLName `json:"author,omitempty"`
	Translator     []CSLName `json:"translator,omitempty"`
	Editor         []CSLName `json:"editor,omitempty"`
	ContainerTitle string    `json:"container-title,omitempty"`
	Publisher      string    `json:"publisher,omitempty"`
	PublisherPlace string    `json:"publisher-place,omitempty"`
	Issued         *CSLDate  `json:"issued,omitempty"`
	Volume         string    `json:"volume,omitempty"`
	Issue          string    `json:"issue,omitempty"`
	URL            string    `json:"URL,omitempty"`
}

// CSLName is a CSL name: family and given parts when they can be told
// apart, otherwise the name as written in Literal.
type CSLName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

// CSLDate is a CSL date: one [year, month, day] list, as precise as known.
type CSLDate struct {
	DateParts [][]int `json:"date-parts"`
}

// CSL renders works as a CSL-JSON array.
func CSL(works []Work) ([]byte, error) {
	items := make([]CSLItem, 0, len(works))
	for _, w := range works {
		items = append(items, w.CSL())
	}
	b, err := json.Marshal(items)
	if err != nil {
		return nil, fmt.Errorf("biblio: encode CSL-JSON: %w", err)
	}
	return b, nil
}

// CSL returns w as a CSL-JSON item.
func (w Work) CSL() CSLItem {
	return CSLItem{
		ID: w.ID, Type: w.Type, Title: w.Title,
		Author: cslNames(w.Authors), Translator: cslNames(w.Translators), Editor: cslNames(w.Editors),
		ContainerTitle: w.Container, Publisher: w.Publisher, PublisherPlace: w.Place,
		Issued: cslDate(w.Issued, w.Year), Volume: w.Volume, Issue: w.Issue, URL: w.URL,
	}
}

func cslNames(names []string) []CSLName {
	if len(names) == 0 {
		return nil
	}
	out := make([]CSLName, len(names))
	for i, n := range names {
		out[i] = cslName(n)
	}
	return out
}

// cslName splits a name into family and given parts only when the way it
// is written says where the split is:
//
//   - Japanese, Chinese or Korean with one space ("渡邊 武"): family first;
//     without a space ("渡邊武", "中国外交部") the boundary is unknown, and a
//     body's name has none, so the name stays literal;
//   - Latin, two to four capitalised words ("Kenneth Waltz"): given names
//     first, family last, with a particle going to the family ("van");
//     a hyphenated last word stays literal, because "Kim Tong-Hyung" is
//     written family first and "Mary Smith-Jones" is not;
//   - anything else (one word, an organisation, initials only): literal.
func cslName(n string) CSLName {
	words := strings.Fields(n)
	if hasAny(n, isCJK) {
		if len(words) == 2 {
			return CSLName{Family: words[0], Given: words[1]}
		}
		return CSLName{Literal: n}
	}
	if len(words) < 2 || len(words) > 4 || strings.Contains(words[len(words)-1], "-") || !isLatinName(n) {
		return CSLName{Literal: n}
	}
	split := len(words) - 1
	for i := 1; i < len(words)-1; i++ {
		if particles[words[i]] {
			split = i
			break
		}
	}
	if r, _ := utf8.DecodeRuneInString(words[split]); !unicode.IsLetter(r) || len(strings.TrimRight(words[split], ".")) < 2 {
		return CSLName{Literal: n} // a family name that is an initial: the order is not Western
	}
	return CSLName{Family: strings.Join(words[split:], " "), Given: strings.Join(words[:split], " ")}
}

// cslDate turns an ISO date (YYYY, YYYY-MM, YYYY-MM-DD) into date-parts,
// falling back to the year alone.
func cslDate(issued string, year int) *CSLDate {
	var parts []int
	for p := range strings.SplitSeq(issued, "-") {
		n, err := strconv.Atoi(p)
		if err != nil {
			parts = nil
			break
		}
		parts = append(parts, n)
	}
	if len(parts) == 0 && year != 0 {
		parts = []int{year}
	}
	if len(parts) == 0 {
		return nil
	}
	return &CSLDate{DateParts: [][]int{parts}}
}
