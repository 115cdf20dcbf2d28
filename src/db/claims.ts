/** Claims: single reported figures, each with its source, and the latest one a target is judged by. */
import type { Db } from './client';
import { codeList } from './codes';
import { Conditions, type DateRange } from './conditions';
import type { Rating } from './energy-assets';
import { defineEntity, groupBy } from './entity';
import { indicators } from './indicators';
import type { ListSpec } from './lists';
import { buildOrdering } from './ordering';
import { sources } from './sources';

export const SUBJECT_KINDS = codeList({
  region: {},
  project: {},
  energy_asset: {},
  sector: {},
  plan: {},
});
export type SubjectKind = (typeof SUBJECT_KINDS.values)[number];

export const QUALIFIERS = codeList({
  exact: {},
  about: {},
  more_than: {},
  at_least: {},
  less_than: {},
  at_most: {},
  range: {},
});
export type Qualifier = (typeof QUALIFIERS.values)[number];

export const MEASURES = codeList({
  level: {
    fa: 'مقدار در تاریخ',
    en: 'Level at a date',
    description: 'A stock at a date ("350 units so far").',
  },
  change: {
    fa: 'تغییر در دوره',
    en: 'Change over a period',
    description: 'A flow over a period ("49 MW connected in six months").',
  },
  target: { fa: 'هدف', en: 'Target', description: 'A figure someone aims for ("65 more units").' },
});
export type Measure = (typeof MEASURES.values)[number];

export const REPORTED_STATUSES = codeList({
  opened: {},
  operational: {},
  under_construction: {},
  groundbreaking: {},
  licensed: {},
  planned: {},
  target: {},
});
export type ReportedStatus = (typeof REPORTED_STATUSES.values)[number];

/** A claim is never edited: it stays active, or is withdrawn or superseded (with a reason). */
export const CLAIM_STATUSES = codeList({
  active: { description: 'Stands as recorded.' },
  withdrawn: { description: 'Withdrawn by the partner that recorded it, with a reason.' },
  superseded: { description: 'Replaced by a newer claim that points at it.' },
});
export type ClaimStatus = (typeof CLAIM_STATUSES.values)[number];

export const CLAIM_BASES = codeList({
  body: { description: 'In the body text.' },
  headline: { description: 'Only in the page title or URL slug.' },
});

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
  status: ClaimStatus;
  statusReason: string | null;
  statusKeyId: number | null;
  statusAt: string | null;
  supersedesId: number | null;
}

export const claims = defineEntity<Claim>({
  kind: 'claim',
  table: 'claims',
  alias: 'c',
  search: 'claim',
  columns: [
    'id',
    'slug',
    'source_id',
    'indicator_id',
    'subject_kind',
    'subject_id',
    'region_id',
    'value',
    'value_max',
    'unit',
    'scale',
    'normalised_value',
    'normalised_value_max',
    'qualifier',
    'measure',
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
    'basis',
    'conflict_group',
    'comparison_key',
    'preferred',
    'preferred_reason',
    'synthetic',
    // added by migrations/0009: corrections
    'status',
    'status_reason',
    'status_key_id',
    'status_at',
    'supersedes_id',
  ],
  references: {
    source: { column: 'source_id', kind: 'source' },
    indicator: { column: 'indicator_id', kind: 'indicator' },
    subject: { column: 'subject_id', kindColumn: 'subject_kind', kinds: SUBJECT_KINDS.values },
    region: { column: 'region_id', kind: 'region' },
    supersedes: { column: 'supersedes_id', kind: 'claim' },
  },
  region: 'region_id',
  notNull: [
    'slug',
    'source_id',
    'indicator_id',
    'subject_kind',
    'subject_id',
    'region_id',
    'measure',
    'basis',
    'comparison_key',
    'preferred',
    'synthetic',
    'status',
  ],
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
  synthetic?: boolean | null;
}

const ORDER_COLUMNS: Record<string, [string, string]> = {
  AS_OF: ['c.as_of', 'asOf'],
  VALUE: ['c.normalised_value', 'normalisedValue'],
};

/** The SQL conditions of a claim filter, refusing unknown slugs by name. */
export async function claimConditions(db: Db, filter: ClaimFilter | null | undefined) {
  const conditions = new Conditions();
  if (!filter) return conditions;
  await conditions.slug(db, 'indicator', 'c.indicator_id', filter.indicator, indicators.bySlugs);
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

export const claimList: ListSpec<Claim, ClaimFilter> = {
  source: claims.list,
  // claims have no names: NAME orders fall back to nothing, and the language is irrelevant
  ordering: (order) => buildOrdering('c', ORDER_COLUMNS, order, 'fa'),
  conditions: claimConditions,
};

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

/** For each claim, the other claims about the same indicator, subject and comparison key. */
export async function alternativesOfClaims(
  db: Db,
  claimIds: readonly number[],
): Promise<Claim[][]> {
  const rows = await db.all<Claim & { forId: number }>(
    `SELECT me.id AS forId, ${claims.select}
     FROM claims me
     JOIN claims c ON c.indicator_id = me.indicator_id AND c.subject_kind = me.subject_kind
       AND c.subject_id = me.subject_id AND c.comparison_key = me.comparison_key AND c.id <> me.id
     WHERE me.id IN (SELECT value FROM json_each(?))
     ORDER BY me.id, c.id`,
    [JSON.stringify(claimIds)],
  );
  return groupBy(claimIds, rows, (row) => row.forId);
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
