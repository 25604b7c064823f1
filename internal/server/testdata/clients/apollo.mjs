// Apollo Client against the server, with the cache configuration the
// README gives: relayStylePagination on the connections, so that
// fetchMore appends pages, and @defer over multipart/mixed.
//
//   node apollo.mjs URL
//
// Prints what the cache holds as JSON.
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Defer20220824Handler } from '@apollo/client/incremental';
import { relayStylePagination } from '@apollo/client/utilities';

const url = process.argv[2];

const client = new ApolloClient({
  link: new HttpLink({ uri: url }),
  // gqlgen answers @defer in the 2022-08-24 incremental format.
  incrementalHandler: new Defer20220824Handler(),
  cache: new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          documents: relayStylePagination(['filter']),
          search: relayStylePagination(['query', 'topic', 'document']),
          compare: relayStylePagination(['topic']),
        },
      },
      Topic: { fields: { stances: relayStylePagination() } },
    },
  }),
});

const DOCUMENTS = gql`
  query Documents($after: String) {
    documents(first: 2, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          slug
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const SEARCH = gql`
  query Search($after: String) {
    search(query: "北朝鮮", first: 3, after: $after) {
      edges {
        cursor
        node {
          id
          snippet
          paragraph {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const DEFERRED = gql`
  query Deferred($slug: String!) {
    document(slug: $slug) {
      id
      title
      ... @defer {
        text
      }
    }
  }
`;

// pages runs query, then fetchMore after each page's end cursor, up to
// count pages, and returns the nodes the cache holds for the field.
async function pages(query, field, count) {
  const obs = client.watchQuery({ query });
  const seen = [];
  const sub = obs.subscribe({ next: (r) => seen.push(r) });
  let result = await obs.refetch();
  for (let i = 1; i < count && result.data[field].pageInfo.hasNextPage; i++) {
    await obs.fetchMore({ variables: { after: result.data[field].pageInfo.endCursor } });
    result = obs.getCurrentResult();
  }
  sub.unsubscribe();
  return client.readQuery({ query })[field].edges.map((e) => e.node);
}

const documents = await pages(DOCUMENTS, 'documents', 2);
const search = await pages(SEARCH, 'search', 2);

// @defer: the first part has the title, a later one the text.
const parts = [];
const deferred = client.watchQuery({ query: DEFERRED, variables: { slug: documents[0].slug } });
await new Promise((resolve, reject) => {
  const sub = deferred.subscribe({
    next: (r) => {
      if (!r.data?.document) return; // the loading state before the first part
      parts.push({ title: !!r.data.document.title, text: !!r.data.document.text });
      if (r.data?.document?.text) {
        sub.unsubscribe();
        resolve();
      }
    },
    error: reject,
  });
});

console.log(
  JSON.stringify({
    documents: documents.map((d) => d.slug),
    search: search.map((p) => p.id),
    searchParagraphs: search.map((p) => p.paragraph.id),
    deferredParts: parts,
  }),
);
