package webui

import (
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/parse"
)

// topicFixture is a topic of the fake taxonomy.
type topicFixture struct {
	slug, name, nameEn, desc, descEn string
	terms                            []string
	positions                        [][3]string // slug, JA label, EN label
}

var fixtureTopics = []topicFixture{
	{
		slug: "china-role", name: "中国の役割", nameEn: "China's role",
		desc:   "露朝接近のなかで中国がどのような立場に置かれ、どう振る舞うとみるか。",
		descEn: "Where the Russia–North Korea rapprochement leaves China, and how it is expected to act.",
		terms:  []string{"中国", "中共", "北京", "習近平"},
		positions: [][3]string{
			{"burden-bearer", "負担を押し付けられる側", "Left holding the burden"},
			{"wary", "露朝接近を警戒", "Wary of the rapprochement"},
			{"stabiliser", "地域の安定役", "Regional stabiliser"},
			{"marginal", "影響力は限定的", "Marginal influence"},
		},
	},
	{
		slug: "military-cooperation", name: "露朝の軍事協力", nameEn: "Russia–North Korea military cooperation",
		desc:   "兵器・弾薬の供与、派兵、軍事技術の移転。",
		descEn: "Arms and ammunition supplies, troop deployments and military technology transfer.",
		terms:  []string{"軍事", "派兵", "弾薬", "ミサイル", "兵器"},
		positions: [][3]string{
			{"deepening", "協力は深化している", "Cooperation is deepening"},
			{"limited", "協力には限界がある", "Cooperation has limits"},
		},
	},
}

// stanceFixture is a made-up stance of one seed document on china-role.
// The fourth seed document has none, so the page's "no stance" state shows.
type stanceFixture struct {
	position, summary, summaryEn string
}

var fixtureStances = map[string]stanceFixture{
	"000_44cdff5f3fd1670f": {"burden-bearer",
		"ロシアは米国の軍事的圧力を中国に押し付けるバック・パッシングを狙っており、中国は朝鮮半島の危機に巻き込まれかねない立場にある。",
		"Russia seeks to pass the burden of US military pressure onto China, which risks being drawn into a Korean crisis."},
	"001_efaf5cf835799ef8": {"wary",
		"露朝の利害は長期的に一致する一方、中共とはズレがあり、中国は露朝の急接近から距離を置いている。",
		"Russia and North Korea share long-term interests, but Beijing's differ and it keeps its distance from their rapprochement."},
	"002_e5952df28872fc73": {"stabiliser",
		"中国は多極化が進む北東アジアで朝鮮半島の安定を重視し、露朝関係の強化を一定の範囲で容認している。",
		"China values stability on the peninsula as Northeast Asia turns multipolar, and tolerates a closer Russia–North Korea tie within limits."},
	"003_102feb90fe83f811": {"marginal",
		"露朝軍事技術協力の行方はロシア側の事情に左右され、中国の関与は限定的とみられる。",
		"Where Russia–North Korea military-technical cooperation goes depends on Moscow; China's part in it is seen as limited."},
}

// astral is put in front of the first quote of the first document. The
// seeds have no character outside the Basic Multilingual Plane; with one
// before the quote, a page that counted UTF-16 units instead of code points
// would mark the wrong span.
const astral = "𠮷"

// newFakeAPI builds the fake graph from the seed documents.
func newFakeAPI(t testing.TB) *fakeAPI {
	f := &fakeAPI{t: t, schema: loadSchema(t), nodes: map[string]obj{}, ids: map[string]int64{}}
	authors := map[string]obj{}
	var docs, authorList []obj
	for i, file := range seedFiles(t) {
		d, err := parse.File(file)
		if err != nil {
			t.Fatalf("parse seed: %v", err)
		}
		slug := strings.TrimSuffix(filepath.Base(file), ".txt")
		if i == 0 {
			markAstral(d, fixtureTopics[0].terms)
		}
		o := f.document(slug, d)
		var as []obj
		for _, a := range d.Authors {
			ao, ok := authors[a.Name]
			if !ok {
				ao = f.node(gid.Author, obj{"name": a.Name, "nameReading": ptr(a.NameReading), "affiliation": ptr(a.Affiliation),
					"title": ptr(a.Title), "specialty": ptr(a.Specialty), "bio": ptr(a.Bio), "docs": []obj{}})
				authors[a.Name] = ao
				authorList = append(authorList, ao)
			}
			ao["docs"] = append(ao["docs"].([]obj), o)
			as = append(as, ao)
		}
		o["authors"] = nonNilObjs(as)
		docs = append(docs, o)
	}
	// Newest first, as Query.documents orders them.
	slices.SortStableFunc(docs, func(a, b obj) int { return strings.Compare(str(b["publishedOn"]), str(a["publishedOn"])) })
	var topics []obj
	for _, tf := range fixtureTopics {
		topics = append(topics, f.topic(tf, docs))
	}
	for _, a := range authorList {
		f.authorFields(a)
	}
	f.root = f.queryRoot(docs, authorList, topics)
	return f
}

