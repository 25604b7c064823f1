// Package htmldoc turns a web page (a news article, a think-tank
// commentary, a blog post) into a document: the metadata its head states
// (JSON-LD, Open Graph, <meta>), and the article's own text in sections,
// with its footnotes and captions, without the site's chrome.
//
// Which part of the page is the article is decided by go-readability (a
// port of Firefox's Reader View); the structure of that part is then read
// from the original markup, where <sup>, <aside>, <figcaption> and note
// anchors still stand.
package htmldoc

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"

	"github.com/sourcecmp/sourcecmp/internal/doc"
)

// Errors for pages that cannot be read, wrapped with the file name.
var (
	ErrNotHTML   = errors.New("not an HTML page: no <html>, <head> or <body> markup at the start")
	ErrNoContent = errors.New("no main content found: the page has no article text (an index, a redirect or a page built by scripts?)")
)

// Sniff reports whether raw starts like an HTML document: a doctype, or
// one of <html>, <head>, <body> (after a byte-order mark, white space and
// comments), as browsers and http.DetectContentType decide; or markup
// whose first kilobytes hold <html> or <body> after what a server put
// before them (a PHP warning, a stray <style>).
func Sniff(raw []byte) bool {
	if IsMarkup(raw) {
		lower := bytes.ToLower(raw[:min(len(raw), 8192)])
		if bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<body")) {
			return true
		}
	}
	head := raw[:min(len(raw), 1024)]
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	for {
		head = bytes.TrimLeft(head, " \t\r\n\f")
		if !bytes.HasPrefix(head, []byte("<!--")) {
			break
		}
		end := bytes.Index(head, []byte("-->"))
		if end < 0 {
			return false
		}
		head = head[end+3:]
	}
	lower := bytes.ToLower(head[:min(len(head), 16)])
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<?xml"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return p != "<?xml" || bytes.Contains(bytes.ToLower(head), []byte("<html"))
		}
	}
	return false
}

// IsMarkup reports text that opens with a tag, a comment or a doctype
// (after a byte-order mark and white space): an HTML page or fragment.
func IsMarkup(raw []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(raw, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n\f")
	if len(t) < 2 || t[0] != '<' {
		return false
	}
	c := t[1] | 0x20
	return c >= 'a' && c <= 'z' || t[1] == '!'
}

// Parse reads the page raw, the bytes of the file called name: an HTML
// page, or a fragment that opens with a tag.
func Parse(name string, raw []byte) (*doc.Document, error) {
	if !IsMarkup(raw) && !Sniff(raw) {
		return nil, fmt.Errorf("parse %s: %w", name, ErrNotHTML)
	}
	text, err := decode(raw)
	if err != nil {
		return nil, fmt.Errorf("parse %s: decode the page: %w", name, err)
	}
	root, err := html.Parse(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	m := readMeta(root)
	article, r := locateArticle(root, m)
	if article == nil {
		return nil, fmt.Errorf("parse %s: %w", name, ErrNoContent)
	}
	w := newWalker(article, m.lineClasses)
	w.element(body(root), ctx{})
	d, err := assemble(w.blocks, m, r)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	sum := sha256.Sum256(raw)
	d.SourceFile = name
	d.ContentHash = "sha256:" + hex.EncodeToString(sum[:])
	return d, nil
}

// body returns the page's <body>, or the root for a fragment.
func body(root *html.Node) *html.Node {
	var found *html.Node
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Body {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(root)
	if found == nil {
		return root
	}
	return found
}

// language reads the page's lang attribute ("ja-JP" → "ja"), or guesses
// from the script of its text.
func language(lang string, text string) string {
	if lang != "" {
		return strings.ToLower(strings.FieldsFunc(lang, func(r rune) bool { return r == '-' || r == '_' })[0])
	}
	jp, latin := 0, 0
	for _, r := range text {
		switch {
		case isJP(r):
			jp++
		case r < 0x80 && (r|0x20 >= 'a' && r|0x20 <= 'z'):
			latin++
		}
	}
	if jp*4 >= latin {
		return "ja"
	}
	return "en"
}

// decode returns the page in UTF-8. Bytes that are valid UTF-8 are read
// as UTF-8 whatever the page declares: a page saved from a browser or
// passed through a tool is re-encoded in UTF-8 but keeps its original
// <meta charset="Shift_JIS">, and real Shift_JIS, EUC-JP or Latin-1 text
// with non-ASCII letters is almost never valid UTF-8. Only encodings that
// write in ASCII bytes (ISO-2022-JP, UTF-16) are taken at their word.
// Otherwise the declared encoding is used; undeclared, the Japanese
// encoding (Shift_JIS, EUC-JP) the page decodes from cleanly, as old
// Japanese sites serve pages without saying which.
func decode(raw []byte) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(raw, "text/html")
	sevenBit := name == "iso-2022-jp" || strings.HasPrefix(name, "utf-16")
	if utf8.Valid(raw) && !sevenBit {
		return raw, nil
	}
	if !certain && !sevenBit {
		for _, jp := range []encoding.Encoding{japanese.ShiftJIS, japanese.EUCJP} {
			if out, err := jp.NewDecoder().Bytes(raw); err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
				return out, nil
			}
		}
	}
	return io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(raw)))
}
