/**
 * What runs around a field's resolver when the field asks for it, in one place for every field of
 * the built schema (`guardedSchema`), in this order:
 * 1. the key and its scope (`authScopes: { scope }`): a request without a usable key, or whose key
 *    lacks the scope, is refused before anything else;
 * 2. the input rules (`validate` on an argument, an input field or an input type): every rule of
 *    every argument, down through nested inputs and lists, with its path; refused as one
 *    ValidationError listing every issue. A rule's output (a trimmed string) is what the resolver
 *    gets;
 * 3. the refusals the field's result union holds (`resultUnion`) are answered as typed results;
 *    any other error stays an error.
 * Pothos's scope-auth, validation and errors plugins did this work before; their hooks ran for every
 * field of the schema at start-up (BENCHMARKS.md, "Start-up, by plugin"), these for the ones that
 * ask. test/graphql/guards.test.ts enumerates the mutation fields and input rules from the schema.
 */
import type {
  FieldNullability,
  FieldRequiredness,
  InputFieldMap,
  InputType,
  SchemaTypes,
  TypeParam,
} from '@pothos/core';
import {
  defaultFieldResolver,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputField,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLSchema,
  isIntrospectionType,
  isObjectType,
  isUnionType,
} from 'graphql';
import type { Viewer } from '../db/api-keys';
import { ForbiddenError, type Issue, ValidationError } from '../db/writes/errors';
import type { Scope } from '../lib/api-keys';
import type { Rule } from './zod';

declare global {
  export namespace PothosSchemaTypes {
    interface FieldOptions<
      Types extends SchemaTypes,
      ParentShape,
      Type extends TypeParam<Types>,
      Nullable extends FieldNullability<Type>,
      Args extends InputFieldMap,
      ResolveShape,
      ResolveReturnShape,
    > {
      /** the scope a key needs to use the field (`admin` holds every scope) */
      authScopes?: { scope: Scope };
    }
    interface InputObjectTypeOptions<
      Types extends SchemaTypes = SchemaTypes,
      Fields extends InputFieldMap = InputFieldMap,
    > {
      /** a rule over the whole input, run when its fields pass theirs */
      validate?: Rule;
    }
    interface InputFieldOptions<
      Types extends SchemaTypes = SchemaTypes,
      Type extends InputType<Types> | [InputType<Types>] = InputType<Types> | [InputType<Types>],
      Req extends FieldRequiredness<Type> = FieldRequiredness<Type>,
    > {
      /** the rule of an input field or an argument, run when it is given (not null) */
      validate?: Rule;
    }
  }
}

/** The ForbiddenError for a viewer that has no usable key; null when it has one. */
export function keyRefusal(viewer: Viewer): ForbiddenError | null {
  if (viewer.kind === 'key') return null;
  if (viewer.kind === 'anonymous') {
    return new ForbiddenError(
      'This operation needs an API key: Authorization: Bearer <key>.',
      'NO_KEY',
    );
  }
  if (viewer.reason === 'revoked') {
    return new ForbiddenError('This API key has been revoked.', 'REVOKED_KEY');
  }
  return new ForbiddenError('This API key is not valid.', 'INVALID_KEY');
}

/** The ForbiddenError for a viewer without a key holding `scope` (or `admin`); null when it holds it. */
export function scopeRefusal(viewer: Viewer, scope: Scope): ForbiddenError | null {
  const refusal = keyRefusal(viewer);
  if (refusal || viewer.kind !== 'key') return refusal;
  const { scopes } = viewer.key;
  if (scopes.includes(scope) || scopes.includes('admin')) return null;
  return new ForbiddenError(`This API key lacks the scope \`${scope}\`.`, 'SCOPE');
}

// ---- input rules ----

type Path = ReadonlyArray<string | number>;

/** The checks of one input object (or of a field's arguments): its fields', then its own rule. */
interface ObjectCheck {
  fields: FieldCheck[];
  own: Rule | null;
}

interface FieldCheck {
  name: string;
  /** the checks of the input object the field holds (at any list depth), when it has any */
  nested: ObjectCheck | null;
  /** the field's own rule, run on its value after the nested checks */
  rule: Rule | null;
}

function ruleOf(extensions: { pothosOptions?: unknown } | null | undefined): Rule | null {
  return (extensions?.pothosOptions as { validate?: Rule } | undefined)?.validate ?? null;
}

function namedInputType(type: GraphQLInputType): GraphQLInputType {
  let named = type;
  while (named instanceof GraphQLNonNull || named instanceof GraphQLList) named = named.ofType;
  return named;
}

/** The checks of `fields`, or null when none of them (nor anything below them) has a rule. */
function objectCheck(
  fields: ReadonlyArray<GraphQLInputField | GraphQLArgument>,
  own: Rule | null,
  memo: Map<GraphQLInputObjectType, ObjectCheck | null>,
): ObjectCheck | null {
  const checks: FieldCheck[] = [];
  for (const field of fields) {
    const named = namedInputType(field.type);
    const nested = named instanceof GraphQLInputObjectType ? inputTypeCheck(named, memo) : null;
    const rule = ruleOf(field.extensions);
    if (nested || rule) checks.push({ name: field.name, nested, rule });
  }
  return checks.length > 0 || own ? { fields: checks, own } : null;
}

