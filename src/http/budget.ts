/**
 * Cost budgets: each client (API key or address) has a number of cost points per fixed window,
 * counted exactly in one Durable Object per client (the Rate Limiting binding only says yes or
 * no, so it cannot report "remaining"). GitHub's `rateLimit` works the same way.
 */
import { DurableObject } from 'cloudflare:workers';

export interface BudgetState {
  limit: number;
  used: number;
  remaining: number;
  /** ISO time at which `used` returns to 0 */
  resetAt: string;
}

export interface Charge extends BudgetState {
  /** false when the points did not fit: nothing was charged */
  allowed: boolean;
}

interface Window {
  start: number;
  used: number;
}

/** The client's two budgets as the metering plugin reads them before an operation runs. */
export interface Metered {
  /** the cost points, after this operation's charge (when `allowed`) */
  cost: Charge;
  /** the D1 rows, with every earlier request's rows spent but not this operation's */
  rows: Charge;
}

/** Which of a client's two windows: cost points, or D1 rows read. */
type Kind = 'cost' | 'rows';

// storage keys: the cost window kept its historical name
const STORAGE_KEY: Record<Kind, string> = { cost: 'window', rows: 'rows' };

/**
 * One client's budgets: cost points and D1 rows, one window each, in one object so that metering
 * a GraphQL request is one call. Storage writes are not awaited for confirmation (the in-memory
 * window is the authority while the object lives); a write that fails resets the object, as
 * Durable Objects do for any failed write.
 */
export class QueryBudget extends DurableObject<CloudflareBindings> {
  private windows: Record<Kind, Window> = {
    cost: { start: 0, used: 0 },
    rows: { start: 0, used: 0 },
  };

  constructor(ctx: DurableObjectState, env: CloudflareBindings) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      const stored = await ctx.storage.get<Window>([STORAGE_KEY.cost, STORAGE_KEY.rows]);
      this.windows.cost = stored.get(STORAGE_KEY.cost) ?? this.windows.cost;
      this.windows.rows = stored.get(STORAGE_KEY.rows) ?? this.windows.rows;
    });
  }

  private current(kind: Kind, windowSeconds: number): Window {
    const now = Date.now();
    const window = this.windows[kind];
    if (now >= window.start + windowSeconds * 1000) {
      this.windows[kind] = { start: now, used: 0 };
    }
    return this.windows[kind];
  }

  private state(kind: Kind, limit: number, windowSeconds: number): BudgetState {
    const { start, used } = this.current(kind, windowSeconds);
    return {
      limit,
      used,
      remaining: Math.max(0, limit - used),
      resetAt: new Date(start + windowSeconds * 1000).toISOString(),
    };
  }

  /** Adds points to a window; written in one batch with any other window changed in the call. */
  private add(kind: Kind, points: number, windowSeconds: number) {
    const window = this.current(kind, windowSeconds);
    window.used += points;
    this.ctx.storage.put(STORAGE_KEY[kind], window, { allowUnconfirmed: true });
  }

  private chargeOf(kind: Kind, points: number, limit: number, windowSeconds: number): Charge {
    const { used } = this.current(kind, windowSeconds);
    const allowed = used + points <= limit;
    if (allowed && points > 0) this.add(kind, points, windowSeconds);
    return { allowed, ...this.state(kind, limit, windowSeconds) };
  }

  /**
   * Before a GraphQL operation: spends the rows earlier requests read (`rowsRead`, carried by
   * this call: see `meterOperation`), charges the operation's cost points when they fit and reads
   * the rows window.
   */
  meter(
    points: number,
    limit: number,
    rowsRead: number,
    rowsLimit: number,
    windowSeconds: number,
  ): Metered {
    if (rowsRead > 0) this.add('rows', rowsRead, windowSeconds);
    return {
      cost: this.chargeOf('cost', points, limit, windowSeconds),
      rows: this.chargeOf('rows', 0, rowsLimit, windowSeconds),
    };
  }

  /** Adds D1 rows requests have read, whether or not they fit. */
  spendRows(rows: number, limit: number, windowSeconds: number): BudgetState {
    if (rows > 0) this.add('rows', rows, windowSeconds);
    return this.state('rows', limit, windowSeconds);
  }
}

const budgetOf = (env: CloudflareBindings, key: string) =>
  env.QUERY_BUDGET.get(env.QUERY_BUDGET.idFromName(key));

/**
 * Spends D1 rows a request has read at once, whether or not they fit (a route outside /graphql,
 * once its body is done); `rows` 0 only reads the rows window.
 */
export async function spendRows(
  env: CloudflareBindings,
  key: string,
  rows: number,
  limit: number,
  windowSeconds: number,
): Promise<BudgetState> {
  return budgetOf(env, key).spendRows(rows, limit, windowSeconds);
}

/**
 * D1 rows this isolate's requests have read and not yet spent, by client key. A client's next
 * `meterOperation` carries them (one call instead of two); `spendRowsSoon` spends whatever is
 * still here after a moment, so rows are spent even when no request follows.
 */
const unspentRows = new Map<string, number>();

/**
 * How long read rows wait for the client's next request before they are spent on their own
 * (an object so that a test can lengthen it and know which way the rows went).
 */
export const spendRowsAfter = { ms: 50 };

/**
 * Charges an operation's cost and reads the client's rows budget, in one call that also spends
 * the rows the client's earlier requests (in this isolate) read.
 */
export async function meterOperation(
  env: CloudflareBindings,
  key: string,
  points: number,
  limit: number,
  rowsLimit: number,
  windowSeconds: number,
): Promise<Metered> {
  const rows = unspentRows.get(key) ?? 0;
  unspentRows.delete(key);
  try {
    return await budgetOf(env, key).meter(points, limit, rows, rowsLimit, windowSeconds);
  } catch (error) {
    // not spent: left for the next call
    if (rows > 0) unspentRows.set(key, (unspentRows.get(key) ?? 0) + rows);
    throw error;
  }
}

/**
 * Records D1 rows a client's request has read: the client's next metering call carries them, or,
 * when none comes within `spendRowsAfter`, they are spent on their own. The returned promise
 * is for `waitUntil`.
 */
export async function spendRowsSoon(
  env: CloudflareBindings,
  key: string,
  rows: number,
  limit: number,
  windowSeconds: number,
): Promise<void> {
  if (rows <= 0) return;
  unspentRows.set(key, (unspentRows.get(key) ?? 0) + rows);
  await new Promise((resolve) => setTimeout(resolve, spendRowsAfter.ms));
  const unspent = unspentRows.get(key) ?? 0;
  if (unspent <= 0) return;
  unspentRows.delete(key);
  await budgetOf(env, key).spendRows(unspent, limit, windowSeconds);
}
