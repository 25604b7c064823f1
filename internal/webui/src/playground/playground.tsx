// The GraphiQL playground at /: the editors, the explorer plugin and tabs of
// example queries, all bundled so that the page loads nothing from outside
// the server.
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createRoot } from 'react-dom/client';
import { Kind, parse } from 'graphql';
import { meros } from 'meros/browser';

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
import deferred from './examples/5-defer.graphql';

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
  { query: deferred },
].map((t) => ({ ...t, headers }));

const root = document.getElementById('graphiql')!;
const endpoint = new URL(root.dataset.graphql || '/graphql', location.href).href;
setupWorkers(root.dataset);

// operationNames lists the operations a query defines; none when it does
// not parse (the server then says why).
function operationNames(query: string): string[] | undefined {
  try {
    return parse(query).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
  } catch {
    return undefined;
  }
}

// A plain POST fetcher: the API has no subscriptions, so GraphiQL's toolkit
// (and its websocket peer) is not needed. Right after a switch of tabs
// GraphiQL may still send the operation name of the tab before; a name the
// query does not define is dropped, so that a query of one operation runs.
const fetcher: GraphiQLProps['fetcher'] = async (params, opts) => {
  const names = operationNames(params.query);
  if (params.operationName && names && !names.includes(params.operationName)) {
    params = { ...params, operationName: names.length === 1 ? names[0] : undefined };
  }
  // With @defer the server answers in parts (multipart/mixed), which
  // GraphiQL merges as they come.
  const deferred = /@defer\b/.test(params.query);
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: deferred ? 'multipart/mixed;deferSpec=20220824, application/json' : 'application/json',
      ...opts?.headers,
    },
    body: JSON.stringify(params),
  });
  if (deferred && res.headers.get('Content-Type')?.startsWith('multipart/mixed')) {
    const parts = await meros<Record<string, unknown>>(res);
    if (Symbol.asyncIterator in parts) {
      return (async function* () {
        for await (const part of parts) if (part.json) yield part.body;
      })();
    }
  }
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
