/** Claims: single reported figures, each with its source, and the latest one a target is judged by. */
import { InputError } from '../lib/errors';
import type { Db } from './client';
import { CODES, type Code } from './codes';
import { Conditions, type DateRange } from './conditions';
import type { Rating } from './energy-assets';
import { defineEntity, rowsForEach } from './entity';
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
  const conditions = new Conditions();
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
    conditions.add(LINKED_TO_INDICATOR, ...probe.params, ...probe.params, ...probe.params);
  } else {
    await conditions.slug(db, 'indicator', 'c.indicator_id', filter.indicator, indicators.bySlugs);
  }
  await conditions.slug(db, 'source', 'c.source_id', filter.source, sources.bySlugs);
  if (filter.subject) {
    conditions
      .add('c.subject_kind = ?', filter.subject.kind)
      .add('c.subject_id = ?', filter.subject.id);
  }
  conditions.dates('c.as_of', 'asOf', filter.asOf).oneOf('c.measure', filter.measure);
  if (filter.preferredOnly) conditions.add('c.preferred = 1');
  if (filter.conflictGroup != null) {
    conditions.add('c.conflict_group = ?', filter.conflictGroup.slice(0, 200));
  }
  return conditions.flag('c.synthetic', filter.synthetic);
}

// claims have no names: their order fields are ID and the columns below, never NAME
export const claimList = sortedList(claims, CLAIM_ORDER_COLUMNS, claimConditions);

/**
 * For each target, the newest preferred level claim about the target's indicator and region
 * (after the baseline date, when there is one): the figure the target's progress is judged by.
 */
export async function latestClaimsForTargets(
  db: Db,
  targetIds: readonly number[],
): Promise<(Claim | null)[]> {
  const rows = await db.all<Claim & { targetId: number }>(
    `SELECT targetId, ${claims.keys.join(', ')} FROM (
       SELECT t.id AS targetId, ${claims.select},
         row_number() OVER (PARTITION BY t.id ORDER BY c.as_of DESC, c.id DESC) AS rn
       FROM plan_targets t
       JOIN claims c ON c.indicator_id = t.indicator_id
         AND c.subject_kind = 'region' AND c.subject_id = t.region_id
         AND c.measure = 'level' AND c.preferred = 1
         AND c.as_of IS NOT NULL
         AND (t.baseline_on IS NULL OR c.as_of > t.baseline_on)
       WHERE t.id IN (SELECT value FROM json_each(?))
     ) WHERE rn = 1`,
    [JSON.stringify(targetIds)],
  );
  const byTarget = new Map(rows.map(({ targetId, ...claim }) => [targetId, claim as Claim]));
  return targetIds.map((id) => byTarget.get(id) ?? null);
}

/** For each claim (`me`), the other claims (`c`) that `link` joins to it, in id order. */
function linkedClaims(db: Db, claimIds: readonly number[], link: string): Promise<Claim[][]> {
  return rowsForEach<Claim & { forId: number }>(
    db,
    claimIds,
    (row) => row.forId,
    `SELECT me.id AS forId, ${claims.select}
     FROM claims me JOIN claims c ON (${link}) AND c.id <> me.id
     WHERE me.id IN (SELECT value FROM json_each(?))
     ORDER BY me.id, c.id`,
  );
}

/** For each claim, the other claims about the same indicator, subject and comparison key. */
export function alternativesOfClaims(db: Db, claimIds: readonly number[]): Promise<Claim[][]> {
  return linkedClaims(
    db,
    claimIds,
    `c.indicator_id = me.indicator_id AND c.subject_kind = me.subject_kind
       AND c.subject_id = me.subject_id AND c.comparison_key = me.comparison_key`,
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
    'c.conflict_group = me.conflict_group OR c.quantity = me.quantity',
  );
}

/** For each claim, the claim that supersedes it (null when none does). */
export async function supersedingClaims(
  db: Db,
  claimIds: readonly number[],
): Promise<(Claim | null)[]> {
  const rows = await db.all<Claim>(
    `SELECT ${claims.select} FROM claims c
     WHERE c.supersedes_id IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
    [JSON.stringify(claimIds)],
  );
  const byOld = new Map(rows.map((row) => [row.supersedesId as number, row]));
  return claimIds.map((id) => byOld.get(id) ?? null);
}
