package parse

import (
	"strings"
	"unicode/utf8"

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
	first := strings.IndexFunc(s, isGap)
	if first < 0 {
		return s, []doc.FootnoteRef{} // nothing to remove or resolve: most lines
	}
	// The text before the first gap is kept as it is; from there on the
	// string is read rune by rune, without a copy of it in runes.
	var out strings.Builder
	out.Grow(len(s))
	out.WriteString(s[:first])
	n := utf8.RuneCountInString(s[:first]) // code points written
	left, _ := utf8.DecodeLastRuneInString(s[:first])
	refs := []doc.FootnoteRef{}
	for i := first; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) && !isSentinel(r) {
			out.WriteString(s[i : i+size])
			n++
			left = r
			i += size
			continue
		}
		// A gap: spaces and markers between two visible characters.
		j := i
		hasSpace, hasMarker := false, false
		for j < len(s) {
			g, gs := utf8.DecodeRuneInString(s[j:])
			if !isSpace(g) && !isSentinel(g) {
				break
			}
			hasSpace = hasSpace || isSpace(g)
			if isSentinel(g) {
				hasMarker = true
				if idx := int(g - sentinelBase); idx < len(labels) {
					refs = append(refs, doc.FootnoteRef{Label: labels[idx], Offset: n})
				}
			}
			j += gs
		}
		var right rune
		if j < len(s) {
			right, _ = utf8.DecodeRuneInString(s[j:])
		}
		if n == 0 {
			left = 0
		}
		switch {
		case !hasSpace || left == 0 || right == 0:
		case hasMarker:
			if isLatinWord(left) || isLatinWord(right) {
				out.WriteByte(' ')
				n++
			}
		case isJP(left) && isJP(right) && (!web || isJPPunct(left) || isJPPunct(right)):
		case !web && (isASCIIDigit(left) && isJP(right) && !inLatinWord(out.String()) || isJP(left) && isASCIIDigit(right)):
			// 「2016 年 2 月」「第 11 章」: PDF justification around a number.
		default:
			for k := i; k < j; {
				g, gs := utf8.DecodeRuneInString(s[k:])
				if !isSentinel(g) {
					out.WriteString(s[k : k+gs])
					n++
				}
				k += gs
			}
		}
		i = j
	}
	return out.String(), refs
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
func inLatinWord(out string) bool {
	i := len(out)
	for i > 0 && isASCIIDigit(rune(out[i-1])) {
		i--
	}
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(out[:i])
	return r == '-' || isLatinWord(r)
}
