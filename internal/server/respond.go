package server

import (
	"encoding/json"
	"net/http"
)

// Error codes of refusals made before GraphQL runs, in extensions.code.
// (Auth and database codes are graph's: UNAUTHENTICATED, UNAVAILABLE …)
const (
	codeBadRequest       = "BAD_REQUEST"
	codeMediaType        = "UNSUPPORTED_MEDIA_TYPE"
	codeBodyLimit        = "BODY_LIMIT_EXCEEDED"
	codeQueryLimit       = "QUERY_LIMIT_EXCEEDED"
	codeRateLimited      = "RATE_LIMITED"
	codeNotAllowed       = "PERSISTED_QUERY_NOT_ALLOWED"
	codeInternal         = "INTERNAL"
	codeUnauthenticated  = "UNAUTHENTICATED"
	codeForbidden        = "FORBIDDEN"
	codeUnavailable      = "UNAVAILABLE"
	contentSecurityJSON  = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
	contentTypeJSON      = "application/json"
	contentTypeJSONUTF8  = "application/json; charset=utf-8"
	retryAfterOutageSecs = "1"
)

// setJSONHeaders sets the headers of every API response: the content is
// data, never to be rendered, framed or cached by a shared cache.
func setJSONHeaders(h http.Header) {
	h.Set("Content-Security-Policy", contentSecurityJSON)
	h.Set("Cache-Control", "no-store")
}

// gqlError is one entry of a GraphQL response's errors.
type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// writeError answers with a GraphQL-shaped error, for refusals made
// before GraphQL runs: clients read every failure the same way. extra
// adds to extensions (the limit and the actual value, say).
func writeError(w http.ResponseWriter, r *http.Request, status int, code, message string, extra map[string]any) {
	ext := map[string]any{"code": code}
	if id := RequestID(r.Context()); id != "" {
		ext["requestId"] = id
	}
	for k, v := range extra {
		ext[k] = v
	}
	body, err := json.Marshal(struct {
		Errors []gqlError `json:"errors"`
	}{[]gqlError{{Message: message, Extensions: ext}}})
	if err != nil { // only plain values go in: a bug
		body = []byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)
	}
	h := w.Header()
	setJSONHeaders(h)
	h.Set("Content-Type", contentTypeJSONUTF8)
	h.Del("Content-Length")
	w.WriteHeader(status)
	w.Write(body)
}
