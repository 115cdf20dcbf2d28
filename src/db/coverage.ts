/**
 * The figures reported for what a total or a target measures: the claims set beside a sum of
 * itemised records (matched through indicator_totals, migration 0011) and beside a target's progress.
 */
import type { Figure } from '../lib/coverage';
import { type Claim, claims } from './claims';
import type { Db, SqlValue } from './client';
import { CODES } from './codes';
import { groupBy } from './entity';
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

/** Claims with their publisher, from `from` (which joins claims `c`), newest first. */
function figures<Extra>(db: Db, extra: string, from: string, where: string, params: SqlValue[]) {
  return db.all<ReportedFigure & Extra>(
    `SELECT ${extra}, s.publisher AS publisher, ${claims.select}
     FROM ${from} JOIN sources s ON s.id = c.source_id
     WHERE (${where}) AND c.status = 'active'
     ORDER BY (c.as_of IS NULL), c.as_of DESC, c.id`,
    params,
  );
}

/** For each scope, the figures reported for the quantity its records count (none when out of scope). */
export async function figuresForTotals(
  db: Db,
  scopes: readonly TotalScope[],
): Promise<ReportedFigure[][]> {
  const wanted = scopes.filter((s) => s.outOfScope === null);
  if (wanted.length === 0) return scopes.map(() => []);
  const rows = await figures<{
    entity: string;
    totalStatus: string;
    technology: string | null;
    scopeRegionId: number;
    scopeRegionSlug: string;
    isRoot: number;
  }>(
    db,
    'it.entity AS entity, it.status AS totalStatus, it.technology AS technology, r.id AS scopeRegionId, r.slug AS scopeRegionSlug, (r.parent_id IS NULL) AS isRoot',
    `indicator_totals it
     JOIN claims c ON c.indicator_id = it.indicator_id AND c.subject_kind = 'region'
     JOIN regions r ON r.id = c.subject_id`,
    `it.entity IN (SELECT value FROM json_each(?))
     AND (r.id IN (SELECT value FROM json_each(?)) OR r.slug IN (SELECT value FROM json_each(?))
       OR (? = 1 AND r.parent_id IS NULL))`,
    [
      JSON.stringify([...new Set(wanted.map((s) => s.entity))]),
      JSON.stringify(wanted.map((s) => s.regionId).filter((id) => id !== null)),
      JSON.stringify(wanted.map((s) => s.regionSlug).filter((slug) => slug !== null)),
      wanted.some((s) => s.regionId === null && s.regionSlug === null) ? 1 : 0,
    ],
  );
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
        ({ entity, totalStatus, technology, scopeRegionId, scopeRegionSlug, isRoot, ...figure }) =>
          figure,
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
    `plan_targets t JOIN claims c ON c.indicator_id = t.indicator_id
       AND c.subject_kind = 'region' AND c.subject_id = t.region_id`,
    't.id IN (SELECT value FROM json_each(?))',
    [JSON.stringify(targetIds)],
  );
  return groupBy(targetIds, rows, (row) => row.targetId);
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
     JOIN claims c ON c.indicator_id = i.id AND c.subject_kind = 'region'
       AND c.subject_id = json_extract(k.value, '$[0]')`,
    '1 = 1',
    [JSON.stringify(keys.map((k) => [k.regionId, k.indicator]))],
  );
  return groupBy(
    keys.map((_k, i) => i),
    rows,
    (row) => row.keyIndex,
  );
}
