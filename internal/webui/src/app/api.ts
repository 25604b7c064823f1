// The pages' only way to the data: POST a query to the public GraphQL
// endpoint the server named in the page (<body data-graphql>).

/** A failed request: HTTP trouble or errors in the GraphQL response. */
export class APIError extends Error {}

const endpoint = document.body.dataset.graphql || '/graphql';

/** Runs one named operation and returns its data. */
export async function request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  // The operation name lets the server log and measure by operation.
  const operationName = /^\s*query\s+(\w+)/m.exec(query)?.[1];
  let res: Response;
  try {
    res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query, variables, operationName }),
    });
  } catch (e) {
    throw new APIError(`network: ${(e as Error).message}`);
  }
  let body: { data?: T; errors?: { message: string }[] };
  try {
    body = await res.json();
  } catch {
    throw new APIError(`HTTP ${res.status} ${res.statusText}`);
  }
  if (body.errors?.length) throw new APIError(body.errors.map((e) => e.message).join('; '));
  if (!res.ok || !body.data) throw new APIError(`HTTP ${res.status} ${res.statusText}`);
  return body.data;
}
