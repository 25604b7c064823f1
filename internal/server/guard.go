package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
)

// guardRequest refuses GraphQL requests that are malformed or too large
// before anything parses their query or touches the database: a POST
// must be JSON, its body within MaxBodyBytes and a JSON object whose
// members have the types GraphQL-over-HTTP gives them; the query text of
// a POST or GET must be within MaxQueryBytes. gqlgen then reads the body
// again from memory.
func guardRequest(p Policy, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setJSONHeaders(w.Header())
		var query string
		switch r.Method {
		case http.MethodGet:
			vals, err := url.ParseQuery(r.URL.RawQuery)
			if err != nil {
				writeError(w, r, http.StatusBadRequest, codeBadRequest, "the URL's query string is malformed", nil)
				return
			}
			query = vals.Get("query")
		case http.MethodPost:
			media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
			if err == nil && media == contentTypeMultipart {
				q, ok := guardMultipart(w, r, p)
				if !ok {
					return
				}
				query = q
				break
			}
			if err != nil || media != contentTypeJSON {
				writeError(w, r, http.StatusUnsupportedMediaType, codeMediaType,
					fmt.Sprintf("send GraphQL requests as JSON with Content-Type: application/json (got %.100q)", r.Header.Get("Content-Type")), nil)
				return
			}
			body, ok := readBody(w, r, bodyLimit(p, r))
			if !ok {
				return
			}
			if query, err = requestQuery(body); err != nil {
				writeError(w, r, http.StatusBadRequest, codeBadRequest, err.Error(), nil)
				return
			}
			if !allowOversize(w, r, p, len(body), query) {
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.ContentLength = int64(len(body))
		}
		if limit := p.MaxQueryBytes; limit > 0 && len(query) > limit {
			writeError(w, r, http.StatusRequestEntityTooLarge, codeQueryLimit,
				fmt.Sprintf("the query is %d bytes, which exceeds the limit of %d by %d (send a shorter query, or a persisted one by its hash)", len(query), limit, len(query)-limit),
				map[string]any{"limit": limit, "actual": len(query)})
			return
		}
		next.ServeHTTP(w, r)
	})
}

// readBody reads a request body of at most limit bytes (any size when
// limit is zero). It answers the refusal itself and returns false when
// the body is too large or cannot be read.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, bool) {
	tooLarge := func(actual string, extra map[string]any) {
		writeError(w, r, http.StatusRequestEntityTooLarge, codeBodyLimit,
			fmt.Sprintf("the request body is %s, which exceeds the limit of %d bytes", actual, limit), extra)
	}
	if limit > 0 && r.ContentLength > limit {
		tooLarge(fmt.Sprintf("%d bytes", r.ContentLength), map[string]any{"limit": limit, "actual": r.ContentLength})
		return nil, false
	}
	src := r.Body
	if limit > 0 {
		src = http.MaxBytesReader(w, r.Body, limit) // also closes the connection of a client that keeps sending
	}
	body, err := io.ReadAll(src)
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		tooLarge("larger", map[string]any{"limit": limit})
		return nil, false
	case err != nil:
		writeError(w, r, http.StatusBadRequest, codeBadRequest, "the request body could not be read to its end", nil)
		return nil, false
	}
	return body, true
}

// requestQuery checks that body is a GraphQL-over-HTTP request (a JSON
// object with a string query, a string operationName, object variables
// and extensions, each optional) and returns its query. Other members are
// ignored, as the spec allows. The errors are safe to show.
func requestQuery(body []byte) (string, error) {
	var req struct {
		Query         *string         `json:"query"`
		OperationName *string         `json:"operationName"`
		Variables     json.RawMessage `json:"variables"`
		Extensions    json.RawMessage `json:"extensions"`
	}
	err := json.Unmarshal(body, &req)
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntaxErr):
		return "", fmt.Errorf("the request body is not valid JSON (at byte %d)", syntaxErr.Offset)
	case errors.As(err, &typeErr) && typeErr.Field == "":
		return "", errors.New("the request body must be one JSON object (batched requests are not supported)")
	case errors.As(err, &typeErr):
		return "", fmt.Errorf("the request's %q must be a string", typeErr.Field)
	case err != nil:
		return "", errors.New("the request body is not valid JSON")
	}
	for name, raw := range map[string]json.RawMessage{"variables": req.Variables, "extensions": req.Extensions} {
		if v := bytes.TrimSpace(raw); len(v) > 0 && v[0] != '{' && !bytes.Equal(v, []byte("null")) {
			return "", fmt.Errorf("the request's %q must be a JSON object", name)
		}
	}
	if req.Query == nil {
		return "", nil
	}
	return *req.Query, nil
}
