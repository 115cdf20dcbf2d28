/** Regions: country, province, county and smaller places, in one tree. */
import { ROWS_PER_KEY } from './bound-keys';
import type { Db } from './client';
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

/** A region with the province and county it lies in (region_levels: itself where it is one). */
export interface RegionWithLevels {
  id: number;
  kind: Code<'regionKinds'>;
  parentId: number | null;
  /** null above province level */
  provinceId: number | null;
  /** null above county level */
  countyId: number | null;
}

/**
 * Regions already found in a request, by its handle and slug: a request that names a region twice
 * (an export's conditions and its price, aliases filtering by one region) reads it once. No
 * mutation writes regions (migrations and seeds do), so what a request found stands for it.
 */
const found = new WeakMap<Db, Map<string, RegionWithLevels>>();

/** The region of `slug` and its levels in one statement; null when no region has the slug. */
export async function regionWithLevels(db: Db, slug: string): Promise<RegionWithLevels | null> {
  let known = found.get(db);
  const hit = known?.get(slug);
  if (hit) return hit;
  const region = await db.first<RegionWithLevels>(
    `SELECT r.id, r.kind, r.parent_id AS parentId, l.province_id AS provinceId, l.county_id AS countyId
     FROM regions r LEFT JOIN region_levels l ON l.region_id = r.id WHERE r.slug = ?`,
    [slug],
    // the region by its unique slug, its levels by primary key
    { rows: 2 * ROWS_PER_KEY },
  );
  if (region) {
    if (!known) {
      known = new Map();
      found.set(db, known);
    }
    known.set(slug, region);
  }
  return region;
}

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
