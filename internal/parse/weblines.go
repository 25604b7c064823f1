package parse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/jatext"
	"github.com/sourcecmp/sourcecmp/internal/recog/webchrome"
)

// The body's rules for web text only: what a page copied as text carries
// between its paragraphs.

// webLine handles the lines of web text that are not paragraphs: a
// participant listed with a position (a dialogue's speakers) and a
// speaker's label on a line of its own. It reports whether it took line.
func (b *bodyParser) webLine(i int, line string) bool {
	if isMediaLink(line) {
		b.page.remove(b.offset+i, reasonRelated)
		return true
	}
	if r := firstRune(line); r == '【' || r == '[' || r == '［' {
		// 「【ソウル＝田中健】…」: the lead names its reporter.
		if m := reDatelineReporter.FindString(line); m != "" && len(m) < len(line) {
			if authors, ok := bylineOf(m); ok {
				b.authors = append(b.authors, authors...)
			}
			return false
		}
		if m := reLeadBracket.FindString(line); m != "" && len(m) < len(line) && len(b.units) <= 2 {
			// 「【ウラジオストク大前仁】…」: a place and a reporter.
			if authors, ok := bylineOf(m); ok {
				b.authors = append(b.authors, authors...)
			}
			return false
		}
	}
	if runeLen(line) <= 60 && !containsAny(line, "。", "、") && !legalParty(line) {
		if authors, labelled, ok := byline(line); ok && (labelled || len(authors) == 1 && (authors[0].Title != nil || authors[0].Affiliation != nil)) {
			b.closePara()
			b.authors = append(b.authors, authors...)
			return true
		}
	}
	if len(b.units) < 3 && b.para == nil {
		if a, ok := selfIntroduced(line); ok {
			b.authors = append(b.authors, a)
		}
	}
	if len(b.units) == 0 && b.para == nil {
		if rest, ok := gluedCommentLabel(line); ok {
			b.bodyLine(i, rest)
			return true
		}
	}
	if as, rest, ok := trailingReporters(line); ok {
		// 「…足を運んだのだが……。【甲野一郎、乙川花子/社会部】」: a
		// paragraph ends with its reporters (and their desk).
		b.authors = append(b.authors, as...)
		b.bodyLine(i, rest)
		return true
	}
	if as, rest, ok := trailingCredit(line); ok {
		// 「…をのぞいてみよう。（執筆・山本桃歌）」: the lead or the last
		// paragraph ends with its writer's credit.
		b.authors = append(b.authors, as...)
		b.bodyLine(i, rest)
		return true
	}
	if m := reTrailingMark.FindStringSubmatchIndex(line); m != nil && nextNonBlank(b.lines, i+1) < 0 {
		// 「…願いたい。  (城)」: the columnist's mark closes the last paragraph.
		b.authors = append(b.authors, doc.Author{Name: line[m[2]:m[3]]})
		b.bodyLine(i, line[:m[0]+len("。")])
		return true
	}
	if a, rest, ok := trailingReporter(line); ok {
		// 「…に展望を聞いた。(報道部・樋口耕勇)」: the lead ends with its reporter.
		b.authors = append(b.authors, a)
		b.bodyLine(i, rest)
		return true
	}
	if name, speech, ok := b.inlineSpeaker(line); ok {
		b.closePara()
		b.speaker = name
		b.bodyLine(i, speech)
		return true
	}
	if a, rest, ok := trailingInterviewer(line); ok {
		// 「…ロシアの脅威ではない。(聞き手 黒川信雄)」: the interviewer
		// wrote the article; the person interviewed is its subject.
		b.authors = append(b.authors, a)
		b.interviewer = true
		b.bodyLine(i, rest)
		return true
	}
	if b.inlineHeadline(i, line) {
		b.page.remove(b.offset+i, reasonRelated)
		return true
	}
	if a, ok := b.signature(i, line); ok {
		// 「【白鳥佳樹】」 under the note it closes, 「(城)」 after the last
		// paragraph: who wrote it, no speaker of what follows.
		b.closePara()
		b.authors = append(b.authors, a)
		b.page.remove(b.offset+i, reasonMetadata)
		return true
	}
	if name, _, ok := speakerLabel(strings.TrimSpace(line)); ok && b.nextIsSpeech(i) || quoteFollows(b.lines, i) && quoteLabel(line) {
		b.closePara()
		b.speaker = strings.TrimSpace(name)
		return true
	}
	if stem := strings.TrimRight(strings.TrimSpace(line), ":："); len(stem) < len(strings.TrimSpace(line)) && quoteFollows(b.lines, i) && quoteLabel(stem) {
		// 「TBS報道局 代田直章 記者:」 over the quotation it introduces.
		b.closePara()
		b.speaker = stem
		return true
	}
	return false
}

