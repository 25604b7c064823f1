package parse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Date forms seen in Japanese sources. Spaces may stand between every part
// (PDF extractions write 「2025 年 11 月 7 日」).
var (
	reDateKanji = regexp.MustCompile(`([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日`)
	reDateEra   = regexp.MustCompile(`(令和|平成)\s*([0-9０-９]{1,2}|元)\s*年\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日`)
	reDateSep   = regexp.MustCompile(`(?:^|[^0-9０-９.])([0-9０-９]{4})\s*([/.\-．／])\s*([0-9０-９]{1,2})\s*[/.\-．／]\s*([0-9０-９]{1,2})(?:[^0-9０-９]|$)`)
	reDateEn    = regexp.MustCompile(`(?i)\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),?\s+(\d{4})\b`)
)

var eraStart = map[string]int{"令和": 2018, "平成": 1988}

// findDate returns the first date in s as YYYY-MM-DD, with the span it
// occupies in s (byte offsets).
func findDate(s string) (date string, start, end int, ok bool) {
	type match struct {
		y, m, d    int
		start, end int
	}
	var best *match
	consider := func(y, m, d, start, end int) {
		if !validDate(y, m, d) {
			return
		}
		if best == nil || start < best.start {
			best = &match{y, m, d, start, end}
		}
	}
	if loc := reDateKanji.FindStringSubmatchIndex(s); loc != nil {
		consider(atoi(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), atoi(s[loc[6]:loc[7]]), loc[0], loc[1])
	}
	if loc := reDateEra.FindStringSubmatchIndex(s); loc != nil {
		year := 1
		if y := s[loc[4]:loc[5]]; y != "元" {
			year = atoi(y)
		}
		consider(eraStart[s[loc[2]:loc[3]]]+year, atoi(s[loc[6]:loc[7]]), atoi(s[loc[8]:loc[9]]), loc[0], loc[1])
	}
	if loc := reDateSep.FindStringSubmatchIndex(s); loc != nil {
		consider(atoi(s[loc[2]:loc[3]]), atoi(s[loc[6]:loc[7]]), atoi(s[loc[8]:loc[9]]), loc[2], loc[9])
	}
	if loc := reDateEn.FindStringSubmatchIndex(s); loc != nil {
		consider(atoi(s[loc[6]:loc[7]]), monthNumber(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), loc[0], loc[1])
	}
	if best == nil {
		return "", 0, 0, false
	}
	return fmt.Sprintf("%04d-%02d-%02d", best.y, best.m, best.d), best.start, best.end, true
}

func validDate(y, m, d int) bool {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

func atoi(s string) int {
	s = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + (r - '０')
		}
		return r
	}, s)
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func monthNumber(name string) int {
	for m := time.January; m <= time.December; m++ {
		if strings.EqualFold(m.String(), name) {
			return int(m)
		}
	}
	return 0
}
