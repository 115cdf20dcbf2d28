/**
 * Queries run from a plan made once per document. graphql-js's executor interprets the document
 * on every request: for every field of every row it collects the selection, looks the field up,
 * checks the return type's kind and builds a null-prototype result object (which JSON.stringify
 * serialises on its slow path). Here the document is planned once (kept with the parsed document,
 * which Yoga's parse cache reuses): each selection's fields are collected per object type, each
 * field holds its definition, resolver and a completion function for its type, and the request
 * only calls resolvers and completions. No code is generated (Workers forbid it at request time).
 *
 * The semantics are graphql-js 16's `execute`, step for step: the same resolver arguments and
 * `info`, the same result and error paths, null propagation to the nearest nullable field, the
 * same error messages, errors under a position already nulled dropped. A document that uses
 * what the plan does not model runs on graphql-js's `execute`: any directive (`@skip`,
 * `@include`: the plan would depend on variables), `__schema`/`__type`, a response key
 * `__proto__`, any operation but a query, a default field or type resolver given in the arguments,
 * and every request graphql-js refuses before executing (no such operation, variables that are
 * not an object). test/graphql/execute.test.ts runs both executors on the same documents and
 * compares the answers.
 */
import {
  assertValidSchema,
  type DocumentNode,
  defaultFieldResolver,
  defaultTypeResolver,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLAbstractType,
  GraphQLError,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getArgumentValues,
  getVariableValues,
  type InlineFragmentNode,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  locatedError,
  type OperationDefinitionNode,
  type SelectionSetNode,
  typeFromAST,
} from 'graphql';
import { sortSchemaOnce } from './sort-schema';

type PromiseOrValue<T> = T | Promise<T>;

/** A response path, as graphql-js builds it (`info.path`). */
interface Path {
  readonly prev: Path | undefined;
  readonly key: string | number;
  readonly typename: string | undefined;
}

/** One request's execution: what every resolver's `info` shares, and the errors so far. */
interface Run {
  readonly schema: GraphQLSchema;
  readonly fragments: Record<string, FragmentDefinitionNode>;
  readonly rootValue: unknown;
  readonly context: unknown;
  readonly operation: OperationDefinitionNode;
  readonly variableValues: Record<string, unknown>;
  readonly errors: CollectedErrors;
  /** each field place's arguments, coerced on its first resolution (`argumentsOf`) */
  readonly args: Map<FieldPlan, Readonly<Record<string, unknown>>>;
}

/** Completes a resolved value for one type, at `path` (graphql-js's `completeValue`). */
type Complete = (run: Run, info: GraphQLResolveInfo, path: Path, value: unknown) => unknown;

/** One response key of a selection on one object type. */
interface FieldPlan {
  readonly key: string;
  readonly name: string;
  readonly nodes: readonly FieldNode[];
  readonly def: GraphQLField<unknown, unknown>;
  readonly resolve: GraphQLFieldResolver<unknown, unknown>;
  readonly hasArgs: boolean;
  readonly nonNull: boolean;
  readonly complete: Complete;
  /**
   * A field without a resolver of its own (graphql-js's default reads the parent's property) and
   * of a scalar or enum type: a property that is a plain value is serialised at once, without the
   * `info` and path nobody would read. Anything else (null, a function, an object, a value the
   * type refuses) takes the general path, which answers as graphql-js does.
   */
  readonly plainLeaf: GraphQLLeafType | null;
}

/** `__typename`: the parent type's name, which graphql-js's meta field resolves to. */
const TYPENAME = Symbol('typename');
type Planned = FieldPlan | typeof TYPENAME;
interface Selection {
  readonly keys: readonly string[];
  readonly fields: readonly Planned[];
}

interface DocumentPlan {
  readonly schema: GraphQLSchema;
  readonly fragments: Record<string, FragmentDefinitionNode>;
  /** false when the document uses what the plan does not model (see the module comment) */
  readonly plannable: boolean;
  readonly roots: Map<OperationDefinitionNode, Selection>;
}

