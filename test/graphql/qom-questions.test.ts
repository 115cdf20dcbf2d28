// The questions the foundation issue says Ostan must answer from the real data, one request each.
import { describe, expect, it } from 'vitest';
import { gqlData } from '../helpers';

const CLAIM = `slug value valueMax unit qualifier measure periodText preferred preferredReason
  asOf { iso jalali } source { slug publisher publishedOn { iso } }`;

describe('the Qom questions, answered from the real data', () => {
  it('what solar capacity Qom has, and according to whom', async () => {
    const data = await gqlData<{
      region: {
        claims: { totalCount: number; nodes: unknown[] };
        energyAssets: {
          nodes: { slug: string; capacityMw: number | null; status: string; rating: string }[];
        };
      };
    }>(`{
      region(slug: "qom") {
        claims(filter: { indicator: "solar_capacity_operational_mw" }) { totalCount nodes { ${CLAIM} } }
        energyAssets(filter: { technology: [SOLAR_PV], status: [OPERATIONAL] }, first: 100) {
          nodes { slug capacityMw status rating }
        }
      }
    }`);
    const { claims } = data.region;
    expect(claims.totalCount).toBe(4);
    expect(claims.nodes).toEqual([
      expect.objectContaining({
        slug: 'c006',
        value: 565,
        unit: 'MW',
        qualifier: 'EXACT',
        measure: 'LEVEL',
        preferred: false,
        asOf: { iso: '2025-08-23', jalali: '1404-06-01' },
        source: {
          slug: 'mehr-2025-08-23-seed',
          publisher: 'Mehr News Agency',
          publishedOn: { iso: '2025-08-23' },
        },
      }),
      expect.objectContaining({
        slug: 'c013',
        value: 565,
        preferred: false,
        source: expect.objectContaining({ publisher: 'Young Journalists Club (YJC)' }),
      }),
      // flows are compared only with flows: each of c066 and c093 stands alone as its period's flow
      expect.objectContaining({ slug: 'c066', value: 45, measure: 'CHANGE', preferred: true }),
      expect.objectContaining({
        slug: 'c093',
        value: 49,
        measure: 'CHANGE',
        preferred: true,
        preferredReason: expect.stringContaining('not the capacity in operation'),
        source: expect.objectContaining({
          slug: 'irib-2025-09-22-pakbana',
          publishedOn: { iso: '2025-09-22' },
        }),
      }),
    ]);
    // the itemised plants in operation, each with its rating stated (unknown: no source says AC or DC)
    const operating = data.region.energyAssets.nodes;
    expect(operating.map((asset) => asset.slug).sort()).toEqual([
      'irgc-salami-solar',
      'pak-bana-solar-phase-1',
      'qom-governorate-solar',
      'razzaq-solar',
      'salafchegan-private-2-7mw-solar',
      'salafchegan-solar-phase-1',
    ]);
    expect(operating.every((asset) => asset.rating === 'UNKNOWN')).toBe(true);
    const total = operating.reduce((sum, asset) => sum + (asset.capacityMw ?? 0), 0);
    expect(total).toBeCloseTo(10 + 6 + 6 + 0.3 + 0.1 + 2.7, 6);
  });

  it('how many jobs the projects opened before 2025-08-23 created', async () => {
    const data = await gqlData<{ claims: { nodes: unknown[] } }>(`{
      claims(filter: { indicator: "jobs_created", source: "mehr-2025-08-23-seed" }) { nodes { ${CLAIM} } }
    }`);
    expect(data.claims.nodes).toEqual([
      expect.objectContaining({
        slug: 'c002',
        value: 1900,
        qualifier: 'ABOUT',
        measure: 'CHANGE',
        periodText: 'in recent weeks (as of 2025-08-23)',
        preferred: true,
      }),
    ]);
  });

  it('how many idle units were revived, and the target of 65 more', async () => {
    const data = await gqlData<{
      region: {
        claims: { nodes: { slug: string; value: number; measure: string; preferred: boolean }[] };
      };
      planTarget: Record<string, unknown>;
    }>(`{
      region(slug: "qom") { claims(filter: { indicator: "units_revived" }) { nodes { slug value measure preferred } } }
      planTarget(slug: "revive-65-more-units") {
        plan { slug }
        indicator { slug }
        comparator targetValue targetKind baselineValue baselineOn { iso jalali } deadlineOn { iso }
        announcedIn { slug value source { slug } }
        progress { achieved }
      }
    }`);
    expect(data.region.claims.nodes).toEqual([
      { slug: 'c004', value: 350, measure: 'LEVEL', preferred: true },
      { slug: 'c005', value: 65, measure: 'TARGET', preferred: true },
      { slug: 'c019', value: 350, measure: 'LEVEL', preferred: false },
      { slug: 'c073', value: 63, measure: 'CHANGE', preferred: true },
      { slug: 'c076', value: 58, measure: 'TARGET', preferred: true },
    ]);
    expect(data.planTarget).toEqual({
      plan: { slug: 'qom-four-year-plan' },
      indicator: { slug: 'units_revived' },
      comparator: 'AT_LEAST',
      targetValue: 65,
      targetKind: 'INCREMENT',
      baselineValue: 350,
      baselineOn: { iso: '2025-08-23', jalali: '1404-06-01' },
      deadlineOn: null,
      announcedIn: { slug: 'c005', value: 65, source: { slug: 'mehr-2025-08-23-seed' } },
      // no level of revived units has been reported since the baseline: unknown, not 0
      progress: null,
    });
  });

  it('the share of national production the plan targets, and the share of area Qom is', async () => {
    const data = await gqlData<{
      plan: { targets: unknown[] };
      region: { areaKm2: number; areaSource: { slug: string }; claims: { nodes: unknown[] } };
    }>(`{
      plan(slug: "qom-four-year-plan") {
        targets { slug comparator targetValue targetKind baselineValue deadlineOn { iso } indicator { slug unit } progress { ratio } }
      }
      region(slug: "qom") {
        areaKm2 areaSource { slug }
        claims(filter: { indicator: "share_national_area_percent" }) { nodes { slug value qualifier preferred source { slug } } }
      }
    }`);
    expect(data.plan.targets).toContainEqual({
      slug: 'national-production-share-1-4',
      comparator: 'AT_LEAST',
      targetValue: 1.4,
      targetKind: 'LEVEL',
      baselineValue: null,
      deadlineOn: null,
      indicator: { slug: 'share_national_production_percent', unit: 'percent' },
      progress: null,
    });
    expect(data.region.claims.nodes).toEqual([
      {
        slug: 'c011',
        value: 1.4,
        qualifier: 'EXACT',
        preferred: false,
        source: { slug: 'mehr-2025-08-23-seed' },
      },
      {
        slug: 'c124',
        value: 1,
        qualifier: 'LESS_THAN',
        preferred: true,
        source: { slug: 'mehr-undated-6697377-ebrahimi' },
      },
    ]);
    expect(data.region.areaKm2).toBe(11238);
    expect(data.region.areaSource).toEqual({ slug: 'ostan-fact-sheet' });
  });

  it('how many tourism beds, as reported, and which figure Ostan prefers', async () => {
    const data = await gqlData<{ claim: Record<string, unknown> }>(`{
      claim(slug: "c003") {
        value unit preferred keyPhraseFa
        alternatives { slug value preferred preferredReason }
      }
    }`);
    expect(data.claim).toEqual({
      value: 400,
      unit: 'beds',
      preferred: false,
      keyPhraseFa: expect.stringContaining('۴۰۰'),
      alternatives: [
        { slug: 'c016', value: 400, preferred: false, preferredReason: null },
        {
          slug: 'c144',
          value: 14434,
          preferred: true,
          preferredReason: expect.stringContaining('400'),
        },
      ],
    });
  });

  it('which sectors the seed report names', async () => {
    const data = await gqlData<{
      source: { sectorsNamed: { slug: string; nameEn: string; parent: { slug: string } | null }[] };
    }>(`{
      source(slug: "mehr-2025-08-23-seed") { sectorsNamed { slug nameEn parent { slug } } }
    }`);
    expect(data.source.sectorsNamed.map((s) => [s.slug, s.parent?.slug ?? null])).toEqual([
      ['industry', null],
      ['health-hygiene-products', 'industry'],
      ['footwear', 'industry'],
      ['construction-materials', 'industry'],
      ['wallpaper', 'industry'],
      ['tourism', null],
      ['agriculture', null],
      ['services', null],
    ]);
  });
});
