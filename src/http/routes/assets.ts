/** GraphiQL's files and robots.txt, from Workers Static Assets (public/). */
import { Hono } from 'hono';
import type { AppEnv } from '../env';

export const assetRoutes = new Hono<AppEnv>()
  .get('/graphiql/*', (c) => c.env.ASSETS.fetch(c.req.raw))
  .get('/robots.txt', (c) => c.env.ASSETS.fetch(c.req.raw));
