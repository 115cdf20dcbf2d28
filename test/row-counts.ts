/** row_counts (migration 0014) as it is, and as a GROUP BY of the tables says it should be. */
import { env } from 'cloudflare:workers';

export async function countsAndTruth() {
  const kept = await env.DB.prepare(
    'SELECT entity, province_id, county_id, status, n FROM row_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4',
  ).all();
  const truth = await env.DB.prepare(
    `SELECT * FROM (
       SELECT 'energy_asset' AS entity, coalesce(province_id, 0) AS province_id, coalesce(county_id, 0) AS county_id, status, count(*) AS n FROM energy_assets GROUP BY 2, 3, 4
       UNION ALL
       SELECT 'project', coalesce(province_id, 0), coalesce(county_id, 0), status, count(*) FROM projects GROUP BY 2, 3, 4
     ) ORDER BY 1, 2, 3, 4`,
  ).all();
  return { kept: kept.results, truth: truth.results };
}
