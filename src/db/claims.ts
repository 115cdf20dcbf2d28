/** Claims: single reported figures, each with its source, and the latest one a target is judged by. */
import { InputError } from '../lib/errors';
import type { KeyedLink } from './child-pages';
import type { Db } from './client';
import { CODES, type Code } from './codes';
import { Conditions, type DateRange } from './conditions';
import type { Rating } from './energy-assets';
import {
  capped,
  defineEntity,
  groupBy,
  ROWS_PER_CAPPED_KEY,
  refuseLongLists,
  rowsForEach,
} from './entity';
import { indicators } from './indicators';
import { sortedList } from './lists';
import type { SortColumn } from './ordering';
import { sources } from './sources';

export type SubjectKind = Code<'subjectKinds'>;
export type Measure = Code<'measures'>;
export type ClaimStatus = Code<'claimStatuses'>;

export interface Claim {
  id: number;
  slug: string;
  sourceId: number;
  indicatorId: number;
  subjectKind: SubjectKind;
  subjectId: number;
  regionId: number;
  value: number | null;
  valueMax: number | null;
  unit: string | null;
  scale: string | null;
  normalisedValue: number | null;
  normalisedValueMax: number | null;
  qualifier: Code<'qualifiers'> | null;
  measure: Measure;
  periodText: string | null;
  asOf: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  reportedStatus: Code<'reportedStatuses'> | null;
  rating: Rating | null;
  speakerFa: string | null;
  speakerEn: string | null;
  keyPhraseFa: string | null;
  noteEn: string | null;
  basis: 'body' | 'headline';
  conflictGroup: string | null;
  comparisonKey: string;
  preferred: number;
  preferredReason: string | null;
  synthetic: number;
  status: ClaimStatus;
  statusReason: string | null;
  statusKeyId: number | null;
  statusAt: string | null;
  supersedesId: number | null;
  /** what the figure covers, in one line */
  scopeNote: string | null;
  /** claims about one quantity under different indicators or scopes share it */
  quantity: string | null;
  /** set when no claim of the comparison can stand for the figure: why none is preferred */
  unresolvedReason: string | null;
}

export const claims = defineEntity<Claim>({
  kind: 'claim',
  alias: 'c',
  search: 'claim',
  columns: [
    'id',
    'slug!',
    'source_id!',
    'indicator_id!',
    'subject_kind!',
    'subject_id!',
    'region_id!',
    'value',
    'value_max',
    'unit',
    'scale',
    'normalised_value',
    'normalised_value_max',
    'qualifier',
    'measure!',
    'period_text',
    'as_of',
    'period_start',
    'period_end',
    'reported_status',
    'rating',
    'speaker_fa',
    'speaker_en',
    'key_phrase_fa',
    'note_en',
    'basis!',
    'conflict_group',
    'comparison_key!',
    'preferred!',
    'preferred_reason',
    'synthetic!',
    // added by migrations/0009: corrections
    'status!',
    'status_reason',
    'status_key_id',
    'status_at',
    'supersedes_id',
    // added by migrations/0011: links between claims
    'scope_note',
    'quantity',
    'unresolved_reason',
  ],
  references: {
    source: 'source',
    indicator: 'indicator',
    subject: { column: 'subject_id', kindColumn: 'subject_kind', kinds: CODES.subjectKinds.values },
    region: 'region',
    supersedes: 'claim',
  },
  region: 'region_id',
});

export interface ClaimFilter {
  indicator?: string | null;
  /** the subject, already resolved from its global ID by the caller */
  subject?: { kind: SubjectKind; id: number } | null;
  source?: string | null;
  asOf?: DateRange | null;
  measure?: readonly string[] | null;
  preferredOnly?: boolean | null;
  conflictGroup?: string | null;
  /** with `indicator`: also the claims linked to its claims by a conflict group or a quantity */
  withRelated?: boolean | null;
  synthetic?: boolean | null;
}

/**
 * The most claims of one indicator in conflict groups, and the most with a quantity, that
 * `withRelated` reads to find the claims linked to them (the Qom data hold a few dozen).
 */
export const MAX_LINKED_CLAIMS = 1_000;

/**
 * How many of an indicator's claims have a conflict group or a quantity (each counted up to
 * MAX_LINKED_CLAIMS + 1 through migration 0022's partial indexes): what `withRelated`'s lists
 * read. Past the limit the filter is refused, before reading them.
 */
