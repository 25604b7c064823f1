package webui

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

func get(t testing.TB, h http.Handler, target string, header ...string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t testing.TB, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var pagePaths = []string{"/", "/compare", "/compare?topic=china-role", "/documents/000_44cdff5f3fd1670f"}

func TestPages(t *testing.T) {
	t.Parallel()
	h := Handler(Options{})
	for _, p := range pagePaths {
		res := get(t, h, p)
		b := body(t, res)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status %d", p, res.StatusCode)
		}
		if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", p, ct)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q, want no-cache", p, cc)
		}
		if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: CSP %q does not restrict scripts to the server", p, csp)
		}
		if !strings.Contains(b, `data-graphql="/graphql"`) {
			t.Errorf("GET %s: page does not name the default endpoint", p)
		}
		if strings.Contains(b, "{{") || strings.Contains(b, "@asset(") {
			t.Errorf("GET %s: unrendered placeholder in page", p)
		}
	}
}

func TestPageRevalidates(t *testing.T) {
	t.Parallel()
	h := Handler(Options{})
	etag := get(t, h, "/compare").Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on the page")
	}
	if res := get(t, h, "/compare", "If-None-Match", etag); res.StatusCode != http.StatusNotModified {
		t.Fatalf("revalidation: status %d, want 304", res.StatusCode)
	}
}

func TestGraphQLPathOption(t *testing.T) {
	t.Parallel()
	h := Handler(Options{GraphQLPath: `/api/graphql?x="<y>"`})
	b := body(t, get(t, h, "/compare"))
	if !strings.Contains(b, `data-graphql="/api/graphql?x=&#34;&lt;y&gt;&#34;"`) {
		t.Fatalf("endpoint not rendered escaped into the page:\n%s", b)
	}
	res := get(t, Handler(Options{GraphQLPath: "https://api.example.org/graphql"}), "/")
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "connect-src 'self' https://api.example.org;") {
		t.Fatalf("CSP does not allow the endpoint's origin: %q", csp)
	}
}

func TestNotFound(t *testing.T) {
	t.Parallel()
	h := Handler(Options{})
	for _, p := range []string{"/nope", "/documents/", "/documents/a/b", "/assets/missing-ABCDEF.js", "/assets/", "/index.html"} {
		if res := get(t, h, p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", p, res.StatusCode)
		}
	}
	req := httptest.NewRequest(http.MethodPost, "/compare", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /compare: status %d, want 405", rec.Code)
	}
}

var (
	scriptSrc = regexp.MustCompile(`<script[^>]*\ssrc="([^"]*)"`)
	linkHref  = regexp.MustCompile(`<link[^>]*\shref="([^"]*)"`)
	dataURL   = regexp.MustCompile(`data-worker-\w+="([^"]*)"`)
	cssURL    = regexp.MustCompile(`url\(\s*["']?([^"')]*)|@import\s+["']([^"']*)`)
)

// assetRefs returns the URLs a page loads: scripts, stylesheets, icons,
// the editor's workers, and what its stylesheets load in turn.
func assetRefs(t *testing.T, h http.Handler, page string) []string {
	t.Helper()
	html := body(t, get(t, h, page))
	var refs []string
	for _, re := range []*regexp.Regexp{scriptSrc, linkHref, dataURL} {
		for _, m := range re.FindAllStringSubmatch(html, -1) {
			refs = append(refs, m[1])
		}
	}
	if len(refs) < 3 {
		t.Fatalf("%s: found only %v", page, refs)
	}
	for _, ref := range refs {
		if !strings.HasSuffix(ref, ".css") {
			continue
		}
		for _, m := range cssURL.FindAllStringSubmatch(body(t, get(t, h, ref, "Accept-Encoding", "identity")), -1) {
			u := m[1] + m[2]
			switch {
			case strings.HasPrefix(u, "data:"):
			case strings.HasPrefix(u, "./"):
				refs = append(refs, "/assets/"+strings.TrimPrefix(u, "./"))
			default:
				refs = append(refs, u)
			}
		}
	}
	return refs
}

