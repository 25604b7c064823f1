package tag

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

// Match is one occurrence of a taxonomy term in a text.
type Match struct {
	Topic string // topic slug
	Term  string // the term as written in the taxonomy
	// Start and End are code-point offsets of the occurrence.
	Start, End int
	// InName is true when the occurrence only modifies the name of an
	// organization (中国 in ロシア科学アカデミー中国・現代アジア研究所), which
	// says little about the topic.
	InName bool
}

// nameWeight is what a mention inside an organization's name counts for,
// against 1 for a mention in running text: the name of a Russian institute
// that studies China is not a discussion of China's role.
const nameWeight = 0.1

// orgHeads end the names of institutions whose names carry a subject or
// place as a label: research bodies, universities, media, publishers,
// companies. State organs (外交部, 外務省, 国防省, 共産党, 軍) are missing on
// purpose: 中国外交部 is China acting, and a mention there is a discussion.
// kagome tags some whole names 固有名詞,組織 (桜美林大学, 朝鮮中央通信); those
// end with a head too and are caught by the suffix test. Its 組織 tag alone
// is not used, because kagome also gives it to every unknown Latin word and
// to state organs like 外務省.
var orgHeads = []string{
	"研究所", "研究院", "研究室", "研究会", "センター", "アカデミー",
	"大学", "大学院", "大学校", "学院", "学会", "協会", "財団", "基金", "機構",
	"委員会", "フォーラム", "プロジェクト", "インスティテュート",
	"通信", "通信社", "新聞", "新聞社", "出版", "出版社", "書店", "書房",
}

// matcher finds taxonomy terms in token streams. Terms and text are both
// reduced to the folded dictionary forms of their tokens, and a term
// matches when its key equals the concatenated keys of a run of whole
// tokens. Comparing concatenations rather than token lists keeps the match
// to token boundaries (中国 never matches inside 中東 or 中国人) while
// tolerating the analyzer splitting a word differently in context than
// alone (バック・パッシング is one token in one sentence and three in the
// next); dictionary forms let 押し付ける match 押し付けた.
type matcher struct {
	terms []compiledTerm
	// A byte trie over term keys: next[edge{node, b}] is the child node.
	next map[edge]int32
	// ends[node] lists the terms whose key ends at node.
	ends   map[int32][]int32
	size   int32
	topics int
}

type compiledTerm struct {
	topic int // index in Taxonomy.Topics
	text  string
}

type edge struct {
	node int32
	b    byte
}

func newMatcher(x *Taxonomy) (*matcher, error) {
	m := &matcher{next: map[edge]int32{}, ends: map[int32][]int32{}, size: 1, topics: len(x.Topics)}
	for ti, t := range x.Topics {
		seen := map[string]bool{}
		for _, term := range t.Terms {
			key := termKey(term)
			if !hasWordRune(key) {
				return nil, fmt.Errorf("topic %q: term %q: no words", t.Slug, term)
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			m.add(key, compiledTerm{topic: ti, text: term})
		}
	}
	return m, nil
}

func (m *matcher) add(key string, t compiledTerm) {
	id := int32(len(m.terms))
	m.terms = append(m.terms, t)
	var node int32
	for i := 0; i < len(key); i++ {
		e := edge{node, key[i]}
		child, ok := m.next[e]
		if !ok {
			child = m.size
			m.size++
			m.next[e] = child
		}
		node = child
	}
	m.ends[node] = append(m.ends[node], id)
}

// walk follows key from node; it returns -1 when no term continues so.
func (m *matcher) walk(node int32, key string) int32 {
	for i := 0; i < len(key); i++ {
		child, ok := m.next[edge{node, key[i]}]
		if !ok {
			return -1
		}
		node = child
	}
	return node
}

// termKey tokenizes a term with the same analyzer as the text.
func termKey(term string) string {
	var b strings.Builder
	for _, t := range jatext.Tokenize(term) {
		b.WriteString(tokenKey(t))
	}
	return b.String()
}

// tokenKey is what a token contributes to a match. Whitespace contributes
// nothing, so that the stray spaces PDF extraction leaves inside words
// (朝 鮮半島) do not hide them.
func tokenKey(t jatext.Token) string {
	if strings.TrimSpace(t.Surface) == "" {
		return ""
	}
	return jatext.Fold(t.Base)
}

// hit is a match in token coordinates.
type hit struct {
	term       int32
	start, end int // token indexes, end exclusive
	inName     bool
}

// find returns the term occurrences in toks. Within one topic, matches do
// not overlap and the longest wins (中国外交部 counts once, not also as
// 中国); different topics may claim the same words.
func (m *matcher) find(toks []jatext.Token) []hit {
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = tokenKey(t)
	}
	nameBefore := nameModifiers(toks)
	var hits []hit
	lastEnd := make([]int, m.topics) // end of each topic's last accepted match
	var best []hit                   // longest match per topic starting at i
	for i := range toks {
		if keys[i] == "" {
			continue
		}
		best = best[:0]
		node := int32(0)
		for j := i; j < len(toks); j++ {
			if keys[j] == "" {
				continue
			}
			if node = m.walk(node, keys[j]); node < 0 {
				break
			}
			for _, id := range m.ends[node] {
				best = setLongest(best, m.terms, hit{term: id, start: i, end: j + 1})
			}
		}
		for _, h := range best {
			topic := m.terms[h.term].topic
			if i < lastEnd[topic] {
				continue
			}
			lastEnd[topic] = h.end
			h.inName = nameBefore[h.end-1]
			hits = append(hits, h)
		}
	}
	return hits
}

