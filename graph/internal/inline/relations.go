package main

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"

	"github.com/99designs/gqlgen/codegen/templates"
	"github.com/vektah/gqlparser/v2"
	gqlast "github.com/vektah/gqlparser/v2/ast"
)

// A field marked @relation in the schema is answered by the relation
// table (graph/relations.go) through one method, Resolver.Relation,
// instead of a resolver of its own: graph/resolver.gotpl writes it none,
// and here its call becomes Relation's and its method leaves gqlgen's
// resolver interfaces (an interface left empty goes, with its method in
// ResolverRoot).

// field is a GraphQL object's field: {"Section", "paragraphs"}.
type field struct{ typ, name string }

// relationFields reads the fields marked @relation from the schema
// files and checks them against the keys of the relation table, so that
// neither can name a field the other does not.
func relationFields(schemaGlob, table string) ([]field, error) {
	files, err := filepath.Glob(schemaGlob)
	if err != nil {
		return nil, err
	}
	var sources []*gqlast.Source
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		sources = append(sources, &gqlast.Source{Name: f, Input: string(b)})
	}
	schema, err := gqlparser.LoadSchema(sources...)
	if err != nil {
		return nil, err
	}
	var marked []field
	for _, def := range schema.Types {
		for _, f := range def.Fields {
			if f.Directives.ForName("relation") != nil {
				marked = append(marked, field{def.Name, f.Name})
			}
		}
	}
	keys, err := tableKeys(table)
	if err != nil {
		return nil, err
	}
	sortFields(marked)
	sortFields(keys)
	if !slices.Equal(marked, keys) {
		return nil, fmt.Errorf("the fields marked @relation %v are not the keys of the relation table in %s %v", marked, table, keys)
	}
	return marked, nil
}

// tableKeys reads the keys of `var relations = map[fieldKey]relation{…}`.
func tableKeys(path string) ([]field, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return nil, err
	}
	var keys []field
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || vs.Names[0].Name != "relations" || len(vs.Values) != 1 {
			return true
		}
		for _, elt := range vs.Values[0].(*ast.CompositeLit).Elts {
			key := elt.(*ast.KeyValueExpr).Key.(*ast.CompositeLit)
			typ, _ := strconv.Unquote(key.Elts[0].(*ast.BasicLit).Value)
			name, _ := strconv.Unquote(key.Elts[1].(*ast.BasicLit).Value)
			keys = append(keys, field{typ, name})
		}
		return false
	})
	if len(keys) == 0 {
		return nil, fmt.Errorf("%s holds no relation table", path)
	}
	return keys, nil
}

func sortFields(fs []field) {
	slices.SortFunc(fs, func(a, b field) int { return cmp.Or(cmp.Compare(a.typ, b.typ), cmp.Compare(a.name, b.name)) })
}

// relationResolver is gqlgen's call of a field's resolver, with the
// field context it reads the arguments from.
var relationResolver = regexp.MustCompile(`(?m)^(\t+)(?:fc := graphql\.GetFieldContext\(ctx\)\n\t+)?return ec\.Resolvers\.(\w+)\(\)\.(\w+)\(ctx, obj.*\)$`)

// resolverInterface is gqlgen's resolver interface of an object, with
// its methods.
var resolverInterface = regexp.MustCompile(`(?m)^type (\w+)Resolver interface \{\n((?:\t.*\n|\n)*?)\}\n`)

// relationRoot is what ResolverRoot gains.
const relationRoot = `type ResolverRoot interface {
	// Relation answers a field marked @relation in the schema for the
	// object obj, from the relation table (graph/relations.go); the
	// field context holds its arguments.
	Relation(ctx context.Context, obj any) (any, error)
`

// rewriteRelations points the relation fields' resolution at
// Resolver.Relation and takes their methods out of the resolver
// interfaces; emptied reports the interfaces left without a method.
func rewriteRelations(src []byte, rels []field) (out []byte, emptied []string) {
	isRelation := func(typ, goName string) bool {
		for _, f := range rels {
			if f.typ == typ && templates.ToGo(f.name) == goName {
				return true
			}
		}
		return false
	}
	out = relationResolver.ReplaceAllFunc(src, func(m []byte) []byte {
		sub := relationResolver.FindSubmatch(m)
		if !isRelation(string(sub[2]), string(sub[3])) {
			return m
		}
		return fmt.Appendf(nil, "%sreturn ec.Resolvers.Relation(ctx, obj)", sub[1])
	})
	out = resolverInterface.ReplaceAllFunc(out, func(m []byte) []byte {
		sub := resolverInterface.FindSubmatch(m)
		typ := string(sub[1])
		var kept [][]byte
		for line := range bytes.Lines(sub[2]) {
			name, _, _ := bytes.Cut(bytes.TrimSpace(line), []byte("("))
			if len(name) > 0 && !isRelation(typ, string(name)) {
				kept = append(kept, line)
			}
		}
		if len(kept) == 0 {
			emptied = append(emptied, typ)
			return nil
		}
		return slices.Concat([]byte("type "+typ+"Resolver interface {\n"), bytes.Join(kept, nil), []byte("}\n"))
	})
	return out, emptied
}

// rewriteRoot takes the emptied interfaces' methods out of ResolverRoot
// and adds Relation.
func rewriteRoot(src []byte, emptied []string) []byte {
	for _, typ := range emptied {
		src = bytes.Replace(src, []byte("\t"+typ+"() "+typ+"Resolver\n"), nil, 1)
	}
	if bytes.Contains(src, []byte(relationRoot)) {
		return src
	}
	return bytes.Replace(src, []byte("type ResolverRoot interface {\n"), []byte(relationRoot), 1)
}
