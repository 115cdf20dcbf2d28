/** Plan writes: plans and their targets, created, corrected and deleted. */
import { z } from 'zod';
import {
  dateOrder,
  enumByName,
  isoDateRule,
  nameRule,
  refRule,
  slugRule,
  textRule,
} from './input-rules';
import { Plan, PlanTarget } from './plan';
import { DeleteInput } from './project-writes';
import { entityInputs, entityMutations, type FieldSpec } from './write-inputs';

const date: FieldSpec = { type: 'String', rule: isoDateRule };
const figure = z.number().finite().min(-1e18).max(1e18);

const PLAN_FIELDS: Record<string, FieldSpec> = {
  slug: { type: 'String', rule: slugRule },
  region: { type: 'String', rule: refRule },
  kind: { type: enumByName<string>('PlanKind') },
  nameFa: { type: 'String', rule: nameRule },
  nameEn: { type: 'String', rule: nameRule },
  descriptionEn: { type: 'String', rule: textRule(4000) },
  status: { type: enumByName<string>('PlanStatus') },
  issuedOn: date,
  startsOn: date,
  endsOn: date,
  source: { type: 'String', rule: refRule },
  synthetic: { type: 'Boolean', defaultValue: false, createOnly: true },
};

// a target's increment from a dated baseline needs the baseline value: the write engine checks
// it on the whole row (src/db/writes/integrity.ts), since an update may give either alone
const PLAN_TARGET_FIELDS: Record<string, FieldSpec> = {
  slug: { type: 'String', rule: slugRule },
  plan: { type: 'String', rule: refRule },
  indicator: { type: 'String', rule: refRule },
  region: {
    type: 'String',
    rule: refRule,
    description: 'The region whose indicator the target is about.',
  },
  comparator: { type: enumByName<string>('TargetComparator') },
  targetValue: { type: 'Float', rule: figure },
  targetKind: { type: enumByName<string>('TargetKind') },
  baselineValue: { type: 'Float', rule: figure },
  baselineOn: date,
  deadlineOn: date,
  descriptionFa: { type: 'String', rule: textRule(2000) },
  descriptionEn: { type: 'String', rule: textRule(2000) },
  claim: { type: 'String', rule: refRule, description: 'The claim that announced it.' },
  synthetic: { type: 'Boolean', defaultValue: false, createOnly: true },
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
