// The last line of defence (app.onError, src/index.ts): an error no route handles answers 500 in
// its route's shape, with the request id and the CORS headers, and without the cause (no message
// of its, no stack). The routes are the app router's (test/routes.ts). The error here comes from
// a rate limiter binding that fails, which every route asks first.
import { describe, expect, it, vi } from 'vitest';
import { appRoutes, routeRequest, sendToApp } from '../routes';

const failing = {
  limit: async () => {
    throw new Error('secret: SELECT * FROM api_keys');
  },
};

describe('an unexpected error, on every route', () => {
  it.each(appRoutes)('$name: 500, no cause, the request id', async ({ method, path }) => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await sendToApp(
      routeRequest(method, path, { 'cf-ray': 'ray-500', origin: 'https://dashboard.example' }),
      { RATE_LIMIT_ANONYMOUS: failing, CORS_ORIGINS: '*' },
    );
    // the cause goes to the logs, with the request id
    expect(logged).toHaveBeenCalledWith('request ray-500:', expect.any(Error));
    logged.mockRestore();
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('ray-500');
    if (method !== 'OPTIONS') {
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
    const text = await response.text();
    expect(text).not.toMatch(/secret|SELECT|api_keys|at \w+ \(/);
    const body = JSON.parse(text);
    const expected = { code: 'INTERNAL_SERVER_ERROR', requestId: 'ray-500' };
    if (path.startsWith('/graphql')) {
      expect(body).toEqual({ errors: [{ message: 'Unexpected error.', extensions: expected }] });
    } else {
      expect(body).toEqual({ error: 'Unexpected error.', ...expected });
    }
  });
});
