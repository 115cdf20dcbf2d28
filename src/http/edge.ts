/** What the HTTP layer and the GraphQL plugins share about one request (never stored on env). */
import type { ServerContext } from '../context';
import type { EdgeConfig } from '../limits';
import type { Charge } from './budget';
import type { ClientIdentity } from './identity';
import type { RequestSession } from './session';

export interface RequestEdge {
  config: EdgeConfig;
  identity: ClientIdentity;
  requestId: string;
  /** the request's D1 session when D1_SESSIONS is on */
  session: RequestSession | null;
  /** the operation's cost (src/cost.ts), once computed */
  cost?: number;
  /** the client's budget after this request's charge */
  budget?: Charge;
  /** a mutation ran without errors: cached reads must not outlive it */
  mutated: boolean;
}

/** The server context yoga.fetch receives from the Hono route. */
export interface EdgeServerContext extends ServerContext {
  edge: RequestEdge;
  db: D1Database | D1DatabaseSession;
}

const edges = new WeakMap<object, RequestEdge>();

/** Links a GraphQL context to its request's edge state (resolvers see only the context). */
export function attachEdge(context: object, edge: RequestEdge): void {
  edges.set(context, edge);
}

export function edgeOf(context: object): RequestEdge | undefined {
  return edges.get(context);
}

/** What `extensions.queryCost` says about the request. */
export function costReport(edge: RequestEdge) {
  const budget = edge.budget;
  return {
    requested: edge.cost ?? null,
    maximum: edge.config.maxCost[edge.identity.kind],
    client: edge.identity.kind,
    ...(budget && {
      budget: {
        limit: budget.limit,
        used: budget.used,
        remaining: budget.remaining,
        resetAt: budget.resetAt,
      },
    }),
  };
}
