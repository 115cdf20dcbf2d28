/** Energy assets: power plants and their phases, with capacity in MW and its rating. */
import type { Db } from './client';
import type { Code } from './codes';
import { bounded, Conditions, type DateRange, type NumberRange } from './conditions';
import { defineEntity } from './entity';
import type { ListSpec } from './lists';
import { buildOrdering, type OrderInput, type Ordering } from './ordering';
import type { Financing } from './projects';

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
    'slug',
    'parent_id',
    'phase',
    'region_id',
    'sector_id',
    'name_fa',
    'name_en',
    'location_fa',
    'location_en',
    'technology',
    'capacity_mw',
    'rating',
    'status',
    'owner',
    'financing',
    'started_on',
    'opened_on',
    'source_id',
    'synthetic',
  ],
});

/** A plant built in phases counts through its phases: the leaves can be added up. */
export const LEAVES_ONLY =
  'NOT EXISTS (SELECT 1 FROM energy_assets child WHERE child.parent_id = e.id)';

export interface EnergyAssetFilter {
  region?: string | null;
  sector?: string | null;
  technology?: readonly string[] | null;
  rating?: readonly string[] | null;
  status?: readonly string[] | null;
  capacityMw?: NumberRange | null;
  startedOn?: DateRange | null;
  openedOn?: DateRange | null;
  plantsOnly?: boolean | null;
  synthetic?: boolean | null;
}

export const ENERGY_ORDER_COLUMNS: Record<string, [string, string]> = {
  CAPACITY: ['e.capacity_mw', 'capacityMw'],
  STARTED_ON: ['e.started_on', 'startedOn'],
  OPENED_ON: ['e.opened_on', 'openedOn'],
};

export function energyAssetOrdering(
  order: OrderInput | null | undefined,
  lang: 'fa' | 'en',
  filter?: EnergyAssetFilter | null,
): Ordering {
  const ranged = new Set<string>();
  if (bounded(filter?.capacityMw)) ranged.add('CAPACITY');
  if (bounded(filter?.startedOn)) ranged.add('STARTED_ON');
  if (bounded(filter?.openedOn)) ranged.add('OPENED_ON');
  return buildOrdering('e', ENERGY_ORDER_COLUMNS, order, lang, ranged);
}

export async function energyAssetConditions(db: Db, filter: EnergyAssetFilter | null | undefined) {
  const conditions = new Conditions();
  if (!filter) return conditions;
  await conditions.trees(db, 'e', filter);
  conditions
    .oneOf('e.technology', filter.technology)
    .oneOf('e.rating', filter.rating)
    .oneOf('e.status', filter.status)
    .range('e.capacity_mw', 'capacityMw', filter.capacityMw, { min: 0 })
    .dates('e.started_on', 'startedOn', filter.startedOn)
    .dates('e.opened_on', 'openedOn', filter.openedOn);
  if (filter.plantsOnly === true) conditions.add('e.parent_id IS NULL');
  if (filter.plantsOnly === false) conditions.add(LEAVES_ONLY);
  return conditions.flag('e.synthetic', filter.synthetic);
}

export const energyAssetList: ListSpec<EnergyAsset, EnergyAssetFilter> = {
  source: energyAssets.list,
  ordering: energyAssetOrdering,
  conditions: energyAssetConditions,
};

/** The phases of each plant, in phase order. */
export const phasesOfPlants = energyAssets.rowsOf('parent_id', 'e.phase, e.id');
