package jatext

import (
	"strings"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome/v2/tokenizer"
)

// features answers what convert asks of kagome's Token.POS, BaseForm and
// InflectionalForm from one table entry per dictionary word, built with
// the dictionary: kagome builds a new part-of-speech slice for every
// token and reaches each feature through a map and two or three large
// tables, which made up a good part of converting its tokens. The few
// hundred distinct part-of-speech paths and inflected forms are shared.
type features struct {
	known, unknown []entry // by dictionary entry ID
	paths          [][]string
	forms          []string
}

// entry is a dictionary word's features as Token holds them.
type entry struct {
	base       string
	path, form uint16 // indexes into features.paths and features.forms
	baseIsSelf bool   // the word has no base form of its own: it is its surface
}

func newFeatures(d *dict.Dict) *features {
	f := &features{}
	paths, forms := map[string]uint16{}, map[string]uint16{"": 0}
	f.forms = []string{""}
	path := func(pos []string) uint16 {
		key := strings.Join(pos, "\x00") // nil and empty alike: both have no part
		if i, ok := paths[key]; ok {
			return i
		}
		paths[key] = uint16(len(f.paths))
		f.paths = append(f.paths, pos)
		return paths[key]
	}
	form := func(s string, ok bool) uint16 {
		if !ok || s == "*" {
			s = ""
		}
		if i, ok := forms[s]; ok {
			return i
		}
		forms[s] = uint16(len(f.forms))
		f.forms = append(f.forms, s)
		return forms[s]
	}
	add := func(pos []string, feature func(i int) (string, bool), meta dict.ContentsMeta) entry {
		at := func(key string) (string, bool) {
			if i, ok := meta[key]; ok {
				return feature(int(i))
			}
			return "", false
		}
		base, ok := at(dict.BaseFormIndex)
		return entry{base: base, baseIsSelf: !ok || base == "*", path: path(pos), form: form(at(dict.InflectionalForm))}
	}
	// What kagome's Token.POS and Token.FeatureAt read for a known word:
	// its part-of-speech names, then its other features.
	f.known = make([]entry, len(d.POSTable.POSs))
	for id, ids := range d.POSTable.POSs {
		pos := make([]string, len(ids))
		for i, n := range ids {
			pos[i] = d.POSTable.NameList[n]
		}
		f.known[id] = add(pos, func(i int) (string, bool) {
			if i < 0 {
				return "", false
			}
			if i < len(pos) {
				return pos[i], true
			}
			if i -= len(pos); id < len(d.Contents) && i < len(d.Contents[id]) {
				return d.Contents[id][i], true
			}
			return "", false
		}, d.ContentsMeta)
	}
	// An unknown word's features are all in its contents, the part of
	// speech from POSStartIndex on.
	start, end := 0, 1
	if v, ok := d.UnkDict.ContentsMeta[dict.POSStartIndex]; ok {
		start = int(v)
	}
	if v, ok := d.UnkDict.ContentsMeta[dict.POSHierarchy]; ok {
		end = start + int(v)
	}
	f.unknown = make([]entry, len(d.UnkDict.Contents))
	for id, feature := range d.UnkDict.Contents {
		var pos []string
		if start < end && end <= len(feature) {
			pos = append(pos, feature[start:end]...)
		}
		f.unknown[id] = add(pos, func(i int) (string, bool) {
			if i < 0 || i >= len(feature) {
				return "", false
			}
			return feature[i], true
		}, d.UnkDict.ContentsMeta)
	}
	return f
}

// lookup returns t's base form (its surface when it has none), part of
// speech path and inflected form ("" when it does not inflect).
func (f *features) lookup(t tokenizer.Token) (base string, pos []string, form string) {
	var e entry
	switch {
	case t.Class == tokenizer.KNOWN && t.ID < len(f.known):
		e = f.known[t.ID]
	case t.Class == tokenizer.UNKNOWN && t.ID < len(f.unknown):
		e = f.unknown[t.ID]
	default:
		return viaKagome(t)
	}
	base = e.base
	if e.baseIsSelf {
		base = t.Surface
	}
	return base, f.paths[e.path], f.forms[e.form]
}

// viaKagome asks kagome itself, for tokens outside the tables.
func viaKagome(t tokenizer.Token) (base string, pos []string, form string) {
	base, ok := t.BaseForm()
	if !ok || base == "*" {
		base = t.Surface
	}
	form, _ = t.InflectionalForm()
	if form == "*" {
		form = ""
	}
	return base, t.POS(), form
}
