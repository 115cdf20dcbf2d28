// The statistics the cost model prices by stay right on every write, whatever makes it.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { Db } from '../../src/db/client';
import { regionWithLevels } from '../../src/db/regions';
import { rowsAtMost } from '../../src/db/row-counts';
import { addSyntheticProjects } from '../factories';
import { countsAndTruth } from '../row-counts';

describe('row_counts', () => {
  it('starts equal to the tables and stays so through inserts, moves, status changes and deletes', async () => {
    let { kept, truth } = await countsAndTruth();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(truth);

    await addSyntheticProjects(30);
    await env.DB.batch([
      env.DB.prepare(
        "UPDATE projects SET status = 'operational' WHERE slug IN ('test-project-0001', 'test-project-0002')",
      ),
      // a move to another county of the province, and one to the province itself
      env.DB.prepare(
        "UPDATE projects SET region_id = (SELECT id FROM regions WHERE slug = 'jafarabad') WHERE slug = 'test-project-0003'",
      ),
      env.DB.prepare(
        "UPDATE projects SET region_id = (SELECT id FROM regions WHERE slug = 'qom') WHERE slug = 'test-project-0004'",
      ),
      env.DB.prepare("DELETE FROM projects WHERE slug = 'test-project-0005'"),
      env.DB.prepare(
        `INSERT INTO energy_assets (slug, region_id, name_fa, name_en, technology, capacity_mw, rating, status, synthetic)
         VALUES ('test-plant-rc', (SELECT id FROM regions WHERE slug = 'qom-city'), 'ن', 'P', 'solar_pv', 1, 'ac', 'planned', 1)`,
      ),
      env.DB.prepare(
        "UPDATE energy_assets SET status = 'operational' WHERE slug = 'test-plant-rc'",
      ),
    ]);
    ({ kept, truth } = await countsAndTruth());
    expect(kept).toEqual(truth);
  });

  it('prices a region and status filter by the province or county holding it', async () => {
    await addSyntheticProjects(40); // under construction, in qom-city (Qom county)
    const db = new Db(env.DB);
    const count = async (where: string) =>
      (
        await env.DB.prepare(`SELECT count(*) AS n FROM projects p WHERE ${where}`).first<{
          n: number;
        }>()
      )?.n;
    const qomCounty = "county_id = (SELECT id FROM regions WHERE slug = 'qom-county')";
    const region = (slug: string) => regionWithLevels(db, slug);
    expect(await rowsAtMost(db, 'project', null)).toBe(await count('1'));
    const county = await region('qom-county');
    expect(await rowsAtMost(db, 'project', { region: county })).toBe(await count(qomCounty));
    // below a county: its county's count, an upper bound
    expect(await rowsAtMost(db, 'project', { region: await region('qom-city') })).toBe(
      await count(qomCounty),
    );
    expect(
      await rowsAtMost(db, 'project', { region: county, status: ['under_construction'] }),
    ).toBe(await count(`${qomCounty} AND status = 'under_construction'`));
    // the province: every county's and the province's own
    expect(await rowsAtMost(db, 'project', { region: await region('qom') })).toBe(
      await count("province_id = (SELECT id FROM regions WHERE slug = 'qom')"),
    );
  });
});
