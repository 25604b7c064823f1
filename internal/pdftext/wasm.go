package pdftext

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"unicode"
	"unicode/utf16"

	"github.com/klippa-app/go-pdfium"
)

// wasmPDFium calls PDFium's C API inside go-pdfium's WebAssembly module
// directly. go-pdfium wraps every call in handle look-ups and allocates
// and frees guest memory for each pointer argument (a character's box
// costs nine guest calls); reading a page character by character, that
// overhead was most of the time spent outside PDFium's own page loading.
// Here each C function is one guest call, and the out-parameters live in
// one scratch buffer allocated once per instance.
type wasmPDFium struct {
	ctx     context.Context
	mem     guestMemory
	fns     map[string]guestFunc
	stack   [8]uint64
	scratch uint32 // guestScratch bytes of guest memory for out-parameters
}

// guestFunc and guestMemory are the parts of wazero's api.Function and
// api.Memory used here; go-pdfium's module satisfies them.
type guestFunc interface {
	CallWithStack(ctx context.Context, stack []uint64) error
}

type guestMemory interface {
	Read(offset, byteCount uint32) ([]byte, bool)
	Write(offset uint32, v []byte) bool
	ReadFloat64Le(offset uint32) (float64, bool)
	ReadFloat32Le(offset uint32) (float32, bool)
	ReadUint32Le(offset uint32) (uint32, bool)
}

const guestScratch = 256

// The C functions used, looked up once per instance.
var guestFuncs = []string{
	"malloc", "free", "FPDF_LoadMemDocument", "FPDF_CloseDocument", "FPDF_GetLastError", "FPDF_GetPageCount",
	"FPDF_LoadPage", "FPDF_ClosePage", "FPDF_GetPageWidthF", "FPDF_GetPageHeightF", "FPDF_GetPageBoundingBox", "FPDFPage_GetRotation",
	"FPDFText_LoadPage", "FPDFText_ClosePage", "FPDFText_CountChars", "FPDFText_GetUnicode", "FPDFText_IsGenerated",
	"FPDFText_GetCharBox", "FPDFText_GetFontSize", "FPDFText_GetMatrix", "FPDFText_GetFontInfo",
}

// newWasmPDFium reaches the module behind a go-pdfium WebAssembly
// instance: its exported Fn lookup, its Module's memory and its context.
func newWasmPDFium(inst pdfium.Pdfium) (*wasmPDFium, error) {
	impl := reflect.ValueOf(inst.GetImplementation())
	if !impl.IsValid() || impl.Kind() != reflect.Pointer || impl.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("go-pdfium's WebAssembly implementation has changed shape (%T)", inst.GetImplementation())
	}
	w := &wasmPDFium{fns: map[string]guestFunc{}}
	ctx, ok := impl.Elem().FieldByName("Context").Interface().(context.Context)
	if !ok {
		return nil, fmt.Errorf("go-pdfium's WebAssembly implementation has no Context")
	}
	w.ctx = ctx
	module := impl.Elem().FieldByName("Module")
	if !module.IsValid() || module.IsNil() {
		return nil, fmt.Errorf("go-pdfium's WebAssembly implementation has no Module")
	}
	mem, ok := module.MethodByName("Memory").Call(nil)[0].Interface().(guestMemory)
	if !ok {
		return nil, fmt.Errorf("go-pdfium's WebAssembly memory has changed shape")
	}
	w.mem = mem
	fn := impl.MethodByName("Fn")
	for _, name := range guestFuncs {
		f, ok := fn.Call([]reflect.Value{reflect.ValueOf(name)})[0].Interface().(guestFunc)
		if !ok || f == nil {
			return nil, fmt.Errorf("PDFium's WebAssembly module does not export %s", name)
		}
		w.fns[name] = f
	}
	p, err := w.call("malloc", guestScratch)
	if err != nil || p == 0 {
		return nil, fmt.Errorf("allocate PDFium scratch memory: %v", err)
	}
	w.scratch = uint32(p)
	return w, nil
}

// call runs the C function name with args (pointers and integers as
// they are, doubles as their bits) and returns its result's raw bits.
func (w *wasmPDFium) call(name string, args ...uint64) (uint64, error) {
	s := w.stack[:]
	copy(s, args)
	if err := w.fns[name].CallWithStack(w.ctx, s); err != nil {
		return 0, fmt.Errorf("PDFium %s: %w", name, err)
	}
	return s[0], nil
}

