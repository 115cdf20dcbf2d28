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
