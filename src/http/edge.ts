/** What the GraphQL route and its Yoga plugins share about one request (never stored on env). */
import type { BudgetReport } from '../graphql/context';
import type { BudgetState, Charge } from './budget';
import type { EdgeConfig } from './config';
import type { ClientIdentity } from './identity';
import type { RequestSession } from './session';

export interface RequestEdge {
  config: EdgeConfig;
  identity: ClientIdentity;
  requestId: string;
  /** the request's D1 session when D1_SESSIONS is on */
  session: RequestSession | null;
  /** the operation's cost (src/http/cost.ts), once computed */
  cost?: number;
  /** the client's budget after this request's charge */
  budget?: Charge;
  /** a write batch committed during this request: cached reads must not outlive it */
  wrote: boolean;
  /** the client's D1 rows budget before this request's rows are charged */
  rowsBudget?: BudgetState;
}

/** The server context yoga.fetch receives from the Hono route. */
export interface EdgeServerContext {
  env: CloudflareBindings;
  executionCtx: ExecutionContext;
  edge: RequestEdge;
}

/** What `extensions.queryCost` says about the request; `rowsRead` once it has run. */
export function costReport(edge: RequestEdge, rowsRead = 0) {
  const { budget, rowsBudget } = edge;
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
    ...(rowsBudget && {
      rowsBudget: {
        limit: rowsBudget.limit,
        used: rowsBudget.used + rowsRead,
        remaining: Math.max(0, rowsBudget.remaining - rowsRead),
        resetAt: rowsBudget.resetAt,
      },
    }),
  };
}

/** The caller's budget after this request, for the `rateLimit` query; null when not metered. */
export function budgetReport(edge: RequestEdge): BudgetReport | null {
  const report = costReport(edge);
  if (!report.budget || report.requested === null) return null;
  return {
    client: report.client,
    cost: report.requested,
    maxCost: report.maximum,
    ...report.budget,
  };
}
