package parse

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

var (
	// 「By John Smith – Outlet – 13 Jul 2025」: the name is the first part.
	reByEnglish = regexp.MustCompile(`^(?i:(?:written|text|posted)\s+)?(?i:by)\s+(.+?)(?:\s+[–—\-|｜]\s+.*)?$`)
	// An end byline in brackets: 「（文・鈴木 一郎＝ジャーナリスト）」「(取材・文/天谷窓大)」.
	reParenByline = regexp.MustCompile(`^[(（]\s*(?:取材・文|文・写真|写真・文|構成・文|聞き手・構成|聞き手・文|文|構成|聞き手|取材|文責|筆者|執筆)\s*[・/／:：=＝]\s*([^()（）]+?)\s*[)）]?$`)
	// A dateline naming its reporters: 「【ソウル＝田中健】」「【ワシントン＝山田太郎、北京＝林花子】」.
	reDatelineReporter = regexp.MustCompile(`^[【\[［]([^】\]］]{1,60}?[＝=][^】\]］]{2,60})[】\]］]`)
	// A desk credited as author: 「国際報道部」「ニューズウィーク日本版ウェブ編集部」.
	reDesk = regexp.MustCompile(`^([^\s「」『』“”。、][^「」『』“”。、]{0,30}?(?:編集部|編集局|取材班|外信部|政治部|社会部|経済部|国際部|報道局|報道部|国際報道部|ニュースセンター|デスク|特別取材班))$`)
	// A name and what it belongs to in brackets: 「小田原澪(合同会社いとへん)」.
	reNameInBrackets = regexp.MustCompile(`^([^()（）]{2,12}?)[\s\x{3000}]*[(（]([^()（）]{2,30})[)）]$`)
	// A paper's office away from its head office: 「幡多支社」「北東総局」.
	reBranchOffice = regexp.MustCompile(`^[^\s「」『』“”。、]{1,12}(?:支社|支局|総局|本社)$`)
	// A department and a reporter at the end of a lead: 「(報道部・樋口耕勇)」.
	reDeptReporter = regexp.MustCompile(`^[(（]([^()（）]{1,20}?(?:部|局|課|班|室|支局|総局|新聞|新報|日報|通信|タイムス))[・･/／]([^()（）・]{2,12})[)）]$`)
	// A translator's credit: 「(翻訳:鈴木聖子)」「（訳・NAME）」. A translator
	// is no author; the line is listed in removed.
	reTranslator = regexp.MustCompile(`^[(（]?\s*(?:翻訳|訳|翻訳・構成|訳・構成|Translated by|Translation)\s*[・/／:：=＝\s]\s*[^()（）。]{2,30}[)）]?$|^【翻訳編集】\s*\S.{0,30}$`)
	// A social-media handle after a speaker's position: 「(東大先端研専任講師 @okb1917)」.
	reHandle = regexp.MustCompile(`\s*@[A-Za-z0-9_]+`)
	// 「＝ROLE」 after a name in an end byline: 「鈴木 一郎＝ジャーナリスト」.
	reNameRole = regexp.MustCompile(`^(.+?)\s*[＝=]\s*(.+)$`)
)

// bylineOf recognises a byline (see Byline).
func bylineOf(s string) ([]doc.Author, bool) {
	authors, _, ok := byline(s)
	return authors, ok
}

