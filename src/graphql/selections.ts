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

/** The fields selected directly below the field being resolved, in all its merged nodes. */
export function fieldSelections(info: GraphQLResolveInfo): FieldNode[] {
  return info.fieldNodes.flatMap((node) => selectedFields(node.selectionSet, info));
}
