/**
 * A D1 binding that answers each statement from memory after its first run: the bench's `--replay`
 * mode (scripts/bench/bench.mjs), which measures the Worker's own CPU without D1's local emulation
 * (SQLite and its Durable Object run in the same workerd process here; in production they run
 * outside the Worker). Bench-only: nothing in src/ imports it.
 *
 * A statement (its SQL, bound values and method) runs on the real binding the first time it is
 * seen; its result is kept and every later run gets a structured clone of it (a caller may sort or
 * change what it gets, as the real binding's fresh objects allow). `meta` is the recorded one, so
 * rows read and the cost figures are the real ones. Results of more than RECORD_ROWS rows are not
 * kept (an isolate has 128 MB): those statements always run for real. Writes are never replayed.
 */

/** The most rows a kept result holds. */
const RECORD_ROWS = 5_000;

const kept = new Map<string, unknown>();

function keyOf(method: string, sql: string, params: readonly unknown[]): string {
  return `${method}\u0000${sql}\u0000${JSON.stringify(params)}`;
}

function rowsOf(result: unknown): number {
  const rows = (result as { results?: unknown[] } | unknown[]) ?? [];
  return Array.isArray(rows) ? rows.length : (rows.results?.length ?? 0);
}

const WRITE = /^\s*(insert|update|delete|replace|create|drop|alter|pragma)\b/i;

async function replayed<T>(key: string, write: boolean, run: () => Promise<T>): Promise<T> {
  if (!write && kept.has(key)) return structuredClone(kept.get(key)) as T;
  const result = await run();
  const size = Array.isArray(result)
    ? result.reduce((sum: number, one) => sum + rowsOf(one), 0)
    : rowsOf(result);
  if (!write && size <= RECORD_ROWS) kept.set(key, structuredClone(result));
  return result;
}

type Real = Pick<D1Database, 'prepare' | 'batch'>;

class ReplayStatement {
  constructor(
    private readonly real: Real,
    readonly sql: string,
    readonly params: readonly unknown[] = [],
  ) {}

  bind(...params: unknown[]): ReplayStatement {
    return new ReplayStatement(this.real, this.sql, params);
  }

  /** the real statement, made only when the result is not kept */
  statement(): D1PreparedStatement {
    return this.real.prepare(this.sql).bind(...this.params);
  }

  private answer<T>(
    method: string,
    go: (statement: D1PreparedStatement) => Promise<T>,
  ): Promise<T> {
    return replayed(keyOf(method, this.sql, this.params), WRITE.test(this.sql), () =>
      go(this.statement()),
    );
  }

  all<T>() {
    return this.answer('all', (statement) => statement.all<T>());
  }

  first<T>(column?: string) {
    return this.answer(`first:${column ?? ''}`, (statement) =>
      column === undefined ? statement.first<T>() : statement.first<T>(column),
    );
  }

  raw<T>(options?: { columnNames?: boolean }) {
    return this.answer(`raw:${options?.columnNames === true}`, (statement) =>
      options?.columnNames ? statement.raw<T>({ columnNames: true }) : statement.raw<T>(),
    );
  }

  run<T>() {
    return this.answer('run', (statement) => statement.run<T>());
  }
}

class ReplayDatabase {
  constructor(private readonly real: Real & Partial<Pick<D1Database, 'withSession'>>) {}

  prepare(sql: string) {
    return new ReplayStatement(this.real, sql);
  }

  batch<T>(statements: ReplayStatement[]) {
    const key = keyOf(
      'batch',
      statements.map((s) => s.sql).join('\u0001'),
      statements.map((s) => s.params),
    );
    return replayed(
      key,
      statements.some((s) => WRITE.test(s.sql)),
      () => this.real.batch<T>(statements.map((s) => s.statement())),
    );
  }

  withSession(constraint?: string) {
    const session = this.real.withSession?.(constraint as D1SessionConstraint);
    if (!session) throw new Error('replay: the real binding has no sessions');
    const inner = new ReplayDatabase(session);
    return Object.assign(inner, { getBookmark: () => session.getBookmark() });
  }
}

const wrapped = new WeakMap<object, object>();

/** `env` with its DB binding answered from memory after each statement's first run (kept per env). */
export function replayEnv<Env extends { DB: D1Database }>(env: Env): Env {
  let replay = wrapped.get(env) as Env | undefined;
  if (!replay) {
    replay = { ...env, DB: new ReplayDatabase(env.DB) as unknown as D1Database };
    wrapped.set(env, replay);
  }
  return replay;
}
