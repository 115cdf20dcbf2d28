/**
 * Write inputs made from an entity's columns: one list of fields gives the create input (a field is
 * required when its column is NOT NULL and has no default), the changes input (every field
 * optional; null clears) and the update input ({ id, version, changes }). Every field says which
 * entity field it sets (`extensions.ostan`), so tests can find every reference from the schema.
 */
import type { InputFieldRef, InputRef } from '@pothos/core';
import { ENTITIES } from '../db/entities';
import type { EntityKind } from '../db/entity';
import { columnOf } from '../db/writes/rows';
import type { Scope } from '../lib/api-keys';
import { builder, type PothosTypes } from './builder';
import type { Rule } from './zod';

type Types = PothosSchemaTypes.ExtendDefaultTypes<PothosTypes>;

import {
  idempotencyKeyArg,
  isoDateRule,
  nameRule,
  refRule,
  slugRule,
  textRule,
  versionRule,
} from './input-rules';
import {
  createResolver,
  DeletedObject,
  deleteResolver,
  importResolver,
  listResultUnion,
  resultUnion,
  updateResolver,
} from './writes';

/**
 * What an input field sets: a field of an entity (`kind`, or the mutation's own when left out) or
 * a plain value (no entity has the field); `defaulted` when a create that leaves it out gets a
 * default for it.
 */
export interface FieldRole {
  field: string;
  kind?: EntityKind;
  defaulted?: true;
}

/** The extensions that mark an input field's role; every leaf of a write input carries them. */
export const role = (field: string, kind?: EntityKind, defaulted = false) => ({
  extensions: {
    ostan: { field, ...(kind ? { kind } : {}), ...(defaulted ? { defaulted } : {}) } as FieldRole,
  },
});

type Scalar = 'String' | 'Int' | 'Float' | 'Boolean';

export interface FieldSpec {
  // biome-ignore lint/suspicious/noExplicitAny: any input type (scalar name, enum or input ref)
  type: Scalar | InputRef<any> | string;
  rule?: Rule;
  description?: string;
  /** the value GraphQL gives the field on create when it is left out */
  defaultValue?: unknown;
  /** optional on create although its column is NOT NULL: the table (or the write) fills it */
  defaulted?: boolean;
  /** set only when the row is created (synthetic) */
  createOnly?: boolean;
}

const described = (description?: string) => (description ? { description } : {});

/** The field specs most write inputs are made of. */
export const field = {
  slug: { type: 'String', rule: slugRule } as FieldSpec,
  /** the slug of another row */
  ref: (description?: string): FieldSpec => ({
    type: 'String',
    rule: refRule,
    ...described(description),
  }),
  name: { type: 'String', rule: nameRule } as FieldSpec,
  text: (max: number): FieldSpec => ({ type: 'String', rule: textRule(max) }),
  date: (description?: string): FieldSpec => ({
    type: 'String',
    rule: isoDateRule,
    ...described(description),
  }),
  synthetic: (description?: string): FieldSpec => ({
    type: 'Boolean',
    defaultValue: false,
    createOnly: true,
    ...described(description),
  }),
};

/** Whether `field` of `kind` must be given on create: its column is NOT NULL with no default. */
function requiredOnCreate(kind: EntityKind, field: string, spec: FieldSpec): boolean {
  if (spec.defaultValue !== undefined || spec.defaulted) return false;
  return ENTITIES[kind].notNull.includes(columnOf(kind, field));
}

/** The Pothos fields of a write input from specs; `required` says, per field, whether it is. */
export function inputFields(
  // biome-ignore lint/suspicious/noExplicitAny: the input field builder of any input type
  t: any,
  kind: EntityKind,
  specs: Readonly<Record<string, FieldSpec>>,
  required: (field: string, spec: FieldSpec) => boolean,
): Record<string, InputFieldRef<Types, unknown>> {
  return Object.fromEntries(
    Object.entries(specs).map(([field, spec]) => {
      const isRequired = required(field, spec);
      return [
        field,
        t.field({
          type: spec.type,
          required: isRequired,
          ...(spec.rule ? { validate: spec.rule } : {}),
          ...described(spec.description),
          ...(isRequired || spec.defaultValue === undefined
            ? {}
            : { defaultValue: spec.defaultValue }),
          ...role(field, kind, spec.defaulted),
        }),
      ];
    }),
  );
}

