package server

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// TestWriteResponseIsMarshal: an answer written with gqlgen's data as it
// is has the bytes the standard encoder gives the same response, with or
// without errors and extensions; only <, > and & stay unescaped, as JSON
// allows.
func TestWriteResponseIsMarshal(t *testing.T) {
	data := json.RawMessage(`{"document":{"title":"日本の\"対外\"政策\n","text":"a < b & c > d","sections":[{"ordinal":1,"level":2}],"publishedOn":null}}`)
	failed := &gqlerror.Error{Message: "id: not a global ID", Path: ast.Path{ast.PathName("node")},
		Locations: []gqlerror.Location{{Line: 1, Column: 3}}, Extensions: map[string]any{"code": "INVALID_ARGUMENT"}}
	for name, resp := range map[string]*graphql.Response{
		"data":            {Data: data},
		"errors and data": {Errors: gqlerror.List{failed}, Data: json.RawMessage(`{"node":null}`)},
		"extensions":      {Data: data, Extensions: map[string]any{"cost": 12, "requestId": "r-1"}},
		"no data":         {Errors: gqlerror.List{failed}},
	} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(resp); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		writeResponse(&got, resp)
		if w := bytes.TrimSuffix(want.Bytes(), []byte("\n")); !bytes.Equal(got.Bytes(), w) {
			t.Errorf("%s:\n got %s\nwant %s", name, got.Bytes(), w)
		}
		marshalled, err := json.Marshal(resp)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(got.Bytes(), []byte("<")) && !bytes.Equal(got.Bytes(), marshalled) {
			t.Errorf("%s: without < > & the bytes differ from json.Marshal's:\n got %s\nwant %s", name, got.Bytes(), marshalled)
		}
	}
}
