// Package synth generates a synthetic corpus at a scale factor for load
// tests and benchmarks: documents with the seeds' shape (sections of about
// forty paragraphs, footnote markers and bodies, one or two authors from a
// pool of about two thousand) and stances with verified citations, written
// in the seeds' own sentences so that tokenizing, tagging and search do
// real work. The same seed gives the same corpus.
package synth

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/anchor"
	"github.com/sourcecmp/sourcecmp/internal/annotation"
	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/parse"
	"github.com/sourcecmp/sourcecmp/internal/tag"
)

// DocumentsPerSF is the number of documents at scale factor 1.
const DocumentsPerSF = 1000

// Vocabulary is the material documents are built from, taken from real
// parsed documents.
type Vocabulary struct {
	Sentences []string // body sentences, each ending with 。
	Headings  []string
	Titles    []string
	Notes     []string // footnote bodies
}

// ErrNoDocuments is VocabularyFrom's error for a directory without
// documents.
var ErrNoDocuments = errors.New("no documents")

// VocabularyFrom parses the *.txt documents in dir and collects their
// vocabulary: the corpus is written in their sentences.
func VocabularyFrom(dir string) (*Vocabulary, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%w in %s to take the vocabulary from", ErrNoDocuments, dir)
	}
	docs := make([]*doc.Document, 0, len(paths))
	for _, p := range paths {
		d, err := parse.File(p)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return NewVocabulary(docs)
}

// NewVocabulary collects sentences, headings, titles and footnote bodies
// from parsed documents.
func NewVocabulary(docs []*doc.Document) (*Vocabulary, error) {
	v := &Vocabulary{}
	for _, d := range docs {
		if d.Title != nil {
			v.Titles = append(v.Titles, *d.Title)
		}
		for _, s := range d.Sections {
			if s.Heading != nil {
				v.Headings = append(v.Headings, *s.Heading)
			}
			for _, p := range s.Paragraphs {
				v.Sentences = append(v.Sentences, sentences(p.Text)...)
			}
		}
		for _, f := range d.Footnotes {
			if f.Body != nil {
				v.Notes = append(v.Notes, *f.Body)
			}
		}
	}
	if len(v.Sentences) < 50 || len(v.Headings) == 0 || len(v.Notes) == 0 {
		return nil, fmt.Errorf("synth: vocabulary too small (%d sentences, %d headings, %d notes)", len(v.Sentences), len(v.Headings), len(v.Notes))
	}
	return v, nil
}

// sentences splits text after each 。, keeping sentences of a useful size.
func sentences(text string) []string {
	var out []string
	for _, s := range strings.SplitAfter(text, "。") {
		if n := utf8.RuneCountInString(s); n >= 12 && n <= 200 && strings.HasSuffix(s, "。") {
			out = append(out, s)
		}
	}
	return out
}

// Generated is one synthetic document and its curated stances.
type Generated struct {
	Doc         *doc.Document
	Annotations *annotation.File
}

// Generator builds documents deterministically from a seed.
type Generator struct {
	vocab   *Vocabulary
	tax     *tag.Taxonomy
	seed    uint64
	authors []doc.Author
}

// NewGenerator returns a generator for the given seed.
func NewGenerator(vocab *Vocabulary, tax *tag.Taxonomy, seed uint64) *Generator {
	return &Generator{vocab: vocab, tax: tax, seed: seed, authors: authorPool(seed, 2000)}
}

// Documents yields n documents; document i depends only on the seed and
// i, so any range of a corpus can be regenerated alone.
func (g *Generator) Documents(n int) iter.Seq2[int, Generated] {
	return func(yield func(int, Generated) bool) {
		for i := range n {
			if !yield(i, g.Document(i)) {
				return
			}
		}
	}
}

