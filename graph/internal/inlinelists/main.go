// Command inlinelists points gqlgen's generated list marshallers in
// graph/generated at marshalSliceInline (graph/generated/lists.go), which
// marshals a list's items one after the other instead of in a goroutine
// each. gqlgen has no option for it; `go generate ./graph` runs this
// after gqlgen.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

var (
	concurrent = []byte("graphql.MarshalSliceConcurrently(")
	inline     = []byte("marshalSliceInline(")
)

func main() {
	if err := rewrite(filepath.Join("generated", "*.generated.go")); err != nil {
		fmt.Fprintln(os.Stderr, "inlinelists:", err)
		os.Exit(1)
	}
}

// rewrite rewrites the files that match pattern in place.
func rewrite(pattern string) error {
	files, err := filepath.Glob(pattern)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no files match %s", pattern)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		if out := bytes.ReplaceAll(src, concurrent, inline); !bytes.Equal(out, src) {
			if err := os.WriteFile(f, out, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
