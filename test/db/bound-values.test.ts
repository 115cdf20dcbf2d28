// Nested pages' statements (src/db/child-pages.ts's `numbered`): within D1's 100 bound values a
// statement is sent as written; past them each distinct value is bound once and every `?` outside
// a quoted literal names its value's number, so the statement reads what it read before.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { numbered } from '../../src/db/child-pages';

describe('numbered statements', () => {
  it('sends a statement within 100 values as it is', () => {
    const params = Array.from({ length: 100 }, (_, i) => i);
    const sql = params.map(() => '?').join(' + ');
    expect(numbered(sql, params)).toEqual({ sql, params });
  });

  it('binds each distinct value once past 100, leaving quoted ? alone, and D1 reads it the same', async () => {
    // 150 values, three distinct: 2.5, 'a?b' and null, repeated; a literal with a ? in it between
    const params = Array.from({ length: 150 }, (_, i) => [2.5, 'a?b', null][i % 3] ?? null);
    const terms = params.map((_, i) => (i === 75 ? `('?''?' || ?)` : '(?)'));
    const sql = `SELECT column1 AS v FROM (VALUES ${terms.join(', ')})`;
    const statement = numbered(sql, params);
    expect(statement.params).toEqual([2.5, 'a?b', null]);
    expect(statement.sql).toContain(`'?''?' || ?1`);
    expect(statement.sql).not.toMatch(/\?(?![0-9'])/);
    const { results } = await env.DB.prepare(statement.sql)
      .bind(...statement.params)
      .all<{ v: unknown }>();
    const expected = params.map((value, i) => (i === 75 ? `?'?${value}` : value));
    expect(results.map((row) => row.v)).toEqual(expected);
  });
});