// reTrailingMark is a columnist's mark after the last sentence, set
// apart by spaces: 「…願いたい。  (城)」.
var reTrailingMark = regexp.MustCompile(`。[ \x{3000}]+[(（](\p{Han}{1,2})[)）]$`)

// reWritersMark is a columnist's mark closing the text: one or two kanji
// in brackets (「(城)」).
var reWritersMark = regexp.MustCompile(`^[(（]\p{Han}{1,2}[)）]$`)

// signature reports a line that signs the text above it: a name alone in
// lenticular brackets right under a paragraph, with a blank line below
// (a gallery's photographer under each note), or a columnist's mark
// after the last paragraph.
func (b *bodyParser) signature(i int, line string) (doc.Author, bool) {
	if b.para == nil || i == 0 || b.lines[i-1] == "" && !reWritersMark.MatchString(line) {
		return doc.Author{}, false
	}
	if reWritersMark.MatchString(line) {
		_, size := utf8.DecodeRuneInString(line)
		_, last := utf8.DecodeLastRuneInString(line)
		if nextNonBlank(b.lines, i+1) < 0 && isTerminal(lastRune(b.para.String())) {
			return doc.Author{Name: line[size : len(line)-last]}, true
		}
		return doc.Author{}, false
	}
	inner, ok := webchrome.WholeBracketed(line)
	if !ok || !strings.HasPrefix(line, "【") || i+1 < len(b.lines) && b.lines[i+1] != "" {
		return doc.Author{}, false
	}
	if name, _, ok := personName(inner); ok {
		return doc.Author{Name: name}, true
	}
	return doc.Author{}, false
}

// reLegalParty is a party of a court case or its counsel, as a judgment
// lists them (「右代表者代表取締役 NAME」「右四名訴訟代理人弁護士 NAME」): a
// name with a role, but no author.
var reLegalParty = regexp.MustCompile(`^(?:右|同[\s\x{3000}]|原告|被告|控訴人|被控訴人|上告人|被上告人|申立人|相手方|債権者|債務者)|訴訟(?:復)?代理人|指定代理人`)

// legalParty reports such a line; the expression runs only on lines with
// a word it needs.
func legalParty(line string) bool {
	return (strings.ContainsRune("右同原被控上申相債", firstRune(line)) || strings.Contains(line, "代理人")) && reLegalParty.MatchString(line)
}

// quoteLabel reports a short line that can name who speaks: 「特殊作戦軍
// 部隊指揮官」「ゼレンスキー大統領のSNS」, as TV news sets above a quote.
func quoteLabel(line string) bool {
	if longerThan(line, 30) || strings.ContainsAny(line, "。、「」『』?？!！:：") || isTerminal(lastRune(line)) {
		return false
	}
	_, numbered := numberedHeading(line)
	return !numbered && !isOpeningHeading(line)
}

// quoteFollows reports that the next line after i is a quotation and
// nothing else: 「「とても緊迫した状況だった。…」」.
func quoteFollows(lines []string, i int) bool {
	n := nextNonBlank(lines, i+1)
	if n < 0 {
		return false
	}
	l := strings.TrimSpace(lines[n])
	return strings.HasPrefix(l, "「") && strings.HasSuffix(l, "」") && strings.Count(l, "「") == strings.Count(l, "」") && runeLen(l) >= 8
}

// reMediaLink is a link to a photo gallery or a video set between the
// paragraphs: 「【動画】「…」捕虜となった…」「【写真12枚】“お忍び”で…」.
var reMediaLink = regexp.MustCompile(`^[【\[［](?:動画|写真|画像|映像|フォト)[^】\]］]{0,12}[】\]］]`)

// isMediaLink reports such a link: a headline, not a sentence.
func isMediaLink(line string) bool {
	r := firstRune(line)
	return (r == '【' || r == '[' || r == '［') && !strings.Contains(line, "。") && !longerThan(line, 120) && reMediaLink.MatchString(line)
}

