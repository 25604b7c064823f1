// Command inline points gqlgen's generated marshallers in graph/generated
// at the functions of graph/generated/inline.go, which marshal a list's
// items and an object's resolver fields one after the other instead of in
// a goroutine each, and make an object's group of deferred fields only
// when it has one. gqlgen has no option for it; `go generate ./graph`
// runs this after gqlgen.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// rewrites are gqlgen's calls and what they become.
var rewrites = []struct{ concurrent, inline []byte }{
	{[]byte("graphql.MarshalSliceConcurrently("), []byte("marshalSliceInline(")},
	{[]byte("out.ResolveConcurrently(ec.OperationContext, &deferred, i,"), []byte("resolveFieldInline(ctx, out, field, ec.OperationContext, &deferred, i,")},
	{[]byte("graphql.NewDeferredGroup(ctx)"), []byte("noDeferredGroup(ctx)")},
}

func main() {
	if err := rewrite(filepath.Join("generated", "*.generated.go")); err != nil {
		fmt.Fprintln(os.Stderr, "inline:", err)
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
		out := src
		for _, r := range rewrites {
			out = bytes.ReplaceAll(out, r.concurrent, r.inline)
		}
		if !bytes.Equal(out, src) {
			if err := os.WriteFile(f, out, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