// byline recognises a byline and reports whether s, as it stands (no
// bullet before it), opens with a label that says it credits the text's
// writers: 「担当記者:NAME」「聞き手/NAME 構成/NAME」.
func byline(s string) (authors []doc.Author, labelled, ok bool) {
	line := strings.TrimSpace(reBullet.ReplaceAllString(trimLine(s), ""))
	if r := firstRune(line); r == '|' || r == '｜' {
		line = strings.TrimLeft(line, " \u3000|｜") // 「DATE | NAME」 split after its date
	}
	if line == "" || runeLen(line) > 240 {
		return nil, false, false
	}
	if strings.Contains(line, "。") {
		// 「筆者・村田智子(東京都出身。…)」: a labelled byline may carry the
		// writer's bio in brackets; any other line with a full stop is a
		// sentence.
		head, bio, ok := bioInBrackets(line)
		if !ok {
			return nil, false, false
		}
		authors, labelled, ok := byline(head)
		if !ok || len(authors) != 1 {
			return nil, false, false
		}
		authors[0].Bio = ptr(bio)
		return authors, labelled && line == s, true
	}
	if runeLen(line) > 120 {
		return nil, false, false
	}
	asIs := line == s
	// Each form is tried only on lines with the character it needs: every
	// line of a header zone goes through here.
	switch r0 := firstRune(line); {
	case r0 == '(' || r0 == '（':
		if authors, ok := bracketByline(line); ok {
			return authors, false, true
		}
	case r0 == '【' || r0 == '[' || r0 == '［':
		if m := reDatelineReporter.FindStringSubmatch(line); m != nil {
			authors, ok := reporters(m[1])
			return authors, false, ok
		}
		if m := reLeadBracket.FindStringSubmatch(line); m != nil && len(m[0]) == len(line) {
			if a, ok := placeReporter(m[1]); ok {
				return []doc.Author{a}, false, true
			}
		}
	case strings.ContainsRune("BbWwTtPp", r0):
		if m := reByEnglish.FindStringSubmatch(line); m != nil {
			authors, ok := namesOf(m[1])
			return authors, ok && asIs && reByLabel.MatchString(line), ok
		}
	}
	if hasLabelMark(line) {
		if authors, ok := creditLabels(line); ok {
			return authors, asIs, true
		}
		if bm := reByLabel.FindStringSubmatch(line); bm != nil {
			authors, ok := namesOf(bm[1])
			return authors, ok && asIs, ok
		}
	}
	if containsAny(line, "部", "局", "班", "デスク", "センター") {
		if m := reDesk.FindStringSubmatch(line); m != nil {
			return []doc.Author{{Name: m[1]}}, false, true
		}
		// 「みなと新聞編集部 佐々木 遥」: the desk is the reporter's affiliation.
		if a, ok := deskAndNameIf(line, reDesk.MatchString); ok {
			return []doc.Author{a}, false, true
		}
	}
	if containsAny(line, "支社", "支局", "総局", "本社") {
		// 「幡多支社  山崎友裕」: the paper's office, then its reporter. The
		// office alone signs nothing.
		if a, ok := deskAndNameIf(line, reBranchOffice.MatchString); ok {
			return []doc.Author{a}, false, true
		}
	}
	if honoured(line) {
		return nil, false, false // 「姜尚中さん」: a portrait's caption; a byline does not honour its writer
	}
	if contactField(line) {
		return nil, false, false // 「代表者名 代表取締役社長 山口 拓己」: who issues a disclosure, not who wrote it
	}
	if outletAndName(line) {
		if a, ok := deskAndNameIf(line, firstField(line)); ok {
			return []doc.Author{a}, false, true // 「北東日報 山田太郎」: the outlet and its reporter
		}
	}
	if strings.ContainsRune("執筆著文ラ投", firstRune(line)) {
		if sm := reSpacedLabel.FindStringSubmatch(line); sm != nil {
			if authors, ok := namesOf(sm[1]); ok {
				return authors, asIs, true // 「執筆者 森川一郎（北東大学教授）」
			}
		}
	}
	if a, ok := oneAuthor(line); ok {
		return []doc.Author{a}, false, true
	}
	if a, ok := nameWithPost(line); ok {
		return []doc.Author{a}, false, true // 「森川一郎記者」: the post run into the name
	}
	if a, ok := roleThenName(line); ok {
		return []doc.Author{a}, false, true
	}
	if a, ok := bylineWithPosition(line); ok {
		return []doc.Author{a}, false, true
	}
	return nil, false, false
}

