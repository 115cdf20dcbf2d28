/**
 * The Worker: the request id, CORS, the cached-GET fast path, the init and route-metering
 * middlewares, the preflight of every path, then the route groups of src/http/routes.
 */
import { Hono } from 'hono';
import { cachedGet } from './http/cached-get';
import { cors, preflight } from './http/cors';
import type { AppEnv } from './http/env';
import { refusalShape, refuse } from './http/errors';
import { init } from './http/init';
import { notFound } from './http/not-found';
import { requestId } from './http/request-id';
import { meterRoutes } from './http/route-metering';
import { assetRoutes } from './http/routes/assets';
import { changesRoutes } from './http/routes/changes';
import { exportRoutes } from './http/routes/exports';
import { graphqlRoutes } from './http/routes/graphql';
import { statusRoutes } from './http/routes/status';

const app = new Hono<AppEnv>()
  .use(requestId)
  .use(cors)
  .use('/graphql', cachedGet)
  .use(init)
  .use(meterRoutes)
  .options('/*', preflight)
  .route('/', graphqlRoutes)
  .route('/', statusRoutes)
  .route('/', exportRoutes)
  .route('/', changesRoutes)
  .route('/', assetRoutes);

// 404, or 405 with Allow for a route's path under another method
app.notFound(notFound(app.routes));

// the last line of defence: the cause to the logs with the request id; to the client, in its
// route's shape, what a masked GraphQL error says (src/http/metering.ts): no stack, no SQL
app.onError((error, c) => {
  const { requestId } = c.var;
  console.error(`request ${requestId}:`, error);
  return refuse(
    {
      status: 500,
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Unexpected error.',
      extensions: { requestId },
    },
    refusalShape(c.req.path),
  );
});

export { QueryBudget } from './http/budget';
export { DataVersion } from './http/data-version';
export default app;
