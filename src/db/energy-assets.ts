/** Energy assets: power plants and their phases, with capacity in MW and its rating. */
import type { Db } from './client';
import type { Code } from './codes';
import { Conditions, type NumberRange, type SitedFilter } from './conditions';
import { defineEntity } from './entity';
import { sortedList } from './lists';
import type { SortColumn } from './ordering';
import type { Financing } from './projects';
import type { RegionWithLevels } from './regions';

/** How a capacity in MW is rated; MW(AC) and MW(DC, peak) are never added together. */
export type Rating = Code<'ratings'>;

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
  technology: Code<'technologies'>;
  capacityMw: number | null;
  /** how the capacity was stated: `more_than` makes it a lower bound; null when not recorded */
  capacityQualifier: Code<'qualifiers'> | null;
  rating: Rating;
  status: Code<'energyStatuses'>;
  owner: string | null;
  financing: Financing | null;
  startedOn: string | null;
  openedOn: string | null;
  sourceId: number | null;
  synthetic: number;
}

export const energyAssets = defineEntity<EnergyAsset>({
  kind: 'energy_asset',
  alias: 'e',
  search: 'energy_asset',
  columns: [
    'id',
    'slug!',
    'parent_id',
    'phase',
    'region_id!',
    'sector_id',
    'name_fa!',
    'name_en!',
    'location_fa',
    'location_en',
    'technology!',
    'capacity_mw',
    'rating!',
    'status!',
    'owner',
    'financing',
    'started_on',
    'opened_on',
    'source_id',
    'synthetic!',
    'capacity_qualifier',
  ],
  references: { parent: 'energy_asset', region: 'region', sector: 'sector', source: 'source' },
  region: 'region_id',
  parent: 'parent',
});

/** A plant built in phases counts through its phases: the leaves can be added up. */
export const LEAVES_ONLY =
  'NOT EXISTS (SELECT 1 FROM energy_assets child WHERE child.parent_id = e.id)';

export interface EnergyAssetFilter extends SitedFilter {
  technology?: readonly string[] | null;
  rating?: readonly string[] | null;
  status?: readonly string[] | null;
  capacityMw?: NumberRange | null;
  plantsOnly?: boolean | null;
}

export const ENERGY_ORDER_COLUMNS: Record<string, SortColumn> = {
  CAPACITY: { sql: 'e.capacity_mw', key: 'capacityMw', range: 'capacityMw' },
  STARTED_ON: { sql: 'e.started_on', key: 'startedOn', range: 'startedOn' },
  OPENED_ON: { sql: 'e.opened_on', key: 'openedOn', range: 'openedOn' },
};

/**
 * The SQL conditions of an energy asset filter, refusing bad values by name; `region`, when given,
 * is `filter.region` already looked up (`filterRegion`).
 */
export async function energyAssetConditions(
  db: Db,
  filter: EnergyAssetFilter | null | undefined,
  region?: RegionWithLevels | null,
) {
  const conditions = new Conditions();
  if (!filter) return conditions;
  (await conditions.sited(db, 'e', filter, region))
    // (column, id) indexes of each (migration 0005)
    .oneOf('e.technology', filter.technology, { keyed: true })
    .oneOf('e.rating', filter.rating, { keyed: true })
    .oneOf('e.status', filter.status, { keyed: true })
    .range('e.capacity_mw', 'capacityMw', filter.capacityMw, { min: 0 });
  if (filter.plantsOnly === true) conditions.add('e.parent_id IS NULL');
  if (filter.plantsOnly === false) conditions.add(LEAVES_ONLY);
  return conditions;
}

export const energyAssetList = sortedList(
  energyAssets,
  ENERGY_ORDER_COLUMNS,
  energyAssetConditions,
);
export const energyAssetOrdering = energyAssetList.ordering;

/** The phases of each plant, in phase order. */
export const phasesOfPlants = energyAssets.rowsOf('parent_id', 'e.phase, e.id', 'phases');
