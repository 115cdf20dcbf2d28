/** Plan writes: create plans and their targets. */
import { z } from 'zod';
import type { Plan as PlanRow, PlanTarget as PlanTargetRow } from '../db/plans';
import { builder } from './builder';
import {
  enumByName,
  idempotencyKeyArg,
  isoDateRule,
  nameRule,
  refRule,
  slugRule,
  textRule,
} from './input-rules';
import { Plan, PlanTarget } from './plan';
import { createResolver, WRITE_ERRORS } from './writes';

const CreatePlanInput = builder.inputType('CreatePlanInput', {
  fields: (t) => ({
    slug: t.string({ required: true, validate: slugRule }),
    region: t.string({ required: true, validate: refRule }),
    kind: t.field({ type: enumByName<string>('PlanKind'), required: true }),
    nameFa: t.string({ required: true, validate: nameRule }),
    nameEn: t.string({ required: true, validate: nameRule }),
    descriptionEn: t.string({ required: false, validate: textRule(4000) }),
    status: t.field({ type: enumByName<string>('PlanStatus'), required: true }),
    issuedOn: t.string({ required: false, validate: isoDateRule }),
    startsOn: t.string({ required: false, validate: isoDateRule }),
    endsOn: t.string({ required: false, validate: isoDateRule }),
    source: t.string({ required: false, validate: refRule }),
    synthetic: t.boolean({ required: false, defaultValue: false }),
  }),
  validate: z
    .looseObject({ startsOn: z.string().nullish(), endsOn: z.string().nullish() })
    .refine((p) => !p.startsOn || !p.endsOn || p.endsOn >= p.startsOn, {
      message: 'endsOn is before startsOn.',
      path: ['endsOn'],
    }),
});

const CreatePlanTargetInput = builder.inputType('CreatePlanTargetInput', {
  fields: (t) => ({
    slug: t.string({ required: true, validate: slugRule }),
    plan: t.string({ required: true, validate: refRule }),
    indicator: t.string({ required: true, validate: refRule }),
    region: t.string({
      required: true,
      validate: refRule,
      description: 'The region whose indicator the target is about.',
    }),
    comparator: t.field({ type: enumByName<string>('TargetComparator'), required: true }),
    targetValue: t.float({ required: true, validate: z.number().finite() }),
    targetKind: t.field({ type: enumByName<string>('TargetKind'), required: true }),
    baselineValue: t.float({ required: false, validate: z.number().finite() }),
    baselineOn: t.string({ required: false, validate: isoDateRule }),
    deadlineOn: t.string({ required: false, validate: isoDateRule }),
    descriptionFa: t.string({ required: false, validate: textRule(2000) }),
    descriptionEn: t.string({ required: false, validate: textRule(2000) }),
    claim: t.string({
      required: false,
      validate: refRule,
      description: 'The claim that announced it.',
    }),
    synthetic: t.boolean({ required: false, defaultValue: false }),
  }),
  validate: z
    .looseObject({
      targetKind: z.string(),
      baselineOn: z.string().nullish(),
      baselineValue: z.number().nullish(),
    })
    .refine((p) => p.targetKind === 'level' || p.baselineOn == null || p.baselineValue != null, {
      message: 'An increment target with a baseline date needs its baseline value.',
      path: ['baselineValue'],
    }),
});

const scope = { scope: 'write:plans' } as const;

builder.mutationFields((t) => ({
  createPlan: t.field({
    type: Plan,
    errors: WRITE_ERRORS,
    authScopes: scope,
    description: 'Creates a plan. Needs `write:plans` and the right to write its region.',
    args: { input: t.arg({ type: CreatePlanInput, required: true }), ...idempotencyKeyArg() },
    resolve: createResolver<PlanRow>('createPlan', 'plan'),
  }),
  createPlanTarget: t.field({
    type: PlanTarget,
    errors: WRITE_ERRORS,
    authScopes: scope,
    description:
      'Adds a target to a plan. Needs `write:plans` and the right to write the target’s region.',
    args: { input: t.arg({ type: CreatePlanTargetInput, required: true }), ...idempotencyKeyArg() },
    resolve: createResolver<PlanTargetRow>('createPlanTarget', 'plan_target'),
  }),
}));
