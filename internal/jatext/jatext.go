// Package jatext tokenizes Japanese text with the kagome morphological
// analyzer and its IPA dictionary. The dictionary is loaded once, on first
// use, and the tokenizer is safe for concurrent use.
package jatext

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ikawaha/kagome-dict/ipa"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// Token is one morpheme.
type Token struct {
	Surface string
	// Base is the dictionary form ("基本形"); it equals Surface for words
	// the dictionary does not know.
	Base string
	// POS is the part-of-speech path, e.g. [名詞 固有名詞 人名 姓]. Tokens
	// of the same part of speech share it: read it, never modify it.
	POS []string
	// Start and End are code-point offsets of Surface in the input.
	Start, End int
	// Known is false for words the dictionary does not contain.
	Known bool
	// Form is the inflected form of verbs, adjectives and auxiliaries
	// ("連用形", "終止形" …), empty for words that do not inflect.
	Form string
}

var (
	loadOnce sync.Once
	tok      *tokenizer.Tokenizer
	feats    *features
	loadErr  error
)

func tokenizerInstance() *tokenizer.Tokenizer {
	loadOnce.Do(func() {
		d := ipa.Dict()
		tok, loadErr = tokenizer.New(d, tokenizer.OmitBosEos())
		feats = newFeatures(d)
	})
	if loadErr != nil {
		// The dictionary is compiled into the binary; failing to load it
		// is a build defect, not a runtime condition to handle.
		panic("jatext: load IPA dictionary: " + loadErr.Error())
	}
	return tok
}

// Tokenize splits s into morphemes in normal mode. Kangxi radicals that
// PDF fonts leave in extracted text (⾮ for 非) are analysed as the kanji
// they show; offsets still count the code points of s.
func Tokenize(s string) []Token {
	s = FoldRadicals(s)
	return convert(s, tokenizerInstance().Tokenize(s))
}

// TokenizeSearch splits s in kagome's search mode, which also splits long
// compounds (中国外交部 → 中国 外交 部) so that their parts can be found.
func TokenizeSearch(s string) []Token {
	s = FoldRadicals(s)
	return convert(s, tokenizerInstance().Analyze(s, tokenizer.Search))
}

// FoldRadicals maps Kangxi radicals and CJK radical supplements to the
// kanji they stand for (⾮ → 非, ⻑ → 長), one code point for one, so that
// offsets into the result are offsets into s.
func FoldRadicals(s string) string {
	if !strings.ContainsFunc(s, isRadical) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if !isRadical(r) {
			return r
		}
		if k := []rune(norm.NFKC.String(string(r))); len(k) == 1 {
			return k[0]
		}
		return r
	}, s)
}

func isRadical(r rune) bool { return r >= 0x2E80 && r <= 0x2FDF }

func convert(s string, toks []tokenizer.Token) []Token {
	out := make([]Token, 0, len(toks))
	// kagome reports byte positions; convert them to code points in one pass.
	bytePos, runePos := 0, 0
	for _, t := range toks {
		if t.Class == tokenizer.DUMMY {
			continue
		}
		runePos += utf8.RuneCountInString(s[bytePos:t.Position])
		bytePos = t.Position
		n := utf8.RuneCountInString(t.Surface)
		base, pos, form := feats.lookup(t)
		out = append(out, Token{
			Surface: t.Surface,
			Base:    base,
			POS:     pos,
			Start:   runePos,
			End:     runePos + n,
			Known:   t.Class == tokenizer.KNOWN,
			Form:    form,
		})
	}
	return out
}

// Warm loads the dictionary now rather than on first use, so that a server
// does not pay for it inside its first request.
func Warm() { tokenizerInstance() }
