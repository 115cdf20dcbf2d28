/** Plan and PlanTarget: development plans, their targets and each target's computed progress. */
import { builder } from '../builder';
import { loaderFor } from '../context';
import { type Claim as ClaimRow, latestClaimsForTargets } from '../db/claims';
import { fetchChildPages, fetchPage, readWindow } from '../db/pagination';
import {
  type Plan as PlanRow,
  type PlanTarget as PlanTargetRow,
  plans,
  planTargets,
  targetsOfPlans,
} from '../db/plans';
import { computeProgress } from '../lib/progress';
import { addClaimsField, Claim } from './claim';
import {
  addSlugQuery,
  connectionType,
  LocalDate,
  langArg,
  loadChildPage,
  localDate,
  localised,
  nodeLoader,
  parseLocalId,
  sqlEnum,
  wantsTotal,
} from './common';
import { Indicator } from './indicator';
import { Region } from './region';
import { Source } from './source';

const PlanKind = sqlEnum('PlanKind', 'What kind of plan a document is.', [
  'development_plan',
  'investment_document',
  'annual_programme',
] as const);

const PlanStatus = sqlEnum('PlanStatus', 'Where a plan is in its life.', [
  'drafted',
  'issued',
  'in_force',
  'expired',
] as const);

const Comparator = sqlEnum('TargetComparator', 'How a target compares a value with its goal.', [
  'at_least',
  'at_most',
  'equals',
] as const);

const TargetKind = sqlEnum(
  'TargetKind',
  'Whether a target is a level to reach or an amount to add.',
  ['level', 'increment'] as const,
  {
    level: 'Reach the value (e.g. a 1.4% share).',
    increment: 'Add the value to the baseline (e.g. 65 more units).',
  },
);

export const Plan = builder.loadableNodeRef<PlanRow, number>('Plan', {
  id: { resolve: (plan) => plan.id, parse: parseLocalId },
  load: nodeLoader(plans),
});

Plan.implement({
  description: 'A development plan or policy document, with its targets.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    kind: t.field({ type: PlanKind, resolve: (p) => p.kind }),
    nameFa: t.exposeString('nameFa'),
    nameEn: t.exposeString('nameEn'),
    name: t.string({
      args: langArg(),
      resolve: (p, { lang }, ctx) => localised(ctx, lang, p.nameFa, p.nameEn),
    }),
    description: t.exposeString('descriptionEn', { nullable: true }),
    status: t.field({ type: PlanStatus, resolve: (p) => p.status }),
    issuedOn: t.field({ type: LocalDate, nullable: true, resolve: (p) => localDate(p.issuedOn) }),
    startsOn: t.field({ type: LocalDate, nullable: true, resolve: (p) => localDate(p.startsOn) }),
    endsOn: t.field({ type: LocalDate, nullable: true, resolve: (p) => localDate(p.endsOn) }),
    region: t.field({ type: Region, resolve: (p) => p.regionId }),
    source: t.field({ type: Source, nullable: true, resolve: (p) => p.sourceId }),
    synthetic: t.boolean({ resolve: (p) => p.synthetic === 1 }),
  }),
});

interface ProgressShape {
  achieved: number;
  ratio: number | null;
  gap: number;
  met: boolean;
  claim: ClaimRow;
}

const TargetProgress = builder.objectRef<ProgressShape>('TargetProgress').implement({
  description:
    'How far a target has come, judged by the newest preferred claim that can be compared with it.',
  fields: (t) => ({
    achieved: t.exposeFloat('achieved', {
      description: 'The latest level, or for an increment target the change since the baseline.',
    }),
    ratio: t.exposeFloat('ratio', {
      nullable: true,
      description:
        '`achieved` over the target value (1 = reached); null where a ratio means nothing.',
    }),
    gap: t.exposeFloat('gap', {
      description: 'What is still missing to meet the target (0 once met).',
    }),
    met: t.exposeBoolean('met'),
    basedOn: t.field({
      type: Claim,
      description: 'The claim the progress is computed from.',
      resolve: (p) => p.claim,
    }),
  }),
});