async function linkedClaimsOfIndicator(db: Db, indicatorId: number): Promise<number> {
  const cap = MAX_LINKED_CLAIMS + 1;
  const row = await db.first<{ groups: number; quantities: number }>(
    `SELECT (SELECT count(*) FROM (SELECT 1 FROM claims WHERE indicator_id = ?1 AND conflict_group IS NOT NULL LIMIT ?2)) AS groups,
       (SELECT count(*) FROM (SELECT 1 FROM claims WHERE indicator_id = ?1 AND quantity IS NOT NULL LIMIT ?2)) AS quantities`,
    [indicatorId, cap],
    { rows: 2 * cap, argument: 'withRelated' },
  );
  const groups = Number(row?.groups ?? 0);
  const quantities = Number(row?.quantities ?? 0);
  if (groups > MAX_LINKED_CLAIMS || quantities > MAX_LINKED_CLAIMS) {
    throw new InputError(
      'withRelated',
      `More than ${MAX_LINKED_CLAIMS} claims of this indicator are in conflict groups or carry a quantity: \`withRelated\` cannot take in their related claims within a request's bound. Leave it out, or read one claim's \`related\` claims.`,
    );
  }
  return groups + quantities;
}

/** A claim of the indicator, or one sharing a conflict group or a quantity with such a claim. */
const LINKED_TO_INDICATOR = `(c.indicator_id = ?
  OR c.conflict_group IN (SELECT l.conflict_group FROM claims l WHERE l.indicator_id = ? AND l.conflict_group IS NOT NULL)
  OR c.quantity IN (SELECT l.quantity FROM claims l WHERE l.indicator_id = ? AND l.quantity IS NOT NULL))`;

export const CLAIM_ORDER_COLUMNS: Record<string, SortColumn> = {
  AS_OF: { sql: 'c.as_of', key: 'asOf' },
  VALUE: { sql: 'c.normalised_value', key: 'normalisedValue' },
};

/** The SQL conditions of a claim filter, refusing unknown slugs by name. */
export async function claimConditions(db: Db, filter: ClaimFilter | null | undefined) {
  // every order of claims has its index (claims_as_of, claims_value, both ways; the key columns'
  // (column, id)), so a filter the order's index does not hold is a bounded walk
  const conditions = new Conditions().walks();
  if (!filter) return conditions;
  if (filter.withRelated) {
    if (filter.indicator == null) {
      throw new InputError('withRelated', '`withRelated` needs `indicator`: related to what?');
    }
    // the slug is looked up (and refused by name) as for a plain indicator filter
    const probe = await new Conditions().slug(
      db,
      'indicator',
      'id',
      filter.indicator,
      indicators.bySlugs,
    );
    const linked = await linkedClaimsOfIndicator(db, probe.params[0] as number);
    conditions.add(LINKED_TO_INDICATOR, ...probe.params, ...probe.params, ...probe.params);
    // the two lists of groups and quantities, read once a statement (migration 0022)
    conditions.checkRows += linked;
  } else {
    await conditions.slug(db, 'indicator', 'c.indicator_id', filter.indicator, indicators.bySlugs);
  }
  await conditions.slug(db, 'source', 'c.source_id', filter.source, sources.bySlugs);
  if (filter.subject) {
    conditions.key(
      'c.subject_kind = ? AND c.subject_id = ?',
      filter.subject.kind,
      filter.subject.id,
    );
  }
  conditions
    .dates('c.as_of', 'asOf', filter.asOf)
    .oneOf('c.measure', filter.measure, { keyed: true });
  // claims_preferred (preferred, id) and claims_conflict_group (conflict_group, id) are keys too
  if (filter.preferredOnly) conditions.key('c.preferred = 1');
  if (filter.conflictGroup != null) {
    conditions.key('c.conflict_group = ?', filter.conflictGroup.slice(0, 200));
  }
  return conditions.flag('c.synthetic', filter.synthetic, { keyed: true });
}

/**
 * Claims about a subject, as a nested list's parent link: claims_subject (subject_kind,
 * subject_id, id) and, by date, claims_subject_as_of(_desc) (migration 0023) are the subject's
 * own indexes. The subject's kind is held by the caller's conditions (`c.subject_kind = ?`).
 */
export const CLAIM_SUBJECT: KeyedLink = { column: 'c.subject_id', orderedBy: ['c.as_of'] };

// claims have no names: their order fields are ID and the columns below, never NAME
export const claimList = sortedList(claims, CLAIM_ORDER_COLUMNS, claimConditions);

/**
 * The most claims about one indicator in one region a target's latest claim or figures are
 * chosen from (the 100,000-project bench data holds at most 40).
 */
export const MAX_CLAIMS_ABOUT_REGION = 200;

/**
 * The claims about an indicator (`indicator`) in a region (`region`), read through claims_comparison
 * (indicator_id, subject_kind, subject_id, comparison_key, id) and cut off at
 * MAX_CLAIMS_ABOUT_REGION + 1: the candidates the figures of a target or a total are chosen from.
 */