// reSelfIntroduction is a blog's author introducing themself in the first
// paragraphs: 「JAAS会員の菊地裕斗(きくちひろと)と申します。」.
var reSelfIntroduction = regexp.MustCompile(`([\p{Han}\p{Katakana}ー・]{2,10})\s*(?:[(（]([\p{Hiragana}\p{Katakana}ー 　]{2,20})[)）])?\s*(?:と申します|と言います|といいます)`)

// reStaffIntroduction is a member of an organisation's team greeting the
// reader by name: 「こんにちは。科学振興チームの豊田です。」.
var reStaffIntroduction = regexp.MustCompile(`^(?:こんにちは|こんばんは|はじめまして)[。！!、]\s*\S{0,20}(?:チーム|部|課|室|係|担当|事務局|編集部|広報|ライター|編集者|スタッフ)の\s*([\p{Han}\p{Hiragana}\p{Katakana}ー]{1,6}(?:[ 　][\p{Han}]{1,4})?)です[。！!]`)

// reWriterIntroduction names the writer in the first sentence:
// 「今回の執筆者は菊地悠祐記者です。」「特集「米国動乱」を担当した二階堂遼馬です。」.
var reWriterIntroduction = regexp.MustCompile(`^(?:今回の)?(?:執筆者|筆者|書き手|担当)は\s*([\p{Han}\p{Katakana}ー]{2,8}?)\s*(?:記者|氏|さん)?です[。！!]|^\S{0,30}を担当(?:した|しました|する)\s*([\p{Han}\p{Katakana}ー]{2,8}?)(?:記者)?です[。！!]`)

// selfIntroduced returns the author a paragraph introduces: the longest
// name that ends just before 「と申します」, or a staff member's greeting.
func selfIntroduced(line string) (doc.Author, bool) {
	if strings.Contains(line, "です") { // both greetings end in です
		for _, re := range []*regexp.Regexp{reWriterIntroduction, reStaffIntroduction} {
			if sm := re.FindStringSubmatch(line); sm != nil {
				n := strings.Join(sm[1:], "")
				if name, _, ok := personName(n); ok {
					return doc.Author{Name: name}, true
				}
				if re == reStaffIntroduction && !longerThan(n, 6) {
					return doc.Author{Name: n}, true // a pen name (「かに」): the greeting vouches for it
				}
			}
		}
	}
	if !strings.Contains(line, "申します") && !strings.Contains(line, "言います") && !strings.Contains(line, "いいます") {
		return doc.Author{}, false
	}
	m := reSelfIntroduction.FindStringSubmatch(line)
	if m == nil {
		return doc.Author{}, false
	}
	rs := []rune(m[1])
	for n := min(len(rs), 8); n >= 2; n-- {
		if name, _, ok := personName(string(rs[len(rs)-n:])); ok {
			return doc.Author{Name: name, NameReading: ptrOrNil(strings.TrimSpace(m[2]))}, true
		}
	}
	return doc.Author{}, false
}

// commentLabels name the kind of an expert's comment, which a news site
// shows in front of it and a copy runs into its first word: 「補足プーチン
// の訪朝で…」「解説ロシアが…」.
var commentLabels = []string{"補足", "解説", "見解"}

// gluedCommentLabel cuts such a label off the first paragraph. The
// analyzer must read a proper noun right after it (「解説者は」「解説委員の」
// keep theirs).
func gluedCommentLabel(line string) (string, bool) {
	for _, l := range commentLabels {
		rest, ok := strings.CutPrefix(line, l)
		if !ok || runeLen(rest) < 20 || !strings.Contains(rest, "。") {
			continue
		}
		rs := []rune(rest)
		toks := jatext.Tokenize(string(rs[:min(len(rs), 12)]))
		if len(toks) > 0 && isPOS(toks[0], "固有名詞") || len(toks) > 1 && foreignName(toks[0]) && isPOS(toks[1], "助詞") {
			return rest, true
		}
	}
	return "", false
}

// foreignName reports a word written in katakana alone, as foreign names
// are (「プーチン」, which the dictionary files as a common noun).
func foreignName(t jatext.Token) bool {
	return runeLen(t.Surface) >= 3 && !strings.ContainsFunc(t.Surface, func(r rune) bool { return !unicode.Is(unicode.Katakana, r) && r != 'ー' && r != '・' })
}

