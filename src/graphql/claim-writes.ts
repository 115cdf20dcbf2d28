/** Claim writes: record a claim with its source, mark one preferred, and bulk import. */
import { z } from 'zod';
import type { Claim as ClaimRow } from '../db/claims';
import { type ClaimInput, markClaimPreferred, recordClaims } from '../db/writes/claims';
import { builder } from './builder';
import { Claim, Rating, SubjectKindEnum } from './claim';
import {
  enumByName,
  idempotencyKeyArg,
  isoDateRule,
  nameRule,
  refRule,
  slugRule,
  textRule,
  versionRule,
} from './input-rules';
import { MAX_IMPORT_ROWS } from './project-writes';
import { LIST_WRITE_ERRORS, localId, WRITE_ERRORS, write } from './writes';

const ClaimSourceInput = builder.inputType('ClaimSourceInput', {
  description:
    'The source of a claim by slug. When no source has the slug, it is created from the other fields (kind, publisher and language are then required).',
  fields: (t) => ({
    // existing sources may have any slug; a new one gets the strict form (checked when created)
    slug: t.string({ required: true, validate: refRule }),
    kind: t.field({ type: enumByName<string>('SourceKind'), required: false }),
    publisher: t.string({ required: false, validate: nameRule }),
    titleEn: t.string({ required: false, validate: textRule(500) }),
    titleFa: t.string({ required: false, validate: textRule(500) }),
    url: t.string({ required: false, validate: z.url().max(2000) }),
    language: t.string({ required: false, validate: z.enum(['fa', 'en']) }),
    publishedOn: t.string({ required: false, validate: isoDateRule }),
  }),
});

const ClaimSubjectInput = builder.inputType('ClaimSubjectInput', {
  fields: (t) => ({
    kind: t.field({ type: SubjectKindEnum, required: true }),
    slug: t.string({ required: true, validate: refRule }),
  }),
});

const finite = z.number().finite().min(-1e18).max(1e18);

const RecordClaimInput = builder.inputType('RecordClaimInput', {
  description:
    'One reported figure. A claim alone in its comparison group (indicator, subject, comparisonKey) becomes the preferred one.',
  fields: (t) => ({
    slug: t.string({ required: true, validate: slugRule }),
    source: t.field({ type: ClaimSourceInput, required: true }),
    indicator: t.string({ required: true, validate: refRule, description: 'Indicator slug.' }),
    subject: t.field({ type: ClaimSubjectInput, required: true }),
    region: t.string({
      required: false,
      validate: refRule,
      description:
        'The region the figure applies to; defaults to the subject’s (required for sectors).',
    }),
    value: t.float({ required: false, validate: finite }),
    valueMax: t.float({ required: false, validate: finite }),
    unit: t.string({ required: false, validate: textRule(50) }),
    scale: t.string({ required: false, validate: textRule(50) }),
    normalisedValue: t.float({ required: false, validate: finite }),
    normalisedValueMax: t.float({ required: false, validate: finite }),
    qualifier: t.field({ type: enumByName<string>('Qualifier'), required: false }),
    measure: t.field({ type: enumByName<string>('Measure'), required: true }),
    periodText: t.string({ required: false, validate: textRule(200) }),
    asOf: t.string({ required: false, validate: isoDateRule }),
    periodStart: t.string({ required: false, validate: isoDateRule }),
    periodEnd: t.string({ required: false, validate: isoDateRule }),
    reportedStatus: t.field({ type: enumByName<string>('ReportedStatus'), required: false }),
    rating: t.field({ type: Rating, required: false }),
    speakerFa: t.string({ required: false, validate: textRule(500) }),
    speakerEn: t.string({ required: false, validate: textRule(500) }),
    keyPhraseFa: t.string({ required: false, validate: textRule(1000) }),
    noteEn: t.string({ required: false, validate: textRule(2000) }),
    basis: t.field({
      type: enumByName<string>('ClaimBasis'),
      required: false,
      defaultValue: 'body',
    }),
    comparisonKey: t.string({
      required: false,
      validate: textRule(200),
      description: 'Defaults to the slug.',
    }),
    synthetic: t.boolean({ required: false, defaultValue: false }),
  }),
  validate: z
    .looseObject({ value: z.number().nullish(), valueMax: z.number().nullish() })
    .refine((c) => c.valueMax == null || (c.value != null && c.valueMax >= c.value), {
      message: 'valueMax needs a value and must not be below it.',
      path: ['valueMax'],
    }),
});

const MarkClaimPreferredInput = builder.inputType('MarkClaimPreferredInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true, validate: versionRule }),
    reason: t.string({
      required: true,
      validate: nameRule.max(500),
      description: 'Why this figure is preferred.',
    }),
  }),
});

const ImportClaimsInput = builder.inputType('ImportClaimsInput', {
  fields: (t) => ({
    rows: t.field({
      type: [RecordClaimInput],
      required: true,
      description: `1–${MAX_IMPORT_ROWS} claims, recorded all together or not at all.`,
      validate: z
        .array(z.unknown())
        .min(1)
        .max(MAX_IMPORT_ROWS, `At most ${MAX_IMPORT_ROWS} rows per call.`),
    }),
  }),
});

const scope = { scope: 'write:claims' } as const;

builder.mutationFields((t) => ({
  recordClaim: t.field({
    type: Claim,
    errors: WRITE_ERRORS,
    authScopes: scope,
    description: 'Records a claim, creating its source if the slug is new. Needs `write:claims`.',
    args: { input: t.arg({ type: RecordClaimInput, required: true }), ...idempotencyKeyArg() },
    resolve: async (_root, { input, idempotencyKey }, ctx) => {
      const [row] = await write<ClaimRow>(
        ctx,
        { operation: 'recordClaim', kind: 'claim', input, idempotencyKey },
        (batch, writer) =>
          recordClaims(writer, batch, [input as unknown as ClaimInput], () => ['input']),
      );
      return row as ClaimRow;
    },
  }),
  markClaimPreferred: t.field({
    type: Claim,
    errors: WRITE_ERRORS,
    authScopes: scope,
    description:
      'Makes a claim the preferred one among its alternatives, with the reason; the claim preferred until now stops being so.',
    args: {
      input: t.arg({ type: MarkClaimPreferredInput, required: true }),
      ...idempotencyKeyArg(),
    },
    resolve: async (_root, { input, idempotencyKey }, ctx) => {
      const id = localId(String(input.id), 'Claim', ['input', 'id']);
      const [row] = await write<ClaimRow>(
        ctx,
        { operation: 'markClaimPreferred', kind: 'claim', input, idempotencyKey },
        (batch, writer) =>
          markClaimPreferred(writer, batch, id, input.version, input.reason, ['input']).then(
            (n) => [n],
          ),
      );
      return row as ClaimRow;
    },
  }),
  importClaims: t.field({
    type: [Claim],
    errors: LIST_WRITE_ERRORS,
    authScopes: scope,
    description: `Records up to ${MAX_IMPORT_ROWS} claims, all or none; a refusal lists every bad row.`,
    args: { input: t.arg({ type: ImportClaimsInput, required: true }), ...idempotencyKeyArg() },
    resolve: (_root, { input, idempotencyKey }, ctx) =>
      write<ClaimRow>(
        ctx,
        { operation: 'importClaims', kind: 'claim', input, idempotencyKey },
        (batch, writer) =>
          recordClaims(writer, batch, input.rows as unknown as ClaimInput[], (i) => [
            'input',
            'rows',
            String(i),
          ]),
      ),
  }),
}));
