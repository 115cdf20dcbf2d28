/** Sectors of the economy, in one tree (industry → footwear, ...). */
import { defineTable } from './table';

export interface Sector {
  id: number;
  slug: string;
  parentId: number | null;
  nameFa: string;
  nameEn: string;
  isicCode: string | null;
  synthetic: number;
}

export const sectors = defineTable<Sector>({
  table: 'sectors',
  alias: 's',
  columns:
    's.id, s.slug, s.parent_id AS parentId, s.name_fa AS nameFa, s.name_en AS nameEn, s.isic_code AS isicCode, s.synthetic',
});
