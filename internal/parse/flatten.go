package parse

import (
	"regexp"
	"strings"
)

// A page copied from a news aggregator may arrive as one line: title,
// desk, the time it was distributed, the photograph's caption and the lead
// run together, set apart only by spaces (「TITLE 時事通信 外信部2025年04月28日
// 09時36分配信 CAPTION(AFP時事) 【ソウル時事】LEAD…」). unflatten cuts such a
// line back into its parts, so that the header is read as if it had been
// copied line by line.

// maxFlattenedHead bounds, in bytes, where the distribution time stands
// in a flattened line: the title and the desk before it are short.
const maxFlattenedHead = 360

// reDistributed is the word after the time that says it is the time of
// distribution: only that dates a flattened header.
var reDistributed = regexp.MustCompile(`^\s*(?:配信|掲載|公開|更新)`)

// unflatten returns the lines with every flattened header line cut into
// its parts, and the source line number of each line (nil when none was).
func unflatten(lines []string) ([]string, []int) {
	var out []string
	var source []int
	for i, l := range lines {
		parts := flattenedParts(l)
		if parts == nil {
			if source != nil {
				out, source = append(out, l), append(source, i+1)
			}
			continue
		}
		if source == nil {
			out = append([]string(nil), lines[:i]...)
			for k := range i {
				source = append(source, k+1)
			}
		}
		for _, part := range parts {
			out, source = append(out, part), append(source, i+1)
		}
	}
	if source == nil {
		return lines, nil
	}
	return out, source
}

// flattenedParts cuts a flattened header line into title, byline, date,
// caption and lead, or returns nil for any other line.
func flattenedParts(line string) []string {
	if !longerThan(line, 100) || !strings.Contains(line, "【") || !containsDigit(line) {
		return nil
	}
	dm, ok := findDateTime(line)
	if !ok || dm.at == "" || dm.start == 0 || dm.start > maxFlattenedHead {
		return nil
	}
	head := strings.TrimSpace(line[:dm.start])
	trail := reDistributed.FindString(line[dm.end:])
	if strings.Contains(head, "。") {
		return nil
	}
	if trail == "" {
		// Without 「配信」 the date and time must be followed by a caption
		// and the bracketed dateline of the lead: 「TITLE 2024/10/23/06:12
		// CAPTION(…=共同) 【キーウ共同】LEAD」.
		after := strings.TrimSpace(line[dm.end:])
		i := strings.Index(after, "【")
		if i <= 0 || !isCaption(strings.TrimSpace(after[:i])) {
			return nil
		}
	}
	date := strings.TrimSpace(line[dm.start : dm.end+len(trail)])
	rest := strings.TrimSpace(line[dm.end+len(trail):])
	title, byline := splitHeadByline(head)
	if title == "" {
		return nil
	}
	parts := []string{title}
	if byline != "" {
		parts = append(parts, byline)
	}
	parts = append(parts, date)
	if i := strings.Index(rest, "【"); i > 0 && isCaption(strings.TrimSpace(rest[:i])) {
		parts = append(parts, strings.TrimSpace(rest[:i]))
		rest = rest[i:]
	}
	return append(parts, rest)
}

// splitHeadByline cuts the desk or the reporter that ends the head of a
// flattened line off its title: 「TITLE 時事通信 外信部」.
func splitHeadByline(head string) (title, byline string) {
	fields := strings.Fields(head)
	for n := 1; n <= min(3, len(fields)-1); n++ {
		cand := strings.Join(fields[len(fields)-n:], " ")
		if _, ok := bylineOf(cand); ok {
			return strings.Join(fields[:len(fields)-n], " "), cand
		}
	}
	return head, ""
}
