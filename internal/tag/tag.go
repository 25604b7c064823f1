// Package tag scores text against the topic taxonomy: which topics each
// paragraph, section and document is about, how strongly, and by which
// terms.
package tag

import (
	"fmt"
	"sort"
	"unicode/utf8"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/jatext"
)

// Scoring constants. A paragraph's score for a topic is
//
//	s = w / (w + k1·(1 − b + b·n/avgTokens))
//
// where w is the weighted number of term mentions and n the paragraph's
// length in words. It is the term-frequency part of BM25 scaled into
// 0..1: it saturates, so the tenth mention of 中国 adds less than the
// first, and it divides by length relative to a typical paragraph, so
// that one mention in a short paragraph weighs more than one mention in a
// long one while a long paragraph that keeps returning to the subject
// still scores high. Both make scores comparable across paragraphs of
// different length. The constants are fixed rather than learned from the
// corpus so that a paragraph's score never changes when other documents
// are ingested. With them, one mention in a paragraph of typical length
// scores 0.33, three score 0.6, and no number of mentions reaches 1.
const (
	k1        = 2.0
	b         = 0.75
	avgTokens = 60.0 // the mean paragraph length of the seed documents, in words
)

// CoverageThreshold is the paragraph score from which a paragraph counts
// as being about a topic when computing Scores.Coverage. 0.25 is passed
// by one mention in a paragraph of up to about 130 words or two mentions
// in one of up to about 290, and never by mentions inside names alone.
const CoverageThreshold = 0.25

// Tagger scores documents against a taxonomy. It is immutable and safe
// for concurrent use.
type Tagger struct {
	tax        *Taxonomy
	m          *matcher
	topicIndex map[string]int
}

// NewTagger compiles the taxonomy's terms with the morphological analyzer.
// It fails when a term has no words in it (only punctuation, say).
func NewTagger(x *Taxonomy) (*Tagger, error) {
	m, err := newMatcher(x)
	if err != nil {
		return nil, fmt.Errorf("new tagger: %w", err)
	}
	idx := make(map[string]int, len(x.Topics))
	for i, t := range x.Topics {
		idx[t.Slug] = i
	}
	return &Tagger{tax: x, m: m, topicIndex: idx}, nil
}

// Taxonomy returns the taxonomy the tagger scores against.
func (tg *Tagger) Taxonomy() *Taxonomy { return tg.tax }

// Tag scores every paragraph, section and the whole document.
//
// Section and document scores are the paragraph scores averaged with each
// paragraph weighted by its length in code points: they say how much of
// the section or document is about the topic, so a document that spends
// half its length on China scores about half of what a paragraph doing so
// throughout does, and a single passing paragraph barely moves it.
// Coverage per topic is the share of the document's code points in
// paragraphs scoring at least CoverageThreshold.
func (tg *Tagger) Tag(d *doc.Document) Scores {
	var toks [][]jatext.Token
	for _, s := range d.Sections {
		for _, p := range s.Paragraphs {
			toks = append(toks, jatext.Tokenize(p.Text))
		}
	}
	return tg.TagAnalyzed(d, toks)
}

// TagAnalyzed is Tag for a document whose paragraphs the caller has
// analysed already: toks holds jatext.Tokenize of each paragraph's text,
// in reading order. Ingest analyses each paragraph once, for its search
// vector and its scores.
func (tg *Tagger) TagAnalyzed(d *doc.Document, toks [][]jatext.Token) Scores {
	out := Scores{
		Sections:   make([][]Score, len(d.Sections)),
		Paragraphs: make([][]Score, 0, paragraphCount(d)),
		Coverage:   make(map[string]float64, len(tg.tax.Topics)),
	}
	docAgg := tg.newAgg()
	covered := make([]int, len(tg.tax.Topics))
	for si, s := range d.Sections {
		secAgg := tg.newAgg()
		for _, p := range s.Paragraphs {
			ps := tg.paragraph(p.Text, toks[len(out.Paragraphs)])
			scores := tg.scores(ps.scores, ps.terms)
			for i := range scores {
				scores[i].Spans = ps.spans[tg.topicIndex[scores[i].Topic]]
			}
			out.Paragraphs = append(out.Paragraphs, scores)
			secAgg.add(ps)
			docAgg.add(ps)
			for ti, sc := range ps.scores {
				if sc >= CoverageThreshold {
					covered[ti] += ps.length
				}
			}
		}
		out.Sections[si] = secAgg.result()
	}
	out.Document = docAgg.result()
	for ti, t := range tg.tax.Topics {
		out.Coverage[t.Slug] = 0
		if docAgg.length > 0 {
			out.Coverage[t.Slug] = float64(covered[ti]) / float64(docAgg.length)
		}
	}
	return out
}

