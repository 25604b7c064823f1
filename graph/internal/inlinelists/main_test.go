package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedListsAreInline fails when graph/generated was regenerated
// with gqlgen alone: run `go generate ./graph`, which also runs this
// command.
func TestGeneratedListsAreInline(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "generated", "*.generated.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no generated files (%v)", err)
	}
	inlined := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(src, concurrent) {
			t.Errorf("%s marshals lists with a goroutine per item: run `go generate ./graph`", f)
		}
		inlined += bytes.Count(src, inline)
	}
	if inlined == 0 {
		t.Error("no generated list marshaller calls marshalSliceInline")
	}
}

func TestRewrite(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "a.generated.go")
	src := "ret := graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, f)\nx := graphql.MarshalSliceConcurrently(ctx, 1, 0, false, g)\n"
	if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := rewrite(filepath.Join(dir, "*.generated.go")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(f)
	if want := "ret := marshalSliceInline(ctx, len(v), 0, false, f)\nx := marshalSliceInline(ctx, 1, 0, false, g)\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := rewrite(filepath.Join(dir, "none*.go")); err == nil {
		t.Error("a pattern that matches nothing is not an error")
	}
}
