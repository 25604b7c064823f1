package pdftext

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Some producers' Japanese fonts (Word for Mac through Quartz) come with
// a ToUnicode map PDFium does not apply: it reports each character's
// code (a glyph id) as its text, and a title reads 「㟁Ꮚᅇ㊰パ䝍ーン」. Such
// a font is told by its text: a good part of it in scripts a Japanese
// document does not use. Its map is then read from the file and applied.

// strayScript reports a character PDFium gives for a raw glyph code: CJK
// Extension A, the enclosed and compatibility blocks, and the scripts
// between Latin and Japanese (Tamil, Cherokee, Hangul Jamo …).
func strayScript(r rune) bool {
	return r >= 0x3400 && r <= 0x4DBF || r >= 0x3200 && r <= 0x33FF || r >= 0x0530 && r <= 0x1DFF || r >= 0xA000 && r <= 0xABFF
}

// repairUnicode rereads the glyphs of the fonts whose text is stray
// through their ToUnicode maps.
func repairUnicode(raw []byte, pages []page) {
	type tally struct{ stray, all int }
	count := map[string]*tally{}
	for _, p := range pages {
		for _, g := range p.glyphs {
			if int(g.font) >= len(p.fonts) || g.r == ' ' {
				continue
			}
			t := count[p.fonts[g.font]]
			if t == nil {
				t = &tally{}
				count[p.fonts[g.font]] = t
			}
			t.all++
			if strayScript(g.r) {
				t.stray++
			}
		}
	}
	maps := map[string]map[rune]rune{}
	var file *fontFile // read once, for the first font that needs it
	for name, t := range count {
		if t.stray >= 3 && t.stray*5 >= t.all {
			if file == nil {
				file = indexFonts(raw)
			}
			if m := file.toUnicodeOf(name); len(m) > 0 {
				maps[name] = m
			}
		}
	}
	if len(maps) == 0 {
		return
	}
	for i := range pages {
		p := &pages[i]
		for k := range p.glyphs {
			g := &p.glyphs[k]
			if int(g.font) >= len(p.fonts) {
				continue
			}
			if m := maps[p.fonts[g.font]]; m != nil {
				if u, ok := m[g.r]; ok {
					g.r = unifyRadical(u)
				}
			}
		}
	}
}

var (
	reObjStart   = regexp.MustCompile(`(?m)^\s*(\d+)\s+0\s+obj\b`)
	reBaseFontTU = regexp.MustCompile(`/BaseFont\s*/([^\s/<>\[\]()]+)[^>]*?/ToUnicode\s+(\d+)\s+0\s+R|/ToUnicode\s+(\d+)\s+0\s+R[^>]*?/BaseFont\s*/([^\s/<>\[\]()]+)`)
	reHex        = regexp.MustCompile(`<([0-9A-Fa-f]+)>`)
)

// fontFile is what repairUnicode reads of a PDF's uncompressed
// objects, found in one pass each: the fonts that name a ToUnicode map,
// and where each object begins.
type fontFile struct {
	raw   []byte
	fonts []fontMap
	objs  map[string]int // object number → offset of its body
}

// fontMap is a font's base name (subset prefix and all) and the number
// of its ToUnicode map's object.
type fontMap struct{ base, ref string }

func indexFonts(raw []byte) *fontFile {
	f := &fontFile{raw: raw, objs: map[string]int{}}
	for _, m := range reBaseFontTU.FindAllSubmatch(raw, -1) {
		base, ref := string(m[1]), string(m[2])
		if base == "" {
			base, ref = string(m[4]), string(m[3])
		}
		f.fonts = append(f.fonts, fontMap{base, ref})
	}
	for _, loc := range reObjStart.FindAllSubmatchIndex(raw, -1) {
		num := string(raw[loc[2]:loc[3]])
		if _, seen := f.objs[num]; !seen {
			f.objs[num] = loc[1]
		}
	}
	return f
}

// toUnicodeOf reads the ToUnicode map of the font named name (its base
// font, subset prefix and all) from an uncompressed object, code to text.
// A file whose fonts sit in compressed object streams gives none.
func (f *fontFile) toUnicodeOf(name string) map[rune]rune {
	for _, fm := range f.fonts {
		if fm.base != name && !strings.HasSuffix(fm.base, "+"+name) && !strings.HasSuffix(name, "+"+fm.base) {
			continue
		}
		if body := f.objectStream(fm.ref); body != nil {
			return parseCMap(body)
		}
	}
	return nil
}

// objectStream returns object num's stream, inflated when it is
// FlateDecode'd.
func (f *fontFile) objectStream(num string) []byte {
	at, ok := f.objs[num]
	if !ok {
		return nil
	}
	obj := f.raw[at:]
	if end := bytes.Index(obj, []byte("endobj")); end >= 0 {
		obj = obj[:end]
	}
	s := bytes.Index(obj, []byte("stream"))
	e := bytes.LastIndex(obj, []byte("endstream"))
	if s < 0 || e < s {
		return nil
	}
	dict, data := obj[:s], obj[s+len("stream"):e]
	data = bytes.TrimLeft(data, "\r\n")
	if !bytes.Contains(dict, []byte("/FlateDecode")) {
		return data
	}
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	out, _ := io.ReadAll(io.LimitReader(zr, 4<<20))
	return out
}

// parseCMap reads a ToUnicode CMap's bfchar and bfrange entries whose
// text is one character.
func parseCMap(cm []byte) map[rune]rune {
	m := map[rune]rune{}
	hex := func(b []byte) (rune, bool) {
		v, err := strconv.ParseUint(string(b), 16, 32)
		if err != nil || len(b) > 8 {
			return 0, false
		}
		if len(b) == 8 { // a surrogate pair
			hi, lo := rune(v>>16), rune(v&0xffff)
			return (hi-0xD800)<<10 + (lo - 0xDC00) + 0x10000, true
		}
		return rune(v), true
	}
	for _, block := range []string{"bfchar", "bfrange"} {
		rest := cm
		for {
			s := bytes.Index(rest, []byte("begin"+block))
			if s < 0 {
				break
			}
			rest = rest[s+len("begin"+block):]
			e := bytes.Index(rest, []byte("end"+block))
			if e < 0 {
				break
			}
			hs := reHex.FindAllSubmatch(rest[:e], -1)
			step := 2
			if block == "bfrange" {
				step = 3
			}
			for k := 0; k+step <= len(hs); k += step {
				from, ok1 := hex(hs[k][1])
				to, ok2 := hex(hs[k+step-1][1])
				if !ok1 || !ok2 || !unicode.IsPrint(to) {
					continue
				}
				last := from
				if step == 3 {
					last, _ = hex(hs[k+1][1])
				}
				for c := from; c <= last && c-from < 0x10000; c++ {
					m[c] = to + (c - from)
				}
			}
			rest = rest[e:]
		}
	}
	return m
}
