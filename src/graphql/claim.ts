/** Claim: one reported figure with its source, and the claims lists every entity offers. */
import { builder } from '../builder';
import { type Context, loaderFor } from '../context';
import {
  alternativesOfClaims,
  type Claim as ClaimRow,
  claims,
  type SubjectKind,
} from '../db/claims';
import { indicators } from '../db/indicators';
import {
  buildOrdering,
  fetchChildPages,
  fetchPage,
  type Ordering,
  readWindow,
} from '../db/pagination';
import { sources } from '../db/sources';
import type { Table } from '../db/table';
import { decodeGlobalId } from '../lib/global-id';
import {
  addSlugQuery,
  badInput,
  bySlug,
  Conditions,
  connectionType,
  DateRange,
  LangEnum,
  LocalDate,
  loadChildPage,
  localDate,
  localised,
  nodeLoader,
  OrderDirection,
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

export const ClaimFilter = builder.inputType('ClaimFilter', {
  description: 'Conditions a claim must all meet.',
  fields: (t) => ({
    indicator: t.string({ required: false, description: 'Indicator slug.' }),
    subject: t.id({
      required: false,
      description: 'Global ID of the region, project, plant, sector or plan.',
    }),
    source: t.string({ required: false, description: 'Source slug.' }),
    asOf: t.field({
      type: DateRange,
      required: false,
      description: 'The date the figure refers to.',
    }),
    measure: t.field({ type: [Measure], required: false }),
    preferredOnly: t.boolean({
      required: false,
      description: 'Only the preferred claim of each comparison.',
    }),
    conflictGroup: t.string({ required: false }),
    synthetic: t.boolean({ required: false }),
  }),
});

const ClaimOrderField = builder.enumType('ClaimOrderField', {
  values: { ID: {}, AS_OF: {}, VALUE: { description: 'The normalised value.' } } as const,
});

export const ClaimOrder = builder.inputType('ClaimOrder', {
  description: 'Sort order; ties are broken by id, and unknown (null) values come last.',
  fields: (t) => ({
    field: t.field({ type: ClaimOrderField, required: true }),
    direction: t.field({ type: OrderDirection, required: false, defaultValue: 'asc' }),
  }),
});

type ClaimFilterArgs = typeof ClaimFilter.$inferInput;
type ClaimOrderArgs = typeof ClaimOrder.$inferInput;

const ORDER_COLUMNS: Record<string, [string, string]> = {
  AS_OF: ['c.as_of', 'asOf'],
  VALUE: ['c.normalised_value', 'normalisedValue'],
};

export function claimOrdering(order: ClaimOrderArgs | null | undefined): Ordering {
  return buildOrdering('c', ORDER_COLUMNS, order, 'fa');
}

const SUBJECT_KINDS: Record<string, SubjectKind> = {
  Region: 'region',
  Project: 'project',
  EnergyAsset: 'energy_asset',
  Sector: 'sector',
  Plan: 'plan',
};

const MAX_SLUG = 200;

/** The SQL conditions of a ClaimFilter, refusing unknown slugs and IDs by name. */
export async function claimConditions(ctx: Context, filter: ClaimFilterArgs | null | undefined) {
  const conditions = new Conditions();
  if (!filter) return conditions;
  for (const [argument, table, name] of [
    ['indicator', indicators, 'Indicator'],
    ['source', sources, 'Source'],
  ] as const) {
    const slug = filter[argument];
    if (slug == null) continue;
    if (slug.length > MAX_SLUG) throw badInput(argument, `\`${argument}\` is too long.`);
    const row = await bySlug<{ id: number; slug: string }>(
      ctx,
      table as Table<{ id: number; slug: string }>,
      name,
      slug,
    );
    if (!row) throw badInput(argument, `No ${argument} has the slug ${JSON.stringify(slug)}.`);
    conditions.add(`c.${argument}_id = ?`, row.id);
  }
  if (filter.subject != null) {
    const { typename, id } = decodeGlobalId(String(filter.subject));
    const kind = SUBJECT_KINDS[typename];
    if (!kind) throw badInput('subject', `A ${typename} cannot be the subject of a claim.`);
    conditions.add('c.subject_kind = ?', kind).add('c.subject_id = ?', Number(id));
  }
  conditions.dates('c.as_of', 'asOf', filter.asOf).oneOf('c.measure', filter.measure);
  if (filter.preferredOnly) conditions.add('c.preferred = 1');
  if (filter.conflictGroup != null)
    conditions.add('c.conflict_group = ?', filter.conflictGroup.slice(0, MAX_SLUG));
  if (filter.synthetic != null) conditions.add('c.synthetic = ?', filter.synthetic ? 1 : 0);
  return conditions;
}

const claimListArgs = builder.args((t) => ({
  filter: t.field({ type: ClaimFilter, required: false }),
  orderBy: t.field({ type: ClaimOrder, required: false }),
}));

/** Adds a `claims` connection to an entity type, batched across every parent in the page. */
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
      args: { ...t.arg.connectionArgs(), ...claimListArgs },
      resolve: (parent: { id: number }, args, ctx, info) => {
        const ordering = claimOrdering(args.orderBy);
        readWindow(args, ordering);
        return loadChildPage<ClaimRow>(ctx, info, args, parent.id, async (ids, withTotal) => {
          const conditions = await claimConditions(ctx, args.filter);
          if (subjectKind) conditions.add('c.subject_kind = ?', subjectKind);
          return fetchChildPages<ClaimRow>(
            ctx.db,
            claims.list(conditions.where, conditions.params),
            column,
            ids,
            ordering,
            args,
            withTotal,
          );
        });
      },
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
  claims: t.field({
    type: ClaimConnection,
    description: 'Claims, filtered and sorted, in keyset pages.',
    args: { ...t.arg.connectionArgs(), ...claimListArgs },
    resolve: async (_root, args, ctx, info) => {
      const ordering = claimOrdering(args.orderBy);
      readWindow(args, ordering);
      const conditions = await claimConditions(ctx, args.filter);
      return fetchPage<ClaimRow>(
        ctx.db,
        claims.list(conditions.where, conditions.params),
        ordering,
        args,
        wantsTotal(info),
      );
    },
  }),
}));

addSlugQuery<ClaimRow>('claim', Claim, claims, 'A claim');
