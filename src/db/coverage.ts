/**
 * The figures reported for what a total or a target measures: the claims set beside a sum of
 * itemised records (matched through indicator_totals, migration 0011) and beside a target's progress.
 */
import type { Figure } from '../lib/coverage';
import { ROWS_PER_JSON_KEY } from './bound-keys';
import { type Claim, claims, claimsAboutRegion, MAX_CLAIMS_ABOUT_REGION } from './claims';
import type { Db, SqlValue } from './client';
import { CODES } from './codes';
import { groupBy, refuseLongLists, rowsPerCappedKey } from './entity';
import type { TotalsRow } from './totals-statement';

export type TotalsEntity = 'project' | 'energy_asset';

export const COVERAGE_VERDICTS = CODES.coverageVerdicts;

/** A reported figure: a claim with its source's publisher. */
export type ReportedFigure = Claim & Figure;

/** What one group of totals counts, as far as a reported figure could cover it. */
export interface TotalScope {
  entity: TotalsEntity;
  /** the group's own region, when grouped by one */
  regionId: number | null;
  /** the filter's region; with no region at all, the scope is the whole data set (the root region) */
  regionSlug: string | null;
  status: string | null;
  technology: string | null;
  /** why no reported figure can apply to the group, when none can */
  outOfScope: string | null;
}

/** Filter fields that keep the scope of a reported figure; any other narrows the records below it. */
const SCOPE_FILTERS = new Set(['region', 'status', 'technology', 'synthetic', 'plantsOnly']);
const SCOPE_DIMENSIONS = new Set(['REGION', 'COUNTY', 'PROVINCE', 'STATUS', 'TECHNOLOGY']);

const single = (values: unknown) =>
  Array.isArray(values) && values.length === 1 ? String(values[0]) : null;

/** The scope of one group of `projectTotals` or `energyTotals`. */
export function totalScope(
  entity: TotalsEntity,
  filter: Record<string, unknown> | null | undefined,
  groupBy: readonly string[],
  row: TotalsRow,
): TotalScope {
  const key = (name: string) => row.keys[name] ?? null;
  const status = (key('status') as string | null) ?? single(filter?.status);
  const technology =
    entity === 'energy_asset'
      ? ((key('technology') as string | null) ?? single(filter?.technology))
      : null;
  const narrowing = Object.entries(filter ?? {})
    .filter(([name, value]) => !SCOPE_FILTERS.has(name) && value != null)
    .map(([name]) => name);
  const grouping = groupBy.filter((name) => !SCOPE_DIMENSIONS.has(name));
  let outOfScope: string | null = null;
  if (narrowing.length > 0 || grouping.length > 0) {
    const by = [...narrowing, ...grouping.map((d) => d.toLowerCase())].join(', ');
    outOfScope = `the records are narrowed (${by}) below the scope of any reported figure.`;
  } else if (status === null) {
    outOfScope = 'the records mix statuses, and a reported figure counts one status.';
  } else if (entity === 'energy_asset' && technology === null) {
    outOfScope = 'the plants mix technologies, and a reported figure counts one technology.';
  }
  const regionId = (key('regionId') ?? key('countyId') ?? key('provinceId')) as number | null;
  const regionSlug = typeof filter?.region === 'string' ? filter.region : null;
  return { entity, regionId, regionSlug, status, technology, outOfScope };
}

/**
 * The rows of indicator_totals: a fixed table (migration 0011 wrote it; no write path changes
 * it), so a statement joining all of it reads at most this many (test/db/coverage-pricing checks).
 */
export const INDICATOR_TOTALS_ROWS = 7;

/** D1 rows one capped list of claims about a region reads (src/db/entity.ts). */
const ABOUT_REGION_ROWS = rowsPerCappedKey(MAX_CLAIMS_ABOUT_REGION);

type Candidate<Extra> = ReportedFigure & Extra & { active: number };

/**
 * Claims with their publisher, from `from` (which joins claims `c` through `claimsAboutRegion`,
 * whose lists are capped), newest first: every candidate, active or not, so that a list the cap
 * cut short is seen (refuseLongLists) before the inactive ones are dropped.
 */
function figures<Extra>(
  db: Db,
  extra: string,
  from: string,
  where: string,
  params: SqlValue[],
  rows: number,
) {
  return db.all<Candidate<Extra>>(
    `SELECT ${extra}, s.publisher AS publisher, (c.status = 'active') AS active, ${claims.select}
     FROM ${from} JOIN sources s ON s.id = c.source_id
     WHERE (${where})
     ORDER BY (c.as_of IS NULL), c.as_of DESC, c.id`,
    params,
    // the capped lists, and each figure's source by primary key
    { rows, argument: 'figures' },
  );
}

/** Each list's active figures, once no list was cut short. */
function activeFigures<Extra>(lists: Candidate<Extra>[][]): (ReportedFigure & Extra)[][] {
  return refuseLongLists(lists, 'figures', MAX_CLAIMS_ABOUT_REGION).map((list) =>
    list
      .filter((row) => row.active === 1)
      .map(({ active, ...figure }) => figure as ReportedFigure & Extra),
  );
}

