/**
 * Claim writes: record a claim with its source, mark one preferred, bulk import, and the
 * corrections (withdraw, supersede); a claim is never edited in place.
 */

import * as z from 'zod/mini';
import type { Claim as ClaimRow } from '../db/claims';
import { supersedeClaim, withdrawClaim } from '../db/writes/claim-corrections';
import { type ClaimInput, markClaimPreferred, recordClaims } from '../db/writes/claims';
import type { Target } from '../db/writes/operations';
import { builder } from './builder';
import { Claim, Rating, SubjectKindEnum } from './claim';
import type { Context } from './context';
import { enumByName, idempotencyKeyArg, refRule } from './input-rules';
import { importInput, MAX_IMPORT_ROWS } from './project-writes';
import {
  createInput,
  type FieldSpec,
  field,
  inputFields,
  role,
  targetFields,
  writeOptions,
} from './write-inputs';
import { targetOf, write } from './writes';
import { lazyRule } from './zod';

const SOURCE_FIELDS: Record<string, FieldSpec> = {
  // existing sources may have any slug; a new one gets the strict form (checked when created)
  slug: field.ref(),
  // needed only to create a source: an existing one keeps its own
  kind: { type: enumByName<string>('SourceKind'), defaulted: true },
  publisher: { ...field.name, defaulted: true },
  titleEn: field.text(500),
  titleFa: field.text(500),
  url: { type: 'String', rule: lazyRule(() => z.url().check(z.maxLength(2000))) },
  language: { type: 'String', rule: lazyRule(() => z.enum(['fa', 'en'])), defaulted: true },
  publishedOn: field.date(),
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

const finite = lazyRule(() => z.number().check(z.minimum(-1e18), z.maximum(1e18)));
const figure: FieldSpec = { type: 'Float', rule: finite };

const CLAIM_FIELDS: Record<string, FieldSpec> = {
  slug: field.slug,
  source: { type: ClaimSourceInput },
  indicator: field.ref('Indicator slug.'),
  subject: { type: ClaimSubjectInput },
  region: {
    ...field.ref(
      'The region the figure applies to; defaults to the subject’s (required for sectors).',
    ),
    defaulted: true,
  },
  value: figure,
  valueMax: figure,
  unit: field.text(50),
  scale: field.text(50),
  normalisedValue: figure,
  normalisedValueMax: figure,
  qualifier: { type: enumByName<string>('Qualifier') },
  measure: { type: enumByName<string>('Measure') },
  periodText: field.text(200),
  asOf: field.date(),
  periodStart: field.date(),
  periodEnd: field.date(),
  reportedStatus: { type: enumByName<string>('ReportedStatus') },
  rating: { type: Rating },
  speakerFa: field.text(500),
  speakerEn: field.text(500),
  keyPhraseFa: field.text(1000),
  noteEn: field.text(2000),
  basis: { type: enumByName<string>('ClaimBasis'), defaultValue: 'body' },
  comparisonKey: { ...field.name, defaulted: true, description: 'Defaults to the slug.' },
  synthetic: { type: 'Boolean', defaultValue: false },
};

const RecordClaimInput = createInput('claim', 'RecordClaimInput', CLAIM_FIELDS, {
  description:
    'One reported figure. A claim alone in its comparison group (indicator, subject, comparisonKey) becomes the preferred one.',
  validate: lazyRule(() =>
    z.looseObject({ value: z.nullish(z.number()), valueMax: z.nullish(z.number()) }).check(
      z.refine((c) => c.valueMax == null || (c.value != null && c.valueMax >= c.value), {
        message: 'valueMax needs a value and must not be below it.',
        path: ['valueMax'],
      }),
    ),
  ),
});

/** `{ id, version, reason }` of a claim and why it is changed, and for a supersede the new claim. */
function reasonedInput(name: string, description: string, replacement = false) {
  return builder.inputType(name, {
    fields: (t) => ({
      ...targetFields(t, 'claim'),
      reason: t.string({
        required: true,
        validate: lazyRule(() =>
          z
            .string()
            .check(
              z.trim(),
              z.minLength(1, 'Must not be empty.'),
              z.maxLength(500, 'At most 500 characters.'),
            ),
        ),
        description,
        ...role('reason'),
      }),
      ...(replacement
        ? {
            claim: t.field({
              type: RecordClaimInput,
              required: true,
              description: 'The claim that replaces it (it points at the old one).',
            }),
          }
        : {}),
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
const SupersedeClaimInput = reasonedInput(
  'SupersedeClaimInput',
  'Why the claim is replaced; readable by everyone with the old claim.',
  true,
);

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
  const resolve = async (
    _root: unknown,
    // the input type's own fields (GraphQL has checked them): read as ClaimWriteInput
    args: { input?: unknown; idempotencyKey?: string | null },
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
  return Object.assign(resolve, { operation });
}

const target = (input: ClaimWriteInput): Target => targetOf(input, 'claim');

/** A mutation that writes and returns one claim. */
function claimMutation(
  // biome-ignore lint/suspicious/noExplicitAny: any input ref
  input: any,
  description: string,
  resolve: ReturnType<typeof claimWrite>,
) {
  return builder.mutationField(resolve.operation, (t) =>
    t.field({
      ...writeOptions(resolve.operation, Claim, 'claim', 'write:claims'),
      description,
      args: { input: t.arg({ type: input, required: true }), ...idempotencyKeyArg() },
      resolve,
    }),
  );
}

claimMutation(
  RecordClaimInput,
  'Records a claim, creating its source if the slug is new. Needs `write:claims`.',
  claimWrite(
    'recordClaim',
    (input) => (batch, writer) =>
      recordClaims(writer, batch, [input as unknown as ClaimInput], () => ['input']),
  ),
);
claimMutation(
  MarkClaimPreferredInput,
  'Makes a claim the preferred one among its alternatives, with the reason; the claim preferred until now stops being so. Both must be in regions the key may write.',
  claimWrite(
    'markClaimPreferred',
    (input) => (batch, writer) =>
      markClaimPreferred(writer, batch, target(input), input.reason).then((id) => [id]),
  ),
);
claimMutation(
  WithdrawClaimInput,
  'Withdraws a claim with the reason. It stays readable (status, reason, when, by whom), stops being preferred, and its group’s preferred claim is chosen again.',
  claimWrite(
    'withdrawClaim',
    (input) => (batch, writer) =>
      withdrawClaim(writer, batch, target(input), input.reason).then((id) => [id]),
  ),
);
claimMutation(
  SupersedeClaimInput,
  'Replaces a claim with a new one that points at it (returned); the old claim stays readable as superseded.',
  claimWrite(
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
);

builder.mutationFields((t) => ({
  importClaims: t.field({
    ...writeOptions('importClaims', Claim, 'claim', 'write:claims', true),
    description: `Records up to ${MAX_IMPORT_ROWS} claims, all or none; a refusal lists every bad row.`,
    args: {
      input: t.arg({
        type: importInput('ImportClaimsInput', RecordClaimInput, 'claims'),
        required: true,
      }),
      ...idempotencyKeyArg(),
    },
    resolve: async (_root, { input, idempotencyKey }, ctx) => ({
      data: await write<ClaimRow>(
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
  }),
}));