// markAstral puts the astral character at the start of the first paragraph
// that mentions one of terms, shifting its footnote markers to match.
func markAstral(d *doc.Document, terms []string) {
	for si := range d.Sections {
		for pi := range d.Sections[si].Paragraphs {
			p := &d.Sections[si].Paragraphs[pi]
			if has(p.Text, terms) {
				p.Text = astral + p.Text
				for ri := range p.FootnoteRefs {
					p.FootnoteRefs[ri].Offset++
				}
				return
			}
		}
	}
}

func (f *fakeAPI) document(slug string, d *doc.Document) obj {
	o := f.node(gid.Document, obj{
		"slug": slug, "title": ptr(d.Title), "subtitle": ptr(d.Subtitle), "publisher": ptr(d.Publisher), "url": ptr(d.URL),
		"series": ptr(d.Series), "seriesNumber": ptr(d.SeriesNumber), "publishedOn": ptr(d.PublishedOn), "updatedOn": ptr(d.UpdatedOn),
		"language": d.Language, "sourceFile": d.SourceFile, "contentHash": d.ContentHash,
		"categories": nonNil(d.Categories), "keywords": nonNil(d.Keywords), "captions": d.Captions,
		"stances": []obj{}, "topics": []obj{},
	})
	var notes []obj
	byLabel := map[string]obj{}
	for _, fn := range d.Footnotes {
		n := f.node(gid.Footnote, obj{"document": o, "label": fn.Label, "body": ptr(fn.Body), "urls": nonNil(fn.URLs), "works": []obj{}, "citedIn": []obj{}})
		notes = append(notes, n)
		byLabel[fn.Label] = n
	}
	var sections, paras []obj
	var texts []string
	pos := 0
	for si, s := range d.Sections {
		sec := f.node(gid.Section, obj{"document": o, "ordinal": si, "heading": ptr(s.Heading), "level": s.Level, "topics": []obj{}})
		var sp []obj
		var st []string
		for _, p := range s.Paragraphs {
			n := utf8.RuneCountInString(p.Text)
			po := f.node(gid.Paragraph, obj{"document": o, "section": sec, "ordinal": len(paras), "text": p.Text,
				"start": pos, "end": pos + n, "topics": []obj{}})
			var refs, cited []obj
			for _, r := range p.FootnoteRefs {
				fn := byLabel[r.Label]
				if fn == nil { // cited but never stated: the note exists without a body
					fn = f.node(gid.Footnote, obj{"document": o, "label": r.Label, "body": nil, "urls": []string{}, "works": []obj{}, "citedIn": []obj{}})
					notes = append(notes, fn)
					byLabel[r.Label] = fn
				}
				refs = append(refs, obj{"label": r.Label, "offset": r.Offset, "footnote": fn})
				if !slices.ContainsFunc(cited, func(c obj) bool { return c["id"] == fn["id"] }) {
					cited = append(cited, fn)
					fn["citedIn"] = append(fn["citedIn"].([]obj), po)
				}
			}
			po["footnoteRefs"] = nonNilObjs(refs)
			po["footnotes"] = nonNilObjs(cited)
			sp = append(sp, po)
			st = append(st, p.Text)
			paras = append(paras, po)
			texts = append(texts, p.Text)
			pos += n + utf8.RuneCountInString(doc.ParagraphSeparator)
		}
		sec["paragraphs"] = nonNilObjs(sp)
		sec["text"] = strings.Join(st, doc.ParagraphSeparator)
		sections = append(sections, sec)
	}
	o["text"] = strings.Join(texts, doc.ParagraphSeparator)
	o["sections"] = nonNilObjs(sections)
	o["footnotes"] = nonNilObjs(notes)
	o["paragraphs"] = paras // not in the schema; the fake's own index
	return o
}