/** For each scope, the figures reported for the quantity its records count (none when out of scope). */
export async function figuresForTotals(
  db: Db,
  scopes: readonly TotalScope[],
): Promise<ReportedFigure[][]> {
  const wanted = scopes.filter((s) => s.outOfScope === null);
  if (wanted.length === 0) return scopes.map(() => []);
  const entities = [...new Set(wanted.map((s) => s.entity))];
  const ids = wanted.map((s) => s.regionId).filter((id) => id !== null);
  const slugs = wanted.map((s) => s.regionSlug).filter((slug) => slug !== null);
  const root = wanted.some((s) => s.regionId === null && s.regionSlug === null) ? 1 : 0;
  // the regions (by id, slug or as the root: one seek each), then for each region and each row
  // of indicator_totals, the capped list of claims about it
  const regionCount = ids.length + slugs.length + root;
  const candidates = await figures<{
    entity: string;
    totalStatus: string;
    technology: string | null;
    scopeRegionId: number;
    scopeRegionSlug: string;
    isRoot: number;
  }>(
    db,
    'it.entity AS entity, it.status AS totalStatus, it.technology AS technology, r.id AS scopeRegionId, r.slug AS scopeRegionSlug, (r.parent_id IS NULL) AS isRoot',
    `indicator_totals it CROSS JOIN regions r
     JOIN claims c ON c.id IN ${claimsAboutRegion('it.indicator_id', 'r.id')}`,
    `it.entity IN (SELECT value FROM json_each(?))
     AND (r.id IN (SELECT value FROM json_each(?)) OR r.slug IN (SELECT value FROM json_each(?))
       OR (? = 1 AND r.parent_id IS NULL))`,
    [JSON.stringify(entities), JSON.stringify(ids), JSON.stringify(slugs), root],
    INDICATOR_TOTALS_ROWS +
      ROWS_PER_JSON_KEY * (entities.length + regionCount) +
      INDICATOR_TOTALS_ROWS * regionCount * ABOUT_REGION_ROWS,
  );
  // one capped list per (row of indicator_totals, region); a claim's indicator is its row's
  const pairs = new Map<string, typeof candidates>();
  for (const row of candidates) {
    const key = `${row.indicatorId} ${row.entity} ${row.totalStatus} ${row.scopeRegionId}`;
    const list = pairs.get(key);
    if (list) list.push(row);
    else pairs.set(key, [row]);
  }
  refuseLongLists([...pairs.values()], 'figures', MAX_CLAIMS_ABOUT_REGION);
  const rows = candidates.filter((row) => row.active === 1);
  return scopes.map((scope) => {
    if (scope.outOfScope !== null) return [];
    const inRegion = (row: (typeof rows)[number]) =>
      scope.regionId !== null
        ? row.scopeRegionId === scope.regionId
        : scope.regionSlug !== null
          ? row.scopeRegionSlug === scope.regionSlug
          : row.isRoot === 1;
    return rows
      .filter(
        (row) =>
          row.entity === scope.entity &&
          row.totalStatus === scope.status &&
          (row.technology === null || row.technology === scope.technology) &&
          inRegion(row),
      )
      .map(
        ({
          entity,
          totalStatus,
          technology,
          scopeRegionId,
          scopeRegionSlug,
          isRoot,
          active,
          ...figure
        }) => figure,
      );
  });
}

/** For each plan target, every claim about its indicator in its region, whatever the measure. */
export async function figuresForTargets(
  db: Db,
  targetIds: readonly number[],
): Promise<ReportedFigure[][]> {
  const rows = await figures<{ targetId: number }>(
    db,
    't.id AS targetId',
    `json_each(?) ostan_key JOIN plan_targets t ON t.id = ostan_key.value
     JOIN claims c ON c.id IN ${claimsAboutRegion('t.indicator_id', 't.region_id')}`,
    '1 = 1',
    [JSON.stringify(targetIds)],
    // each target by primary key, and its capped list
    targetIds.length * (1 + ABOUT_REGION_ROWS),
  );
  return activeFigures(groupBy(targetIds, rows, (row) => row.targetId)).map((list) =>
    list.map(({ targetId, ...figure }) => figure),
  );
}

/** For each region and indicator slug, every claim about that region reporting the indicator. */
export async function figuresForIndicators(
  db: Db,
  keys: readonly { regionId: number; indicator: string }[],
): Promise<ReportedFigure[][]> {
  const rows = await figures<{ keyIndex: number }>(
    db,
    'k.key AS keyIndex',
    `json_each(?) k
     JOIN indicators i ON i.slug = json_extract(k.value, '$[1]')
     JOIN claims c ON c.id IN ${claimsAboutRegion('i.id', "json_extract(k.value, '$[0]')")}`,
    '1 = 1',
    [JSON.stringify(keys.map((k) => [k.regionId, k.indicator]))],
    // each key's indicator by its unique slug, and its capped list
    keys.length * (1 + ABOUT_REGION_ROWS),
  );
  return activeFigures(
    groupBy(
      keys.map((_k, i) => i),
      rows,
      (row) => row.keyIndex,
    ),
  ).map((list) => list.map(({ keyIndex, ...figure }) => figure));
}
