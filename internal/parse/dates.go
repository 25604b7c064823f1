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
	reDateKanji = regexp.MustCompile(`([0-9０-９]{4})\s*年\s*(?:[(（]\s*(?:令和|平成)\s*(?:[0-9０-９]{1,2}|元)\s*年?\s*[)）]\s*)?([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日`)
	reDateEra   = regexp.MustCompile(`(令和|平成)\s*([0-9０-９]{1,2}|元)\s*(?:[(（]\s*[0-9０-９]{4}\s*[)）]\s*)?年\s*(?:[(（]\s*[0-9０-９]{4}\s*年?\s*[)）]\s*)?\s*([0-9０-９]{1,2})\s*月\s*([0-9０-９]{1,2})\s*日`)
	reDateSep   = regexp.MustCompile(`(?:^|[^0-9０-９.])([0-9０-９]{4})\s*([/.\-．／])\s*([0-9０-９]{1,2})\s*[/.\-．／]\s*([0-9０-９]{1,2})(?:[^0-9０-９]|$)`)
	// A date written with the year last: 「22/12/2025」 (day first, as in
	// Europe) or 「12/22/2025」 (month first). Only an unambiguous one is
	// read: a day above 12 says which is which.
	reDateYearLast = regexp.MustCompile(`(?:^|[^0-9０-９.:/])([0-9]{1,2})\s*([/.\-])\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{4})(?:[^0-9０-９]|$)`)
	reDateEn       = regexp.MustCompile(`(?i)\b` + monthNames + `\.?\s+(\d{1,2}),?\s+(\d{4})\b`)
	reDateEnDMY    = regexp.MustCompile(`(?i)\b(\d{1,2})\s+` + monthNames + `\.?,?\s+(\d{4})\b`)
	// 「令和6(2024)年1月17日」「令和6年(2024年)4月1日」「2024年(令和6年)4月1日」:
	// a year may carry the other calendar's in brackets, which is passed over.
	// An issue of a magazine: 「2024年4月号」 names a month, not a day.
	reIssueMonth = regexp.MustCompile(`([0-9０-９]{4})\s*年\s*([0-9０-９]{1,2})\s*月\s*号`)
	// A time of day after a date: 「(月)15時15分」「 10:00」「T10:00:00+09:00」
	// 「06:07:57 GMT+9」「午後3時」「 | 5:15 am」 (a blog host's English clock).
	reTimeAfter = regexp.MustCompile(`^(?:\s*[(（](?:[月火水木金土日]|` + weekdays + `)[)）]|\s*[(（]?[月火水木金土日]曜日?[)）]?|\s+(?:` + weekdays + `))?(?:\s*[|｜]\s*|\s*|[/T]|\s*[/／]\s*)(午前|午後)?\s*([0-9０-９]{1,2})\s*(?:[:：]\s*([0-9０-９]{2})(?:\s*[:：]\s*([0-9０-９]{2}))?|時\s*(?:([0-9０-９]{1,2})\s*分)?)(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2}|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|JST|KST)?(?:\s*([AaPp])\.?[Mm]\b\.?)?`)
)

// weekdays and monthNames are the English names of the days and months
// (abbreviated, or in full for the months) that dates and times carry.
const (
	weekdays   = `Mon|Tue|Wed|Thu|Fri|Sat|Sun`
	monthNames = `(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`
)

var eraStart = map[string]int{"令和": 2018, "平成": 1988}

// findDate returns the first date in s as YYYY-MM-DD, with the span it
// occupies in s (byte offsets).
func findDate(s string) (date string, start, end int, ok bool) {
	type match struct {
		y, m, d    int
		start, end int
	}
	if !containsDigit(s) {
		return "", 0, 0, false
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
	// Each expression runs only on strings with the characters it needs:
	// most lines with a digit state no date.
	kanji := strings.Contains(s, "月") && strings.Contains(s, "日")
	if kanji && strings.Contains(s, "年") {
		if loc := reDateKanji.FindStringSubmatchIndex(s); loc != nil {
			consider(atoi(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), atoi(s[loc[6]:loc[7]]), loc[0], loc[1])
		}
	}
	if kanji && (strings.Contains(s, "令和") || strings.Contains(s, "平成")) {
		if loc := reDateEra.FindStringSubmatchIndex(s); loc != nil {
			year := 1
			if y := s[loc[4]:loc[5]]; y != "元" {
				year = atoi(y)
			}
			consider(eraStart[s[loc[2]:loc[3]]]+year, atoi(s[loc[6]:loc[7]]), atoi(s[loc[8]:loc[9]]), loc[0], loc[1])
		}
	}
	if containsAny(s, "/", ".", "-", "．", "／") { // the separators reDateSep needs
		if loc := reDateSep.FindStringSubmatchIndex(s); loc != nil {
			consider(atoi(s[loc[2]:loc[3]]), atoi(s[loc[6]:loc[7]]), atoi(s[loc[8]:loc[9]]), loc[2], loc[9])
		}
	}
	if containsAny(s, "/", ".", "-") {
		if loc := reDateYearLast.FindStringSubmatchIndex(s); loc != nil {
			a, b := atoi(s[loc[2]:loc[3]]), atoi(s[loc[6]:loc[7]])
			switch y := atoi(s[loc[8]:loc[9]]); {
			case a > 12 && b <= 12:
				consider(y, b, a, loc[2], loc[9])
			case b > 12 && a <= 12:
				consider(y, a, b, loc[2], loc[9])
			case a == b:
				consider(y, a, b, loc[2], loc[9])
			}
		}
	}
	if hasMonthLetter(s) {
		if loc := reDateEn.FindStringSubmatchIndex(s); loc != nil {
			consider(atoi(s[loc[6]:loc[7]]), monthNumber(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]]), loc[0], loc[1])
		}
		if loc := reDateEnDMY.FindStringSubmatchIndex(s); loc != nil {
			consider(atoi(s[loc[6]:loc[7]]), monthNumber(s[loc[4]:loc[5]]), atoi(s[loc[2]:loc[3]]), loc[0], loc[1])
		}
	}
	if best == nil {
		return "", 0, 0, false
	}
	return fmt.Sprintf("%04d-%02d-%02d", best.y, best.m, best.d), best.start, best.end, true
}

