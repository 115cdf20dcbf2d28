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

  it('prefers exactly one claim per subject, indicator and comparison, each with a reason', async () => {
    expect(
      await rows(`SELECT indicator_id, subject_kind, subject_id, comparison_key, sum(preferred) AS p
                  FROM claims GROUP BY 1, 2, 3, 4 HAVING p <> 1`),
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
});
