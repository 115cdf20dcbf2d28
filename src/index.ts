/** The Worker: Hono routes for GraphQL and health; everything else is GraphiQL's static files. */
import { Hono } from 'hono';
import { handleChanges } from './changes-route';
import { handleExport } from './exports/handler';
import { handleStatus } from './exports/status-route';
import { graphqlBodyLimit, graphqlCors, handleGraphQL } from './http/graphql-route';

const app = new Hono<{ Bindings: CloudflareBindings }>();

// CORS answers preflights; then size limits, rate limits, the edge cache and Yoga (src/http/)
app.use('/graphql', graphqlCors, graphqlBodyLimit);
app.on(['GET', 'POST', 'OPTIONS'], '/graphql', handleGraphQL);

app.get('/health', async (c) => {
  try {
    const row = await c.env.DB.prepare(
      'SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1',
    ).first<{ name: string }>();
    return c.json({ status: 'ok', database: 'reachable', migration: row?.name ?? null });
  } catch {
    return c.json({ status: 'error', database: 'unreachable', migration: null }, 503);
  }
});

app.get('/changes', (c) => handleChanges(c.req.raw, c.env));

app.get('/', (c) =>
  c.json({
    name: 'Ostan',
    description: 'Open GraphQL API for provincial economic-development data (Qom province, Iran).',
    graphql: '/graphql',
    health: '/health',
    status: '/status',
    exports: '/exports/{projects|energy-assets|claims}.{csv|ndjson|geojson|oc4ids|sdmx}',
  }),
);

app.get('/status', handleStatus);
app.get('/exports/:file', handleExport);

app.get('/graphiql/*', (c) => c.env.ASSETS.fetch(c.req.raw));
app.get('/robots.txt', (c) => c.env.ASSETS.fetch(c.req.raw));

app.notFound((c) => c.json({ error: `No route for ${c.req.method} ${c.req.path}.` }, 404));

// the last line of defence: a clear message and no stack trace for the client
app.onError((error, c) => {
  console.error(error);
  return c.json({ error: 'Internal error.' }, 500);
});

export { QueryBudget } from './http/budget';
export { DataVersion } from './http/data-version';
export default app;
