/** Indicators: named metrics with a unit and a direction. */
import type { Code } from './codes';
import { defineEntity } from './entity';

export interface Indicator {
  id: number;
  slug: string;
  nameFa: string;
  nameEn: string;
  unit: string;
  direction: Code<'directions'>;
  descriptionEn: string | null;
}

export const indicators = defineEntity<Indicator>({
  kind: 'indicator',
  alias: 'i',
  search: 'indicator',
  columns: ['id', 'slug!', 'name_fa!', 'name_en!', 'unit!', 'direction!', 'description_en'],
});
