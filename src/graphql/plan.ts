/** Plan and PlanTarget: development plans, their targets and each target's computed progress. */
import { type Claim as ClaimRow, latestClaimsForTargets } from '../db/claims';
import { CODES } from '../db/codes';
import { idOrderedList } from '../db/lists';
import {
  type Plan as PlanRow,
  type PlanTarget as PlanTargetRow,
  plans,
  planTargets,
  targetsOfPlans,
} from '../db/plans';
import { computeProgress } from '../lib/progress';
import { builder } from './builder';
import { addClaimsField, Claim } from './claim';
import { type Context, loadBatched } from './context';
import { Coverage, targetCoverage } from './coverage';
import { codeEnum } from './enums';
import { Indicator } from './indicator';
import { addChildList, connectionType, entityNode, resolveList } from './lists';
import { reference } from './references';
import { Region } from './region';
import { LocalDate, localDate } from './scalars';
import { Source } from './source';
import { langArg, localised, namedFields, orNull } from './text';

const PlanKind = codeEnum(CODES.planKinds);
const PlanStatus = codeEnum(CODES.planStatuses);
const Comparator = codeEnum(CODES.comparators);
const TargetKind = codeEnum(CODES.targetKinds);

export const Plan = entityNode<PlanRow>('Plan', plans, 'A plan');

Plan.implement({
  description: 'A development plan or policy document, with its targets.',
  fields: (t) => ({
    ...namedFields(t),
    kind: t.field({ type: PlanKind, resolve: (p) => p.kind }),
    description: t.exposeString('descriptionEn', { nullable: true }),
    status: t.field({ type: PlanStatus, resolve: (p) => p.status }),
    issuedOn: t.field({ type: LocalDate, nullable: true, resolve: (p) => localDate(p.issuedOn) }),
    startsOn: t.field({ type: LocalDate, nullable: true, resolve: (p) => localDate(p.startsOn) }),
    endsOn: t.field({ type: LocalDate, nullable: true, resolve: (p) => localDate(p.endsOn) }),
    region: t.field({ type: Region, ...reference(Region, (p: PlanRow) => p.regionId) }),
    source: t.field({
      type: Source,
      nullable: true,
      ...reference(Source, (p: PlanRow) => p.sourceId),
    }),
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
    ratio: t.exposeFloat(
      'ratio',
      orNull('`achieved` over the target value (1 = reached); null where a ratio means nothing.'),
    ),
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

function latestOf(ctx: Context, targetId: number): Promise<ClaimRow | null> {
  return loadBatched(ctx, 'target:latest', latestClaimsForTargets, targetId);
}

/** A target's progress from its newest preferred level claim; null when that cannot support it. */
async function progressOf(ctx: Context, target: PlanTargetRow): Promise<ProgressShape | null> {
  const latest = await latestOf(ctx, target.id);
  const progress = computeProgress(
    target,
    latest && {
      value: latest.normalisedValue,
      valueMax: latest.normalisedValueMax,
      qualifier: latest.qualifier,
    },
  );
  return progress && latest ? { ...progress, claim: latest } : null;
}

export const PlanTarget = entityNode<PlanTargetRow>('PlanTarget', planTargets, 'A plan target');

PlanTarget.implement({
  description: 'A plan’s target for an indicator in a region.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    plan: t.field({ type: Plan, ...reference(Plan, (target: PlanTargetRow) => target.planId) }),
    indicator: t.field({
      type: Indicator,
      ...reference(Indicator, (target: PlanTargetRow) => target.indicatorId),
    }),
    region: t.field({
      type: Region,
      ...reference(Region, (target: PlanTargetRow) => target.regionId),
    }),
    comparator: t.field({ type: Comparator, resolve: (target) => target.comparator }),
    targetValue: t.exposeFloat('targetValue'),
    targetKind: t.field({ type: TargetKind, resolve: (target) => target.targetKind }),
    baselineValue: t.exposeFloat('baselineValue', orNull('Null when no source states it.')),
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
      ...reference(Claim, (target: PlanTargetRow) => target.claimId),
    }),
    progress: t.field({
      type: TargetProgress,
      nullable: true,
      description:
        'Computed from the newest preferred level claim for the indicator and region (after the baseline date). Null, not 0, when no claim can support it.',
      resolve: (target, _args, ctx) => progressOf(ctx, target),
    }),
    coverage: t.field({
      type: Coverage,
      description:
        'What the progress rests on: the claims reported for the indicator and region (stocks, flows and targets), and whether one of them could support the progress, with the reason.',
      resolve: async (target, _args, ctx) => {
        const progress = await progressOf(ctx, target);
        const latest = await latestOf(ctx, target.id);
        return targetCoverage(ctx, target, latest?.slug ?? null, progress !== null);
      },
    }),
    synthetic: t.boolean({ resolve: (target) => target.synthetic === 1 }),
  }),
});

builder.objectField(Plan, 'targets', (t) =>
  t.field({
    type: [PlanTarget],
    resolve: (plan, _args, ctx) => loadBatched(ctx, 'plan:targets', targetsOfPlans, plan.id),
  }),
);

addClaimsField(Plan, 'c.subject_id', 'plan', 'Claims about this plan.');

export const PlanConnection = connectionType(Plan, 'PlanConnection');

const planList = idOrderedList(plans);

addChildList(Region, 'plans', {
  connection: PlanConnection,
  list: planList,
  column: 'pl.region_id',
  description: 'Plans made for this region.',
});

builder.queryField('plans', (t) =>
  t.field({
    type: PlanConnection,
    args: { ...t.arg.connectionArgs() },
    resolve: (_root, args, ctx, info) => resolveList(ctx, planList, args, info),
  }),
);