func paragraphCount(d *doc.Document) int {
	n := 0
	for _, s := range d.Sections {
		n += len(s.Paragraphs)
	}
	return n
}

// paraStats is one paragraph's contribution to every level.
type paraStats struct {
	length int       // code points
	scores []float64 // per topic index
	terms  []termCount
	spans  [][][2]int // per topic index: matches outside names, in text order
}

// termCount is how often a term occurred; para and at (a paragraph
// ordinal and a token index) locate its first occurrence, to order ties.
type termCount struct {
	term     int32
	count    int
	para, at int
}

func (tg *Tagger) paragraph(text string, toks []jatext.Token) paraStats {
	ps := paraStats{length: utf8.RuneCountInString(text), scores: make([]float64, len(tg.tax.Topics)), spans: make([][][2]int, len(tg.tax.Topics))}
	weights := make([]float64, len(tg.tax.Topics))
	idx := map[int32]int{}
	for _, h := range tg.m.find(toks) {
		w := 1.0
		ti := tg.m.terms[h.term].topic
		if h.inName {
			w = nameWeight
		} else {
			ps.spans[ti] = append(ps.spans[ti], [2]int{toks[h.start].Start, toks[h.end-1].End})
		}
		weights[ti] += w
		if k, ok := idx[h.term]; ok {
			ps.terms[k].count++
			continue
		}
		idx[h.term] = len(ps.terms)
		ps.terms = append(ps.terms, termCount{term: h.term, count: 1, at: h.start})
	}
	n := float64(wordCount(toks))
	for ti, w := range weights {
		if w > 0 {
			ps.scores[ti] = w / (w + k1*(1-b+b*n/avgTokens))
		}
	}
	return ps
}

// wordCount counts the tokens with a letter or digit in them, leaving out
// whitespace and punctuation.
func wordCount(toks []jatext.Token) int {
	n := 0
	for _, t := range toks {
		if hasWordRune(t.Surface) {
			n++
		}
	}
	return n
}

// scores turns per-topic values into the sorted Score list, with each
// topic's matched terms, most frequent first.
func (tg *Tagger) scores(values []float64, terms []termCount) []Score {
	sorted := append([]termCount(nil), terms...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.count != b.count {
			return a.count > b.count
		}
		if a.para != b.para {
			return a.para < b.para
		}
		return a.at < b.at
	})
	out := []Score{}
	for ti, v := range values {
		if v <= 0 {
			continue
		}
		sc := Score{Topic: tg.tax.Topics[ti].Slug, Score: v, MatchedTerms: []string{}}
		for _, tc := range sorted {
			if ct := tg.m.terms[tc.term]; ct.topic == ti {
				sc.MatchedTerms = append(sc.MatchedTerms, ct.text)
			}
		}
		out = append(out, sc)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Topic < out[j].Topic
	})
	return out
}

// agg accumulates paragraphs into a section or document score.
type agg struct {
	tg       *Tagger
	length   int
	weighted []float64 // Σ score·length per topic
	terms    []termCount
	idx      map[int32]int
	seq      int // paragraphs seen, to order first occurrences
}

func (tg *Tagger) newAgg() *agg {
	return &agg{tg: tg, weighted: make([]float64, len(tg.tax.Topics)), idx: map[int32]int{}}
}

func (a *agg) add(ps paraStats) {
	a.length += ps.length
	for ti, s := range ps.scores {
		a.weighted[ti] += s * float64(ps.length)
	}
	for _, tc := range ps.terms {
		if k, ok := a.idx[tc.term]; ok {
			a.terms[k].count += tc.count
			continue
		}
		tc.para = a.seq
		a.idx[tc.term] = len(a.terms)
		a.terms = append(a.terms, tc)
	}
	a.seq++
}

func (a *agg) result() []Score {
	values := make([]float64, len(a.weighted))
	if a.length > 0 {
		for ti, w := range a.weighted {
			values[ti] = w / float64(a.length)
		}
	}
	return a.tg.scores(values, a.terms)
}
