// A totals query's price covers what it then reads, on every plan it can take (the cells of
// migration 0015, or the rows with or without the sector tree and Jalali lookups), and a total
// over the ceiling is refused before it reads, saying what to narrow.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Db } from '../../src/db/client';
import { energyTotals, projectTotals } from '../../src/db/totals';
import { RowsLimitError } from '../../src/lib/errors';
import { addSyntheticProjects } from '../factories';

/** A Db that records, at each reserve, the rows read so far and the rows priced. */
function pricedDb() {
  const db = new Db(env.DB);
  const reservations: { readBefore: number; priced: number }[] = [];
  const reserve = db.reserve.bind(db);
  db.reserve = (rows, argument, narrow) => {
    reservations.push({ readBefore: db.stats.rowsRead, priced: rows });
    reserve(rows, argument, narrow);
  };
  return { db, reservations };
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
    const { db, reservations } = pricedDb();
    const rows = await run(db);
    expect(rows.length).toBeGreaterThan(0);
    expect(reservations).toHaveLength(1);
    const [{ readBefore, priced }] = reservations as [{ readBefore: number; priced: number }];
    const read = db.stats.rowsRead - readBefore;
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThanOrEqual(priced);
    // the cells plan reads far fewer rows than there are projects
    if (cells) expect(read).toBeLessThan(120);
  });

  it('refuses a total over the ceiling before reading it, saying what to narrow', async () => {
    await addSyntheticProjects(120);
    const { db } = pricedDb();
    db.rowsLimit = 50;
    await expect(projectTotals(db, { region: 'qom' }, ['SECTOR'])).rejects.toThrow(RowsLimitError);
    await expect(projectTotals(db, { region: 'qom' }, ['SECTOR'])).rejects.toThrow(
      /narrow `filter` by `region`/,
    );
    const read = db.stats.rowsRead;
    // only the lookups and statistics that priced it
    expect(read).toBeLessThan(50);
  });
});
