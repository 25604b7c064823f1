// Package export serves the data in formats other tools load: every
// citation as a W3C Web Annotation (JSON-LD), and every work the
// footnotes cite as CSL-JSON.
package export

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strings"

	"github.com/sourcecmp/sourcecmp/internal/biblio"
	"github.com/sourcecmp/sourcecmp/internal/gid"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Content types of the exports: the Web Annotation Protocol's, and CSL-JSON's
// registered one.
const (
	AnnotationType = `application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"`
	CSLType        = "application/vnd.citationstyles.csl+json"
)

// Exports serves the export endpoints.
type Exports struct {
	Store *store.Store
	Log   *slog.Logger
	// BaseURL is the scheme and host clients reach the server at
	// ("https://sourcecmp.example.org"), for the absolute IRIs JSON-LD
	// needs: configured, never taken from a request, whose Host header
	// any client may set.
	BaseURL string
	// RequestID names the request in the log line of a failure.
	RequestID func(context.Context) string
}

// Annotations serves every citation as a Web Annotation, in one
// AnnotationCollection (see Collection).
func (e *Exports) Annotations() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rows, err := e.Store.CitationExportList(r.Context(), ContextLen)
		if err != nil {
			e.fail(w, r, err)
			return
		}
		e.write(w, r, AnnotationType, Collection(strings.TrimSuffix(e.BaseURL, "/"), rows))
	})
}

// References serves every work some footnote cites as a CSL-JSON array,
// most cited first. An item's id is the work's global ID in the GraphQL
// API, so that a client can look the work up (node(id:)).
func (e *Exports) References() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		works, err := e.Store.WorkListAll(r.Context())
		if err != nil {
			e.fail(w, r, err)
			return
		}
		items := make([]biblio.CSLItem, 0, len(works))
		for _, wk := range works {
			items = append(items, wk.Biblio(gid.Encode(gid.Work, wk.ID)).CSL())
		}
		e.write(w, r, CSLType, items)
	})
}

func (e *Exports) write(w http.ResponseWriter, r *http.Request, contentType string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		e.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	// Every write changes what the exports hold: a cache must ask again.
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(append(b, '\n'))
}

// fail logs err and answers with a generic error: what went wrong in the
// database is not the client's business.
func (e *Exports) fail(w http.ResponseWriter, r *http.Request, err error) {
	id := ""
	if e.RequestID != nil {
		id = e.RequestID(r.Context())
	}
	e.Log.ErrorContext(r.Context(), "export failed", "request_id", id, "path", r.URL.Path, "err", err)
	http.Error(w, "internal error (request "+id+")", http.StatusInternalServerError)
}
