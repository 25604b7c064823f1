// The schema lint: what every explorer shows and every client generator
// relies on, checked on the schema the server introspects.
//
//   node lint.mjs SCHEMA.graphql
//
// - a description on every type, field, argument, input field, enum value
//   and directive (empty docs are a defect in every explorer);
// - no custom scalar that nothing uses, and @specifiedBy on each;
// - the Relay connection shape: a type named …Connection has
//   edges: [XEdge!]! whose X has cursor: String! and node, and
//   pageInfo: PageInfo!; every field returning one takes first/after and
//   last/before.
// Prints the problems, one a line, and exits 1 when there are any.
import fs from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
} from 'graphql';

const schema = buildSchema(fs.readFileSync(process.argv[2], 'utf8'));
const problems = [];
const needs = (what, thing) => {
  if (!thing.description?.trim()) problems.push(`${what} has no description`);
};

const used = new Set();
const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__') && !isSpecifiedScalarType(t));
for (const type of types) {
  needs(`type ${type.name}`, type);
  if (isObjectType(type) || isInterfaceType(type)) {
    for (const f of Object.values(type.getFields())) {
      needs(`field ${type.name}.${f.name}`, f);
      used.add(getNamedType(f.type).name);
      for (const a of f.args) {
        needs(`argument ${type.name}.${f.name}(${a.name})`, a);
        used.add(getNamedType(a.type).name);
      }
      if (getNamedType(f.type).name.endsWith('Connection')) {
        const args = Object.fromEntries(f.args.map((a) => [a.name, String(a.type)]));
        for (const [name, want] of Object.entries({ first: 'Int', after: 'String', last: 'Int', before: 'String' })) {
          if (args[name] !== want) problems.push(`connection field ${type.name}.${f.name} has no ${name}: ${want} (has ${args[name]})`);
        }
      }
    }
  }
  if (isInputObjectType(type)) {
    for (const f of Object.values(type.getFields())) {
      needs(`input field ${type.name}.${f.name}`, f);
      used.add(getNamedType(f.type).name);
    }
  }
  if (isEnumType(type)) {
    for (const v of type.getValues()) needs(`enum value ${type.name}.${v.name}`, v);
  }
  if (isScalarType(type) && !type.specifiedByURL) problems.push(`scalar ${type.name} has no @specifiedBy`);
  if (isObjectType(type) && type.name.endsWith('Connection')) checkConnection(type);
}
for (const type of types) {
  if (isScalarType(type) && !used.has(type.name)) problems.push(`scalar ${type.name} is not used`);
}
for (const d of schema.getDirectives().filter((d) => !isSpecifiedDirective(d))) {
  needs(`directive @${d.name}`, d);
  for (const a of d.args) needs(`argument @${d.name}(${a.name})`, a);
}

// checkConnection checks a connection type's edges and pageInfo.
function checkConnection(conn) {
  const fields = conn.getFields();
  const edges = fields.edges?.type;
  const edge = edges && isNonNullType(edges) && isListType(edges.ofType) && isNonNullType(edges.ofType.ofType) && edges.ofType.ofType.ofType;
  if (!edge || !isObjectType(edge) || !edge.name.endsWith('Edge')) {
    problems.push(`${conn.name}.edges is not [XEdge!]!`);
  } else {
    const ef = edge.getFields();
    if (String(ef.cursor?.type) !== 'String!') problems.push(`${edge.name}.cursor is not String!`);
    if (!ef.node) problems.push(`${edge.name} has no node`);
    if (fields.nodes && getNamedType(fields.nodes.type) !== getNamedType(ef.node.type)) {
      problems.push(`${conn.name}.nodes and ${edge.name}.node differ`);
    }
  }
  if (String(fields.pageInfo?.type) !== 'PageInfo!') problems.push(`${conn.name}.pageInfo is not PageInfo!`);
}

for (const p of problems) console.log(p);
console.error(`${types.length} types checked, ${problems.length} problems`);
process.exit(problems.length > 0 ? 1 : 0);
