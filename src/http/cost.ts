/**
 * The cost model: an upper bound on the objects an operation can return, computed from the
 * validated document and its variables before anything runs.
 *
 * - A field returning an object (or interface, union) costs 1 for each time it can occur; scalar
 *   and enum fields cost 0; introspection (`__schema`, `__type`, `__typename`) costs 0.
 * - A field with a `first` or `last` argument (a connection, `search`) sets the page size of the
 *   lists inside it: its `edges` and `nodes` occur `first` times (default 20, at most 100, as the
 *   resolvers: they refuse a larger `first` themselves, naming the argument).
 * - A list field takes the length of its `ids` argument when it has one (`nodes(ids:)`), else the
 *   enclosing page size, else DEFAULT_LIST_SIZE.
 * - Everything below a field is multiplied by the number of times that field can occur, so nested
 *   connections multiply: `projects(first: 50) { nodes { claims(first: 10) { nodes { id } } } }`
 *   costs 1 + 50 + 50 + 500 = 601. The cost of a request is at least 1; a document whose
 *   fragments expand past MAX_VISITS selections costs Infinity.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  GraphQLList,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../db/pagination';

export const DEFAULT_LIST_SIZE = 10;

type Variables = Record<string, unknown> | null | undefined;

/** The integer an argument evaluates to, from a literal, a variable or the variable's default. */
function intValue(
  node: ValueNode,
  variables: Variables,
  operation: OperationDefinitionNode,
): number | undefined {
  if (node.kind === Kind.INT) return Number.parseInt(node.value, 10);
  if (node.kind !== Kind.VARIABLE) return undefined;
  const name = node.name.value;
  const value = variables?.[name];
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value !== undefined && value !== null) return undefined;
  const definition = operation.variableDefinitions?.find((v) => v.variable.name.value === name);
  const fallback = definition?.defaultValue;
  return fallback?.kind === Kind.INT ? Number.parseInt(fallback.value, 10) : undefined;
}

function listLength(node: ValueNode, variables: Variables): number | undefined {
  if (node.kind === Kind.LIST) return node.values.length;
  if (node.kind === Kind.VARIABLE) {
    const value = variables?.[node.name.value];
    if (Array.isArray(value)) return value.length;
  }
  return undefined;
}

/** Selections walked, fragments expanded, before the cost is taken to be unbounded. */
export const MAX_VISITS = 20_000;

interface Walk {
  visits: number;
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Variables;
  operation: OperationDefinitionNode;
}

function fieldsOf(type: GraphQLNamedType | undefined) {
  return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : undefined;
}

function selectionCost(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parentType: GraphQLNamedType | undefined,
  multiplier: number,
  pageSize: number | undefined,
  seen: Set<string>,
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    // fragments that spread others twice expand exponentially: such a document has no useful cost
    walk.visits += 1;
    if (walk.visits > MAX_VISITS) return Number.POSITIVE_INFINITY;
    if (selection.kind === Kind.FIELD) {
      const definition = fieldsOf(parentType)?.[selection.name.value];
      if (definition && !selection.name.value.startsWith('__')) {
        total += fieldCost(walk, selection, definition, multiplier, pageSize, seen);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition
        ? walk.schema.getType(selection.typeCondition.name.value)
        : parentType;
      total += selectionCost(walk, selection.selectionSet, type, multiplier, pageSize, seen);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      // a fragment spread inside itself never gets here (validation rejects cycles); `seen` guards anyway
      if (!fragment || seen.has(name)) continue;
      const type = walk.schema.getType(fragment.typeCondition.name.value);
      const inner = new Set(seen).add(name);
      total += selectionCost(walk, fragment.selectionSet, type, multiplier, pageSize, inner);
    }
  }
  return total;
}

function fieldCost(
  walk: Walk,
  node: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  multiplier: number,
  pageSize: number | undefined,
  seen: Set<string>,
): number {
  const named = getNamedType(definition.type);
  if (!isCompositeType(named)) return 0;
  let page: number | undefined;
  let ids: number | undefined;
  for (const argument of node.arguments ?? []) {
    const name = argument.name.value;
    if (name === 'first' || name === 'last') {
      const value = intValue(argument.value, walk.variables, walk.operation);
      page = Math.max(page ?? 0, Math.min(MAX_PAGE_SIZE, value ?? DEFAULT_PAGE_SIZE));
    } else if (name === 'ids') {
      ids = listLength(argument.value, walk.variables);
    }
  }
  if (page === undefined && definition.args.some((a) => a.name === 'first' || a.name === 'last')) {
    page = DEFAULT_PAGE_SIZE;
  }
  const isList = getNullableType(definition.type) instanceof GraphQLList;
  const occurs = isList ? (ids ?? page ?? pageSize ?? DEFAULT_LIST_SIZE) : 1;
  const count = multiplier * Math.max(0, occurs);
  // a paginated field passes its page size to the lists inside it (edges, nodes); a list uses it
  const innerPage = page !== undefined && !isList ? page : undefined;
  const inner = node.selectionSet
    ? selectionCost(walk, node.selectionSet, named, count, innerPage, seen)
    : 0;
  return count + inner;
}

/** Costs already computed, per schema and parsed document (Yoga hands a repeated text's document). */
const known = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();
/** variables longer than this as JSON are not remembered (an import's rows, say) */
const MAX_KEY_LENGTH = 1_024;
/** costs remembered per document (its distinct operation names and variables) */
const MAX_PER_DOCUMENT = 64;

/**
 * The cost of the operation `operationName` (or the only one) of a validated document. It depends
 * only on these arguments, so a repeated document with the same variables is priced once per
 * isolate (the walk was ~0.1 ms of a province request).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Variables,
  operationName?: string | null,
): number {
  const key = `${operationName ?? ''}\u0000${JSON.stringify(variables ?? null)}`;
  if (key.length > MAX_KEY_LENGTH) return walkCost(schema, document, variables, operationName);
  let documents = known.get(schema);
  if (!documents) {
    documents = new WeakMap();
    known.set(schema, documents);
  }
  let costs = documents.get(document);
  if (!costs) {
    costs = new Map();
    documents.set(document, costs);
  }
  const remembered = costs.get(key);
  if (remembered !== undefined) return remembered;
  const cost = walkCost(schema, document, variables, operationName);
  if (costs.size >= MAX_PER_DOCUMENT) costs.clear();
  costs.set(key, cost);
  return cost;
}

function walkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Variables,
  operationName?: string | null,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    } else if (definition.kind === Kind.OPERATION_DEFINITION) {
      operations.push(definition);
    }
  }
  const operation = operationName
    ? operations.find((candidate) => candidate.name?.value === operationName)
    : operations[0];
  if (!operation) return 1;
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const walk: Walk = { visits: 0, schema, fragments, variables, operation };
  const cost = selectionCost(
    walk,
    operation.selectionSet,
    root ?? undefined,
    1,
    undefined,
    new Set(),
  );
  return Math.max(1, cost);
}
