package parse

import (
	"strings"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// cleanSpaces removes stray spaces between two Japanese characters, the
// trace of PDF line breaks and justification (「「内戦」と みなし」). Spaces
// next to Latin text or Hangul stay: there they separate words.
func cleanSpaces(s string) string {
	text, _ := finish(s, nil, false)
	return text
}

// cleanText is cleanSpaces for PDF text; in web text a space between two
// Japanese words was typed by the author (「慶應義塾大学 礒崎敦仁教授」,
// 「タグ: 韓国 日本」) and stays, and only spaces next to Japanese
// punctuation (「関係 、」) go.
func cleanText(s string, web bool) string {
	text, _ := finish(s, nil, web)
	return text
}

// finish applies cleanSpaces to s and turns its marker sentinels into
// footnote references at code-point offsets in the returned text. Spaces
// that stood around a marker (「だった 4 。」) go with it, unless both
// sides are words of a spaced script.
func finish(s string, labels []string, web bool) (string, []doc.FootnoteRef) {
	s = strings.TrimFunc(s, isSpace)
	if strings.IndexFunc(s, isGap) < 0 {
		return s, []doc.FootnoteRef{} // nothing to remove or resolve: most lines
	}
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	refs := []doc.FootnoteRef{}
	for i := 0; i < len(rs); {
		r := rs[i]
		if !isSpace(r) && !isSentinel(r) {
			out = append(out, r)
			i++
			continue
		}
		// A gap: spaces and markers between two visible characters.
		j := i
		hasSpace, hasMarker := false, false
		for j < len(rs) && (isSpace(rs[j]) || isSentinel(rs[j])) {
			hasSpace = hasSpace || isSpace(rs[j])
			hasMarker = hasMarker || isSentinel(rs[j])
			j++
		}
		var left, right rune
		if len(out) > 0 {
			left = out[len(out)-1]
		}
		if j < len(rs) {
			right = rs[j]
		}
		for k := i; k < j; k++ {
			if isSentinel(rs[k]) {
				if idx := int(rs[k] - sentinelBase); idx < len(labels) {
					refs = append(refs, doc.FootnoteRef{Label: labels[idx], Offset: len(out)})
				}
			}
		}
		switch {
		case !hasSpace || left == 0 || right == 0:
		case hasMarker:
			if isLatinWord(left) || isLatinWord(right) {
				out = append(out, ' ')
			}
		case isJP(left) && isJP(right) && (!web || isJPPunct(left) || isJPPunct(right)):
		case !web && (isASCIIDigit(left) && isJP(right) && !inLatinWord(out) || isJP(left) && isASCIIDigit(right)):
			// 「2016 年 2 月」「第 11 章」: PDF justification around a number.
		default:
			for k := i; k < j; k++ {
				out = append(out, rs[k])
			}
		}
		i = j
	}
	return string(out), refs
}

// isGap reports a space or a marker's sentinel, where finish has work.
func isGap(r rune) bool { return isSpace(r) || isSentinel(r) }

// isJPPunct reports Japanese punctuation and brackets, next to which a
// space is never a word separator.
func isJPPunct(r rune) bool {
	return r >= 0x3001 && r <= 0x303F && r != '々' && r != '〆' && r != '〇' || strings.ContainsRune("（）［］｛｝，．：；！？", r)
}

func isASCIIDigit(r rune) bool { return r >= '0' && r <= '9' }

// inLatinWord reports whether the number ending out belongs to a Latin
// word (「Su-35」), whose space to the next word is the author's.
func inLatinWord(out []rune) bool {
	i := len(out) - 1
	for i >= 0 && isASCIIDigit(out[i]) {
		i--
	}
	return i >= 0 && (out[i] == '-' || isLatinWord(out[i]))
}