func (f *fakeAPI) topic(tf topicFixture, docs []obj) obj {
	var positions []obj
	for _, p := range tf.positions {
		positions = append(positions, obj{"slug": p[0], "label": langText(p[1], p[2])})
	}
	t := f.node(gid.Topic, obj{"slug": tf.slug, "name": langText(tf.name, tf.nameEn), "description": langText(tf.desc, tf.descEn),
		"terms": tf.terms, "positions": positions})
	var stances, about []obj
	rows := make([]obj, len(docs))
	for i, d := range docs {
		var st any
		if sf, ok := fixtureStances[str(d["slug"])]; ok && tf.slug == "china-role" {
			s := f.stance(d, t, tf, sf)
			d["stances"] = append(d["stances"].([]obj), s)
			stances = append(stances, s)
			st = s
		}
		cov := coverage(d, tf.terms)
		if cov > 0 {
			about = append(about, d)
		}
		rows[i] = obj{"document": d, "authors": d["authors"], "stance": st, "coverage": cov,
			"evidence": resolver(func(args map[string]any) any { return obj{"nodes": evidence(d, tf.terms, intArg(args, "first", 3))} })}
	}
	t["stances"] = nonNilObjs(stances)
	t["documents"] = nonNilObjs(about)
	t["rows"] = rows // not in the schema; Query.compare serves them
	return t
}

var sentence = regexp.MustCompile(`[^。]*。`)

// stance anchors the fixture's stance in the document: its quotes are the
// first two sentences that name one of the topic's terms.
func (f *fakeAPI) stance(d, t obj, tf topicFixture, sf stanceFixture) obj {
	s := f.node(gid.Stance, obj{"document": d, "authors": d["authors"], "topic": t, "position": sf.position,
		"summary": langText(sf.summary, sf.summaryEn)})
	for _, p := range tf.positions {
		if p[0] == sf.position {
			s["positionLabel"] = langText(p[1], p[2])
		}
	}
	var cites []obj
	for _, p := range d["paragraphs"].([]obj) {
		text := p["text"].(string)
		for _, loc := range sentence.FindAllStringIndex(text, -1) {
			// The astral character opens a paragraph; it stays before the quote.
			quote := strings.TrimPrefix(strings.TrimSpace(text[loc[0]:loc[1]]), astral)
			if len(cites) == 2 || !has(quote, tf.terms) || utf8.RuneCountInString(quote) > 120 {
				continue
			}
			at := strings.Index(text[loc[0]:], quote) + loc[0]
			cites = append(cites, f.citation(d, p, utf8.RuneCountInString(text[:at]), quote))
		}
	}
	s["citations"] = nonNilObjs(cites)
	return s
}

// citation anchors quote at code point off of paragraph p.
func (f *fakeAPI) citation(d, p obj, off int, quote string) obj {
	text := []rune(p["text"].(string))
	n := utf8.RuneCountInString(quote)
	start := p["start"].(int) + off
	var notes []obj
	for _, r := range p["footnoteRefs"].([]obj) {
		if o := r["offset"].(int); o >= off && o <= off+n {
			notes = append(notes, r["footnote"].(obj))
		}
	}
	return f.node(gid.Citation, obj{"quote": quote, "prefix": string(text[max(0, off-32):off]),
		"suffix": string(text[off+n : min(len(text), off+n+32)]), "start": start, "end": start + n, "anchored": true,
		"paragraph": p, "section": p["section"], "document": d, "footnotes": nonNilObjs(notes)})
}

// coverage is the share of the document's paragraph text in paragraphs
// that name one of terms.
func coverage(d obj, terms []string) float64 {
	var on, all int
	for _, p := range d["paragraphs"].([]obj) {
		n := utf8.RuneCountInString(p["text"].(string))
		all += n
		if has(p["text"].(string), terms) {
			on += n
		}
	}
	if all == 0 {
		return 0
	}
	return float64(on) / float64(all)
}

