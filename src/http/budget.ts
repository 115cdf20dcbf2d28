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
  /** the D1 rows, before this operation's rows are spent */
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

  private add(kind: Kind, window: Window, points: number) {
    window.used += points;
    this.ctx.storage.put(STORAGE_KEY[kind], window, { allowUnconfirmed: true });
  }

  private chargeOf(kind: Kind, points: number, limit: number, windowSeconds: number): Charge {
    const window = this.current(kind, windowSeconds);
    const allowed = window.used + points <= limit;
    if (allowed && points > 0) this.add(kind, window, points);
    return { allowed, ...this.state(kind, limit, windowSeconds) };
  }

  /** Charges `points` when they fit in what is left of the window. */
  charge(points: number, limit: number, windowSeconds: number): Charge {
    return this.chargeOf('cost', points, limit, windowSeconds);
  }

  /**
   * Before a GraphQL operation: charges its cost points when they fit and reads the rows window
   * (the rows are spent after the operation, with `spendRows`).
   */
  meter(points: number, limit: number, rowsLimit: number, windowSeconds: number): Metered {
    return {
      cost: this.chargeOf('cost', points, limit, windowSeconds),
      rows: this.chargeOf('rows', 0, rowsLimit, windowSeconds),
    };
  }

  /** Adds D1 rows a request has read, whether or not they fit. */
  spendRows(rows: number, limit: number, windowSeconds: number): BudgetState {
    const window = this.current('rows', windowSeconds);
    if (rows > 0) this.add('rows', window, rows);
    return this.state('rows', limit, windowSeconds);
  }
}

const budgetOf = (env: CloudflareBindings, key: string) =>
  env.QUERY_BUDGET.get(env.QUERY_BUDGET.idFromName(key));

/** Charges the client's budget; `points` 0 only reads it. */
export async function chargeBudget(
  env: CloudflareBindings,
  key: string,
  points: number,
  limit: number,
  windowSeconds: number,
): Promise<Charge> {
  return budgetOf(env, key).charge(points, limit, windowSeconds);
}

/** Charges an operation's cost and reads the client's rows budget, in one call. */
export async function meterOperation(
  env: CloudflareBindings,
  key: string,
  points: number,
  limit: number,
  rowsLimit: number,
  windowSeconds: number,
): Promise<Metered> {
  return budgetOf(env, key).meter(points, limit, rowsLimit, windowSeconds);
}

/** Records D1 rows a client's request has read against its rows budget. */
export async function spendRows(
  env: CloudflareBindings,
  key: string,
  rows: number,
  limit: number,
  windowSeconds: number,
): Promise<BudgetState> {
  return budgetOf(env, key).spendRows(rows, limit, windowSeconds);
}
