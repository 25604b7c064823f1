package parse

import (
	"strings"
)

// parseTrailer reads the metadata at the end of the document, from the
// bottom up: a keyword line, publisher boilerplate, a profile block or a
// reporter's bio, the series number and date. It returns where the
// trailer starts; the body ends there.
func parseTrailer(lines []string, bodyStart int) (meta, int) {
	var m meta
	end := len(lines)
	for end > bodyStart && lines[end-1] == "" {
		end--
	}
	if end > bodyStart {
		last := lines[end-1]
		if kind, items, ok := labelledList(last); ok {
			if kind == "categories" {
				m.categories = items
			} else {
				m.keywords = items
			}
			end--
		} else if fields, ok := tokenLine(last); ok {
			m.keywords = fields
			end--
		}
	}
	start := end
	if p := profileStart(lines, bodyStart, end); p >= 0 {
		block := lines[p+1 : end]
		for k, line := range block {
			if isBoilerplate(line) {
				block = block[:k]
				break
			}
		}
		m.authors = profile(block)
		start = p
	} else if n := bioStart(lines, bodyStart, end); n >= 0 {
		m.authors = profile(lines[n:end])
		start = n
	}
	// Boilerplate, the series line and the date just before the block.
	for start > bodyStart {
		line := lines[start-1]
		switch {
		case line == "", isBoilerplate(line), contactOrganisation(lines, start-1, bodyStart):
		case isSeriesNumberLine(line):
			series, number, date, _, _ := seriesLine(line)
			m.seriesNumber = ptr(number)
			m.series = ptrOrNil(series)
			if date != "" {
				m.publishedOn = ptr(date)
			}
			if j := seriesNameBefore(lines, start-1, bodyStart); m.series == nil && j >= 0 {
				m.series = ptr(lines[j])
				start = j + 1 // the name line joins the trailer below
			}
		default:
			if dates, ok := dateLine(line); ok {
				m.addDates(dates)
				break
			}
			return m.withPublisher(lines[start:]), start
		}
		start--
	}
	return m.withPublisher(lines[start:]), start
}

// withPublisher records the publisher that boilerplate lines name.
func (m meta) withPublisher(lines []string) meta {
	for _, line := range lines {
		if !isBoilerplate(line) {
			continue
		}
		if p, ok := publisherIn(line); ok {
			m.publisher = ptr(p)
			break
		}
	}
	return m
}

// profileStart finds the last profile heading (PROFILE, <執筆者プロフィール>).
func profileStart(lines []string, from, to int) int {
	for i := to - 1; i >= from; i-- {
		if isProfileHeading(lines[i]) {
			return i
		}
	}
	return -1
}

// bioStart finds a reporter's bio closing the document: a name line, then
// only lines about that person, the first stating a role (記者, 研究員 …).
func bioStart(lines []string, from, to int) int {
	for n := to - 2; n >= from && n >= to-8; n-- {
		if _, _, ok := personName(lines[n]); !ok {
			continue
		}
		first := ""
		for _, l := range lines[n+1 : to] {
			if l != "" {
				first = l
				break
			}
		}
		if first != "" && roleWords.MatchString(first) && isTerminal(lastRune(first)) {
			return n
		}
	}
	return -1
}

// isSeriesNumberLine reports 「第 406 号 2025 年 11 月 7 日」 or a line naming
// a series and its number.
func isSeriesNumberLine(line string) bool {
	_, _, _, rest, ok := seriesLine(line)
	return ok && rest == ""
}

// seriesNameBefore returns the index of the short line just before the
// number line at i, such as 「NIDSコメンタリー」, or -1.
func seriesNameBefore(lines []string, i, from int) int {
	for j := i - 1; j >= from; j-- {
		if lines[j] == "" {
			continue
		}
		l := lines[j]
		if runeLen(l) <= 30 && !isTerminal(lastRune(l)) && !strings.ContainsAny(l, "。、") && !isBoilerplate(l) {
			return j
		}
		return -1
	}
	return -1
}

// contactOrganisation reports the department line of a contact block
// (「防衛研究所企画部企画調整課」): a short line right after a disclaimer.
func contactOrganisation(lines []string, i, from int) bool {
	l := lines[i]
	if runeLen(l) > 30 || isTerminal(lastRune(l)) || strings.ContainsAny(l, "。、") {
		return false
	}
	for j := i - 1; j >= from; j-- {
		if lines[j] != "" {
			return reDisclaimer.MatchString(lines[j])
		}
	}
	return false
}