function inputTypeCheck(
  type: GraphQLInputObjectType,
  memo: Map<GraphQLInputObjectType, ObjectCheck | null>,
): ObjectCheck | null {
  if (memo.has(type)) return memo.get(type) ?? null;
  memo.set(type, null); // an input type that holds itself is checked down to where it recurs
  const check = objectCheck(Object.values(type.getFields()), ruleOf(type.extensions), memo);
  memo.set(type, check);
  return check;
}

/** Runs `rule` on `value`: its output, or `value` with the rule's issues added at `path`. */
function runRule(rule: Rule, value: unknown, path: Path, issues: Issue[]): unknown {
  const result = rule.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    issues.push({
      path: [...path, ...issue.path].map(String),
      message: issue.message,
      // zod's issue code, or the one a custom rule names in params.code
      code: String((issue as { params?: { code?: unknown } }).params?.code ?? issue.code),
    });
  }
  return value;
}

function runNested(check: ObjectCheck, value: unknown, path: Path, issues: Issue[]): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) =>
      item == null ? item : runNested(check, item, [...path, i], issues),
    );
  }
  return runObject(check, value as Record<string, unknown>, path, issues);
}

function runObject(
  check: ObjectCheck,
  value: Record<string, unknown>,
  path: Path,
  issues: Issue[],
): Record<string, unknown> {
  const before = issues.length;
  const checked = { ...value };
  for (const field of check.fields) {
    let fieldValue = value[field.name];
    if (fieldValue == null) continue; // null clears a field: no rule applies
    const fieldPath = [...path, field.name];
    if (field.nested) fieldValue = runNested(field.nested, fieldValue, fieldPath, issues);
    if (field.rule) fieldValue = runRule(field.rule, fieldValue, fieldPath, issues);
    checked[field.name] = fieldValue;
  }
  // a rule over the whole object reads its fields: only once each of them passes its own
  return check.own && issues.length === before
    ? (runRule(check.own, checked, path, issues) as Record<string, unknown>)
    : checked;
}

/** The arguments after every rule of `field`'s arguments, or the ValidationError listing each issue. */
type ArgsCheck = (args: Record<string, unknown>) => Record<string, unknown>;

function argsCheck(
  field: GraphQLField<unknown, unknown>,
  memo: Map<GraphQLInputObjectType, ObjectCheck | null>,
): ArgsCheck | null {
  const check = objectCheck(field.args, null, memo);
  if (!check) return null;
  return (args) => {
    const issues: Issue[] = [];
    const checked = runObject(check, args, [], issues);
    if (issues.length > 0) throw new ValidationError(issues);
    return checked;
  };
}

// ---- typed refusals ----

/** A refusal class, and the name of the GraphQL type that answers it. */
export type RefusalType = readonly [abstract new (...args: never[]) => Error, string];

/** The extensions of a result union that name the refusals it answers as results. */
export type ResultUnionExtensions = { refusals: readonly RefusalType[] };

function typedRefusals(field: GraphQLField<unknown, unknown>): readonly RefusalType[] | null {
  const type = field.type instanceof GraphQLNonNull ? field.type.ofType : field.type;
  if (!isUnionType(type)) return null;
  return (type.extensions as Partial<ResultUnionExtensions>).refusals ?? null;
}

const REFUSAL_TYPE = Symbol('refusal type');

/**
 * A refusal as a field's value: a plain copy of it (its message and own fields), marked with its
 * GraphQL type. The error itself cannot be the value: GraphQL fails a field whose value is one.
 */
function asResult(error: Error, typename: string): object {
  return { ...error, message: error.message, [REFUSAL_TYPE]: typename };
}

/** The GraphQL type of a refusal answered as a result (for its union's resolveType). */
export function refusalTypename(value: unknown): string | undefined {
  return (value as { [REFUSAL_TYPE]?: string } | null)?.[REFUSAL_TYPE];
}

// ---- the guard ----

interface Guard {
  scope: Scope | null;
  check: ArgsCheck | null;
  refusals: readonly RefusalType[] | null;
}

function guarded(
  resolve: GraphQLFieldResolver<unknown, { viewer: Viewer }>,
  { scope, check, refusals }: Guard,
): GraphQLFieldResolver<unknown, { viewer: Viewer }> {
  return async (parent, args, ctx, info) => {
    try {
      const refusal = scope ? scopeRefusal(ctx.viewer, scope) : null;
      if (refusal) throw refusal;
      return await resolve(parent, check ? check(args) : args, ctx, info);
    } catch (error) {
      const refusal = refusals?.find(([type]) => error instanceof type);
      if (refusal) return asResult(error as Error, refusal[1]);
      throw error;
    }
  };
}

/**
 * Wraps the resolver of every field of `schema` that needs a scope, has an input rule anywhere in
 * its arguments, or answers refusals as typed results. Every other field keeps its resolver.
 */
export function guardedSchema(schema: GraphQLSchema): GraphQLSchema {
  const memo = new Map<GraphQLInputObjectType, ObjectCheck | null>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const options = field.extensions.pothosOptions as { authScopes?: { scope: Scope } };
      const guard: Guard = {
        scope: options?.authScopes?.scope ?? null,
        check: argsCheck(field, memo),
        refusals: typedRefusals(field),
      };
      if (!guard.scope && !guard.check && !guard.refusals) continue;
      field.resolve = guarded(
        (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<
          unknown,
          { viewer: Viewer }
        >,
        guard,
      ) as GraphQLFieldResolver<unknown, unknown>;
    }
  }
  return schema;
}