// evidence returns passages for the paragraphs naming terms most often.
func evidence(d obj, terms []string, first int) []obj {
	type scored struct {
		p obj
		n int
	}
	var hits []scored
	for _, p := range d["paragraphs"].([]obj) {
		n := 0
		for _, t := range terms {
			n += strings.Count(p["text"].(string), t)
		}
		if n > 0 {
			hits = append(hits, scored{p, n})
		}
	}
	slices.SortStableFunc(hits, func(a, b scored) int { return b.n - a.n })
	var out []obj
	for _, h := range hits[:min(first, len(hits))] {
		out = append(out, passage(h.p, terms, float64(h.n)))
	}
	return nonNilObjs(out)
}

// passage cuts a snippet around the first term in p, terms wrapped in 【】.
func passage(p obj, terms []string, score float64) obj {
	text := []rune(p["text"].(string))
	first := len(text)
	for _, t := range terms {
		if i := strings.Index(string(text), t); i >= 0 {
			first = min(first, utf8.RuneCountInString(string(text)[:i]))
		}
	}
	from, to := max(0, first-30), min(len(text), first+60)
	snip := string(text[from:to])
	for _, t := range terms {
		snip = strings.ReplaceAll(snip, t, "【"+t+"】")
	}
	if from > 0 {
		snip = "…" + snip
	}
	if to < len(text) {
		snip += "…"
	}
	return obj{"paragraph": p, "snippet": snip, "score": score}
}

func (f *fakeAPI) authorFields(a obj) {
	docs := a["docs"].([]obj) // newest first, as Query.documents orders them
	stances := func(topic string) []obj {
		var out []obj
		for _, d := range docs {
			for _, s := range d["stances"].([]obj) {
				if topic == "" || s["topic"].(obj)["slug"] == topic {
					out = append(out, s)
				}
			}
		}
		return nonNilObjs(out)
	}
	a["documents"] = resolver(func(args map[string]any) any { return connection(docs, intArg(args, "first", 20), "AuthorDocuments") })
	a["stances"] = resolver(func(args map[string]any) any { return stances(strArg(args, "topic")) })
	a["stance"] = resolver(func(args map[string]any) any {
		if s := stances(strArg(args, "topic")); len(s) > 0 {
			return s[0]
		}
		return nil
	})
}

func (f *fakeAPI) queryRoot(docs, authors, topics []obj) obj {
	topicBySlug := func(slug string) obj {
		for _, t := range topics {
			if t["slug"] == slug {
				return t
			}
		}
		return nil
	}
	return obj{
		"node": resolver(func(args map[string]any) any {
			if o, ok := f.nodes[strArg(args, "id")]; ok {
				return o
			}
			return nil
		}),
		"documents": resolver(func(args map[string]any) any { return connection(docs, intArg(args, "first", 20), "Documents") }),
		"document": resolver(func(args map[string]any) any {
			for _, d := range docs {
				if d["slug"] == strArg(args, "slug") || d["id"] == strArg(args, "id") {
					return d
				}
			}
			return nil
		}),
		"authors": resolver(func(args map[string]any) any { return connection(authors, intArg(args, "first", 20), "Authors") }),
		"author": resolver(func(args map[string]any) any {
			if o, ok := f.nodes[strArg(args, "id")]; ok && o["__typename"] == gid.Author {
				return o
			}
			return nil
		}),
		"topics": topics,
		"topic": resolver(func(args map[string]any) any {
			if t := topicBySlug(strArg(args, "slug")); t != nil {
				return t
			}
			return nil
		}),
		"compare": resolver(func(args map[string]any) any {
			t := topicBySlug(strArg(args, "topic"))
			if t == nil {
				return errors.New("topic " + strArg(args, "topic") + " not found")
			}
			return obj{"topic": t, "nodes": t["rows"]}
		}),
		"search": resolver(func(args map[string]any) any {
			q := strArg(args, "query")
			var hits []obj
			for _, d := range docs {
				for _, p := range d["paragraphs"].([]obj) {
					if n := strings.Count(p["text"].(string), q); n > 0 {
						hits = append(hits, passage(p, []string{q}, float64(n)))
					}
				}
			}
			return connection(hits, intArg(args, "first", 10), "Search")
		}),
		"works": resolver(func(args map[string]any) any { return connection(nil, 0, "Works") }),
	}
}

// langText is a field with a lang argument.
func langText(ja, en string) resolver {
	return func(args map[string]any) any {
		if langArg(args) == "EN" {
			return en
		}
		return ja
	}
}

func nonNilObjs(s []obj) []obj {
	if s == nil {
		return []obj{}
	}
	return s
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
