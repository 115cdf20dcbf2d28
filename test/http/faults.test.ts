// Transient D1 errors are retried for reads and idempotent writes only; other errors fail the one
// operation, and /health reports the database and its migration level.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Db, isReadOnly, WRITE } from '../../src/db/client';

/** A D1 stand-in whose statements fail with `errors` (in order) before they succeed. */
function flakyD1(errors: string[]) {
  let calls = 0;
  const result = { results: [{ ok: 1 }], meta: { rows_read: 1 } };
  const statement = {
    bind: () => statement,
    all: async () => {
      calls += 1;
      const error = errors.shift();
      if (error) throw new Error(error);
      return result;
    },
  };
  const d1 = {
    prepare: () => statement,
    batch: async () => [await statement.all()],
  } as unknown as D1Database;
  return { d1, calls: () => calls };
}

describe('retries', () => {
  it.each([
    'D1_ERROR: Network connection lost.',
    'D1 DB is overloaded. Too many requests queued.',
    'D1_ERROR: Durable Object storage caused object to be reset.',
  ])('retries a read after "%s"', async (message) => {
    const { d1, calls } = flakyD1([message, message]);
    const db = new Db(d1);
    expect(await db.all('SELECT 1 AS ok', [], { rows: 1 })).toEqual([{ ok: 1 }]);
    expect(calls()).toBe(3);
    expect(db.stats.queries).toBe(1);
  });

  it('gives up after three attempts', async () => {
    const { d1, calls } = flakyD1(Array(5).fill('Network connection lost'));
    await expect(new Db(d1).all('SELECT 1', [], { rows: 1 })).rejects.toThrow(
      /Network connection lost/,
    );
    expect(calls()).toBe(3);
  });

  it('does not retry other errors', async () => {
    const { d1, calls } = flakyD1(['D1_ERROR: no such table: regions: SQLITE_ERROR']);
    await expect(new Db(d1).all('SELECT * FROM regions', [], { rows: 100 })).rejects.toThrow(
      /no such table/,
    );
    expect(calls()).toBe(1);
  });

  it('retries a write only when the caller says it is idempotent', async () => {
    const plain = flakyD1(['Network connection lost']);
    await expect(
      new Db(plain.d1).all('UPDATE regions SET slug = slug', [], WRITE),
    ).rejects.toThrow();
    expect(plain.calls()).toBe(1);

    const idempotent = flakyD1(['Network connection lost']);
    await new Db(idempotent.d1).all('UPDATE regions SET slug = slug', [], {
      unpriced: 'write',
      idempotent: true,
    });
    expect(idempotent.calls()).toBe(2);
  });

  it('retries a batch of reads, not a batch with a write', async () => {
    const reads = flakyD1(['overloaded']);
    await new Db(reads.d1).batch([{ sql: 'SELECT 1', params: [] }], { rows: 1 });
    expect(reads.calls()).toBe(2);
    const writes = flakyD1(['overloaded']);
    await expect(
      new Db(writes.d1).batch([{ sql: 'INSERT INTO t VALUES (1)', params: [] }], WRITE),
    ).rejects.toThrow();
    expect(writes.calls()).toBe(1);
  });

  it.each([
    ['SELECT 1', true],
    ['  with x AS (SELECT 1) SELECT * FROM x', true],
    ['WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x', false],
    ['INSERT INTO t VALUES (1)', false],
    ['UPDATE t SET a = 1', false],
    // the write words count only as words: a column named after one is still a read
    ['WITH x AS (SELECT updated_at, deleted FROM t) SELECT * FROM x', true],
    ['WITH x AS (SELECT 1) Replace INTO t SELECT * FROM x', false],
    ['WITH x AS (SELECT 1) DELETE FROM t WHERE a IN (SELECT * FROM x)', false],
    ['with x as (select 1)\nupdate t set a = 1', false],
  ])('classifies %s as read-only: %s', (sql, expected) => {
    expect(isReadOnly(sql)).toBe(expected);
  });
});

describe('/health', () => {
  it('reports the database reachable and the migration level', async () => {
    const response = await exports.default.fetch('http://ostan.test/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      database: 'reachable',
      migration: expect.stringMatching(/^\d{4}_/),
    });
  });
});
