/**
 * The GraphQL server: one Yoga instance per edge configuration, created on first use and kept for
 * the isolate's life (in practice one: Workers hand every request the same env), so its parse and
 * validation caches are reused.
 */
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import {
  type ExecutionArgs,
  type ExecutionResult,
  NoSchemaIntrospectionCustomRule,
  parse,
} from 'graphql';
import {
  createGraphQLError,
  createYoga,
  type GraphiQLOptions,
  type Plugin,
  type YogaServerInstance,
} from 'graphql-yoga';
import examples from '../../schema/operations/examples.json';
import type { Context } from '../graphql/context';
import { executeOperation } from '../graphql/execute';
import { schema } from '../graphql/index';
import type { EdgeConfig } from './config';
import type { EdgeServerContext } from './edge';
import { graphiqlTabs, renderGraphiQL } from './graphiql';
import { introspectionRecursionRule } from './introspection';
import { meteringPlugin } from './metering';
import { apqHash, PERSISTED_DOCUMENTS, parseDocumentId, persistedOperation } from './persisted';

/**
 * The persisted document a request names, for Yoga's persisted-operations plugin: `documentId`
 * from a POST body or a GET query string (Yoga does not parse it from the URL), else the APQ hash.
 * A malformed `documentId` is the client's mistake: a 400 that says what the id looks like.
 */
function requestedDocumentId(
  params: { documentId?: unknown; extensions?: unknown },
  request: Request,
): string | null {
  const documentId =
    params.documentId ??
    (request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') : null);
  if (documentId == null) return apqHash(params.extensions);
  const hash = parseDocumentId(documentId);
  if (hash) return hash;
  throw createGraphQLError(
    "`documentId` must be `sha256:` followed by the 64 lowercase hex digits of the document's SHA-256 (the bare digits are accepted too).",
    { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } },
  );
}

// Armor reports a refused document as a validation error (400) instead of throwing from inside
// graphql-js's visitor.
const report: GraphQLArmorRejectCallback[] = [(context, error) => context?.reportError(error)];

/** The executor, with suggestions in variables' errors outside development only. */
function executorPlugin(config: EdgeConfig): Plugin {
  const run = operationExecutor(config.environment !== 'development');
  return { onExecute: ({ setExecuteFn }) => setExecuteFn(run as never) };
}

/** Request limits from the configuration; each refuses a document before it runs. */
function limitPlugins(config: EdgeConfig): Plugin[] {
  // Limits are exposed in messages ("limit of 12 exceeded, found 14"): they are documented in the
  // README anyway, and a client can fix its query only if it knows what to fix.
  const armor = { exposeLimits: true, propagateOnRejection: false, onReject: report };
  const plugins: Plugin[] = [
    // The token limit stops a huge document at its 1001st token, while parsing. It is graphql-js's
    // own `maxTokens`, not armor's max-tokens plugin: that one imports 'graphql/language/parser',
    // which wrangler's bundler resolves to graphql's CommonJS copy, so its GraphQLError is not
    // Yoga's and every syntax error became a 500.
    {
      onParse({ setParseFn }) {
        setParseFn((source, options) => parse(source, { ...options, maxTokens: config.maxTokens }));
      },
    },
    maxDepthPlugin({ ...armor, n: config.maxDepth, ignoreIntrospection: true }),
    // introspection has its own, higher ceiling (GraphiQL's query is 21 deep)
    maxDepthPlugin({ ...armor, n: config.maxIntrospectionDepth, ignoreIntrospection: false }),
    maxAliasesPlugin({ ...armor, n: config.maxAliases }),
    maxDirectivesPlugin({ ...armor, n: config.maxDirectives }),
    {
      onValidate({ addValidationRule }) {
        addValidationRule(introspectionRecursionRule);
        if (!config.introspection) addValidationRule(NoSchemaIntrospectionCustomRule);
      },
    },
  ];
  if (config.environment !== 'development') plugins.push(blockFieldSuggestionsPlugin());
  return plugins;
}

/**
 * Queries run from a plan kept with their parsed document (`executeOperation`,
 * src/graphql/execute.ts: graphql-js's semantics without its per-field interpretation); anything
 * else on graphql-js's own executor, not Yoga's default (@graphql-tools/executor, which adds
 * @defer/@stream, subscriptions and an abort check on every field, none of which Ostan serves).
 * Variables that do not fit their types are refused with 400, as Yoga's executor marks them:
 * graphql-js answers them with errors and no `data`, before anything runs. With `hideSuggestions`
 * those errors name no valid field or enum value ("Did you mean …"), as validation's do outside
 * development (blockFieldSuggestionsPlugin).
 */
