// Runs the compiled Relay project (src/, artifacts in src/__generated__)
// against the server with relay-runtime, as an app would:
//
//   node run.cjs URL SLUG
//
// fetches RelayTestQuery, pages the documents connection forward with its
// pagination query (the connection handler merges the pages in the
// store), pages the topic's stances the same way below a Node, refetches
// a document by node(id:), and prints what the store holds as JSON.
const {
  Environment,
  Network,
  RecordSource,
  Store,
  fetchQuery,
  commitLocalUpdate,
  ConnectionHandler,
} = require('relay-runtime');

const [url, slug] = process.argv.slice(2);
const artifact = (name) => require(`./src/__generated__/${name}.graphql`);

const network = Network.create(async (params, variables) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: params.text, operationName: params.name, variables }),
  });
  const body = await res.json();
  if (res.status !== 200 || body.errors) {
    throw new Error(`${params.name}: HTTP ${res.status}: ${JSON.stringify(body.errors)}`);
  }
  return body;
});
const env = new Environment({ network, store: new Store(new RecordSource()) });

// read runs fn on the store (records by proxy, as updaters see them).
function read(fn) {
  let out;
  commitLocalUpdate(env, (store) => {
    out = fn(store);
  });
  return out;
}

function edges(conn, field) {
  return (conn?.getLinkedRecords('edges') ?? []).map((e) => e.getLinkedRecord('node').getValue(field));
}

(async () => {
  await fetchQuery(env, artifact('RelayTestQuery'), { slug }).toPromise();
  const first = read((s) => {
    const conn = ConnectionHandler.getConnection(s.getRoot(), 'RelayTestDocuments__documents');
    return { slugs: edges(conn, 'slug'), end: conn.getLinkedRecord('pageInfo').getValue('endCursor') };
  });
  await fetchQuery(env, artifact('RelayTestDocumentsPaginationQuery'), { count: 2, cursor: first.end }).toPromise();
  const documents = read((s) => edges(ConnectionHandler.getConnection(s.getRoot(), 'RelayTestDocuments__documents'), 'slug'));

  const topicID = read((s) => s.getRoot().getLinkedRecord('topic', { slug: 'china-role' }).getDataID());
  const stancesEnd = read((s) =>
    ConnectionHandler.getConnection(s.get(topicID), 'RelayTestStances__stances').getLinkedRecord('pageInfo').getValue('endCursor'),
  );
  const topicGlobalID = read((s) => s.get(topicID).getValue('id'));
  await fetchQuery(env, artifact('RelayTestTopicPaginationQuery'), { id: topicGlobalID, count: 2, cursor: stancesEnd }).toPromise();
  const stances = read((s) => edges(ConnectionHandler.getConnection(s.get(topicID), 'RelayTestStances__stances'), 'id'));

  const docID = read((s) => s.getRoot().getLinkedRecord('document', { slug }).getValue('id'));
  // Forget the title, so that only the refetch can bring it back.
  read((s) => s.get(docID).setValue(null, 'title'));
  await fetchQuery(env, artifact('RelayTestDocumentRefetchQuery'), { id: docID }).toPromise();
  const refetched = read((s) => {
    const r = s.get(docID);
    return { id: r.getValue('id'), slug: r.getValue('slug'), title: r.getValue('title') };
  });

  const counts = read((s) => {
    const root = s.getRoot();
    const n = (record, key, filters) => (ConnectionHandler.getConnection(record, key, filters)?.getLinkedRecords('edges') ?? []).length;
    return {
      authors: n(root, 'RelayTestAuthors__authors'),
      works: n(root, 'RelayTestWorks__works'),
      search: n(root, 'RelayTestSearch__search', { query: '北朝鮮' }),
      compare: n(root, 'RelayTestCompare__compare', { topic: 'china-role' }),
      topicDocuments: n(s.get(topicID), 'RelayTestTopicDocuments__documents'),
    };
  });
  console.log(JSON.stringify({ firstPage: first.slugs, documents, stances, refetched, counts }));
})().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
