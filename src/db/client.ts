/** A per-request handle on D1 that counts the statements it runs and the rows D1 read for them. */

export type SqlValue = string | number | null;

export interface QueryStats {
  queries: number;
  rowsRead: number;
}

export class Db {
  readonly stats: QueryStats = { queries: 0, rowsRead: 0 };

  constructor(private readonly d1: D1Database | D1DatabaseSession) {}

  async all<Row>(sql: string, params: SqlValue[] = []): Promise<Row[]> {
    const result = await this.d1
      .prepare(sql)
      .bind(...params)
      .all<Row>();
    this.record(result.meta);
    return result.results;
  }

  async first<Row>(sql: string, params: SqlValue[] = []): Promise<Row | null> {
    const rows = await this.all<Row>(sql, params);
    return rows[0] ?? null;
  }

  /** Runs read statements together in one round trip (D1 runs a batch as one transaction). */
  async batch<Row>(statements: { sql: string; params: SqlValue[] }[]): Promise<Row[][]> {
    if (statements.length === 0) return [];
    const results = await this.d1.batch<Row>(
      statements.map(({ sql, params }) => this.d1.prepare(sql).bind(...params)),
    );
    for (const result of results) this.record(result.meta);
    return results.map((result) => result.results);
  }

  private record(meta: D1Meta | undefined) {
    this.stats.queries += 1;
    this.stats.rowsRead += meta?.rows_read ?? 0;
  }
}