// trailingReporter splits a department and a reporter off the end of a
// paragraph. The tests before the expression are what it needs: a closing
// bracket at the end and a separator.
func trailingReporter(line string) (doc.Author, string, bool) {
	if strings.HasSuffix(line, ")") || strings.HasSuffix(line, "）") {
		// 「…臨床研究も予定されている。(加納裕子)」: the reporter closes the lead.
		if sm := reTrailingParenName.FindStringSubmatchIndex(line); sm != nil {
			if name, reading, ok := personName(line[sm[2]:sm[3]]); ok {
				return doc.Author{Name: name, NameReading: reading}, strings.TrimSpace(line[:sm[0]+len("。")]), true
			}
		}
	}
	if strings.HasSuffix(line, "】") {
		// 「…逮捕、起訴されている。【林帆南】」: a paper's reporter signs the last paragraph.
		if sm := reTrailingBracketName.FindStringSubmatchIndex(line); sm != nil {
			inner, role := line[sm[2]:sm[3]], ""
			if k := strings.IndexAny(inner, "/／"); k > 0 {
				// 「…その中身とは……。【鈴木琢磨/ジャーナリスト】」: the writer and
				// what they are.
				inner, role = inner[:k], strings.TrimLeft(inner[k:], "/／")
			}
			if name, reading, ok := personName(inner); ok && (role == "" || !strings.ContainsAny(role, "/／ 　")) {
				return doc.Author{Name: name, NameReading: reading, Title: ptrOrNil(role)}, strings.TrimSpace(line[:sm[0]+len("。")]), true
			}
		}
	}
	end := strings.TrimRight(line, ".…")
	if !strings.HasSuffix(end, ")") && !strings.HasSuffix(end, "）") || !containsAny(line, "・", "･", "/", "／") {
		return doc.Author{}, "", false
	}
	loc := reTrailingReporter.FindStringSubmatchIndex(line)
	if loc == nil {
		// 「…現状報告する。(ソウル・上田勇実)」: a correspondent's place and name.
		if loc = reTrailingPlaceReporter.FindStringSubmatchIndex(line); loc != nil && placeName(line[loc[2]:loc[3]]) {
			if name, reading, ok := personName(line[loc[4]:loc[5]]); ok {
				return doc.Author{Name: name, NameReading: reading}, strings.TrimSpace(line[:loc[0]+len("。")]), true
			}
		}
		return doc.Author{}, "", false
	}
	name, reading, ok := personName(line[loc[4]:loc[5]])
	if !ok {
		return doc.Author{}, "", false
	}
	return doc.Author{Name: name, NameReading: reading, Affiliation: ptr(line[loc[2]:loc[3]])}, strings.TrimSpace(line[:loc[0]]), true
}

// reTrailingBracketName is a name in lenticular brackets after a
// sentence's full stop.
var reTrailingBracketName = regexp.MustCompile(`。\s*【([^【】]{2,12})】$`)

// reTrailingParenName is a name alone in round brackets after a sentence.
var reTrailingParenName = regexp.MustCompile(`。\s*[(（]([^()（）・/／]{2,8})[)）]$`)

// reTrailingReporter is a department and a reporter closing a paragraph.
var reTrailingReporter = regexp.MustCompile(`[(（]([^()（）]{1,20}?(?:部|局|課|班|室|支局|総局))[・･/／]([^()（）・]{2,12})[)）](?:\.\.\.|…)?$`)

// reTrailingPlaceReporter is a place and a reporter in brackets after the
// last sentence of a paragraph: 「。(ソウル・上田勇実)」.
var reTrailingPlaceReporter = regexp.MustCompile(`。\s*[(（]([^()（）・･]{2,10})[・･]([^()（）・･]{2,12})[)）]$`)

// placeName reports a place the analyzer knows: every word of s names a
// region (「ソウル」「ワシントン」「北京」).
func placeName(s string) bool {
	toks := jatext.Tokenize(s)
	for _, t := range toks {
		if !isPOS(t, "地域") {
			return false
		}
	}
	return len(toks) > 0
}

// reHeadline is a news headline: two phrases set apart by a space
// (「ロシア軍、クルスク州を「完全解放」 北朝鮮参戦、初めて認める」).
var reHeadline = regexp.MustCompile(`^[^。\s]{4,40}[ \x{3000}][^。\s]{4,40}$`)

