package webui

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"sync"
	"time"
)

// contentTypes names the types of the files the build emits, so that the
// answer does not depend on the host's MIME tables.
var contentTypes = map[string]string{
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
	".ttf":  "font/ttf",
	".woff": "font/woff",
	".txt":  "text/plain; charset=utf-8",
}

// compressible are the types worth gzipping; fonts other than TTF already
// are compressed.
var compressible = map[string]bool{".js": true, ".css": true, ".svg": true, ".ttf": true, ".txt": true}

// assetServer serves the built assets. Their names carry a content hash,
// so they are cached for a year; each is gzipped once, on first request.
type assetServer struct {
	files fs.FS
	mu    sync.Mutex
	cache map[string]*asset
}

type asset struct {
	once sync.Once
	raw  []byte
	gz   []byte // nil when gzip does not pay
	err  error
}

func newAssetServer(files fs.FS) *assetServer {
	return &assetServer{files: files, cache: map[string]*asset{}}
}

func (s *assetServer) get(name string) *asset {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.cache[name]
	if !ok {
		a = &asset{}
		s.cache[name] = a
	}
	return a
}

func (a *asset) load(files fs.FS, name string) {
	a.raw, a.err = fs.ReadFile(files, name)
	if a.err != nil || !compressible[path.Ext(name)] || len(a.raw) < 1024 {
		return
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression) // the level is valid
	if _, err := zw.Write(a.raw); err != nil {
		return
	}
	if err := zw.Close(); err != nil {
		return
	}
	if buf.Len() < len(a.raw)*9/10 {
		a.gz = buf.Bytes()
	}
}

func (s *assetServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if !fs.ValidPath(name) || name == "." {
		http.NotFound(w, r)
		return
	}
	if _, err := fs.Stat(s.files, name); err != nil {
		http.NotFound(w, r)
		return
	}
	a := s.get(name)
	a.once.Do(func() { a.load(s.files, name) })
	if a.err != nil {
		http.Error(w, "cannot read asset", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	ct := contentTypes[path.Ext(name)]
	if ct == "" {
		ct = mime.TypeByExtension(path.Ext(name))
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("X-Content-Type-Options", "nosniff")
	body, etag := a.raw, `"`+name+`"`
	if a.gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r) {
			h.Set("Content-Encoding", "gzip")
			body, etag = a.gz, `"`+name+`.gz"`
		}
	}
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}
