/** Indicators: named metrics with a unit and a direction. */
import { defineTable } from './table';

export interface Indicator {
  id: number;
  slug: string;
  nameFa: string;
  nameEn: string;
  unit: string;
  direction: 'higher_is_better' | 'lower_is_better' | 'neutral';
  descriptionEn: string | null;
}

export const indicators = defineTable<Indicator>({
  table: 'indicators',
  alias: 'i',
  columns:
    'i.id, i.slug, i.name_fa AS nameFa, i.name_en AS nameEn, i.unit, i.direction, i.description_en AS descriptionEn',
});
