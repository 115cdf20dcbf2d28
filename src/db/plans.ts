/** Development plans and their targets. */
import type { Code } from './codes';
import { defineEntity } from './entity';

export interface Plan {
  id: number;
  slug: string;
  regionId: number;
  kind: Code<'planKinds'>;
  nameFa: string;
  nameEn: string;
  descriptionEn: string | null;
  status: Code<'planStatuses'>;
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
  comparator: Code<'comparators'>;
  targetValue: number;
  targetKind: Code<'targetKinds'>;
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
  alias: 'pl',
  search: 'plan',
  columns: [
    'id',
    'slug!',
    'region_id!',
    'kind!',
    'name_fa!',
    'name_en!',
    'description_en',
    'status!',
    'issued_on',
    'starts_on',
    'ends_on',
    'source_id',
    'synthetic!',
  ],
  references: { region: 'region', source: 'source' },
  region: 'region_id',
});

export const planTargets = defineEntity<PlanTarget>({
  kind: 'plan_target',
  alias: 't',
  search: null,
  columns: [
    'id',
    'slug!',
    'plan_id!',
    'indicator_id!',
    'region_id!',
    'comparator!',
    'target_value!',
    'target_kind!',
    'baseline_value',
    'baseline_on',
    'deadline_on',
    'description_fa',
    'description_en',
    'claim_id',
    'synthetic!',
  ],
  references: { plan: 'plan', indicator: 'indicator', region: 'region', claim: 'claim' },
  region: 'region_id',
});

/** The targets of each plan, in id order. */
export const targetsOfPlans = planTargets.rowsOf('plan_id', 't.id', 'targets');
