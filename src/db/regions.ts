/** Regions: country, province, county and smaller places, in one tree. */
import type { Code } from './codes';
import { defineEntity } from './entity';
import { idOrderedList } from './lists';

export interface Region {
  id: number;
  slug: string;
  kind: Code<'regionKinds'>;
  parentId: number | null;
  isoCode: string | null;
  nameFa: string;
  nameEn: string;
  areaKm2: number | null;
  areaSourceId: number | null;
  synthetic: number;
}

export const regions = defineEntity<Region>({
  kind: 'region',
  alias: 'r',
  search: 'region',
  columns: [
    'id',
    'slug!',
    'kind!',
    'parent_id',
    'iso_code',
    'name_fa!',
    'name_en!',
    'area_km2',
    'area_source_id',
    'synthetic!',
  ],
  references: { parent: 'region', areaSource: 'source' },
  region: 'id',
  parent: 'parent',
});

export interface RegionFilter {
  kind?: Code<'regionKinds'> | null;
  rootsOnly?: boolean | null;
}

/** Regions in id order, optionally of one kind or only the roots. */
export const regionList = idOrderedList<Region, RegionFilter>(regions, (filter) => {
  const where: string[] = [];
  const params: string[] = [];
  if (filter?.kind) {
    where.push('r.kind = ?');
    params.push(filter.kind);
  }
  if (filter?.rootsOnly) where.push('r.parent_id IS NULL');
  return { where, params };
});
