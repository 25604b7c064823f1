package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// GraphQL over HTTP (graphql.github.io/graphql-over-http): gqlgen's GET
// and POST transports with the status codes and bodies the spec asks
// for. A request error (the document does not parse or validate, the
// variables do not coerce, a limit refuses it) has no data entry, and its
// status depends on what the client accepts: 200 for application/json,
// whose clients read errors from the body, 400 for
// application/graphql-response+json, whose clients read the status. An
// operation with @defer from a client that takes one JSON answer gets one
// answer with the deferred fragments in place; a client that accepts
// multipart/mixed gets it in parts (incremental.go).

const contentTypeGraphQLResponse = "application/graphql-response+json"

// postJSON answers POST requests with a JSON body.
type postJSON struct{}

// Supports implements graphql.Transport.
func (postJSON) Supports(r *http.Request) bool {
	media, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return r.Method == http.MethodPost && err == nil && media == contentTypeJSON
}

// Do implements graphql.Transport. guardRequest has read and checked the
// body already: a body that does not decode here is a bug.
func (postJSON) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	params := &graphql.RawParams{Headers: r.Header}
	params.ReadTime.Start = graphql.Now()
	body, err := io.ReadAll(r.Body)
	if err == nil {
		err = decodeJSON(bytes.NewReader(body), params)
	}
	if err != nil {
		requestError(w, r, exec, nil, http.StatusBadRequest, gqlerror.List{gqlerror.Errorf("the request body is not a GraphQL request: %v", err)})
		return
	}
	params.ReadTime.End = graphql.Now()
	execute(w, r, exec, params, body)
}

// getJSON answers GET requests, whose parameters are in the URL; they may
// only run queries.
type getJSON struct{}

// Supports implements graphql.Transport.
func (getJSON) Supports(r *http.Request) bool { return r.Method == http.MethodGet }

// Do implements graphql.Transport.
func (getJSON) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	vals, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		requestError(w, r, exec, nil, http.StatusBadRequest, gqlerror.List{gqlerror.Errorf("the URL's query string is malformed")})
		return
	}
	params := &graphql.RawParams{Query: vals.Get("query"), OperationName: vals.Get("operationName"), Headers: r.Header}
	params.ReadTime.Start = graphql.Now()
	for name, into := range map[string]*map[string]any{"variables": &params.Variables, "extensions": &params.Extensions} {
		if v := vals.Get(name); v != "" {
			if err := decodeJSON(strings.NewReader(v), into); err != nil {
				requestError(w, r, exec, nil, http.StatusBadRequest, gqlerror.List{gqlerror.Errorf("%s must be a JSON object", name)})
				return
			}
		}
	}
	params.ReadTime.End = graphql.Now()
	execute(w, r, exec, params, nil)
}

// execute runs one request's operation and writes its answer. body is a
// POST's (nil for GET, which may only run queries).
func execute(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor, params *graphql.RawParams, body []byte) {
	if params.Query == "" && params.Extensions["persistedQuery"] == nil {
		requestError(w, r, exec, nil, http.StatusBadRequest, gqlerror.List{gqlerror.Errorf("the request has no query (nor the hash of a persisted one)")})
		return
	}
	ctx := r.Context()
	oc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		status := http.StatusOK
		if acceptsGraphQLResponse(r) {
			status = http.StatusBadRequest
		}
		requestError(w, r, exec, oc, status, errs)
		return
	}
	op := oc.Doc.Operations.ForName(oc.OperationName)
	if body == nil && op.Operation != ast.Query {
		w.Header().Set("Allow", http.MethodPost)
		requestError(w, r, exec, oc, http.StatusMethodNotAllowed, gqlerror.List{gqlerror.Errorf("GET requests may only run queries: send %s with POST", op.Operation)})
		return
	}
	if body != nil && acceptsMultipart(r) && defers(op, oc.Doc.Fragments) {
		r.Body = io.NopCloser(bytes.NewReader(body)) // gqlgen reads it again
		newIncremental().Do(w, r, exec)
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, oc)
	resp := inline(responses, ctx)
	w.Header().Set("Content-Type", responseType(r))
	writeResponse(w, resp)
}

