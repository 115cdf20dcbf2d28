/** Development plans and their targets. */
import type { Db } from './client';
import { codeList } from './codes';
import { defineEntity, groupBy } from './entity';

export const PLAN_KINDS = codeList({
  development_plan: {},
  investment_document: {},
  annual_programme: {},
});
export const PLAN_STATUSES = codeList({ drafted: {}, issued: {}, in_force: {}, expired: {} });
export const COMPARATORS = codeList({ at_least: {}, at_most: {}, equals: {} });
export const TARGET_KINDS = codeList({
  level: { description: 'Reach the value (e.g. a 1.4% share).' },
  increment: { description: 'Add the value to the baseline (e.g. 65 more units).' },
});

export interface Plan {
  id: number;
  slug: string;
  regionId: number;
  kind: (typeof PLAN_KINDS.values)[number];
  nameFa: string;
  nameEn: string;
  descriptionEn: string | null;
  status: (typeof PLAN_STATUSES.values)[number];
  issuedOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  sourceId: number | null;
  synthetic: number;
}

export interface PlanTarget {
  id: number;
  slug: string;
  planId: number;
  indicatorId: number;
  regionId: number;
  comparator: (typeof COMPARATORS.values)[number];
  targetValue: number;
  targetKind: (typeof TARGET_KINDS.values)[number];
  baselineValue: number | null;
  baselineOn: string | null;
  deadlineOn: string | null;
  descriptionFa: string | null;
  descriptionEn: string | null;
  claimId: number | null;
  synthetic: number;
}

export const plans = defineEntity<Plan>({
  kind: 'plan',
  table: 'plans',
  alias: 'pl',
  search: 'plan',
  columns: [
    'id',
    'slug',
    'region_id',
    'kind',
    'name_fa',
    'name_en',
    'description_en',
    'status',
    'issued_on',
    'starts_on',
    'ends_on',
    'source_id',
    'synthetic',
  ],
  references: {
    region: { column: 'region_id', kind: 'region' },
    source: { column: 'source_id', kind: 'source' },
  },
  region: 'region_id',
  notNull: ['slug', 'region_id', 'kind', 'name_fa', 'name_en', 'status', 'synthetic'],
});

export const planTargets = defineEntity<PlanTarget>({
  kind: 'plan_target',
  table: 'plan_targets',
  alias: 't',
  search: null,
  columns: [
    'id',
    'slug',
    'plan_id',
    'indicator_id',
    'region_id',
    'comparator',
    'target_value',
    'target_kind',
    'baseline_value',
    'baseline_on',
    'deadline_on',
    'description_fa',
    'description_en',
    'claim_id',
    'synthetic',
  ],
  references: {
    plan: { column: 'plan_id', kind: 'plan' },
    indicator: { column: 'indicator_id', kind: 'indicator' },
    region: { column: 'region_id', kind: 'region' },
    claim: { column: 'claim_id', kind: 'claim' },
  },
  region: 'region_id',
  notNull: [
    'slug',
    'plan_id',
    'indicator_id',
    'region_id',
    'comparator',
    'target_value',
    'target_kind',
    'synthetic',
  ],
});

/** The targets of each plan, in id order. */
export async function targetsOfPlans(db: Db, planIds: readonly number[]): Promise<PlanTarget[][]> {
  const rows = await db.all<PlanTarget>(
    `SELECT ${planTargets.select} FROM plan_targets t
     WHERE t.plan_id IN (SELECT value FROM json_each(?)) ORDER BY t.plan_id, t.id`,
    [JSON.stringify(planIds)],
  );
  return groupBy(planIds, rows, (row) => row.planId);
}
