// Issue 15, asked as a journalist would: totals say what they cover, every conflict is visible from
// any claim, a lower bound stays one, no flow stands for a stock, and dates carry their weekday.
import { describe, expect, it } from 'vitest';
import { gql, gqlData } from '../helpers';
import { bearer, issueKey } from '../partner-keys';

interface CoverageJson {
  verdict: string;
  reason: string;
  itemisedRecords: number | null;
  reportedFigures: {
    slug: string;
    measure: string;
    preferred: boolean;
    source: { publisher: string };
    asOf: { iso: string } | null;
  }[];
}
const COVERAGE = `coverage {
  verdict reason itemisedRecords
  reportedFigures { slug measure preferred source { publisher } asOf { iso } }
}`;
const slugs = (claims: { slug: string }[]) => claims.map((c) => c.slug).sort();

describe('coverage beside each total', () => {
  it('says the 3 unfinished projects are only itemised records beside the 1,933 reported', async () => {
    const data = await gqlData<{ projectTotals: { count: number; coverage: CoverageJson }[] }>(`{
      projectTotals(filter: { region: "qom", status: [UNDER_CONSTRUCTION] }) { count ${COVERAGE} }
    }`);
    const [total] = data.projectTotals;
    expect(total?.count).toBe(3);
    expect(total?.coverage).toMatchObject({ verdict: 'PARTIAL', itemisedRecords: 3 });
    expect(total?.coverage.reason).toContain(
      '1,933 (c017, Young Journalists Club (YJC), 2025-08-23)',
    );
    expect(total?.coverage.reportedFigures).toContainEqual({
      slug: 'c017',
      measure: 'LEVEL',
      preferred: true,
      source: { publisher: 'Young Journalists Club (YJC)' },
      asOf: { iso: '2025-08-23' },
    });
    // the other scopes of the conflict (the seed's missing count, >650 industrial projects) are there too
    expect(slugs(total?.coverage.reportedFigures ?? [])).toEqual(['c009', 'c017', 'c072']);
  });

  it('will not call operating solar MW complete or partial when only flows are reported', async () => {
    const data = await gqlData<{
      energyTotals: { capacityMw: { sum: number }; coverage: CoverageJson }[];
    }>(`{
      energyTotals(filter: { region: "qom", technology: [SOLAR_PV], status: [OPERATIONAL] }) {
        capacityMw { sum } ${COVERAGE}
      }
    }`);
    const [total] = data.energyTotals;
    expect(total?.capacityMw.sum).toBeCloseTo(25.1, 9);
    expect(total?.coverage.verdict).toBe('UNKNOWN');
    expect(total?.coverage.itemisedRecords).toBe(6);
    expect(total?.coverage.reason).toMatch(
      /^The 6 itemised records total 25\.1 MW\. No report gives/,
    );
    expect(total?.coverage.reason).toContain('the only operating figures are flows');
    expect(slugs(total?.coverage.reportedFigures ?? [])).toEqual(['c006', 'c013', 'c066', 'c093']);
  });

  it('sets the 388 MW under construction beside the ~1,000 MW reported in January 2026', async () => {
    const data = await gqlData<{
      energyTotals: { status: string; capacityMw: { sum: number }; coverage: CoverageJson }[];
    }>(`{
      energyTotals(filter: { region: "qom", technology: [SOLAR_PV] }, groupBy: [STATUS]) {
        status capacityMw { sum } ${COVERAGE}
      }
    }`);
    const byStatus = Object.fromEntries(data.energyTotals.map((g) => [g.status, g]));
    expect(byStatus.UNDER_CONSTRUCTION?.capacityMw.sum).toBe(388);
    expect(byStatus.UNDER_CONSTRUCTION?.coverage.verdict).toBe('PARTIAL');
    expect(byStatus.UNDER_CONSTRUCTION?.coverage.reason).toContain(
      'about 1,000 MW (c138, IRIB News (Qom centre), 2026-01-06)',
    );
    // planned plants may overlap, and only targets and a memorandum are reported: not a region figure
    expect(byStatus.PLANNED?.capacityMw.sum).toBe(2475);
    expect(byStatus.PLANNED?.coverage.verdict).toBe('UNKNOWN');
    expect(slugs(byStatus.PLANNED?.coverage.reportedFigures ?? [])).toEqual(
      expect.arrayContaining(['c035', 'c061', 'c117']),
    );
  });

  it('refuses to compare a narrower or mixed group with a region’s figure, and says why', async () => {
    const data = await gqlData<{
      bySector: { coverage: CoverageJson }[];
      mixed: { coverage: CoverageJson }[];
    }>(`{
      bySector: projectTotals(filter: { region: "qom", status: [UNDER_CONSTRUCTION], sector: "housing" }) { ${COVERAGE} }
      mixed: energyTotals(filter: { region: "qom" }) { ${COVERAGE} }
    }`);
    expect(data.bySector[0]?.coverage).toMatchObject({ verdict: 'UNKNOWN', reportedFigures: [] });
    expect(data.bySector[0]?.coverage.reason).toContain('narrowed (sector)');
    expect(data.mixed[0]?.coverage.reason).toContain('mix statuses');
  });

  it('gives each plan target the figures its progress rests on', async () => {
    const data = await gqlData<{
      plan: { targets: { slug: string; progress: unknown; coverage: CoverageJson }[] };
    }>(`{
      plan(slug: "qom-four-year-plan") { targets { slug progress { achieved } ${COVERAGE} } }
    }`);
    const revive = data.plan.targets.find((t) => t.slug === 'revive-65-more-units');
    expect(revive?.progress).toBeNull();
    expect(revive?.coverage.verdict).toBe('UNKNOWN');
    expect(revive?.coverage.itemisedRecords).toBeNull();
    expect(revive?.coverage.reason).toContain('after the baseline (2025-08-23)');
    expect(slugs(revive?.coverage.reportedFigures ?? [])).toEqual(
      expect.arrayContaining(['c004', 'c005', 'c073', 'c076']),
    );
  });
});

