// Every route of the app's router as a concrete request path, so tests that must hold on every
// route take them from the router: a route added later is in their tables without an edit.
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
