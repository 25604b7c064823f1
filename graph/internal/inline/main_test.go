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
	plain := 0
	for _, f := range files {
		src, _ := os.ReadFile(f)
		if got := inlinePlain(src); !bytes.Equal(got, src) {
			t.Errorf("%s resolves a plain field through gqlgen: run `go generate ./graph`", f)
		}
		plain += bytes.Count(src, []byte("plainField(ec.OperationContext"))
	}
	if plain == 0 {
		t.Error("no generated code reads a plain field at once")
	}
}

// gqlgenField is the resolution gqlgen generates for a field read from
// the object, of type typ, marshalled by marshal.
func gqlgenField(read, typ, marshal, nonNull string) string {
	return `return graphql.ResolveField(
		ctx,
		ec.OperationContext,
		field,
		func(ctx context.Context, field graphql.CollectedField) (*graphql.FieldContext, error) {
			return ec.fieldContext_Paragraph_text(ctx, field)
		},
		func(ctx context.Context) (any, error) {
			return ` + read + `, nil
		},
		nil,
		func(ctx context.Context, selections ast.SelectionSet, v ` + typ + `) graphql.Marshaler {
			return ec.` + marshal + `(ctx, selections, v)
		},
		true,
		` + nonNull + `,
	)`
}

func TestInlinePlain(t *testing.T) {
	for _, c := range []struct{ read, typ, marshal, nonNull, want string }{
		{"obj.Text", "string", "marshalNString2string", "true",
			"v := obj.Text\n\tplainField(ec.OperationContext, field, len(v)+2)\n\treturn quoted(v)"},
		{"obj.GlobalID()", "string", "marshalNID2string", "true",
			"v := obj.GlobalID()\n\tplainField(ec.OperationContext, field, len(v)+2)\n\treturn quoted(v)"},
		{"obj.Affiliation", "*string", "marshalOString2ᚖstring", "false",
			"v := obj.Affiliation\n\tplainField(ec.OperationContext, field, stringSize(v))\n\treturn quotedOrNull(v)"},
		{"obj.Ordinal", "int", "marshalNInt2int", "true",
			"v := obj.Ordinal\n\tplainField(ec.OperationContext, field, 8)\n\treturn ec.marshalNInt2int(ctx, field.Selections, v)"},
		{"obj.URLs", "[]string", "marshalNString2ᚕstringᚄ", "true",
			"v := obj.URLs\n\tplainField(ec.OperationContext, field, stringsSize(v))\n\treturn ec.marshalNString2ᚕstringᚄ(ctx, field.Selections, v)"},
		{"obj.PublishedOn", "*time.Time", "marshalODate2ᚖtimeᚐTime", "false",
			"var v *time.Time = obj.PublishedOn\n\tplainField(ec.OperationContext, field, ptrSize(v))\n\treturn ec.marshalODate2ᚖtimeᚐTime(ctx, field.Selections, v)"},
		// Left to gqlgen: a non-null field held in a pointer (nil is an
		// error), a float (NaN is one), an object.
		{"obj.Heading", "*string", "marshalNString2ᚖstring", "true", ""},
		{"obj.Score", "float64", "marshalNFloat2float64", "true", ""},
		{"obj.Document", "*store.Document", "marshalNDocument2ᚖstore", "true", ""},
	} {
		src := gqlgenField(c.read, c.typ, c.marshal, c.nonNull)
		want := c.want
		if want == "" {
			want = src
		}
		if got := string(inlinePlain([]byte(src))); got != want {
			t.Errorf("%s %s: got\n%s\nwant\n%s", c.read, c.typ, got, want)
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
	if err := rewrite(filepath.Join(dir, "*.generated.go"), nil); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(f)
	if want := "ret := marshalSliceInline(ctx, len(v), 0, false, f)\nresolveFieldInline(ctx, out, field, ec.OperationContext, &deferred, i,\n\ttrue, false, g)\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := rewrite(filepath.Join(dir, "none*.go"), nil); err == nil {
		t.Error("a pattern that matches nothing is not an error")
	}
}

// TestRelationFieldsHaveNoResolver fails when graph/generated calls a
// resolver of its own for a field marked @relation, or when the marks
// and the relation table disagree.
func TestRelationFieldsHaveNoResolver(t *testing.T) {
	rels, err := relationFields(filepath.Join("..", "..", "*.graphqls"), filepath.Join("..", "..", "relations.go"))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "..", "generated", "*.generated.go"))
	calls := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if out, emptied := rewriteRelations(src, rels); !bytes.Equal(out, src) || len(emptied) > 0 {
			t.Errorf("%s resolves a relation field through a resolver of its own: run `go generate ./graph`", f)
		}
		if bytes.Contains(src, []byte("type ResolverRoot interface {")) && !bytes.Contains(src, []byte(relationRoot)) {
			t.Errorf("%s: ResolverRoot has no Relation method: run `go generate ./graph`", f)
		}
		calls += bytes.Count(src, []byte("return ec.Resolvers.Relation(ctx, obj)"))
	}
	if calls != len(rels) {
		t.Errorf("the generated code calls Relation for %d fields, the schema marks %d", calls, len(rels))
	}
}
