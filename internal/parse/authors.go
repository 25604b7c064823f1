package parse

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

// titleWords end a job title: 「教授」「研究室長」「記者」. Matching the end of
// a position string tells a job title from an organisation name.
var titleWords = []string{
	"名誉教授", "特任教授", "客員教授", "准教授", "教授", "専任講師", "講師", "助教",
	"主任研究官", "研究官", "主任研究員", "上席研究員", "首席研究員", "主席研究員", "上級研究員", "客員研究員", "特別研究員", "研究員", "研究委員",
	"研究室長", "研究部長", "研究所長", "センター長", "室長", "部長", "課長", "局長", "所長", "院長", "学長", "社長",
	"理事長", "理事", "会長", "委員長", "委員", "代表取締役", "代表理事", "代表", "顧問", "参与",
	"編集委員", "論説委員", "解説委員", "編集長", "編集者", "デスク", "特派員", "支局長", "記者",
	"フェロー", "アナリスト", "エコノミスト", "ジャーナリスト", "ライター", "コラムニスト", "解説員",
	"専門官", "主任", "主幹", "参事官", "大使", "研究主幹", "外交官", "研究者", "評論家", "弁護士",
	"コメンテーター", "キャスター", "作家", "少将", "中将", "大将", "准将", "大佐", "中佐", "少佐", "司令官", "幕僚長", "議員",
}

// orgSuffixes end an organisation's name: what precedes a job title in
// 「新潟県立大学北東アジア研究所教授」 or 「地域研究部アジア・アフリカ研究室長」.
var orgSuffixes = []string{
	"大学院", "大学", "学部", "研究科", "研究所", "研究センター", "センター", "研究部", "部", "研究室",
	"機構", "財団", "協会", "学会", "研究会", "省", "庁", "局", "課", "社", "新聞", "通信", "タイムズ",
	"放送", "銀行", "研究院", "院", "会議", "フォーラム", "Institute", "University",
}

// titleAt returns where the job title at the end of s begins, or -1.
func titleAt(s string) int {
	best := -1
	for _, w := range titleWords {
		if strings.HasSuffix(s, w) {
			if i := len(s) - len(w); best < 0 || i < best {
				best = i
			}
		}
	}
	return best
}

// hasTitleWord reports whether s names a position: it ends with a job title.
func hasTitleWord(s string) bool {
	for _, tok := range strings.Fields(s) {
		if titleAt(tok) >= 0 {
			return true
		}
	}
	return false
}

// splitPosition splits 「新潟県立大学北東アジア研究所 教授」 into affiliation
// and title. Without a space, the title starts after the last organisation
// suffix: 「地域研究部」+「アジア・アフリカ研究室長」.
func splitPosition(s string) (affiliation, title *string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if fields := strings.Fields(s); len(fields) > 1 && titleAt(fields[len(fields)-1]) >= 0 {
		return ptr(strings.Join(fields[:len(fields)-1], " ")), ptr(fields[len(fields)-1])
	}
	t := titleAt(s)
	if t < 0 {
		return ptr(s), nil
	}
	cut := 0
	for _, suf := range orgSuffixes {
		if i := strings.LastIndex(s[:t], suf); i >= 0 && i+len(suf) > cut {
			// Keep the title's own head: in 「研究室長」 the 「研究室」 is
			// part of the title, not an organisation before it.
			cut = i + len(suf)
		}
	}
	if cut == 0 {
		// No organisation suffix before the title: a short modifier
		// (「経済ジャーナリスト」「元外交官」) is part of the title; a longer
		// head (「東大先端研専任講師」) is an organisation's short name.
		if runeLen(s[:t]) < 4 {
			return nil, ptr(s)
		}
		cut = t
	}
	aff, tit := strings.TrimSpace(s[:cut]), strings.TrimSpace(s[cut:])
	if ownOutlet[aff] {
		return nil, ptr(s) // 「本社コメンテーター」: the paper's own post
	}
	if tit == "" {
		aff, tit = strings.TrimSpace(s[:t]), s[t:]
	}
	return ptrOrNil(aff), ptrOrNil(tit)
}

// ownOutlet are the words by which a paper names itself in a post.
var ownOutlet = setOf("本社", "本紙", "当社", "弊社", "小社")

