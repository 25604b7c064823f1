// The GraphQL-over-HTTP audit of graphql-http (serverAudits), every MUST,
// SHOULD and MAY, run against the server.
//
//   node audit.mjs URL
//
// Prints one JSON object per audit: {id, name, status, reason}; status is
// ok, warn (a SHOULD or MAY failed) or error (a MUST failed).
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const results = [];
for (const audit of serverAudits({ url })) {
  const r = await audit.fn();
  results.push({ id: r.id, name: r.name, status: r.status, reason: r.reason ?? '' });
}
console.log(JSON.stringify(results));