// f64 and f32 read out-parameters from the scratch buffer.
func (w *wasmPDFium) f64(off uint32) float64 {
	v, _ := w.mem.ReadFloat64Le(w.scratch + off)
	return v
}

func (w *wasmPDFium) f32(off uint32) float64 {
	v, _ := w.mem.ReadFloat32Le(w.scratch + off)
	return float64(v)
}

// loadDocument copies raw into guest memory and opens it; the returned
// buffer must be freed after the document is closed. errCode is
// PDFium's last error when the document does not open.
func (w *wasmPDFium) loadDocument(raw []byte) (doc, buf uint64, errCode uint64, err error) {
	buf, err = w.call("malloc", uint64(max(len(raw), 1)))
	if err != nil || buf == 0 {
		return 0, 0, 0, fmt.Errorf("PDFium has no memory for a %d-byte file: %v", len(raw), err)
	}
	if !w.mem.Write(uint32(buf), raw) {
		w.call("free", buf)
		return 0, 0, 0, fmt.Errorf("PDFium has no memory for a %d-byte file", len(raw))
	}
	doc, err = w.call("FPDF_LoadMemDocument", buf, uint64(len(raw)), 0)
	if err == nil && uint32(doc) == 0 {
		errCode, err = w.call("FPDF_GetLastError")
		w.call("free", buf)
		return 0, 0, errCode, err
	}
	if err != nil {
		w.call("free", buf)
		return 0, 0, 0, err
	}
	return doc, buf, 0, nil
}

// pageText reads every character of page index of doc.
func (w *wasmPDFium) pageText(doc uint64, index int) (page, error) {
	pg, err := w.call("FPDF_LoadPage", doc, uint64(index))
	if err != nil {
		return page{}, err
	}
	if uint32(pg) == 0 {
		return page{}, fmt.Errorf("PDFium cannot load the page")
	}
	defer w.call("FPDF_ClosePage", pg)
	var p page
	wb, _ := w.call("FPDF_GetPageWidthF", pg)
	hb, _ := w.call("FPDF_GetPageHeightF", pg)
	p.width, p.height = float64(math.Float32frombits(uint32(wb))), float64(math.Float32frombits(uint32(hb)))
	// A page turned by /Rotate (a landscape page kept in a portrait
	// media box) is read as it is shown: PDFium's size is the shown one,
	// its character boxes are in the unturned page's space.
	rot, _ := w.call("FPDFPage_GetRotation", pg)
	s := uint64(w.scratch)
	// Character boxes are in the page's user space, whose origin is the
	// media box's corner; a page cropped in from a larger sheet (trim
	// marks around an A4 page on B4) shows only its crop box, so boxes
	// are taken from that box's corner.
	var ox, oy float64
	if ok, err := w.call("FPDF_GetPageBoundingBox", pg, s); err == nil && int32(ok) != 0 {
		ox, oy = w.f32(0), w.f32(12) // FS_RECTF: left, top, right, bottom
	}
	tp, err := w.call("FPDFText_LoadPage", pg)
	if err != nil {
		return page{}, err
	}
	if uint32(tp) == 0 {
		return page{}, fmt.Errorf("PDFium cannot read the page's text")
	}
	defer w.call("FPDFText_ClosePage", tp)
	n, err := w.call("FPDFText_CountChars", tp)
	if err != nil {
		return page{}, err
	}
	count := int(int32(n))
	p.glyphs = make([]glyph, 0, max(count, 0))
	spaced := false
	var font fontCache
	skip := -1 // a surrogate pair's second half, read with its first
	for c := range count {
		if c == skip {
			continue
		}
		i := uint64(c)
		u, err := w.call("FPDFText_GetUnicode", tp, i)
		if err != nil {
			return page{}, err
		}
		r := rune(uint32(u))
		if utf16.IsSurrogate(r) {
			// PDFium gives a character beyond the BMP (Word's math
			// italic 𝜇, from Cambria Math) as its two UTF-16 halves.
			if lo, err := w.call("FPDFText_GetUnicode", tp, i+1); err == nil && c+1 < count {
				if pair := utf16.DecodeRune(r, rune(uint32(lo))); pair != unicode.ReplacementChar {
					r, skip = pair, c+1
				}
			}
			if utf16.IsSurrogate(r) {
				continue // half a pair is no character
			}
		}
		if r == 2 {
			r = softHyphen // PDFium's mark for a word broken at the line's end
		}
		r = unifyRadical(r)
		switch {
		case r == '\r' || r == '\n' || r == 0 || r == 0xFFFE:
			spaced = false
			continue
		case r == ' ':
			// PDFium adds the spaces it infers: a hint for the layout,
			// not a glyph.
			if gen, err := w.call("FPDFText_IsGenerated", tp, i); err == nil && int32(gen) == 1 {
				spaced = true
				continue
			}
		}
		if ok, err := w.call("FPDFText_GetCharBox", tp, i, s, s+8, s+16, s+24); err != nil || int32(ok) == 0 {
			spaced = false
			continue
		}
		fsBits, err := w.call("FPDFText_GetFontSize", tp, i)
		if err != nil {
			return page{}, err
		}
		// The size the font is set in times the text matrix's scale:
		// producers that write `1 Tf` and scale with the matrix (many
		// distillers do) report 1 for every character.
		size := math.Abs(math.Float64frombits(fsBits)) // `-18 Tf` draws mirrored text
		if ok, _ := w.call("FPDFText_GetMatrix", tp, i, s+32); int32(ok) != 0 {
			a, b, cc, d := w.f32(32), w.f32(36), w.f32(40), w.f32(44)
			if scale := math.Sqrt(math.Abs(a*d - b*cc)); scale > 0 {
				size *= scale
			}
		}
		if size <= 1 {
			spaced = false
			continue
		}
		bold, gothic := font.face(w, tp, i)
		g := glyph{r: r, size: size, bold: bold, gothic: gothic, spaced: spaced, font: font.id}
		g.x0, g.x1, g.top, g.bottom = shown(int32(rot), p.width, p.height, w.f64(0)-ox, w.f64(8)-ox, w.f64(16)-oy, w.f64(24)-oy)
		if r == '\t' {
			// A tab's box runs to its tab stop over the text after it.
			g.x1, g.top = g.x0, g.bottom
		}
		p.glyphs = append(p.glyphs, g)
		spaced = false
	}
	p.fonts = font.names
	return p, nil
}