/** The create input of an entity from its field specs (see FieldSpec). */
export function createInput(
  kind: EntityKind,
  name: string,
  specs: Readonly<Record<string, FieldSpec>>,
  options: { description: string; validate?: Rule },
) {
  return builder.inputType(name, {
    description: options.description,
    fields: (t) =>
      inputFields(t, kind, specs, (field, spec) => requiredOnCreate(kind, field, spec)),
    ...(options.validate ? { validate: options.validate } : {}),
  });
}

/** The input types of an entity's writes: `Create<Type>Input`, `<Type>Changes`, `Update<Type>Input`. */
export function entityInputs(
  kind: EntityKind,
  typeName: string,
  specs: Readonly<Record<string, FieldSpec>>,
  options: {
    createDescription: string;
    /** a rule over the whole input (fields in order), run on create and on changes */
    validate?: Rule;
  },
) {
  const validate = options.validate ? { validate: options.validate } : {};
  const create = createInput(kind, `Create${typeName}Input`, specs, {
    description: options.createDescription,
    ...validate,
  });
  const changes = builder.inputType(`${typeName}Changes`, {
    description: 'The fields to change; a field left out stays as it is, null clears it.',
    fields: (t) =>
      inputFields(
        t,
        kind,
        Object.fromEntries(Object.entries(specs).filter(([, spec]) => !spec.createOnly)),
        () => false,
      ),
    ...validate,
  });
  const update = builder.inputType(`Update${typeName}Input`, {
    fields: (t) => ({
      ...targetFields(t, kind),
      changes: t.field({ type: changes, required: true }),
    }),
  });
  return { create, changes, update };
}

/** `id` and `version` of the row an update or delete names. */
export function targetFields(
  // biome-ignore lint/suspicious/noExplicitAny: the input field builder of any input type
  t: any,
  kind?: EntityKind,
): { id: InputFieldRef<Types, string>; version: InputFieldRef<Types, number> } {
  return {
    id: t.id({ required: true, ...role('id', kind) }),
    version: t.int({
      required: true,
      validate: versionRule,
      description: 'The version you read.',
      ...role('version'),
    }),
  };
}

/**
 * The options every write mutation shares: its type, the result union of `type` (a list of them
 * for an import) and the typed refusals; the scope it needs; its entity kind.
 */
export function writeOptions(
  name: string,
  // biome-ignore lint/suspicious/noExplicitAny: the object ref of any written type
  type: any,
  kind: EntityKind,
  scope: Scope,
  list = false,
) {
  const base = `Mutation${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  return {
    type: list ? listResultUnion(base, type) : resultUnion(base, type),
    authScopes: { scope },
    extensions: { ostan: { kind } },
  };
}

type Verb = 'create' | 'import' | 'update' | 'delete';

const RESOLVERS = {
  create: createResolver,
  import: importResolver,
  update: updateResolver,
  delete: deleteResolver,
} as const;

/**
 * The plain write mutations of an entity (create, import, update, delete), each with its input,
 * the generic resolver of its verb, the scope it needs and the idempotency key.
 */
export function entityMutations(
  kind: EntityKind,
  // biome-ignore lint/suspicious/noExplicitAny: the object ref of any writable node type
  type: any,
  scope: Scope,
  // biome-ignore lint/suspicious/noExplicitAny: any input ref
  mutations: Record<string, { verb: Verb; input: InputRef<any>; description: string }>,
) {
  builder.mutationFields((t) =>
    Object.fromEntries(
      Object.entries(mutations).map(([name, { verb, input, description }]) => [
        name,
        t.field({
          ...writeOptions(
            name,
            verb === 'delete' ? DeletedObject : type,
            kind,
            scope,
            verb === 'import',
          ),
          description,
          args: { input: t.arg({ type: input, required: true }), ...idempotencyKeyArg() },
          // biome-ignore lint/suspicious/noExplicitAny: each verb's resolver takes its own input
          resolve: RESOLVERS[verb](name, kind) as any,
        }),
      ]),
    ),
  );
}
