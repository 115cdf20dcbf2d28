// A route's path under a method it does not take answers 405 with `Allow` (src/http/not-found.ts);
// a path no route has answers 404. The paths and their methods are the app router's
// (test/routes.ts), so a route added later is covered without an edit.
import { describe, expect, it } from 'vitest';
import { appRoutes, routeRequest, sendToApp } from '../routes';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Each path of the router with the methods its routes take (the preflight, every path's, aside). */
const served = new Map<string, Set<string>>();
for (const { method, path } of appRoutes) {
  if (method === 'OPTIONS') continue;
  served.set(path, (served.get(path) ?? new Set()).add(method));
}

const cases = [...served].flatMap(([path, methods]) =>
  METHODS.filter((method) => !methods.has(method)).map((method) => ({
    method,
    path,
    allow: [...methods, ...(methods.has('GET') ? ['HEAD'] : []), 'OPTIONS'],
  })),
);

/** The code and message of a refusal in either shape (GraphQL's on /graphql, plain elsewhere). */
async function refusal(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as {
    code?: string;
    error?: string;
    errors?: { message: string; extensions: { code: string } }[];
  };
  const error = body.errors?.[0];
  return error
    ? { code: error.extensions.code, message: error.message }
    : { code: body.code ?? '', message: body.error ?? '' };
}

describe('methods a path does not take', () => {
  it('covers every path of the router', () => {
    expect(served.size).toBeGreaterThanOrEqual(8);
    expect(cases.length).toBeGreaterThanOrEqual(served.size * 3);
  });

  it.each(cases)('$method $path: 405, Allow: $allow', async ({ method, path, allow }) => {
    const response = await sendToApp(routeRequest(method, path));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')?.split(', ').sort()).toEqual([...allow].sort());
    const { code, message } = await refusal(response);
    expect(code).toBe('METHOD_NOT_ALLOWED');
    expect(message).toContain(method);
    expect(message).toContain(new URL(path, 'http://x').pathname);
  });

  it.each(['GET', 'POST', 'DELETE'])('%s on a path no route has: 404', async (method) => {
    const response = await sendToApp(routeRequest(method, '/nowhere/at/all'));
    expect(response.status).toBe(404);
    expect(response.headers.get('allow')).toBeNull();
    expect(await refusal(response)).toEqual({
      code: 'NOT_FOUND',
      message: `No route for ${method} /nowhere/at/all.`,
    });
  });
});
