/** Regions: country, province, county and smaller places, in one tree. */
import { defineTable } from './table';

export type RegionKind =
  | 'country'
  | 'province'
  | 'county'
  | 'district'
  | 'city'
  | 'industrial_town'
  | 'industrial_zone'
  | 'site';

export interface Region {
  id: number;
  slug: string;
  kind: RegionKind;
  parentId: number | null;
  isoCode: string | null;
  nameFa: string;
  nameEn: string;
  areaKm2: number | null;
  areaSourceId: number | null;
  synthetic: number;
}

export const regions = defineTable<Region>({
  table: 'regions',
  alias: 'r',
  columns:
    'r.id, r.slug, r.kind, r.parent_id AS parentId, r.iso_code AS isoCode, r.name_fa AS nameFa, r.name_en AS nameEn, r.area_km2 AS areaKm2, r.area_source_id AS areaSourceId, r.synthetic',
});
