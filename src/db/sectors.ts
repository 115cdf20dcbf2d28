/** Sectors of the economy, in one tree (industry → footwear, ...). */
import type { Db } from './client';
import { defineEntity, rowsForEach } from './entity';

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
  alias: 's',
  search: 'sector',
  columns: ['id', 'slug!', 'parent_id', 'name_fa!', 'name_en!', 'isic_code', 'synthetic!'],
  references: { parent: 'sector' },
  parent: 'parent',
});

/** For each source, the sectors it names, in sector id order. */
export const sectorsNamedBySources = (db: Db, sourceIds: readonly number[]) =>
  rowsForEach<Sector & { sourceId: number }>(
    db,
    sourceIds,
    (row) => row.sourceId,
    `SELECT ss.source_id AS sourceId, ${sectors.select}
     FROM sector_sources ss JOIN sectors s ON s.id = ss.sector_id
     WHERE ss.source_id IN (SELECT value FROM json_each(?)) ORDER BY ss.source_id, s.id`,
  );

/** For each sector, the ids of the sources that name it, in source id order. */
export async function sourceIdsNamingSectors(db: Db, sectorIds: readonly number[]) {
  const lists = await rowsForEach<{ sectorId: number; sourceId: number }>(
    db,
    sectorIds,
    (row) => row.sectorId,
    `SELECT sector_id AS sectorId, source_id AS sourceId FROM sector_sources
     WHERE sector_id IN (SELECT value FROM json_each(?)) ORDER BY sector_id, source_id`,
  );
  return lists.map((list) => list.map((row) => row.sourceId));
}