const plans = new WeakMap<DocumentNode, DocumentPlan>();

/**
 * graphql-js's `execute`, from the document's plan when it has one. `hideSuggestions` as in
 * graphql-js: variables' errors name no valid field or enum value.
 */
export function executeOperation(
  args: ExecutionArgs & { hideSuggestions?: boolean },
): PromiseOrValue<ExecutionResult> {
  const plan = documentPlan(args.schema, args.document);
  const operation = plan?.plannable ? selectedOperation(args.document, args.operationName) : null;
  const variables = args.variableValues;
  if (
    !plan ||
    !operation ||
    operation.operation !== 'query' ||
    args.fieldResolver ||
    args.typeResolver ||
    (variables != null && typeof variables !== 'object')
  ) {
    // introspection runs here, and reads the schema's order: sorted before the first one
    sortSchemaOnce(args.schema);
    return execute(args);
  }
  // as graphql-js: an invalid schema throws (checked once per schema, then remembered)
  assertValidSchema(args.schema);
  const coerced = getVariableValues(
    args.schema,
    operation.variableDefinitions ?? [],
    variables ?? {},
    { maxErrors: 50, hideSuggestions: args.hideSuggestions ?? false },
  );
  if (coerced.errors) return { errors: coerced.errors };
  const run: Run = {
    schema: args.schema,
    fragments: plan.fragments,
    rootValue: args.rootValue,
    context: args.contextValue,
    operation,
    variableValues: coerced.coerced,
    errors: new CollectedErrors(),
    args: new Map(),
  };
  const root = rootSelection(plan, operation);
  const rootType = args.schema.getQueryType() as GraphQLObjectType;
  try {
    const data = executeFields(run, rootType, args.rootValue, undefined, root);
    if (isPromise(data)) {
      return data.then(
        (resolved) => response(resolved, run.errors),
        (error) => {
          run.errors.add(error as GraphQLError, undefined);
          return response(null, run.errors);
        },
      );
    }
    return response(data, run.errors);
  } catch (error) {
    run.errors.add(error as GraphQLError, undefined);
    return response(null, run.errors);
  }
}

function response(data: unknown, errors: CollectedErrors): ExecutionResult {
  const data_ = data as ExecutionResult['data'];
  return errors.list.length === 0 ? { data: data_ } : { errors: errors.list, data: data_ };
}

/** graphql-js's choice of operation; null where graphql-js answers with an error instead. */
function selectedOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationDefinitionNode | null {
  let found: OperationDefinitionNode | null = null;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName == null) {
      if (found) return null;
      found = definition;
    } else if (definition.name?.value === operationName) {
      found = definition;
    }
  }
  return found;
}

function documentPlan(schema: GraphQLSchema, document: DocumentNode): DocumentPlan | null {
  const known = plans.get(document);
  if (known) return known.schema === schema ? known : null;
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  let plannable = true;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments[definition.name.value] = definition;
      if (definition.directives?.length) plannable = false;
    }
    if (
      (definition.kind === Kind.FRAGMENT_DEFINITION ||
        definition.kind === Kind.OPERATION_DEFINITION) &&
      !plainSelection(definition.selectionSet)
    ) {
      plannable = false;
    }
  }
  const plan: DocumentPlan = { schema, fragments, plannable, roots: new Map() };
  plans.set(document, plan);
  return plan;
}

/** No directive, no introspection root field, no `__proto__` key anywhere in the selection. */
function plainSelection(selectionSet: SelectionSetNode): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.directives?.length) return false;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      if (name === '__schema' || name === '__type') return false;
      if ((selection.alias?.value ?? name) === '__proto__') return false;
    }
    if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) {
      if (!plainSelection(selection.selectionSet)) return false;
    }
  }
  return true;
}

