/**
 * The served schema in lexicographic order, as graphql-js's `lexicographicSortSchema` orders it,
 * but sorted in place: that function rebuilds every type, field and argument (~15% of start-up's
 * `toSchema`, BENCHMARKS.md "Bundle and start-up"), while this reorders what Pothos built. Only
 * the order changes: the same type, field and resolver objects. Nothing a request does reads the
 * order but introspection, so the sort is left out of start-up and done once, before the first
 * document that graphql-js's own executor runs (src/graphql/execute.ts: every introspection
 * document is one). test/graphql/schema.test.ts compares what introspection answers, over HTTP,
 * with `lexicographicSortSchema`.
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
  specifiedDirectives,
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

const sorted = new WeakSet<GraphQLSchema>();

/** Puts `map`'s keys in the order of `keys` (graphql-js keeps maps in null-prototype objects). */
function reorderKeys(map: Record<string, unknown>, keys: readonly string[]): void {
  const entries = keys.map((key) => [key, map[key]] as const);
  for (const key of Object.keys(map)) delete map[key];
  for (const [key, value] of entries) map[key] = value;
}

/** Replaces the items of a list graphql-js hands out as readonly, in place. */
function replaceItems<T>(list: readonly T[], items: readonly T[]): void {
  (list as T[]).splice(0, list.length, ...items);
}

/** Sorts `schema` in place, once, into the order `lexicographicSortSchema(schema)` has. */
export function sortSchemaOnce(schema: GraphQLSchema): void {
  if (sorted.has(schema)) return;
  sorted.add(schema);
  const config = schema.toConfig();
  const types = [...config.types].sort(byName);
  for (const type of types) sortType(type);
  // a schema over the sorted types, as lexicographicSortSchema makes, gives the orders graphql-js
  // derives from them (its type map collects each type's references after it; each interface's
  // implementations follow the type map): the served schema takes them over
  const ordered = new GraphQLSchema({ ...config, types });
  reorderKeys(schema.getTypeMap() as Record<string, unknown>, Object.keys(ordered.getTypeMap()));
  for (const type of Object.values(ordered.getTypeMap())) {
    if (!isInterfaceType(type)) continue;
    const served = schema.getImplementations(type);
    const implementations = ordered.getImplementations(type);
    replaceItems(served.objects, implementations.objects);
    replaceItems(served.interfaces, implementations.interfaces);
  }
}

/**
 * graphql-js's specified directives sorted as lexicographicSortSchema sorts them, for the schema
 * to be built with: a schema's list of directives cannot be reordered once it is built.
 */
export function sortedDirectives(): GraphQLDirective[] {
  return [...specifiedDirectives].sort(byName).map((directive) => {
    const config = directive.toConfig();
    return new GraphQLDirective({
      ...config,
      locations: [...config.locations].sort(naturalCompare),
      args: Object.fromEntries(
        Object.entries(config.args).sort(([a], [b]) => naturalCompare(a, b)),
      ),
    });
  });
}
