// Package source reads a source file whatever its format: it tells a PDF,
// a web page and plain text apart by their content, and hands each to its
// parser (internal/pdftext, internal/htmldoc, internal/parse), so that
// `sourcecmp parse`, `sourcecmp ingest` and the ingestDocument mutation
// read files the same way.
package source

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/htmldoc"
	"github.com/sourcecmp/sourcecmp/internal/parse"
	"github.com/sourcecmp/sourcecmp/internal/pdftext"
)

// Extensions are the file names a directory is read for.
var Extensions = []string{".txt", ".pdf", ".html", ".htm"}

// MaxPDFSize is the largest PDF read; text and HTML keep the text
// parser's limit (parse.MaxFileSize). A commentary is a few hundred
// kilobytes, a report with photographs a few megabytes.
const MaxPDFSize = 64 << 20

// ErrTooLarge is returned for a file over its format's limit.
var ErrTooLarge = errors.New("file too large")

// Detect names the format of raw, the bytes of the file called name:
// doc.FormatPDF for "%PDF-" at the start, doc.FormatHTML for HTML markup
// at the start, otherwise doc.FormatText. The content decides, not the
// name: a page saved as .txt is read as HTML.
func Detect(name string, raw []byte) string {
	switch {
	case pdftext.Sniff(raw):
		return doc.FormatPDF
	case htmldoc.Sniff(raw):
		return doc.FormatHTML
	}
	return doc.FormatText
}

// Parse parses raw, the bytes of the file called name, in the format its
// content has. A file whose name promises PDF or HTML and whose content
// is neither is refused, not read as text. Errors name the file.
func Parse(name string, raw []byte) (*doc.Document, error) {
	format := Detect(name, raw)
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case format == doc.FormatText && ext == ".pdf":
		return nil, fmt.Errorf("parse %s: %w", name, pdftext.ErrNotPDF)
	case format == doc.FormatText && (ext == ".html" || ext == ".htm") && !htmldoc.IsMarkup(raw):
		return nil, fmt.Errorf("parse %s: %w", name, htmldoc.ErrNotHTML)
	case format == doc.FormatText && (ext == ".html" || ext == ".htm"):
		format = doc.FormatHTML // a fragment without <html>: still markup
	}
	switch format {
	case doc.FormatPDF:
		if len(raw) > MaxPDFSize {
			return nil, fmt.Errorf("parse %s: %w: %d MiB, the limit for PDF is %d MiB", name, ErrTooLarge, len(raw)>>20, MaxPDFSize>>20)
		}
		return pdftext.Parse(name, raw)
	case doc.FormatHTML:
		if len(raw) > parse.MaxFileSize {
			return nil, fmt.Errorf("parse %s: %w: %d MiB, the limit for HTML is %d MiB", name, ErrTooLarge, len(raw)>>20, parse.MaxFileSize>>20)
		}
		return htmldoc.Parse(name, raw)
	}
	return parse.Parse(name, raw)
}

// File reads and parses the file at path; its sidecar (<name>.meta.yaml)
// supplies metadata the file does not state and wins over the parser.
func File(path string) (*doc.Document, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	if info.Size() > MaxPDFSize {
		return nil, fmt.Errorf("parse %s: %w: %d MiB", path, ErrTooLarge, info.Size()>>20)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", path, err)
	}
	d, err := Parse(filepath.Base(path), raw)
	if err != nil {
		return nil, err
	}
	if err := parse.ApplySidecar(path, d); err != nil {
		return nil, err
	}
	return d, nil
}

// Slug is the key a file is stored under: its name without the directory
// and without a source extension (.txt, .pdf, .html, .htm).
func Slug(filename string) string {
	base := filepath.Base(filename)
	ext := filepath.Ext(base)
	for _, e := range Extensions {
		if strings.EqualFold(ext, e) {
			return strings.TrimSuffix(base, ext)
		}
	}
	return base
}

// IsSource reports whether a directory entry's name is a source file.
func IsSource(name string) bool {
	return Slug(name) != filepath.Base(name) && !strings.HasPrefix(filepath.Base(name), ".")
}
