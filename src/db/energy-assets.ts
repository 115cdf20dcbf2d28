/** Energy assets: power plants and their phases, with capacity in MW and its rating. */
import type { Db } from './client';
import { codeList } from './codes';
import { bounded, Conditions, type DateRange, type NumberRange } from './conditions';
import { defineEntity, groupBy } from './entity';
import type { ListSpec } from './lists';
import { buildOrdering, type OrderInput, type Ordering } from './ordering';
import type { Financing } from './projects';

export const TECHNOLOGIES = codeList({
  solar_pv: { fa: 'خورشیدی (فتوولتائیک)', en: 'Solar PV' },
  wind: { fa: 'بادی', en: 'Wind' },
  gas: { fa: 'گازی', en: 'Gas' },
  combined_cycle: { fa: 'سیکل ترکیبی', en: 'Combined cycle' },
  chp: { fa: 'تولید همزمان برق و حرارت', en: 'Combined heat and power' },
  hydro: { fa: 'برق‌آبی', en: 'Hydro' },
  other: { fa: 'سایر', en: 'Other' },
});
export type Technology = (typeof TECHNOLOGIES.values)[number];

export const ENERGY_STATUSES = codeList({
  operational: { fa: 'در حال بهره‌برداری', en: 'Operational' },
  under_construction: { fa: 'در حال ساخت', en: 'Under construction' },
  licensed: { fa: 'دارای مجوز', en: 'Licensed' },
  planned: { fa: 'برنامه‌ریزی‌شده', en: 'Planned' },
});
export type EnergyStatus = (typeof ENERGY_STATUSES.values)[number];

/** How a capacity in MW is rated; MW(AC) and MW(DC, peak) are never added together. */
export const RATINGS = codeList({
  ac: {
    fa: 'جریان متناوب (AC)',
    en: 'MW(AC)',
    description: 'Alternating-current (grid) rating.',
  },
  dc: {
    fa: 'جریان مستقیم/پیک (DC)',
    en: 'MW(DC, peak)',
    description: 'Direct-current / peak (MWp) rating.',
  },
  unknown: { fa: 'نامشخص', en: 'Unknown', description: 'The source does not say.' },
});
export type Rating = (typeof RATINGS.values)[number];

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

export const energyAssets = defineEntity<EnergyAsset>({
  kind: 'energy_asset',
  table: 'energy_assets',
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
  references: {
    parent: { column: 'parent_id', kind: 'energy_asset' },
    region: { column: 'region_id', kind: 'region' },
    sector: { column: 'sector_id', kind: 'sector' },
    source: { column: 'source_id', kind: 'source' },
  },
  region: 'region_id',
  parent: 'parent',
  notNull: [
    'slug',
    'region_id',
    'name_fa',
    'name_en',
    'technology',
    'rating',
    'status',
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
export async function phasesOfPlants(
  db: Db,
  plantIds: readonly number[],
): Promise<EnergyAsset[][]> {
  const rows = await db.all<EnergyAsset>(
    `SELECT ${energyAssets.select} FROM energy_assets e
     WHERE e.parent_id IN (SELECT value FROM json_each(?)) ORDER BY e.parent_id, e.phase, e.id`,
    [JSON.stringify(plantIds)],
  );
  return groupBy(plantIds, rows, (row) => row.parentId as number);
}
