// The real data set, as migrated: complete, sourced, and consistent about preferred claims.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

async function rows<T>(sql: string): Promise<T[]> {
  return (await env.DB.prepare(sql).all<T>()).results;
}

describe('the seeded Qom data', () => {
  it('holds every claim and source of the published set, none synthetic', async () => {
    expect(await rows('SELECT count(*) AS n, sum(synthetic) AS s FROM claims')).toEqual([
      { n: 150, s: 0 },
    ]);
    expect(await rows('SELECT count(*) AS n FROM sources')).toEqual([{ n: 43 }]);
  });

  it('prefers one claim per comparison, or none with the reason on every claim of it', async () => {
    expect(
      await rows(`SELECT indicator_id, subject_kind, subject_id, comparison_key, sum(preferred) AS p,
                    count(unresolved_reason) AS unresolved, count(*) AS n
                  FROM claims GROUP BY 1, 2, 3, 4
                  HAVING NOT ((p = 1 AND unresolved = 0) OR (p = 0 AND unresolved = n))`),
    ).toEqual([]);
    expect(
      await rows(`SELECT comparison_key AS k, group_concat(slug) AS claims FROM claims
                  WHERE unresolved_reason IS NOT NULL GROUP BY 1`),
    ).toEqual([{ k: 'qom-solar-in-operation-2025-08', claims: 'c006,c013' }]);
    // a flow, a stock and a target are never alternatives of each other
    expect(
      await rows(`SELECT comparison_key FROM claims GROUP BY indicator_id, subject_kind, subject_id,
                    comparison_key HAVING count(DISTINCT measure) > 1`),
    ).toEqual([]);
    expect(
      await rows('SELECT slug FROM claims WHERE preferred = 1 AND preferred_reason IS NULL'),
    ).toEqual([]);
  });

  it('points every claim at a subject that exists', async () => {
    expect(
      await rows(`SELECT c.slug FROM claims c WHERE NOT EXISTS (
        SELECT 1 FROM regions WHERE c.subject_kind = 'region' AND id = c.subject_id UNION ALL
        SELECT 1 FROM projects WHERE c.subject_kind = 'project' AND id = c.subject_id UNION ALL
        SELECT 1 FROM energy_assets WHERE c.subject_kind = 'energy_asset' AND id = c.subject_id UNION ALL
        SELECT 1 FROM sectors WHERE c.subject_kind = 'sector' AND id = c.subject_id UNION ALL
        SELECT 1 FROM plans WHERE c.subject_kind = 'plan' AND id = c.subject_id)`),
    ).toEqual([]);
  });

  it('gives every seeded sector, project, plant and area a source', async () => {
    expect(
      await rows(
        'SELECT slug FROM sectors s WHERE NOT EXISTS (SELECT 1 FROM sector_sources WHERE sector_id = s.id)',
      ),
    ).toEqual([]);
    expect(await rows('SELECT slug FROM projects WHERE source_id IS NULL')).toEqual([]);
    expect(await rows('SELECT slug FROM energy_assets WHERE source_id IS NULL')).toEqual([]);
    expect(
      await rows('SELECT slug FROM regions WHERE area_km2 IS NOT NULL AND area_source_id IS NULL'),
    ).toEqual([]);
  });

  it('keeps MW figures with their rating and normalises money to rial', async () => {
    expect(
      await rows("SELECT slug FROM claims WHERE unit IN ('MW', 'kW') AND rating IS NULL"),
    ).toEqual([]);
    expect(await rows("SELECT normalised_value AS v FROM claims WHERE slug = 'c041'")).toEqual([
      { v: 13e13 },
    ]);
    expect(
      await rows("SELECT investment_rial AS r FROM projects WHERE slug = 'shahr-e-shadi'"),
    ).toEqual([{ r: 4.5e12 }]);
  });

  it('brings a database seeded before migration 0011 to the same claims and plants', async () => {
    const snapshot = () =>
      rows(`SELECT slug, comparison_key, preferred, preferred_reason, scope_note, quantity,
              unresolved_reason FROM claims ORDER BY id`);
    const plants = () => rows('SELECT slug, capacity_qualifier FROM energy_assets ORDER BY id');
    const [claimsNow, plantsNow] = [await snapshot(), await plants()];
    // the comparisons as the seed had them before 0011: c093, a flow, preferred as the stock
    await env.DB.batch(
      [
        'UPDATE claims SET scope_note = NULL, quantity = NULL, unresolved_reason = NULL',
        'UPDATE energy_assets SET capacity_qualifier = NULL',
        "UPDATE claims SET comparison_key = 'qom-solar-in-operation-2025-08', preferred = 0, preferred_reason = NULL WHERE slug IN ('c006', 'c013', 'c066')",
        "UPDATE claims SET comparison_key = 'qom-solar-in-operation-2025-08', preferred = 1, preferred_reason = 'old' WHERE slug = 'c093'",
        "UPDATE claims SET comparison_key = 'qom-solar-under-construction-2025-08', preferred = 0, preferred_reason = NULL WHERE slug = 'c067'",
        "UPDATE claims SET comparison_key = 'qom-solar-under-construction-2025-08' WHERE slug = 'c034'",
      ].map((sql) => env.DB.prepare(sql)),
    );
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0011_'));
    const updates = migration?.queries.filter((q) => q.trimStart().startsWith('UPDATE')) ?? [];
    expect(updates.length).toBeGreaterThan(150);
    await env.DB.batch(updates.map((sql) => env.DB.prepare(sql)));
    expect(await snapshot()).toEqual(claimsNow);
    expect(await plants()).toEqual(plantsNow);
    expect(
      await rows("SELECT capacity_qualifier AS q FROM energy_assets WHERE slug = 'gas-chp-570mw'"),
    ).toEqual([{ q: 'more_than' }]);
  });
});