export function claimsAboutRegion(indicator: string, region: string): string {
  return capped(
    'claims',
    `indicator_id = ${indicator} AND subject_kind = 'region' AND subject_id = ${region}`,
    'comparison_key, id',
    { cap: MAX_CLAIMS_ABOUT_REGION },
  );
}

/** D1 rows the latest claim of one target reads: its key, the target, one index entry, the claim. */
const LATEST_CLAIM_ROWS = 4;

/**
 * For each target, the newest preferred level claim about the target's indicator and region
 * (after the baseline date, when there is one): the figure the target's progress is judged by.
 * The newest such claim is the first entry of the partial index claims_latest_level (migration
 * 0018) for the indicator and region, so each target reads a fixed number of rows; when it is not
 * after the baseline, none is.
 */
export async function latestClaimsForTargets(
  db: Db,
  targetIds: readonly number[],
): Promise<(Claim | null)[]> {
  const rows = await db.all<Claim & { targetId: number }>(
    `SELECT t.id AS targetId, ${claims.select}
     FROM json_each(?) ostan_key JOIN plan_targets t ON t.id = ostan_key.value
     JOIN claims c ON c.id = (
       SELECT x.id FROM claims x INDEXED BY claims_latest_level
       WHERE x.indicator_id = t.indicator_id AND x.subject_kind = 'region'
         AND x.subject_id = t.region_id
         AND x.measure = 'level' AND x.preferred = 1 AND x.as_of IS NOT NULL
       ORDER BY x.as_of DESC, x.id DESC LIMIT 1)
     WHERE t.baseline_on IS NULL OR c.as_of > t.baseline_on`,
    [JSON.stringify(targetIds)],
    { rows: targetIds.length * LATEST_CLAIM_ROWS, argument: 'latestClaim' },
  );
  const byTarget = new Map(rows.map(({ targetId, ...claim }) => [targetId, claim as Claim]));
  return targetIds.map((id) => byTarget.get(id) ?? null);
}

/**
 * For each claim (`me`), the other claims (`c`) that `link` joins to it, in id order: `link` is a
 * condition on `c.id`, through `capped` lists that may hold `me` itself.
 */
function linkedClaims(
  db: Db,
  claimIds: readonly number[],
  link: string,
  field: string,
  lists = 1,
): Promise<Claim[][]> {
  return rowsForEach<Claim & { forId: number }>(
    db,
    claimIds,
    (row) => row.forId,
    `SELECT me.id AS forId, ${claims.select}
     FROM json_each(?) ostan_key JOIN claims me ON me.id = ostan_key.value
     JOIN claims c ON (${link}) AND c.id <> me.id
     ORDER BY me.id, c.id`,
    field,
    lists,
  );
}

/** For each claim, the other claims about the same indicator, subject and comparison key. */
export function alternativesOfClaims(db: Db, claimIds: readonly number[]): Promise<Claim[][]> {
  return linkedClaims(
    db,
    claimIds,
    // claims_comparison ends in (comparison_key, id): the list walks it in id order
    `c.id IN ${capped(
      'claims',
      `indicator_id = me.indicator_id AND subject_kind = me.subject_kind
         AND subject_id = me.subject_id AND comparison_key = me.comparison_key`,
      'id',
      { extra: 1 },
    )}`,
    'alternatives',
  );
}

/**
 * For each claim, the claims about the same quantity however they are filed: its conflict group
 * and its quantity, under any indicator or scope.
 */
export function relatedOfClaims(db: Db, claimIds: readonly number[]): Promise<Claim[][]> {
  return linkedClaims(
    db,
    claimIds,
    // two lists, each through its partial index (conflict_group, id) and (quantity, id)
    `c.id IN ${capped('claims', 'conflict_group = me.conflict_group', 'id', { extra: 1 })}
       OR c.id IN ${capped('claims', 'quantity = me.quantity', 'id', { extra: 1 })}`,
    'related',
    2,
  );
}

/** For each claim, the claim that supersedes it (null when none does). */
export async function supersedingClaims(
  db: Db,
  claimIds: readonly number[],
): Promise<(Claim | null)[]> {
  // claims_supersedes_id is (supersedes_id) (and the rowid): the LIMIT stops each walk
  const rows = await db.all<Claim>(
    `SELECT ${claims.select} FROM json_each(?) ostan_key
     JOIN claims c ON c.id IN ${capped('claims', 'supersedes_id = ostan_key.value', 'id')}
     ORDER BY c.id`,
    [JSON.stringify(claimIds)],
    { rows: claimIds.length * ROWS_PER_CAPPED_KEY, argument: 'supersededBy' },
  );
  // the newest (highest id) of each claim's successors, as the map keeps the last
  const lists = refuseLongLists(
    groupBy(claimIds, rows, (row) => row.supersedesId as number),
    'supersededBy',
  );
  return lists.map((list) => list.at(-1) ?? null);
}
