/** Sectors of the economy, in one tree (industry → footwear, ...). */
import type { Db } from './client';
import { defineEntity, groupBy } from './entity';

export interface Sector {
  id: number;
  slug: string;
  parentId: number | null;
  nameFa: string;
  nameEn: string;
  isicCode: string | null;
  synthetic: number;
}

export const sectors = defineEntity<Sector>({
  kind: 'sector',
  table: 'sectors',
  alias: 's',
  search: 'sector',
  columns: ['id', 'slug', 'parent_id', 'name_fa', 'name_en', 'isic_code', 'synthetic'],
  references: { parent: { column: 'parent_id', kind: 'sector' } },
  parent: 'parent',
  notNull: ['slug', 'name_fa', 'name_en', 'synthetic'],
});

/** For each source, the sectors it names, in sector id order. */
export async function sectorsNamedBySources(
  db: Db,
  sourceIds: readonly number[],
): Promise<Sector[][]> {
  const rows = await db.all<Sector & { sourceId: number }>(
    `SELECT ss.source_id AS sourceId, ${sectors.select}
     FROM sector_sources ss JOIN sectors s ON s.id = ss.sector_id
     WHERE ss.source_id IN (SELECT value FROM json_each(?)) ORDER BY ss.source_id, s.id`,
    [JSON.stringify(sourceIds)],
  );
  return groupBy(sourceIds, rows, (row) => row.sourceId);
}

/** For each sector, the ids of the sources that name it, in source id order. */
export async function sourceIdsNamingSectors(
  db: Db,
  sectorIds: readonly number[],
): Promise<number[][]> {
  const rows = await db.all<{ sectorId: number; sourceId: number }>(
    `SELECT sector_id AS sectorId, source_id AS sourceId FROM sector_sources
     WHERE sector_id IN (SELECT value FROM json_each(?)) ORDER BY sector_id, source_id`,
    [JSON.stringify(sectorIds)],
  );
  return groupBy(sectorIds, rows, (row) => row.sectorId).map((list) =>
    list.map((row) => row.sourceId),
  );
}
