/**
 * The edge configuration of one deployment: request limits, cost ceilings, budgets, caching and
 * the development/production switches, read from wrangler.toml's [vars] (one set per environment).
 */
import type { ClientKind } from '../graphql/context';

export type Environment = 'development' | 'staging' | 'production';

export interface EdgeConfig {
  environment: Environment;
  /** selection depth of an operation (introspection excluded; it has its own ceiling) */
  maxDepth: number;
  maxIntrospectionDepth: number;
  maxAliases: number;
  /** lexical tokens of the document, counted while parsing (so a huge document stops early) */
  maxTokens: number;
  maxDirectives: number;
  /** bytes of a POST body or of a GET query string */
  maxDocumentBytes: number;
  /** body limit for requests that carry an API key: bulk imports send up to 500 rows as variables */
  maxKeyedBodyBytes: number;
  /** per-request ceiling on the cost model of src/http/cost.ts */
  maxCost: Record<ClientKind, number>;
  /** cost points per client per window (the `rateLimit` query reports them) */
  budget: Record<ClientKind, number> & { windowSeconds: number };
  /** D1 rows one GraphQL request may read: priced before each statement, refused above */
  maxRowsRead: Record<ClientKind, number>;
  /** D1 rows per client per budget window, charged after each request with the rows it read */
  rowsBudget: Record<ClientKind, number>;
  /** operations per batched request; 0 turns batching off */
  batchLimit: number;
  introspection: boolean;
  graphiql: boolean;
  /** ad-hoc (non-persisted) operations; persisted ones are always accepted */
  arbitraryOperations: boolean;
  maskErrors: boolean;
  /** Yoga's CSRF prevention: GETs and simple POSTs must carry a custom header */
  csrfPrevention: boolean;
  /** allowed browser origins; ['*'] allows any */
  corsOrigins: string[];
  /** one D1 session per request (read replicas, x-d1-bookmark) */
  d1Sessions: boolean;
  /** max-age of a cached persisted GET read at the edge */
  cacheTtlSeconds: number;
}

type Vars = Partial<Record<string, unknown>>;

function text(vars: Vars, name: string): string | undefined {
  const value = vars[name];
  if (value === undefined || value === null || value === '') return undefined;
  return String(value).trim();
}

function integer(vars: Vars, name: string, fallback: number): number {
  const value = text(vars, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new Error(`wrangler.toml [vars] ${name} must be a non-negative integer, not "${value}"`);
  }
  return parsed;
}

function flag(vars: Vars, name: string, fallback: boolean): boolean {
  const value = text(vars, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', 'on', '1', 'yes'].includes(value)) return true;
  if (['false', 'off', '0', 'no'].includes(value)) return false;
  throw new Error(`wrangler.toml [vars] ${name} must be true or false, not "${value}"`);
}

function list(vars: Vars, name: string, fallback: string[]): string[] {
  const value = text(vars, name);
  if (value === undefined) return fallback;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Reads the configuration from the Worker's vars; unknown or malformed values fail loudly. */
export function readEdgeConfig(vars: Vars): EdgeConfig {
  const name = text(vars, 'ENVIRONMENT') ?? 'development';
  if (name !== 'development' && name !== 'staging' && name !== 'production') {
    throw new Error(`wrangler.toml [vars] ENVIRONMENT must be development, staging or production`);
  }
  const environment: Environment = name;
  const dev = environment === 'development';
  return {
    environment,
    maxDepth: integer(vars, 'MAX_DEPTH', 12),
    maxIntrospectionDepth: integer(vars, 'MAX_INTROSPECTION_DEPTH', 22),
    maxAliases: integer(vars, 'MAX_ALIASES', 15),
    maxTokens: integer(vars, 'MAX_TOKENS', 1000),
    maxDirectives: integer(vars, 'MAX_DIRECTIVES', 10),
    maxDocumentBytes: integer(vars, 'MAX_DOCUMENT_BYTES', 32_768),
    maxKeyedBodyBytes: integer(vars, 'MAX_KEYED_BODY_BYTES', 1_048_576),
    maxCost: {
      ANONYMOUS: integer(vars, 'MAX_COST_ANONYMOUS', 10_000),
      PARTNER: integer(vars, 'MAX_COST_PARTNER', 50_000),
    },
    budget: {
      ANONYMOUS: integer(vars, 'BUDGET_ANONYMOUS', 200_000),
      PARTNER: integer(vars, 'BUDGET_PARTNER', 2_000_000),
      windowSeconds: Math.max(1, integer(vars, 'BUDGET_WINDOW_SECONDS', 3_600)),
    },
    maxRowsRead: {
      ANONYMOUS: integer(vars, 'MAX_ROWS_READ_ANONYMOUS', 50_000),
      PARTNER: integer(vars, 'MAX_ROWS_READ_PARTNER', 1_000_000),
    },
    rowsBudget: {
      ANONYMOUS: integer(vars, 'ROWS_BUDGET_ANONYMOUS', 5_000_000),
      PARTNER: integer(vars, 'ROWS_BUDGET_PARTNER', 100_000_000),
    },
    batchLimit: integer(vars, 'BATCH_LIMIT', 0),
    introspection: flag(vars, 'INTROSPECTION', dev),
    graphiql: flag(vars, 'GRAPHIQL', dev),
    arbitraryOperations: flag(vars, 'ARBITRARY_OPERATIONS', true),
    maskErrors: flag(vars, 'MASK_ERRORS', !dev),
    csrfPrevention: flag(vars, 'CSRF_PREVENTION', !dev),
    corsOrigins: list(vars, 'CORS_ORIGINS', dev ? ['*'] : []),
    d1Sessions: flag(vars, 'D1_SESSIONS', true),
    cacheTtlSeconds: integer(vars, 'CACHE_TTL_SECONDS', 300),
  };
}

const configs = new WeakMap<object, EdgeConfig>();

/** The configuration for `env`, parsed once: Workers hand every request the same env object. */
export function edgeConfig(env: object): EdgeConfig {
  let config = configs.get(env);
  if (!config) {
    config = readEdgeConfig(env as Vars);
    configs.set(env, config);
  }
  return config;
}

/** A client kind's budgets: its cost points and D1 rows per window (src/http/budget.ts). */
export function budgetLimits(config: EdgeConfig, kind: ClientKind) {
  return {
    cost: config.budget[kind],
    rows: config.rowsBudget[kind],
    windowSeconds: config.budget.windowSeconds,
  };
}
