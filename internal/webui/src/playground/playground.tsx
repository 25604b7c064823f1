// The GraphiQL playground at /: the editors, the explorer plugin and tabs of
// example queries, all bundled so that the page loads nothing from outside
// the server.
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createRoot } from 'react-dom/client';

import '@graphiql/react/style.css';
import '@graphiql/plugin-doc-explorer/style.css';
import '@graphiql/plugin-history/style.css';
import 'graphiql/graphiql.css';
import '@graphiql/plugin-explorer/style.css';
import './playground.css';

import { setupWorkers } from './workers';
import stances from './examples/1-stances.graphql';
import compare from './examples/2-compare.graphql';
import reader from './examples/3-reader.graphql';
import readerVariables from './examples/3-reader.variables.json';
import search from './examples/4-search.graphql';

// JSONC: the headers editor tolerates comments, so the hint costs nothing
// when no key is needed (reads are public).
const headers = `{
  // Mutations need a key:
  // "Authorization": "Bearer <key>"
}`;

const tabs = [
  { query: stances },
  { query: compare },
  { query: reader, variables: JSON.stringify(readerVariables, null, 2) },
  { query: search },
].map((t) => ({ ...t, headers }));

const root = document.getElementById('graphiql')!;
const endpoint = new URL(root.dataset.graphql || '/graphql', location.href).href;
setupWorkers(root.dataset);

// A plain POST fetcher: the API has no subscriptions, so GraphiQL's toolkit
// (and its websocket peer) is not needed.
const fetcher: GraphiQLProps['fetcher'] = async (params, opts) => {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...opts?.headers },
    body: JSON.stringify(params),
  });
  const body = await res.text();
  try {
    return JSON.parse(body);
  } catch {
    return { errors: [{ message: `HTTP ${res.status}: ${body.slice(0, 500)}` }] };
  }
};

const explorer = explorerPlugin();

createRoot(root).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={tabs}
    defaultHeaders={headers}
    defaultEditorToolsVisibility="headers"
    plugins={[explorer]}
    visiblePlugin={explorer}
    showPersistHeadersSettings
  >
    <GraphiQL.Logo>
      <span className="sc-logo">
        sourcecmp
        <a className="sc-logo-link" href="/compare" title="比較ページ / Comparison page">
          比較 →
        </a>
      </span>
    </GraphiQL.Logo>
  </GraphiQL>,
);
