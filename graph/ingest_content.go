package graph

import (
	"encoding/base64"
	"fmt"
	"io"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/sourcecmp/sourcecmp/internal/source"
	"github.com/sourcecmp/sourcecmp/internal/store"
)

// ingestContent returns the file an ingestDocument call sends: exactly one
// of content (text), contentBase64 (any bytes) and file (a multipart
// upload). The errors name the argument.
func ingestContent(content, contentBase64 *string, file *graphql.Upload) ([]byte, error) {
	given := 0
	for _, set := range []bool{content != nil, contentBase64 != nil, file != nil} {
		if set {
			given++
		}
	}
	if given != 1 {
		return nil, store.Errorf(store.EInvalid, "ingestDocument: give exactly one of content, contentBase64 and file (got %d)", given)
	}
	switch {
	case content != nil:
		return []byte(*content), nil
	case contentBase64 != nil:
		// Tolerate the line breaks base64 tools write every 76 characters.
		clean := strings.Map(func(r rune) rune {
			if r == '\n' || r == '\r' || r == ' ' || r == '\t' {
				return -1
			}
			return r
		}, *contentBase64)
		raw, err := base64.StdEncoding.DecodeString(clean)
		if err != nil {
			if raw, err = base64.RawStdEncoding.DecodeString(clean); err != nil {
				return nil, store.Errorf(store.EInvalid, "contentBase64: not base64: %v", err)
			}
		}
		return raw, nil
	}
	raw, err := io.ReadAll(io.LimitReader(file.File, source.MaxPDFSize+1))
	if err != nil {
		return nil, fmt.Errorf("file: read the upload: %w", err)
	}
	if len(raw) > source.MaxPDFSize {
		return nil, store.Errorf(store.EInvalid, "file: larger than %d MiB", source.MaxPDFSize>>20)
	}
	return raw, nil
}
