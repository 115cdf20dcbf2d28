import type { ObjectRef, UnionRef } from '@pothos/core';
import { versionsOf } from '../db/entities';
import type { EntityKind } from '../db/entity';
import type { WriteBatch } from '../db/writes/batch';
import { runWrite, type WriteResult } from '../db/writes/engine';
import {
  ConflictError,
  ForbiddenError,
  type Issue,
  NotFoundError,
  ValidationError,
} from '../db/writes/errors';
import {
  createRows,
  deleteRow,
  type PartnerWriter,
  type Target,
  updateRow,
} from '../db/writes/operations';
import type { InputFields } from '../db/writes/rows';
import { camelRow } from '../db/writes/rows-json';
import { decodeGlobalId, encodeGlobalId } from '../lib/global-id';
import { builder, type PothosTypes } from './builder';
import { Claim } from './claim';
import { type Context, loadBatched } from './context';
import { EnergyAsset } from './energy-asset';
import { keyRefusal, type ResultUnionExtensions, refusalTypename } from './guards';
import { Plan, PlanTarget } from './plan';
import { Project } from './project';
import { Source } from './source';
import { TYPENAMES } from './typenames';

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'A refused write. Nothing was written.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

const IssueType = builder.objectRef<Issue>('ValidationIssue').implement({
  description: 'One broken rule: where, what, and a stable code.',
  fields: (t) => ({
    path: t.exposeStringList('path', {
      description: 'From the argument down, e.g. ["input", "rows", "17", "directJobs"].',
    }),
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
});

const ValidationErrorType = builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input breaks a rule; every issue is listed.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ issues: t.field({ type: [IssueType], resolve: (e) => e.issues }) }),
});

const ForbiddenReason = builder.enumType('ForbiddenReason', {
  values: ['NO_KEY', 'INVALID_KEY', 'REVOKED_KEY', 'SCOPE', 'REGION'] as const,
});

const ForbiddenErrorType = builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description:
    'The key is missing, invalid or revoked, lacks the scope, or may not write the region.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    reason: t.field({ type: ForbiddenReason, resolve: (e) => e.reason }),
    path: t.exposeStringList('path', {
      nullable: true,
      description:
        'For REGION: the input field naming a row (or a region) the key may not write, e.g. ["input", "parent"].',
    }),
  }),
});

const NotFoundErrorType = builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The object the write names does not exist.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ path: t.exposeStringList('path') }),
});

const ConflictErrorType = builder.objectType(ConflictError, {
  name: 'ConflictError',
  description:
    'Someone else wrote first. Read the object again, reapply the change, send its current version.',
  interfaces: [ErrorInterface],
  fields: (t) => ({ currentVersion: t.exposeInt('currentVersion', { nullable: true }) }),
});

type Types = PothosSchemaTypes.ExtendDefaultTypes<PothosTypes>;

/** The refusals a result union may hold: each class a resolver throws, with its GraphQL type. */
const REFUSALS = {
  ValidationError: [ValidationError, ValidationErrorType],
  ForbiddenError: [ForbiddenError, ForbiddenErrorType],
  NotFoundError: [NotFoundError, NotFoundErrorType],
  ConflictError: [ConflictError, ConflictErrorType],
} as const;

export type RefusalName = keyof typeof REFUSALS;

/** What every write answers as a typed result rather than as an error. */
export const WRITE_REFUSALS: readonly RefusalName[] = [
  'ValidationError',
  'ForbiddenError',
  'NotFoundError',
  'ConflictError',
];

/**
 * `<base>Result`, the result union of a field (`base` is its type and field, e.g.
 * `MutationCreateProject`): the object the field returns, or one of `refusals` as a typed result
 * (src/graphql/guards.ts answers a thrown refusal of the union's as its value). The union holds
 * the object itself (`... on Project`), not a wrapper.
 */
export function resultUnion<Shape>(
  base: string,
  success: ObjectRef<Types, Shape>,
  refusals: readonly RefusalName[] = WRITE_REFUSALS,
): UnionRef<Types, Shape | Error, Shape | Error> {
  const extensions: ResultUnionExtensions = {
    refusals: refusals.map((refusal) => [REFUSALS[refusal][0], refusal]),
  };
  return builder.unionType(`${base}Result`, {
    types: [success, ...refusals.map((refusal) => REFUSALS[refusal][1])],
    resolveType: (value) => refusalTypename(value) ?? success.name,
    extensions,
  }) as unknown as UnionRef<Types, Shape | Error, Shape | Error>;
}

/**
 * The result union of a field returning a list (imports): `<base>Success` holds the list as
 * `data`, so the resolver returns `{ data }`.
 */
export function listResultUnion<Shape>(
  base: string,
  item: ObjectRef<Types, Shape>,
  refusals: readonly RefusalName[] = WRITE_REFUSALS,
) {
  const success = builder.objectRef<{ data: Shape[] }>(`${base}Success`).implement({
    fields: (t) => ({ data: t.field({ type: [item], resolve: (result) => result.data }) }),
  });
  return resultUnion(base, success, refusals);
}

/** The writer for the request's key; the scope check (src/graphql/guards.ts) already ran. */
export function writerOf(ctx: Context): PartnerWriter {
  const refusal = keyRefusal(ctx.viewer);
  if (refusal || ctx.viewer.kind !== 'key') throw refusal;
  return {
    db: ctx.db,
    d1: ctx.d1,
    keyId: ctx.viewer.key.id,
    regionIds: ctx.viewer.key.regionIds,
    requestId: ctx.requestId,
    onCommit: () => ctx.writeCommitted(),
  };
}