// hasMonthLetter reports a letter an English month's name opens with
// (J F M A S O N D, either case): the English forms need one.
func hasMonthLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'J', 'F', 'M', 'A', 'S', 'O', 'N', 'D', 'j', 'f', 'm', 'a', 's', 'o', 'n', 'd':
			return true
		}
	}
	return false
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
		if strings.EqualFold(m.String(), name) || len(name) >= 3 && strings.EqualFold(m.String()[:3], name[:3]) {
			return int(m)
		}
	}
	return 0
}

// dateMatch is a date found in a string, with the time stated after it.
type dateMatch struct {
	date       string // YYYY-MM-DD
	at         string // RFC 3339, "" when no time of day is stated
	start, end int    // byte span of the date and its time in the string
	// month says only a year and a month were stated (an issue date): the
	// day of date is the first of the month.
	month bool
}

// jst is the offset of a time stated without one: the sources are Japanese.
var jst = time.FixedZone("JST", 9*3600)

// findDateTime returns the first date in s, the time of day that follows
// it if any, or an issue month 「2024年4月号」 when s states no full date.
func findDateTime(s string) (dateMatch, bool) {
	d, start, end, ok := findDate(s)
	if !ok {
		if loc := reIssueMonth.FindStringSubmatchIndex(s); loc != nil {
			y, m := atoi(s[loc[2]:loc[3]]), atoi(s[loc[4]:loc[5]])
			if validDate(y, m, 1) {
				return dateMatch{date: fmt.Sprintf("%04d-%02d-01", y, m), start: loc[0], end: loc[1], month: true}, true
			}
		}
		return dateMatch{}, false
	}
	m := dateMatch{date: d, start: start, end: end}
	loc := reTimeAfter.FindStringSubmatchIndex(s[end:])
	if loc == nil {
		return m, true
	}
	part := func(i int) string {
		if loc[2*i] < 0 {
			return ""
		}
		return s[end+loc[2*i] : end+loc[2*i+1]]
	}
	hour, minute, second := atoi(part(2)), 0, 0
	if v := part(3); v != "" {
		minute = atoi(v)
	} else if v := part(5); v != "" {
		minute = atoi(v)
	}
	if v := part(4); v != "" {
		second = atoi(v)
	}
	if part(1) == "午後" && hour < 12 {
		hour += 12
	}
	switch ap := part(7); {
	case ap == "" || hour > 12:
	case (ap == "p" || ap == "P") && hour < 12:
		hour += 12
	case (ap == "a" || ap == "A") && hour == 12:
		hour = 0
	}
	if hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 {
		return m, true
	}
	// 「2024年10月31日 12」 without a colon or 時 is not a time: the
	// expression requires one of them, so a match here is a time.
	zone, ok := zoneOf(part(6))
	if !ok {
		return m, true
	}
	t, err := time.ParseInLocation("2006-01-02", d, zone)
	if err != nil {
		return m, true
	}
	t = t.Add(time.Duration(hour)*time.Hour + time.Duration(minute)*time.Minute + time.Duration(second)*time.Second)
	m.at, m.end = t.Format(time.RFC3339), end+loc[1]
	return m, true
}

var reZoneOffset = regexp.MustCompile(`^(?:GMT|UTC)?\s*([+-])\s*(\d{1,2}):?(\d{2})?$`)

// zoneOf reads the zone stated after a time: none (Japan), Z, +09:00,
// GMT+9, JST, KST.
func zoneOf(s string) (*time.Location, bool) {
	switch s {
	case "", "JST", "KST":
		return jst, true
	case "Z":
		return time.UTC, true
	}
	m := reZoneOffset.FindStringSubmatch(s)
	if m == nil {
		return nil, false
	}
	h, min := atoi(m[2]), 0
	if m[3] != "" {
		min = atoi(m[3])
	}
	if h > 14 || min > 59 {
		return nil, false
	}
	off := h*3600 + min*60
	if m[1] == "-" {
		off = -off
	}
	return time.FixedZone("", off), true
}
