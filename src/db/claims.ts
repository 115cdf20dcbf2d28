/** Claims: single reported figures, each with its source, and the latest one a target is judged by. */
import type { Db } from './client';
import type { Rating } from './energy-assets';
import { defineTable, groupBy } from './table';

export type SubjectKind = 'region' | 'project' | 'energy_asset' | 'sector' | 'plan';
export type Qualifier =
  | 'exact'
  | 'about'
  | 'more_than'
  | 'at_least'
  | 'less_than'
  | 'at_most'
  | 'range';
export type Measure = 'level' | 'change' | 'target';
export type ReportedStatus =
  | 'opened'
  | 'operational'
  | 'under_construction'
  | 'groundbreaking'
  | 'licensed'
  | 'planned'
  | 'target';

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
  qualifier: Qualifier | null;
  measure: Measure;
  periodText: string | null;
  asOf: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  reportedStatus: ReportedStatus | null;
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
}

export const CLAIM_COLUMNS =
  'c.id, c.slug, c.source_id AS sourceId, c.indicator_id AS indicatorId, c.subject_kind AS subjectKind, c.subject_id AS subjectId, c.region_id AS regionId, c.value, c.value_max AS valueMax, c.unit, c.scale, c.normalised_value AS normalisedValue, c.normalised_value_max AS normalisedValueMax, c.qualifier, c.measure, c.period_text AS periodText, c.as_of AS asOf, c.period_start AS periodStart, c.period_end AS periodEnd, c.reported_status AS reportedStatus, c.rating, c.speaker_fa AS speakerFa, c.speaker_en AS speakerEn, c.key_phrase_fa AS keyPhraseFa, c.note_en AS noteEn, c.basis, c.conflict_group AS conflictGroup, c.comparison_key AS comparisonKey, c.preferred, c.preferred_reason AS preferredReason, c.synthetic';

export const claims = defineTable<Claim>({ table: 'claims', alias: 'c', columns: CLAIM_COLUMNS });

/**
 * For each target, the newest preferred level claim about the target's indicator and region
 * (after the baseline date, when there is one): the figure the target's progress is judged by.
 */
export async function latestClaimsForTargets(
  db: Db,
  targetIds: readonly number[],
): Promise<(Claim | null)[]> {
  const rows = await db.all<Claim & { targetId: number }>(
    `SELECT targetId, ${CLAIM_COLUMNS.replace(/c\.(\w+)( AS \w+)?/g, (_m, column, alias) => alias?.slice(4) ?? column)} FROM (
       SELECT t.id AS targetId, ${CLAIM_COLUMNS},
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

/** For each claim, the other claims about the same indicator, subject and comparison key. */
export async function alternativesOfClaims(
  db: Db,
  claimIds: readonly number[],
): Promise<Claim[][]> {
  const rows = await db.all<Claim & { forId: number }>(
    `SELECT me.id AS forId, ${CLAIM_COLUMNS}
     FROM claims me
     JOIN claims c ON c.indicator_id = me.indicator_id AND c.subject_kind = me.subject_kind
       AND c.subject_id = me.subject_id AND c.comparison_key = me.comparison_key AND c.id <> me.id
     WHERE me.id IN (SELECT value FROM json_each(?))
     ORDER BY me.id, c.id`,
    [JSON.stringify(claimIds)],
  );
  return groupBy(claimIds, rows, (row) => row.forId);
}