// bioInBrackets splits a labelled byline that ends with the writer's
// bio in brackets, a sentence or more: the byline and the bio.
func bioInBrackets(line string) (head, bio string, ok bool) {
	last := lastRune(line)
	if last != ')' && last != '）' || !reByLabel.MatchString(line) {
		return "", "", false
	}
	i := strings.IndexAny(line, "(（")
	if i <= 0 {
		return "", "", false
	}
	_, size := utf8.DecodeRuneInString(line[i:])
	_, lastSize := utf8.DecodeLastRuneInString(line)
	inner := line[i+size : len(line)-lastSize]
	if !strings.Contains(inner, "。") || strings.ContainsAny(inner, "()（）") {
		return "", "", false
	}
	return strings.TrimSpace(line[:i]), strings.TrimSpace(inner), true
}

// reSpacedLabel is a writer's label set apart from the name by a space
// alone: 「執筆者 森川一郎」.
var reSpacedLabel = regexp.MustCompile(`^(?:執筆者|筆者|著者|執筆|文責|ライター|投稿者)[\s\x{3000}]+(\S.{1,40})$`)

// rePostSuffix is a reporter's post run into the name: 「森川一郎記者」.
var rePostSuffix = regexp.MustCompile(`^(\S{2,8}?)(記者|特派員|編集委員|論説委員|支局長|解説委員)$`)

// nameWithPost reads a name with its post run into it.
func nameWithPost(line string) (doc.Author, bool) {
	if !strings.ContainsRune("者員長", lastRune(line)) {
		return doc.Author{}, false
	}
	sm := rePostSuffix.FindStringSubmatch(line)
	if sm == nil {
		return doc.Author{}, false
	}
	name, reading, ok := personName(sm[1])
	if !ok {
		return doc.Author{}, false
	}
	a := docAuthor(name, reading)
	a.Title = ptr(sm[2])
	return a, true
}

// roleThenName reads a post and a name joined by a middle dot or a
// slash: 「ジャーナリスト・森川一郎」「ライター／森川一郎」.
func roleThenName(line string) (doc.Author, bool) {
	i := strings.IndexAny(line, "・/／")
	if i <= 0 || longerThan(line, 40) {
		return doc.Author{}, false
	}
	_, size := utf8.DecodeRuneInString(line[i:])
	role, rest := strings.TrimSpace(line[:i]), strings.TrimSpace(line[i+size:])
	if !isPositionText(role) {
		return doc.Author{}, false
	}
	return namedWithPosition(rest, role)
}

// contactField reports a field of a disclosure's or a release's header
// naming the company's officers: 「代表者名 …」「問合せ先 …」.
func contactField(line string) bool {
	line = unbracketed(line) // 「(コード番号:3922 東証プライム)」
	for _, f := range []string{"代表者名", "代表者", "問合せ先", "問い合わせ先", "お問い合わせ先", "会社名", "担当者", "担当課", "担当部署", "担当", "所管課", "連絡先", "責任者", "コード番号", "証券コード"} {
		if rest, ok := strings.CutPrefix(line, f); ok && (rest == "" || isSpace(firstRune(rest)) || strings.ContainsRune(":：", firstRune(rest))) {
			return true
		}
	}
	return false
}

// outletAndName reports a line that may be an outlet's name and its
// reporter's: two or three words, the first an outlet's name. Only the
// words are looked at: the name is the analyzer's to judge.
func outletAndName(line string) bool {
	fields := strings.Fields(line)
	if len(fields) < 2 || len(fields) > 3 || longerThan(fields[0], 16) {
		return false
	}
	return outletName(fields[0]) || isSiteName(fields[0])
}

// honoured reports a name with an honorific after it: the way a page
// names the people it presents, never its own writer.
func honoured(line string) bool {
	for _, h := range []string{"さん", "様", "さま", "ちゃん", "くん", "君"} {
		if strings.HasSuffix(line, h) && runeLen(line) > runeLen(h)+1 {
			return true
		}
	}
	return false
}

// reLeadBracket is the bracket that opens a news lead: 「【ウラジオストク大前仁】」
// 「【北京共同】」「【6月21日 AFP】」.
var reLeadBracket = regexp.MustCompile(`^[【\[［]([^】\]］]{2,40})[】\]］]`)

// reBracketed is a parenthesised aside inside a dateline: 「(ロシア極東)」.
var reBracketed = regexp.MustCompile(`[(（][^()（）]{1,20}[)）]`)

