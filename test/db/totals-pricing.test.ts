// A totals query's price covers what it then reads, on every plan it can take (the cells of
// migration 0015, or the rows with or without the sector tree and Jalali lookups), and a total
// over the ceiling is refused before it reads, saying what to narrow.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Db, type Price, type SqlValue } from '../../src/db/client';
import { energyTotals, projectTotals } from '../../src/db/totals';
import { RowsLimitError } from '../../src/lib/errors';
import { addSyntheticProjects } from '../factories';

/** A Db that records, for each statement, the rows priced and the rows it read. */
function pricedDb() {
  const db = new Db(env.DB);
  const statements: { sql: string; priced: number; read: number }[] = [];
  const all = db.all.bind(db);
  db.all = async <Row>(sql: string, params: SqlValue[], price: Price) => {
    const before = db.stats.rowsRead;
    const rows = await all<Row>(sql, params, price);
    const priced = 'rows' in price ? price.rows : Number.POSITIVE_INFINITY;
    statements.push({ sql, priced, read: db.stats.rowsRead - before });
    return rows;
  };
  return { db, statements };
}

const CASES: {
  name: string;
  cells: boolean;
  run: (db: Db) => Promise<unknown[]>;
}[] = [
  {
    name: 'projects of a province by status (cells)',
    cells: true,
    run: (db) => projectTotals(db, { region: 'qom' }, ['STATUS']),
  },
  {
    name: 'projects everywhere by province, county, status and financing (cells)',
    cells: true,
    run: (db) => projectTotals(db, null, ['PROVINCE', 'COUNTY', 'STATUS', 'FINANCING']),
  },
  {
    name: 'projects of a county with statuses and financing (cells)',
    cells: true,
    run: (db) =>
      projectTotals(db, { region: 'qom-county', status: ['under_construction'], financing: [] }, [
        'FINANCING',
      ]),
  },
  {
    name: 'plants of a province by technology and status (cells)',
    cells: true,
    run: (db) => energyTotals(db, { region: 'qom' }, ['TECHNOLOGY', 'STATUS']),
  },
  {
    name: 'plants everywhere, leaves asked for explicitly (cells)',
    cells: true,
    run: (db) => energyTotals(db, { plantsOnly: false, technology: ['solar_pv'] }, ['COUNTY']),
  },
  {
    name: 'projects by sector (rows)',
    cells: false,
    run: (db) => projectTotals(db, { region: 'qom' }, ['SECTOR']),
  },
  {
    name: 'projects of a city by status (rows: below a county)',
    cells: false,
    run: (db) => projectTotals(db, { region: 'qom-city' }, ['STATUS']),
  },
  {
    name: 'projects by top sector and started month (rows, sector tree, Jalali)',
    cells: false,
    run: (db) => projectTotals(db, null, ['TOP_SECTOR', 'STARTED_MONTH']),
  },
  {
    name: 'plants with a progress-like range by region (rows)',
    cells: false,
    run: (db) => energyTotals(db, { capacityMw: { min: 1 } }, ['REGION', 'TECHNOLOGY']),
  },
  {
    name: 'plants only, not phases (rows)',
    cells: false,
    run: (db) => energyTotals(db, { plantsOnly: true }, ['STATUS']),
  },
];

describe('totals pricing', () => {
  it.each(CASES)('prices $name at or above the rows it reads', async ({ run, cells }) => {
    await addSyntheticProjects(120);
    const { db, statements } = pricedDb();
    const rows = await run(db);
    expect(rows.length).toBeGreaterThan(0);
    // every statement, the statistics that price the total as well as the total itself
    for (const statement of statements) {
      expect(statement.read, statement.sql).toBeLessThanOrEqual(statement.priced);
    }
    const { read } = statements.at(-1) as { read: number };
    expect(read).toBeGreaterThan(0);
    // the cells plan reads far fewer rows than there are projects
    if (cells) expect(read).toBeLessThan(120);
  });

  it('refuses a total over the ceiling before reading it, saying what to narrow', async () => {
    await addSyntheticProjects(120);
    const { db } = pricedDb();
    db.rowsLimit = 50;
    const refused = projectTotals(db, { region: 'qom' }, ['SECTOR']);
    await expect(refused).rejects.toThrow(RowsLimitError);
    await expect(refused).rejects.toThrow(/narrow `filter` by `region`/);
    const read = db.stats.rowsRead;
    // only the lookups and statistics that priced it
    expect(read).toBeLessThan(50);
  });
});
