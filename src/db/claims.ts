/** Claims: single reported figures, each with its source, and the latest one a target is judged by. */
import { InputError } from '../lib/errors';
import type { Db } from './client';
import { codeList } from './codes';
import { Conditions, type DateRange } from './conditions';
import type { Rating } from './energy-assets';
import { defineEntity, groupBy } from './entity';
import { indicators } from './indicators';
import type { ListSpec } from './lists';
import { buildOrdering } from './ordering';
import type { Qualifier } from './qualifiers';
import { sources } from './sources';

export const SUBJECT_KINDS = codeList({
  region: {},
  project: {},
  energy_asset: {},
  sector: {},
  plan: {},
});
export type SubjectKind = (typeof SUBJECT_KINDS.values)[number];

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
  /** what the figure covers, in one line */
  scopeNote: string | null;
  /** claims about one quantity under different indicators or scopes share it */
  quantity: string | null;
  /** set when no claim of the comparison can stand for the figure: why none is preferred */
  unresolvedReason: string | null;
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
    'scope_note',
    'quantity',
    'unresolved_reason',
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
  /** with `indicator`: also the claims linked to its claims by a conflict group or a quantity */
  withRelated?: boolean | null;
  synthetic?: boolean | null;
}

/** A claim of the indicator, or one sharing a conflict group or a quantity with such a claim. */
const LINKED_TO_INDICATOR = `(c.indicator_id = ?
  OR c.conflict_group IN (SELECT l.conflict_group FROM claims l WHERE l.indicator_id = ? AND l.conflict_group IS NOT NULL)
  OR c.quantity IN (SELECT l.quantity FROM claims l WHERE l.indicator_id = ? AND l.quantity IS NOT NULL))`;

const ORDER_COLUMNS: Record<string, [string, string]> = {
  AS_OF: ['c.as_of', 'asOf'],
  VALUE: ['c.normalised_value', 'normalisedValue'],
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

/** For each claim (`me`), the other claims (`c`) that `link` joins to it, in id order. */
async function linkedClaims(db: Db, claimIds: readonly number[], link: string): Promise<Claim[][]> {
  const rows = await db.all<Claim & { forId: number }>(
    `SELECT me.id AS forId, ${claims.select}
     FROM claims me JOIN claims c ON (${link}) AND c.id <> me.id
     WHERE me.id IN (SELECT value FROM json_each(?))
     ORDER BY me.id, c.id`,
    [JSON.stringify(claimIds)],
  );
  return groupBy(claimIds, rows, (row) => row.forId);
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
