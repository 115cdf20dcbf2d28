/**
 * References: a node's field naming another node by a key its row holds (a project's region, a
 * claim's source). Declared with `reference()`, such a field resolves through the referenced
 * type's request loader, as any loadable field does, unless the page that holds the row has
 * already loaded what it names: a page whose nodes select a reference loads the referenced rows
 * with the page (`loadReferences`: the loader's own statement, one per field and page, as the
 * fields' loads in one tick would send), and each node's field then resolves at once, instead of
 * a promise per node that the executor would wait on (and on its object, its list, its page).
 */
import type DataLoader from 'dataloader';
import { type GraphQLResolveInfo, getNamedType, isObjectType } from 'graphql';
import type { Context } from './context';
import { fieldSelections, perFieldNodes, selectedFields } from './selections';

/** A loadable node type (Pothos's `loadableNodeRef`): its name and its request loader. */
export interface Loadable {
  name: string;
  getDataloader(ctx: Context): DataLoader<number, unknown>;
}

/** What a reference field keeps in its extensions, for `loadReferences`. */
interface ReferenceExtension {
  target: Loadable;
  key: (row: never) => number | null;
}

/** The extensions key of a reference field. */
const EXTENSION = 'ostanReference';

/** Per request: rows loaded with pages, by the referenced type's name and id. */
const loadedRows = new WeakMap<Context, Map<string, Map<number, unknown>>>();

function loaded(ctx: Context, type: string): Map<number, unknown> {
  let byType = loadedRows.get(ctx);
  if (!byType) {
    byType = new Map();
    loadedRows.set(ctx, byType);
  }
  let rows = byType.get(type);
  if (!rows) {
    rows = new Map();
    byType.set(type, rows);
  }
  return rows;
}

/**
 * A reference field's resolver and extensions: `key` reads the referenced id from the row (null:
 * no reference). Spread into `t.field({ type: target, ...reference(target, key) })`.
 */
export function reference<Row, Id extends number | null>(target: Loadable, key: (row: Row) => Id) {
  const extension: ReferenceExtension = { target, key };
  return {
    extensions: { [EXTENSION]: extension },
    resolve: (row: Row, _args: object, ctx: Context): Id => {
      const id = key(row);
      if (id === null) return id;
      // the row itself when its page loaded it (the dataloader plugin passes an object on as it
      // is), else the id, which the plugin loads; typed as the id, which the field's type takes
      return (loadedRows.get(ctx)?.get(target.name)?.get(id) as Id | undefined) ?? id;
    },
  };
}

/** The reference a field was declared with, if any. */
export function referenceOf(extensions: Readonly<Record<string, unknown>> | null | undefined) {
  return (extensions?.[EXTENSION] as ReferenceExtension | undefined) ?? null;
}

/** The names of the fields the connection being resolved selects on its nodes. */
const nodeFields = perFieldNodes((info): ReadonlySet<string> => {
  const connection = fieldSelections(info);
  const nodes = [
    ...connection.filter((field) => field.name.value === 'nodes'),
    ...connection
      .filter((field) => field.name.value === 'edges')
      .flatMap((edges) => selectedFields(edges.selectionSet, info))
      .filter((field) => field.name.value === 'node'),
  ];
  return new Set(
    nodes.flatMap((node) => selectedFields(node.selectionSet, info)).map((f) => f.name.value),
  );
});

/**
 * For a connection being resolved whose page holds `rows`: the rows its nodes' selected reference
 * fields name, loaded through each referenced type's request loader and kept for the request, so
 * that those fields resolve at once. A row the loader cannot give (none, or an error) is left to
 * the field, which then fails or answers null as it would have without this.
 */
export async function loadReferences(
  ctx: Context,
  info: GraphQLResolveInfo,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return;
  const nodeField = connection.getFields().nodes;
  const node = nodeField && getNamedType(nodeField.type);
  if (!node || !isObjectType(node)) return;
  const fields = node.getFields();
  const loads: Promise<void>[] = [];
  for (const name of nodeFields(info)) {
    const ref = referenceOf(fields[name]?.extensions);
    if (!ref) continue;
    const ids = new Set<number>();
    for (const row of rows) {
      const id = ref.key(row as never);
      if (id !== null) ids.add(id);
    }
    if (ids.size === 0) continue;
    const keys = [...ids];
    const into = loaded(ctx, ref.target.name);
    loads.push(
      ref.target
        .getDataloader(ctx)
        .loadMany(keys)
        .then((found) => {
          found.forEach((row, i) => {
            if (row != null && !(row instanceof Error)) into.set(keys[i] as number, row);
          });
        }),
    );
  }
  await Promise.all(loads);
}
