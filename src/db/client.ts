/**
 * A per-request handle on D1 that counts the statements it runs and the rows D1 read for them,
 * and holds the request to a ceiling on rows read.
 */
import { RowsLimitError } from '../lib/errors';

/** What Ostan needs of D1: a database, a session, or the route's lazy request session. */
export type D1Handle = Pick<D1Database, 'prepare' | 'batch'>;

export type SqlValue = string | number | null;

export interface QueryStats {
  queries: number;
  rowsRead: number;
}

/**
 * What a read statement may cost, stated where the statement is written: the most D1 rows it can
 * read, and what a refusal names. `Db` reserves it before the statement runs, so a request can
 * never read a statement it was not charged for.
 */
export interface ReadPrice {
  /** the most D1 rows the statement (or batch) may read: an upper bound, justified where stated */
  rows: number;
  /** the argument a refusal names (default `aliases`: a lookup has no argument to narrow) */
  argument?: string;
  /** what a refusal tells the client to narrow */
  narrow?: string;
}

/**
 * A statement run outside the request's rows ceiling, by name: the write engine (its guarded
 * batches and the reads that check them, for callers holding an API key), and the bookkeeping of
 * the edge (API key identity, before the ceiling is known).
 */
export interface Unpriced {
  unpriced: 'write' | 'identity';
  /**
   * The statements may run twice without harm (an upsert, a conditional update): only then is a
   * write retried after a transient error. Reads are always retried.
   */
  idempotent?: boolean;
}

/** A statement of the write engine: outside the request's rows ceiling. */
export const WRITE: Unpriced = { unpriced: 'write' };

/** Every statement states its price (a read) or why it has none (a write): there is no default. */
export type Price = ReadPrice | Unpriced;

/** What a refusal says to narrow when the statement did not say. */
export const NARROW_REQUEST =
  'ask for fewer fields, smaller lists or fewer aliases in one request.';

/** D1's transient failures (d1/best-practices/retry-queries): worth another attempt. */
const TRANSIENT = /network connection lost|overloaded|object to be reset|connection reset/i;
/** attempts in all, and the first backoff (doubling, with jitter) */
const ATTEMPTS = 3;
const BACKOFF_MS = 40;

export function isTransient(error: unknown): boolean {
  return error instanceof Error && TRANSIENT.test(error.message);
}

const WRITE_WORDS = ['insert', 'update', 'delete', 'replace'];

/** A character `\b` counts as part of a word (lowercase text: a-z, 0-9, _). */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95;
}

/**
 * A statement that only reads: safe to run again. A `WITH` statement reads unless one of the
 * write keywords appears in it as a word. Nested pages send statements of many kilobytes, so the
 * words are found with `indexOf` on the lowercased text (a case-insensitive regular expression
 * with `\b` was the data layer's costliest function in a profile of the province overview).
 */
export function isReadOnly(sql: string): boolean {
  if (/^\s*(select|explain)\b/i.test(sql)) return true;
  if (!/^\s*with\b/i.test(sql)) return false;
  const text = sql.toLowerCase();
  for (const word of WRITE_WORDS) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
      const before = at === 0 ? -1 : text.charCodeAt(at - 1);
      const after = text.charCodeAt(at + word.length);
      if (!isWordChar(before) && !isWordChar(after)) return false;
    }
  }
  return true;
}

/** Runs `attempt`, again after a transient error when `retry` allows, with backoff. */
export async function withRetries<T>(retry: boolean, attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!retry || n >= ATTEMPTS || !isTransient(error)) throw error;
      const delay = BACKOFF_MS * 2 ** (n - 1);
      await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * delay));
    }
  }
}

export class Db {
  readonly stats: QueryStats = { queries: 0, rowsRead: 0 };
  /** the most D1 rows this request may read (Infinity: not limited) */
  rowsLimit = Number.POSITIVE_INFINITY;
  /** the rows the data functions priced before reading, summed over the request */
  rowsEstimated = 0;
  /** the request's remaining statements were priced together (`prepay`) */
  private prepaid = false;

  constructor(private readonly d1: D1Handle) {}

  /**
   * Prices a statement at `rows` before it runs: refuses it (RowsLimitError, naming `argument`
   * and saying what to narrow) when the request would then read more than rowsLimit.
   */
  private reserve(price: Price): void {
    if ('unpriced' in price || this.prepaid) return;
    this.check(price);
    this.rowsEstimated += price.rows;
  }

  /**
   * Prices every statement the request has still to run together, at `rows` (an export: its
   * walk's statements, each priced alone, would each be charged a whole walk however few of the
   * walk's entries are left), refused as `check` refuses. Once it holds, statements run without
   * a reservation of their own; `checkSpent` still stops any statement once the request has read
   * its ceiling.
   */
  prepay(price: ReadPrice): void {
    this.check(price);
    this.rowsEstimated += price.rows;
    this.prepaid = true;
  }

  /**
   * Refuses (RowsLimitError, naming `argument` and saying what to narrow) work priced at `rows`
   * that would take the request past rowsLimit, before any of it runs; reserves nothing (each of
   * its statements is priced as it runs). An export checks its whole price here first.
   */
  check(price: { rows: number; argument?: string; narrow?: string }): void {
    const { rows, argument = 'aliases', narrow = NARROW_REQUEST } = price;
    if (!(rows >= 0)) throw new Error(`a statement priced at ${rows} rows`);
    // resolvers run side by side: what the others priced counts even before they have read it
    const after = Math.max(this.stats.rowsRead, this.rowsEstimated) + rows;
    if (after <= this.rowsLimit) return;
    throw new RowsLimitError(
      argument,
      `This request may read about ${Math.ceil(after)} D1 rows, more than the ${this.rowsLimit} one request may read: ${narrow}`,
    );
  }

  /** Refuses any statement once the request has read its rows. */
  private checkSpent() {
    if (this.stats.rowsRead < this.rowsLimit) return;
    throw new RowsLimitError(
      'first',
      `This request has read ${this.stats.rowsRead} D1 rows, the most one request may read: ask for fewer lists, smaller pages (first/last) or fewer aliases.`,
    );
  }

  async all<Row>(sql: string, params: SqlValue[], price: Price): Promise<Row[]> {
    this.reserve(price);
    this.checkSpent();
    const retry = isReadOnly(sql) || ('unpriced' in price && price.idempotent === true);
    const result = await withRetries(retry, () =>
      this.d1
        .prepare(sql)
        .bind(...params)
        .all<Row>(),
    );
    this.record(result.meta);
    return result.results;
  }

  async first<Row>(sql: string, params: SqlValue[], price: Price): Promise<Row | null> {
    const rows = await this.all<Row>(sql, params, price);
    return rows[0] ?? null;
  }

  /**
   * Runs statements together in one round trip (D1 runs a batch as one transaction, so a retried
   * batch either ran entirely or not at all); `price` is the whole batch's.
   */
  async batch<Row>(
    statements: { sql: string; params: SqlValue[] }[],
    price: Price,
  ): Promise<Row[][]> {
    if (statements.length === 0) return [];
    this.reserve(price);
    this.checkSpent();
    const retry =
      ('unpriced' in price && price.idempotent === true) ||
      statements.every(({ sql }) => isReadOnly(sql));
    const results = await withRetries(retry, () =>
      this.d1.batch<Row>(statements.map(({ sql, params }) => this.d1.prepare(sql).bind(...params))),
    );
    for (const result of results) this.record(result.meta);
    return results.map((result) => result.results);
  }

  private record(meta: D1Meta | undefined) {
    this.stats.queries += 1;
    this.stats.rowsRead += meta?.rows_read ?? 0;
  }
}
