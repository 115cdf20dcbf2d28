/**
 * Budgets: each client (API key or address) has a number of cost points and of D1 rows per fixed
 * window, counted exactly in one Durable Object per client (the Rate Limiting binding only says
 * yes or no, so it cannot report "remaining"). GitHub's `rateLimit` works the same way. A request
 * calls the object once, before it runs; the rows it read ride with the client's next call
 * (`spendRows`), and the object writes its windows at most once a second (`FLUSH_AFTER_MS`).
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

/** A client's two budgets as one charge before a request finds them. */
export interface Metered {
  /** the cost points, after this request's charge */
  cost: Charge;
  /** the D1 rows read by the client's earlier requests in the window */
  rows: BudgetState;
}

/** The limits and window a client's budgets are kept in (src/http/config.ts). */
export interface BudgetLimits {
  cost: number;
  rows: number;
  windowSeconds: number;
}

/**
 * How long a budget object holds changed windows in memory before it writes them (one alarm, one
 * write) instead of writing on every charge: a busy client's object wrote twice per request.
 * Charges stay exact while the object lives (it is the only place a client's windows change);
 * an object lost within this time (a crash, a deploy) forgets the charges it had not yet written.
 */
export const FLUSH_AFTER_MS = 1_000;

/**
 * One object per client holds both of its budgets: cost points, charged before a request runs,
 * and D1 rows, spent after it has read them. One call before the request reads both (two objects
 * cost a second call on every metered request).
 */
export class QueryBudget extends DurableObject<CloudflareBindings> {
  private windows: Record<'cost' | 'rows', Window> = {
    cost: { start: 0, used: 0 },
    rows: { start: 0, used: 0 },
  };
  /** an alarm is set to write the windows changed since the last write */
  private flushPending = false;

  constructor(ctx: DurableObjectState, env: CloudflareBindings) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      // 'window': where the cost window was kept when each budget had an object of its own
      const stored = await ctx.storage.get<Window>(['cost', 'rows', 'window']);
      const cost = stored.get('cost') ?? stored.get('window');
      const rows = stored.get('rows');
      if (cost) this.windows.cost = cost;
      if (rows) this.windows.rows = rows;
    });
  }

  private current(name: 'cost' | 'rows', windowSeconds: number): Window {
    const now = Date.now();
    const window = this.windows[name];
    if (now < window.start + windowSeconds * 1000) return window;
    this.windows[name] = { start: now, used: 0 };
    return this.windows[name];
  }

  private state(name: 'cost' | 'rows', limit: number, windowSeconds: number): BudgetState {
    const { start, used } = this.current(name, windowSeconds);
    return {
      limit,
      used,
      remaining: Math.max(0, limit - used),
      resetAt: new Date(start + windowSeconds * 1000).toISOString(),
    };
  }

  /**
   * Charges `points` to the cost budget when they fit in what is left of its window, and reads
   * the rows budget. Nothing is charged when they do not fit.
   */
  async charge(points: number, limits: BudgetLimits, carriedRows = 0): Promise<Metered> {
    if (carriedRows > 0) await this.spend(carriedRows, limits);
    const window = this.current('cost', limits.windowSeconds);
    const allowed = window.used + points <= limits.cost;
    if (allowed && points > 0) {
      window.used += points;
      await this.changed();
    }
    return {
      cost: { allowed, ...this.state('cost', limits.cost, limits.windowSeconds) },
      rows: this.state('rows', limits.rows, limits.windowSeconds),
    };
  }

  /** Adds rows a request has read to the rows budget, whether or not they fit. */
  async spend(rows: number, limits: BudgetLimits): Promise<BudgetState> {
    const window = this.current('rows', limits.windowSeconds);
    if (rows > 0) {
      window.used += rows;
      await this.changed();
    }
    return this.state('rows', limits.rows, limits.windowSeconds);
  }

  /** The windows changed: write them within FLUSH_AFTER_MS (one alarm for any number of changes). */
  private async changed(): Promise<void> {
    if (this.flushPending) return;
    this.flushPending = true;
    await this.ctx.storage.setAlarm(Date.now() + FLUSH_AFTER_MS);
  }

  /** Writes both windows as they are now. */
  override async alarm(): Promise<void> {
    this.flushPending = false;
    await this.ctx.storage.put({ cost: this.windows.cost, rows: this.windows.rows });
  }
}

const budgetOf = (env: CloudflareBindings, key: string) =>
  env.QUERY_BUDGET.get(env.QUERY_BUDGET.idFromName(key));

/**
 * How long rows a request read wait in the isolate for the client's next charge to carry them
 * before they are spent on their own: a busy client's requests make one call each to its object
 * (the charge, carrying the rows of the requests before it), not two.
 */
export const SPEND_AFTER_MS = 50;

/**
 * Rows read by this isolate's finished requests and not yet spent, per budget namespace (tests
 * hand the worker copies of env that share one) and client: numbers only, never a promise or a
 * stub, which belong to the request that made them.
 */
const unspent = new WeakMap<object, Map<string, number>>();

function unspentOf(env: CloudflareBindings): Map<string, number> {
  let rows = unspent.get(env.QUERY_BUDGET);
  if (!rows) {
    rows = new Map();
    unspent.set(env.QUERY_BUDGET, rows);
  }
  return rows;
}

function takeUnspent(env: CloudflareBindings, key: string): number {
  const pending = unspentOf(env);
  const rows = pending.get(key) ?? 0;
  pending.delete(key);
  return rows;
}

function addUnspent(env: CloudflareBindings, key: string, rows: number): void {
  const pending = unspentOf(env);
  pending.set(key, (pending.get(key) ?? 0) + rows);
}

/**
 * Charges the client's cost budget (`points` 0 only reads it) and reads its rows budget, after
 * spending the rows this isolate's earlier requests of the client read (`spendRows`).
 */
export async function chargeBudget(
  env: CloudflareBindings,
  key: string,
  points: number,
  limits: BudgetLimits,
): Promise<Metered> {
  const carried = takeUnspent(env, key);
  try {
    return await budgetOf(env, key).charge(points, limits, carried);
  } catch (error) {
    // not charged: the next call carries them
    if (carried > 0) addUnspent(env, key, carried);
    throw error;
  }
}

/**
 * Records D1 rows a client's request has read against its rows budget: the client's next charge
 * from this isolate carries them, or, when none comes within SPEND_AFTER_MS, they are spent on
 * their own. The promise settles once they are spent; hand it to `waitUntil`.
 */
export async function spendRows(
  env: CloudflareBindings,
  key: string,
  rows: number,
  limits: BudgetLimits,
): Promise<void> {
  if (rows <= 0) return;
  addUnspent(env, key, rows);
  await new Promise((resolve) => setTimeout(resolve, SPEND_AFTER_MS));
  const left = takeUnspent(env, key);
  if (left === 0) return;
  try {
    await budgetOf(env, key).spend(left, limits);
  } catch (error) {
    addUnspent(env, key, left);
    throw error;
  }
}