// placeReporter reads a dateline that names its place and its reporter
// without a separator: 「ウラジオストク(ロシア極東)大前仁」「ソウル日下部元美」.
// The analyzer tells the place from the name; an agency's dateline
// (「北京共同」「ソウル聯合ニュース」) names no person and is none.
func placeReporter(s string) (doc.Author, bool) {
	s = strings.TrimSpace(reBracketed.ReplaceAllString(s, ""))
	if n := runeLen(s); n < 4 || n > 20 || strings.ContainsFunc(s, func(r rune) bool { return !isJPLetter(r) }) {
		return doc.Author{}, false
	}
	toks := jatext.Tokenize(s)
	for k := 1; k < len(toks); k++ {
		if !isPOS(toks[k], "人名") || !isPOS(toks[k-1], "地域") && !isPOS(toks[k-1], "固有名詞") {
			continue
		}
		var name strings.Builder
		for _, t := range toks[k:] {
			// The given name may be split or unknown (「小柳」「悠」「志」): a
			// short noun of kanji or kana after the family name.
			if !isPOS(t, "人名") && (len(t.POS) == 0 || t.POS[0] != "名詞" || runeLen(t.Surface) > 2) {
				return doc.Author{}, false
			}
			name.WriteString(t.Surface)
		}
		if n := runeLen(name.String()); n >= 2 && n <= 6 {
			return doc.Author{Name: name.String()}, true
		}
		return doc.Author{}, false
	}
	return doc.Author{}, false
}

// bracketByline reads a byline in brackets: 「（文・NAME＝ROLE）」
// 「(報道部・NAME)」.
func bracketByline(line string) ([]doc.Author, bool) {
	if inner := unbracketed(line); inner != line {
		if as, ok := creditLabels(inner); ok {
			return as, true // 「（文＝NAME　写真＝NAME）」: the writer, not the photographer
		}
		if outletAndName(inner) {
			if a, ok := deskAndNameIf(inner, firstField(inner)); ok {
				return []doc.Author{a}, true // 「（北東新聞 森川一郎）」
			}
		}
	}
	if m := reParenByline.FindStringSubmatch(line); m != nil {
		return namesOf(m[1])
	}
	if m := reDeptReporter.FindStringSubmatch(line); m != nil {
		if name, reading, ok := personName(m[2]); ok {
			return []doc.Author{{Name: name, NameReading: reading, Affiliation: ptr(m[1])}}, true
		}
	}
	if m := reParenPositionName.FindStringSubmatch(line); m != nil && hasTitleWord(m[1]) {
		// 「(日経ビジネス記者 中山玲子)」: the writer's post, then the name.
		if name, reading, ok := personName(m[2]); ok {
			a := doc.Author{Name: name, NameReading: reading}
			a.Affiliation, a.Title = splitPosition(m[1])
			return []doc.Author{a}, true
		}
	}
	return nil, false
}

// reParenPositionName is an end byline in brackets that gives the
// writer's post before the name, set apart by a space.
var reParenPositionName = regexp.MustCompile(`^[(（]([^()（）\s]{2,24})[\s\x{3000}]+([^()（）\s]{2,8}(?:[\s\x{3000}][^()（）\s]{1,5})?)[)）]$`)

