/** Claim: one reported figure with its source, and the claims lists every entity offers. */
import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../builder';
import { type Context, loaderFor } from '../context';
import {
  alternativesOfClaims,
  type Claim as ClaimRow,
  claims,
  type SubjectKind,
} from '../db/claims';
import type { SqlValue } from '../db/client';
import { indicators } from '../db/indicators';
import { fetchChildPages, fetchPage, type PageArgs, readWindow } from '../db/pagination';
import { sources } from '../db/sources';
import {
  badInput,
  bySlug,
  connectionType,
  LangEnum,
  LocalDate,
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
import { Sector } from './sector';
import { Source } from './source';

export const Rating = sqlEnum(
  'CapacityRating',
  'How a capacity in MW is rated. MW(AC) and MW(DC, peak) are never added together.',
  ['ac', 'dc', 'unknown'] as const,
  {
    ac: 'Alternating-current (grid) rating.',
    dc: 'Direct-current / peak (MWp) rating.',
    unknown: 'The source does not say.',
  },
);

const Qualifier = sqlEnum('Qualifier', 'How exactly a figure was stated.', [
  'exact',
  'about',
  'more_than',
  'at_least',
  'less_than',
  'at_most',
  'range',
] as const);

const Measure = sqlEnum(
  'Measure',
  'What kind of quantity a claim reports.',
  ['level', 'change', 'target'] as const,
  {
    level: 'A stock at a date ("350 units so far").',
    change: 'A flow over a period ("49 MW connected in six months").',
    target: 'A figure someone aims for ("65 more units").',
  },
);

const ReportedStatus = sqlEnum(
  'ReportedStatus',
  'The stage a figure describes, as the source put it.',
  [
    'opened',
    'operational',
    'under_construction',
    'groundbreaking',
    'licensed',
    'planned',
    'target',
  ] as const,
);

const Basis = sqlEnum(
  'ClaimBasis',
  'Where in the source the figure was read.',
  ['body', 'headline'] as const,
  {
    body: 'In the body text.',
    headline: 'Only in the page title or URL slug.',
  },
);

export const SubjectKindEnum = sqlEnum('ClaimSubjectKind', 'What kind of thing a claim is about.', [
  'region',
  'project',
  'energy_asset',
  'sector',
  'plan',
] as const);

export const Claim = builder.loadableNodeRef<ClaimRow, number>('Claim', {
  id: { resolve: (claim) => claim.id, parse: parseLocalId },
  load: nodeLoader(claims),
});

Claim.implement({
  description:
    'One reported figure: an indicator’s value for a subject, as a named speaker stated it in a published source. Sources disagree; every claim is kept and at most one per subject, indicator and period is preferred, with the reason.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable identifier, e.g. c006.' }),
    indicator: t.field({ type: Indicator, resolve: (c) => c.indicatorId }),
    source: t.field({ type: Source, resolve: (c) => c.sourceId }),
    region: t.field({
      type: Region,
      description: 'The region the figure applies to.',
      resolve: (c) => c.regionId,
    }),
    subjectKind: t.field({ type: SubjectKindEnum, resolve: (c) => c.subjectKind }),
    value: t.exposeFloat('value', {
      nullable: true,
      description:
        'The figure as reported (the lower bound of a range); null when the source gives none.',
    }),
    valueMax: t.exposeFloat('valueMax', {
      nullable: true,
      description: 'The upper bound of a range.',
    }),
    unit: t.exposeString('unit', { nullable: true, description: 'The unit as reported.' }),
    scale: t.exposeString('scale', {
      nullable: true,
      description: 'The scale words as reported, e.g. “billion toman”.',
    }),
    normalisedValue: t.exposeFloat('normalisedValue', {
      nullable: true,
      description:
        'The figure in the indicator’s unit (kW → MW, toman → rial); null when it cannot be converted.',
    }),
    normalisedValueMax: t.exposeFloat('normalisedValueMax', { nullable: true }),
    qualifier: t.field({ type: Qualifier, nullable: true, resolve: (c) => c.qualifier }),
    measure: t.field({ type: Measure, resolve: (c) => c.measure }),
    periodText: t.exposeString('periodText', {
      nullable: true,
      description: 'The period or as-of date in the source’s own words.',
    }),
    asOf: t.field({ type: LocalDate, nullable: true, resolve: (c) => localDate(c.asOf) }),
    periodStart: t.field({
      type: LocalDate,
      nullable: true,
      resolve: (c) => localDate(c.periodStart),
    }),
    periodEnd: t.field({ type: LocalDate, nullable: true, resolve: (c) => localDate(c.periodEnd) }),
    reportedStatus: t.field({
      type: ReportedStatus,
      nullable: true,
      resolve: (c) => c.reportedStatus,
    }),
    rating: t.field({
      type: Rating,
      nullable: true,
      description: 'For MW figures.',
      resolve: (c) => c.rating,
    }),
    speaker: t.string({
      nullable: true,
      args: { lang: t.arg({ type: LangEnum, required: false }) },
      resolve: (c, { lang }, ctx) => localised(ctx, lang, c.speakerFa, c.speakerEn),
    }),
    speakerFa: t.exposeString('speakerFa', { nullable: true }),
    speakerEn: t.exposeString('speakerEn', { nullable: true }),
    keyPhraseFa: t.exposeString('keyPhraseFa', {
      nullable: true,
      description: 'The phrase in the original Persian, as found (the copies lost their ZWNJs).',
    }),
    note: t.exposeString('noteEn', { nullable: true }),
    basis: t.field({ type: Basis, resolve: (c) => c.basis }),
    conflictGroup: t.exposeString('conflictGroup', {
      nullable: true,
      description: 'Names a set of claims that disagree or overlap (see the data notes).',
    }),
    preferred: t.boolean({
      description:
        'Whether this is the claim Ostan prefers among its alternatives; aggregates use preferred claims.',
      resolve: (c) => c.preferred === 1,
    }),
    preferredReason: t.exposeString('preferredReason', { nullable: true }),
    synthetic: t.boolean({ resolve: (c) => c.synthetic === 1 }),
  }),
});

