// Package webui serves sourcecmp's web pages from files embedded in the
// binary: the GraphiQL playground at /, the comparison page at /compare
// and the document reader at /documents/{slug}. The pages load nothing
// from outside the server, so they work on a machine without internet.
//
// The pages are clients of the public GraphQL API and nothing else. Their
// sources live in src/ and are built into dist/ by `go generate` (npm ci and
// esbuild); dist/ is checked in so that `go build` needs no Node.js.
package webui

//go:generate sh -c "npm ci --no-audit --no-fund && npm run build"

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"
)

//go:embed dist
var dist embed.FS

// Options configures the pages.
type Options struct {
	// GraphQLPath is where the pages send their queries: a path on the
	// same server (default "/graphql") or an absolute URL.
	GraphQLPath string
}

// page is one rendered HTML page and the headers it is served with.
type page struct {
	body []byte
	etag string
	csp  string
}

// Handler returns the handler for the pages and their assets. Mount it at
// the server's root; it answers 404 for every other path.
func Handler(opts Options) http.Handler {
	if opts.GraphQLPath == "" {
		opts.GraphQLPath = "/graphql"
	}
	pages, err := renderPages(opts)
	if err != nil {
		// The templates are embedded and tested: this is a broken build.
		panic(fmt.Sprintf("webui: %v", err))
	}
	assets, err := fs.Sub(dist, "dist/assets")
	if err != nil {
		panic(fmt.Sprintf("webui: %v", err))
	}
	mux := http.NewServeMux()
	mux.Handle("GET /{$}", pages["index"])
	mux.Handle("GET /compare", pages["compare"])
	mux.Handle("GET /documents/{slug}", pages["document"])
	mux.Handle("GET /assets/{file}", newAssetServer(assets))
	return mux
}

// renderPages fills the GraphQL endpoint into each built page.
func renderPages(opts Options) (map[string]*page, error) {
	connect := "'self'"
	if u, err := url.Parse(opts.GraphQLPath); err == nil && u.Host != "" {
		connect += " " + u.Scheme + "://" + u.Host
	}
	// The playground's editor (Monaco, React) injects <style> elements and
	// runs workers; the other pages need nothing beyond their own files.
	strict := "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
		"connect-src " + connect + "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
	playground := "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
		"font-src 'self' data:; connect-src " + connect + "; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; " +
		"frame-ancestors 'none'; form-action 'self'"

	out := map[string]*page{}
	for name, csp := range map[string]string{"index": playground, "compare": strict, "document": strict} {
		tmpl, err := template.ParseFS(dist, "dist/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", name, err)
		}
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, struct{ GraphQLPath string }{opts.GraphQLPath}); err != nil {
			return nil, fmt.Errorf("render page %s: %w", name, err)
		}
		sum := sha256.Sum256(buf.Bytes())
		out[name] = &page{body: buf.Bytes(), etag: `"` + hex.EncodeToString(sum[:8]) + `"`, csp: csp}
	}
	return out, nil
}

// ServeHTTP sends the page. HTML is revalidated on every visit (no-cache
// with an ETag), so a new build's asset names are picked up at once.
func (p *page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", p.etag)
	h.Set("Content-Security-Policy", p.csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(p.body))
}

// acceptsGzip reports whether the request's Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if coding != "gzip" && coding != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}