// reporters reads the names in a dateline: 「ソウル＝田中健、北京＝林花子」.
func reporters(list string) ([]doc.Author, bool) {
	var out []doc.Author
	for _, part := range strings.Split(list, "、") {
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

// hasLabelMark reports the separator a byline label needs: 「文・」「執筆者：」.
func hasLabelMark(line string) bool {
	return containsAny(line, ":", "：", "・", "/", "／") || hasEquals(line)
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
		if n := len(out); n > 0 && out[n-1].Title == nil && out[n-1].Affiliation == nil && hasTitleWord(name) && isPositionText(name) {
			// 「執筆：浜口直樹／北東大学教授」: the writer's post after the slash.
			out[n-1].Affiliation, out[n-1].Title = splitPosition(name)
			continue
		}
		if sm := reNameInBrackets.FindStringSubmatch(name); sm != nil {
			if n, reading, ok := personName(sm[1]); ok {
				// 「小田原澪(合同会社いとへん)」: the writer and the company.
				a := docAuthor(n, reading)
				a.Affiliation = ptr(strings.TrimSpace(sm[2]))
				out = append(out, a)
				continue
			}
		}
		if runeLen(name) <= 20 && !containsDigit(name) && !containsAny(name, "等", "ほか", "所属") {
			// Not 「記者クラブ所属記者等16人」: who attended, counted, is no writer.
			out = append(out, doc.Author{Name: name})
		}
	}
	return out, len(out) > 0
}

// deskAndName reads 「編集部 西田 綾」: a desk or organisation, then a name.
func deskAndName(s string) (doc.Author, bool) {
	return deskAndNameIf(s, nil)
}

// deskAndNameIf is deskAndName when the words before the name pass
// accept (nil accepts any). A line whose possible affiliations all fail
// it is turned down before the analyzer reads any name, which is what
// costs: every line of a header zone with 「部」 or an outlet's word comes
// here.
func deskAndNameIf(s string, accept func(string) bool) (doc.Author, bool) {
	fields := strings.Fields(s)
	if accept != nil {
		if n := len(fields); !(n > 2 && accept(strings.Join(fields[:n-2], " "))) && !(n > 1 && accept(strings.Join(fields[:n-1], " "))) {
			return doc.Author{}, false
		}
	}
	for _, n := range []int{2, 1} {
		if len(fields) <= n {
			continue
		}
		if name, reading, ok := personName(strings.Join(fields[len(fields)-n:], " ")); ok {
			a := doc.Author{Name: name, NameReading: reading}
			a.Affiliation = ptr(strings.Join(fields[:len(fields)-n], " "))
			return a, accept == nil || accept(*a.Affiliation)
		}
	}
	return doc.Author{}, false
}

// firstField accepts the first word of line alone: 「北東日報 山田太郎」.
func firstField(line string) func(string) bool {
	first := ""
	if f := strings.Fields(line); len(f) > 0 {
		first = f[0]
	}
	return func(s string) bool { return s == first }
}

// oneAuthor reads a name, alone or with its position in brackets:
// 「三村 光弘（みむら みつひろ）」「佐藤 花子（ジャーナリスト）」「小泉 悠(東大先端研専任講師 @okb1917)」.
func oneAuthor(s string) (doc.Author, bool) {
	s = strings.TrimSpace(reHandle.ReplaceAllString(s, ""))
	if name, reading, ok := personName(s); ok {
		return doc.Author{Name: name, NameReading: reading}, true
	}
	// A desk in the brackets is an affiliation too: 「佐々木 遥（みなと新聞社会部）」,
	// and so is an organisation: 「田中 福太郎(国立国会図書館関西館アジア情報課)」.
	if m := reParenPosition.FindStringSubmatch(s); m != nil && (hasTitleWord(m[2]) || reDesk.MatchString(m[2]) || organisation(m[2]) || outletName(m[2])) {
		if name, reading, ok := personName(m[1]); ok {
			a := doc.Author{Name: name, NameReading: reading}
			a.Affiliation, a.Title = splitPosition(m[2])
			return a, true
		}
	}
	return doc.Author{}, false
}

// organisation reports the name of an organisation: no space, and an
// organisation's suffix at its end (「…研究所」「…アジア情報課」).
func organisation(s string) bool {
	if runeLen(s) < 4 || longerThan(s, 30) || strings.ContainsAny(s, " 　、。") {
		return false
	}
	for _, suf := range orgSuffixes {
		if strings.HasSuffix(s, suf) && runeLen(s) > runeLen(suf)+1 {
			return true
		}
	}
	return false
}

func docAuthor(name string, reading *string) doc.Author {
	return doc.Author{Name: name, NameReading: reading}
}

// reCreditsLabel is one credit of a line that gives several: 「聞き手/NAME
// 構成/NAME」「文/NAME 写真/NAME」.
var reCreditsLabel = regexp.MustCompile(`(?:^|[\s\x{3000}])(聞き手・構成|聞き手|インタビュアー|構成|取材・文|文|写真|撮影|イラスト|解説|実況)\s*[/／:：=＝]\s*`)

// reSpacedName is a family and a given name set apart by a space.
var reSpacedName = regexp.MustCompile(`^[\p{Han}\p{Katakana}ー]{1,5}[ \x{3000}][\p{Han}\p{Hiragana}\p{Katakana}ー]{1,5}$`)

// creditLabels reads a line of two or more labelled credits: the
// interviewer, the writer and the editor are its authors; a photographer
// or an illustrator is not.
func creditLabels(line string) ([]doc.Author, bool) {
	if strings.Count(line, "/")+strings.Count(line, "／")+strings.Count(line, ":")+strings.Count(line, "：")+strings.Count(line, "=")+strings.Count(line, "＝") < 2 {
		return nil, false
	}
	locs := reCreditsLabel.FindAllStringSubmatchIndex(line, -1)
	if len(locs) < 2 || locs[0][0] != 0 {
		return nil, false
	}
	var out []doc.Author
	for k, l := range locs {
		end := len(line)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		value := strings.TrimSpace(line[l[1]:end])
		name, reading, ok := personName(value)
		if !ok && (reSpacedName.MatchString(value) || shortJapaneseName(value)) {
			name, ok = value, true // the label vouches for a name the dictionary lacks
		}
		if !ok {
			return nil, false
		}
		switch line[l[2]:l[3]] {
		case "写真", "撮影", "イラスト", "解説", "実況":
			continue // a photographer, a broadcast's commentator or announcer: no writer
		}
		out = append(out, doc.Author{Name: name, NameReading: reading})
	}
	return out, len(out) > 0
}

// reTrailingCredit is a credit in round brackets after a paragraph's last
// full stop: 「…のぞいてみよう。（執筆・NAME）」「…を示します。（大学通信・NAME、NAME）」.
var reTrailingCredit = regexp.MustCompile(`。[\s\x{3000}]*[(（]([^()（）。]{3,40})[)）]$`)

// trailingCredit splits such a credit off the end of a paragraph: a
// credit label and the writer (「執筆・」「文・」「取材・文/」), or an
// outlet or desk and every name after it, each a person's.
func trailingCredit(line string) ([]doc.Author, string, bool) {
	if !strings.HasSuffix(line, ")") && !strings.HasSuffix(line, "）") || !containsAny(line, "・", "/", "／", ":", "：", "=", "＝") {
		return nil, "", false
	}
	loc := reTrailingCredit.FindStringSubmatchIndex(line)
	if loc == nil {
		return nil, "", false
	}
	inner, rest := line[loc[2]:loc[3]], strings.TrimSpace(line[:loc[0]+len("。")])
	if isInterviewerLine(inner) {
		return nil, "", false // an interviewer's credit: see trailingInterviewer
	}
	if reParenByline.MatchString("(" + inner + ")") {
		if as, ok := bylineOf("(" + inner + ")"); ok {
			return as, rest, true
		}
		return nil, "", false
	}
	org, names, ok := strings.Cut(inner, "・")
	if !ok || !(outletName(org) || reDesk.MatchString(org) || creditOrg(org)) {
		return nil, "", false
	}
	var out []doc.Author
	for _, n := range strings.FieldsFunc(names, func(r rune) bool { return r == '、' || r == ',' || r == '，' }) {
		name, reading, ok := personName(strings.TrimSpace(n))
		if !ok {
			return nil, "", false
		}
		out = append(out, doc.Author{Name: name, NameReading: reading, Affiliation: ptr(org)})
	}
	return out, rest, len(out) > 0
}

// creditOrg reports an agency's or a press service's name as a credit
// gives it before its writers: 「大学通信」「北東通信」「時事通信」.
func creditOrg(s string) bool {
	return !longerThan(s, 16) && (strings.HasSuffix(s, "通信") || strings.HasSuffix(s, "新聞社") || strings.HasSuffix(s, "編集部")) && !hasHiragana(s)
}
