/** The GraphQL server, created once per isolate so its parse and validation caches are reused. */
import { createYoga, isAsyncIterable, type Plugin } from 'graphql-yoga';
import { type Context, createContext, type ServerContext } from './context';
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
  context: ({ request, env }) => createContext(request, env),
  plugins: [d1CostExtension],
});