func TestAssetsAreLocal(t *testing.T) {
	t.Parallel()
	h := Handler(Options{})
	for _, page := range []string{"/", "/compare", "/documents/x"} {
		for _, ref := range assetRefs(t, h, page) {
			if !strings.HasPrefix(ref, "/assets/") || strings.HasPrefix(ref, "//") {
				t.Errorf("%s loads %q, which is not one of the server's assets", page, ref)
				continue
			}
			res := get(t, h, ref, "Accept-Encoding", "identity")
			n := len(body(t, res))
			if res.StatusCode != http.StatusOK || n == 0 {
				t.Errorf("%s loads %s: status %d, %d bytes", page, ref, res.StatusCode, n)
			}
		}
	}
}

func TestAssetHeaders(t *testing.T) {
	t.Parallel()
	h := Handler(Options{})
	want := map[string]string{
		".js":  "text/javascript; charset=utf-8",
		".css": "text/css; charset=utf-8",
		".svg": "image/svg+xml",
		".ttf": "font/ttf",
	}
	seen := map[string]bool{}
	for _, ref := range assetRefs(t, h, "/") {
		ext := ref[strings.LastIndex(ref, "."):]
		res := get(t, h, ref)
		if got := res.Header.Get("Content-Type"); got != want[ext] {
			t.Errorf("%s: Content-Type %q, want %q", ref, got, want[ext])
		}
		if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q", ref, cc)
		}
		seen[ext] = true
	}
	for ext := range want {
		if !seen[ext] {
			t.Errorf("the playground loads no %s asset; the check above did not run for it", ext)
		}
	}
}

func TestAssetGzip(t *testing.T) {
	t.Parallel()
	h := Handler(Options{})
	var js string
	for _, ref := range assetRefs(t, h, "/") {
		if strings.Contains(ref, "/playground-") && strings.HasSuffix(ref, ".js") {
			js = ref
		}
	}
	plain := get(t, h, js)
	raw := body(t, plain)
	if plain.Header.Get("Content-Encoding") != "" {
		t.Fatalf("gzip sent to a client that did not ask for it")
	}
	zipped := get(t, h, js, "Accept-Encoding", "br, gzip")
	if zipped.Header.Get("Content-Encoding") != "gzip" || zipped.Header.Get("Vary") != "Accept-Encoding" {
		t.Fatalf("headers %v", zipped.Header)
	}
	zb := body(t, zipped)
	zr, err := gzip.NewReader(strings.NewReader(zb))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(unzipped, []byte(raw)) {
		t.Fatal("gzipped asset does not decode to the asset")
	}
	if len(zb) > len(raw)/2 {
		t.Errorf("gzip saves little: %d of %d bytes", len(zb), len(raw))
	}
	t.Logf("%s: %d bytes, %d gzipped", js, len(raw), len(zb))
	if res := get(t, h, js, "Accept-Encoding", "gzip;q=0"); res.Header.Get("Content-Encoding") != "" {
		t.Error("gzip sent although refused with q=0")
	}
}

// BenchmarkServe measures a page and the playground's bundle, gzipped, once
// the bundle's compression is cached (the first request pays for it).
func BenchmarkServe(b *testing.B) {
	h := Handler(Options{})
	js := scriptSrc.FindStringSubmatch(body(b, get(b, h, "/")))[1]
	for _, target := range []string{"/compare", js} {
		b.Run(strings.TrimPrefix(target, "/assets/"), func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, target, nil)
			req.Header.Set("Accept-Encoding", "gzip")
			for b.Loop() {
				w := &discard{header: http.Header{}}
				h.ServeHTTP(w, req)
				if w.code != http.StatusOK {
					b.Fatalf("status %d", w.code)
				}
			}
		})
	}
}

// discard is a ResponseWriter that keeps nothing, as a socket would not.
type discard struct {
	header http.Header
	code   int
}

func (d *discard) Header() http.Header         { return d.header }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(code int)        { d.code = code }
