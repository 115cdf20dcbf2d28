/** The GraphQL server, created once per isolate so its parse and validation caches are reused. */
import { createYoga, isAsyncIterable, type Plugin } from 'graphql-yoga';
import { type Context, createContext, type ServerContext } from './context';
import { renderGraphiQL } from './graphiql';
import { schema } from './graphql';

/** Adds the D1 cost of the request to every result's `extensions`. */
const d1CostExtension: Plugin<Context> = {
  onExecute({ args }) {
    return {
      onExecuteDone({ result, setResult }) {
        if (isAsyncIterable(result)) return;
        const { queries, rowsRead } = (args.contextValue as Context).db.stats;
        setResult({
          ...result,
          extensions: { ...result.extensions, cost: { d1Queries: queries, d1RowsRead: rowsRead } },
        });
      },
    };
  },
};

export const yoga = createYoga<ServerContext, Context>({
  schema,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: {
    title: 'Ostan · استان — GraphQL',
    defaultQuery: `# Ostan: economic-development data for Qom province, Iran.
# Every figure comes with its source; try the question of the seed report:
{
  region(slug: "qom") {
    name(lang: EN)
    claims(filter: { indicator: "solar_capacity_operational_mw" }) {
      nodes {
        value unit preferred preferredReason
        source { publisher publishedOn { iso jalali } }
      }
    }
  }
}
`,
  },
  // GraphiQL's files are served from Workers Static Assets (public/graphiql), so it works offline
  renderGraphiQL: (options) =>
    renderGraphiQL({
      ...options,
      endpoint: options.endpoint ?? '/graphql',
      title: options.title ?? 'Ostan',
    }),
  context: ({ request, env }) => createContext(request, env),
  plugins: [d1CostExtension],
});