var (
	reNameReading = regexp.MustCompile(`^(.+?)\s*[(（]\s*([\p{Hiragana}\p{Katakana}ー・ 　]+)\s*[)）]$`)
	// A name in kanji or kana, and how it is written in Latin letters.
	reLatinReading = regexp.MustCompile(`^(\S{2,6}?)\s*[(（]\s*[A-Z][a-z]+\s+[A-Z][a-zA-Z]+\s*[)）]$`)
	reLatinName    = regexp.MustCompile(`^[A-Z][a-z'’\-]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-zA-Z'’\-]+){1,2}$`)
	// 「ロバート・E・ケリー」: a Latin initial may stand between the parts.
	reKanaName = regexp.MustCompile(`^[\p{Katakana}ー]+(?:[・=＝](?:[A-ZＡ-Ｚ][.．]?[・=＝])?[\p{Katakana}ー]+)+$`)
)

// personName reports whether s is a person's name, optionally followed by
// its reading in brackets: 「三村 光弘（みむら みつひろ）」. Japanese and
// Chinese names are recognised by the analyzer's surname entries, so that
// a short heading such as 「序論」 is not taken for a name.
func personName(s string) (name string, reading *string, ok bool) {
	s = strings.TrimSpace(s)
	if longerThan(s, 40) || containsAny(s, "。", "、") {
		return "", nil, false // a sentence, not a name
	}
	// Each expression runs only on the strings that can match it: a
	// reading closes in a bracket, a Latin name opens with a capital, a
	// katakana name is joined by 「・」 or 「=」.
	if last := lastRune(s); last == ')' || last == '）' {
		if m := reNameReading.FindStringSubmatch(s); m != nil && !hasTitleWord(m[2]) {
			s, reading = strings.TrimSpace(m[1]), ptr(strings.TrimSpace(m[2]))
		} else if m := reLatinReading.FindStringSubmatch(s); m != nil && shortJapaneseName(m[1]) {
			// 「稲留雅人(Inadome Masato)」: a name romanised in brackets is a
			// person's, even one the analyzer takes for a place.
			return m[1], nil, true
		}
	}
	if s != "" && s[0] >= 'A' && s[0] <= 'Z' && reLatinName.MatchString(s) && !hasLatinNoun(s) ||
		strings.ContainsAny(s, "・=＝") && reKanaName.MatchString(s) && !kanaWords(s) {
		return s, reading, true
	}
	fields := strings.Fields(s)
	if len(fields) == 2 && titleAt(fields[1]) == 0 {
		return "", nil, false // 「山田太郎 記者」: a name and the post
	}
	compact := strings.Join(fields, "")
	n := runeLen(compact)
	if n < 2 || n > 8 || strings.Count(s, " ")+strings.Count(s, "　") > 1 {
		return "", nil, false
	}
	for _, r := range compact {
		if !isHan(r) && !unicode.In(r, unicode.Hiragana, unicode.Katakana) {
			return "", nil, false
		}
	}
	// 「黒崎 将広」: a known family name, then a space and a given name,
	// which the analyzer may split into other words (「将」「広」).
	surnameFirst := func() bool {
		fs := strings.Fields(normalVariants(s))
		return spacedKanjiName(s) && knownSurname(fs[0]) && !commonWord(fs[1])
	}
	toks := jatext.Tokenize(normalVariants(compact))
	// A family and a given name set apart by a space (「宮塚 利雄」) are a
	// name when the analyzer knows either part as one: rare surnames are
	// missing from its dictionary.
	if len(toks) == 0 || !isPOS(toks[0], "人名") && !(spacedKanjiName(s) && anyPOS(toks, "人名")) {
		if surnameFirst() {
			return s, reading, true
		}
		return "", nil, false
	}
	for _, t := range toks {
		if len(t.POS) > 0 && t.POS[0] != "名詞" && t.POS[0] != "接頭詞" {
			if surnameFirst() {
				return s, reading, true
			}
			return "", nil, false
		}
	}
	spaced := compact != s
	last := toks[len(toks)-1]
	if !spaced && n > 4 && !isPOS(last, "人名") && last.Known {
		return "", nil, false // 「金正恩体制」: a name inside a longer noun
	}
	return s, reading, true
}