describe('related claims, however they are filed', () => {
  async function claimBySlug(slug: string) {
    const data = await gqlData<{
      claim: {
        slug: string;
        scopeNote: string | null;
        related: { slug: string; scopeNote: string | null; indicator: { slug: string } }[];
      };
    }>(
      `query ($slug: String!) {
        claim(slug: $slug) { slug scopeNote related { slug scopeNote indicator { slug } } }
      }`,
      { slug },
    );
    return data.claim;
  }

  it('links c002 (~1,900 jobs from the 52 projects) to c071 and c053 (jobs from operating licences)', async () => {
    const c002 = await claimBySlug('c002');
    expect(c002.scopeNote).toBe('Jobs created by the 52 projects opened in recent weeks (seed).');
    expect(slugs(c002.related)).toEqual(expect.arrayContaining(['c015', 'c051', 'c053', 'c071']));
    const c071 = c002.related.find((c) => c.slug === 'c071');
    expect(c071).toEqual({
      slug: 'c071',
      scopeNote: 'Job capacity of the 212 operating licences of the past year (IRIB, 2025-09-02).',
      indicator: { slug: 'job_capacity' },
    });
    // and back: from c053, c002 is visible
    const c053 = await claimBySlug('c053');
    expect(slugs(c053.related)).toContain('c002');
  });

  it.each(['c006', 'c067'])(
    'shows all eight solar claims from %s, each with a scope note',
    async (slug) => {
      const claim = await claimBySlug(slug);
      const eight = ['c006', 'c013', 'c034', 'c066', 'c067', 'c093', 'c116', 'c138'];
      expect(slugs([claim, ...claim.related])).toEqual(eight);
      expect(new Set(claim.related.map((c) => c.indicator.slug)).size).toBeGreaterThan(1);
      for (const c of claim.related) expect(c.scopeNote).toEqual(expect.any(String));
    },
  );

  it('finds the eight solar claims from the indicator alone (the README example)', async () => {
    const data = await gqlData<{ region: { claims: { nodes: { slug: string }[] } } }>(`{
      region(slug: "qom") {
        claims(filter: { indicator: "solar_capacity_operational_mw", withRelated: true }, first: 50) {
          nodes { slug }
        }
      }
    }`);
    expect(slugs(data.region.claims.nodes)).toEqual([
      'c006',
      'c013',
      'c034',
      'c066',
      'c067',
      'c093',
      'c116',
      'c138',
    ]);
  });

  it('refuses withRelated without an indicator, naming the argument', async () => {
    const { status, body } = await gql('{ claims(filter: { withRelated: true }) { totalCount } }');
    expect(status).toBe(200);
    expect(body.errors?.[0]?.message).toContain('`withRelated` needs `indicator`');
    expect(body.errors?.[0]?.extensions).toMatchObject({ argument: 'withRelated' });
  });
});

