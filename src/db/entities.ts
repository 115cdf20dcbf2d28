/** Every entity by kind: what the write engine, the change feed and the exports look up. */
import { ROWS_PER_JSON_KEY } from './bound-keys';
import { claims } from './claims';
import type { Db } from './client';
import { energyAssets } from './energy-assets';
import type { Entity, EntityKind } from './entity';
import { indicators } from './indicators';
import { plans, planTargets } from './plans';
import { projects } from './projects';
import { regions } from './regions';
import { sectors } from './sectors';
import { sources } from './sources';

export type { EntityKind } from './entity';

export const ENTITIES: Readonly<Record<EntityKind, Entity<{ id: number; slug: string }>>> = {
  source: sources,
  region: regions,
  sector: sectors,
  indicator: indicators,
  project: projects,
  energy_asset: energyAssets,
  plan: plans,
  claim: claims,
  plan_target: planTargets,
};

export const ENTITY_KINDS = Object.keys(ENTITIES) as EntityKind[];

/** The current version of each row of `kind` (what an update or delete must send back). */
export async function versionsOf(
  db: Db,
  kind: EntityKind,
  ids: readonly number[],
): Promise<(number | Error)[]> {
  const rows = await db.all<{ id: number; version: number }>(
    `SELECT id, version FROM ${ENTITIES[kind].table} WHERE id IN (SELECT value FROM json_each(?))`,
    [JSON.stringify(ids)],
    { rows: ids.length * ROWS_PER_JSON_KEY },
  );
  const byId = new Map(rows.map((r) => [r.id, r.version]));
  return ids.map((id) => byId.get(id) ?? new Error(`no ${kind} ${id}`));
}