// inlineHeadline reports a link to another article set between two
// paragraphs of a news article: a headline, with prose on both sides. A
// link's headline is in the telegraphic style of news, a clause cut by a
// comma (「ロシア軍、クルスク州を…」); a subheading of the article itself,
// which may also be two phrases apart (「北朝鮮 ロシアへの派兵を拡大」), has
// none, and stays.
func (b *bodyParser) inlineHeadline(i int, line string) bool {
	if runeLen(line) > 81 || !strings.ContainsAny(line, " \u3000") || !strings.ContainsAny(line, "、，") || !reHeadline.MatchString(line) || lastRune(line) == '。' {
		return false
	}
	prev := -1
	for j := i - 1; j >= 0; j-- {
		if b.lines[j] != "" {
			prev = j
			break
		}
	}
	next := nextNonBlank(b.lines, i+1)
	return prev >= 0 && next >= 0 && isProse(b.lines[prev]) && isProse(b.lines[next])
}

// speakerSeparators set a speaker's name apart from the speech on the
// same line.
const speakerSeparators = " \u3000)）"

// speakerPrefix cuts a short name off the start of line at a separator.
func speakerPrefix(line string) (name, speech string, ok bool) {
	i := strings.IndexAny(line, speakerSeparators)
	if i <= 0 || i > 24 {
		return "", "", false
	}
	name = line[:i]
	_, size := utf8.DecodeRuneInString(line[i:])
	speech = strings.TrimSpace(line[i+size:])
	n := runeLen(name)
	if n < 2 || n > 6 || runeLen(speech) < 4 || strings.ContainsFunc(name, func(r rune) bool { return !isJPLetter(r) && !unicode.IsLetter(r) || isDigit(r) }) {
		return "", "", false
	}
	return name, speech, true
}