function rootSelection(plan: DocumentPlan, operation: OperationDefinitionNode): Selection {
  let root = plan.roots.get(operation);
  if (!root) {
    const queryType = plan.schema.getQueryType() as GraphQLObjectType;
    const fields = new Map<string, FieldNode[]>();
    collectFields(plan, queryType, operation.selectionSet, fields, new Set());
    root = planSelection(plan, queryType, fields);
    plan.roots.set(operation, root);
  }
  return root;
}

/** graphql-js's `collectFields` for a document without directives. */
function collectFields(
  plan: DocumentPlan,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fields: Map<string, FieldNode[]>,
  visited: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD: {
        const key = (selection.alias ?? selection.name).value;
        const nodes = fields.get(key);
        if (nodes) nodes.push(selection);
        else fields.set(key, [selection]);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (conditionMatches(plan.schema, selection, type)) {
          collectFields(plan, type, selection.selectionSet, fields, visited);
        }
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        if (visited.has(name)) break;
        visited.add(name);
        const fragment = plan.fragments[name];
        if (fragment && conditionMatches(plan.schema, fragment, type)) {
          collectFields(plan, type, fragment.selectionSet, fields, visited);
        }
        break;
      }
    }
  }
}

function conditionMatches(
  schema: GraphQLSchema,
  fragment: FragmentDefinitionNode | InlineFragmentNode,
  type: GraphQLObjectType,
): boolean {
  if (!fragment.typeCondition) return true;
  const condition = typeFromAST(schema, fragment.typeCondition);
  if (condition === type) return true;
  return isAbstractType(condition) && schema.isSubType(condition, type);
}

function planSelection(
  plan: DocumentPlan,
  type: GraphQLObjectType,
  fields: Map<string, FieldNode[]>,
): Selection {
  const keys: string[] = [];
  const planned: Planned[] = [];
  const defs = type.getFields();
  for (const [key, nodes] of fields) {
    const name = (nodes[0] as FieldNode).name.value;
    if (name === '__typename') {
      keys.push(key);
      planned.push(TYPENAME);
      continue;
    }
    const def = defs[name];
    // graphql-js skips a field its type does not have (validation refuses such documents)
    if (!def) continue;
    const nullable = isNonNullType(def.type) ? def.type.ofType : def.type;
    // every request of this document hands these to resolvers as `info.fieldNodes` (graphql-js
    // makes them per request): frozen, a resolver that changed them would fail its own field
    // rather than the plan
    Object.freeze(nodes);
    keys.push(key);
    planned.push({
      key,
      name,
      nodes,
      def,
      resolve: def.resolve ?? defaultFieldResolver,
      hasArgs: def.args.length > 0,
      nonNull: isNonNullType(def.type),
      complete: completer(plan, def.type, nodes),
      plainLeaf: !def.resolve && isLeafType(nullable) ? nullable : null,
    });
  }
  return { keys, fields: planned };
}

/** The completion of values of `type` selected by `nodes` (graphql-js's `completeValue`). */
function completer(plan: DocumentPlan, type: GraphQLOutputType, nodes: FieldNode[]): Complete {
  if (isNonNullType(type)) {
    const inner = completer(plan, type.ofType, nodes);
    return (run, info, path, value) => {
      const completed = inner(run, info, path, value);
      if (completed === null) {
        throw new Error(
          `Cannot return null for non-nullable field ${info.parentType.name}.${info.fieldName}.`,
        );
      }
      return completed;
    };
  }
  const complete = nullableCompleter(plan, type, nodes);
  return (run, info, path, value) => {
    if (value instanceof Error) throw value;
    if (value == null) return null;
    return complete(run, info, path, value);
  };
}

function nullableCompleter(
  plan: DocumentPlan,
  type: GraphQLOutputType,
  nodes: FieldNode[],
): Complete {
  if (isListType(type)) return listCompleter(plan, type.ofType, nodes);
  if (isLeafType(type)) return leafCompleter(type);
  const objects = objectCompleter(plan, nodes);
  if (isObjectType(type)) return (run, info, path, value) => objects(run, type, info, path, value);
  return abstractCompleter(type as GraphQLAbstractType, objects, nodes);
}