builder.objectField(Claim, 'alternatives', (t) =>
  t.field({
    type: [Claim],
    description: 'The other claims about the same subject, indicator and period.',
    resolve: (c, _args, ctx) =>
      loaderFor<number, ClaimRow[]>(ctx, 'claim:alternatives', (ids) =>
        alternativesOfClaims(ctx.db, ids),
      ).load(c.id),
  }),
);

export const ClaimConnection = connectionType(Claim, 'ClaimConnection');

export interface ClaimFilterArgs {
  indicator?: string | null;
  preferredOnly?: boolean | null;
  conflictGroup?: string | null;
}

const MAX_SLUG = 120;

/** Turns the claims filter arguments into SQL, refusing unknown indicator slugs by name. */
async function claimFilter(ctx: Context, args: ClaimFilterArgs & { source?: string | null }) {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (args.indicator != null) {
    if (args.indicator.length > MAX_SLUG) throw badInput('indicator', '`indicator` is too long.');
    const indicator = await bySlug(ctx, indicators, 'Indicator', args.indicator);
    if (!indicator)
      throw badInput('indicator', `No indicator has the slug ${JSON.stringify(args.indicator)}.`);
    where.push('c.indicator_id = ?');
    params.push(indicator.id);
  }
  if (args.source != null) {
    if (args.source.length > MAX_SLUG) throw badInput('source', '`source` is too long.');
    const source = await bySlug(ctx, sources, 'Source', args.source);
    if (!source) throw badInput('source', `No source has the slug ${JSON.stringify(args.source)}.`);
    where.push('c.source_id = ?');
    params.push(source.id);
  }
  if (args.preferredOnly) where.push('c.preferred = 1');
  if (args.conflictGroup != null) {
    where.push('c.conflict_group = ?');
    params.push(args.conflictGroup);
  }
  return claims.list(where, params);
}

const claimFilterArgs = builder.args((t) => ({
  indicator: t.string({ required: false, description: 'Only claims of this indicator (slug).' }),
  preferredOnly: t.boolean({
    required: false,
    description: 'Only the preferred claim of each comparison.',
  }),
  conflictGroup: t.string({ required: false, description: 'Only claims of this conflict group.' }),
}));

/**
 * The `claims` connection of an entity: claims whose `column` is the entity's id (and, for
 * subjects, whose subject kind matches), batched across every parent in the page.
 */
export function resolveClaimsOf(
  parentId: number,
  column: 'c.subject_id' | 'c.source_id' | 'c.indicator_id',
  subjectKind: SubjectKind | null,
  args: PageArgs & ClaimFilterArgs,
  ctx: Context,
  info: GraphQLResolveInfo,
) {
  readWindow(args, claims.byIdOrdering);
  return loadChildPage<ClaimRow>(ctx, info, { ...args }, parentId, async (ids, withTotal) => {
    const source = await claimFilter(ctx, args);
    if (subjectKind) {
      source.where.unshift('c.subject_kind = ?');
      source.params.unshift(subjectKind);
    }
    return fetchChildPages<ClaimRow>(
      ctx.db,
      source,
      column,
      ids,
      claims.byIdOrdering,
      args,
      withTotal,
    );
  });
}

/** Adds a `claims` connection to an entity type. */
export function addClaimsField(
  // biome-ignore lint/suspicious/noExplicitAny: the ref of any loadable node type with a numeric id
  ref: any,
  column: 'c.subject_id' | 'c.source_id' | 'c.indicator_id',
  subjectKind: SubjectKind | null,
  description: string,
) {
  builder.objectField(ref, 'claims', (t) =>
    t.field({
      type: ClaimConnection,
      description,
      args: { ...t.arg.connectionArgs(), ...claimFilterArgs },
      resolve: (parent: { id: number }, args, ctx, info) =>
        resolveClaimsOf(parent.id, column, subjectKind, args, ctx, info),
    }),
  );
}

addClaimsField(Region, 'c.subject_id', 'region', 'Claims about this region itself.');
addClaimsField(Sector, 'c.subject_id', 'sector', 'Claims about this sector.');
addClaimsField(Source, 'c.source_id', null, 'The claims this source carries.');
addClaimsField(
  Indicator,
  'c.indicator_id',
  null,
  'Claims reporting this indicator, about any subject.',
);

builder.queryFields((t) => ({
  claim: t.field({
    type: Claim,
    nullable: true,
    description: 'A claim by slug; null when there is none.',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, ctx) => bySlug<ClaimRow>(ctx, claims, 'Claim', slug),
  }),
  claims: t.field({
    type: ClaimConnection,
    description: 'All claims, filtered.',
    args: {
      ...t.arg.connectionArgs(),
      ...claimFilterArgs,
      source: t.arg.string({
        required: false,
        description: 'Only claims from this source (slug).',
      }),
    },
    resolve: async (_root, args, ctx, info) =>
      fetchPage<ClaimRow>(
        ctx.db,
        await claimFilter(ctx, args),
        claims.byIdOrdering,
        args,
        wantsTotal(info),
      ),
  }),
}));
