/**
 * The answer for a request no route takes: 405 with `Allow` when the path is a route's under
 * another method (`POST /status`, `PUT /exports/projects.csv`), else 404. Both from the router's
 * own table (`app.routes`), so a route added later is known here without an edit.
 */
import type { Context } from 'hono';
import type { AppEnv } from './env';
import { refusalShape, refuse } from './errors';

interface RouteEntry {
  method: string;
  path: string;
}

/** A route path of Hono's syntax used here (`/exports/:file`, `/graphiql/*`) as a RegExp. */
function pathPattern(path: string): RegExp {
  const source = path
    .split(/(:[A-Za-z_]+|\*)/)
    .map((part) => {
      if (part === '*') return '.*';
      if (part.startsWith(':')) return '[^/]+';
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * The not-found handler over `routes`. Middleware entries (ALL) and the preflight (OPTIONS, every
 * path) say nothing of which methods a path serves, so they are left out; a path that serves GET
 * serves HEAD too (Hono answers it from the GET handler).
 */
export function notFound(routes: readonly RouteEntry[]) {
  const served = routes
    .filter((route) => route.method !== 'ALL' && route.method !== 'OPTIONS')
    .map((route) => ({ method: route.method, pattern: pathPattern(route.path) }));
  return (c: Context<AppEnv>): Response => {
    const { path, method } = c.req;
    const methods = new Set(
      served.filter((route) => route.pattern.test(path)).map((route) => route.method),
    );
    if (methods.has('GET')) methods.add('HEAD');
    const shape = refusalShape(path);
    if (methods.size === 0 || methods.has(method)) {
      return refuse(
        { status: 404, code: 'NOT_FOUND', message: `No route for ${method} ${path}.` },
        shape,
      );
    }
    const allow = [...methods, 'OPTIONS'];
    return refuse(
      {
        status: 405,
        code: 'METHOD_NOT_ALLOWED',
        message: `${path} does not take ${method}: use ${allow.slice(0, -1).join(' or ')}.`,
        headers: { allow: allow.join(', ') },
      },
      shape,
    );
  };
}
