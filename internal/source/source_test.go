package source

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/doc"
	"github.com/sourcecmp/sourcecmp/internal/htmldoc"
	"github.com/sourcecmp/sourcecmp/internal/parse"
	"github.com/sourcecmp/sourcecmp/internal/pdftext"
)

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDetectByContent: the content decides the format, whatever the name.
func TestDetectByContent(t *testing.T) {
	pdf := read(t, "../pdftext/testdata/pdfs/brief.pdf")
	page := read(t, "../htmldoc/testdata/pages/blog-notes.html")
	text := read(t, "../../seeds/documents/000_44cdff5f3fd1670f.txt")
	for _, c := range []struct {
		name string
		raw  []byte
		want string
	}{
		{"brief.pdf", pdf, doc.FormatPDF},
		{"brief.txt", pdf, doc.FormatPDF},
		{"download", pdf, doc.FormatPDF},
		{"page.html", page, doc.FormatHTML},
		{"page.txt", page, doc.FormatHTML},
		{"saved", []byte("\ufeff<!-- saved -->\n<!DOCTYPE html><html><body><p>x</p></body></html>"), doc.FormatHTML},
		{"000.txt", text, doc.FormatText},
	} {
		if got := Detect(c.name, c.raw); got != c.want {
			t.Errorf("Detect(%s) = %s, want %s", c.name, got, c.want)
		}
	}
	d, err := Parse("page.txt", page)
	if err != nil || d.Format != doc.FormatHTML || d.Title == nil || *d.Title != "北朝鮮兵のウクライナ派遣をどう読むか" {
		t.Errorf("an HTML page named .txt: %v, %+v", err, d)
	}
}

// TestBadInput: each broken file gets an error that names it and the
// problem.
func TestBadInput(t *testing.T) {
	dir := "../pdftext/testdata/pdfs"
	for _, c := range []struct {
		name string
		raw  []byte
		want error
	}{
		{"encrypted.pdf", read(t, filepath.Join(dir, "encrypted.pdf")), pdftext.ErrEncrypted},
		{"truncated.pdf", read(t, filepath.Join(dir, "truncated.pdf")), pdftext.ErrCorrupt},
		{"corrupt.pdf", read(t, filepath.Join(dir, "corrupt.pdf")), pdftext.ErrCorrupt},
		{"no-text.pdf", read(t, filepath.Join(dir, "no-text.pdf")), pdftext.ErrNoText},
		{"fake.pdf", []byte("not a PDF at all, just words\n"), pdftext.ErrNotPDF},
		{"notes.html", []byte("これはHTMLではなく、ただのテキストです。\n"), htmldoc.ErrNotHTML},
		{"index.html", []byte(`<!DOCTYPE html><html><body><nav><a href="/">ホーム</a> <a href="/news">ニュース</a></nav><footer>© 2025</footer></body></html>`), htmldoc.ErrNoContent},
		{"image.html", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), htmldoc.ErrNotHTML},
		{"empty.txt", []byte("  \n"), parse.ErrEmpty},
	} {
		_, err := Parse(c.name, c.raw)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: want %v, got %v", c.name, c.want, err)
			continue
		}
		if !strings.Contains(err.Error(), c.name) {
			t.Errorf("%s: the error does not name the file: %v", c.name, err)
		}
	}
}

// TestSlug: the slug drops any source extension, and only those.
func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"seeds/documents/000_44cdff5f3fd1670f.txt": "000_44cdff5f3fd1670f",
		"/tmp/brief.pdf": "brief", "page.HTML": "page", "a.htm": "a", "notes.meta.yaml": "notes.meta.yaml", "v1.2": "v1.2",
	} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSidecarAppliesToEveryFormat: a .meta.yaml next to a PDF supplies
// what the PDF does not state.
func TestSidecarAppliesToEveryFormat(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "brief.pdf")
	if err := os.WriteFile(pdf, read(t, "../pdftext/testdata/pdfs/brief.pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "brief.meta.yaml"), []byte("publisher: 北東アジア政策研究会\nurl: https://example.org/brief18.pdf\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := File(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if d.Publisher == nil || *d.Publisher != "北東アジア政策研究会" || d.URL == nil || *d.URL != "https://example.org/brief18.pdf" {
		t.Errorf("sidecar not applied: publisher %v, url %v", d.Publisher, d.URL)
	}
}

// TestErrorsAfterAGoodPDF: the same errors when PDFium has read another
// document first (its last-error state must not leak from one to the next).
func TestErrorsAfterAGoodPDF(t *testing.T) {
	dir := "../pdftext/testdata/pdfs"
	for _, name := range []string{"brief.pdf", "encrypted.pdf", "commentary.pdf", "truncated.pdf", "encrypted.pdf"} {
		_, err := Parse(name, read(t, filepath.Join(dir, name)))
		switch name {
		case "encrypted.pdf":
			if !errors.Is(err, pdftext.ErrEncrypted) {
				t.Errorf("%s after another PDF: %v", name, err)
			}
		case "truncated.pdf":
			if !errors.Is(err, pdftext.ErrCorrupt) {
				t.Errorf("%s after another PDF: %v", name, err)
			}
		default:
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}
