/** Small factories that add synthetic rows next to the real data, for tests that need volume. */
import { env } from 'cloudflare:workers';

/**
 * Adds `count` synthetic projects in Qom's industrial sector, each with `claimsEach` synthetic
 * claims from one synthetic source, and returns their slugs.
 */
export async function addSyntheticProjects(count: number, claimsEach = 0): Promise<string[]> {
  const db = env.DB;
  await db
    .prepare(
      `INSERT OR IGNORE INTO sources (slug, kind, publisher, language, synthetic)
       VALUES ('test-synthetic', 'synthetic', 'Test factory (synthetic)', 'en', 1)`,
    )
    .run();
  const slugs = Array.from(
    { length: count },
    (_, i) => `test-project-${String(i).padStart(4, '0')}`,
  );
  const statements = slugs.map((slug, i) =>
    db
      .prepare(
        `INSERT INTO projects (slug, region_id, sector_id, name_fa, name_en, status, progress_pct, direct_jobs, source_id, synthetic)
         VALUES (?, (SELECT id FROM regions WHERE slug = 'qom-city'), (SELECT id FROM sectors WHERE slug = 'footwear'),
                 ?, ?, 'under_construction', ?, ?, (SELECT id FROM sources WHERE slug = 'test-synthetic'), 1)`,
      )
      .bind(slug, `پروژه آزمایشی ${i}`, `Test project ${i}`, i % 101, i * 3),
  );
  for (const [p, slug] of slugs.entries()) {
    for (let k = 0; k < claimsEach; k++) {
      statements.push(
        db
          .prepare(
            `INSERT INTO claims (slug, source_id, indicator_id, subject_kind, subject_id, region_id, value, unit,
               normalised_value, qualifier, measure, basis, comparison_key, preferred, preferred_reason, synthetic)
             VALUES (?, (SELECT id FROM sources WHERE slug = 'test-synthetic'),
               (SELECT id FROM indicators WHERE slug = 'jobs_created'), 'project',
               (SELECT id FROM projects WHERE slug = ?), (SELECT id FROM regions WHERE slug = 'qom-city'),
               ?, 'count', ?, 'exact', 'change', 'body', ?, 1, 'Synthetic claim.', 1)`,
          )
          .bind(`test-claim-${p}-${k}`, slug, k + 1, k + 1, `test-claim-${p}-${k}`),
      );
    }
  }
  // D1 batches are transactions; keep each one a reasonable size
  for (let i = 0; i < statements.length; i += 200) await db.batch(statements.slice(i, i + 200));
  return slugs;
}

/**
 * A small deterministic synthetic set (no random generator: values follow from the row number),
 * with every status, financing, money unit, rating and a spread of nulls, dates and capacities,
 * so filters and sorts have something to tell apart. Every row is marked synthetic.
 */
export async function seedVariedSynthetic(n = 40): Promise<void> {
  const db = env.DB;
  const source = "(SELECT id FROM sources WHERE slug = 'test-varied')";
  const seq = 'WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?1)';
  await db.batch([
    db.prepare(
      `INSERT INTO sources (slug, kind, publisher, language, synthetic)
       VALUES ('test-varied', 'synthetic', 'Test factory (synthetic)', 'en', 1)`,
    ),
    db
      .prepare(`${seq} INSERT INTO projects (slug, region_id, sector_id, name_fa, name_en, status, progress_pct,
        direct_jobs, investment_amount, investment_unit, started_on, opened_on, financing, source_id, synthetic)
      SELECT printf('var-%03d', n),
        (SELECT id FROM regions WHERE slug = CASE n % 3 WHEN 0 THEN 'qom' WHEN 1 THEN 'qom-city' ELSE 'jafarabad' END),
        (SELECT id FROM sectors WHERE slug = CASE n % 3 WHEN 0 THEN 'footwear' WHEN 1 THEN 'agriculture' ELSE 'solar-power' END),
        'پروژه آزمایشی ' || n, printf('Varied project %03d', (n * 17) % 41),
        CASE n % 5 WHEN 0 THEN 'planned' WHEN 1 THEN 'under_construction' WHEN 2 THEN 'operational' WHEN 3 THEN 'suspended' ELSE 'cancelled' END,
        CASE WHEN n % 4 = 0 THEN NULL ELSE (n * 37) % 101 END,
        CASE WHEN n % 3 = 0 THEN NULL ELSE (n * 7) % 50 END,
        CASE WHEN n % 4 = 3 THEN NULL ELSE n * 12.5 END,
        CASE n % 4 WHEN 0 THEN 'billion_toman' WHEN 1 THEN 'billion_rial' WHEN 2 THEN 'hemat' END,
        CASE WHEN n % 6 = 0 THEN NULL ELSE date('2023-01-01', '+' || ((n * 53) % 1200) || ' days') END,
        CASE WHEN n % 5 = 2 THEN date('2025-03-01', '+' || ((n * 11) % 300) || ' days') END,
        CASE n % 4 WHEN 0 THEN 'private' WHEN 1 THEN 'public' WHEN 2 THEN 'bank' ELSE 'mixed' END,
        ${source}, 1 FROM s`)
      .bind(n),
    db
      .prepare(`${seq} INSERT INTO energy_assets (slug, region_id, sector_id, name_fa, name_en, technology,
        capacity_mw, rating, status, source_id, synthetic)
      SELECT printf('var-plant-%03d', n),
        (SELECT id FROM regions WHERE slug = CASE n % 2 WHEN 0 THEN 'qom-city' ELSE 'salafchegan' END),
        (SELECT id FROM sectors WHERE slug = 'solar-power'),
        'نیروگاه آزمایشی ' || n, printf('Varied plant %03d', n),
        CASE WHEN n % 5 = 0 THEN 'gas' ELSE 'solar_pv' END,
        CASE WHEN n % 7 = 0 THEN NULL ELSE ((n * 29) % 97) + 0.5 END,
        CASE n % 3 WHEN 0 THEN 'ac' WHEN 1 THEN 'dc' ELSE 'unknown' END,
        CASE n % 4 WHEN 0 THEN 'operational' WHEN 1 THEN 'under_construction' WHEN 2 THEN 'licensed' ELSE 'planned' END,
        ${source}, 1 FROM s`)
      .bind(n),
  ]);
}

/**
 * `count` planned synthetic projects at 0% in qom-city and the footwear sector, whose English
 * names ('AAAA walk test 0001', …) sort before every other: a filter that excludes them lies
 * beyond several bounded walks in name order.
 */
export async function addPlannedProjects(count: number) {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT OR IGNORE INTO sources (slug, kind, publisher, language, synthetic)
       VALUES ('test-synthetic', 'synthetic', 'Test factory (synthetic)', 'en', 1)`,
    ),
    env.DB.prepare(
      `WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?1)
       INSERT INTO projects (slug, region_id, sector_id, name_fa, name_en, status, progress_pct, source_id, synthetic)
       SELECT 'walk-test-' || n, (SELECT id FROM regions WHERE slug = 'qom-city'),
         (SELECT id FROM sectors WHERE slug = 'footwear'), 'پروژه آزمایشی ' || n,
         'AAAA walk test ' || substr('0000' || n, -4),
         'planned', 0, (SELECT id FROM sources WHERE slug = 'test-synthetic'), 1
       FROM s`,
    ).bind(count),
  ]);
}
