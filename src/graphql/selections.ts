/**
 * What a query selects below the field being resolved, as the executor will run it: through
 * fragments and inline fragments, leaving out what `@skip` / `@include` leave out for this
 * request's variables. The one walk of a selection that resolvers look ahead with (a connection's
 * count, the references its nodes select).
 */
import {
  type FieldNode,
  GraphQLIncludeDirective,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getDirectiveValues,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** Whether @skip / @include leave a selection in, for this request's variables. */
function included(node: SelectionNode, info: GraphQLResolveInfo): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) {
    return false;
  }
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

/** The fields `set` selects directly (fragments spread into it), in order. */
export function selectedFields(
  set: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  into: FieldNode[] = [],
  depth = 0,
): FieldNode[] {
  // validation refuses fragment cycles; the depth only bounds a walk of nested spreads
  if (!set || depth > 8) return into;
  for (const selection of set.selections) {
    if (!included(selection, info)) continue;
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      selectedFields(selection.selectionSet, info, into, depth + 1);
    } else {
      selectedFields(info.fragments[selection.name.value]?.selectionSet, info, into, depth + 1);
    }
  }
  return into;
}

/**
 * Look-ahead answers kept per `info.fieldNodes` array. Such an array stands for one field's place
 * in one document, and every parent at that place shares it: graphql-js makes it per request,
 * so a document with `@skip`/`@include` is answered afresh for each request's variables; the
 * planned executor (src/graphql/execute.ts) keeps it, frozen, for every request of a document it
 * plans, and it plans only documents without directives, whose selections no variable changes.
 * So a page resolved for each of a hundred parents walks its selection once, not a hundred times.
 */
export function perFieldNodes<T>(compute: (info: GraphQLResolveInfo) => T) {
  const kept = new WeakMap<readonly FieldNode[], T>();
  return (info: GraphQLResolveInfo): T => {
    let value = kept.get(info.fieldNodes);
    if (value === undefined) {
      value = compute(info);
      kept.set(info.fieldNodes, value);
    }
    return value;
  };
}

/** The fields selected directly below the field being resolved, in all its merged nodes. */
export const fieldSelections = perFieldNodes((info): readonly FieldNode[] =>
  Object.freeze(info.fieldNodes.flatMap((node) => selectedFields(node.selectionSet, info))),
);
