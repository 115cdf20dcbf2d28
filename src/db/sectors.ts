/** Sectors of the economy, in one tree (industry → footwear, ...). */
import type { Db } from './client';
import { defineEntity, MAX_PER_KEY, rowsForEach } from './entity';

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
    // sector_sources_source_id is (source_id, sector_id): the LIMIT stops the walk of each source
    `SELECT ostan_key.value AS sourceId, ${sectors.select}
     FROM json_each(?) ostan_key JOIN sectors s ON s.id IN (
       SELECT sector_id FROM sector_sources WHERE source_id = ostan_key.value ORDER BY sector_id LIMIT ${MAX_PER_KEY + 1})
     ORDER BY ostan_key.value, s.id`,
    'sectors',
  );

/** For each sector, the ids of the sources that name it, in source id order. */
export async function sourceIdsNamingSectors(db: Db, sectorIds: readonly number[]) {
  const lists = await rowsForEach<{ sectorId: number; sourceId: number }>(
    db,
    sectorIds,
    (row) => row.sectorId,
    // the primary key is (sector_id, source_id): the LIMIT stops the walk of each sector
    `SELECT ostan_key.value AS sectorId, src.id AS sourceId
     FROM json_each(?) ostan_key JOIN sources src ON src.id IN (
       SELECT source_id FROM sector_sources WHERE sector_id = ostan_key.value ORDER BY source_id LIMIT ${MAX_PER_KEY + 1})
     ORDER BY ostan_key.value, src.id`,
    'sources',
  );
  return lists.map((list) => list.map((row) => row.sourceId));
}
