// Group-by totals: the same filters as the lists, MW never mixed across ratings, nulls not zeros.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { addSyntheticProjects } from '../factories';
import { gql, gqlData } from '../helpers';

type Stats = {
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  avg: number | null;
};

describe('energyTotals', () => {
  it('adds up Qom’s operating solar plants, phases once', async () => {
    const data = await gqlData<{
      energyTotals: { rating: string; count: number; capacityMw: Stats }[];
    }>(`{
      energyTotals(filter: { region: "qom", technology: [SOLAR_PV], status: [OPERATIONAL] }) {
        rating count capacityMw { count sum min max }
      }
    }`);
    expect(data.energyTotals).toHaveLength(1);
    expect(data.energyTotals[0]).toMatchObject({
      rating: 'UNKNOWN',
      count: 6,
      capacityMw: { count: 6, min: 0.1, max: 10 },
    });
    expect(data.energyTotals[0]?.capacityMw.sum).toBeCloseTo(25.1, 9);
  });

  it('keeps MW(AC), MW(DC) and unknown ratings apart, grouped by status', async () => {
    await env.DB.batch(
      (['ac', 'dc'] as const).map((rating, i) =>
        env.DB.prepare(
          `INSERT INTO energy_assets (slug, region_id, name_fa, name_en, technology, capacity_mw, rating, status, synthetic)
           VALUES (?, (SELECT id FROM regions WHERE slug = 'qom-city'), 'نیروگاه آزمایشی', 'Test plant', 'solar_pv', ?, ?, 'operational', 1)`,
        ).bind(`test-plant-${rating}`, 100 + i, rating),
      ),
    );
    const data = await gqlData<{
      energyTotals: { status: string; rating: string; capacityMw: Stats }[];
    }>(`{
      energyTotals(filter: { technology: [SOLAR_PV], status: [OPERATIONAL] }, groupBy: [STATUS]) {
        status rating capacityMw { sum }
      }
    }`);
    expect(data.energyTotals.map((g) => [g.status, g.rating, g.capacityMw.sum])).toEqual([
      ['OPERATIONAL', 'AC', 100],
      ['OPERATIONAL', 'DC', 101],
      ['OPERATIONAL', 'UNKNOWN', expect.closeTo(25.1, 9)],
    ]);
  });

  it('groups by county and technology, counting each plant once', async () => {
    const data = await gqlData<{
      energyTotals: { county: { slug: string } | null; technology: string; count: number }[];
    }>(`{
      energyTotals(groupBy: [COUNTY, TECHNOLOGY]) { county { slug } technology count }
    }`);
    const leaves = await env.DB.prepare(
      'SELECT count(*) AS n FROM energy_assets e WHERE NOT EXISTS (SELECT 1 FROM energy_assets c WHERE c.parent_id = e.id)',
    ).first<{ n: number }>();
    expect(data.energyTotals.reduce((sum, g) => sum + g.count, 0)).toBe(leaves?.n);
    expect(data.energyTotals).toContainEqual({
      county: { slug: 'qom-county' },
      technology: 'SOLAR_PV',
      count: expect.any(Number),
    });
  });
});

describe('projectTotals', () => {
  it('totals jobs and progress by sector, leaving unknowns out', async () => {
    await addSyntheticProjects(10);
    const data = await gqlData<{
      projectTotals: {
        sector: { slug: string } | null;
        count: number;
        directJobs: Stats;
        progressPercent: Stats;
      }[];
    }>(`{
      projectTotals(filter: { sector: "footwear" }, groupBy: [SECTOR]) {
        sector { slug } count directJobs { count sum min max avg } progressPercent { count avg }
      }
    }`);
    // the real footwear project has no reported jobs; the ten synthetic ones have 0, 3, …, 27
    expect(data.projectTotals).toEqual([
      {
        sector: { slug: 'footwear' },
        count: 11,
        directJobs: { count: 10, sum: 135, min: 0, max: 27, avg: 13.5 },
        progressPercent: { count: 10, avg: 4.5 },
      },
    ]);
  });

  it('groups by top sector and by Jalali opening year', async () => {
    const data = await gqlData<{
      bySector: { topSector: { slug: string } | null; count: number }[];
      byYear: { openedJalaliYear: number | null; count: number }[];
    }>(`{
      bySector: projectTotals(groupBy: [TOP_SECTOR]) { topSector { slug } count }
      byYear: projectTotals(filter: { sector: "tourism" }, groupBy: [OPENED_YEAR]) { openedJalaliYear count }
    }`);
    expect(data.bySector).toContainEqual({ topSector: { slug: 'industry' }, count: 4 });
    expect(data.byYear).toEqual([{ openedJalaliYear: 1404, count: 2 }]);
  });

  it('groups by Jalali month with the month number', async () => {
    const data = await gqlData<{
      projectTotals: { openedJalaliYear: number; openedJalaliMonth: number; count: number }[];
    }>(`{
      projectTotals(filter: { openedOn: { jalaliYear: 1404, jalaliMonth: 6 } }, groupBy: [OPENED_MONTH]) {
        openedJalaliYear openedJalaliMonth count
      }
    }`);
    expect(data.projectTotals).toEqual([
      { openedJalaliYear: 1404, openedJalaliMonth: 6, count: 2 },
    ]);
  });

  it.each([
    ['a repeated dimension', 'groupBy: [STATUS, STATUS]', 'groupBy'],
    ['too many dimensions', 'groupBy: [STATUS, SECTOR, REGION, COUNTY, PROVINCE]', 'groupBy'],
    ['progress over 100', 'filter: { progressPercent: { max: 150 } }', 'progressPercent'],
    ['min above max', 'filter: { directJobs: { min: 10, max: 5 } }', 'directJobs'],
    ['a month without a year', 'filter: { openedOn: { jalaliMonth: 3 } }', 'openedOn'],
  ])('refuses %s, naming the argument', async (_name, args, argument) => {
    const { body } = await gql(`{ projectTotals(${args}) { count } }`);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('refuses a Jalali date where an ISO date is expected', async () => {
    const { body } = await gql(
      '{ projectTotals(filter: { openedOn: { from: "1404-06-01" } }) { count } }',
    );
    expect(body.errors?.[0]?.message).toMatch(/looks like a Jalali date/);
  });
});