// Document builds document i.
func (g *Generator) Document(i int) Generated {
	r := rand.New(rand.NewPCG(g.seed, uint64(i)+1))
	slug := fmt.Sprintf("synth-%06d", i)
	d := &doc.Document{
		SourceFile:  slug + ".txt",
		Format:      doc.FormatText,
		Extraction:  doc.ExtractionPDF,
		Language:    "ja",
		Title:       ptr(g.title(r)),
		Publisher:   ptr(publishers[r.IntN(len(publishers))]),
		PublishedOn: ptr(fmt.Sprintf("%04d-%02d-%02d", 2015+r.IntN(11), 1+r.IntN(12), 1+r.IntN(28))),
		Categories:  []string{},
		Keywords:    []string{},
		Captions:    []doc.Caption{},
		Removed:     []doc.RemovedLine{},
		Warnings:    []string{},
	}
	for range 1 + r.IntN(2) {
		d.Authors = append(d.Authors, g.authors[r.IntN(len(g.authors))])
	}
	if len(d.Authors) == 2 && d.Authors[0].Name == d.Authors[1].Name {
		d.Authors = d.Authors[:1]
	}
	g.body(r, d)
	d.ContentHash = contentHash(d)
	return Generated{Doc: d, Annotations: g.stances(r, slug, d)}
}

func (g *Generator) title(r *rand.Rand) string {
	a := g.vocab.Headings[r.IntN(len(g.vocab.Headings))]
	b := g.vocab.Titles[r.IntN(len(g.vocab.Titles))]
	return strings.TrimSpace(a) + "――" + strings.TrimSpace(b)
}

// body writes 4–6 sections of about forty paragraphs in all; roughly one
// sentence in four ends with a footnote marker, and every marker has a body.
func (g *Generator) body(r *rand.Rand, d *doc.Document) {
	sections := 4 + r.IntN(3)
	paragraphs := 36 + r.IntN(9)
	note := 0
	for s := range sections {
		sec := doc.Section{Level: 1, Paragraphs: []doc.Paragraph{}}
		if s > 0 {
			sec.Heading = ptr(g.vocab.Headings[r.IntN(len(g.vocab.Headings))])
		}
		per := paragraphs / sections
		for range per {
			var text strings.Builder
			refs := []doc.FootnoteRef{}
			n := 0
			for range 2 + r.IntN(4) {
				sent := g.vocab.Sentences[r.IntN(len(g.vocab.Sentences))]
				text.WriteString(sent)
				n += utf8.RuneCountInString(sent)
				if r.IntN(4) == 0 {
					note++
					refs = append(refs, doc.FootnoteRef{Label: fmt.Sprint(note), Offset: n - 1}) // before the 。
				}
			}
			sec.Paragraphs = append(sec.Paragraphs, doc.Paragraph{Text: text.String(), FootnoteRefs: refs})
		}
		d.Sections = append(d.Sections, sec)
	}
	d.Footnotes = []doc.Footnote{}
	for i := 1; i <= note; i++ {
		body := g.vocab.Notes[r.IntN(len(g.vocab.Notes))]
		d.Footnotes = append(d.Footnotes, doc.Footnote{Label: fmt.Sprint(i), Body: ptr(body), URLs: []string{}})
	}
}

// stances takes 2–4 topics, a declared position on each, and 2–3
// citations: sentences of the document, with a prefix when the sentence
// occurs more than once.
func (g *Generator) stances(r *rand.Rand, slug string, d *doc.Document) *annotation.File {
	f := &annotation.File{Path: slug + ".yaml", Document: slug}
	lay, err := doc.LayOut(d)
	if err != nil {
		panic(fmt.Sprintf("synth: generated a document that cannot be laid out: %v", err))
	}
	text := anchor.NewText(lay.Body)
	var topics []tag.Topic
	for _, t := range g.tax.Topics {
		if len(t.Positions) > 0 {
			topics = append(topics, t)
		}
	}
	r.Shuffle(len(topics), func(i, j int) { topics[i], topics[j] = topics[j], topics[i] })
	for _, t := range topics[:min(2+r.IntN(3), len(topics))] {
		p := t.Positions[r.IntN(len(t.Positions))]
		s := annotation.Stance{
			Topic:    t.Slug,
			Position: p.Slug,
			Summary: tag.Text{
				JA: fmt.Sprintf("本稿は%sについて「%s」の立場をとる。", t.Name.JA, p.Label.JA),
				EN: fmt.Sprintf("The document takes the position \"%s\" on %s.", p.Label.EN, t.Name.EN),
			},
		}
		for range 2 + r.IntN(2) {
			s.Citations = append(s.Citations, quoteFrom(r, lay, text))
		}
		f.Stances = append(f.Stances, s)
	}
	return f
}

