package pdftext

import (
	"regexp"
	"strings"
)

// reCaptionSentence is a sentence that opens with a figure's label and
// goes on with a particle: 「図4.13より，…」「図 2 の箱ひげ図から…」.
var reCaptionSentence = regexp.MustCompile(`^(?:図表|図|表|写真|グラフ|Fig\.|Figure|Table)[\s　]*[0-9０-９]+(?:[.．\-－][0-9０-９]+)*(?:[(（][a-zａ-ｚ][)）])?[\s　]*(?:より|から|まで|の|に|で|と|を|は|が|や|へ|，|、|,)`)

// reNextCaption is a second caption's label on a caption's line, after
// the blank between two figures set side by side.
var reNextCaption = regexp.MustCompile(`[ 　]+(?:図表|図|表|写真)[ 　]*[0-9０-９]+(?:[.．\-－][0-9０-９]+)*[ 　]*[:：．.]?`)

// sideBySide splits a line of captions set side by side:
// 「図4.1: greedy法で学習　図4.2: ε-greedy法で学習」 is two.
func sideBySide(s string) []string {
	var parts []string
	for {
		loc := reNextCaption.FindStringIndex(s)
		// A figure's label inside a caption's text (「図1と同じ条件」)
		// has no blank of an em before it.
		if loc == nil || loc[0] == 0 || !strings.Contains(s[loc[0]:loc[1]], "　") && !strings.Contains(s[loc[0]:loc[1]], "  ") {
			return append(parts, s)
		}
		parts = append(parts, strings.TrimSpace(s[:loc[0]]))
		s = strings.TrimSpace(s[loc[0]:])
	}
}

// isCaption reports a line that opens a caption: its label, and no
// sentence running on from it.
func isCaption(s string) bool {
	return reCaption.MatchString(s) && !reCaptionSentence.MatchString(s)
}

// unbracket takes off the lenticular brackets a caption is set in:
// 「【図表１　性別構成】」 → 「図表１　性別構成」.
func unbracket(s string) string {
	for _, p := range [][2]string{{"【", "】"}, {"［", "］"}, {"[", "]"}} {
		if strings.HasPrefix(s, p[0]) && strings.HasSuffix(s, p[1]) {
			return strings.TrimSpace(s[len(p[0]) : len(s)-len(p[1])])
		}
	}
	return s
}
