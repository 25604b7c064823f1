package pdftext

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
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
// library on the host, the same in the static container image. One
// instance serves the process; PDFium is single-threaded, so calls take
// turns.
var (
	engineOnce sync.Once
	engine     pdfium.Pdfium
	engineErr  error
	engineMu   sync.Mutex
)

// instance returns the process's PDFium, compiling the module on first
// use (seconds; with the compilation cache in the user's cache
// directory, later processes start in a fraction of that).
func instance() (pdfium.Pdfium, error) {
	engineOnce.Do(func() {
		rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
		if dir, err := os.UserCacheDir(); err == nil {
			if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "sourcecmp", "wazero")); err == nil {
				rc = rc.WithCompilationCache(cache)
			}
		}
		pool, err := webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: 1, MaxTotal: 1, RuntimeConfig: rc})
		if err != nil {
			engineErr = fmt.Errorf("start PDFium: %w", err)
			return
		}
		engine, engineErr = pool.GetInstance(time.Minute)
	})
	return engine, engineErr
}

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

// readPages extracts every page's glyphs.
func readPages(raw []byte) ([]page, error) {
	inst, err := instance()
	if err != nil {
		return nil, err
	}
	engineMu.Lock()
	defer engineMu.Unlock()
	d, err := inst.OpenDocument(&requests.OpenDocument{File: &raw})
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
		return nil, ErrEncrypted
	case err != nil:
		return nil, fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
	defer inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: d.Document})
	count, err := inst.FPDF_GetPageCount(&requests.FPDF_GetPageCount{Document: d.Document})
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
	pages := make([]page, 0, count.PageCount)
	for i := range count.PageCount {
		size, err := inst.FPDF_GetPageSizeByIndex(&requests.FPDF_GetPageSizeByIndex{Document: d.Document, Index: i})
		if err != nil {
			return nil, fmt.Errorf("page %d: %w (%v)", i+1, ErrCorrupt, err)
		}
		res, err := inst.GetPageTextStructured(&requests.GetPageTextStructured{
			Page:                   requests.Page{ByIndex: &requests.PageByIndex{Document: d.Document, Index: i}},
			Mode:                   requests.GetPageTextStructuredModeChars,
			CollectFontInformation: true,
		})
		if err != nil {
			return nil, fmt.Errorf("page %d: %w (%v)", i+1, ErrCorrupt, err)
		}
		p := page{width: size.Width, height: size.Height}
		spaced := false
		for _, c := range res.Chars {
			r := []rune(c.Text)
			// PDFium adds the spaces and line ends it infers (size 1 or
			// none): a hint for the layout, not a glyph.
			if len(r) == 1 && r[0] == ' ' && (c.FontInformation == nil || c.FontInformation.Size <= 1) {
				spaced = true
				continue
			}
			if len(r) != 1 || c.FontInformation == nil || c.FontInformation.Size <= 1 || r[0] == '\r' || r[0] == '\n' || c.Angle > 0.01 && c.Angle < 6.27 {
				spaced = false
				continue
			}
			pos := c.PointPosition
			p.glyphs = append(p.glyphs, glyph{
				r: r[0], x0: pos.Left, x1: pos.Right, top: size.Height - pos.Top, bottom: size.Height - pos.Bottom,
				size: c.FontInformation.Size, spaced: spaced, bold: c.FontInformation.Weight >= 600 || strings.Contains(strings.ToLower(c.FontInformation.Name), "bold"),
			})
			spaced = false
		}
		pages = append(pages, p)
	}
	return pages, nil
}
