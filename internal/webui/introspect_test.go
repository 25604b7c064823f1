package webui

import (
	"slices"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// introspection answers __schema and __type from the schema files, so the
// playground gets the same schema from the fake as from the real server.
type introspection struct {
	schema *ast.Schema
	types  map[string]obj
}

func (in *introspection) root() obj {
	var names []string
	for name := range in.schema.Types {
		names = append(names, name)
	}
	slices.Sort(names)
	var types []obj
	for _, n := range names {
		types = append(types, in.typ(in.schema.Types[n]))
	}
	var dirNames []string
	for name := range in.schema.Directives {
		dirNames = append(dirNames, name)
	}
	slices.Sort(dirNames)
	var dirs []obj
	for _, n := range dirNames {
		d := in.schema.Directives[n]
		var locs []string
		for _, l := range d.Locations {
			locs = append(locs, string(l))
		}
		dirs = append(dirs, obj{"__typename": "__Directive", "name": d.Name, "description": nullable(d.Description),
			"locations": locs, "isRepeatable": d.IsRepeatable, "args": in.args(d.Arguments)})
	}
	s := obj{"__typename": "__Schema", "description": nullable(in.schema.Description), "types": types, "directives": dirs,
		"queryType": in.typ(in.schema.Query), "mutationType": nil, "subscriptionType": nil}
	if in.schema.Mutation != nil {
		s["mutationType"] = in.typ(in.schema.Mutation)
	}
	return s
}

func (in *introspection) typeByName(args map[string]any) any {
	if d := in.schema.Types[strArg(args, "name")]; d != nil {
		return in.typ(d)
	}
	return nil
}

// typ is the __Type of a named type, built once so cycles share objects.
func (in *introspection) typ(d *ast.Definition) obj {
	if t, ok := in.types[d.Name]; ok {
		return t
	}
	t := obj{"__typename": "__Type", "kind": string(d.Kind), "name": d.Name, "description": nullable(d.Description),
		"specifiedByURL": nil, "isOneOf": false, "ofType": nil}
	in.types[d.Name] = t
	none := resolver(func(map[string]any) any { return nil })
	t["fields"], t["inputFields"], t["enumValues"] = none, none, none
	t["interfaces"], t["possibleTypes"] = nil, nil
	switch d.Kind {
	case ast.Object, ast.Interface:
		t["fields"] = resolver(func(args map[string]any) any {
			var out []obj
			for _, f := range d.Fields {
				if strings.HasPrefix(f.Name, "__") || (deprecated(f.Directives) && args["includeDeprecated"] != true) {
					continue
				}
				out = append(out, obj{"__typename": "__Field", "name": f.Name, "description": nullable(f.Description),
					"args": in.args(f.Arguments), "type": in.ref(f.Type), "isDeprecated": deprecated(f.Directives),
					"deprecationReason": reason(f.Directives)})
			}
			return nonNilObjs(out)
		})
		var ifaces []obj
		for _, name := range d.Interfaces {
			ifaces = append(ifaces, in.typ(in.schema.Types[name]))
		}
		t["interfaces"] = nonNilObjs(ifaces)
	case ast.Enum:
		t["enumValues"] = resolver(func(map[string]any) any {
			var out []obj
			for _, v := range d.EnumValues {
				out = append(out, obj{"__typename": "__EnumValue", "name": v.Name, "description": nullable(v.Description),
					"isDeprecated": deprecated(v.Directives), "deprecationReason": reason(v.Directives)})
			}
			return nonNilObjs(out)
		})
	case ast.InputObject:
		t["inputFields"] = resolver(func(map[string]any) any {
			var out []obj
			for _, f := range d.Fields {
				out = append(out, in.inputValue(f.Name, f.Description, f.Type, f.DefaultValue))
			}
			return nonNilObjs(out)
		})
	}
	if d.Kind == ast.Interface || d.Kind == ast.Union {
		var pos []obj
		for _, p := range in.schema.GetPossibleTypes(d) {
			pos = append(pos, in.typ(p))
		}
		t["possibleTypes"] = nonNilObjs(pos)
	}
	return t
}

func (in *introspection) args(list ast.ArgumentDefinitionList) resolver {
	return func(map[string]any) any {
		var out []obj
		for _, a := range list {
			out = append(out, in.inputValue(a.Name, a.Description, a.Type, a.DefaultValue))
		}
		return nonNilObjs(out)
	}
}

func (in *introspection) inputValue(name, desc string, t *ast.Type, def *ast.Value) obj {
	o := obj{"__typename": "__InputValue", "name": name, "description": nullable(desc), "type": in.ref(t),
		"defaultValue": nil, "isDeprecated": false, "deprecationReason": nil}
	if def != nil {
		o["defaultValue"] = def.String()
	}
	return o
}

// ref is the __Type of a type reference: wrappers around a named type.
func (in *introspection) ref(t *ast.Type) obj {
	if t.NonNull {
		inner := *t
		inner.NonNull = false
		return obj{"__typename": "__Type", "kind": "NON_NULL", "name": nil, "ofType": in.ref(&inner)}
	}
	if t.Elem != nil {
		return obj{"__typename": "__Type", "kind": "LIST", "name": nil, "ofType": in.ref(t.Elem)}
	}
	return in.typ(in.schema.Types[t.NamedType])
}

func deprecated(dirs ast.DirectiveList) bool { return dirs.ForName("deprecated") != nil }

func reason(dirs ast.DirectiveList) any {
	d := dirs.ForName("deprecated")
	if d == nil {
		return nil
	}
	if a := d.Arguments.ForName("reason"); a != nil {
		return a.Value.Raw
	}
	return "No longer supported"
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