// quoteFrom picks a sentence of a random paragraph as a quote, with as
// much preceding text as prefix as it takes to make it unique, the way a
// curator would. Sentences repeat across the corpus, so a choice that no
// prefix can tell apart is dropped for another.
func quoteFrom(r *rand.Rand, lay *doc.Layout, text *anchor.Text) annotation.Citation {
	ps := lay.Paragraphs
	for range 1000 {
		pi := r.IntN(len(ps))
		p := ps[pi].Text
		sents := sentences(p)
		if len(sents) == 0 {
			continue
		}
		si := r.IntN(len(sents))
		q := []rune(strings.TrimSuffix(sents[si], "。"))
		q = q[:min(len(q), 60)]
		at := ps[pi].Start + utf8.RuneCountInString(strings.Join(sents[:si], ""))
		for _, n := range []int{0, 16, 32, 64, 128} {
			prefix := text.Slice(max(0, at-n), at)
			if m, err := text.Locate(string(q), prefix); err == nil && m.Start == at {
				return annotation.Citation{Quote: string(q), Prefix: prefix}
			}
		}
	}
	// Every sentence repeats: quote the last paragraph with all the text
	// before it, which is unique by construction.
	at := ps[len(ps)-1].Start
	return annotation.Citation{Quote: ps[len(ps)-1].Text, Prefix: text.Slice(0, at)}
}

func contentHash(d *doc.Document) string {
	raw, _ := json.Marshal(d) // a Document always marshals
	sum := sha256.Sum256(raw)
	return "sha256:" + hex.EncodeToString(sum[:])
}

func ptr(s string) *string { return &s }

var publishers = []string{"防衛研究所", "日本国際問題研究所", "nippon.com", "エポックタイムズ", "新潟県立大学", "笹川平和財団", "東京財団"}

var (
	surnames = []string{"佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
		"吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林", "斎藤", "清水",
		"山崎", "森", "池田", "橋本", "阿部", "石川", "山下", "中島", "石井", "小川",
		"前田", "岡田", "長谷川", "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本",
		"斉藤", "福田", "太田", "西村", "藤井", "金子", "岡本", "藤原", "中野", "三浦"}
	givenNames = []string{"太郎", "一郎", "健太", "翔", "大輔", "拓也", "直樹", "誠", "浩", "剛",
		"花子", "陽子", "美咲", "由美", "恵", "彩", "真由美", "裕子", "愛", "舞",
		"光弘", "武", "真寿", "修", "学", "聡", "隆", "亮", "悟", "進",
		"明美", "智子", "久美子", "京子", "幸子", "直美", "洋子", "和子", "美穂", "香織"}
	affiliations = []string{"防衛研究所 地域研究部", "東京大学大学院法学政治学研究科", "慶應義塾大学法学部", "新潟県立大学北東アジア研究所",
		"日本国際問題研究所", "笹川平和財団", "早稲田大学政治経済学術院", "エポックタイムズ"}
	titles = []string{"教授", "准教授", "主任研究官", "研究員", "室長", "記者", "上席研究員", "客員研究員"}
)

// authorPool returns n distinct authors: every surname with every given
// name, in an order fixed by the seed.
func authorPool(seed uint64, n int) []doc.Author {
	r := rand.New(rand.NewPCG(seed, 0))
	var out []doc.Author
	for _, s := range surnames {
		for _, g := range givenNames {
			out = append(out, doc.Author{
				Name:        s + " " + g,
				Affiliation: ptr(affiliations[r.IntN(len(affiliations))]),
				Title:       ptr(titles[r.IntN(len(titles))]),
			})
		}
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out[:min(n, len(out))]
}
