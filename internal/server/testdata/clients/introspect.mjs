// Downloads the schema the way GraphiQL, GraphQL Code Generator and IDE
// plugins do: graphql-js's stock introspection query with every option,
// then builds a client schema from the answer and validates it.
//
//   node introspect.mjs URL OUT.graphql
//
// Writes the schema as SDL to OUT.graphql (for relay-compiler and the
// lint) and prints a summary as JSON.
import fs from 'node:fs';
import { assertValidSchema, buildClientSchema, getIntrospectionQuery, printSchema } from 'graphql';

const [url, out] = process.argv.slice(2);
const query = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});
const res = await fetch(url, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
  body: JSON.stringify({ query, operationName: 'IntrospectionQuery' }),
});
const body = await res.json();
if (res.status !== 200 || body.errors) {
  console.error(`introspection: HTTP ${res.status}: ${JSON.stringify(body.errors)}`);
  process.exit(1);
}
const schema = buildClientSchema(body.data);
assertValidSchema(schema);
fs.writeFileSync(out, printSchema(schema) + '\n');
const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
console.log(
  JSON.stringify({
    queryBytes: query.length,
    types: types.length,
    queryFields: Object.keys(schema.getQueryType().getFields()),
    directives: schema.getDirectives().map((d) => d.name),
    specifiedBy: Object.fromEntries(types.filter((t) => t.specifiedByURL).map((t) => [t.name, t.specifiedByURL])),
  }),
);
