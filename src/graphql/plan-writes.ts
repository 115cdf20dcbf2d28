/** Plan writes: plans and their targets, created, corrected and deleted. */

import * as z from 'zod/mini';
import { dateOrder, enumByName } from './input-rules';
import { Plan, PlanTarget } from './plan';
import { DeleteInput } from './project-writes';
import { entityInputs, entityMutations, type FieldSpec, field } from './write-inputs';
import { lazyRule } from './zod';

const figure = lazyRule(() => z.number().check(z.minimum(-1e18), z.maximum(1e18)));

const PLAN_FIELDS: Record<string, FieldSpec> = {
  slug: field.slug,
  region: field.ref(),
  kind: { type: enumByName<string>('PlanKind') },
  nameFa: field.name,
  nameEn: field.name,
  descriptionEn: field.text(4000),
  status: { type: enumByName<string>('PlanStatus') },
  issuedOn: field.date(),
  startsOn: field.date(),
  endsOn: field.date(),
  source: field.ref(),
  synthetic: field.synthetic(),
};

// a target's increment from a dated baseline needs the baseline value: the write engine checks
// it on the whole row (src/db/writes/integrity.ts), since an update may give either alone
const PLAN_TARGET_FIELDS: Record<string, FieldSpec> = {
  slug: field.slug,
  plan: field.ref(),
  indicator: field.ref(),
  region: field.ref('The region whose indicator the target is about.'),
  comparator: { type: enumByName<string>('TargetComparator') },
  targetValue: { type: 'Float', rule: figure },
  targetKind: { type: enumByName<string>('TargetKind') },
  baselineValue: { type: 'Float', rule: figure },
  baselineOn: field.date(),
  deadlineOn: field.date(),
  descriptionFa: field.text(2000),
  descriptionEn: field.text(2000),
  claim: field.ref('The claim that announced it.'),
  synthetic: field.synthetic(),
};

const plans = entityInputs('plan', 'Plan', PLAN_FIELDS, {
  createDescription: 'A new plan. Region and source are slugs.',
  validate: dateOrder('startsOn', 'endsOn'),
});
const targets = entityInputs('plan_target', 'PlanTarget', PLAN_TARGET_FIELDS, {
  createDescription: 'A new target of a plan. Plan, indicator, region and claim are slugs.',
});

entityMutations('plan', Plan, 'write:plans', {
  createPlan: {
    verb: 'create',
    input: plans.create,
    description: 'Creates a plan. Needs `write:plans` and the right to write its region.',
  },
  updatePlan: {
    verb: 'update',
    input: plans.update,
    description:
      'Corrects a plan from the version you read; the change feed and the audit log keep what it was.',
  },
  deletePlan: {
    verb: 'delete',
    input: DeleteInput,
    description:
      'Deletes a plan with no targets and no claims about it, from the version you read.',
  },
});

entityMutations('plan_target', PlanTarget, 'write:plans', {
  createPlanTarget: {
    verb: 'create',
    input: targets.create,
    description:
      'Adds a target to a plan. Needs `write:plans` and the right to write the target’s region and the plan’s.',
  },
  updatePlanTarget: {
    verb: 'update',
    input: targets.update,
    description: 'Corrects a plan target from the version you read.',
  },
  deletePlanTarget: {
    verb: 'delete',
    input: DeleteInput,
    description: 'Deletes a plan target, from the version you read.',
  },
});