export const PlanTarget = builder.loadableNodeRef<PlanTargetRow, number>('PlanTarget', {
  id: { resolve: (target) => target.id, parse: parseLocalId },
  load: nodeLoader(planTargets),
});

PlanTarget.implement({
  description: 'A plan’s target for an indicator in a region.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    plan: t.field({ type: Plan, resolve: (target) => target.planId }),
    indicator: t.field({ type: Indicator, resolve: (target) => target.indicatorId }),
    region: t.field({ type: Region, resolve: (target) => target.regionId }),
    comparator: t.field({ type: Comparator, resolve: (target) => target.comparator }),
    targetValue: t.exposeFloat('targetValue'),
    targetKind: t.field({ type: TargetKind, resolve: (target) => target.targetKind }),
    baselineValue: t.exposeFloat('baselineValue', {
      nullable: true,
      description: 'Null when no source states it.',
    }),
    baselineOn: t.field({
      type: LocalDate,
      nullable: true,
      resolve: (target) => localDate(target.baselineOn),
    }),
    deadlineOn: t.field({
      type: LocalDate,
      nullable: true,
      resolve: (target) => localDate(target.deadlineOn),
    }),
    description: t.string({
      nullable: true,
      args: langArg(),
      resolve: (target, { lang }, ctx) =>
        localised(ctx, lang, target.descriptionFa, target.descriptionEn),
    }),
    announcedIn: t.field({
      type: Claim,
      nullable: true,
      description: 'The claim in which the target was announced.',
      resolve: (target) => target.claimId,
    }),
    progress: t.field({
      type: TargetProgress,
      nullable: true,
      description:
        'Computed from the newest preferred level claim for the indicator and region (after the baseline date). Null, not 0, when no claim can support it.',
      resolve: async (target, _args, ctx) => {
        const latest = await loaderFor<number, ClaimRow | null>(ctx, 'target:latest', (ids) =>
          latestClaimsForTargets(ctx.db, ids),
        ).load(target.id);
        const progress = computeProgress(
          target,
          latest && {
            value: latest.normalisedValue,
            valueMax: latest.normalisedValueMax,
            qualifier: latest.qualifier,
          },
        );
        return progress && latest ? { ...progress, claim: latest } : null;
      },
    }),
    synthetic: t.boolean({ resolve: (target) => target.synthetic === 1 }),
  }),
});

builder.objectField(Plan, 'targets', (t) =>
  t.field({
    type: [PlanTarget],
    resolve: (plan, _args, ctx) =>
      loaderFor<number, PlanTargetRow[]>(ctx, 'plan:targets', (ids) =>
        targetsOfPlans(ctx.db, ids),
      ).load(plan.id),
  }),
);

addClaimsField(Plan, 'c.subject_id', 'plan', 'Claims about this plan.');

export const PlanConnection = connectionType(Plan, 'PlanConnection');

builder.objectField(Region, 'plans', (t) =>
  t.field({
    type: PlanConnection,
    description: 'Plans made for this region.',
    args: { ...t.arg.connectionArgs() },
    resolve: (region, args, ctx, info) => {
      readWindow(args, plans.byIdOrdering);
      return loadChildPage<PlanRow>(ctx, info, args, region.id, (ids, withTotal) =>
        fetchChildPages(
          ctx.db,
          plans.list(),
          'pl.region_id',
          ids,
          plans.byIdOrdering,
          args,
          withTotal,
        ),
      );
    },
  }),
);

builder.queryFields((t) => ({
  plans: t.field({
    type: PlanConnection,
    args: { ...t.arg.connectionArgs() },
    resolve: (_root, args, ctx, info) =>
      fetchPage<PlanRow>(ctx.db, plans.list(), plans.byIdOrdering, args, wantsTotal(info)),
  }),
}));

addSlugQuery<PlanRow>('plan', Plan, plans, 'A plan');
addSlugQuery<PlanTargetRow>('planTarget', PlanTarget, planTargets, 'A plan target');