// kanaWords reports katakana words joined by 「・」 that the analyzer
// knows, none as a person's name: a place and a noun (「ワシントン・
// スケッチ」, a column's name) are no one's name, where a foreign name
// has a given or family name it knows, or a part it does not know
// (「マット・ヴァイザー」).
func kanaWords(s string) bool {
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("・=＝", r) }) {
		toks := jatext.Tokenize(part)
		if len(toks) != 1 || !toks[0].Known || isPOS(toks[0], "人名") {
			return false
		}
	}
	return true
}

// latinNouns are words of outlets' names and of images' descriptions,
// which the capitalised words of a name are not: 「National Security
// Journal」「North Korea Soldiers」 are no one's name.
var latinNouns = setOf("Journal", "News", "Times", "Post", "Review", "Daily", "Weekly", "Magazine", "Press", "Security",
	"International", "Institute", "University", "Center", "Centre", "Foundation", "Report", "Korea", "Korean", "North",
	"South", "East", "West", "Japan", "Japanese", "China", "Chinese", "Russia", "Russian", "Soldiers", "Soldier", "Army",
	"Forces", "Military", "Defense", "Defence", "Policy", "Affairs", "World", "Global", "Asia", "Pacific", "Today",
	"Network", "Channel", "Media", "Group", "Agency", "Council", "Ministry", "Government", "State", "States", "United",
	"National", "Foreign", "America", "American", "Europe", "European", "War", "Peace", "Nuclear", "Missile", "Video",
	"Photo", "Image", "Images", "Online", "Digital", "Weekly", "Monthly", "Quarterly", "Studies", "Research", "Forum")

// latinFunctionWords are the prepositions, articles, question words and
// auxiliaries a headline capitalises (「Toward Trilateral Trust」「Why
// Kim Needs Moscow」): no part of a person's name.
var latinFunctionWords = setOf("A", "An", "The", "Of", "And", "Or", "But", "For", "To", "In", "On", "At", "By", "With", "From",
	"Into", "Onto", "Over", "Under", "After", "Before", "Against", "Between", "Beyond", "Behind", "Toward", "Towards",
	"Without", "Within", "Through", "Across", "About", "Why", "How", "What", "When", "Where", "Who", "Which", "Is", "Are",
	"Was", "Were", "Will", "Can", "May", "Must", "Should", "Not", "No", "Its", "Their", "Our", "Is", "As", "Amid", "Versus")

// hasLatinNoun reports a Latin phrase with a word of latinNouns or
// latinFunctionWords.
func hasLatinNoun(s string) bool {
	for _, f := range strings.Fields(s) {
		if latinNouns[f] || latinFunctionWords[f] {
			return true
		}
	}
	return false
}

// spacedKanjiName reports 「宮塚 利雄」: two runs of one to three kanji
// separated by one space.
func spacedKanjiName(s string) bool {
	fields := strings.Fields(s)
	if len(fields) != 2 {
		return false
	}
	for _, f := range fields {
		n := runeLen(f)
		if n < 1 || n > 3 || strings.ContainsFunc(f, func(r rune) bool { return !isHan(r) }) {
			return false
		}
	}
	return true
}

// knownSurname reports a family name the analyzer knows as one word: a
// surname, or a place's name, as many surnames are (「稲留」「高島」).
func knownSurname(s string) bool {
	toks := jatext.Tokenize(s)
	return len(toks) == 1 && toks[0].Known && (isPOS(toks[0], "姓") || isPOS(toks[0], "地域"))
}

// commonWord reports one known word that is no name (「大学」「新聞」):
// 「東京 大学」 is no person.
func commonWord(s string) bool {
	toks := jatext.Tokenize(s)
	return len(toks) == 1 && toks[0].Known && !isPOS(toks[0], "人名")
}

func anyPOS(toks []jatext.Token, tag string) bool {
	for _, t := range toks {
		if isPOS(t, tag) {
			return true
		}
	}
	return false
}

func isPOS(t jatext.Token, tag string) bool {
	for _, p := range t.POS {
		if p == tag {
			return true
		}
	}
	return false
}

var (
	reSpecialtyLabel = regexp.MustCompile(`^(?:専門分野|専門領域|専門|研究分野|研究テーマ)\s*[:：]\s*(.*)$`)
	reSpecialtyProse = regexp.MustCompile(`専門(?:分野)?は、?([^。]+?)(?:。|$)`)
	reSpecialtyKnows = regexp.MustCompile(`([^。]{2,60}?)に詳しい`)
	roleWords        = regexp.MustCompile(`記者|取材|ライター|編集|研究員|教授|准教授|講師|解説員|特派員|ジャーナリスト|コラムニスト|アナリスト|所長|代表|フェロー|専門家|外交官|研究者|評論家|作家|議員|弁護士|学者`)
)

