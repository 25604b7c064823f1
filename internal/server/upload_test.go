package server_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/sourcecmp/sourcecmp/internal/pdftext"
)

const ingestQuery = `mutation($name: String!, $b64: String) {
  ingestDocument(filename: $name, contentBase64: $b64) { status document { slug title format } }
}`

// TestIngestDocumentBinary: a PDF in base64 and a page uploaded by the
// GraphQL multipart request spec are stored; only ingestDocument may send
// a body over the body limit, and only with credentials; bad files are
// refused with an error naming them, and leave nothing behind.
func TestIngestDocumentBinary(t *testing.T) {
	t.Parallel()
	p := testPolicy()
	p.MaxBodyBytes, p.MaxUploadBytes = 64<<10, 4<<20
	f := guarded(t, newFixture(t), p)
	admin := "Bearer " + newKey(t, f.store, "ops", "admin")
	pdf, err := os.ReadFile("../pdftext/testdata/pdfs/brief.pdf")
	if err != nil {
		t.Fatal(err)
	}
	b64 := base64.StdEncoding.EncodeToString(pdf) // 220 KB: over the body limit
	// serve warms PDFium as it starts; so does the test, or the first PDF
	// pays the WebAssembly compilation (seconds; over the 15 s deadline on
	// a loaded machine whose compilation cache is still empty).
	if err := pdftext.Warm(); err != nil {
		t.Fatal(err)
	}

	t.Run("a PDF in base64", func(t *testing.T) {
		r := f.postAs(t, admin, ingestQuery, map[string]any{"name": "brief.pdf", "b64": b64})
		if r.Status != http.StatusOK || len(r.Errors) > 0 {
			t.Fatalf("%d %.500s", r.Status, r.Body)
		}
		want := `{"ingestDocument":{"status":"ADDED","document":{"slug":"brief","title":"制裁監視の空白をどう埋めるか","format":"PDF"}}}`
		if string(r.Data) != want {
			t.Errorf("got %s, want %s", r.Data, want)
		}
	})
	t.Run("other requests keep the body limit", func(t *testing.T) {
		pad := map[string]any{"pad": strings.Repeat("x", 100<<10)}
		r := f.postAs(t, admin, `query($pad: String) { documents { totalCount } }`, pad)
		onlyCode(t, r, "BODY_LIMIT_EXCEEDED")
		if r.Status != http.StatusRequestEntityTooLarge || !strings.Contains(r.Errors[0].Message, "only ingestDocument") {
			t.Errorf("%d %.300s", r.Status, r.Body)
		}
		// An ingestDocument beside another field does not get the upload limit.
		mixed := `mutation($name: String!, $b64: String) { ingestDocument(filename: $name, contentBase64: $b64) { status } deleteStance(id: "x") }`
		onlyCode(t, f.postAs(t, admin, mixed, map[string]any{"name": "brief.pdf", "b64": b64}), "BODY_LIMIT_EXCEEDED")
		// Without credentials the larger body is not even read.
		onlyCode(t, f.postAs(t, "", ingestQuery, map[string]any{"name": "brief.pdf", "b64": b64}), "BODY_LIMIT_EXCEEDED")
	})
	t.Run("a page by multipart upload", func(t *testing.T) {
		page, err := os.ReadFile("../htmldoc/testdata/pages/blog-notes.html")
		if err != nil {
			t.Fatal(err)
		}
		body, ctype := multipartUpload(t, "blog-notes.html", page)
		r := f.send(t, http.MethodPost, "/graphql", ctype, body, http.Header{"Authorization": {admin}})
		want := `{"ingestDocument":{"status":"ADDED","document":{"slug":"blog-notes","format":"HTML"}}}`
		if r.Status != http.StatusOK || string(r.Data) != want {
			t.Errorf("%d %.500s, want %s", r.Status, r.Body, want)
		}
		r = f.send(t, http.MethodPost, "/graphql", ctype, body, nil)
		onlyCode(t, r, "UNSUPPORTED_MEDIA_TYPE")
	})
	t.Run("bad files and arguments", func(t *testing.T) {
		before := dbState(t, f.store)
		enc, err := os.ReadFile("../pdftext/testdata/pdfs/encrypted.pdf")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			vars map[string]any
			msg  string
		}{
			{map[string]any{"name": "secret.pdf", "b64": base64.StdEncoding.EncodeToString(enc)}, "parse secret.pdf: the PDF is encrypted"},
			{map[string]any{"name": "page.html", "b64": base64.StdEncoding.EncodeToString([]byte("plain words, no markup"))}, "parse page.html: not an HTML page"},
			{map[string]any{"name": "x.pdf", "b64": "%%% not base64"}, "contentBase64: not base64"},
			{map[string]any{"name": "x.pdf"}, "exactly one of content, contentBase64 and file"},
		} {
			r := f.postAs(t, admin, ingestQuery, c.vars)
			onlyCode(t, r, "INVALID_ARGUMENT")
			if len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, c.msg) {
				t.Errorf("want an error saying %q, got %.300s", c.msg, r.Body)
			}
		}
		if after := dbState(t, f.store); after != before {
			t.Errorf("refused uploads changed the database")
		}
	})
}

// multipartUpload builds an ingestDocument request by the GraphQL
// multipart request spec, as Apollo's and urql's upload clients send it.
func multipartUpload(t *testing.T, name string, content []byte) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	ops, _ := json.Marshal(map[string]any{
		"query":     `mutation($f: Upload!, $name: String!) { ingestDocument(filename: $name, file: $f) { status document { slug format } } }`,
		"variables": map[string]any{"f": nil, "name": name},
	})
	w.WriteField("operations", string(ops))
	w.WriteField("map", `{"0": ["variables.f"]}`)
	part, err := w.CreateFormFile("0", name)
	if err != nil {
		t.Fatal(err)
	}
	part.Write(content)
	w.Close()
	return buf.Bytes(), w.FormDataContentType()
}