// inlineSpeakers finds the names that open a dialogue's lines: each opens
// at least two lines, or is a person's name, and at least two names do. A
// single repeated word is no dialogue. all is the whole page, where a
// header may name a speaker in full.
func inlineSpeakers(lines, all []string) map[string]bool {
	count := map[string]int{}
	for _, l := range lines {
		if name, speech, ok := speakerPrefix(l); ok && (strings.Contains(speech, "。") || strings.ContainsAny(speech, "？?")) {
			count[name]++
		}
	}
	out := map[string]bool{}
	for name, n := range count {
		if _, _, person := personName(name); n >= 2 || person || runeLen(name) <= 4 && shortJapaneseName(name) && surnameOfNamed(all, name) {
			out[name] = true
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// surnameOfNamed reports a word that opens the full name of a person the
// text names elsewhere: 「金子」 of 「金子将史(…首席研究員)」, a talk's
// speaker label.
func surnameOfNamed(lines []string, word string) bool {
	for _, l := range lines {
		for rest := l; ; {
			i := strings.Index(rest, word)
			if i < 0 {
				break
			}
			rest = rest[i+len(word):]
			given := []rune{}
			for _, r := range rest {
				if !isHan(r) || len(given) == 3 {
					break
				}
				given = append(given, r)
			}
			for n := len(given); n >= 1; n-- {
				if _, _, ok := personName(word + string(given[:n])); ok {
					return true
				}
			}
			if after := rest[len(string(given)):]; len(given) > 0 {
				// 「相葉俊作(北東政策研究所首席研究員)」: a post in brackets vouches for a rare name.
				if sm := reLeadingPost.FindStringSubmatch(after); sm != nil && hasTitleWord(sm[1]) {
					return true
				}
			}
		}
	}
	return false
}

var reLeadingPost = regexp.MustCompile(`^[(（]([^()（）]{2,30})[)）]`)

// inlineSpeaker splits a dialogue's line into its speaker and the speech.
func (b *bodyParser) inlineSpeaker(line string) (name, speech string, ok bool) {
	if b.speakers == nil {
		return "", "", false
	}
	name, speech, ok = speakerPrefix(line)
	return name, speech, ok && b.speakers[name]
}

// reInterviewer closes an interview with its interviewer: 「(聞き手 黒川信雄)」.
var reInterviewer = regexp.MustCompile(`[(（]\s*(?:聞き手|インタビュアー|取材・構成|聞き手・構成)\s*[:：・/／\s]?\s*([^()（）]{2,16})[)）]$`)

// trailingInterviewer splits the interviewer off the end of a paragraph.
func trailingInterviewer(line string) (doc.Author, string, bool) {
	if !strings.Contains(line, "聞き手") && !strings.Contains(line, "インタビュアー") && !strings.Contains(line, "取材・構成") {
		return doc.Author{}, "", false
	}
	loc := reInterviewer.FindStringSubmatchIndex(line)
	if loc == nil {
		return doc.Author{}, "", false
	}
	a, ok := oneAuthor(strings.TrimSpace(line[loc[2]:loc[3]]))
	if !ok {
		return doc.Author{}, "", false
	}
	return a, strings.TrimSpace(line[:loc[0]]), true
}

// reTrailingReporters is a paragraph's last sentence and, in lenticular
// brackets after its full stop, the names of its reporters, perhaps with
// their desk after a slash: 「…。【甲野一郎、乙川花子/社会部】」.
var reTrailingReporters = regexp.MustCompile(`^(.+。)[\s\x{3000}]*【([^【】/／]{2,40}?)(?:[/／]([^【】/／、]{2,20}))?】$`)

// trailingReporters splits the reporters off the end of a paragraph:
// every name in the brackets must be a person's.
func trailingReporters(line string) ([]doc.Author, string, bool) {
	if !strings.HasSuffix(line, "】") {
		return nil, "", false
	}
	sm := reTrailingReporters.FindStringSubmatch(line)
	if sm == nil {
		return nil, "", false
	}
	names := strings.FieldsFunc(sm[2], func(r rune) bool { return r == '、' || r == ',' || r == '，' || r == '・' })
	if sm[3] != "" && len(names) < 2 {
		return nil, "", false // 「【NAME/ROLE】」: one writer and what they are, not a desk
	}
	var out []doc.Author
	for _, n := range names {
		name, reading, ok := personName(strings.TrimSpace(n))
		if !ok {
			return nil, "", false
		}
		a := doc.Author{Name: name, NameReading: reading}
		if sm[3] != "" {
			a.Affiliation = ptr(sm[3])
		}
		out = append(out, a)
	}
	return out, strings.TrimSpace(sm[1]), len(out) > 0
}

// nextIsSpeech reports whether the next line after i is a sentence.
// speakerNext reports a speaker's label below line i over what they say:
// a transcript's part starts there.
func (b *bodyParser) speakerNext(i int) bool {
	n := nextNonBlank(b.lines, i+1)
	return n >= 0 && (isSpeakerLabel(b.lines[n]) && b.nextIsSpeech(n) || quoteFollows(b.lines, n) && quoteLabel(b.lines[n]))
}

// sectionQuestion reports the question a programme's part is titled with
// (「党記念日『静けさ』の背景は?」): short, without a full stop, asked in
// writing rather than in talk.
func sectionQuestion(line string) bool {
	last := lastRune(line)
	return (last == '?' || last == '？') && !longerThan(line, maxHeadingLen) && !strings.Contains(line, "。") && !strings.HasPrefix(line, "「") && !reCasualQuestion.MatchString(line)
}

func (b *bodyParser) nextIsSpeech(i int) bool {
	for _, l := range b.lines[i+1:] {
		if l != "" {
			return strings.Contains(l, "。")
		}
	}
	return false
}

// reGluedCaption is a caption and its credit run into the lead that
// follows: 「…＝2019年12月（共同）【キーウ共同】ロシア極東に…」.
var reGluedCaption = regexp.MustCompile(`^(.{4,160}?[(（][^()（）]{1,30}[)）])\s*(【[^】]{1,30}】.+)$`)

// reGluedPhotoCaption is a caption with its date, place and photographer
// run into the paragraph that follows after a space.
var reGluedPhotoCaption = regexp.MustCompile(`^(.{4,200}?[=＝][^=＝。\s]{1,40}撮影)[ \x{3000}]+(\S.+)$`)

// innerCaption cuts a photo caption out of a line of paragraphs set apart
// by spaces (a page flattened to one line): 「…不安もあった。 CAPTION=DATE、
// NAME撮影 昨年12月下旬、…」. The caption starts after a full stop and a
// space and ends with its photographer's credit.
func innerCaption(line string) (caption, rest string, ok bool) {
	if !strings.Contains(line, "撮影 ") && !strings.Contains(line, "撮影\u3000") {
		return "", "", false
	}
	credit := strings.Index(line, "撮影")
	locs := reSpacedSentence.FindAllStringIndex(line[:credit], -1)
	for k := len(locs) - 1; k >= 0; k-- { // the nearest sentence end before the credit
		if c, after, ok := gluedCaption(line[locs[k][1]:]); ok {
			return c, line[:locs[k][1]] + after, true
		}
	}
	return "", "", false
}

// reLeadCaption is a news photograph's caption, its date or place after
// an equals sign and its credit in brackets, run into the lead with no
// dateline between: 「…ウクライナ軍兵士=8月(ロイター=共同)ウクライナ軍が…」.
var reLeadCaption = regexp.MustCompile(`^([^。=＝]{4,120}[=＝][^=＝。()（）]{1,30}[(（][^()（）]{1,30}[)）])([^\s()（）【\[].*。.*)$`)

// leadCaption splits such a caption off the lead, the body's first line.
func (b *bodyParser) leadCaption(line string) (caption, rest string, ok bool) {
	if len(b.units) > 0 || b.para != nil || !strings.ContainsAny(line, "=＝") || !strings.ContainsAny(line, ")）") {
		return "", "", false
	}
	m := reLeadCaption.FindStringSubmatch(line)
	if m == nil {
		return "", "", false
	}
	if _, credit := splitCredit(m[1]); credit == "" || !agencyOnly(credit) && !hasCreditWord(credit) {
		return "", "", false
	}
	return m[1], m[2], true
}

// gluedCaption splits a caption off the start of a line.
func gluedCaption(line string) (caption, rest string, ok bool) {
	if strings.Contains(line, "撮影 ") || strings.Contains(line, "撮影\u3000") {
		// 「…エリアに入る=2021年12月19日、井手さゆり撮影 昨年12月下旬、…」
		if m := reGluedPhotoCaption.FindStringSubmatch(line); m != nil && !strings.Contains(m[1], "。 ") && !strings.Contains(m[1], "。\u3000") {
			if _, credit := splitCredit(m[1]); credit != "" {
				return m[1], m[2], true
			}
		}
	}
	if strings.Contains(line, "【") && containsAny(line, "。(c)", "。(C)", "。©", "。（c）") {
		// 「…(2018年6月9日撮影)。(c)NAME/dpa 【6月10日 AFP】…」: a caption and its
		// copyright credit run into the agency's dateline.
		if m := reGluedCopyrightCaption.FindStringSubmatch(line); m != nil {
			if _, credit := splitCredit(m[1]); credit != "" {
				return m[1], m[2], true
			}
		}
	}
	if !strings.Contains(line, "）【") && !strings.Contains(line, ")【") && !strings.Contains(line, ") 【") {
		return "", "", false
	}
	m := reGluedCaption.FindStringSubmatch(line)
	if m == nil || strings.Contains(m[1], "。") {
		return "", "", false
	}
	if _, credit := splitCredit(m[1]); credit == "" {
		return "", "", false
	}
	return m[1], m[2], true
}

// reGluedCopyrightCaption is a caption closed by its copyright credit,
// then a dateline in lenticular brackets opening the story.
var reGluedCopyrightCaption = regexp.MustCompile(`^(.{4,400}?。\s*(?:\([cC]\)|（[cC]）|©)\s*[^\s【][^【。]{1,60}?)[ \x{3000}]*(【[^】]{1,30}】.+)$`)

// reLatinStopBracket is a question or exclamation mark in Latin type
// before a space and a lenticular bracket: where a flattened page's item
// begins (「Yahoo! ニュース」 has no bracket after its space).
var reLatinStopBracket = regexp.MustCompile(`([?!])[ \x{3000}]+【`)

var reSpacedSentence = regexp.MustCompile(`([。！？])[ \t\x{3000}]+`)

// splitSpacedSentences splits text at 「。」 followed by spaces.
func splitSpacedSentences(text string) []string {
	if text == "" {
		return nil
	}
	if !strings.Contains(text, "。 ") && !strings.Contains(text, "。\u3000") && !strings.Contains(text, "？ ") && !strings.Contains(text, "！ ") {
		return []string{text}
	}
	var out []string
	if strings.Contains(text, "? 【") || strings.Contains(text, "! 【") {
		text = reLatinStopBracket.ReplaceAllString(text, "$1\n【") // 「…ニュースは? 【第10位】…」
	}
	for _, part := range strings.Split(reSpacedSentence.ReplaceAllString(text, "$1\n"), "\n") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}
