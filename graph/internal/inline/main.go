// Command inline points gqlgen's generated marshallers in graph/generated
// at the functions of graph/generated/inline.go, which marshal a list's
// items and an object's resolver fields one after the other instead of in
// a goroutine each, make an object's group of deferred fields only
// when it has one, and marshal a non-null scalar read from the object's
// struct (a paragraph's text) at once, without the field context,
// middleware and closures gqlgen makes for every field; and it resolves
// the fields marked @relation through the relation table (relations.go).
// gqlgen has no option for it; `go generate ./graph` runs this after
// gqlgen.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
)

// rewrites are gqlgen's calls and what they become.
var rewrites = []struct{ concurrent, inline []byte }{
	{[]byte("graphql.MarshalSliceConcurrently("), []byte("marshalSliceInline(")},
	{[]byte("out.ResolveConcurrently(ec.OperationContext, &deferred, i,"), []byte("resolveFieldInline(ctx, out, field, ec.OperationContext, &deferred, i,")},
	{[]byte("graphql.NewDeferredGroup(ctx)"), []byte("noDeferredGroup(ctx)")},
}

// plainField is gqlgen's resolution of a scalar field read from the
// object (a struct field, or a method without arguments) with no
// directive; of these, the non-null String, ID, Int, Boolean and [String!]
// and the nullable String, Int and Date (plainSize) cannot fail, and
// their values need no field context.
var plainField = regexp.MustCompile(`return graphql\.ResolveField\(
		ctx,
		ec\.OperationContext,
		field,
		func\(ctx context\.Context, field graphql\.CollectedField\) \(\*graphql\.FieldContext, error\) \{
			return ec\.fieldContext_\w+\(ctx, field\)
		\},
		func\(ctx context\.Context\) \(any, error\) \{
			return (obj(?:\.\w+)+(?:\(\))?), nil
		\},
		nil,
		func\(ctx context\.Context, selections ast\.SelectionSet, v (\*?string|int|bool|\[\]string|\*int|\*time\.Time)\) graphql\.Marshaler \{
			return ec\.(marshal[NO][^(]+)\(ctx, selections, v\)
		\},
		true,
		(true|false),
	\)`)

// plainSize is the code that computes, from v, the size in the JSON that
// gqllimit's middleware estimates for a plain field's value, by type and
// nullability; other combinations are left to gqlgen.
var plainSize = map[string]string{
	"string true": "len(v)+2", "int true": "8", "bool true": "8",
	"[]string true": "stringsSize(v)", "*string false": "stringSize(v)",
	"*int false": "ptrSize(v)", "*time.Time false": "ptrSize(v)",
}

// inlinePlain rewrites the plain fields' resolution: the value is read and
// marshalled, and counted in the response's limits (plainField in
// inline.go) with the size gqllimit's middleware would estimate.
func inlinePlain(src []byte) []byte {
	return plainField.ReplaceAllFunc(src, func(m []byte) []byte {
		sub := plainField.FindSubmatch(m)
		size, ok := plainSize[string(sub[2])+" "+string(sub[4])]
		if !ok {
			return m
		}
		marshal, ok := quote[string(sub[3])]
		if !ok {
			marshal = fmt.Sprintf("ec.%s(ctx, field.Selections, v)", sub[3])
		}
		read := fmt.Sprintf("v := %s", sub[1])
		if bytes.Contains(sub[2], []byte(".")) { // the type names its package, which the file imports for it
			read = fmt.Sprintf("var v %s = %s", sub[2], sub[1])
		}
		return fmt.Appendf(nil, "%s\n\tplainField(ec.OperationContext, field, %s)\n\treturn %s", read, size, marshal)
	})
}

// quote holds the marshallers of strings that are graphql.MarshalString
// and nothing else, and what replaces them (quoted in inline.go, the
// same output in fewer steps).
var quote = map[string]string{
	"marshalNString2string": "quoted(v)", "marshalNID2string": "quoted(v)", "marshalOString2ᚖstring": "quotedOrNull(v)",
}

func main() {
	rels, err := relationFields("*.graphqls", "relations.go")
	if err == nil {
		err = rewrite(filepath.Join("generated", "*.generated.go"), rels)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "inline:", err)
		os.Exit(1)
	}
}

// rewrite rewrites the files that match pattern in place; rels are the
// fields marked @relation.
func rewrite(pattern string, rels []field) error {
	files, err := filepath.Glob(pattern)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no files match %s", pattern)
	}
	srcs, outs := make([][]byte, len(files)), make([][]byte, len(files))
	var emptied []string
	for i, f := range files {
		if srcs[i], err = os.ReadFile(f); err != nil {
			return err
		}
		out := inlinePlain(srcs[i])
		for _, r := range rewrites {
			out = bytes.ReplaceAll(out, r.concurrent, r.inline)
		}
		var e []string
		outs[i], e = rewriteRelations(out, rels)
		emptied = append(emptied, e...)
	}
	for i, f := range files {
		if bytes.Contains(outs[i], []byte("type ResolverRoot interface {")) {
			outs[i] = rewriteRoot(outs[i], emptied)
		}
		if !bytes.Equal(outs[i], srcs[i]) {
			if outs[i], err = format.Source(outs[i]); err != nil {
				return fmt.Errorf("%s: %w", f, err)
			}
			if err := os.WriteFile(f, outs[i], 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}
