/** Energy assets: power plants and their phases, with capacity in MW and its rating. */
import type { Db } from './client';
import type { Financing } from './projects';
import { defineTable, groupBy } from './table';

export type Technology = 'solar_pv' | 'wind' | 'gas' | 'combined_cycle' | 'chp' | 'hydro' | 'other';
export type EnergyStatus = 'operational' | 'under_construction' | 'licensed' | 'planned';
export type Rating = 'ac' | 'dc' | 'unknown';

export interface EnergyAsset {
  id: number;
  slug: string;
  parentId: number | null;
  phase: number | null;
  regionId: number;
  sectorId: number | null;
  nameFa: string;
  nameEn: string;
  locationFa: string | null;
  locationEn: string | null;
  technology: Technology;
  capacityMw: number | null;
  rating: Rating;
  status: EnergyStatus;
  owner: string | null;
  financing: Financing | null;
  startedOn: string | null;
  openedOn: string | null;
  sourceId: number | null;
  synthetic: number;
}

const ENERGY_ASSET_COLUMNS =
  'e.id, e.slug, e.parent_id AS parentId, e.phase, e.region_id AS regionId, e.sector_id AS sectorId, e.name_fa AS nameFa, e.name_en AS nameEn, e.location_fa AS locationFa, e.location_en AS locationEn, e.technology, e.capacity_mw AS capacityMw, e.rating, e.status, e.owner, e.financing, e.started_on AS startedOn, e.opened_on AS openedOn, e.source_id AS sourceId, e.synthetic';

export const energyAssets = defineTable<EnergyAsset>({
  table: 'energy_assets',
  alias: 'e',
  columns: ENERGY_ASSET_COLUMNS,
});

/** The phases of each plant, in phase order. */
export async function phasesOfPlants(
  db: Db,
  plantIds: readonly number[],
): Promise<EnergyAsset[][]> {
  const rows = await db.all<EnergyAsset>(
    `SELECT ${ENERGY_ASSET_COLUMNS} FROM energy_assets e
     WHERE e.parent_id IN (SELECT value FROM json_each(?)) ORDER BY e.parent_id, e.phase, e.id`,
    [JSON.stringify(plantIds)],
  );
  return groupBy(plantIds, rows, (row) => row.parentId as number);
}
