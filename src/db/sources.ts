/** Sources: the published reports every figure comes from. */
import type { Code } from './codes';
import { defineEntity } from './entity';

export interface Source {
  id: number;
  slug: string;
  kind: Code<'sourceKinds'>;
  publisher: string;
  titleEn: string | null;
  titleFa: string | null;
  url: string | null;
  language: 'fa' | 'en';
  publishedOn: string | null;
  publishedBasis: Code<'dateBases'> | null;
  note: string | null;
  synthetic: number;
}

export const sources = defineEntity<Source>({
  kind: 'source',
  alias: 'src',
  search: 'source',
  columns: [
    'id',
    'slug!',
    'kind!',
    'publisher!',
    'title_en',
    'title_fa',
    'url',
    'language!',
    'published_on',
    'published_basis',
    'note',
    'synthetic!',
  ],
});
