/** Claim: one reported figure with its source, and the claims lists every entity offers. */

import type { ParentLink } from '../db/child-pages';
import {
  CLAIM_ORDER_COLUMNS,
  CLAIM_SUBJECT,
  type ClaimFilter as ClaimFilterValue,
  type Claim as ClaimRow,
  claimList,
  claims,
  type SubjectKind,
} from '../db/claims';
import { CODES } from '../db/codes';
import { InputError } from '../lib/errors';
import { decodeGlobalId } from '../lib/global-id';
import { builder } from './builder';
import { codeEnum, LangEnum } from './enums';
import { Indicator } from './indicator';
import { listArgs } from './list-args';
import {
  connectionType,
  entityNode,
  NESTED_PAGES,
  resolveChildList,
  resolveList,
  WALKED_PAGES,
} from './lists';
import { reference } from './references';
import { Region } from './region';
import { DateRange, LocalDate, localDate } from './scalars';
import { Sector } from './sector';
import { Source } from './source';
import { localised, orNull } from './text';

export const Rating = codeEnum(CODES.ratings);
export const Qualifier = codeEnum(CODES.qualifiers);
const Measure = codeEnum(CODES.measures);
const ReportedStatus = codeEnum(CODES.reportedStatuses);
const Basis = codeEnum(CODES.claimBases);
export const SubjectKindEnum = codeEnum(CODES.subjectKinds);

export const Claim = entityNode<ClaimRow>('Claim', claims, 'A claim');

Claim.implement({
  description:
    'One reported figure: an indicator’s value for a subject, as a named speaker stated it in a published source. Sources disagree; every claim is kept and at most one per subject, indicator and period is preferred, with the reason.',
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable identifier, e.g. c006.' }),
    indicator: t.field({
      type: Indicator,
      ...reference(Indicator, (c: ClaimRow) => c.indicatorId),
    }),
    source: t.field({ type: Source, ...reference(Source, (c: ClaimRow) => c.sourceId) }),
    region: t.field({
      type: Region,
      description: 'The region the figure applies to.',
      ...reference(Region, (c: ClaimRow) => c.regionId),
    }),
    subjectKind: t.field({ type: SubjectKindEnum, resolve: (c) => c.subjectKind }),
    value: t.exposeFloat(
      'value',
      orNull(
        'The figure as reported (the lower bound of a range); null when the source gives none.',
      ),
    ),
    valueMax: t.exposeFloat('valueMax', orNull('The upper bound of a range.')),
    unit: t.exposeString('unit', { nullable: true, description: 'The unit as reported.' }),
    scale: t.exposeString('scale', orNull('The scale words as reported, e.g. “billion toman”.')),
    normalisedValue: t.exposeFloat(
      'normalisedValue',
      orNull(
        'The figure in the indicator’s unit (kW → MW, toman → rial); null when it cannot be converted.',
      ),
    ),
    normalisedValueMax: t.exposeFloat('normalisedValueMax', { nullable: true }),
    qualifier: t.field({ type: Qualifier, nullable: true, resolve: (c) => c.qualifier }),
    measure: t.field({ type: Measure, resolve: (c) => c.measure }),
    periodText: t.exposeString(
      'periodText',
      orNull('The period or as-of date in the source’s own words.'),
    ),
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
    keyPhraseFa: t.exposeString(
      'keyPhraseFa',
      orNull('The phrase in the original Persian, as found (the copies lost their ZWNJs).'),
    ),
    note: t.exposeString('noteEn', { nullable: true }),
    basis: t.field({ type: Basis, resolve: (c) => c.basis }),
    conflictGroup: t.exposeString(
      'conflictGroup',
      orNull('Names a set of claims that disagree or overlap (see the data notes).'),
    ),
    preferred: t.boolean({
      description:
        'Whether this is the claim Ostan prefers among its alternatives; aggregates use preferred claims.',
      resolve: (c) => c.preferred === 1,
    }),
    preferredReason: t.exposeString('preferredReason', { nullable: true }),
    synthetic: t.boolean({ resolve: (c) => c.synthetic === 1 }),
  }),
});

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
    withRelated: t.boolean({
      required: false,
      description:
        'With `indicator`: also the claims linked to that indicator’s claims by a conflict group or a quantity, whatever indicator or scope they are filed under.',
    }),
    synthetic: t.boolean({ required: false }),
  }),
});

type ClaimFilterArgs = typeof ClaimFilter.$inferInput;

/** Typenames of the global IDs a claim's subject may have. */
const SUBJECT_TYPES: Record<string, SubjectKind> = {
  Region: 'region',
  Project: 'project',
  EnergyAsset: 'energy_asset',
  Sector: 'sector',
  Plan: 'plan',
};

/** The filter input as the data layer takes it: the subject's global ID decoded. */
function claimFilter(filter: ClaimFilterArgs | null | undefined): ClaimFilterValue | null {
  if (!filter) return null;
  let subject: ClaimFilterValue['subject'] = null;
  if (filter.subject != null) {
    const { typename, id } = decodeGlobalId(String(filter.subject));
    const kind = SUBJECT_TYPES[typename];
    if (!kind) throw new InputError('subject', `A ${typename} cannot be the subject of a claim.`);
    subject = { kind, id: Number(id) };
  }
  return { ...filter, subject };
}

const claimListArgs = listArgs('Claim', {
  filter: ClaimFilter,
  columns: CLAIM_ORDER_COLUMNS,
  byName: false,
  descriptions: { VALUE: 'The normalised value.' },
});

/** Adds a `claims` connection to an entity type, batched across every parent in the page. */
export function addClaimsField(
  // biome-ignore lint/suspicious/noExplicitAny: the ref of any loadable node type with a numeric id
  ref: any,
  column: 'c.subject_id' | 'c.source_id' | 'c.indicator_id',
  subjectKind: SubjectKind | null,
  description: string,
) {
  const only = subjectKind
    ? { where: ['c.subject_kind = ?'], params: [subjectKind] }
    : { where: [], params: [] };
  const parent: ParentLink = column === 'c.subject_id' ? CLAIM_SUBJECT : column;
  builder.objectField(ref, 'claims', (t) =>
    t.field({
      type: ClaimConnection,
      description: `${description} ${NESTED_PAGES}`,
      args: { ...t.arg.connectionArgs(), ...claimListArgs },
      resolve: (row: { id: number }, { filter, ...args }, ctx, info) =>
        resolveChildList(
          ctx,
          claimList,
          { ...args, filter: claimFilter(filter) },
          info,
          parent,
          row.id,
          only,
        ),
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

builder.queryField('claims', (t) =>
  t.field({
    type: ClaimConnection,
    description: `Claims, filtered and sorted, in keyset pages. ${WALKED_PAGES}`,
    args: { ...t.arg.connectionArgs(), ...claimListArgs },
    resolve: (_root, { filter, ...args }, ctx, info) =>
      resolveList(ctx, claimList, { ...args, filter: claimFilter(filter) }, info),
  }),
);
