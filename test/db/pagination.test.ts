// The data layer directly: keyset pages and batched child pages over the real tables.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { fetchChildPages } from '../../src/db/child-pages';
import { Db } from '../../src/db/client';
import type { Ordering } from '../../src/db/ordering';
import { fetchPage, type Page, readWindow, TOTAL_COUNT_CAP } from '../../src/db/pagination';
import { projects } from '../../src/db/projects';
import { regions } from '../../src/db/regions';
import { encodeCursor } from '../../src/lib/cursor';
import { addSyntheticProjects } from '../factories';

const byNameEnDesc: Ordering = {
  name: 'NAME_EN_DESC',
  columns: [
    { sql: 'p.name_en', key: 'nameEn', desc: true },
    { sql: 'p.id', key: 'id' },
  ],
};

describe('fetchPage', () => {
  it('pages through every row exactly once, in order, whatever the page size', async () => {
    await addSyntheticProjects(23);
    const db = new Db(env.DB);
    const all = await db.all<{ nameEn: string; id: number }>(
      'SELECT p.name_en AS nameEn, p.id FROM projects p ORDER BY p.name_en DESC, p.id ASC',
      [],
      { rows: 1000 },
    );
    for (const size of [1, 4, 7, 100]) {
      const seen: number[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Page<{ id: number }> = await fetchPage<{ id: number }>(
          db,
          projects.list(),
          byNameEnDesc,
          { first: size, after },
          false,
        );
        seen.push(...page.rows.map((row) => row.id));
        if (!page.hasNextPage) break;
        after = page.cursorOf(page.rows.at(-1) as { id: number });
      }
      expect(seen).toEqual(all.map((row) => row.id));
    }
  });

  it('counts the whole filtered list in the same round trip', async () => {
    const db = new Db(env.DB);
    const page = await fetchPage(
      db,
      projects.list(['p.status = ?'], ['operational']),
      projects.byIdOrdering,
      { first: 2 },
      true,
    );
    const [{ n }] = (
      await env.DB.prepare("SELECT count(*) AS n FROM projects WHERE status = 'operational'").all<{
        n: number;
      }>()
    ).results as [{ n: number }];
    expect(page.totalCount).toBe(n);
    expect(page.rows).toHaveLength(2);
    expect(db.stats.queries).toBe(2); // page and count, sent together in one batch
  });
});

describe('readWindow', () => {
  const byNameEnAsc: Ordering = { ...byNameEnDesc, name: 'NAME_EN_ASC' };
  const after = encodeCursor({ o: 'NAME_EN_DESC', k: ['Project', 7] });

  it('reads the same arguments once: the list is checked, then fetched, with one window', () => {
    const args = { first: 5, after };
    const window = readWindow(args, byNameEnDesc);
    expect(window.after).toEqual({ o: 'NAME_EN_DESC', k: ['Project', 7] });
    // the same ordering rebuilt (as each check builds it) reuses the window
    expect(readWindow(args, { ...byNameEnDesc })).toBe(window);
    // equal arguments in another object are read afresh, to the same window
    expect(readWindow({ first: 5, after }, byNameEnDesc)).toEqual(window);
  });

  it('still refuses the cursor under another ordering or page limit', () => {
    const args = { first: 5, after };
    readWindow(args, byNameEnDesc);
    expect(() => readWindow(args, byNameEnAsc)).toThrow(/cursor for the ordering NAME_EN_DESC/);
    expect(() => readWindow(args, byNameEnDesc, 3)).toThrow(/between 1 and 3/);
  });
});

describe('fetchChildPages', () => {
  it('gives each parent its own page, including rows in its subtree', async () => {
    const db = new Db(env.DB);
    const [iran, qomCounty, shokouhieh] = await regions.bySlugs(db, [
      'iran',
      'qom-county',
      'shokouhieh',
    ]);
    const pages = await fetchChildPages<{ slug: string }>(
      db,
      projects.list(),
      { tree: 'regions', column: 'p.region_id' },
      [iran?.id ?? 0, qomCounty?.id ?? 0, shokouhieh?.id ?? 0],
      projects.byIdOrdering,
      { first: 100 },
      true,
    );
    const total = (
      await env.DB.prepare('SELECT count(*) AS n FROM projects').first<{ n: number }>()
    )?.n;
    expect(pages[0]?.totalCount).toBe(total); // everything is in Iran
    expect(pages[2]?.rows.map((row) => row.slug)).toEqual(['shokouhieh-rail-link']);
    expect(pages[1]?.rows.map((row) => row.slug)).toContain('shokouhieh-rail-link');
    expect(pages[1]?.totalCount).toBeLessThan(total ?? 0);
  });
});

describe('bounded reads', () => {
  it('stops counting at TOTAL_COUNT_CAP and says the count is a lower bound', async () => {
    await addSyntheticProjects(150);
    const db = new Db(env.DB);
    const page = await fetchPage(db, projects.list(), projects.byIdOrdering, { first: 2 }, true);
    expect(page.totalCount).toBe(TOTAL_COUNT_CAP);
    expect(page.totalCountExact).toBe(false);
    // the two-row page and a count that stopped after TOTAL_COUNT_CAP + 1 rows
    expect(db.stats.rowsRead).toBeLessThanOrEqual(TOTAL_COUNT_CAP + 10);

    const small = await fetchPage(
      new Db(env.DB),
      projects.list(['p.synthetic = 0']),
      projects.byIdOrdering,
      { first: 2 },
      true,
    );
    expect(small.totalCountExact).toBe(true);
    expect(small.totalCount).toBeLessThan(TOTAL_COUNT_CAP);
  });

  it('reads each parent page through its own LIMIT, not every row of each subtree', async () => {
    await addSyntheticProjects(400); // all in qom-city, below qom-county, below the province
    const db = new Db(env.DB);
    const parents = await regions.bySlugs(db, ['qom', 'qom-county', 'qom-city']);
    const ids = parents.map((region) => region?.id ?? 0);
    const counted = new Db(env.DB);
    const pages = await fetchChildPages<{ id: number }>(
      counted,
      projects.list(),
      { tree: 'regions', column: 'p.region_id' },
      ids,
      projects.byIdOrdering,
      { first: 5 },
      true,
    );
    // each page is the first five of that subtree in id order, as a full query gives them
    for (const [k, condition] of [
      'province_id = ?',
      'county_id = ?',
      "region_id = ? AND slug LIKE '%'",
    ].entries()) {
      const { results } = await env.DB.prepare(
        `SELECT id FROM projects WHERE ${condition} ORDER BY id LIMIT 5`,
      )
        .bind(ids[k] ?? 0)
        .all<{ id: number }>();
      expect(pages[k]?.rows.map((row) => row.id)).toEqual(results.map((row) => row.id));
      expect(pages[k]?.hasNextPage).toBe(true);
      expect(pages[k]?.totalCount).toBe(TOTAL_COUNT_CAP);
      expect(pages[k]?.totalCountExact).toBe(false);
    }
    // the province and the county read their own indexes (6 page rows, 101 counted); qom-city,
    // below a county, counts its 400 rows up to a walk (301) and, having more, walks the order:
    // within the price, and far fewer than the 2 × 1,200+ rows a window over every subtree read
    expect(counted.stats.rowsRead).toBeLessThanOrEqual(counted.rowsEstimated);
    expect(counted.stats.rowsRead).toBeLessThan(800);
  });
});
