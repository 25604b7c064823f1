// Package model holds the GraphQL types that are not store rows:
// connections, page info, and the Go side of custom scalars. The rest of
// the models are generated into models_gen.go.
package model

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/sourcecmp/sourcecmp/internal/store"
)

// Node is any object with a global ID. It is empty so that the store's
// row types can be nodes without knowing about GraphQL; node resolution
// switches on the concrete type.
type Node interface{}

// PageInfo is Relay page information.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     *string
	EndCursor       *string
}

// Count computes a connection's totalCount, only when a client asks for
// it.
type Count func(ctx context.Context) (int, error)

// TotalCount is the number of items in the whole list, all pages.
func (c Count) TotalCount(ctx context.Context) (int, error) { return c(ctx) }

// DocumentConnection is one page of documents.
type DocumentConnection struct {
	Edges    []*DocumentEdge
	Nodes    []*store.Document
	PageInfo *PageInfo
	Count
}

// AuthorConnection is one page of authors.
type AuthorConnection struct {
	Edges    []*AuthorEdge
	Nodes    []*store.Author
	PageInfo *PageInfo
	Count
}

const dateLayout = "2006-01-02"

// MarshalDate writes the Date scalar: YYYY-MM-DD.
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.MarshalString(t.Format(dateLayout))
}

// UnmarshalDate reads the Date scalar; anything but a valid YYYY-MM-DD is
// an INVALID_ARGUMENT error.
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, dateError(fmt.Sprintf("a Date is a string YYYY-MM-DD, not %s", jsonKind(v)))
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		return time.Time{}, dateError(fmt.Sprintf("Date must be YYYY-MM-DD, got %q", s))
	}
	return t, nil
}

// jsonKind names the kind of a value as a client wrote it, in JSON's
// terms, not Go's.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number, int, int32, int64, float32, float64:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "a value of another type"
}

func dateError(msg string) error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": store.EInvalid}}
}

// WorkConnection is one page of cited works.
type WorkConnection struct {
	Edges    []*WorkEdge
	Nodes    []*store.Work
	PageInfo *PageInfo
	Count
}
