package jatext

import (
	"strings"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// features answers what kagome's Token.POS, BaseForm and
// InflectionalForm do, from tables built once with the dictionary:
// kagome builds a new part-of-speech slice for every token and looks the
// feature columns up in a map every time, which made up a good part of
// converting its tokens. The few hundred distinct part-of-speech paths
// are shared by every entry that has them.
type features struct {
	knownPOS, unknownPOS [][]string // by dictionary entry ID
	// Feature columns of the base and the inflected form, -1 if the
	// dictionary has none.
	knownBase, knownForm, unknownBase, unknownForm int
}

func newFeatures(d *dict.Dict) *features {
	f := &features{
		knownBase:   column(d.ContentsMeta, dict.BaseFormIndex),
		knownForm:   column(d.ContentsMeta, dict.InflectionalForm),
		unknownBase: column(d.UnkDict.ContentsMeta, dict.BaseFormIndex),
		unknownForm: column(d.UnkDict.ContentsMeta, dict.InflectionalForm),
	}
	paths := map[string][]string{}
	intern := func(pos []string) []string {
		if pos == nil {
			return nil
		}
		key := strings.Join(pos, "\x00")
		if p, ok := paths[key]; ok {
			return p
		}
		paths[key] = pos
		return pos
	}
	f.knownPOS = make([][]string, len(d.POSTable.POSs))
	for id, ids := range d.POSTable.POSs {
		pos := make([]string, len(ids))
		for i, n := range ids {
			pos[i] = d.POSTable.NameList[n]
		}
		f.knownPOS[id] = intern(pos)
	}
	f.unknownPOS = make([][]string, len(d.UnkDict.Contents))
	start, end := 0, 1 // as kagome's Token.POS reads unknown words
	if v, ok := d.UnkDict.ContentsMeta[dict.POSStartIndex]; ok {
		start = int(v)
	}
	if v, ok := d.UnkDict.ContentsMeta[dict.POSHierarchy]; ok {
		end = start + int(v)
	}
	for id, feature := range d.UnkDict.Contents {
		if start < end && end <= len(feature) {
			f.unknownPOS[id] = intern(append([]string(nil), feature[start:end]...))
		}
	}
	return f
}

func column(meta dict.ContentsMeta, key string) int {
	if i, ok := meta[key]; ok {
		return int(i)
	}
	return -1
}

// pos is t.POS().
func (f *features) pos(t tokenizer.Token) []string {
	switch {
	case t.Class == tokenizer.KNOWN && t.ID < len(f.knownPOS):
		return f.knownPOS[t.ID]
	case t.Class == tokenizer.UNKNOWN && t.ID < len(f.unknownPOS):
		return f.unknownPOS[t.ID]
	}
	return t.POS()
}

// baseForm is t.BaseForm().
func (f *features) baseForm(t tokenizer.Token) (string, bool) {
	return f.feature(t, f.knownBase, f.unknownBase)
}

// inflectionalForm is t.InflectionalForm().
func (f *features) inflectionalForm(t tokenizer.Token) (string, bool) {
	return f.feature(t, f.knownForm, f.unknownForm)
}

func (f *features) feature(t tokenizer.Token, known, unknown int) (string, bool) {
	switch t.Class {
	case tokenizer.KNOWN:
		return t.FeatureAt(known)
	case tokenizer.UNKNOWN:
		return t.FeatureAt(unknown)
	}
	return "", false
}
