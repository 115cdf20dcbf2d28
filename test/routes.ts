// Every route of the app's router as a concrete request path, so tests that must hold on every
// route take them from the router: a route added later is in their tables without an edit.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import app from '../src/index';

export interface AppRoute {
  /** `GET /exports/:file`, as the router names it */
  name: string;
  method: string;
  /** a path and query the route answers */
  path: string;
}

/** The routes of the router (middleware entries left out), each with a path it answers. */
export const appRoutes: AppRoute[] = app.routes
  .filter((route) => route.method !== 'ALL')
  .map((route) => {
    const path = route.path
      .replace(':file', 'projects.csv?limit=5')
      .replace('/graphiql/*', '/graphiql/graphiql.css')
      .replace('*', 'index.html')
      .replace('/changes', '/changes?since=0&limit=5')
      .replace('/graphql', '/graphql?query=%7B__typename%7D');
    return { name: `${route.method} ${route.path}`, method: route.method, path };
  });

/**
 * A request for `path` from a fresh client address: a POST carries `{ __typename }`, an OPTIONS
 * is a browser's preflight for a GET; `headers` add to these or replace them.
 */
export function routeRequest(
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Request {
  return new Request(`http://ostan.test${path}`, {
    method,
    headers: {
      'cf-connecting-ip': `203.0.113.1-${crypto.randomUUID()}`,
      ...(method === 'POST' && { 'content-type': 'application/json' }),
      ...(method === 'OPTIONS' && {
        origin: 'https://dashboard.example',
        'access-control-request-method': 'GET',
      }),
      ...headers,
    },
    ...(method === 'POST' && { body: JSON.stringify({ query: '{ __typename }' }) }),
  });
}

/**
 * `request` through the app, with `vars` over the test bindings, once its body is read (an
 * export is charged when its body ends) and its waitUntil work done; the body comes back buffered.
 */
export async function sendToApp(
  request: Request,
  vars: Record<string, unknown> = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await app.fetch(request, { ...env, ...vars }, ctx);
  const body = await response.arrayBuffer();
  await waitOnExecutionContext(ctx);
  return new Response(response.status === 204 || response.status === 304 ? null : body, response);
}
