/**
 * The metering plugin: before an operation runs it computes its cost (src/http/cost.ts), refuses it
 * above the client's per-request ceiling and charges the client's budget (src/http/budget.ts)
 * (the request rate limits are src/http/route-metering.ts's); it sends mutations to the D1
 * primary. After the operation it reports the cost in `extensions.queryCost`, the D1 work in
 * `extensions.cost`, turns the data layer's input errors into BAD_USER_INPUT and, where
 * configured, masks unexpected errors behind the request id.
 */
import { GraphQLError, getOperationAST } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context';
import { clientError } from '../graphql/errors';
import { chargeBudget, spendRows } from './budget';
import { budgetLimits } from './config';
import { operationCost } from './cost';
import { costReport, type EdgeServerContext, type RequestEdge } from './edge';

/** What an onExecute hook may return (envelop's OnExecuteHookResult, which Yoga does not export). */
type ExecuteHooks = Exclude<
  Awaited<ReturnType<NonNullable<Plugin<EdgeServerContext>['onExecute']>>>,
  void
>;

function refusal(message: string, code: string, status: number, headers?: Record<string, string>) {
  return new GraphQLError(message, { extensions: { code, http: { status, headers } } });
}

function secondsUntil(iso: string): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - Date.now()) / 1000));
}

/** Errors as clients see them; unexpected ones behind the request id where MASK_ERRORS is on. */
function publicErrors(errors: readonly GraphQLError[], edge: RequestEdge): GraphQLError[] {
  return errors.map((raw) => {
    const error = clientError(raw);
    const original = error.originalError;
    if (!edge.config.maskErrors || !original || original instanceof GraphQLError) return error;
    // the cause goes to the logs with the request id, never to the client (no stack, no SQL)
    console.error(`request ${edge.requestId}:`, original);
    return new GraphQLError('Unexpected error.', {
      path: error.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: edge.requestId },
    });
  });
}

export function meteringPlugin(): Plugin<EdgeServerContext> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as unknown as EdgeServerContext & Context;
      const edge = context.edge;
      if (!edge) return;
      const { config } = edge;
      const operation = getOperationAST(args.document, args.operationName);
      // the data version moves on only when a write commits (the context's writeCommitted)
      if (operation?.operation === 'mutation') edge.session?.usePrimary();

      const cost = operationCost(
        args.schema,
        args.document,
        args.variableValues as Record<string, unknown> | undefined,
        args.operationName,
      );
      edge.cost = cost;
      const maximum = config.maxCost[edge.identity.kind];
      if (cost > maximum) {
        setResultAndStopExecution({
          errors: [
            refusal(
              `Query cost ${Number.isFinite(cost) ? cost : 'unbounded'} exceeds the limit of ${maximum} per request: ask for fewer items (first/last) or fewer nested lists.`,
              'COST_LIMIT_EXCEEDED',
              400,
            ),
          ],
          extensions: { queryCost: costReport(edge) },
        });
        return;
      }

      const { kind, key, metered } = edge.identity;
      if (!metered) return reportAfter(edge, context);
      // every statement is priced against this before it runs (src/db/client.ts's reserve)
      context.db.rowsLimit = config.maxRowsRead[kind];
      const limits = budgetLimits(config, kind);
      const { cost: limit, rows: rowsLimit } = limits;
      const { cost: budget, rows } = await chargeBudget(context.env, key, cost, limits);
      edge.budget = budget;
      edge.rowsBudget = rows;
      if (rows.remaining <= 0) {
        setResultAndStopExecution({
          errors: [
            refusal(
              `D1 rows budget exhausted: this client has read ${rows.used} of ${rowsLimit} rows in this window; it resets at ${rows.resetAt}.`,
              'ROWS_BUDGET_EXHAUSTED',
              429,
              { 'Retry-After': String(secondsUntil(rows.resetAt)) },
            ),
          ],
          extensions: { queryCost: costReport(edge) },
        });
        return;
      }
      if (!edge.budget.allowed) {
        setResultAndStopExecution({
          errors: [
            refusal(
              `Cost budget exhausted: ${edge.budget.remaining} of ${limit} points left, this query costs ${cost}; the budget resets at ${edge.budget.resetAt}.`,
              'BUDGET_EXHAUSTED',
              429,
              { 'Retry-After': String(secondsUntil(edge.budget.resetAt)) },
            ),
          ],
          extensions: { queryCost: costReport(edge) },
        });
        return;
      }

      return reportAfter(edge, context);
    },
  };
}

/**
 * After the operation: the rows read charged to the client's rows budget, the cost report (rows
 * priced and read), and unexpected errors masked where configured.
 */
function reportAfter(edge: RequestEdge, context: EdgeServerContext & Context): ExecuteHooks {
  return {
    onExecuteDone({ result, setResult }) {
      if (isAsyncIterable(result)) return;
      const { db } = context;
      const { stats } = db;
      if (edge.rowsBudget) {
        const { config, identity } = edge;
        const limits = budgetLimits(config, identity.kind);
        context.executionCtx.waitUntil(
          spendRows(context.env, identity.key, stats.rowsRead, limits),
        );
      }
      setResult({
        ...result,
        ...(result.errors && { errors: publicErrors(result.errors, edge) }),
        extensions: {
          ...result.extensions,
          queryCost: costReport(edge, stats.rowsRead),
          cost: {
            d1Queries: stats.queries,
            d1RowsRead: stats.rowsRead,
            d1RowsEstimated: db.rowsEstimated,
            ...(Number.isFinite(db.rowsLimit) && { d1RowsLimit: db.rowsLimit }),
          },
        },
      });
    },
  };
}
