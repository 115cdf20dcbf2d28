/**
 * The built schema in lexicographic order, as graphql-js's `lexicographicSortSchema` orders it,
 * but sorted in place: that function rebuilds every type, field and argument (~15% of start-up's
 * `toSchema`, BENCHMARKS.md "Bundle and start-up"), while this reorders what Pothos built. Only
 * the order changes: the same type, field and resolver objects, so introspection answers as it did
 * (test/graphql/schema-order.test.ts compares it with `lexicographicSortSchema`).
 */
import {
  GraphQLDirective,
  type GraphQLNamedType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';

// graphql-js's naturalCompare (graphql/jsutils/naturalCompare), which lexicographicSortSchema
// sorts with: digit runs compare as numbers ("a2" before "a10")
function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    let aChar = a.charCodeAt(i);
    let bChar = b.charCodeAt(j);
    if (isDigit(aChar) && isDigit(bChar)) {
      let aNum = 0;
      do {
        ++i;
        aNum = aNum * 10 + aChar - 48;
        aChar = a.charCodeAt(i);
      } while (isDigit(aChar) && aNum > 0);
      let bNum = 0;
      do {
        ++j;
        bNum = bNum * 10 + bChar - 48;
        bChar = b.charCodeAt(j);
      } while (isDigit(bChar) && bNum > 0);
      if (aNum < bNum) return -1;
      if (aNum > bNum) return 1;
    } else {
      if (aChar < bChar) return -1;
      if (aChar > bChar) return 1;
      ++i;
      ++j;
    }
  }
  return a.length - b.length;
}

function isDigit(code: number): boolean {
  return !Number.isNaN(code) && code >= 48 && code <= 57;
}

const byName = (a: { name: string }, b: { name: string }) => naturalCompare(a.name, b.name);

/** Sorts a list graphql-js hands out as readonly: it is the type's own, read lazily once. */
function sortByName<T extends { name: string }>(list: readonly T[]): void {
  (list as T[]).sort(byName);
}

/** Reorders a field map's keys (graphql-js keeps them in a null-prototype object). */
function sortKeys(map: Record<string, unknown>): void {
  const entries = Object.entries(map).sort(([a], [b]) => naturalCompare(a, b));
  for (const [key] of entries) delete map[key];
  for (const [key, value] of entries) map[key] = value;
}

function sortType(type: GraphQLNamedType): void {
  if (isScalarType(type) || isIntrospectionType(type)) return;
  if (isObjectType(type) || isInterfaceType(type)) {
    sortByName(type.getInterfaces());
    const fields = type.getFields();
    for (const field of Object.values(fields)) sortByName(field.args);
    sortKeys(fields);
  } else if (isUnionType(type)) {
    sortByName(type.getTypes());
  } else if (isEnumType(type)) {
    sortByName(type.getValues());
  } else if (isInputObjectType(type)) {
    sortKeys(type.getFields());
  }
}

/** `schema` sorted as `lexicographicSortSchema(schema)` would be, reusing its types. */
export function sortedSchema(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const types = [...config.types].sort(byName);
  for (const type of types) sortType(type);
  // a new schema over the sorted types, as lexicographicSortSchema makes: its type map (and so
  // introspection's type list and possible types) follows their order
  return new GraphQLSchema({
    ...config,
    types,
    directives: [...config.directives].sort(byName).map((directive) => {
      const directiveConfig = directive.toConfig();
      return new GraphQLDirective({
        ...directiveConfig,
        locations: [...directiveConfig.locations].sort(naturalCompare),
        args: Object.fromEntries(
          Object.entries(directiveConfig.args).sort(([a], [b]) => naturalCompare(a, b)),
        ),
      });
    }),
  });
}