function leafCompleter(type: GraphQLLeafType): Complete {
  return (_run, _info, _path, value) => {
    const serialized = type.serialize(value);
    if (serialized == null) {
      throw new Error(
        `Expected \`${type.name}.serialize(${describe(value)})\` to return non-nullable value, returned: ${describe(serialized)}`,
      );
    }
    return serialized;
  };
}

function listCompleter(plan: DocumentPlan, itemType: GraphQLOutputType, nodes: FieldNode[]) {
  const item = completer(plan, itemType, nodes);
  const nonNull = isNonNullType(itemType);
  const complete: Complete = (run, info, path, value) => {
    if (!isIterable(value)) {
      throw new GraphQLError(
        `Expected Iterable, but did not find one for field "${info.parentType.name}.${info.fieldName}".`,
      );
    }
    let containsPromise = false;
    const completed = Array.from(value, (entry, index) => {
      const itemPath: Path = { prev: path, key: index, typename: undefined };
      try {
        const done = isPromise(entry)
          ? entry.then((resolved) => item(run, info, itemPath, resolved))
          : item(run, info, itemPath, entry);
        if (!isPromise(done)) return done;
        containsPromise = true;
        return done.then(undefined, (raw) => fieldError(run, raw, nodes, itemPath, nonNull));
      } catch (raw) {
        return fieldError(run, raw, nodes, itemPath, nonNull);
      }
    });
    return containsPromise ? Promise.all(completed) : completed;
  };
  return complete;
}

type CompleteObject = (
  run: Run,
  type: GraphQLObjectType,
  info: GraphQLResolveInfo,
  path: Path,
  value: unknown,
) => unknown;

/** Objects selected by `nodes`: their subfields planned on first use, per runtime type. */
function objectCompleter(plan: DocumentPlan, nodes: FieldNode[]): CompleteObject {
  let lastType: GraphQLObjectType | undefined;
  let lastSelection: Selection | undefined;
  const selections = new Map<GraphQLObjectType, Selection>();
  const selectionOf = (type: GraphQLObjectType): Selection => {
    if (type === lastType) return lastSelection as Selection;
    let selection = selections.get(type);
    if (!selection) {
      const fields = new Map<string, FieldNode[]>();
      const visited = new Set<string>();
      for (const node of nodes) {
        if (node.selectionSet) collectFields(plan, type, node.selectionSet, fields, visited);
      }
      selection = planSelection(plan, type, fields);
      selections.set(type, selection);
    }
    lastType = type;
    lastSelection = selection;
    return selection;
  };
  return (run, type, info, path, value) => {
    const selection = selectionOf(type);
    if (type.isTypeOf) {
      const isTypeOf = type.isTypeOf(value, run.context, info);
      if (isPromise(isTypeOf)) {
        return isTypeOf.then((resolved) => {
          if (!resolved) throw notOfType(type, value, nodes);
          return executeFields(run, type, value, path, selection);
        });
      }
      if (!isTypeOf) throw notOfType(type, value, nodes);
    }
    return executeFields(run, type, value, path, selection);
  };
}

function notOfType(type: GraphQLObjectType, value: unknown, nodes: FieldNode[]): GraphQLError {
  return new GraphQLError(`Expected value of type "${type.name}" but got: ${describe(value)}.`, {
    nodes,
  });
}

function abstractCompleter(
  type: GraphQLAbstractType,
  objects: CompleteObject,
  nodes: FieldNode[],
): Complete {
  return (run, info, path, value) => {
    const resolveType = type.resolveType ?? defaultTypeResolver;
    const runtime = resolveType(value, run.context, info, type);
    if (isPromise(runtime)) {
      return runtime.then((name) =>
        objects(run, runtimeType(run, type, name, info, nodes, value), info, path, value),
      );
    }
    return objects(run, runtimeType(run, type, runtime, info, nodes, value), info, path, value);
  };
}

