package server

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// Uploads: the ingestDocument mutation may send a body larger than
// MaxBodyBytes (a PDF in base64, or a multipart upload), up to
// MaxUploadBytes. Every other request keeps MaxBodyBytes. The operation
// is known only once the body is read, so the larger limit is read only
// for requests with credentials (ingestDocument needs an admin key), and
// a body over MaxBodyBytes is then refused unless it asks for nothing but
// ingestDocument.

// DefaultMaxUploadBytes fits a PDF of source.MaxPDFSize in base64 with
// the query around it.
const DefaultMaxUploadBytes = 90 << 20

const contentTypeMultipart = "multipart/form-data"

// bodyLimit is how much of r's body to read before its operation is known.
func bodyLimit(p Policy, r *http.Request) int64 {
	if p.MaxUploadBytes > p.MaxBodyBytes && p.MaxBodyBytes > 0 && r.Header.Get("Authorization") != "" {
		return p.MaxUploadBytes
	}
	return p.MaxBodyBytes
}

// allowOversize answers the refusal of a body over MaxBodyBytes that is
// not an ingestDocument upload, and reports whether the request may go on.
func allowOversize(w http.ResponseWriter, r *http.Request, p Policy, size int, query string) bool {
	if p.MaxBodyBytes <= 0 || int64(size) <= p.MaxBodyBytes || onlyIngestDocument(query) {
		return true
	}
	writeError(w, r, http.StatusRequestEntityTooLarge, codeBodyLimit,
		fmt.Sprintf("the request body is %d bytes, which exceeds the limit of %d bytes (only ingestDocument may send up to %d)", size, p.MaxBodyBytes, p.MaxUploadBytes),
		map[string]any{"limit": p.MaxBodyBytes, "actual": size})
	return false
}

// onlyIngestDocument reports whether every operation of query is a
// mutation selecting ingestDocument and nothing else.
func onlyIngestDocument(query string) bool {
	d, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil || len(d.Operations) == 0 || len(d.Fragments) > 0 {
		return false
	}
	for _, op := range d.Operations {
		if op.Operation != ast.Mutation || len(op.SelectionSet) == 0 {
			return false
		}
		for _, sel := range op.SelectionSet {
			f, ok := sel.(*ast.Field)
			if !ok || f.Name != "ingestDocument" {
				return false
			}
		}
	}
	return true
}

// guardMultipart checks a GraphQL multipart request (the upload spec): it
// must carry credentials and ask only for ingestDocument; its body is read
// within the upload limit and handed on from memory.
func guardMultipart(w http.ResponseWriter, r *http.Request, p Policy) (query string, ok bool) {
	if r.Header.Get("Authorization") == "" {
		writeError(w, r, http.StatusUnsupportedMediaType, codeMediaType,
			"multipart requests are for ingestDocument uploads and need an API key (Authorization: Bearer KEY)", nil)
		return "", false
	}
	_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" {
		writeError(w, r, http.StatusBadRequest, codeBadRequest, "the multipart request has no boundary", nil)
		return "", false
	}
	body, ok := readBody(w, r, bodyLimit(p, r))
	if !ok {
		return "", false
	}
	// The spec puts the operations part first.
	part, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).NextPart()
	if err != nil || part.FormName() != "operations" {
		writeError(w, r, http.StatusBadRequest, codeBadRequest, "the multipart request must start with its operations part", nil)
		return "", false
	}
	ops, err := io.ReadAll(io.LimitReader(part, p.MaxBodyBytes+1))
	if err == nil {
		query, err = requestQuery(ops)
	}
	if err != nil {
		writeError(w, r, http.StatusBadRequest, codeBadRequest, "operations: "+fmt.Sprint(err), nil)
		return "", false
	}
	if !onlyIngestDocument(query) {
		writeError(w, r, http.StatusBadRequest, codeBadRequest, "multipart requests may only call ingestDocument", nil)
		return "", false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	return query, true
}
