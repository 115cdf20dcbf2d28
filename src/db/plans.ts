/** Development plans and their targets. */
import type { Db } from './client';
import { defineTable, groupBy } from './table';

export interface Plan {
  id: number;
  slug: string;
  regionId: number;
  kind: 'development_plan' | 'investment_document' | 'annual_programme';
  nameFa: string;
  nameEn: string;
  descriptionEn: string | null;
  status: 'drafted' | 'issued' | 'in_force' | 'expired';
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
  comparator: 'at_least' | 'at_most' | 'equals';
  targetValue: number;
  targetKind: 'level' | 'increment';
  baselineValue: number | null;
  baselineOn: string | null;
  deadlineOn: string | null;
  descriptionFa: string | null;
  descriptionEn: string | null;
  claimId: number | null;
  synthetic: number;
}

export const plans = defineTable<Plan>({
  table: 'plans',
  alias: 'pl',
  columns:
    'pl.id, pl.slug, pl.region_id AS regionId, pl.kind, pl.name_fa AS nameFa, pl.name_en AS nameEn, pl.description_en AS descriptionEn, pl.status, pl.issued_on AS issuedOn, pl.starts_on AS startsOn, pl.ends_on AS endsOn, pl.source_id AS sourceId, pl.synthetic',
});

const TARGET_COLUMNS =
  't.id, t.slug, t.plan_id AS planId, t.indicator_id AS indicatorId, t.region_id AS regionId, t.comparator, t.target_value AS targetValue, t.target_kind AS targetKind, t.baseline_value AS baselineValue, t.baseline_on AS baselineOn, t.deadline_on AS deadlineOn, t.description_fa AS descriptionFa, t.description_en AS descriptionEn, t.claim_id AS claimId, t.synthetic';

export const planTargets = defineTable<PlanTarget>({
  table: 'plan_targets',
  alias: 't',
  columns: TARGET_COLUMNS,
});

/** The targets of each plan, in id order. */
export async function targetsOfPlans(db: Db, planIds: readonly number[]): Promise<PlanTarget[][]> {
  const rows = await db.all<PlanTarget>(
    `SELECT ${TARGET_COLUMNS} FROM plan_targets t
     WHERE t.plan_id IN (SELECT value FROM json_each(?)) ORDER BY t.plan_id, t.id`,
    [JSON.stringify(planIds)],
  );
  return groupBy(planIds, rows, (row) => row.planId);
}