function operationExecutor(hideSuggestions: boolean) {
  return (args: ExecutionArgs) => {
    const result = executeOperation({ ...args, hideSuggestions });
    if ('then' in result || 'data' in result) return result;
    for (const error of (result as ExecutionResult).errors ?? []) {
      Object.defineProperty(error, 'extensions', {
        value: { ...error.extensions, http: { status: 400 } },
      });
    }
    return result;
  };
}

let graphiqlPage: GraphiQLOptions | undefined;

/**
 * GraphiQL's options, built on the first page served and kept for the isolate: the tabs parse and
 * print every persisted document (~35 ms of CPU on a cold isolate), which no API request needs.
 */
function graphiqlOptions(): GraphiQLOptions {
  if (!graphiqlPage) {
    const tabs = graphiqlTabs(PERSISTED_DOCUMENTS, examples);
    graphiqlPage = {
      title: 'Ostan · استان — GraphQL',
      // the dashboard's own operations, with example variables, in Persian and English;
      // the first one (the solar question) opens ready to run
      defaultTabs: tabs,
      defaultQuery: tabs[0]?.query,
      headers: tabs[0]?.headers,
      // passed through to GraphiQL, which yoga's option type does not list
      ...({ variables: tabs[0]?.variables } as object),
    };
  }
  return graphiqlPage;
}

function createOstanYoga(config: EdgeConfig) {
  return createYoga<EdgeServerContext & Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // CORS is the Hono route's (an allow-list from configuration), not Yoga's permissive default
    cors: false,
    batching: config.batchLimit > 0 ? { limit: config.batchLimit } : false,
    // the route's body limit (routes/graphql.ts) already bounds every POST, to far less than Yoga's
    // 25 MB default, which would re-wrap each body in a counting stream and a new Request
    maxRequestBodySize: false,
    // GraphQL-over-HTTP persisted documents: POST { documentId, variables }
    extraParamNames: ['documentId'],
    maskedErrors: config.maskErrors,
    // a factory: Yoga calls it only to render the page, so API requests never build the tabs
    graphiql: config.graphiql ? graphiqlOptions : false,
    // GraphiQL's files are served from Workers Static Assets (public/graphiql), so it works offline
    renderGraphiQL: (options) =>
      renderGraphiQL({
        ...options,
        endpoint: options.endpoint ?? '/graphql',
        title: options.title ?? 'Ostan',
      }),
    plugins: [
      executorPlugin(config),
      ...(config.csrfPrevention
        ? [
            useCSRFPrevention({
              requestHeaders: ['x-graphql-yoga-csrf', 'apollo-require-preflight'],
            }),
          ]
        : []),
      usePersistedOperations({
        getPersistedOperation: (hash) => persistedOperation(hash),
        extractPersistedOperationId: (params, request) => requestedDocumentId(params, request),
        allowArbitraryOperations: config.arbitraryOperations,
        customErrors: {
          notFound: {
            message:
              'Unknown persisted document: no registered document has this id (see schema/documents/ in the repository).',
            extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
          },
          keyNotFound: {
            message:
              "Missing query: send `query`, a registered document's `documentId`, or extensions.persistedQuery.sha256Hash.",
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          },
          persistedQueryOnly: {
            message:
              'Only persisted operations are accepted here: send a `documentId` (or sha256Hash), not a query.',
            extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
          },
        },
      }),
      ...limitPlugins(config),
      meteringPlugin(),
    ],
  });
}

// biome-ignore lint/complexity/noBannedTypes: Yoga's own default for "no user context"
type OstanYoga = YogaServerInstance<EdgeServerContext & Context, {}>;

const instances = new Map<string, OstanYoga>();
// the configuration object is itself kept per env (config.ts), so most requests find their
// instance by identity without serialising the configuration
const byConfig = new WeakMap<EdgeConfig, OstanYoga>();

/** The Yoga instance for `config`, created once per isolate and configuration. */
export function yogaFor(config: EdgeConfig): OstanYoga {
  let yoga = byConfig.get(config);
  if (yoga) return yoga;
  const key = JSON.stringify(config);
  yoga = instances.get(key);
  if (!yoga) {
    yoga = createOstanYoga(config);
    instances.set(key, yoga);
  }
  byConfig.set(config, yoga);
  return yoga;
}
