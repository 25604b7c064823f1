package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
	"github.com/klippa-app/go-pdfium/webassembly"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Errors for PDFs that cannot be read, wrapped with the file name.
var (
	ErrEncrypted = errors.New("the PDF is encrypted (password-protected); save it without a password and try again")
	ErrCorrupt   = errors.New("the PDF is damaged or truncated: PDFium cannot read its structure")
	ErrNoText    = errors.New("the PDF has no text layer (a scan or an image); OCR is not supported, so run it through an OCR tool first")
	ErrNotPDF    = errors.New("not a PDF: it does not start with %PDF-")
)

// PDFium runs as WebAssembly inside the process (wazero): no cgo, no
// library on the host, the same in the static container image. PDFium is
// single-threaded, so the process keeps one instance per core (at most
// four), each serving one caller at a time, so that files ingested
// together are read in parallel.
var (
	poolOnce sync.Once
	workers  chan pdfium.Pdfium
	poolErr  error
)

// maxWorkers bounds the instances: each holds its own WebAssembly memory.
const maxWorkers = 4

// acquire takes a PDFium instance, starting the pool on first use: the
// module compiles in seconds, and with the compilation cache in the
// user's cache directory later processes start in a fraction of that.
func acquire() (pdfium.Pdfium, error) {
	poolOnce.Do(func() {
		rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
		if dir, err := os.UserCacheDir(); err == nil {
			if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "sourcecmp", "wazero")); err == nil {
				rc = rc.WithCompilationCache(cache)
			}
		}
		n := min(runtime.GOMAXPROCS(0), maxWorkers)
		pool, err := webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: n, MaxTotal: n, RuntimeConfig: rc})
		if err != nil {
			poolErr = fmt.Errorf("start PDFium: %w", err)
			return
		}
		workers = make(chan pdfium.Pdfium, n)
		for range n {
			inst, err := pool.GetInstance(time.Minute)
			if err != nil {
				poolErr = fmt.Errorf("start PDFium: %w", err)
				return
			}
			workers <- inst
		}
	})
	if poolErr != nil {
		return nil, poolErr
	}
	return <-workers, nil
}

func release(inst pdfium.Pdfium) { workers <- inst }

// glyph is one character the page draws, in points from the page's
// top-left corner.
type glyph struct {
	r                   rune
	x0, x1, top, bottom float64
	size                float64
	bold                bool
	spaced              bool // PDFium infers a space before it
}

// page is the glyphs of one page in content order.
type page struct {
	width, height float64
	glyphs        []glyph
}

// readPages extracts every page's glyphs. (Splitting a long PDF between
// two instances was measured and dropped: each loads the document's fonts
// again, and on two busy cores that costs more than it saves.)
func readPages(raw []byte) ([]page, error) {
	inst, err := acquire()
	if err != nil {
		return nil, err
	}
	defer release(inst)
	d, err := open(inst, raw)
	if err != nil {
		return nil, err
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: d})
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
	pages := make([]page, count.PageCount)
	if err := readRange(inst, d, pages, 0, count.PageCount); err != nil {
		return nil, err
	}
	return pages, nil
}

// open opens raw in inst, telling an encrypted PDF from a damaged one.
func open(inst pdfium.Pdfium, raw []byte) (references.FPDF_DOCUMENT, error) {
	d, err := inst.OpenDocument(&requests.OpenDocument{File: &raw})
	switch {
	// PDFium's last-error code is not always right after an earlier
	// document (go-pdfium 1.21 in WebAssembly reports "unexpected"), so
	// the trailer's /Encrypt entry counts as well.
	case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity),
		err != nil && bytes.Contains(raw, []byte("/Encrypt")):
		return "", ErrEncrypted
	case err != nil:
		return "", fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
	return d.Document, nil
}

// readRange reads pages [from, to) of document d into pages.
func readRange(inst pdfium.Pdfium, d references.FPDF_DOCUMENT, pages []page, from, to int) error {
	for i := from; i < to; i++ {
		size, err := inst.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: d, Index: i})
		if err != nil {
			return fmt.Errorf("page %d: %w (%v)", i+1, ErrCorrupt, err)
		}
		p, err := readPage(inst, d, i)
		if err != nil {
			return fmt.Errorf("page %d: %w (%v)", i+1, ErrCorrupt, err)
		}
		p.width, p.height = size.Width, size.Height
		for k := range p.glyphs {
			g := &p.glyphs[k]
			g.top, g.bottom = size.Height-g.top, size.Height-g.bottom
		}
		pages[i] = p
	}
	return nil
}

// readPage reads a page's characters with four PDFium calls each
// (character, box, size, font): PDFium's own structured call makes
// twice as many, and in WebAssembly the calls are the cost. Boxes are in
// PDF space (y up); the caller turns them.
func readPage(inst pdfium.Pdfium, d references.FPDF_DOCUMENT, index int) (page, error) {
	pg, err := inst.FPDF_LoadPage(&requests.FPDF_LoadPage{Document: d, Index: index})
	if err != nil {
		return page{}, err
	}
	defer inst.FPDF_ClosePage(&requests.FPDF_ClosePage{Page: pg.Page})
	tp, err := inst.FPDFText_LoadPage(&requests.FPDFText_LoadPage{Page: requests.Page{ByReference: &pg.Page}})
	if err != nil {
		return page{}, err
	}
	defer inst.FPDFText_ClosePage(&requests.FPDFText_ClosePage{TextPage: tp.TextPage})
	n, err := inst.FPDFText_CountChars(&requests.FPDFText_CountChars{TextPage: tp.TextPage})
	if err != nil {
		return page{}, err
	}
	var p page
	spaced := false
	for c := range n.Count {
		u, err := inst.FPDFText_GetUnicode(&requests.FPDFText_GetUnicode{TextPage: tp.TextPage, Index: c})
		if err != nil {
			return page{}, err
		}
		r := rune(u.Unicode)
		switch {
		case r == '\r' || r == '\n' || r == 0 || r == 0xFFFE:
			spaced = false
			continue
		case r == ' ':
			// PDFium adds the spaces it infers: a hint for the layout,
			// not a glyph.
			if gen, err := inst.FPDFText_IsGenerated(&requests.FPDFText_IsGenerated{TextPage: tp.TextPage, Index: c}); err == nil && gen.IsGenerated {
				spaced = true
				continue
			}
		}
		box, err := inst.FPDFText_GetCharBox(&requests.FPDFText_GetCharBox{TextPage: tp.TextPage, Index: c})
		if err != nil {
			return page{}, err
		}
		fs, err := inst.FPDFText_GetFontSize(&requests.FPDFText_GetFontSize{TextPage: tp.TextPage, Index: c})
		if err != nil {
			return page{}, err
		}
		if fs.FontSize <= 1 {
			spaced = false
			continue
		}
		// PDFium reports weight 400 for most embedded fonts; their names
		// say more (NotoSansCJKjp-Bold, MS-Gothic,Bold, …W6).
		bold := false
		if fi, err := inst.FPDFText_GetFontInfo(&requests.FPDFText_GetFontInfo{TextPage: tp.TextPage, Index: c}); err == nil {
			bold = boldName(fi.FontName)
		}
		p.glyphs = append(p.glyphs, glyph{r: r, x0: box.Left, x1: box.Right, top: box.Top, bottom: box.Bottom,
			size: fs.FontSize, bold: bold, spaced: spaced})
		spaced = false
	}
	return p, nil
}

// boldName tells a bold face by its font's name.
func boldName(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"bold", "black", "heavy", "semibold", "demi", "w6", "w7", "w8", "w9"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}