// profile collects authors from the lines of a profile block or a
// reporter's bio: a name line, position lines, 「専門分野:」, prose.
func profile(lines []string) []doc.Author {
	var authors []doc.Author
	var cur *doc.Author
	var bio []string
	flush := func() {
		if cur == nil {
			return
		}
		if len(bio) > 0 {
			cur.Bio = ptr(strings.Join(bio, "\n"))
			if cur.Specialty == nil {
				if m := reSpecialtyProse.FindStringSubmatch(*cur.Bio); m != nil {
					cur.Specialty = ptr(m[1])
				} else if m := reSpecialtyKnows.FindStringSubmatch(firstSentenceAfter(*cur.Bio)); m != nil {
					cur.Specialty = ptr(cleanSpaces(m[1]))
				}
			}
			if cur.Affiliation == nil && cur.Title == nil {
				// A bio opening 「エポックタイムズ記者。」 states the position.
				first, _, _ := strings.Cut(*cur.Bio, "。")
				if hasTitleWord(first) && runeLen(first) <= 40 {
					cur.Affiliation, cur.Title = splitPosition(first)
				}
			}
		}
		authors = append(authors, *cur)
		cur, bio = nil, nil
	}
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(strings.TrimLeft(reBullet.ReplaceAllString(lines[i], ""), bioGlyphs))
		if line == "" {
			continue
		}
		if name, reading, ok := personName(line); ok && (cur == nil || len(bio) > 0 || cur.Title != nil) {
			flush()
			cur = &doc.Author{Name: name, NameReading: reading}
			continue
		}
		if cur == nil {
			continue // nothing about a person yet
		}
		if m := reSpecialtyLabel.FindStringSubmatch(line); m != nil {
			value := strings.TrimSpace(m[1])
			if value == "" && i+1 < len(lines) {
				i++
				value = strings.TrimSpace(reBullet.ReplaceAllString(lines[i], ""))
			}
			cur.Specialty = ptrOrNil(value)
			continue
		}
		if cur.Title == nil && cur.Affiliation == nil && len(bio) == 0 && !strings.Contains(line, "。") && runeLen(line) <= 60 {
			cur.Affiliation, cur.Title = splitPosition(line)
			continue
		}
		bio = append(bio, cleanSpaces(line))
	}
	flush()
	return authors
}

// firstSentenceAfter returns the text after the first sentence: in
// 「エポックタイムズ記者。日米中関係、…に詳しい。」 the specialty follows the
// position.
func firstSentenceAfter(s string) string {
	if _, rest, ok := strings.Cut(s, "。"); ok {
		return rest
	}
	return s
}

// mergeAuthors adds the fields of later sightings of the same person (a
// profile block after a byline) to the first, matching names without spaces.
func mergeAuthors(lists ...[]doc.Author) []doc.Author {
	out := []doc.Author{}
	index := map[string]int{}
	for _, list := range lists {
		for _, a := range list {
			key := nameKey(a.Name)
			i, seen := index[key]
			if !seen {
				index[key] = len(out)
				out = append(out, a)
				continue
			}
			out[i].Complete(a)
		}
	}
	return out
}

// nameKey compares names without their spaces (doc.NameKey).
func nameKey(name string) string { return doc.NameKey(name) }

func ptr(s string) *string { return &s }

func ptrOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// nameVariants maps the variant kanji that names are often registered in
// (「黒﨑」「髙橋」) to the forms the analyzer's dictionary knows; the name
// itself keeps its own.
// normalVariants returns s with its variant kanji mapped (see
// nameVariants); most names have none, and are returned as they are.
func normalVariants(s string) string {
	if !strings.ContainsAny(s, variantKanji) {
		return s
	}
	return nameVariants.Replace(s)
}

// variantKanji are the characters nameVariants maps.
const variantKanji = "﨑髙德邉邊濵濱嶋櫻齋齊籠冨"

var nameVariants = strings.NewReplacer("﨑", "崎", "髙", "高", "德", "徳", "邉", "辺", "邊", "辺", "濵", "浜", "濱", "浜", "嶋", "島", "櫻", "桜", "齋", "斎", "齊", "斉", "籠", "篭", "冨", "富")