// setLongest records h as its topic's match, replacing a shorter one: the
// trie is walked left to right, so a later match is always longer.
func setLongest(best []hit, terms []compiledTerm, h hit) []hit {
	for k := range best {
		if terms[best[k].term].topic == terms[h.term].topic {
			best[k] = h
			return best
		}
	}
	return append(best, h)
}

// nameModifiers reports, for each token, whether it sits inside a noun
// compound that goes on to an organization head (ロシア科学アカデミー中国・
// 現代アジア研究所: every token before 研究所). A term ending on such a
// token is part of the organization's name, not a subject of the text. A
// term that itself ends on the head (上海協力機構 as a term) is not.
func nameModifiers(toks []jatext.Token) []bool {
	out := make([]bool, len(toks))
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && inCompound(toks, i) {
			continue
		}
		// toks[start:i] is a compound (possibly empty): mark every token
		// before its last head.
		for h := i - 1; h > start; h-- {
			if isOrgHead(toks[h]) {
				for k := start; k < h; k++ {
					out[k] = true
				}
				break
			}
		}
		start = i + 1
	}
	return out
}

// inCompound reports whether toks[i] continues a noun compound: a noun or
// prefix with letters in it (kagome calls an ASCII parenthesis a noun), or
// a middle dot between two such words (中国・現代アジア).
func inCompound(toks []jatext.Token, i int) bool {
	t := toks[i]
	switch t.Surface {
	case "・", "･":
		return i > 0 && i+1 < len(toks) && isNounWord(toks[i-1]) && isNounWord(toks[i+1])
	}
	return isNounWord(t)
}

func isNounWord(t jatext.Token) bool {
	return len(t.POS) > 0 && (t.POS[0] == "名詞" || t.POS[0] == "接頭詞") && hasWordRune(t.Surface)
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func isOrgHead(t jatext.Token) bool {
	for _, h := range orgHeads {
		if strings.HasSuffix(t.Surface, h) {
			return true
		}
	}
	return false
}

// Matches returns every taxonomy term occurrence in text, in text order,
// for callers that mark evidence in a passage.
func (tg *Tagger) Matches(text string) []Match {
	toks := jatext.Tokenize(text)
	hits := tg.m.find(toks)
	out := make([]Match, len(hits))
	for i, h := range hits {
		ct := tg.m.terms[h.term]
		out[i] = Match{
			Topic:  tg.tax.Topics[ct.topic].Slug,
			Term:   ct.text,
			Start:  toks[h.start].Start,
			End:    toks[h.end-1].End,
			InName: h.inName,
		}
	}
	return out
}
