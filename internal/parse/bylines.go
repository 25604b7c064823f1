package parse

import (
	"regexp"
	"strings"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

var (
	// 「By John Smith – Outlet – 13 Jul 2025」: the name is the first part.
	reByEnglish = regexp.MustCompile(`^(?i:by)\s+(.+?)(?:\s+[–—\-|｜]\s+.*)?$`)
	// An end byline in brackets: 「（文・鈴木 一郎＝ジャーナリスト）」「(取材・文/天谷窓大)」.
	reParenByline = regexp.MustCompile(`^[(（]\s*(?:文|取材・文|文・写真|写真・文|構成|構成・文|聞き手・構成|聞き手・文|聞き手|取材|文責|筆者|執筆|翻訳|訳)\s*[・/／:：=＝]\s*([^()（）]+?)\s*[)）]?$`)
	// A dateline naming its reporters: 「【ソウル＝田中健】」「【ワシントン＝山田太郎、北京＝林花子】」.
	reDatelineReporter = regexp.MustCompile(`^[【\[［]([^】\]］]{1,60}?[＝=][^】\]］]{2,60})[】\]］]`)
	// A desk credited as author: 「国際報道部」「ニューズウィーク日本版ウェブ編集部」.
	reDesk = regexp.MustCompile(`^(\S.{0,30}?(?:編集部|編集局|取材班|外信部|政治部|社会部|経済部|国際部|報道局|報道部|国際報道部|ニュースセンター|デスク|特別取材班))$`)
	// A department and a reporter at the end of a lead: 「(報道部・樋口耕勇)」.
	reDeptReporter = regexp.MustCompile(`^[(（]([^()（）]{1,20}?(?:部|局|課|班|室|支局|総局))[・･/／]([^()（）・]{2,12})[)）]$`)
	// A social-media handle after a speaker's position: 「(東大先端研専任講師 @okb1917)」.
	reHandle = regexp.MustCompile(`\s*@[A-Za-z0-9_]+`)
	// 「＝ROLE」 after a name in an end byline: 「鈴木 一郎＝ジャーナリスト」.
	reNameRole = regexp.MustCompile(`^(.+?)\s*[＝=]\s*(.+)$`)
)

// bylineOf recognises a byline (see Byline).
func bylineOf(s string) ([]doc.Author, bool) {
	line := strings.TrimSpace(reBullet.ReplaceAllString(trimLine(s), ""))
	if line == "" || runeLen(line) > 120 || strings.Contains(line, "。") {
		return nil, false
	}
	if m := reParenByline.FindStringSubmatch(line); m != nil && (strings.HasPrefix(line, "(") || strings.HasPrefix(line, "（")) {
		return namesOf(m[1])
	}
	if m := reDatelineReporter.FindStringSubmatch(line); m != nil {
		var out []doc.Author
		for _, part := range strings.Split(m[1], "、") {
			if _, name, ok := strings.Cut(part, "＝"); ok {
				part = name
			} else if _, name, ok := strings.Cut(part, "="); ok {
				part = name
			}
			if a, ok := oneAuthor(part); ok {
				out = append(out, a)
			}
		}
		return out, len(out) > 0
	}
	if m := reDeptReporter.FindStringSubmatch(line); m != nil {
		if name, reading, ok := personName(m[2]); ok {
			return []doc.Author{{Name: name, NameReading: reading, Affiliation: ptr(m[1])}}, true
		}
	}
	if bm := reByLabel.FindStringSubmatch(line); bm != nil {
		return namesOf(bm[1])
	}
	if m := reByEnglish.FindStringSubmatch(line); m != nil {
		return namesOf(m[1])
	}
	if m := reDesk.FindStringSubmatch(line); m != nil {
		return []doc.Author{{Name: m[1]}}, true
	}
	if a, ok := oneAuthor(line); ok {
		return []doc.Author{a}, true
	}
	if a, ok := bylineWithPosition(line); ok {
		return []doc.Author{a}, true
	}
	return nil, false
}

// namesOf reads a list of names after a byline label; each may carry its
// position (「山田太郎（東京大学教授）」「鈴木 一郎＝ジャーナリスト」).
func namesOf(list string) ([]doc.Author, bool) {
	var out []doc.Author
	for _, name := range reNameSep.Split(list, -1) {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if a, ok := oneAuthor(name); ok {
			out = append(out, a)
			continue
		}
		if m := reNameRole.FindStringSubmatch(name); m != nil {
			a := doc.Author{Name: strings.TrimSpace(m[1])}
			a.Affiliation, a.Title = splitPosition(m[2])
			out = append(out, a)
			continue
		}
		if a, ok := deskAndName(name); ok {
			out = append(out, a)
			continue
		}
		if runeLen(name) <= 20 {
			out = append(out, doc.Author{Name: name})
		}
	}
	return out, len(out) > 0
}

// deskAndName reads 「編集部 西田 綾」: a desk or organisation, then a name.
func deskAndName(s string) (doc.Author, bool) {
	fields := strings.Fields(s)
	for _, n := range []int{2, 1} {
		if len(fields) <= n {
			continue
		}
		if name, reading, ok := personName(strings.Join(fields[len(fields)-n:], " ")); ok {
			a := doc.Author{Name: name, NameReading: reading}
			a.Affiliation = ptr(strings.Join(fields[:len(fields)-n], " "))
			return a, true
		}
	}
	return doc.Author{}, false
}

// oneAuthor reads a name, alone or with its position in brackets:
// 「三村 光弘（みむら みつひろ）」「佐藤 花子（ジャーナリスト）」「小泉 悠(東大先端研専任講師 @okb1917)」.
func oneAuthor(s string) (doc.Author, bool) {
	s = strings.TrimSpace(reHandle.ReplaceAllString(s, ""))
	if name, reading, ok := personName(s); ok {
		return doc.Author{Name: name, NameReading: reading}, true
	}
	if m := reParenPosition.FindStringSubmatch(s); m != nil && hasTitleWord(m[2]) {
		if name, reading, ok := personName(m[1]); ok {
			a := doc.Author{Name: name, NameReading: reading}
			a.Affiliation, a.Title = splitPosition(m[2])
			return a, true
		}
	}
	return doc.Author{}, false
}

func docAuthor(name string, reading *string) doc.Author {
	return doc.Author{Name: name, NameReading: reading}
}
