/**
 * The one place a key's regions are checked. A write touches the region of every row it writes
 * (before and after an update) and the region of every row its input names (the references each
 * entity declares in its data module); the key must be allowed to write every one of them.
 */
import { regionWithin } from '../api-keys';
import { type Db, WRITE } from '../client';
import { ENTITIES } from '../entities';
import type { EntityKind } from '../entity';
import type { Writer } from './batch';
import { ForbiddenError } from './errors';
import type { SnakeRow } from './rows-json';

/** A region a write touches, and the input field that brought it in. */
export interface Touch {
  path: string[];
  regionId: number;
}

/** The row of `kind` whose columns are written, the path of its input, and which columns count. */
export interface Touching {
  row: SnakeRow;
  path: string[];
  /** only these columns' references count (an update's changed columns); all when absent */
  columns?: ReadonlySet<string>;
}

/** The region of each row of `kind` among `ids` (none for a kind without regions). */
export async function regionsOf(
  db: Db,
  kind: EntityKind,
  ids: readonly number[],
): Promise<Map<number, number>> {
  const { table, region } = ENTITIES[kind];
  if (!region || ids.length === 0) return new Map();
  const rows = await db.all<{ id: number; regionId: number | null }>(
    `SELECT id, ${region} AS regionId FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`,
    [JSON.stringify([...new Set(ids)])],
    WRITE,
  );
  return new Map(rows.flatMap((r) => (r.regionId === null ? [] : [[r.id, r.regionId]])));
}

/** The input field that sets a kind's own region column ('id' for a region itself). */
function ownRegionField(kind: EntityKind): string | null {
  const { region, references } = ENTITIES[kind];
  if (!region) return null;
  if (region === 'id') return 'id';
  return Object.entries(references).find(([, ref]) => ref.column === region)?.[0] ?? region;
}

/** Every region the rows touch: each row's own, and the region of each row a reference names. */
export async function regionsTouched(
  db: Db,
  kind: EntityKind,
  rows: readonly Touching[],
): Promise<Touch[]> {
  const entity = ENTITIES[kind];
  const own = ownRegionField(kind);
  const touches: Touch[] = [];
  // a row's own region comes last: when it was derived from a reference (a claim's from its
  // subject), the refusal names that reference
  const ownTouches: Touch[] = [];
  // references grouped by the kind they name, so each kind costs one query for all rows
  const named: { kind: EntityKind; id: number; path: string[] }[] = [];
  for (const { row, path, columns } of rows) {
    const regionId = entity.region ? row[entity.region] : null;
    if (own && typeof regionId === 'number') ownTouches.push({ path: [...path, own], regionId });
    for (const [field, ref] of Object.entries(entity.references)) {
      if (columns && !columns.has(ref.column)) continue;
      const id = row[ref.column];
      if (typeof id !== 'number' || ref.column === entity.region) continue;
      const target = 'kind' in ref ? ref.kind : (row[ref.kindColumn] as EntityKind);
      named.push({ kind: target, id, path: [...path, field] });
    }
  }
  for (const target of new Set(named.map((n) => n.kind))) {
    const of = named.filter((n) => n.kind === target);
    const regions = await regionsOf(
      db,
      target,
      of.map((n) => n.id),
    );
    for (const n of of) {
      const regionId = regions.get(n.id);
      if (regionId !== undefined) touches.push({ path: n.path, regionId });
    }
  }
  return [...touches, ...ownTouches];
}

/** Refuses the write (ForbiddenError REGION, naming the field) unless the key may write them all. */
export async function requireTouched(
  writer: Writer & { regionIds: number[] },
  touches: readonly Touch[],
): Promise<void> {
  const checked = new Map<number, boolean>();
  for (const { path, regionId } of touches) {
    if (!checked.has(regionId)) {
      checked.set(regionId, await regionWithin(writer.db, regionId, writer.regionIds));
    }
    if (checked.get(regionId)) continue;
    const rows = await writer.db.all<{ slug: string }>(
      `SELECT slug FROM regions WHERE id = ? OR id IN (SELECT value FROM json_each(?))
       ORDER BY id = ? DESC, slug`,
      [regionId, JSON.stringify(writer.regionIds), regionId],
      WRITE,
    );
    const [target, ...allowed] = rows.map((r) => r.slug);
    throw new ForbiddenError(
      `${path.join('.')} is in the region ${target}, which this API key may not write; it may write ${allowed.join(', ') || 'no region'} and the regions below.`,
      'REGION',
      path,
    );
  }
}

/** Checks the regions of rows of `kind` about to be written: see regionsTouched. */
export async function requireScope(
  writer: Writer & { regionIds: number[] },
  kind: EntityKind,
  rows: readonly Touching[],
): Promise<void> {
  await requireTouched(writer, await regionsTouched(writer.db, kind, rows));
}
