/** Indicators: named metrics with a unit and a direction. */
import { codeList } from './codes';
import { defineEntity } from './entity';

export const DIRECTIONS = codeList({ higher_is_better: {}, lower_is_better: {}, neutral: {} });

export interface Indicator {
  id: number;
  slug: string;
  nameFa: string;
  nameEn: string;
  unit: string;
  direction: (typeof DIRECTIONS.values)[number];
  descriptionEn: string | null;
}

export const indicators = defineEntity<Indicator>({
  kind: 'indicator',
  table: 'indicators',
  alias: 'i',
  search: 'indicator',
  columns: ['id', 'slug', 'name_fa', 'name_en', 'unit', 'direction', 'description_en'],
  notNull: ['slug', 'name_fa', 'name_en', 'unit', 'direction'],
});