/** Runs a write and returns the domain rows (camelCase, as the read types expect). */
export async function write<Row>(
  ctx: Context,
  spec: { operation: string; kind: EntityKind; input: unknown; idempotencyKey?: string | null },
  build: (batch: WriteBatch, writer: PartnerWriter) => Promise<number[]>,
): Promise<Row[]> {
  const writer = writerOf(ctx);
  const result: WriteResult = await runWrite(writer, spec, (batch) => build(batch, writer));
  return result.changes.flatMap((change) => (change.data ? [camelRow<Row>(change.data)] : []));
}

/** The local id of a global ID of `typename`, or a ValidationError naming the argument. */
export function localId(globalId: string, typename: string, path: string[]): number {
  try {
    const { typename: actual, id } = decodeGlobalId(globalId);
    if (actual === typename) return Number(id);
  } catch {
    // reported below
  }
  throw new ValidationError([
    { path, message: `Expected the id of a ${typename}.`, code: 'invalid_id' },
  ]);
}

/** The row `input.id` names (a global ID of `kind`'s type) and the version the client read. */
export function targetOf(
  input: { id: string | number; version: number },
  kind: EntityKind,
): Target {
  const idPath = ['input', 'id'];
  return { id: localId(String(input.id), TYPENAMES[kind], idPath), version: input.version, idPath };
}

// ---- the version of every writable type: what the next update must send ----

const VERSIONED = [
  [Project, 'project'],
  [EnergyAsset, 'energy_asset'],
  [Claim, 'claim'],
  [Plan, 'plan'],
  [PlanTarget, 'plan_target'],
  [Source, 'source'],
] as const;

for (const [ref, kind] of VERSIONED) {
  builder.objectField(ref as typeof Project, 'version', (t) =>
    t.int({
      description: 'Grows by one with every write; send it back with an update or delete.',
      resolve: (row, _args, ctx) =>
        (row as { version?: number }).version ??
        loadBatched(ctx, `version:${kind}`, (db, ids) => versionsOf(db, kind, ids), row.id),
    }),
  );
}

/** What a delete returns: the deleted object's id and its tombstone's version. */
export const DeletedObject = builder
  .objectRef<{ id: string; version: number }>('DeletedObject')
  .implement({
    description: 'An object that was deleted; the change feed carries its tombstone.',
    fields: (t) => ({
      id: t.exposeID('id', { description: 'The global ID it had.' }),
      version: t.exposeInt('version', { description: 'The version of the tombstone.' }),
    }),
  });

/** Runs a delete and returns the DeletedObject. */
export async function deleteWrite(
  ctx: Context,
  spec: { operation: string; kind: EntityKind; input: unknown; idempotencyKey?: string | null },
  build: (batch: WriteBatch, writer: PartnerWriter) => Promise<number[]>,
) {
  const writer = writerOf(ctx);
  const result = await runWrite(writer, spec, (batch) => build(batch, writer));
  const change = result.changes[0];
  if (!change) throw new Error('a delete without a tombstone');
  return {
    id: encodeGlobalId(TYPENAMES[spec.kind], change.entityId),
    version: change.version,
  };
}

// ---- the resolvers of the plain writes: create, import, update and delete of one entity kind ----

interface WriteArgs<Input> {
  input: Input;
  idempotencyKey?: string | null;
}

/** `create<Type>(input)`: one new row from the input. */
export function createResolver<Row>(operation: string, kind: EntityKind) {
  return async (_root: unknown, { input, idempotencyKey }: WriteArgs<object>, ctx: Context) => {
    const [row] = await write<Row>(
      ctx,
      { operation, kind, input, idempotencyKey },
      (batch, writer) => createRows(writer, batch, kind, [input as InputFields], () => ['input']),
    );
    return row as Row;
  };
}

/** `import<Types>(input: { rows })`: up to MAX_ROWS_PER_WRITE rows, all or none, as `{ data }`. */
export function importResolver<Row>(operation: string, kind: EntityKind) {
  return async (
    _root: unknown,
    { input, idempotencyKey }: WriteArgs<{ rows: object[] }>,
    ctx: Context,
  ) => ({
    data: await write<Row>(ctx, { operation, kind, input, idempotencyKey }, (batch, writer) =>
      createRows(writer, batch, kind, input.rows as InputFields[], (i) => [
        'input',
        'rows',
        String(i),
      ]),
    ),
  });
}

/**
 * `update<Type>(input: { id, version, changes })`, or with `changes: null` the input's own
 * fields besides id and version (reportProjectProgress).
 */
export function updateResolver<Row>(operation: string, kind: EntityKind) {
  return async (
    _root: unknown,
    {
      input,
      idempotencyKey,
    }: WriteArgs<{ id: string | number; version: number; changes?: object }>,
    ctx: Context,
  ) => {
    const target = targetOf(input, kind);
    const { id: _id, version: _version, changes, ...fields } = input;
    const path = changes ? ['input', 'changes'] : ['input'];
    const [row] = await write<Row>(
      ctx,
      { operation, kind, input, idempotencyKey },
      (batch, writer) =>
        updateRow(writer, batch, kind, target, (changes ?? fields) as InputFields, path).then(
          (n) => [n],
        ),
    );
    return row as Row;
  };
}

/** `delete<Type>(input: { id, version })`: the DeletedObject with its tombstone's version. */
export function deleteResolver(operation: string, kind: EntityKind) {
  return (
    _root: unknown,
    { input, idempotencyKey }: WriteArgs<{ id: string | number; version: number }>,
    ctx: Context,
  ) => {
    const target = targetOf(input, kind);
    return deleteWrite(ctx, { operation, kind, input, idempotencyKey }, (batch, writer) =>
      deleteRow(writer, batch, kind, target).then((n) => [n]),
    );
  };
}
