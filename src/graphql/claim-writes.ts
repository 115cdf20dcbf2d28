/**
 * Claim writes: record a claim with its source, mark one preferred, bulk import, and the
 * corrections (withdraw, supersede); a claim is never edited in place.
 */
import { z } from 'zod';
import type { Claim as ClaimRow } from '../db/claims';
import { supersedeClaim, withdrawClaim } from '../db/writes/claim-corrections';
import { type ClaimInput, markClaimPreferred, recordClaims } from '../db/writes/claims';
import type { Target } from '../db/writes/operations';
import { builder } from './builder';
import { Claim, Rating, SubjectKindEnum } from './claim';
import type { Context } from './context';
import {
  enumByName,
  idempotencyKeyArg,
  isoDateRule,
  nameRule,
  refRule,
  slugRule,
  textRule,
} from './input-rules';
import { importInput, MAX_IMPORT_ROWS } from './project-writes';
import {
  createInput,
  type FieldSpec,
  inputFields,
  role,
  targetFields,
  writeOptions,
} from './write-inputs';
import { targetOf, write } from './writes';

const SOURCE_FIELDS: Record<string, FieldSpec> = {
  // existing sources may have any slug; a new one gets the strict form (checked when created)
  slug: { type: 'String', rule: refRule },
  // needed only to create a source: an existing one keeps its own
  kind: { type: enumByName<string>('SourceKind'), defaulted: true },
  publisher: { type: 'String', rule: nameRule, defaulted: true },
  titleEn: { type: 'String', rule: textRule(500) },
  titleFa: { type: 'String', rule: textRule(500) },
  url: { type: 'String', rule: z.url().max(2000) },
  language: { type: 'String', rule: z.enum(['fa', 'en']), defaulted: true },
  publishedOn: { type: 'String', rule: isoDateRule },
};

const ClaimSourceInput = builder.inputType('ClaimSourceInput', {
  description:
    'The source of a claim by slug. When no source has the slug, it is created from the other fields (kind, publisher and language are then required).',
  fields: (t) => inputFields(t, 'source', SOURCE_FIELDS, (field) => field === 'slug'),
});

const ClaimSubjectInput = builder.inputType('ClaimSubjectInput', {
  fields: (t) => ({
    kind: t.field({ type: SubjectKindEnum, required: true, ...role('subject', 'claim') }),
    slug: t.string({ required: true, validate: refRule, ...role('subject', 'claim') }),
  }),
});

const finite = z.number().finite().min(-1e18).max(1e18);
const text = (max: number): FieldSpec => ({ type: 'String', rule: textRule(max) });

const CLAIM_FIELDS: Record<string, FieldSpec> = {
  slug: { type: 'String', rule: slugRule },
  source: { type: ClaimSourceInput },
  indicator: { type: 'String', rule: refRule, description: 'Indicator slug.' },
  subject: { type: ClaimSubjectInput },
  region: {
    type: 'String',
    rule: refRule,
    defaulted: true,
    description:
      'The region the figure applies to; defaults to the subject’s (required for sectors).',
  },
  value: { type: 'Float', rule: finite },
  valueMax: { type: 'Float', rule: finite },
  unit: text(50),
  scale: text(50),
  normalisedValue: { type: 'Float', rule: finite },
  normalisedValueMax: { type: 'Float', rule: finite },
  qualifier: { type: enumByName<string>('Qualifier') },
  measure: { type: enumByName<string>('Measure') },
  periodText: text(200),
  asOf: { type: 'String', rule: isoDateRule },
  periodStart: { type: 'String', rule: isoDateRule },
  periodEnd: { type: 'String', rule: isoDateRule },
  reportedStatus: { type: enumByName<string>('ReportedStatus') },
  rating: { type: Rating },
  speakerFa: text(500),
  speakerEn: text(500),
  keyPhraseFa: text(1000),
  noteEn: text(2000),
  basis: { type: enumByName<string>('ClaimBasis'), defaultValue: 'body' },
  comparisonKey: {
    type: 'String',
    rule: nameRule,
    defaulted: true,
    description: 'Defaults to the slug.',
  },
  synthetic: { type: 'Boolean', defaultValue: false },
};

const RecordClaimInput = createInput('claim', 'RecordClaimInput', CLAIM_FIELDS, {
  description:
    'One reported figure. A claim alone in its comparison group (indicator, subject, comparisonKey) becomes the preferred one.',
  validate: z
    .looseObject({ value: z.number().nullish(), valueMax: z.number().nullish() })
    .refine((c) => c.valueMax == null || (c.value != null && c.valueMax >= c.value), {
      message: 'valueMax needs a value and must not be below it.',
      path: ['valueMax'],
    }),
});