describe('a value keeps its qualifier', () => {
  it('keeps the gas plant’s “over 570” MW a lower bound, and the sum with it', async () => {
    const data = await gqlData<{
      energyAsset: { capacityMw: number; capacityQualifier: string };
      energyTotals: {
        capacityMw: { sum: number };
        capacityIsLowerBound: boolean;
        coverage: CoverageJson;
      }[];
    }>(`{
      energyAsset(slug: "gas-chp-570mw") { capacityMw capacityQualifier }
      energyTotals(filter: { technology: [CHP] }) { capacityMw { sum } capacityIsLowerBound ${COVERAGE} }
    }`);
    expect(data.energyAsset).toEqual({ capacityMw: 570, capacityQualifier: 'MORE_THAN' });
    expect(data.energyTotals[0]).toMatchObject({
      capacityMw: { sum: 570 },
      capacityIsLowerBound: true,
    });
    expect(data.energyTotals[0]?.coverage.reason).toContain('a lower bound');
  });

  it('takes a lower bound from a partner write and keeps it', async () => {
    const headers = bearer(await issueKey({ scopes: ['write:energy'] }));
    const data = await gqlData<{ createEnergyAsset: Record<string, unknown> }>(
      `mutation ($input: CreateEnergyAssetInput!) {
        createEnergyAsset(input: $input) { __typename ... on EnergyAsset { capacityMw capacityQualifier } }
      }`,
      {
        input: {
          slug: 'test-gas-over-100',
          region: 'qom',
          nameFa: 'نیروگاه',
          nameEn: 'Plant',
          technology: 'GAS',
          status: 'PLANNED',
          capacityMw: 100,
          capacityQualifier: 'MORE_THAN',
        },
      },
      headers,
    );
    expect(data.createEnergyAsset).toEqual({
      __typename: 'EnergyAsset',
      capacityMw: 100,
      capacityQualifier: 'MORE_THAN',
    });
  });
});

describe('no flow stands for a stock', () => {
  it('prefers no claim as the solar capacity in operation, and says why', async () => {
    const data = await gqlData<{
      region: {
        stocks: { nodes: unknown[] };
        levels: { nodes: { slug: string; preferred: boolean; unresolvedReason: string | null }[] };
        c093: { nodes: { slug: string; measure: string; alternatives: unknown[] }[] };
      };
    }>(`{
      region(slug: "qom") {
        stocks: claims(filter: { indicator: "solar_capacity_operational_mw", preferredOnly: true, measure: [LEVEL] }) {
          nodes { slug }
        }
        levels: claims(filter: { indicator: "solar_capacity_operational_mw", measure: [LEVEL] }) {
          nodes { slug preferred unresolvedReason }
        }
        c093: claims(filter: { indicator: "solar_capacity_operational_mw", measure: [CHANGE] }) {
          nodes { slug measure alternatives { slug } }
        }
      }
    }`);
    expect(data.region.stocks.nodes).toEqual([]);
    expect(data.region.levels.nodes.map((c) => [c.slug, c.preferred])).toEqual([
      ['c006', false],
      ['c013', false],
    ]);
    for (const c of data.region.levels.nodes) {
      expect(c.unresolvedReason).toMatch(
        /^No report gives the solar capacity in operation as a stock/,
      );
    }
    // c093, a six-month flow, is compared with no stock: it stands alone as a flow
    expect(data.region.c093.nodes).toContainEqual({
      slug: 'c093',
      measure: 'CHANGE',
      alternatives: [],
    });
  });
});

describe('a region’s reported stock', () => {
  it('says no claim stands for the solar capacity in operation, and lists the flows apart', async () => {
    const data = await gqlData<{
      region: {
        operating: { stocks: unknown[]; reason: string; flows: { slug: string }[] };
        building: { stocks: { slug: string }[]; flows: { slug: string }[] };
      };
    }>(`{
      region(slug: "qom") {
        operating: stock(indicator: "solar_capacity_operational_mw") { stocks { slug } reason flows { slug } }
        building: stock(indicator: "solar_capacity_under_construction_mw") { stocks { slug } flows { slug } }
      }
    }`);
    expect(data.region.operating.stocks).toEqual([]);
    expect(data.region.operating.reason).toMatch(
      /^No report gives the solar capacity in operation/,
    );
    expect(slugs(data.region.operating.flows)).toEqual(['c066', 'c093']);
    // under construction, stocks stand (newest first) and the flow started in government week does not
    expect(data.region.building.stocks.map((c) => c.slug)).toEqual(['c138', 'c034', 'c116']);
    expect(slugs(data.region.building.flows)).toEqual(['c067']);
  });

  it('refuses an unknown indicator, naming the argument', async () => {
    const { body } = await gql('{ region(slug: "qom") { stock(indicator: "nope") { reason } } }');
    expect(body.errors?.[0]?.message).toBe('No indicator has the slug "nope".');
    expect(body.errors?.[0]?.extensions).toMatchObject({ argument: 'indicator' });
  });
});

describe('dates carry their weekday', () => {
  it('reads 2025-08-23 as Saturday, شنبه, 1 Shahrivar 1404', async () => {
    const data = await gqlData<{ source: { publishedOn: Record<string, unknown> } }>(`{
      source(slug: "mehr-2025-08-23-seed") {
        publishedOn {
          iso jalali weekday weekdayFa weekdayEn
          fa: weekdayName(lang: FA) en: weekdayName(lang: EN) month: jalaliMonthName(lang: EN)
        }
      }
    }`);
    expect(data.source.publishedOn).toEqual({
      iso: '2025-08-23',
      jalali: '1404-06-01',
      weekday: 6,
      weekdayFa: 'شنبه',
      weekdayEn: 'Saturday',
      fa: 'شنبه',
      en: 'Saturday',
      month: 'Shahrivar',
    });
  });
});
