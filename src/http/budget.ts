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

export class QueryBudget extends DurableObject<CloudflareBindings> {
  private window: Window = { start: 0, used: 0 };

  constructor(ctx: DurableObjectState, env: CloudflareBindings) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.window = (await ctx.storage.get<Window>('window')) ?? this.window;
    });
  }

  private current(windowSeconds: number): Window {
    const now = Date.now();
    if (now >= this.window.start + windowSeconds * 1000) this.window = { start: now, used: 0 };
    return this.window;
  }

  private state(limit: number, windowSeconds: number): BudgetState {
    const { start, used } = this.current(windowSeconds);
    return {
      limit,
      used,
      remaining: Math.max(0, limit - used),
      resetAt: new Date(start + windowSeconds * 1000).toISOString(),
    };
  }

  /** Charges `points` when they fit in what is left of the window. */
  async charge(points: number, limit: number, windowSeconds: number): Promise<Charge> {
    const window = this.current(windowSeconds);
    const allowed = window.used + points <= limit;
    if (allowed && points > 0) {
      window.used += points;
      await this.ctx.storage.put('window', window);
    }
    return { allowed, ...this.state(limit, windowSeconds) };
  }

  /** Adds `points` already spent (rows a request has read), whether or not they fit. */
  async spend(points: number, limit: number, windowSeconds: number): Promise<BudgetState> {
    const window = this.current(windowSeconds);
    if (points > 0) {
      window.used += points;
      await this.ctx.storage.put('window', window);
    }
    return this.state(limit, windowSeconds);
  }
}

const budgetOf = (env: CloudflareBindings, key: string) =>
  env.QUERY_BUDGET.get(env.QUERY_BUDGET.idFromName(key));

/** Charges the client's budget; `points` 0 only reads it. */
export function chargeBudget(
  env: CloudflareBindings,
  key: string,
  points: number,
  limit: number,
  windowSeconds: number,
): Promise<Charge> {
  return budgetOf(env, key).charge(points, limit, windowSeconds);
}

/** The key of a client's D1 rows budget, kept apart from its cost points. */
export const rowsBudgetKey = (key: string) => `rows:${key}`;

/** Records D1 rows a client's request has read against its rows budget. */
export function spendRows(
  env: CloudflareBindings,
  key: string,
  rows: number,
  limit: number,
  windowSeconds: number,
): Promise<BudgetState> {
  return budgetOf(env, rowsBudgetKey(key)).spend(rows, limit, windowSeconds);
}
