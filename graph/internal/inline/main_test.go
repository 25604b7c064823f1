package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedCodeIsInline fails when graph/generated was regenerated
// with gqlgen alone: run `go generate ./graph`, which also runs this
// command.
func TestGeneratedCodeIsInline(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "generated", "*.generated.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated files (%v)", err)
	}
	inlined := make([]int, len(rewrites))
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rewrites {
			if bytes.Contains(src, r.concurrent) {
				t.Errorf("%s calls %s: run `go generate ./graph`", f, r.concurrent)
			}
			inlined[i] += bytes.Count(src, r.inline)
		}
	}
	for i, n := range inlined {
		if n == 0 {
			t.Errorf("no generated code calls %s", rewrites[i].inline)
		}
	}
}

func TestRewrite(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.generated.go")
	src := "ret := graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, f)\nout.ResolveConcurrently(ec.OperationContext, &deferred, i,\n\ttrue, false, g)\n"
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := rewrite(filepath.Join(dir, "*.generated.go")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(f)
	if want := "ret := marshalSliceInline(ctx, len(v), 0, false, f)\nresolveFieldInline(ctx, out, field, ec.OperationContext, &deferred, i,\n\ttrue, false, g)\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := rewrite(filepath.Join(dir, "none*.go")); err == nil {
		t.Error("a pattern that matches nothing is not an error")
	}
}