/** graphql-js's `ensureValidRuntimeType`, with its messages. */
function runtimeType(
  run: Run,
  type: GraphQLAbstractType,
  name: unknown,
  info: GraphQLResolveInfo,
  nodes: FieldNode[],
  value: unknown,
): GraphQLObjectType {
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (name == null) {
    throw new GraphQLError(
      `Abstract type "${type.name}" must resolve to an Object type at runtime for field "${field}". Either the "${type.name}" type should provide a "resolveType" function or each possible type should provide an "isTypeOf" function.`,
      nodes,
    );
  }
  if (isObjectType(name)) {
    throw new GraphQLError(
      'Support for returning GraphQLObjectType from resolveType was removed in graphql-js@16.0.0 please return type name instead.',
    );
  }
  if (typeof name !== 'string') {
    throw new GraphQLError(
      `Abstract type "${type.name}" must resolve to an Object type at runtime for field "${field}" with value ${describe(value)}, received "${describe(name)}".`,
    );
  }
  const resolved = run.schema.getType(name);
  if (resolved == null) {
    throw new GraphQLError(
      `Abstract type "${type.name}" was resolved to a type "${name}" that does not exist inside the schema.`,
      { nodes },
    );
  }
  if (!isObjectType(resolved)) {
    throw new GraphQLError(
      `Abstract type "${type.name}" was resolved to a non-object type "${name}".`,
      { nodes },
    );
  }
  if (!run.schema.isSubType(type, resolved)) {
    throw new GraphQLError(
      `Runtime Object type "${resolved.name}" is not a possible type for "${type.name}".`,
      { nodes },
    );
  }
  return resolved;
}

/** graphql-js's `executeFields`, into a plain object (JSON.stringify's fast path). */
function executeFields(
  run: Run,
  type: GraphQLObjectType,
  source: unknown,
  path: Path | undefined,
  selection: Selection,
): PromiseOrValue<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  let containsPromise = false;
  const { keys, fields } = selection;
  try {
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as Planned;
      const key = keys[i] as string;
      if (field === TYPENAME) {
        results[key] = type.name;
        continue;
      }
      const result = executeField(run, type, source, field, path);
      results[key] = result;
      if (isPromise(result)) containsPromise = true;
    }
  } catch (error) {
    if (containsPromise) {
      // the other fields' promises may reject too: settle them first, as graphql-js does
      return settle(results).finally(() => {
        throw error;
      });
    }
    throw error;
  }
  return containsPromise ? settle(results) : results;
}

async function settle(results: Record<string, unknown>): Promise<Record<string, unknown>> {
  const keys = Object.keys(results);
  const values = await Promise.all(Object.values(results));
  const settled: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) settled[keys[i] as string] = values[i];
  return settled;
}

function executeField(
  run: Run,
  parentType: GraphQLObjectType,
  source: unknown,
  field: FieldPlan,
  parentPath: Path | undefined,
): unknown {
  if (field.plainLeaf && typeof source === 'object' && source !== null) {
    const value = (source as Record<string, unknown>)[field.name];
    if (value != null && typeof value !== 'object' && typeof value !== 'function') {
      try {
        const serialized = field.plainLeaf.serialize(value);
        if (serialized != null) return serialized;
      } catch {
        // the general path below locates the same error
      }
    }
  }
  const path: Path = { prev: parentPath, key: field.key, typename: parentType.name };
  const info: GraphQLResolveInfo = {
    fieldName: field.name,
    fieldNodes: field.nodes,
    returnType: field.def.type,
    parentType,
    path,
    schema: run.schema,
    fragments: run.fragments,
    rootValue: run.rootValue,
    operation: run.operation,
    variableValues: run.variableValues,
  };
  try {
    const args = field.hasArgs ? argumentsOf(run, field) : {};
    const result = field.resolve(source, args, run.context, info);
    const completed = isPromise(result)
      ? result.then((resolved) => field.complete(run, info, path, resolved))
      : field.complete(run, info, path, result);
    if (!isPromise(completed)) return completed;
    return completed.then(undefined, (raw) =>
      fieldError(run, raw, field.nodes, path, field.nonNull),
    );
  } catch (raw) {
    return fieldError(run, raw, field.nodes, path, field.nonNull);
  }
}

