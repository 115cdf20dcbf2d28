/** Lists under a region or sector that take in every row of its subtree (Region.projects, …). */
import type { ListSpec } from '../db/lists';
import { builder } from './builder';
import { type ConnectionRef, NESTED_PAGES, resolveChildList } from './lists';
import { Region } from './region';
import { Sector } from './sector';

const INDEXED_KINDS = new Set(['country', 'province', 'county']);

/**
 * Adds a filtered, sorted connection of a list's rows to Region and Sector, counting rows in the
 * whole subtree below each, batched across every parent in the page.
 */
export function addSubtreeLists<Row extends object, Filter>(spec: {
  field: string;
  connection: ConnectionRef;
  // biome-ignore lint/suspicious/noExplicitAny: the list's filter/orderBy args
  listArgs: any;
  list: ListSpec<Row, Filter>;
  alias: string;
  what: string;
}) {
  for (const [ref, tree] of [
    [Region, 'regions'],
    [Sector, 'sectors'],
  ] as const) {
    const column = `${spec.alias}.${tree === 'regions' ? 'region_id' : 'sector_id'}`;
    builder.objectField(ref, spec.field, (t) =>
      t.field({
        type: spec.connection,
        description: `${spec.what} here or in any ${tree === 'regions' ? 'region' : 'sub-sector'} below, filtered and sorted. ${NESTED_PAGES}`,
        args: { ...t.arg.connectionArgs(), ...spec.listArgs },
        resolve: (parent: { id: number; kind?: string }, args, ctx, info) =>
          resolveChildList(
            ctx,
            spec.list,
            args,
            info,
            { tree, column },
            parent.id,
            undefined,
            // a country, province or county has an index led by it (its own route)
            tree === 'regions' && INDEXED_KINDS.has(String(parent.kind)),
          ),
      }),
    );
  }
}