/** `{ id, version, reason }`: a claim and why it is changed. */
function reasonedInput(name: string, description: string) {
  return builder.inputType(name, {
    fields: (t) => ({
      ...targetFields(t, 'claim'),
      reason: t.string({
        required: true,
        validate: nameRule.max(500),
        description,
        ...role('reason'),
      }),
    }),
  });
}

const MarkClaimPreferredInput = reasonedInput(
  'MarkClaimPreferredInput',
  'Why this figure is preferred.',
);
const WithdrawClaimInput = reasonedInput(
  'WithdrawClaimInput',
  'Why the claim is withdrawn; readable by everyone with the claim.',
);
const SupersedeClaimInput = builder.inputType('SupersedeClaimInput', {
  fields: (t) => ({
    ...targetFields(t, 'claim'),
    reason: t.string({
      required: true,
      validate: nameRule.max(500),
      description: 'Why the claim is replaced; readable by everyone with the old claim.',
      ...role('reason'),
    }),
    claim: t.field({
      type: RecordClaimInput,
      required: true,
      description: 'The claim that replaces it (it points at the old one).',
    }),
  }),
});

/** The input of a claim write: the fields each mutation's input type gives. */
interface ClaimWriteInput {
  id: string;
  version: number;
  reason: string;
  claim?: unknown;
}

/** A resolver of a claim write: the write, then the claim it returns. */
function claimWrite(
  operation: string,
  build: (input: ClaimWriteInput) => Parameters<typeof write>[2],
) {
  return async (
    _root: unknown,
    args: { input: Record<string, unknown>; idempotencyKey?: string | null },
    ctx: Context,
  ) => {
    const { input, idempotencyKey } = args;
    const [row] = await write<ClaimRow>(
      ctx,
      { operation, kind: 'claim', input, idempotencyKey },
      build(input as unknown as ClaimWriteInput),
    );
    return row as ClaimRow;
  };
}

const target = (input: ClaimWriteInput): Target => targetOf(input, 'claim');
const options = writeOptions('claim', 'write:claims');

builder.mutationFields((t) => ({
  recordClaim: t.field({
    type: Claim,
    ...options,
    description: 'Records a claim, creating its source if the slug is new. Needs `write:claims`.',
    args: { input: t.arg({ type: RecordClaimInput, required: true }), ...idempotencyKeyArg() },
    resolve: claimWrite(
      'recordClaim',
      (input) => (batch, writer) =>
        recordClaims(writer, batch, [input as unknown as ClaimInput], () => ['input']),
    ),
  }),
  markClaimPreferred: t.field({
    type: Claim,
    ...options,
    description:
      'Makes a claim the preferred one among its alternatives, with the reason; the claim preferred until now stops being so. Both must be in regions the key may write.',
    args: {
      input: t.arg({ type: MarkClaimPreferredInput, required: true }),
      ...idempotencyKeyArg(),
    },
    resolve: claimWrite(
      'markClaimPreferred',
      (input) => (batch, writer) =>
        markClaimPreferred(writer, batch, target(input), input.reason).then((id) => [id]),
    ),
  }),
  withdrawClaim: t.field({
    type: Claim,
    ...options,
    description:
      'Withdraws a claim with the reason. It stays readable (status, reason, when, by whom), stops being preferred, and its group’s preferred claim is chosen again.',
    args: { input: t.arg({ type: WithdrawClaimInput, required: true }), ...idempotencyKeyArg() },
    resolve: claimWrite(
      'withdrawClaim',
      (input) => (batch, writer) =>
        withdrawClaim(writer, batch, target(input), input.reason).then((id) => [id]),
    ),
  }),
  supersedeClaim: t.field({
    type: Claim,
    ...options,
    description:
      'Replaces a claim with a new one that points at it (returned); the old claim stays readable as superseded.',
    args: { input: t.arg({ type: SupersedeClaimInput, required: true }), ...idempotencyKeyArg() },
    resolve: claimWrite(
      'supersedeClaim',
      (input) => (batch, writer) =>
        supersedeClaim(
          writer,
          batch,
          target(input),
          input.reason,
          input.claim as unknown as ClaimInput,
          ['input', 'claim'],
        ).then((id) => [id]),
    ),
  }),
  importClaims: t.field({
    type: [Claim],
    ...writeOptions('claim', 'write:claims', true),
    description: `Records up to ${MAX_IMPORT_ROWS} claims, all or none; a refusal lists every bad row.`,
    args: {
      input: t.arg({
        type: importInput('ImportClaimsInput', RecordClaimInput, 'claims'),
        required: true,
      }),
      ...idempotencyKeyArg(),
    },
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