/**
 * A field's arguments, coerced once per request and field place: they depend only on the field's
 * nodes and the request's variables, so every parent of a nested list (a project's `claims(first:
 * 3)` for each project of a page) gets the same object where graphql-js coerces an equal one for
 * each. Frozen, nested inputs included: a resolver that changed its arguments would fail its own
 * field instead of changing its neighbours'. A coercion error is not kept (each parent reports it).
 */
function argumentsOf(run: Run, field: FieldPlan): Readonly<Record<string, unknown>> {
  let args = run.args.get(field);
  if (!args) {
    args = deepFreeze(
      getArgumentValues(field.def, field.nodes[0] as FieldNode, run.variableValues),
    );
    run.args.set(field, args);
  }
  return args;
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

/** graphql-js's `handleFieldError`: null in a nullable position, else up to the parent. */
function fieldError(
  run: Run,
  raw: unknown,
  nodes: readonly FieldNode[],
  path: Path,
  nonNull: boolean,
): null {
  const error = locatedError(raw, nodes, pathToArray(path));
  if (nonNull) throw error;
  run.errors.add(error, path);
  return null;
}

/** Errors in order, none under a position that an earlier error already nulled (graphql-js). */
class CollectedErrors {
  readonly list: GraphQLError[] = [];
  private readonly nulled = new Set<Path | undefined>();

  add(error: GraphQLError, path: Path | undefined): void {
    for (let at = path; at !== undefined; at = at.prev) if (this.nulled.has(at)) return;
    if (this.nulled.has(undefined)) return;
    this.nulled.add(path);
    this.list.push(error);
  }
}

function pathToArray(path: Path | undefined): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let at = path; at !== undefined; at = at.prev) keys.push(at.key);
  return keys.reverse();
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === 'object' &&
    typeof (value as { [Symbol.iterator]?: unknown } | null)?.[Symbol.iterator] === 'function'
  );
}

/**
 * A value in an error message, in graphql-js's notation (its `inspect`): strings quoted, objects
 * as `{ key: value }` and arrays as `[a, b]` two levels deep, at most ten items shown. Written
 * here because graphql's entry does not export `inspect`, and a deep import
 * (`graphql/jsutils/inspect`) resolves to graphql's CommonJS copy under wrangler's bundler: a
 * second graphql in the bundle (see the token limit in src/http/yoga.ts).
 */
function describe(value: unknown, seen: unknown[] = []): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return value.name ? `[function ${value.name}]` : '[function]';
  if (typeof value !== 'object' || value === null) return String(value);
  if (seen.includes(value)) return '[Circular]';
  const inner = [...seen, value];
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    const json: unknown = toJSON.call(value);
    if (json !== value) return typeof json === 'string' ? json : describe(json, inner);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (seen.length > 1) return '[Array]';
    const shown = value.slice(0, 10).map((item) => describe(item, inner));
    const more = value.length - shown.length;
    if (more > 0) shown.push(`... ${more} more item${more === 1 ? '' : 's'}`);
    return `[${shown.join(', ')}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  if (seen.length > 1) return `[${objectTag(value)}]`;
  return `{ ${entries.map(([key, item]) => `${key}: ${describe(item, inner)}`).join(', ')} }`;
}

function objectTag(value: object): string {
  const tag = Object.prototype.toString.call(value).slice(8, -1);
  const constructorName = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return tag === 'Object' && typeof constructorName === 'string' && constructorName
    ? constructorName
    : tag;
}
