/**
 * The one helper for HTTP refusals made outside GraphQL execution. Every refusal has a status, a
 * stable code and a sentence that says what to change; /graphql answers in the GraphQL error
 * shape, the other routes as `{ error, code }`.
 */

export interface Refusal {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
  /** more for the client to read: the error's extensions on /graphql, the body's fields elsewhere */
  extensions?: Record<string, string>;
}

/** The shape of refusals on the route at `path`: /graphql answers as GraphQL does, others plain. */
export function refusalShape(path: string): 'graphql' | 'plain' {
  return path === '/graphql' ? 'graphql' : 'plain';
}

export function refuse(
  { status, code, message, headers = {}, extensions = {} }: Refusal,
  shape: 'graphql' | 'plain' = 'plain',
): Response {
  const body =
    shape === 'graphql'
      ? { errors: [{ message, extensions: { code, ...extensions } }] }
      : { error: message, code, ...extensions };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