// shown turns a character box in the page's own space (left, right,
// bottom, top from the bottom-left corner) into the page as shown, turned
// clockwise by rot quarter turns, of the shown width and height: x0, x1
// from the left edge and top, bottom from the top edge.
func shown(rot int32, width, height, left, right, bottom, top float64) (x0, x1, t, b float64) {
	switch rot {
	case 1:
		return bottom, top, left, right
	case 2:
		return width - right, width - left, bottom, top
	case 3:
		return width - top, width - bottom, height - right, height - left
	}
	return left, right, height - top, height - bottom
}

// fontCache remembers the last font name read, so that a run of
// characters in one font costs one comparison each, not a string.
type fontCache struct {
	name             []byte
	isBold, isGothic bool
	id               uint16   // the font's index in names
	names            []string // the page's font names, in order of first use
}

// face reads character i's font name and tells by it a bold face (PDFium
// reports weight 400 for most embedded fonts) and a sans-serif one.
func (f *fontCache) face(w *wasmPDFium, tp, i uint64) (bold, gothic bool) {
	const nameAt, nameMax = 64, guestScratch - 64
	n, err := w.call("FPDFText_GetFontInfo", tp, i, uint64(w.scratch+nameAt), nameMax, uint64(w.scratch+56))
	if err != nil || n == 0 || n > nameMax {
		return false, false
	}
	name, ok := w.mem.Read(w.scratch+nameAt, uint32(n-1))
	if !ok {
		return false, false
	}
	if string(name) != string(f.name) {
		f.name = append(f.name[:0], name...)
		f.isBold, f.isGothic = boldName(string(name)), gothicName(string(name))
		f.id = uint16(len(f.names))
		for k, n := range f.names {
			if n == string(name) {
				f.id = uint16(k)
			}
		}
		if int(f.id) == len(f.names) {
			f.names = append(f.names, string(name))
		}
	}
	return f.isBold, f.isGothic
}
