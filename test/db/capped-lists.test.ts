// The lists with no page (a claim's alternatives, related claims and successors, a plan's
// targets, a plant's phases, the figures of a target) are read through capped subqueries: each
// statement reads no more than its price even when a list is longer than MAX_PER_KEY, and such a
// list is refused rather than cut short.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  alternativesOfClaims,
  latestClaimsForTargets,
  relatedOfClaims,
  supersedingClaims,
} from '../../src/db/claims';
import { Db, type Price, type SqlValue } from '../../src/db/client';
import { figuresForTargets, INDICATOR_TOTALS_ROWS } from '../../src/db/coverage';
import { phasesOfPlants } from '../../src/db/energy-assets';
import { MAX_PER_KEY } from '../../src/db/entity';
import { targetsOfPlans } from '../../src/db/plans';
import { sectorsNamedBySources, sourceIdsNamingSectors } from '../../src/db/sectors';
import { InputError } from '../../src/lib/errors';
import { addSyntheticProjects } from '../factories';

/** A Db that records, for each statement, the rows priced and the rows it read. */
function pricedDb() {
  const db = new Db(env.DB);
  const statements: { priced: number; read: number }[] = [];
  const all = db.all.bind(db);
  db.all = async <Row>(sql: string, params: SqlValue[], price: Price) => {
    const before = db.stats.rowsRead;
    try {
      return await all<Row>(sql, params, price);
    } finally {
      const priced = 'rows' in price ? price.rows : Number.POSITIVE_INFINITY;
      statements.push({ priced, read: db.stats.rowsRead - before });
    }
  };
  return { db, statements };
}

/** `count` claims about one project, all one comparison, conflict group and quantity. */
async function claimGroup(count: number): Promise<number[]> {
  await addSyntheticProjects(1, count);
  await env.DB.prepare(
    `UPDATE claims SET comparison_key = 'one', preferred = 0, conflict_group = 'one', quantity = 'one'
     WHERE slug LIKE 'test-claim-0-%'`,
  ).run();
  const { results } = await env.DB.prepare(
    `SELECT id FROM claims WHERE slug LIKE 'test-claim-0-%' ORDER BY id`,
  ).all<{ id: number }>();
  const ids = results.map((row) => row.id);
  await env.DB.prepare(
    'UPDATE claims SET supersedes_id = ? WHERE id > ? AND id IN (SELECT value FROM json_each(?))',
  )
    .bind(ids[0] ?? 0, ids[0] ?? 0, JSON.stringify(ids))
    .run();
  return ids;
}

type ListOf = (db: Db, ids: readonly number[]) => Promise<unknown[]>;

const CLAIM_LISTS: [string, ListOf][] = [
  ['alternatives', alternativesOfClaims],
  ['related', relatedOfClaims],
  ['supersededBy', supersedingClaims],
];

describe('capped lists', () => {
  it.each(CLAIM_LISTS)('%s: a full list is answered within its price', async (_name, list) => {
    const ids = await claimGroup(MAX_PER_KEY);
    const { db, statements } = pricedDb();
    const lists = await list(db, ids.slice(0, 3));
    expect(lists).toHaveLength(3);
    for (const { priced, read } of statements) expect(read).toBeLessThanOrEqual(priced);
  });

  it.each(CLAIM_LISTS)('%s: a longer list is refused, within its price', async (name, list) => {
    const ids = await claimGroup(MAX_PER_KEY + 5);
    const { db, statements } = pricedDb();
    await expect(list(db, ids.slice(0, 3))).rejects.toThrow(InputError);
    await expect(list(db, ids.slice(0, 3))).rejects.toThrow(`at most ${MAX_PER_KEY}`);
    expect(statements.length).toBeGreaterThan(0);
    for (const { priced, read } of statements) expect(read, name).toBeLessThanOrEqual(priced);
  });

  it.each([
    ['targets', targetsOfPlans],
    ['phases', phasesOfPlants],
    ['latestClaim', latestClaimsForTargets],
    ['figures', figuresForTargets],
    ['sectors', sectorsNamedBySources],
    ['sources', sourceIdsNamingSectors],
  ] as [string, ListOf][])('%s: the real data within its price', async (name, list) => {
    const { db, statements } = pricedDb();
    await list(
      db,
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    for (const { priced, read } of statements) expect(read, name).toBeLessThanOrEqual(priced);
  });

  it('prices the totals figures by the rows indicator_totals holds', async () => {
    const row = await env.DB.prepare('SELECT count(*) AS n FROM indicator_totals').first<{
      n: number;
    }>();
    expect(row?.n).toBeLessThanOrEqual(INDICATOR_TOTALS_ROWS);
  });
});
