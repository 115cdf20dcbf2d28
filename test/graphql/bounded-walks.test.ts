// A filter its order's index does not hold is read by a bounded walk (src/db/pagination.ts,
// ListWalk): a page reads at most its walk however few rows match, may come back short with
// hasNextPage true, and the list goes on from where the walk stopped. Here Qom gets 2,100 planned
// projects whose English names sort first, so its operational projects by NAME lie beyond
// several walks.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_WALK, walkLimit } from '../../src/db/pagination';
import { addPlannedProjects } from '../factories';
import { anonymousData, type Connection } from '../helpers';

const ADDED = 2_100;

async function anonymous(query: string, variables: Record<string, unknown>) {
  const { data, cost } = await anonymousData<{ projects: Connection }>(query, variables);
  return { connection: data.projects, cost };
}

const PAGE = `query ($filter: ProjectFilter, $orderBy: ProjectOrder, $first: Int, $last: Int, $after: String, $before: String) {
  projects(filter: $filter, orderBy: $orderBy, first: $first, last: $last, after: $after, before: $before) {
    nodes { slug }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

const COUNT = `query ($filter: ProjectFilter) {
  projects(filter: $filter, first: 1) { totalCount totalCountIsExact nodes { slug } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } }
}`;

const OPERATIONAL_IN_QOM = { region: 'qom', status: ['OPERATIONAL'] };

/** The operational projects of Qom in an order, straight from the table. */
async function expected(order: string): Promise<string[]> {
  const rows = await env.DB.prepare(
    `SELECT slug FROM projects
     WHERE province_id = (SELECT id FROM regions WHERE slug = 'qom') AND status = 'operational'
     ORDER BY ${order}`,
  ).all<{ slug: string }>();
  return rows.results.map((row) => row.slug);
}

describe('a bounded walk', () => {
  it('pages forward through a sparse filter: short pages say there is more, and nothing is lost or repeated', async () => {
    await addPlannedProjects(ADDED);
    const want = await expected('name_en, id');
    expect(want.length).toBeGreaterThan(0);
    const seen: string[] = [];
    let after: string | null = null;
    let shortWithMore = 0;
    for (let n = 0; n < 100; n += 1) {
      const { connection, cost } = await anonymous(PAGE, {
        filter: OPERATIONAL_IN_QOM,
        orderBy: { field: 'NAME', lang: 'EN' },
        first: 5,
        after,
      });
      seen.push(...connection.nodes.map((node) => node.slug));
      // never more than its walk, and never more than priced: without the bound, the first
      // page walked every one of the 2,100 planned projects
      expect(cost.d1RowsRead).toBeLessThanOrEqual(cost.d1RowsEstimated);
      expect(cost.d1RowsRead).toBeLessThan(4 * walkLimit(5));
      if (!connection.pageInfo.hasNextPage) break;
      if (connection.nodes.length < 5) shortWithMore += 1;
      expect(connection.pageInfo.endCursor).not.toBeNull();
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(want);
    // 2,100 rows before the first match, 300 a walk: the walk stopped short several times
    expect(shortWithMore).toBeGreaterThanOrEqual(Math.floor(ADDED / walkLimit(5)) - 1);
  });

  it('pages backward the same way, from the end of the list', async () => {
    await addPlannedProjects(ADDED);
    const want = await expected('name_en DESC, id DESC');
    const seen: string[] = [];
    let before: string | null = null;
    for (let n = 0; n < 100; n += 1) {
      const { connection, cost } = await anonymous(PAGE, {
        filter: OPERATIONAL_IN_QOM,
        orderBy: { field: 'NAME', lang: 'EN', direction: 'DESC' },
        last: 5,
        before,
      });
      seen.unshift(...connection.nodes.map((node) => node.slug));
      expect(cost.d1RowsRead).toBeLessThanOrEqual(cost.d1RowsEstimated);
      if (!connection.pageInfo.hasPreviousPage) break;
      expect(connection.pageInfo.startCursor).not.toBeNull();
      before = connection.pageInfo.startCursor;
    }
    expect(seen).toEqual(want);
  });

  it('fills pages as before when the filter is dense, and a cursor from a short page is an ordinary cursor', async () => {
    const want = await expected('(progress_pct IS NULL), progress_pct, id');
    const { connection } = await anonymous(PAGE, {
      filter: OPERATIONAL_IN_QOM,
      orderBy: { field: 'PROGRESS' },
      first: 100,
    });
    expect(connection.nodes.map((node) => node.slug)).toEqual(want.slice(0, 100));
    expect(connection.pageInfo.hasNextPage).toBe(want.length > 100);
  });

  it('counts exactly within its walk, and as a lower bound past it', async () => {
    // not synthetic: a condition the region's status index does not hold, so the count walks
    const filter = { ...OPERATIONAL_IN_QOM, synthetic: false };
    const real = await expected('id');
    const exact = await anonymous(COUNT, { filter });
    expect(exact.connection.totalCount).toBe(Math.min(real.length, 100));
    expect(exact.connection.totalCountIsExact).toBe(real.length <= 100);

    // with MAX_WALK + 100 more projects in Qom, the count's walk ends at its limit before the
    // list does: what it counted is a lower bound
    await addPlannedProjects(MAX_WALK + 100);
    const bounded = await anonymous(COUNT, { filter });
    expect(bounded.connection.totalCountIsExact).toBe(false);
    expect(bounded.connection.totalCount).toBeLessThanOrEqual(real.length);
    expect(bounded.cost.d1RowsRead).toBeLessThanOrEqual(bounded.cost.d1RowsEstimated);

    // a region and statuses alone are counted in the region's status index (migration 0015,
    // Conditions.countedBy), which holds them: exact past any walk, reading the entries counted
    const held = await anonymous(COUNT, { filter: OPERATIONAL_IN_QOM });
    expect(held.connection.totalCount).toBe(Math.min(real.length, 100));
    expect(held.connection.totalCountIsExact).toBe(real.length <= 100);
    expect(held.cost.d1RowsRead).toBeLessThanOrEqual(held.cost.d1RowsEstimated);
    expect(held.cost.d1RowsRead).toBeLessThan(bounded.cost.d1RowsRead);
  });

  /**
   * A cursor's keyset is one index seek per column of the ordering (src/db/pagination.ts,
   * windowSelect). As one condition it sought on the first column only, and a nullable order
   * (PROGRESS, dates, jobs, investment, capacity) leads with "is null", which every row with a
   * value shares: a page after a cursor re-read the rows of that run before the cursor (page 3 of
   * these 2,100 projects at 0% read 1,504 rows for a walk priced 916).
   */
  it('pages by a nullable order read no more than priced after a cursor, however deep', async () => {
    await addPlannedProjects(ADDED);
    let after: string | null = null;
    for (let n = 0; n < 5; n += 1) {
      const { connection, cost } = await anonymous(PAGE, {
        filter: OPERATIONAL_IN_QOM,
        orderBy: { field: 'PROGRESS' },
        first: 5,
        after,
      });
      expect(cost.d1RowsRead).toBeLessThanOrEqual(cost.d1RowsEstimated);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
  });

  it('pages of a list its index holds whole read the same after a cursor, however deep', async () => {
    await addPlannedProjects(ADDED);
    let after: string | null = null;
    const reads: number[] = [];
    for (let n = 0; n < 8; n += 1) {
      const { connection, cost } = await anonymous(PAGE, {
        filter: { region: 'qom' },
        orderBy: { field: 'PROGRESS' },
        first: 100,
        after,
      });
      expect(connection.nodes).toHaveLength(100);
      expect(cost.d1RowsRead).toBeLessThanOrEqual(cost.d1RowsEstimated);
      reads.push(cost.d1RowsRead);
      after = connection.pageInfo.endCursor;
    }
    // page 8 reads what page 2 reads (with one condition over every column, page 8 re-read the
    // 700 rows at 0% before its cursor)
    expect(Math.max(...reads.slice(1)) - Math.min(...reads.slice(1))).toBeLessThanOrEqual(4);
  });
});

/**
 * A window given both cursors is the rows strictly between them, read as index ranges that end
 * at the second cursor (src/db/pagination.ts, `intervalArms`). Filtering by the second cursor
 * instead scanned past it to the end of the run: here, every one of the 2,100 projects at 0%.
 */
describe('a window between two cursors', () => {
  it.each([false, true])(
    'reads the rows between them and stops at the second (backward: %s)',
    async (backward) => {
      await addPlannedProjects(ADDED);
      const filter = { region: 'qom' };
      const orderBy = { field: 'PROGRESS' };
      const CURSORS = `query ($filter: ProjectFilter, $orderBy: ProjectOrder) {
        projects(filter: $filter, orderBy: $orderBy, first: 10) { edges { cursor node { slug } } }
      }`;
      const { data } = await anonymousData<{
        projects: { edges: { cursor: string; node: { slug: string } }[] };
      }>(CURSORS, { filter, orderBy });
      const edges = data.projects.edges;
      const [from, to] = [edges[4]?.cursor, edges[8]?.cursor];
      const between = edges.slice(5, 8).map((edge) => edge.node.slug);
      const window = backward
        ? { last: 10, before: to, after: from }
        : { first: 10, after: from, before: to };
      const { connection, cost } = await anonymous(PAGE, { filter, orderBy, ...window });
      expect(connection.nodes.map((node) => node.slug)).toEqual(between);
      expect(cost.d1RowsRead).toBeLessThanOrEqual(cost.d1RowsEstimated);
      // and two cursors in the wrong order hold nothing between them
      const inverted = backward
        ? { last: 10, before: from, after: to }
        : { first: 10, after: to, before: from };
      const empty = await anonymous(PAGE, { filter, orderBy, ...inverted });
      expect(empty.connection.nodes).toEqual([]);
      expect(empty.cost.d1RowsRead).toBeLessThanOrEqual(empty.cost.d1RowsEstimated);
    },
  );
});
