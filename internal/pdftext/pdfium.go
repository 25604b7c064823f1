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
	ErrNoBody    = errors.New("the PDF's text has no body paragraphs: only a title, headings, captions, notes or page furniture")
)

// PDFium runs as WebAssembly inside the process (wazero): no cgo, no
// library on the host, the same in the static container image. PDFium is
// single-threaded, so the process keeps one instance per core (at most
// four), each serving one caller at a time, so that files ingested
// together are read in parallel.
var (
	poolOnce sync.Once
	workers  chan *wasmPDFium
	poolErr  error
)

// maxWorkers bounds the instances: each holds its own WebAssembly memory.
const maxWorkers = 4

// acquire takes a PDFium instance, starting the pool on first use: the
// module compiles in seconds, and with the compilation cache (see
// cacheDir) later processes start in a fraction of that.
func acquire() (*wasmPDFium, error) {
	poolOnce.Do(startPool)
	if poolErr != nil {
		return nil, poolErr
	}
	return <-workers, nil
}

func release(w *wasmPDFium) { workers <- w }

// Warm starts PDFium now and reports whether it started: the first PDF
// a process reads would otherwise wait seconds for the WebAssembly module
// to compile (less with the compilation cache). A server calls it in the
// background as it starts, so that no request's deadline pays for it.
func Warm() error {
	poolOnce.Do(startPool)
	return poolErr
}

func startPool() {
	rc := wazero.NewRuntimeConfig().WithCoreFeatures(api.CoreFeaturesV2 | experimental.CoreFeaturesExceptionHandling)
	if dir := cacheDir(); dir != "" {
		if cache, err := wazero.NewCompilationCacheWithDir(dir); err == nil {
			rc = rc.WithCompilationCache(cache)
		}
	}
	n := min(runtime.GOMAXPROCS(0), maxWorkers)
	pool, err := webassembly.Init(webassembly.Config{MinIdle: 1, MaxIdle: n, MaxTotal: n, RuntimeConfig: rc})
	if err != nil {
		poolErr = fmt.Errorf("start PDFium: %w", err)
		return
	}
	workers = make(chan *wasmPDFium, n)
	for range n {
		inst, err := pool.GetInstance(time.Minute)
		if err != nil {
			poolErr = fmt.Errorf("start PDFium: %w", err)
			return
		}
		w, err := newWasmPDFium(inst)
		if err != nil {
			poolErr = fmt.Errorf("start PDFium: %w", err)
			return
		}
		workers <- w
	}
}

// cacheDir is where wazero keeps PDFium's compiled code between
// processes: $SOURCECMP_CACHE_DIR, else the user's cache directory. It
// is "" (compile in memory, every process) when neither can be written,
// as in a read-only container whose user has no home.
func cacheDir() string {
	dir := os.Getenv("SOURCECMP_CACHE_DIR")
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "sourcecmp")
	}
	dir = filepath.Join(dir, "wazero")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ""
	}
	probe, err := os.CreateTemp(dir, ".probe-*")
	if err != nil {
		return ""
	}
	probe.Close()
	os.Remove(probe.Name())
	return dir
}

// glyph is one character the page draws, in points from the page's
// top-left corner.
type glyph struct {
	r                   rune
	x0, x1, top, bottom float64
	size                float64
	bold                bool
	gothic              bool   // set in a sans-serif face (ゴシック), not a serif one (明朝)
	spaced              bool   // PDFium infers a space before it
	font                uint16 // its font's index in its page's fonts
}

// page is the glyphs of one page in content order.
type page struct {
	width, height float64
	glyphs        []glyph
	fonts         []string // the names of the fonts its glyphs are set in
	// turned is set on a page set vertically and turned to be read as
	// lines (turnVertical): its page foot is at the right, past the
	// ends of the lines, and its head at the left.
	turned bool
	// browser is set on the pages a web browser printed (see
	// printedByBrowser): its text has no spacing between Japanese and
	// Latin letters but the spaces typed.
	browser bool
}

// readPages extracts every page's glyphs. (Splitting a long PDF between
// two instances was measured and dropped: each loads the document's fonts
// again, and on two busy cores that costs more than it saves.)
func readPages(raw []byte) ([]page, error) {
	w, err := acquire()
	if err != nil {
		return nil, err
	}
	defer release(w)
	d, buf, code, err := w.loadDocument(raw)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%w (%v)", ErrCorrupt, err)
	// PDFium's last-error code is not always right after an earlier
	// document, so the trailer's /Encrypt entry counts as well.
	case d == 0 && (code == errPassword || code == errSecurity || bytes.Contains(raw, []byte("/Encrypt"))):
		return nil, ErrEncrypted
	case d == 0:
		return nil, fmt.Errorf("%w (PDFium error %d)", ErrCorrupt, code)
	}
	defer w.call("free", buf)
	defer w.call("FPDF_CloseDocument", d)
	n, err := w.call("FPDF_GetPageCount", d)
	if err != nil || int32(n) < 0 {
		return nil, fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
	pages := make([]page, int32(n))
	for i := range pages {
		p, err := w.pageText(d, i)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w (%v)", i+1, ErrCorrupt, err)
		}
		pages[i] = p
	}
	return pages, nil
}

// PDFium's error codes (FPDF_GetLastError) for a document that is
// password-protected or uses an unsupported security handler.
const (
	errPassword = 4
	errSecurity = 5
)

// printedByBrowser reports a PDF a web browser or an HTML converter
// printed, by the producer or creator it names: Chromium's Skia,
// WebKit's Qt (wkhtmltopdf), Firefox's cairo is not told apart from
// other cairo users, and is left out.
func printedByBrowser(raw []byte) bool {
	for _, s := range []string{"Skia/PDF", "HeadlessChrome", "wkhtmltopdf"} {
		// As it is, or in UTF-16 as wkhtmltopdf writes its name.
		wide := make([]byte, 0, 2*len(s))
		for i := 0; i < len(s); i++ {
			wide = append(wide, 0, s[i])
		}
		if bytes.Contains(raw, []byte(s)) || bytes.Contains(raw, wide) {
			return true
		}
	}
	return false
}

// sjisGothic is 「ゴシック」 in Shift JIS, as some producers (JUST PDF)
// write a Japanese font's name undecoded.
const sjisGothic = "\x83\x53\x83\x56\x83\x62\x83\x4e"

// gothicName tells a sans-serif face by its font's name: the ゴシック
// Japanese word processors set headings in over a 明朝 body.
func gothicName(name string) bool {
	if strings.Contains(name, sjisGothic) {
		return true
	}
	n := strings.ToLower(name)
	for _, w := range []string{"gothic", "sans", "ゴシック", "meiryo", "メイリオ"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
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
