/**
 * Refuses introspection that recurses through the schema's own lists
 * (`__schema { types { fields { type { fields { ... } } } } }`): each level multiplies the work
 * by the number of types or fields, and no depth limit that still admits GraphiQL's introspection
 * query (depth 21) stops it. GraphiQL's query never repeats one of these lists on a path, so it
 * passes. graphql-armor has no rule for this.
 */
import {
  type ASTVisitor,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

const SCHEMA_LISTS = new Set([
  'types',
  'fields',
  'inputFields',
  'interfaces',
  'possibleTypes',
  'enumValues',
  'args',
]);

/** Selections walked per operation, fragments expanded, before the document is refused. */
export const MAX_VISITS = 20_000;

export function introspectionRecursionRule(context: ValidationContext): ASTVisitor {
  // walks each operation with its fragments expanded, so a cycle split across fragments is seen;
  // `visits` caps the walk, because fragments that spread others twice expand exponentially
  let visits = 0;
  function walk(
    selectionSet: SelectionSetNode,
    lists: readonly string[],
    inside: boolean,
    fragments: ReadonlySet<string>,
  ): boolean {
    for (const selection of selectionSet.selections) {
      visits += 1;
      if (visits > MAX_VISITS) {
        context.reportError(new GraphQLError('The document expands to too many selections.'));
        return false;
      }
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const entering = inside || name === '__schema' || name === '__type';
        let next = lists;
        if (entering && SCHEMA_LISTS.has(name)) {
          if (lists.includes(name)) {
            context.reportError(
              new GraphQLError(
                `Introspection may not nest "${name}" inside "${name}": ask for the types once and follow references by name.`,
                { nodes: selection },
              ),
            );
            return false;
          }
          next = [...lists, name];
        }
        if (selection.selectionSet && !walk(selection.selectionSet, next, entering, fragments)) {
          return false;
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!walk(selection.selectionSet, lists, inside, fragments)) return false;
      } else {
        const name = selection.name.value;
        const fragment = context.getFragment(name);
        // cycles are NoFragmentCyclesRule's to report
        if (!fragment || fragments.has(name)) continue;
        if (!walk(fragment.selectionSet, lists, inside, new Set(fragments).add(name))) return false;
      }
    }
    return true;
  }
  return {
    OperationDefinition(node) {
      walk(node.selectionSet, [], false, new Set());
      return false;
    },
  };
}