// requestError answers a request that did not run: errors, no data.
func requestError(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor, oc *graphql.OperationContext, status int, errs gqlerror.List) {
	ctx := r.Context()
	if oc != nil {
		ctx = graphql.WithOperationContext(ctx, oc)
	}
	resp := exec.DispatchError(ctx, errs) // through the error presenter
	w.Header().Set("Content-Type", responseType(r))
	w.WriteHeader(status)
	writeJSON(w, struct {
		Errors     gqlerror.List  `json:"errors"`
		Extensions map[string]any `json:"extensions,omitempty"`
	}{resp.Errors, resp.Extensions})
}

// responseType is the media type of the answer: the spec's own when the
// client accepts it, else JSON (also for clients that say nothing).
func responseType(r *http.Request) string {
	if acceptsGraphQLResponse(r) {
		return contentTypeGraphQLResponse + "; charset=utf-8"
	}
	return contentTypeJSONUTF8
}

func acceptsGraphQLResponse(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), contentTypeGraphQLResponse)
}

// writeResponse writes an operation's answer as json.Marshal would, but
// with gqlgen's data as it is: gqlgen writes it compact already, and
// json.Marshal would scan and copy it again (a fifth of a large answer's
// cost) only to escape <, > and & (which JSON does not require). The data
// goes to w in one piece, not copied into a buffer first.
func writeResponse(w io.Writer, resp *graphql.Response) {
	if resp == nil || resp.Label != "" || resp.Path != nil || resp.HasNext != nil { // not after inline
		writeJSON(w, resp)
		return
	}
	head := []byte(`{`)
	if len(resp.Errors) > 0 {
		errs, err := json.Marshal(resp.Errors)
		if err != nil {
			writeJSON(w, resp)
			return
		}
		head = append(append(append(head, `"errors":`...), errs...), ',')
	}
	tail := []byte(`}`)
	if len(resp.Extensions) > 0 {
		ext, err := json.Marshal(resp.Extensions)
		if err != nil {
			writeJSON(w, resp)
			return
		}
		tail = append(append([]byte(`,"extensions":`), ext...), '}')
	}
	data := resp.Data
	if len(data) == 0 {
		data = []byte("null")
	}
	w.Write(append(head, `"data":`...))
	w.Write(data)
	w.Write(tail)
}

func writeJSON(w io.Writer, v any) {
	b, err := json.Marshal(v)
	if err != nil { // the responses are made of JSON already: a bug
		b = []byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)
	}
	w.Write(b)
}

// inline reads every response of an operation and puts the data of the
// deferred ones in place in the first, as if nothing had been deferred
// (the answer's fields then come in name order, not the query's).
func inline(responses graphql.ResponseHandler, ctx context.Context) *graphql.Response {
	first := responses(ctx)
	if first == nil || first.HasNext == nil {
		return first
	}
	var data any
	if err := decodeJSON(bytes.NewReader(first.Data), &data); err != nil {
		data = nil
	}
	for more := *first.HasNext; more; {
		next := responses(ctx)
		if next == nil {
			break
		}
		more = next.HasNext != nil && *next.HasNext
		first.Errors = append(first.Errors, next.Errors...)
		var part map[string]any
		if decodeJSON(bytes.NewReader(next.Data), &part) == nil {
			mergeAt(data, next.Path, part)
		}
	}
	if b, err := json.Marshal(data); err == nil {
		first.Data = b
	}
	first.HasNext = nil
	return first
}

// decodeJSON decodes JSON keeping numbers as they are written, as gqlgen
// does: an Int argument must not pass through a float64.
func decodeJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	return dec.Decode(v)
}

// mergeAt adds the fields of part to the object at path in data.
func mergeAt(data any, path ast.Path, part map[string]any) {
	for _, el := range path {
		switch el := el.(type) {
		case ast.PathName:
			m, _ := data.(map[string]any)
			data = m[string(el)]
		case ast.PathIndex:
			l, _ := data.([]any)
			if int(el) >= len(l) {
				return
			}
			data = l[el]
		}
	}
	if m, ok := data.(map[string]any); ok {
		for k, v := range part {
			m[k] = v
		}
	}
}
