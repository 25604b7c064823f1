// A small Relay project over sourcecmp's schema: @connection on every
// connection the API has, @refetchable fragments on Nodes (a refetch by
// node(id:) and pagination queries). relay-compiler compiles it against
// the schema the server introspects; run.cjs runs it with relay-runtime.
const { graphql } = require('relay-runtime');

graphql`
  query RelayTestQuery($slug: String!) {
    ...RelayTest_documents
    ...RelayTest_lists
    topic(slug: "china-role") {
      ...RelayTest_topic
      ...RelayTest_topicDocuments
    }
    document(slug: $slug) {
      ...RelayTest_document
    }
  }
`;

graphql`
  fragment RelayTest_documents on Query
  @refetchable(queryName: "RelayTestDocumentsPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 2 }, cursor: { type: "String" }) {
    documents(first: $count, after: $cursor) @connection(key: "RelayTestDocuments__documents") {
      totalCount
      edges {
        node {
          id
          slug
        }
      }
    }
  }
`;

graphql`
  fragment RelayTest_lists on Query {
    authors(first: 2) @connection(key: "RelayTestAuthors__authors") {
      edges {
        node {
          id
          name
          ...RelayTest_author
        }
      }
    }
    works(first: 2) @connection(key: "RelayTestWorks__works") {
      edges {
        node {
          id
          title
          citedBy(first: 2) @connection(key: "RelayTestCitedBy__citedBy") {
            edges {
              node {
                pages
              }
            }
          }
        }
      }
    }
    search(query: "北朝鮮", first: 2) @connection(key: "RelayTestSearch__search") {
      edges {
        node {
          id
          snippet
        }
      }
    }
    compare(topic: "china-role", first: 2) @connection(key: "RelayTestCompare__compare") {
      edges {
        node {
          document {
            id
            slug
          }
          evidence(first: 1) @connection(key: "RelayTestEvidence__evidence") {
            edges {
              node {
                id
                snippet
              }
            }
          }
        }
      }
    }
  }
`;

graphql`
  fragment RelayTest_author on Author {
    documents(first: 1) @connection(key: "RelayTestAuthorDocuments__documents") {
      edges {
        node {
          id
        }
      }
    }
    stances(first: 1) @connection(key: "RelayTestAuthorStances__stances") {
      edges {
        node {
          id
        }
      }
    }
    evidence(topic: "china-role", first: 1) @connection(key: "RelayTestAuthorEvidence__evidence") {
      edges {
        node {
          id
        }
      }
    }
  }
`;

graphql`
  fragment RelayTest_topic on Topic
  @refetchable(queryName: "RelayTestTopicPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 2 }, cursor: { type: "String" }) {
    slug
    stances(first: $count, after: $cursor) @connection(key: "RelayTestStances__stances") {
      edges {
        node {
          id
          position
        }
      }
    }
  }
`;

graphql`
  fragment RelayTest_topicDocuments on Topic {
    documents(first: 2) @connection(key: "RelayTestTopicDocuments__documents") {
      edges {
        node {
          id
        }
      }
    }
  }
`;

graphql`
  fragment RelayTest_document on Document @refetchable(queryName: "RelayTestDocumentRefetchQuery") {
    id
    slug
    title
  }
`;
